"""The date rules. Each rule is declared once, in :data:`RULES`: its name, its
pattern over the folded view, what a match means (its ``interpret``), and how
it is searched. The words the patterns are made of live in ``dates.yaml``;
the shapes of the patterns and their meanings live here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from string import Template
from typing import Callable, Mapping

import regex

from ..resources import cached
from ..wordlists import lookup_key
from .calendars import GREG, HIJ, JAL, calendar_of_year, date_in, expand_year, first_day, iso_value, last_day, year_in
from .fragments import fragments
from .lexicon import Lexicon, lexicon
from .parts import Candidate, DateParts, Reading


@dataclass(frozen=True)
class Context:
    """What a rule may consult besides its match."""

    view: str                   # the folded text the match is in
    doc_date: dt.date | None    # the document's own date, if known
    lex: Lexicon
    afghan_dated: bool = False  # the text dates something in the Afghan calendar («۱۲ سرطان ۱۴۰۰»)

    @classmethod
    def of(cls, view: str, doc_date: dt.date | None, lex: Lexicon) -> Context:
        return cls(view, doc_date, lex, bool(lex.afghan_dated.search(view)))


Interpret = Callable[[regex.Match, Context], Reading | None]
Spans = Callable[[str, regex.Match, Reading, Context], tuple[Candidate, ...]]


# ------------------------------------------------------------------ spans

def whole_match(rule: str, m: regex.Match, reading: Reading, ctx: Context) -> tuple[Candidate, ...]:
    return (Candidate.of(rule, m.start(), m.end(), reading),)


def _prefixed(rule: str, start: int, end: int, reading: Reading, ctx: Context) -> Candidate:
    prefix = ctx.lex.range_prefix.search(ctx.view, max(0, start - 12), start)
    return Candidate.of(rule, prefix.start() if prefix else start, end, reading)


def with_range_prefix(rule: str, m: regex.Match, reading: Reading, ctx: Context) -> tuple[Candidate, ...]:
    """A range's span takes the words before it («از ۱۸ تا ۱۹ ژوئیه», «دوره ۲۰۲۵ تا ۲۰۳۰»)."""
    return (_prefixed(rule, m.start(), m.end(), reading, ctx),)


def from_cue(rule: str, m: regex.Match, reading: Reading, ctx: Context) -> tuple[Candidate, ...]:
    """«سال ۱۴۰۳», «فتنه ۸۸»: the pattern finds the number and looks back for its cue
    (far cheaper than trying the cue words at every position); the span starts at the cue."""
    return (Candidate.of(rule, m.start("cue"), m.end(), reading),)


def years_inside_frame(rule: str, m: regex.Match, reading: Reading, ctx: Context) -> tuple[Candidate, ...]:
    """«(۱۳۹۴-۱۳۹۰)»: the span is the two years (and a range word before them), not the parentheses."""
    return (_prefixed(rule, m.start("year1"), m.end("year"), reading, ctx),)


_DAY_NUMBER = regex.compile(r"\d{1,2}")
_YEAR_NUMBER = regex.compile(r"\d{4}|\d{2}")


def several_days(rule: str, m: regex.Match, reading: Reading, ctx: Context) -> tuple[Candidate, ...]:
    """«۱۸ و ۱۹ دسامبر ۲۰۲۴», «۲۱، ۲۳ و ۲۵ فروردین»: days of one month, the earlier
    ones borrowing month and year from the last."""
    parts = reading.parts
    offset = m.start("days")
    out = []
    for d in _DAY_NUMBER.finditer(m.group("days")):
        day = int(d.group())
        try:
            value = iso_value(parts.calendar, parts.year, parts.month, day)
        except ValueError:
            return ()
        out.append(Candidate(offset + d.start(), offset + d.end(), rule, value, parts.calendar, False,
                             replace(parts, day=day)))
    return (*out, Candidate.of(rule, m.start("day"), m.end(), reading))


# ------------------------------------------------------------------ the rule

# an around_month_word rule's month word («(?P<month>$month)»), outside any group of its template
MONTH_GROUP = regex.compile(r"\(\?P<month>\$\w+\)")

@dataclass(frozen=True)
class DateRule:
    """A named rule: its pattern, its meaning, and where it is searched. A match
    whose reading fails (a day that does not exist, a word not in the lists)
    makes no candidate."""

    name: str
    template: str                    # the pattern, written in the pieces of fragments.py ($day, $month ...)
    interpret: Interpret             # what a match means; None when it is not a date after all
    span: Spans = whole_match        # the candidates a reading makes
    around_month_word: bool = False  # searched only in a window around each month word
    needs_number: bool = False       # ... and only where a digit is near that word
    needs_document_date: bool = False
    # digits every match holds (FOUR_DIGITS: a four-digit year): a text without
    # them is not searched; four in a row are missing from most news
    needs_digits: str | None = None
    # the piece every match starts with (after a zero-width look-behind), a
    # plain alternation of words: its places are found with the standard
    # ``re`` engine, three times quicker than ``regex`` at this, and the rule
    # is tried there only (``matching.matches_from``)
    starts_with: str | None = None
    pattern: regex.Pattern | None = field(default=None, compare=False, repr=False)
    starts: re.Pattern | None = field(default=None, compare=False, repr=False)
    # the template before and after its month group: what every match has
    # right before the month word (matched right to left, up to it) and right after it
    before_month: regex.Pattern | None = field(default=None, compare=False, repr=False)
    after_month: regex.Pattern | None = field(default=None, compare=False, repr=False)

    def compiled(self, pieces: Mapping[str, str]) -> DateRule:
        rule = replace(self, pattern=regex.compile(Template(self.template).substitute(pieces)))
        if self.starts_with:
            rule = replace(rule, starts=re.compile(pieces[self.starts_with]))
        if not self.around_month_word:
            return rule
        month = MONTH_GROUP.search(self.template)
        before, after = self.template[:month.start()], self.template[month.end():]
        return replace(rule, before_month=regex.compile("(?r)" + Template(before).substitute(pieces)),
                       after_month=regex.compile(Template(after).substitute(pieces)))

    def candidates(self, m: regex.Match, ctx: Context) -> tuple[Candidate, ...]:
        """The candidates one match makes: none when it does not read as a valid date."""
        try:
            reading = self.interpret(m, ctx)
        except (ValueError, OverflowError, KeyError):
            return ()
        return () if reading is None else self.span(self.name, m, reading, ctx)


# what ``needs_digits`` names: a rule's match holds a run of four digits, of two, or one digit
FOUR_DIGITS, TWO_DIGITS, A_DIGIT = r"\d{4}", r"\d{2}", r"\d"


# ------------------------------------------------------------ month names

@dataclass(frozen=True)
class MonthDate:
    """What the month-name rules read first: the month word and the numbers around it."""

    key: str                 # the month word's lookup key
    calendar: str
    month: int
    year: int | None
    day: int | None

    def reading(self) -> Reading:
        parts = DateParts(self.calendar, self.year, self.month, self.day)
        return Reading(iso_value(self.calendar, self.year, self.month, self.day), self.calendar, parts=parts)


def _marked_calendar(m: regex.Match, lex: Lexicon) -> str | None:
    mark = m.groupdict().get("mark")
    return lex.marker_of.get(lookup_key(mark)) if mark else None


def month_date(m: regex.Match, lex: Lexicon) -> MonthDate | None:
    """The month, year and day a month-name match writes, unless they cannot be a date."""
    g = m.groupdict()
    key = lookup_key(g["month"])
    month = lex.month_of[key]
    mark = _marked_calendar(m, lex)
    if mark and mark != month.calendar:
        return None
    year = expand_year(g["year"], month.calendar) if g.get("year") else None
    if g.get("year") and year is None:
        return None
    if key in lex.afghan and year is None and not g.get("day") and not g.get("mah_first"):
        return None  # an Afghan month word alone is an ordinary word (but «ماه حمل» is the month)
    if g.get("year") and len(g["year"]) == 2 and key in lex.ambiguous and key in lex.afghan:
        return None  # «میزان ۱۵»، «حمل ۲۰»: an amount, not a month («دی ۸۸», «مهر ماه ۹۱» are months)
    day = int(g["day"]) if g.get("day") else (lex.ordinals[lookup_key(g["ordinal"])] if g.get("ordinal") else None)
    return MonthDate(key, month.calendar, month.number, year, day)


def relative_year(md: MonthDate, relyear: str, when: dt.date, lex: Lexicon) -> int:
    """The year «سال گذشته», «امسال», «گذشته» ... after ``md`` mean on the day ``when``."""
    shift = lex.years_after_month[lookup_key(relyear)]
    year, month, day = date_in(md.calendar, when)
    if shift == "last":   # the nearest such month or day before ``when``
        return year if (md.month, md.day or 0) < (month, day if md.day else 0) else year - 1
    if shift == "next":   # ... and after it
        return year if (md.month, md.day or 99) > (month, day if md.day else 99) else year + 1
    return year + int(shift)


def settled(md: MonthDate, m: regex.Match, ctx: Context, alone_ok: bool = False) -> MonthDate | None:
    """A single month or day: an everyday month word needs a day or a year
    (unless ``alone_ok``), a yearless «مه»/«می» a fitting next word; a missing
    year is the document's, shifted by a relative year after the date («سال
    گذشته»). Without a document date it stays missing."""
    lex = ctx.lex
    if md.key in lex.ambiguous and md.day is None and md.year is None and not alone_ok:
        return None
    if md.year is None and not ctx.afghan_dated and (md.key in lex.afghan_count_nouns or
                                                     (md.key in lex.afghan and md.day is None)):
        # «۱۲ سرطان نادر»: a count; «این ماه میزان صادرات»: an amount; unless the text dates in the Afghan calendar
        return None
    if md.key in lex.short_may and md.year is None and not lex.may_followers.match(ctx.view, m.end()):
        return None
    if md.year is None and ctx.doc_date is not None:
        relyear = m.groupdict().get("relyear")
        year = relative_year(md, relyear, ctx.doc_date, lex) if relyear else year_in(md.calendar, ctx.doc_date)
        return replace(md, year=year)
    return md


def read_month_name_date(m: regex.Match, ctx: Context) -> Reading | None:
    """«۱۸ دسامبر ۲۰۲۴», «اول مهر», «مارس ۲۰۲۲»."""
    md = month_date(m, ctx.lex)
    md = md and settled(md, m, ctx)
    return md.reading() if md else None


def read_month_reference(m: regex.Match, ctx: Context) -> Reading | None:
    """«اوایل اسفند», «ماه رمضان»: the cue makes even an everyday month word a month."""
    md = month_date(m, ctx.lex)
    md = md and settled(md, m, ctx, alone_ok=True)
    return md.reading() if md else None


def read_month_mah(m: regex.Match, ctx: Context) -> Reading | None:
    """«آبان ماه»; «اردیبهشت ماه سال گذشته», «اکتبر سال گذشته» (see ``settled``)."""
    md = month_date(m, ctx.lex)
    if md is None:
        return None
    # «مهر ماه», «دی‌ماه»: «ماه» makes an everyday Iranian month word a month (not an
    # Afghan one: «به میزان ماه گذشته» is "as much as last month")
    md = settled(md, m, ctx, alone_ok=md.key not in ctx.lex.afghan)
    return md.reading() if md else None


def read_day_range(m: regex.Match, ctx: Context) -> Reading | None:
    """«۱۸ تا ۱۹ ژوئیه ۲۰۲۴»: days of one month, the first before the second."""
    md = month_date(m, ctx.lex)
    md = md and settled(md, m, ctx)
    if not md:
        return None
    day1 = int(m.group("day1"))
    if day1 >= md.day:
        return None
    first = iso_value(md.calendar, md.year, md.month, day1)
    return Reading(f"{first}/{iso_value(md.calendar, md.year, md.month, md.day)}", md.calendar)


def read_month_range(m: regex.Match, ctx: Context) -> Reading | None:
    """«از فروردین تا خرداد ۱۴۰۳»: months of one calendar and year, in order."""
    md = month_date(m, ctx.lex)
    if md is None:
        return None
    first = ctx.lex.month_of[lookup_key(m.group("month1"))]
    if first.calendar != md.calendar or first.number >= md.month:
        return None
    cal, year = md.calendar, md.year
    if cal == GREG:
        return Reading(f"{year:04d}-{first.number:02d}/{year:04d}-{md.month:02d}", cal)
    return Reading(f"{first_day(cal, year, first.number)}/{last_day(cal, year, md.month)}", cal)


# ------------------------------------------------------ numbers and words

def read_numeric(m: regex.Match, ctx: Context) -> Reading | None:
    """«۱۴۰۳/۵/۳», «2024-12-18», «18.12.2024»: the calendar follows from the year."""
    raw_year = m.group("year")
    y, mo, d = int(raw_year), int(m.group("m")), int(m.group("d"))
    if len(raw_year) == 2:
        y, cal = expand_year(raw_year, JAL), JAL
    else:
        cal = calendar_of_year(y)
    if cal is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if cal == JAL and 1400 <= y <= 1499 and ctx.lex.hijri_after.match(ctx.view[m.end():m.end() + 16]):
        cal = HIJ
    return Reading(iso_value(cal, y, mo, d), cal, parts=DateParts(cal, y, mo, d))


def _year_calendar(m: regex.Match, y: int, lex: Lexicon) -> str | None:
    cal = _marked_calendar(m, lex) or calendar_of_year(y)
    if cal is None or (cal == HIJ and not 1300 <= y <= 1500):
        return None
    return cal


def read_year(m: regex.Match, ctx: Context) -> Reading | None:
    """A year: marked («۱۴۴۶ قمری») or told by its size («۱۴۰۳», «۲۰۲۴»)."""
    y = int(m.group("year"))
    cal = _year_calendar(m, y, ctx.lex)
    return Reading(iso_value(cal, y, None, None), cal) if cal else None


def read_two_digit_year(m: regex.Match, ctx: Context) -> Reading | None:
    """«سال ۰۳», «فتنه ۸۸»: a Jalali year."""
    y = expand_year(m.groupdict().get("year2") or m.group("year"), JAL)
    return Reading(iso_value(JAL, y, None, None), JAL)


def _listed_years(m: regex.Match) -> list[regex.Match]:
    return list(_YEAR_NUMBER.finditer(m.group("years")))


def read_year_list(m: regex.Match, ctx: Context) -> Reading | None:
    """«سال‌های ۱۳۹۶ و ۱۳۹۷», «سال‌های ۹۸ و ۹۹»: years of one kind, each its own
    value; this is the last one's (several_years makes the others)."""
    written = [y.group() for y in _listed_years(m)] + [m.group("year")]
    if len({len(y) for y in written}) != 1:
        return None
    if len(written[0]) == 2:
        if all(y.endswith("0") for y in written) or not all(map(ctx.lex.plausible_two_digit_year.fullmatch, written)):
            return None  # «سال‌های ۵۰ و ۶۰»: decades; «سال ۹۸ و ۱۲ ماه»: a duration
        return read_two_digit_year(m, ctx)
    cal = _year_calendar(m, int(written[-1]), ctx.lex)
    if cal is None or {calendar_of_year(int(y)) for y in written} != {cal}:
        return None
    return read_year(m, ctx)


def several_years(rule: str, m: regex.Match, reading: Reading, ctx: Context) -> tuple[Candidate, ...]:
    """One candidate per listed year, in the last one's calendar (the first one's span takes the cue)."""
    out = []
    for y in _listed_years(m):
        year = expand_year(y.group(), reading.calendar)
        start = m.start("years") + y.start() if out else m.start()
        out.append(Candidate(start, m.start("years") + y.end(), rule,
                             iso_value(reading.calendar, year, None, None), reading.calendar))
    return (*out, Candidate.of(rule, m.start("year"), m.end(), reading))


def read_year_range(m: regex.Match, ctx: Context) -> Reading | None:
    """«۲۰۲۰ تا ۲۰۲۵»: years of one calendar, at most a century apart."""
    y, y1 = int(m.group("year")), int(m.group("year1"))
    cal = _year_calendar(m, y, ctx.lex)
    if cal is None or not (0 < y - y1 <= 100) or calendar_of_year(y1) != calendar_of_year(y):
        return None
    if cal == GREG:
        return Reading(f"{y1:04d}/{y:04d}", cal)
    return Reading(f"{first_day(cal, y1, None)}/{last_day(cal, y, None)}", cal)


def _full_years(a: str, b: str) -> tuple[int, int] | None:
    """A shortened end is the later year: «۸۶» beside «۱۳۷۷» is 1386, «02» beside «1998» is 2002."""
    if len(a) == len(b):
        return (int(a), int(b)) if len(a) == 4 else None
    four, two = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
    later = four // 100 * 100 + two
    return four, later + 100 if later < four else later


def read_framed_year_range(m: regex.Match, ctx: Context) -> Reading | None:
    """«(۱۳۹۴-۱۳۹۰)», «سال‌های 86-1377», «(۱۳۹۰-۹۴)»: a dash range inside
    parentheses or after a year word, written in either order (right-to-left
    writers often put the later year first) or with one end shortened."""
    if m.group("frame") == "(" and not m.group("close"):
        return None
    years = _full_years(m.group("year1"), m.group("year"))
    if years is None:
        return None
    first, last = sorted(years)
    cal = calendar_of_year(first)
    if cal is None or calendar_of_year(last) != cal or not 0 < last - first <= 100:
        return None
    if cal == GREG:
        return Reading(f"{first:04d}/{last:04d}", cal)
    return Reading(f"{first_day(cal, first, None)}/{last_day(cal, last, None)}", cal)


def read_relative(m: regex.Match, ctx: Context) -> Reading | None:
    """«دیروز», «هفته گذشته», «سال آینده» against the document's date."""
    when, lex = ctx.doc_date, ctx.lex
    if when is None:
        return None
    key = lookup_key(m.group("rel"))
    if key in lex.relative_days:
        return Reading((when + dt.timedelta(days=lex.relative_days[key])).isoformat(), GREG, relative=True)
    if key in lex.relative_weeks:
        saturday = when - dt.timedelta(days=(when.weekday() - 5) % 7)  # the Persian week starts on Saturday
        first = saturday + dt.timedelta(days=7 * lex.relative_weeks[key])
        return Reading(f"{first.isoformat()}/{(first + dt.timedelta(days=6)).isoformat()}", GREG, relative=True)
    return Reading(f"{when.year + lex.relative_years[key]:04d}", GREG, relative=True)


# ---------------------------------------------------------------- the rules

_NUMERIC_YMD = r"(?<![\d/.,:\-])(?P<year>\d{4})\s?(?P<sep>[/\-.،])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<d>\d{1,2})(?![\d]|[/\-.:]\d)"
_NUMERIC_YMD_COMMA = r"(?<![\d/.,:\-])(?P<year>\d{4}),(?P<m>\d{2}),(?P<d>\d{2})(?![\d]|[/\-.,:]\d)"
_NUMERIC_DMY = r"(?<![\d/.,:\-])(?P<d>\d{1,2})(?P<sep>[/\-.])(?P<m>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d]|[/\-.:]\d)"
# «۷/ ۳/ ۱۳۹۴», «۲۵ /۱۱/ ۱۳۹۲»: spaces beside the slashes (not beside '.' or '-', which end sentences and join ranges)
_NUMERIC_DMY_SPACED = (r"(?<![\d/.,:\-]\s?)(?P<d>\d{1,2})\s?/\s?(?P<m>\d{1,2})\s?/\s?(?P<year>\d{4})"
                       r"(?![\d]|\s?[/\-.:]\s?\d)")
_NUMERIC_YMD_2DIGIT = r"(?<![\d/.,:\-])(?P<year>\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d]|[/\-.:]\d)"

# The order is the order candidates are made in: of two candidates with the same
# span, the earlier rule's wins.
RULES: tuple[DateRule, ...] = (
    DateRule("day_range_month_year",
             r"(?P<day1>$day)\s*$day_range\s*(?P<day>$day)\s*(?:$mah\s+)?(?P<month>$month)$mah?$RBL(?:\s+$mah)?"
             r"(?:$sep_year|$relyear_tail)?$mark",
             read_day_range, span=with_range_prefix, around_month_word=True, needs_number=True),
    DateRule("day_month_year",
             r"(?P<day>$day)\s*$day_suffix?\s*(?:$mah\s+)?(?P<month>$month)$mah?$RBL(?!\s+$not_after_month)"
             r"(?:\s+$mah)?(?:$sep_year|$relyear_tail)?$mark",
             read_month_name_date, around_month_word=True, needs_number=True),
    DateRule("ordinal_day_month_year",
             r"$LB(?P<ordinal>$ordinal)\s+(?:$mah\s+)?(?P<month>$month)$mah?$RBL(?:\s+$mah)?"
             r"(?:$sep_year|$relyear_tail)?$mark",
             read_month_name_date, around_month_word=True),
    DateRule("month_year",
             r"$LB(?:$mah\s+)?(?P<month>$month)$mah?$RBL(?:\s+$mah)?\s*(?:$sal\s*)?(?P<year>$year)$mark",
             read_month_name_date, around_month_word=True, needs_number=True),
    DateRule("quarter_year", r"$LB$quarter\s+$quarter_ordinal\s+(?:$sal\s+)?(?P<year>$year4)$mark", read_year,
             needs_digits=FOUR_DIGITS),
    DateRule("two_digit_jalali_year", r"$LB$sal\s*(?P<year2>\d{2})(?![\d/.,:]|\s*[-–]\s*\d)$not_amount",
             read_two_digit_year, needs_digits=TWO_DIGITS),
    DateRule("month_with_cue",
             r"$LB(?P<cue>$month_cue)\s+(?:$mah\s+)?(?P<month>$month)$mah?$RB(?:\s+$mah)?(?:$sep_year|$relyear_tail)?",
             read_month_reference, around_month_word=True),
    DateRule("named_month", r"$LB(?P<mah_first>$mah)\s+(?:$epithet\s+)?(?P<month>$month)$RB$relyear_tail?",
             read_month_reference, around_month_word=True),
    DateRule("month_mah", r"$LB(?P<month>$month_jh)\s*$mah$RB$relyear_tail?", read_month_mah, around_month_word=True),
    # «اکتبر سال گذشته»; an everyday month word needs «ماه» (month_mah): «بهمن سال گذشته» may be a name
    DateRule("month_relative_year", r"$LB(?:$mah\s+)?(?P<month>$month)$RB$relyear_tail", read_month_name_date,
             around_month_word=True),
    DateRule("month_range_year",
             r"$LB(?:$range_opener\s+)?(?:$mah\s+)?(?P<month1>$month)$mah?$RB(?:\s+$mah)?\s*$month_range\s*"
             r"(?:$mah\s+)?(?P<month>$month)$mah?$RBL(?:\s+$mah)?\s*(?:$sal\s*)?(?P<year>$year)$mark",
             read_month_range, around_month_word=True, needs_number=True),
    DateRule("day_and_day_month_year",
             r"(?P<days>(?:$day\s*[،,]\s*)*$day)\s+$and_word\s+(?P<day>$day)\s*(?:$mah\s+)?(?P<month>$month)$mah?$RBL"
             r"(?:\s+$mah)?(?:$sep_year|$relyear_tail)?$mark",
             read_month_name_date, span=several_days, around_month_word=True, needs_number=True),
    DateRule("year_after_dar",
             r"$LB$bare_year_before\s+(?P<year>(?:19[5-9]\d|20[0-4]\d))"
             r"(?=\s*(?:[،,.؛:]|$bare_year_follower(?![\p{L}])))",
             read_year, needs_digits=FOUR_DIGITS),
    DateRule("numeric_ymd", _NUMERIC_YMD, read_numeric, needs_digits=FOUR_DIGITS),
    DateRule("numeric_ymd_comma", _NUMERIC_YMD_COMMA, read_numeric, needs_digits=FOUR_DIGITS),
    DateRule("numeric_dmy", _NUMERIC_DMY, read_numeric, needs_digits=FOUR_DIGITS),
    DateRule("numeric_dmy_spaced", _NUMERIC_DMY_SPACED, read_numeric, needs_digits=FOUR_DIGITS),
    DateRule("numeric_ymd_2digit", _NUMERIC_YMD_2DIGIT, read_numeric, needs_digits=TWO_DIGITS),
    DateRule("year_range", r"(?P<year1>$year4)\s*$year_range\s*(?:$sal\s+)?(?P<year>$year4_after_dash)$mark",
             read_year_range, span=with_range_prefix, needs_digits=FOUR_DIGITS),
    DateRule("framed_year_range",
             r"(?:(?P<frame>\()|$LB(?P<frame>$year_list_cue)\s)\s*(?P<year1>\d{4}|\d{2})\s*[-–]\s*"
             r"(?P<year>\d{4}|\d{2})(?![\d/:]|[.,]\d)$not_amount(?P<close>\s*\))?",
             read_framed_year_range, span=years_inside_frame, needs_digits=TWO_DIGITS),
    DateRule("year_with_cue", r"(?=\d)(?<=$LB(?P<cue>$year_cue)\s*)(?P<year>$year4)$mark", read_year, span=from_cue,
             needs_digits=FOUR_DIGITS),
    DateRule("year_list", r"$LB$year_list_cue\s+(?P<years>(?:$year\s*[،,]\s*)*$year)\s+$and_word\s+(?P<year>$year)$mark",
             read_year_list, span=several_years, needs_digits=TWO_DIGITS),
    DateRule("event_two_digit_year", r"(?=\d)(?<=$LB(?P<cue>$event)\s+)(?P<year2>$event_year2)(?![\d/.,:])$not_amount",
             read_two_digit_year, span=from_cue, needs_digits=A_DIGIT),
    DateRule("year_with_marker", r"(?P<year>$year4)\s*(?P<mark>$marker)$RB", read_year, needs_digits=FOUR_DIGITS),
    # relative words are dates only against a known document date
    DateRule("relative", r"$LB(?P<rel>$relative)$RB", read_relative, needs_document_date=True, starts_with="relative"),
)


@cached("dates.rules")
def date_rules() -> tuple[DateRule, ...]:
    """The rules, compiled over this installation's word lists."""
    pieces = fragments()
    return tuple(rule.compiled(pieces) for rule in RULES)


def rule_named(name: str) -> DateRule:
    for rule in date_rules():
        if rule.name == name:
            return rule
    raise KeyError(f"no date rule {name!r}")
