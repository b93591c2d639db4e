"""The date rules one at a time: a rule's pattern on a phrase, and what its
``interpret`` makes of the match (pipeline/dates/rules.py). The corpus test
(test_corpus.py) runs the whole component; these pin each rule's meaning."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest
import regex

from pipeline.dates.calendars import GREG, HIJ, JAL
from pipeline.dates.lexicon import lexicon
from pipeline.dates.fragments import fragments
from pipeline.dates.matching import (_around_month_words, candidates, choose, matches_from, month_word_hits,
                                     month_word_spans)
from pipeline.dates.parts import Candidate, DateParts, Reading
from pipeline.dates.rules import (A_DIGIT, FOUR_DIGITS, MONTH_GROUP, RULES, TWO_DIGITS, Context, date_rules,
                                  rule_named)
from pipeline.normalize import make_view
from pipeline.wordlists import read_yaml

SATURDAY = dt.date(2024, 6, 15)   # 26 Khordad 1403


def _match(rule: str, text: str):
    view = make_view(text).text
    m = rule_named(rule).pattern.search(view)
    return m, view


def read(rule: str, text: str, doc_date: dt.date | None = None) -> Reading | None:
    """What ``rule`` alone makes of the first place it matches in ``text``."""
    m, view = _match(rule, text)
    assert m is not None, f"{rule} does not match {text!r}"
    return rule_named(rule).interpret(m, Context.of(view, doc_date, lexicon()))


# ------------------------------------------------------------- the table

def test_rule_names_are_unique_and_every_pattern_compiles():
    names = [r.name for r in date_rules()]
    assert len(names) == len(set(names)) == len(RULES)
    assert all(r.pattern is not None for r in date_rules())


def test_rules_searched_around_a_month_word_capture_that_word():
    # matching.py keeps a windowed match only when its `month` group is the month word
    for rule in date_rules():
        assert ("month" in rule.pattern.groupindex) == rule.around_month_word, rule.name
        assert not rule.needs_number or rule.around_month_word, rule.name


def test_an_unknown_rule_name_is_an_error():
    with pytest.raises(KeyError):
        rule_named("no_such_rule")


# ------------------------------------------------------------ month names

def test_day_month_year_gregorian():
    assert read("day_month_year", "روز ۱۸ دسامبر ۲۰۲۴ در هانوی") == \
        Reading("2024-12-18", GREG, parts=DateParts(GREG, 2024, 12, 18))


def test_day_month_year_jalali_is_converted():
    assert read("day_month_year", "۲۲ بهمن ۱۳۸۲") == Reading("2004-02-11", JAL, parts=DateParts(JAL, 1382, 11, 22))


def test_a_marker_of_another_calendar_cancels_the_date():
    assert read("day_month_year", "۱۸ دسامبر ۲۰۲۴ هجری شمسی") is None
    assert read("day_month_year", "۱۸ دسامبر ۲۰۲۴ میلادی").value == "2024-12-18"


def test_a_yearless_day_takes_the_document_year_only_when_it_is_known():
    assert read("day_month_year", "۱۵ مهر امسال").value == "J:XXXX-07-15"
    assert read("day_month_year", "۱۵ مهر امسال", SATURDAY).parts == DateParts(JAL, 1403, 7, 15)


def test_ordinal_day():
    assert read("ordinal_day_month_year", "اول مهر ۱۴۰۳").parts == DateParts(JAL, 1403, 7, 1)


def test_month_year_is_a_month_interval_outside_the_gregorian_calendar():
    assert read("month_year", "آبان ۹۴") == Reading("2015-10-23/2015-11-21", JAL, parts=DateParts(JAL, 1394, 8, None))
    assert read("month_year", "مارس ۲۰۲۲").value == "2022-03"


def test_an_everyday_month_word_before_two_digits_is_an_amount():
    assert read("month_year", "میزان 15") is None      # «میزان» is also «amount»
    assert read("month_year", "میزان ۱۴۰۳") is not None


def test_a_cue_makes_even_an_everyday_month_word_a_month():
    assert read("month_with_cue", "اوایل دی") == Reading("J:XXXX-10", JAL, parts=DateParts(JAL, None, 10, None))
    assert read("named_month", "ماه مبارک رمضان") == Reading("H:XXXX-09", HIJ, parts=DateParts(HIJ, None, 9, None))


def test_month_mah_alone_needs_a_month_that_is_not_an_afghan_everyday_word():
    assert read("month_mah", "آبان ماه").value == "J:XXXX-08"
    assert read("month_mah", "دی ماه").value == "J:XXXX-10"
    assert read("month_mah", "به میزان ماه گذشته") is None   # "as much as last month"


def test_month_with_a_relative_year_counts_from_the_document_date_or_is_yearless():
    assert read("month_mah", "اردیبهشت ماه سال گذشته", SATURDAY).value == "2023-04-21/2023-05-21"
    assert read("month_mah", "اردیبهشت ماه سال گذشته").value == "J:XXXX-02"
    assert read("month_relative_year", "اکتبر سال آینده", SATURDAY).value == "2025-10"
    assert read("month_relative_year", "اکتبر سال گذشته").value == "XXXX-10"
    assert read("month_relative_year", "میزان سال گذشته") is None   # "the amount of last year"
    assert read("month_relative_year", "بهمن سال گذشته") is None    # maybe a name; «بهمن ماه» is the month


def test_a_bare_relative_word_is_the_nearest_such_day():
    assert read("day_month_year", "در ۷ ژوئن گذشته", dt.date(2024, 12, 1)).value == "2024-06-07"
    assert read("day_month_year", "در ۷ ژوئن گذشته", dt.date(2024, 3, 1)).value == "2023-06-07"
    assert read("month_relative_year", "فروردین آینده", SATURDAY).value == "2025-03-21/2025-04-20"


def test_may_without_a_year_is_may_only_before_punctuation_or_a_fitting_word():
    assert read("day_month_year", "در ۲۰ می، سفر کرد").value == "XXXX-05-20"
    assert read("day_month_year", "تا ۲۰ می رسد") is None


def test_month_word_spans_skip_may_away_from_a_number():
    view = make_view("باران می بارد و ۲۰ می ۲۰۲۳ و مهرماه").text
    assert [view[s:e] for s, e in month_word_spans(view, lexicon())] == ["می", "مهر"]


def _month_word_spans_word_by_word(view: str) -> list[tuple[int, int]]:
    """month_word_spans as it was first written, every word read in turn: what
    the faster one, which skips the words that cannot make a month, must equal."""
    lex = lexicon()
    months, joined = lex.month_of, lex.month_word
    hits, prev_s, prev_e, prev_w = [], -1, -1, ""
    for m in regex.finditer(r"\p{L}+", view):
        w, (s, e) = m.group(), m.span()
        if prev_w and prev_w + w in months and view[prev_e:s].isspace():
            hits.append((prev_s, e))
        elif w in months:
            if w not in lex.short_may or regex.search(r"\d", view[max(0, s - 3):s]) or \
                    regex.match(r"\d", view[e + 1:]) or regex.match(r"\d", view[e:]):
                hits.append((s, e))
        elif w.endswith(joined) and w[:-len(joined)] in months and w[:-len(joined)] not in lex.short_may:
            hits.append((s, e - len(joined)))
        prev_s, prev_e, prev_w = s, e, w
    return hits


@pytest.mark.parametrize("text", [
    "ربیع الاول و ربیع‌الاول، ربیع  الثانی؛ ما رس ۱۴۰۲ و دل و دلو", "مهرماه، دی‌ماه و میماه ۲۰ می و مه ۱۳ می",
    "۱۲ ربیع\nالاول", "مهر" * 30 + " مهر", "و " * 200 + "دلو", "", "۲۰ می",
])
def test_month_word_spans_equal_reading_every_word(text):
    view = make_view(text).text
    assert month_word_spans(view, lexicon()) == _month_word_spans_word_by_word(view)


def test_month_word_spans_of_the_examples_equal_reading_every_word():
    for case in read_yaml("pipeline.dates", "examples.yaml"):
        view = make_view(case["text"]).text
        assert month_word_spans(view, lexicon()) == _month_word_spans_word_by_word(view), case["text"]


def _example_views() -> list[str]:
    return [make_view(case["text"]).text for case in read_yaml("pipeline.dates", "examples.yaml")]


# a text without what a rule needs: every digit run cut below the need's length
_CUT_BELOW = {FOUR_DIGITS: lambda run: run[:3], TWO_DIGITS: lambda run: run[:1], A_DIGIT: lambda run: ""}


@pytest.mark.parametrize("rule", [r for r in RULES if r.needs_digits], ids=lambda r: r.name)
def test_a_rule_that_needs_digits_holds_them_in_every_match_and_finds_nothing_without(rule):
    """matches() skips a rule in a text without its needs_digits: it must hold
    them in each match, and find nothing once the examples lose them."""
    pattern, need = rule_named(rule.name).pattern, rule.needs_digits
    for view in _example_views():
        assert all(regex.search(need, m.group()) for m in pattern.finditer(view)), view
        cut = regex.sub(r"\d+", lambda run: _CUT_BELOW[need](run.group()), view)
        assert regex.search(need, cut) is None and pattern.search(cut) is None, cut


@pytest.mark.parametrize("rule", [r for r in RULES if r.starts_with], ids=lambda r: r.name)
def test_a_rule_tried_where_its_first_words_stand_finds_what_its_search_finds(rule):
    """matches_from tries a rule only where ``starts`` (the standard re
    engine) finds its first piece: the same matches as the rule's own search,
    on the examples and on random runs of its words, look-alikes and marks."""
    compiled = rule_named(rule.name)
    words = regex.findall(r"\p{L}+", fragments()[rule.starts_with])
    parts = words + ["پس", "x", "1", "\u064b", "_", " ", "  ", "\n", "،"]
    rng = random.Random(11)
    views = _example_views() + ["".join(rng.choice(parts) for _ in range(rng.randint(0, 20))) for _ in range(3000)]
    for view in views:
        assert [m.span() for m in matches_from(compiled, view)] == [m.span() for m in compiled.pattern.finditer(view)], view


def _depth_before(template: str, end: int) -> int:
    """How many groups are open at ``end`` of a rule template (escapes and classes skipped)."""
    plain = regex.sub(r"\[(?:\\.|[^\]])*\]|\\.", "", template[:end])
    return plain.count("(") - plain.count(")")


@pytest.mark.parametrize("rule", [r for r in RULES if r.around_month_word], ids=lambda r: r.name)
def test_the_parts_around_the_month_group_are_tried_before_a_window_is_searched(rule):
    """_around_month_words searches a window only where before_month matches up
    to the month word and after_month right after it: the month group must
    stand outside any group and any alternation; the part before it, matched
    right to left with the window cut at the month word, must not need what
    lies after the cut (no positive lookaround); and the windows skipped must
    hold no match."""
    compiled = rule_named(rule.name)
    start = MONTH_GROUP.search(rule.template).start()
    assert _depth_before(rule.template, start) == 0
    assert "|" not in regex.sub(r"\((?:[^()]|\([^()]*\))*\)|\[(?:\\.|[^\]])*\]|\\.", "", rule.template[:start])
    assert "(?=" not in compiled.before_month.pattern and "(?<=" not in compiled.before_month.pattern
    every_window = replace(compiled, before_month=regex.compile("(?r)"), after_month=regex.compile(""))
    for view in _example_views():
        hits = month_word_hits(view, lexicon())
        fast = [m.span() for m in _around_month_words(compiled, view, hits)]
        assert fast == [m.span() for m in _around_month_words(every_window, view, hits)], view


def test_day_range_of_one_month_in_order():
    assert read("day_range_month_year", "۱۸ تا ۱۹ ژوئیه ۲۰۲۴") == Reading("2024-07-18/2024-07-19", GREG)
    assert read("day_range_month_year", "۱۹ تا ۱۸ ژوئیه ۲۰۲۴") is None


def test_day_range_span_takes_the_word_that_opens_it():
    text = "برگزاری از ۱۸ تا ۱۹ ژوئیه ۲۰۲۴ در هانوی"
    m, view = _match("day_range_month_year", text)
    [c] = rule_named("day_range_month_year").candidates(m, Context.of(view, None, lexicon()))
    assert view[c.start:c.end] == "از 18 تا 19 ژوییه 2024"   # the folded view: ASCII digits


def test_month_range_of_one_calendar_in_order():
    assert read("month_range_year", "از فروردین تا خرداد ۱۴۰۳") == Reading("2024-03-20/2024-06-20", JAL)
    assert read("month_range_year", "از مارس تا مه ۲۰۲۴") == Reading("2024-03/2024-05", GREG)
    assert read("month_range_year", "از خرداد تا فروردین ۱۴۰۳") is None
    assert read("month_range_year", "از مارس تا خرداد ۱۴۰۳") is None


def test_two_days_make_two_candidates_sharing_month_and_year():
    m, view = _match("day_and_day_month_year", "۱۸ و ۱۹ دسامبر ۲۰۲۴")
    first, second = rule_named("day_and_day_month_year").candidates(m, Context.of(view, None, lexicon()))
    assert (view[first.start:first.end], first.value, first.parts) == ("18", "2024-12-18", DateParts(GREG, 2024, 12, 18))
    assert (view[second.start:second.end], second.value) == ("19 دسامبر 2024", "2024-12-19")


def test_a_list_of_days_makes_one_candidate_each_and_needs_no_year():
    m, view = _match("day_and_day_month_year", "روزهای ۲۱، ۲۳ و ۲۵ فروردین")
    found = rule_named("day_and_day_month_year").candidates(m, Context.of(view, None, lexicon()))
    assert [c.value for c in found] == ["J:XXXX-01-21", "J:XXXX-01-23", "J:XXXX-01-25"]


# ------------------------------------------------------ numbers and words

def test_numeric_dates_take_their_calendar_from_the_year():
    assert read("numeric_ymd", "۱۴۰۳/۰۵/۰۱") == Reading("2024-07-22", JAL, parts=DateParts(JAL, 1403, 5, 1))
    assert read("numeric_ymd", "2024-12-18").calendar == GREG
    assert read("numeric_ymd", "۱۴۴۶/۰۳/۰۱ ه.ق") == Reading("2024-09-04", HIJ, parts=DateParts(HIJ, 1446, 3, 1))
    assert read("numeric_dmy", "18/12/2024").value == "2024-12-18"
    assert read("numeric_dmy", "12/18/2024") is None        # no month 18
    assert read("numeric_dmy_spaced", "مورخ ۲۵ /۱۱/ ۱۳۹۲").value == "2014-02-14"
    assert rule_named("numeric_dmy_spaced").pattern.search("7/ 3 درصد") is None
    assert read("numeric_ymd", "1750/01/01") is None        # no calendar for the year


def test_years():
    assert read("year_with_cue", "سال ۱۴۰۳").value == "2024-03-20/2025-03-20"
    assert read("year_with_marker", "۱۴۴۶ قمری") == Reading("2024-07-07/2025-06-25", HIJ)
    assert read("year_with_marker", "۱۲۰۰ قمری") is None
    assert read("two_digit_jalali_year", "در سال ۹۹ گفت") == Reading("2020-03-20/2021-03-20", JAL)
    assert _match("two_digit_jalali_year", "سال ۹۹ درصد")[0] is None


def test_year_range():
    assert read("year_range", "۲۰۲۰ تا ۲۰۲۵") == Reading("2020/2025", GREG)
    assert read("year_range", "۲۰۲۵ تا ۲۰۲۰") is None
    assert read("year_range", "۱۳۹۹ تا ۱۴۰۳").value == "2020-03-20/2025-03-20"


def test_relative_words_against_the_document_date():
    assert read("relative", "دیروز", SATURDAY) == Reading("2024-06-14", GREG, relative=True)
    # the Persian week runs Saturday to Friday
    assert read("relative", "هفته گذشته", SATURDAY).value == "2024-06-08/2024-06-14"
    assert read("relative", "سال آینده", SATURDAY).value == "2025"
    assert read("relative", "دیروز") is None


def test_relative_rule_is_not_searched_without_a_document_date():
    view = make_view("دیروز در ۱۸ دسامبر ۲۰۲۴").text
    without = {c.rule for c in candidates(Context.of(view, None, lexicon()), date_rules())}
    with_date = {c.rule for c in candidates(Context.of(view, SATURDAY, lexicon()), date_rules())}
    assert "relative" not in without and "relative" in with_date


# ------------------------------------------------------------- choosing

def test_choose_keeps_the_longest_and_skips_a_date_inside_a_name():
    view = make_view("خیابان ۱۵ خرداد و ۱۸ دسامبر ۲۰۲۴").text
    s = view.index("18")
    longer = Candidate(s, len(view), "day_month_year", "2024-12-18", GREG)
    shorter = Candidate(s + 3, len(view), "month_year", "2024-12", GREG)
    street = Candidate(view.index("15"), view.index("15") + 8, "day_month_year", "J:XXXX-03-15", JAL)
    assert choose([shorter, street, longer], view, lexicon()) == [longer]


def test_a_list_of_years_makes_one_value_each_unless_they_are_decades():
    m, view = _match("year_list", "در سال‌های ۹۸ و ۹۹ ساخت")
    found = rule_named("year_list").candidates(m, Context.of(view, None, lexicon()))
    assert [c.value for c in found] == ["2019-03-21/2020-03-19", "2020-03-20/2021-03-20"]
    assert read("year_list", "سال‌های ۵۰ و ۶۰") is None
    assert read("year_list", "سال‌های ۲۰۱۸ و ۱۳۹۷") is None        # two calendars


def test_an_event_name_takes_a_plausible_two_digit_year():
    assert read("event_two_digit_year", "فتنه ۸۸ را").value == "2009-03-21/2010-03-20"
    assert rule_named("event_two_digit_year").pattern.search(make_view("انتخابات 30 استان").text) is None


def test_a_framed_dash_range_may_be_written_later_year_first_or_shortened():
    assert read("framed_year_range", "(۱۳۹۹-۱۳۹۵)").value == "2016-03-20/2021-03-20"
    assert read("framed_year_range", "سال‌های ۸۶-۱۳۷۷").value == "1998-03-21/2008-03-19"
    assert read("framed_year_range", "(۱۳۹۹-۱۳۹۵ و") is None     # a parenthesis that does not close there
    assert read("framed_year_range", "(۲۵-۱۲)") is None          # a score: no four-digit end
    assert read("framed_year_range", "(1998-02)").value == "1998/2002"   # the shortened end is the later year
