"""Calendar arithmetic: FORMAT.md values of a date written in the Gregorian,
Jalali (and Afghan solar, the same calendar) or Hijri calendar.

Conversion is done by jdatetime and hijridate, never by hand.
"""
from __future__ import annotations

import datetime as dt

import hijridate
import jdatetime

GREG, JAL, HIJ = "gregorian", "jalali", "hijri"
# FORMAT.md's prefix of a yearless value («J:XXXX-08»)
PREFIX = {GREG: "", JAL: "J:", HIJ: "H:"}


def month_length(cal: str, y: int, m: int) -> int:
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


def interval(cal: str, y: int, m: int | None) -> str:
    """The Gregorian days of a year (``m`` None) or a month of ``cal``: 'first/last'."""
    if m is None:
        first = to_gregorian(cal, y, 1, 1)
        last = to_gregorian(cal, y, 12, month_length(cal, y, 12))
    else:
        first = to_gregorian(cal, y, m, 1)
        last = to_gregorian(cal, y, m, month_length(cal, y, m))
    return f"{first.isoformat()}/{last.isoformat()}"


def first_day(cal: str, y: int, m: int | None) -> str:
    return interval(cal, y, m).split("/")[0]


def last_day(cal: str, y: int, m: int | None) -> str:
    return interval(cal, y, m).split("/")[1]


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
    return interval(cal, y, m)


def calendar_of_year(y: int) -> str | None:
    """The calendar a bare four-digit year is written in, if it is a plausible year."""
    if 1300 <= y <= 1499:
        return JAL
    if 1800 <= y <= 2200:
        return GREG
    return None


def expand_year(y: str, cal: str) -> int | None:
    """A year as written (two or four digits); None for two digits outside Jalali."""
    n = int(y)
    if len(y) == 4:
        return n
    if cal == JAL:  # two-digit Jalali years are 13xx/14xx
        return 1400 + n if n <= 30 else 1300 + n
    return None


def date_in(cal: str, when: dt.date) -> tuple[int, int, int]:
    """The Gregorian day ``when`` as (year, month, day) of ``cal``."""
    if cal == JAL:
        j = jdatetime.date.fromgregorian(date=when)
        return j.year, j.month, j.day
    if cal == HIJ:
        h = hijridate.Gregorian(when.year, when.month, when.day).to_hijri()
        return h.year, h.month, h.day
    return when.year, when.month, when.day


def year_in(cal: str, when: dt.date) -> int:
    """The year of ``cal`` that the Gregorian day ``when`` falls in."""
    return date_in(cal, when)[0]
