"""The pieces the rule patterns are written in (``$day``, ``$month``,
``$sep_year`` ...): number shapes here, words from ``dates.yaml`` and the
shared month list."""
from __future__ import annotations

from string import Template
from typing import Any

from ..resources import cached
from ..wordlists import LB, RB, alternation
from .calendars import HIJ, JAL
from .lexicon import date_words, months_by_calendar

# a day of the month, not part of a longer number, a decimal or a time
DAY = r"(?<![\d/.,:])(?:[12]\d|3[01]|0?[1-9])(?![\d/.,:]\d)"
# a year of two or four digits ($not_amount: not «۱۴۰۰ تن», «۸۸ درصد»)
YEAR = r"(?<![\d/.,:])(?:\d{4}|\d{2})(?![\d/:]|[.,]\d)$not_amount"
YEAR4 = r"(?<![\d/.,:\-])\d{4}(?![\d/:]|[.,]\d)$not_amount"
# the second year of a range may follow '-'
YEAR4_AFTER_DASH = r"(?<![\d/.,:])\d{4}(?![\d/:]|[.,]\d)$not_amount"


def _word_alternations(data: Any) -> dict[str, str]:
    """One alternation per word list, named for what it matches."""
    relative = list(data["relative_days"]) + list(data["relative_years"]) + list(data["relative_weeks"])
    lists = {
        "marker": [m for ms in data["markers"].values() for m in ms],
        "month_cue": data["month_cues"], "year_cue": data["year_cues"] + data["event_words"],
        "year_list_cue": data["year_list_cues"], "event": data["event_words"],
        "ordinal": data["ordinal_days"], "not_after_month": data["month_not_before"],
        "day_range": data["day_range_words"], "month_range": data["month_range_words"],
        "year_range": data["year_range_words"],
        "mah": [data["month_word"]], "sal": [data["year_word"]],
        "and_word": [data["and_word"]], "range_opener": [data["range_opener"]],
        "day_suffix": data["day_suffixes"], "epithet": data["month_epithets"],
        "quarter": data["quarter_words"], "quarter_ordinal": data["quarter_ordinals"],
        "amount": data["amount_words"],
        "bare_year_before": data["bare_year_before"], "bare_year_follower": data["bare_year_followers"],
        "relyear": data["years_after_month"], "relative": relative,
    }
    return {name: alternation(entries) for name, entries in lists.items()}


@cached("dates.fragments")
def fragments() -> dict[str, str]:
    """Every placeholder of the rule templates, by name."""
    data = date_words()
    months = months_by_calendar()
    w = _word_alternations(data)
    # a number followed by an amount word («۱۴۰۰ تن», «۲۱۰۰ متری») is not a year
    not_amount = rf"(?!\s*{w['amount']}ی?{RB})"
    year, year4, year4_after_dash = (Template(y).substitute(not_amount=not_amount)
                                     for y in (YEAR, YEAR4, YEAR4_AFTER_DASH))
    year_after = rf"(?:\s*[،,]?\s*(?:{w['sal']}\s+)?(?P<year>{year}))"
    return {
        # after a month word: no letter follows (a year may be glued to it: «تیرماه1379»)
        **w, "LB": LB, "RB": RB, "RBL": r"(?![\p{L}\p{M}_])", "day": DAY, "year": year, "year4": year4, "year4_after_dash": year4_after_dash,
        "not_amount": not_amount, "event_year2": data["patterns"]["plausible_two_digit_year"],
        "month": alternation(n for names in months.values() for n in names),
        "month_jh": alternation(list(months[JAL]) + list(months[HIJ])),
        # an optional calendar marker after the date («میلادی», «ه.ش»)
        "mark": rf"(?:\s*(?P<mark>{w['marker']}){RB})?",
        # a year after the month, maybe after a comma or «سال»
        "sep_year": year_after,
        # «سال جاری», «امسال», «گذشته» after a month or a day: a year relative to the document's date
        "relyear_tail": rf"(?:\s+(?:{w['mah']}\s+)?(?P<relyear>{w['relyear']}){RB})",
    }
