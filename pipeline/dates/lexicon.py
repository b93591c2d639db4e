"""The dates component's words (``dates.yaml`` and the shared month names),
as the look-up tables and small patterns the rules and passes consult.

Read once per process: the files never change while it runs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import regex

from .. import wordlists
from ..resources import cached
from ..wordlists import LB, alternation, lookup_key, read_yaml
from .calendars import GREG, HIJ, JAL

# the shared month list's name for the Afghan solar months: Jalali month for month
AFGHAN = "afghan"


def date_words() -> Any:
    """The parsed ``dates.yaml``."""
    return read_yaml(__package__, "dates.yaml")


@dataclass(frozen=True)
class Month:
    calendar: str    # the calendar it counts in (an Afghan month is Jalali)
    number: int


@cached("dates.months_by_calendar")
def months_by_calendar() -> dict[str, tuple[str, ...]]:
    """Month names by the calendar they count in, as written in the shared list."""
    by_calendar: dict[str, list[str]] = {GREG: [], JAL: [], HIJ: []}
    for m in wordlists.month_names():
        by_calendar[JAL if m.calendar == AFGHAN else m.calendar].append(m.name)
    return {cal: tuple(names) for cal, names in by_calendar.items()}


def _month_table() -> dict[str, Month]:
    return {lookup_key(m.name): Month(JAL if m.calendar == AFGHAN else m.calendar, m.month)
            for m in wordlists.month_names()}


def _keyed(entries: Mapping[str, Any]) -> dict[str, int]:
    return {lookup_key(k): int(v) for k, v in entries.items()}


def _keys(entries) -> frozenset[str]:
    return frozenset(lookup_key(str(w)) for w in entries)


@dataclass(frozen=True)
class Lexicon:
    """Look-up tables, keyed by :func:`lookup_key`, and the small patterns
    of the words around a date."""

    month_of: Mapping[str, Month]
    ambiguous: frozenset[str]          # month words that are also everyday words
    afghan: frozenset[str]
    short_may: frozenset[str]          # «مه», «می»
    marker_of: Mapping[str, str]       # calendar marker -> calendar
    ordinals: Mapping[str, int]        # ordinal word -> day
    relative_days: Mapping[str, int]
    relative_weeks: Mapping[str, int]
    relative_years: Mapping[str, int]
    years_after_month: Mapping[str, int | str]   # an offset, or "last"/"next"
    month_word: str                    # «ماه», also written joined to the month («مهرماه»)
    and_word: str
    range_opener: str
    range_words: regex.Pattern         # the whole gap between two dates of a range
    range_prefix: regex.Pattern        # words before a range that belong to it
    blockers: regex.Pattern            # words before a span that make it a name, a rank or a count
    may_followers: regex.Pattern       # what may follow a yearless «مه»/«می»
    hijri_after: regex.Pattern         # a marker after a numeric date that makes it Hijri
    plausible_two_digit_year: regex.Pattern   # «۸۸», «۰۲»: a two-digit year outside «سال ...»
    afghan_count_nouns: frozenset[str]  # «سرطان», «عقرب»: a yearless day needs Afghan dating nearby
    afghan_dated: regex.Pattern        # an Afghan month with a year («سرطان ۱۴۰۰»)
    month_word_forms: frozenset[str]   # a month, or a month with «ماه» joined («مهرماه»)
    month_pair_firsts: Mapping[str, frozenset[str]]  # a word -> the words before it that make a month with it


def _patterns(data: Any) -> dict[str, regex.Pattern]:
    may = alternation(data["may_followers"])
    return {
        "range_words": regex.compile(r"^\s*" + alternation(data["date_range_words"]) + r"\s*$"),
        "range_prefix": regex.compile(rf"(?:(?<![\p{{L}}]){alternation(data['range_prefix_words'])}\s+)$"),
        "blockers": regex.compile(rf"{LB}{alternation(data['blocking_words'] + data['number_nouns'])}\s+$"),
        "may_followers": regex.compile(rf"\s*(?:$|[،,.؛:)\]«»\"]|{may}(?![\p{{L}}]))"),
        "hijri_after": regex.compile(r"\s*(?:" + data["patterns"]["hijri_after_numeric_date"] + r")(?![\p{L}])"),
        "plausible_two_digit_year": regex.compile(data["patterns"]["plausible_two_digit_year"]),
    }


def month_pair_firsts(month_of: Mapping[str, Month]) -> dict[str, frozenset[str]]:
    """For each word that can end a two-word month («ربیع الاول»), the words
    that can come before it: the pair is looked up by its joined letters, so
    any split of a month's letters counts."""
    firsts: dict[str, set[str]] = {}
    for key in month_of:
        for k in range(1, len(key)):
            firsts.setdefault(key[k:], set()).add(key[:k])
    return {second: frozenset(words) for second, words in firsts.items()}


@cached("dates.lexicon")
def lexicon() -> Lexicon:
    data = date_words()
    month_of = _month_table()
    afghan = [m.name for m in wordlists.month_names() if m.calendar == AFGHAN]
    return Lexicon(
        month_of=month_of,
        ambiguous=_keys(wordlists.ambiguous_month_names()),
        afghan=frozenset(lookup_key(m.name) for m in wordlists.month_names() if m.calendar == AFGHAN),
        afghan_count_nouns=_keys(data["afghan_count_nouns"]),
        # found by its year, looking back for the month: cheaper than trying the month words everywhere
        afghan_dated=regex.compile(rf"(?=\d)(?<={LB}{alternation(afghan)}(?:\s*{alternation([data['month_word']])})?"
                                   rf"\s+(?:{alternation([data['year_word']])}\s+)?)\d{{4}}"),
        short_may=_keys(data["short_may"]),
        marker_of={lookup_key(m): cal for cal, ms in data["markers"].items() for m in ms},
        ordinals=_keyed(data["ordinal_days"]),
        relative_days=_keyed(data["relative_days"]),
        relative_weeks=_keyed(data["relative_weeks"]),
        relative_years=_keyed(data["relative_years"]),
        years_after_month={lookup_key(k): v if isinstance(v, str) else int(v)
                           for k, v in data["years_after_month"].items()},
        month_word=lookup_key(data["month_word"]),
        month_word_forms=frozenset({*month_of, *(key + lookup_key(data["month_word"]) for key in month_of)}),
        month_pair_firsts=month_pair_firsts(month_of),
        and_word=str(data["and_word"]),
        range_opener=str(data["range_opener"]),
        **_patterns(data),
    )
