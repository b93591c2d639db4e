"""The values the date rules and passes hand each other."""
from __future__ import annotations

from dataclasses import dataclass

from ..document import DateMention


@dataclass(frozen=True)
class DateParts:
    """One day or month as written, in its own calendar; the document-level
    passes complete a missing year from these."""

    calendar: str
    year: int | None
    month: int
    day: int | None


@dataclass(frozen=True)
class Reading:
    """What a rule's match means: FORMAT.md's value and its calendar."""

    value: str
    calendar: str
    relative: bool = False           # resolved against the document's own date
    parts: DateParts | None = None   # for a single day or month, not a range or a year


@dataclass(frozen=True)
class Candidate:
    """A rule's reading of a span of the folded view; candidates compete for
    the text, the longest wins."""

    start: int
    end: int
    rule: str
    value: str
    calendar: str
    relative: bool = False
    parts: DateParts | None = None

    @classmethod
    def of(cls, rule: str, start: int, end: int, reading: Reading) -> Candidate:
        return cls(start, end, rule, reading.value, reading.calendar, reading.relative, reading.parts)


@dataclass(frozen=True)
class Dated:
    """A chosen mention (offsets in the original text) and its date parts."""

    mention: DateMention
    parts: DateParts | None
