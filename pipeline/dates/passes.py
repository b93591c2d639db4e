"""Document-level passes over the chosen dates: what one mention tells about
another (a shared year, a range of two days, a date restated in parentheses).

Each pass takes the original text and the mentions in text order, with their
date parts; :func:`complete` runs them in order.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from ..document import DateMention
from ..normalize import fold
from .calendars import GREG, first_day, iso_value, last_day
from .lexicon import Lexicon
from .parts import DateParts, Dated

# the rule name of a mention made of two joined dates
DATE_RANGE = "date_range"
_AND_GAP = regex.compile(r"^[^.؛:!?؟\n]{0,40}$")
_PAIR_GAP = regex.compile(r"^\s*[(\[]\s*$")
_FOUR_DIGITS = regex.compile(r"\d{4}")


def fill_years_from_same_day(dated: list[Dated]) -> None:
    """A yearless day that the document also writes with a year («۲۲ بهمن» after
    «۲۲ بهمن ۱۳۸۲») is that dated day: the year is unambiguous."""
    values_of: dict[tuple[str, int, int], set[str]] = {}
    for d in dated:
        p = d.parts
        if p and p.year is not None and p.day is not None:
            values_of.setdefault((p.calendar, p.month, p.day), set()).add(d.mention.value)
    for d in dated:
        p = d.parts
        if p and p.year is None and p.day is not None:
            values = values_of.get((p.calendar, p.month, p.day), set())
            if len(values) == 1:
                d.mention.value = next(iter(values))


def _days_range(p: DateParts, q: DateParts, last: str) -> str | None:
    """«از ۲۸ فوریه تا ۲ مارس ۲۰۲۴»: a first day without a year takes the second's."""
    y1 = p.year if p.year is not None else (q.year if (p.month, p.day) <= (q.month, q.day) else q.year - 1)
    try:
        first = iso_value(p.calendar, y1, p.month, p.day)
    except ValueError:
        return None
    return f"{first}/{last}" if first < last else None


def _months_range(p: DateParts, q: DateParts) -> str | None:
    """«تیر ۹۸ تا مهر ماه ۹۸», «نوامبر ۲۰۲۳ تا فوریه ۲۰۲۴»: two months with their years."""
    if (p.year, p.month) >= (q.year, q.month):
        return None
    if p.calendar == GREG:
        return f"{p.year:04d}-{p.month:02d}/{q.year:04d}-{q.month:02d}"
    return f"{first_day(p.calendar, p.year, p.month)}/{last_day(q.calendar, q.year, q.month)}"


def _joined(text: str, a: Dated, b: Dated, lex: Lexicon) -> DateMention | None:
    """The range that two neighbouring days (or months) make, if a range word is all that lies between them."""
    m, p, n, q = a.mention, a.parts, b.mention, b.parts
    if not (p and q and q.year is not None and p.calendar == q.calendar):
        return None
    if not lex.range_words.match(fold(text[m.end:n.start])):
        return None
    if p.day and q.day:
        value = _days_range(p, q, n.value)
    elif p.day is None and q.day is None and p.year is not None:
        value = _months_range(p, q)
    else:
        value = None
    if value is None:
        return None
    start, opener = m.start, lex.range_opener
    if fold(text[max(0, m.start - len(opener) - 2):m.start]).strip().endswith(opener):
        start = text.rfind(opener, 0, m.start)
    return DateMention(start, n.end, text[start:n.end], value=value, calendar=m.calendar, rule=DATE_RANGE)


def join_ranges(text: str, dated: list[Dated], lex: Lexicon) -> list[Dated]:
    """«از ۲۸ فوریه تا ۲ مارس ۲۰۲۴», «۱۴۰۲/۱/۱ لغایت ۱۴۰۲/۱۲/۲۹»: two days joined
    by a range word are one value; a first day without a year takes the second's."""
    out: list[Dated] = []
    k = 0
    while k < len(dated):
        joined = _joined(text, dated[k], dated[k + 1], lex) if k + 1 < len(dated) else None
        if joined is not None:
            out.append(Dated(joined, None))
            k += 2
        else:
            out.append(dated[k])
            k += 1
    return out


def share_year(text: str, dated: list[Dated], lex: Lexicon) -> None:
    """«۱۵ مارس و ... ۲۰ آوریل ۲۰۲۵»: a year written once after a list of days
    in one clause belongs to the earlier days too (right to left, so it passes
    along the list)."""
    for k in range(len(dated) - 1, 0, -1):
        p, q = dated[k - 1].parts, dated[k].parts
        if not (p and q) or p.year is not None or q.year is None or p.day is None or p.calendar != q.calendar:
            continue
        gap = text[dated[k - 1].mention.end:dated[k].mention.start]
        if f" {lex.and_word} " in gap and _AND_GAP.match(gap) and p.month <= q.month:
            try:
                dated[k - 1].mention.value = iso_value(p.calendar, q.year, p.month, p.day)
                dated[k - 1] = replace(dated[k - 1], parts=replace(p, year=q.year))
            except ValueError:
                pass


def _paragraph_years(text: str, dated: list[Dated], k: int, calendar: str) -> set[int]:
    """The years of ``calendar`` that the mentions before ``k`` in its paragraph write."""
    para_start = text.rfind("\n", 0, dated[k].mention.start) + 1
    before = [d for d in dated[:k] if d.mention.start >= para_start]
    years = {d.parts.year for d in before if d.parts and d.parts.year is not None and d.parts.calendar == calendar}
    years |= {int(d.mention.value[:4]) for d in before
              if d.mention.calendar == calendar == GREG and _FOUR_DIGITS.fullmatch(d.mention.value)}
    return years


def year_from_paragraph(text: str, dated: list[Dated]) -> None:
    """A yearless day takes the year of its paragraph when the paragraph, before
    it, names exactly one year of the same calendar: that year is unambiguous."""
    for k, d in enumerate(dated):
        p = d.parts
        if not p or p.year is not None or p.day is None:
            continue
        years = _paragraph_years(text, dated, k, p.calendar)
        if len(years) == 1:
            try:
                d.mention.value = iso_value(p.calendar, years.pop(), p.month, p.day)
            except ValueError:
                pass


def merge_paired(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """«۸ می ۲۰۱۵ (۱۸ اردیبهشت ۹۴)»: the date in parentheses restates the one
    before it; keep one mention, completing a missing year from the other."""
    out: list[DateMention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            if _PAIR_GAP.match(text[prev.end:m.start]) and prev.calendar != m.calendar:
                if "XXXX" in prev.value and "XXXX" not in m.value:
                    prev.value = m.value
                continue
        out.append(m)
    return out


def complete(text: str, dated: list[Dated], lex: Lexicon) -> list[DateMention]:
    """The document's date mentions after every pass, in order."""
    fill_years_from_same_day(dated)
    dated = join_ranges(text, dated, lex)
    share_year(text, dated, lex)
    year_from_paragraph(text, dated)
    return merge_paired(text, [d.mention for d in dated])
