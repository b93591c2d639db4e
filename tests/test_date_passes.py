"""The document-level date passes alone (pipeline/dates/passes.py), on
mentions built by hand: what one mention tells about another."""
from __future__ import annotations

from pipeline.dates.calendars import GREG, JAL
from pipeline.dates.lexicon import lexicon
from pipeline.dates.parts import DateParts, Dated
from pipeline.dates.passes import (complete, fill_years_from_same_day, join_ranges, merge_paired, share_year,
                                   year_from_paragraph)
from pipeline.document import DateMention


def dated(text: str, piece: str, value: str, parts: DateParts | None, after: int = 0) -> Dated:
    """A mention of ``piece`` (its first occurrence at or after ``after``)."""
    start = text.index(piece, after)
    cal = parts.calendar if parts else GREG
    return Dated(DateMention(start, start + len(piece), piece, value=value, calendar=cal, rule="test"), parts)


def test_a_yearless_day_takes_the_year_the_document_writes_it_with():
    text = "۲۲ بهمن ۱۳۸۲ ... در سالروز ۲۲ بهمن"
    ds = [dated(text, "۲۲ بهمن ۱۳۸۲", "2004-02-11", DateParts(JAL, 1382, 11, 22)),
          dated(text, "۲۲ بهمن", "J:XXXX-11-22", DateParts(JAL, None, 11, 22), after=10)]
    fill_years_from_same_day(ds)
    assert [d.mention.value for d in ds] == ["2004-02-11", "2004-02-11"]


def test_no_year_is_taken_when_the_document_writes_the_day_with_two_years():
    text = "۲۲ بهمن ۱۳۸۲ و ۲۲ بهمن ۱۴۰۲ و ۲۲ بهمن"
    ds = [dated(text, "۲۲ بهمن ۱۳۸۲", "2004-02-11", DateParts(JAL, 1382, 11, 22)),
          dated(text, "۲۲ بهمن ۱۴۰۲", "2024-02-11", DateParts(JAL, 1402, 11, 22)),
          dated(text, "۲۲ بهمن", "J:XXXX-11-22", DateParts(JAL, None, 11, 22), after=28)]
    fill_years_from_same_day(ds)
    assert ds[2].mention.value == "J:XXXX-11-22"


def test_two_days_joined_by_a_range_word_are_one_range_with_its_opening_word():
    text = "از ۲۸ دسامبر تا ۲ ژانویه ۲۰۲۵ برگزار شد"
    ds = [dated(text, "۲۸ دسامبر", "XXXX-12-28", DateParts(GREG, None, 12, 28)),
          dated(text, "۲ ژانویه ۲۰۲۵", "2025-01-02", DateParts(GREG, 2025, 1, 2))]
    [joined] = join_ranges(text, ds, lexicon())
    m = joined.mention
    # the first day, later in the year than the second, is in the year before
    assert (m.text, m.value, m.rule, joined.parts) == ("از ۲۸ دسامبر تا ۲ ژانویه ۲۰۲۵", "2024-12-28/2025-01-02",
                                                        "date_range", None)


def test_days_joined_by_and_are_not_a_range():
    text = "۲۸ دسامبر و ۲ ژانویه ۲۰۲۵"
    ds = [dated(text, "۲۸ دسامبر", "XXXX-12-28", DateParts(GREG, None, 12, 28)),
          dated(text, "۲ ژانویه ۲۰۲۵", "2025-01-02", DateParts(GREG, 2025, 1, 2))]
    assert join_ranges(text, ds, lexicon()) == ds


def test_a_year_written_once_after_a_list_of_days_belongs_to_all_of_them():
    text = "در ۱۰ مارس و ۱۵ مارس و ۲۰ آوریل ۲۰۲۵"
    ds = [dated(text, "۱۰ مارس", "XXXX-03-10", DateParts(GREG, None, 3, 10)),
          dated(text, "۱۵ مارس", "XXXX-03-15", DateParts(GREG, None, 3, 15)),
          dated(text, "۲۰ آوریل ۲۰۲۵", "2025-04-20", DateParts(GREG, 2025, 4, 20))]
    share_year(text, ds, lexicon())
    assert [d.mention.value for d in ds] == ["2025-03-10", "2025-03-15", "2025-04-20"]
    assert ds[0].parts == DateParts(GREG, 2025, 3, 10)


def test_a_year_is_not_shared_across_a_sentence_end():
    text = "در ۱۵ مارس. سپس ۲۰ آوریل ۲۰۲۵"
    ds = [dated(text, "۱۵ مارس", "XXXX-03-15", DateParts(GREG, None, 3, 15)),
          dated(text, "۲۰ آوریل ۲۰۲۵", "2025-04-20", DateParts(GREG, 2025, 4, 20))]
    share_year(text, ds, lexicon())
    assert ds[0].mention.value == "XXXX-03-15"


def test_a_yearless_day_takes_the_one_year_its_paragraph_named_before_it():
    text = "در سال ۲۰۲۴ ... روز ۱۵ مارس\nو روز ۱۶ مارس"
    ds = [dated(text, "۲۰۲۴", "2024", None),
          dated(text, "۱۵ مارس", "XXXX-03-15", DateParts(GREG, None, 3, 15)),
          dated(text, "۱۶ مارس", "XXXX-03-16", DateParts(GREG, None, 3, 16))]
    year_from_paragraph(text, ds)
    # the next paragraph does not see the year
    assert [d.mention.value for d in ds] == ["2024", "2024-03-15", "XXXX-03-16"]


def test_two_years_in_the_paragraph_leave_the_day_yearless():
    text = "۲۰۲۳ و ۲۰۲۴ ... روز ۱۵ مارس"
    ds = [dated(text, "۲۰۲۳", "2023", None), dated(text, "۲۰۲۴", "2024", None),
          dated(text, "۱۵ مارس", "XXXX-03-15", DateParts(GREG, None, 3, 15))]
    year_from_paragraph(text, ds)
    assert ds[2].mention.value == "XXXX-03-15"


def test_a_date_restated_in_parentheses_is_one_mention_completing_the_year():
    text = "۸ می (۱۸ اردیبهشت ۱۳۹۴)"
    ds = [dated(text, "۸ می", "XXXX-05-08", DateParts(GREG, None, 5, 8)),
          dated(text, "۱۸ اردیبهشت ۱۳۹۴", "2015-05-08", DateParts(JAL, 1394, 2, 18))]
    [m] = merge_paired(text, [d.mention for d in ds])
    assert (m.text, m.value) == ("۸ می", "2015-05-08")


def test_complete_joins_ranges_before_looking_for_a_paragraph_year():
    # a joined range keeps no date parts, so its year does not reach a later
    # yearless day of the paragraph (with the passes in another order it would)
    text = "از ۲۸ فوریه تا ۲ مارس ۲۰۲۴، و ۵ مارس"
    ds = [dated(text, "۲۸ فوریه", "XXXX-02-28", DateParts(GREG, None, 2, 28)),
          dated(text, "۲ مارس ۲۰۲۴", "2024-03-02", DateParts(GREG, 2024, 3, 2)),
          dated(text, "۵ مارس", "XXXX-03-05", DateParts(GREG, None, 3, 5))]
    out = complete(text, ds, lexicon())
    assert [(m.text, m.value, m.rule) for m in out] == [
        ("از ۲۸ فوریه تا ۲ مارس ۲۰۲۴", "2024-02-28/2024-03-02", "date_range"),
        ("۵ مارس", "XXXX-03-05", "test")]


def test_two_months_with_their_years_joined_by_a_range_word_are_one_range():
    text = "عملکرد شورا (تیر ۹۸ تا مهر ماه ۹۸) ارزیابی شد."
    ds = [dated(text, "تیر ۹۸", "2019-06-22/2019-07-22", DateParts(JAL, 1398, 4, None)),
          dated(text, "مهر ماه ۹۸", "2019-09-23/2019-10-22", DateParts(JAL, 1398, 7, None))]
    [joined] = join_ranges(text, ds, lexicon())
    assert (joined.mention.text, joined.mention.value) == ("تیر ۹۸ تا مهر ماه ۹۸", "2019-06-22/2019-10-22")
    backwards = [dated(text, "تیر ۹۸", "", DateParts(JAL, 1398, 7, None)),
                 dated(text, "مهر ماه ۹۸", "", DateParts(JAL, 1398, 4, None))]
    assert len(join_ranges(text, backwards, lexicon())) == 2      # the later month first: no range
