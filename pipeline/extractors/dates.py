"""Dates in the Gregorian, Jalali (and Afghan solar) and Hijri calendars,
normalized to ISO values as ../shared/eval/FORMAT.md defines them.

Each rule is a named regex over the folded view; candidates from all rules
compete, the longest span wins. Calendar conversion is done by jdatetime and
hijridate, never by hand.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import hijridate
import jdatetime
import regex

from ..component import Component
from ..document import DateMention, Document
from .. import wordlists
from ..resources import LB, RB, alternation, load_yaml, lookup_key
from ..normalize import fold

GREG, JAL, HIJ = "gregorian", "jalali", "hijri"
PREFIX = {GREG: "", JAL: "J:", HIJ: "H:"}


@dataclass(frozen=True)
class _Lex:
    month_of: dict[str, tuple[str, int]]   # folded month word -> (calendar, month)
    ambiguous: frozenset[str]
    afghan: frozenset[str]
    marker_of: dict[str, str]              # folded marker -> calendar
    rules: tuple[tuple[str, regex.Pattern], ...]
    relative_days: dict[str, int]
    relative_years: dict[str, int]
    relative_weeks: dict[str, int]
    ordinals: dict[str, int]
    range_words: regex.Pattern
    blockers: regex.Pattern



@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    data = load_yaml("dates.yaml")
    month_of: dict[str, tuple[str, int]] = {}
    words: dict[str, list[str]] = {GREG: [], JAL: [], HIJ: []}
    afghan = set()
    for m in wordlists.month_names():
        target = JAL if m.calendar == "afghan" else m.calendar
        month_of[lookup_key(m.name)] = (target, m.month)
        words[target].append(m.name)
        if m.calendar == "afghan":
            afghan.add(lookup_key(m.name))
    marker_of = {lookup_key(m): cal for cal, ms in data["markers"].items() for m in ms}
    month = alternation(w for ws in words.values() for w in ws)
    month_jh = alternation(words[JAL] + words[HIJ])
    mark = alternation(m for ms in data["markers"].values() for m in ms)
    cue = alternation(data["month_cues"])
    ycue = alternation(data["year_cues"])
    rng = r"(?:تا|الی|لغایت|-)"
    ordinal = alternation(data["ordinal_days"])
    not_after = alternation(data["month_not_before"])
    current = r"(?:\s+(?:ماه\s+)?(?P<current>امسال|سال\s+جاری|جاری))?"
    day = r"(?<![\d/.,:])(?:[12]\d|3[01]|0?[1-9])(?![\d/.,:]\d)"
    year = r"(?<![\d/.,:])(?:\d{4}|\d{2})(?![\d/:]|[.,]\d)"
    year4 = r"(?<![\d/.,:\-])\d{4}(?![\d/:]|[.,]\d)"
    year4b = r"(?<![\d/.,:])\d{4}(?![\d/:]|[.,]\d)"  # second year of a range may follow '-'
    mk = rf"(?:\s*(?P<mark>{mark}){RB})?"
    sep_year = r"(?:\s*[،,]?\s*(?:سال\s+)?(?P<year>" + year + "))"
    rules = [
        ("day_range_month_year",
         rf"(?P<day1>{day})\s*{rng}\s*(?P<day>{day})\s+(?:ماه\s+)?(?P<month>{month}){RB}(?:\s+ماه)?{sep_year}?{mk}"),
        ("day_month_year",
         rf"(?P<day>{day})\s*(?:ام|م)?\s+(?:ماه\s+)?(?P<month>{month})(?:ماه)?{RB}(?!\s+{not_after})(?:\s+ماه)?(?:{sep_year}|{current}){mk}"),
        ("ordinal_day_month_year",
         rf"{LB}(?P<ordinal>{ordinal})\s+(?:ماه\s+)?(?P<month>{month})(?:ماه)?{RB}(?:\s+ماه)?{sep_year}?{mk}"),
        ("month_year",
         rf"{LB}(?:ماه\s+)?(?P<month>{month})(?:ماه)?{RB}(?:\s+ماه)?\s+(?:سال\s+)?(?P<year>{year}){mk}"),
        ("quarter_year",
         rf"{LB}(?:سه\s*ماهه|فصل)\s+(?:اول|دوم|سوم|چهارم|نخست|آخر)\s+(?:سال\s+)?(?P<year>{year4}){mk}"),
        ("two_digit_jalali_year",
         rf"{LB}سال\s+(?P<year2>\d{{2}})(?![\d/.,:]|\s*(?:درصد|نفر|سال|ساله|میلیون|میلیارد|هزار))"),
        ("month_with_cue",
         rf"{LB}(?P<cue>{cue})\s+(?:ماه\s+)?(?P<month>{month_jh}){RB}(?:\s+ماه)?{sep_year}?"),
        ("named_month",
         rf"{LB}ماه\s+(?:مبارک\s+)?(?P<month>{month_jh}){RB}"),
        # «آبان ماه»: a month reference; «اردیبهشت ماه سال جاری» needs the document's date
        ("month_mah",
         rf"{LB}(?P<month>{month_jh})\s*ماه{RB}(?P<relyear>\s+(?:سال\s+جاری|امسال|سال\s+گذشته|سال\s+قبل|سال\s+آینده|جاری|گذشته))?"),
        ("month_range_year",
         rf"{LB}از\s+(?:ماه\s+)?(?P<month1>{month}){RB}(?:\s*ماه)?\s+(?:تا|الی|لغایت)\s+(?:ماه\s+)?(?P<month>{month}){RB}(?:\s*ماه)?\s+(?:سال\s+)?(?P<year>{year4}){mk}"),
        ("day_and_day_month_year",
         rf"(?P<day1>{day})\s+و\s+(?P<day>{day})\s+(?:ماه\s+)?(?P<month>{month})(?:ماه)?{RB}(?:\s+ماه)?(?:{sep_year}){mk}"),
        ("year_after_dar",
         rf"{LB}در\s+(?P<year>(?:19[5-9]\d|20[0-4]\d))(?=\s*(?:[،,.؛:]|(?:به|از|و|در|تا|میلادی)(?![\p{{L}}])))"),
        ("numeric_ymd",
         r"(?<![\d/.,:\-])(?P<year>\d{4})\s?(?P<sep>[/\-.،])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<d>\d{1,2})(?![\d]|[/\-.:]\d)"),
        ("numeric_ymd_comma",
         r"(?<![\d/.,:\-])(?P<year>\d{4}),(?P<m>\d{2}),(?P<d>\d{2})(?![\d]|[/\-.,:]\d)"),
        ("numeric_dmy",
         r"(?<![\d/.,:\-])(?P<d>\d{1,2})(?P<sep>[/\-.])(?P<m>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d]|[/\-.:]\d)"),
        ("numeric_ymd_2digit",
         r"(?<![\d/.,:\-])(?P<year>\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d]|[/\-.:]\d)"),
        ("year_range",
         rf"(?P<year1>{year4})\s*(?:تا|الی|-)\s*(?:سال\s+)?(?P<year>{year4b}){mk}"),
        ("year_with_cue",
         rf"{LB}(?P<cue>{ycue})\s+(?P<year>{year4}){mk}"),
        ("year_with_marker",
         rf"(?P<year>{year4})\s*(?P<mark>{mark}){RB}"),
    ]
    rel_days = {lookup_key(k): v for k, v in data["relative_days"].items()}
    rel_years = {lookup_key(k): v for k, v in data["relative_years"].items()}
    rel = alternation(list(data["relative_days"]) + list(data["relative_years"]) + list(data["relative_weeks"]))
    rules.append(("relative", rf"{LB}(?P<rel>{rel}){RB}"))
    blockers = regex.compile(rf"{LB}(?:{alternation(['خیابان', 'میدان', 'بلوار', 'بزرگراه', 'کوچه', 'پل', 'ورزشگاه', 'مسجد', 'دانشگاه', 'بیمارستان', 'مدرسه', 'پایگاه', 'شهرک', 'لشکر', 'تیپ', 'ایستگاه', 'مترو', 'جبهه', 'سالن', 'تالار', 'پارک', 'دبیرستان', 'هنرستان', 'سقوط', 'ریزش'])})\s+$")
    return _Lex(
        month_of=month_of,
        ambiguous=frozenset(lookup_key(w) for w in wordlists.ambiguous_month_names()),
        afghan=frozenset(afghan),
        marker_of=marker_of,
        rules=tuple((name, regex.compile(p)) for name, p in rules),
        relative_days=rel_days,
        relative_years=rel_years,
        relative_weeks={lookup_key(k): v for k, v in data["relative_weeks"].items()},
        ordinals={lookup_key(k): int(v) for k, v in data["ordinal_days"].items()},
        range_words=regex.compile(r"^\s*" + alternation(data["date_range_words"]) + r"\s*$"),
        blockers=blockers,
        # a first-letter lookahead lets the scan skip most positions cheaply
    )


# ---------------------------------------------------------------- conversion

def _month_length(cal: str, y: int, m: int) -> int:
    if cal == JAL:
        return 31 if m <= 6 else (30 if m <= 11 or jdatetime.date(y, 1, 1).isleap() else 29)
    if cal == HIJ:
        return hijridate.Hijri(y, m, 1).month_length()
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day


def to_gregorian(cal: str, y: int, m: int, d: int) -> dt.date:
    """Raises ValueError for a day that does not exist in that calendar."""
    if cal == JAL:
        return jdatetime.date(y, m, d).togregorian()
    if cal == HIJ:
        g = hijridate.Hijri(y, m, d).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    return dt.date(y, m, d)


def _interval(cal: str, y: int, m: int | None) -> str:
    if m is None:
        first = to_gregorian(cal, y, 1, 1)
        last = to_gregorian(cal, y, 12, _month_length(cal, y, 12))
    else:
        first = to_gregorian(cal, y, m, 1)
        last = to_gregorian(cal, y, m, _month_length(cal, y, m))
    return f"{first.isoformat()}/{last.isoformat()}"


def iso_value(cal: str, y: int | None, m: int | None, d: int | None) -> str:
    """FORMAT.md's value for a date given in calendar ``cal``; raises ValueError if invalid."""
    if y is None:
        if m is None or not 1 <= m <= 12 or (d is not None and not 1 <= d <= 31):
            raise ValueError("incomplete date")
        return f"{PREFIX[cal]}XXXX-{m:02d}" + (f"-{d:02d}" if d else "")
    if cal == GREG:
        if d is not None:
            return dt.date(y, m, d).isoformat()
        if m is not None:
            dt.date(y, m, 1)
            return f"{y:04d}-{m:02d}"
        return f"{y:04d}"
    if d is not None:
        return to_gregorian(cal, y, m, d).isoformat()
    return _interval(cal, y, m)


def _calendar_of_year(y: int) -> str | None:
    if 1300 <= y <= 1499:
        return JAL
    if 1800 <= y <= 2200:
        return GREG
    return None


def _expand_year(y: str, cal: str) -> int | None:
    n = int(y)
    if len(y) == 4:
        return n
    if cal == JAL:  # two-digit Jalali years are 13xx/14xx
        return 1400 + n if n <= 30 else 1300 + n
    return None


# ---------------------------------------------------------------- extraction

def _matches(view: str, lex: _Lex, relative: bool):
    """Every rule's matches. Rules built around a month word run only in a
    window around each month word the text holds: most of a text has none."""
    hits = []
    for hs, he in _month_words(view, lex):
        # a day or a year is a number next to the month; without one only a
        # cue («اوایل اسفند») or «ماه رمضان» can make a date
        hits.append((hs, he, bool(_DIGIT.search(view, max(0, hs - 14), min(len(view), he + 20)))))
    for name, pattern in lex.rules:
        if name == "relative" and not relative:
            continue  # relative words are dates only against a known document date
        if name not in _MONTH_RULES:
            yield from ((name, m) for m in pattern.finditer(view))
            continue
        needs_number = name not in _NO_NUMBER_RULES
        seen = set()
        for hs, he, digit_near in hits:
            if needs_number and not digit_near:
                continue
            for m in pattern.finditer(view, max(0, hs - 48), min(len(view), he + 64)):
                if m.span("month") == (hs, he) and m.span() not in seen:
                    seen.add(m.span())
                    yield name, m


_DIGIT = regex.compile(r"\d")
_WORD = regex.compile(r"\p{L}+")
_SHORT_MAY = {"مه", "می"}


def _month_words(view: str, lex: _Lex) -> list[tuple[int, int]]:
    """Spans of month names, by a dictionary look-up of each word (and of each
    pair, for «ربیع الاول»): far cheaper than a big alternation over the text.
    «مه»/«می» (fog; the verb prefix of «می شود») count only beside a number."""
    months = lex.month_of
    hits: list[tuple[int, int]] = []
    prev_s, prev_e, prev_w = -1, -1, ""
    for m in _WORD.finditer(view):
        w = m.group()
        s, e = m.span()
        if prev_w and prev_w + w in months and view[prev_e:s].isspace():  # «ربیع الاول»
            hits.append((prev_s, e))
        elif w in months:
            if w not in _SHORT_MAY or _DIGIT.search(view, max(0, s - 3), s) or _DIGIT.match(view, e + 1) \
                    or _DIGIT.match(view, e):
                hits.append((s, e))
        elif w.endswith("ماه") and w[:-3] in months and w[:-3] not in _SHORT_MAY:
            hits.append((s, e - 3))  # «مهرماه»
        prev_s, prev_e, prev_w = s, e, w
    return hits
_NO_NUMBER_RULES = {"month_with_cue", "named_month", "ordinal_day_month_year", "month_mah"}
_MONTH_RULES = {"day_range_month_year", "day_month_year", "ordinal_day_month_year", "month_year",
                "month_with_cue", "named_month", "month_mah", "month_range_year", "day_and_day_month_year"}
# words before a range that belong to its span («از ۱۸ تا ۱۹ ژوئیه», «دوره ۲۰۲۵ تا ۲۰۳۰»)
_RANGE_PREFIX = regex.compile(r"(?:(?<![\p{L}])(?:دوره|سالهای|سال|از\s+سال|از|بین)\s+)$")


def _candidates(view: str, doc_date: dt.date | None):
    lex = lexicon()
    for name, m in _matches(view, lex, doc_date is not None):
        try:
            found = _interpret(name, m, view, lex, doc_date)
        except (ValueError, OverflowError, KeyError):
            continue
        if found is not None and name == "day_and_day_month_year":
            # «۱۸ و ۱۹ دسامبر ۲۰۲۴»: two days, the first borrowing month and year
            cal, parts = found[1], found[3]
            try:
                first = iso_value(cal, parts[1], parts[2], int(m.group("day1")))
            except ValueError:
                continue
            yield (m.start("day1"), m.end("day1"), name, first, cal, False, (cal, parts[1], parts[2], int(m.group("day1"))))
            yield (m.start("day"), m.end(), name) + found
            continue
        if found is not None:
            start = m.start()
            if name in ("year_range", "day_range_month_year"):
                prefix = _RANGE_PREFIX.search(view, max(0, start - 12), start)
                if prefix:
                    start = prefix.start()
            yield (start, m.end(), name) + found


def _interpret(name, m, view, lex: _Lex, doc_date):
    g = m.groupdict()
    mark = lex.marker_of.get(lookup_key(g["mark"])) if g.get("mark") else None
    if name == "relative":
        if doc_date is None:
            return None
        key = lookup_key(g["rel"])
        if key in lex.relative_days:
            return (doc_date + dt.timedelta(days=lex.relative_days[key])).isoformat(), GREG, True, None
        if key in lex.relative_weeks:
            saturday = doc_date - dt.timedelta(days=(doc_date.weekday() - 5) % 7)
            first = saturday + dt.timedelta(days=7 * lex.relative_weeks[key])
            return f"{first.isoformat()}/{(first + dt.timedelta(days=6)).isoformat()}", GREG, True, None
        return f"{doc_date.year + lex.relative_years[key]:04d}", GREG, True, None

    if "month" in g and g["month"]:
        key = lookup_key(g["month"])
        cal, month = lex.month_of[key]
        if mark and mark != cal:
            return None
        year = _expand_year(g["year"], cal) if g.get("year") else None
        if g.get("year") and year is None:
            return None
        if key in lex.afghan and year is None and not g.get("day"):
            return None  # an Afghan month word alone is an ordinary word
        if g.get("year") and len(g["year"]) == 2 and key in lex.ambiguous:
            return None  # «میزان ۱۵»، «حمل ۲۰»: an amount, not a month
        day = int(g["day"]) if g.get("day") else (lex.ordinals[lookup_key(g["ordinal"])] if g.get("ordinal") else None)
        if name in ("month_with_cue", "named_month", "month_mah"):
            day = None
        if g.get("relyear"):
            if doc_date is None:
                return None  # a year relative to an unknown date
            offset = -1 if regex.search(r"گذشته|قبل", g["relyear"]) else (1 if "آینده" in g["relyear"] else 0)
            year = _year_in(cal, doc_date) + offset
        if g.get("month1"):
            cal1, month1 = lex.month_of[lookup_key(g["month1"])]
            if cal1 != cal or month1 >= month:
                return None
            if cal == GREG:
                return f"{year:04d}-{month1:02d}/{year:04d}-{month:02d}", cal, False, None
            first = _interval(cal, year, month1).split("/")[0]
            return f"{first}/{_interval(cal, year, month).split('/')[1]}", cal, False, None
        if key in lex.ambiguous and day is None and year is None and name not in ("named_month", "month_with_cue"):
            return None
        if key in ("مه", "می") and year is None and not _may_context(view, m.end()):
            return None
        if year is None and doc_date is not None:
            year = _year_in(cal, doc_date)
        if g.get("day1") and name == "day_range_month_year":
            d1 = int(g["day1"])
            if d1 >= day:
                return None
            return f"{iso_value(cal, year, month, d1)}/{iso_value(cal, year, month, day)}", cal, False, None
        return iso_value(cal, year, month, day), cal, False, (cal, year, month, day)

    if name.startswith("numeric"):
        raw_year = g["year"]
        y, mo, d = int(raw_year), int(g["m"]), int(g["d"])
        if len(raw_year) == 2:
            y = _expand_year(raw_year, JAL)
            cal = JAL
        else:
            cal = _calendar_of_year(y)
        if cal is None or not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        if cal == JAL and 1400 <= y <= 1499 and _hijri_marked(view, m.end(), lex):
            cal = HIJ
        return iso_value(cal, y, mo, d), cal, False, (cal, y, mo, d)

    # year rules
    if g.get("year2"):
        y = _expand_year(g["year2"], JAL)
        return iso_value(JAL, y, None, None), JAL, False, None
    y = int(g["year"])
    cal = mark or _calendar_of_year(y)
    if cal is None or (cal == HIJ and not 1300 <= y <= 1500):
        return None
    if name == "year_range":
        y1 = int(g["year1"])
        if not (0 < y - y1 <= 100) or _calendar_of_year(y1) != _calendar_of_year(y):
            return None
        if cal == GREG:
            return f"{y1:04d}/{y:04d}", cal, False, None
        first = _interval(cal, y1, None).split("/")[0]
        last = _interval(cal, y, None).split("/")[1]
        return f"{first}/{last}", cal, False, None
    return iso_value(cal, y, None, None), cal, False, None


def _year_in(cal: str, when: dt.date) -> int:
    if cal == JAL:
        return jdatetime.date.fromgregorian(date=when).year
    if cal == HIJ:
        return hijridate.Gregorian(when.year, when.month, when.day).to_hijri().year
    return when.year


_MAY_NEXT = regex.compile(r"\s*(?:$|[،,.؛:)\]«»\"]|(?:در|به|از|تا|که|و|سال|میلادی|گذشته|امسال|آینده)(?![\p{L}]))")


def _may_context(view: str, end: int) -> bool:
    """«مه»/«می» without a year is May only when no verb or noun follows it."""
    return bool(_MAY_NEXT.match(view, end))


def _hijri_marked(view: str, end: int, lex: _Lex) -> bool:
    m = regex.match(r"\s*(?:ه\.?\s?ق|قمری|هجری\s+قمری|ق)(?![\p{L}])", view[end:end + 16])
    return bool(m)


def extract_dates(doc: Document) -> None:
    view = doc.ensure_view().text
    cands = sorted(_candidates(view, doc.date), key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in cands:
        s, e = c[0], c[1]
        if any(s < te and ts < e for ts, te in taken):
            continue
        if lexicon().blockers.search(view[max(0, s - 20):s]):
            continue
        taken.append((s, e))
        chosen.append(c)
    chosen.sort()
    mentions = []
    for s, e, rule, value, cal, relative, _parts in chosen:
        span = doc.span_from_view(s, e)
        mentions.append(DateMention(span.start, span.end, span.text, value=value, calendar=cal, rule=rule, relative=relative))
    parts = [c[-1] for c in chosen]
    _fill_years_from_same_day(mentions, parts)
    mentions, parts = _join_ranges(doc, mentions, parts)
    _share_year(doc, mentions, parts)
    _year_from_paragraph(doc, mentions, parts)
    doc.dates = _merge_paired(mentions, view, doc)


_AND_GAP = regex.compile(r"^[^.؛:!?؟\n]{0,40}$")


def _share_year(doc: Document, mentions: list[DateMention], parts: list) -> None:
    """«۱۵ مارس و ... ۲۰ آوریل ۲۰۲۵»: a year written once after a list of days
    in one clause belongs to the earlier days too."""
    for k in range(len(mentions) - 1, 0, -1):
        p, q = parts[k - 1], parts[k]
        if not (p and q) or p[1] is not None or q[1] is None or p[3] is None or p[0] != q[0]:
            continue
        gap = doc.text[mentions[k - 1].end:mentions[k].start]
        if " و " in gap and _AND_GAP.match(gap) and p[2] <= q[2]:
            try:
                mentions[k - 1].value = iso_value(p[0], q[1], p[2], p[3])
                parts[k - 1] = (p[0], q[1], p[2], p[3])
            except ValueError:
                pass


def _year_from_paragraph(doc: Document, mentions: list[DateMention], parts: list) -> None:
    """A yearless day takes the year of its paragraph when the paragraph, before
    it, names exactly one year of the same calendar: that year is unambiguous."""
    for k, (m, p) in enumerate(zip(mentions, parts)):
        if not p or p[1] is not None or p[3] is None:
            continue
        para_start = doc.text.rfind("\n", 0, m.start) + 1
        years = {q[1] for q2, q in zip(mentions[:k], parts[:k])
                 if q and q[1] is not None and q[0] == p[0] and q2.start >= para_start}
        years |= {int(x.value[:4]) for x in mentions[:k]
                  if x.start >= para_start and x.calendar == p[0] == GREG and regex.fullmatch(r"\d{4}", x.value)}
        if len(years) == 1:
            try:
                m.value = iso_value(p[0], years.pop(), p[2], p[3])
            except ValueError:
                pass


def _join_ranges(doc: Document, mentions: list[DateMention], parts: list):
    """«از ۲۸ فوریه تا ۲ مارس ۲۰۲۴», «۱۴۰۲/۱/۱ لغایت ۱۴۰۲/۱۲/۲۹»: two days joined
    by a range word are one value; a first day without a year takes the second's."""
    out_m, out_p = [], []
    k = 0
    lex = lexicon()
    while k < len(mentions):
        m, p = mentions[k], parts[k]
        if k + 1 < len(mentions):
            n, q = mentions[k + 1], parts[k + 1]
            gap = doc.text[m.end:n.start]
            if p and q and p[3] and q[3] and q[1] is not None and p[0] == q[0] and lex.range_words.match(fold(gap)):
                y1 = p[1] if p[1] is not None else (q[1] if (p[2], p[3]) <= (q[2], q[3]) else q[1] - 1)
                try:
                    first = iso_value(p[0], y1, p[2], p[3])
                except ValueError:
                    first = None
                if first and first < n.value:
                    start = m.start
                    if fold(doc.text[max(0, m.start - 4):m.start]).strip().endswith("از"):
                        start = doc.text.rfind("از", 0, m.start)
                    out_m.append(DateMention(start, n.end, doc.text[start:n.end], value=f"{first}/{n.value}",
                                             calendar=m.calendar, rule="date_range"))
                    out_p.append(None)
                    k += 2
                    continue
        out_m.append(m)
        out_p.append(p)
        k += 1
    return out_m, out_p


def _fill_years_from_same_day(mentions: list[DateMention], parts: list) -> None:
    """A yearless day that the document also writes with a year («۲۲ بهمن» after
    «۲۲ بهمن ۱۳۸۲») is that dated day: the year is unambiguous."""
    dated: dict[tuple, set[str]] = {}
    for m, p in zip(mentions, parts):
        if p and p[1] is not None and p[3] is not None:
            dated.setdefault((p[0], p[2], p[3]), set()).add(m.value)
    for m, p in zip(mentions, parts):
        if p and p[1] is None and p[3] is not None:
            values = dated.get((p[0], p[2], p[3]), set())
            if len(values) == 1:
                m.value = next(iter(values))


_PAIR_GAP = regex.compile(r"^\s*[(\[]\s*$")


def _merge_paired(mentions: list[DateMention], view: str, doc: Document) -> list[DateMention]:
    """«۸ می ۲۰۱۵ (۱۸ اردیبهشت ۹۴)»: the date in parentheses restates the one
    before it; keep one mention, completing a missing year from the other."""
    out: list[DateMention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            gap = doc.text[prev.end:m.start]
            if _PAIR_GAP.match(gap) and prev.calendar != m.calendar:
                if "XXXX" in prev.value and "XXXX" not in m.value:
                    prev.value = m.value
                continue
        out.append(m)
    return out


class DateExtractor(Component):
    """Date mentions in every calendar, with ISO values."""

    name = "dates"
    requires = ("view",)
    provides = ("dates",)

    def __call__(self, doc: Document) -> None:
        extract_dates(doc)
