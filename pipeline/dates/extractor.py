"""Dates in the Gregorian, Jalali (and Afghan solar) and Hijri calendars,
normalized to ISO values as ../shared/eval/FORMAT.md defines them.

Each rule (rules.py) is a named pattern over the folded view with its meaning;
candidates from all rules compete, the longest span wins (matching.py); then
the document-level passes let one mention complete another (passes.py).
"""
from __future__ import annotations

from ..component import Component
from ..document import DateMention, Document
from .lexicon import lexicon
from .matching import candidates, choose
from .parts import Candidate, Dated
from .passes import complete
from .rules import Context, date_rules


def _mention(doc: Document, c: Candidate) -> DateMention:
    span = doc.span_from_view(c.start, c.end)
    return DateMention(span.start, span.end, span.text, value=c.value, calendar=c.calendar, rule=c.rule,
                       relative=c.relative)


def extract_dates(doc: Document) -> None:
    view = doc.ensure_view().text
    lex = lexicon()
    chosen = choose(candidates(Context.of(view, doc.date, lex), date_rules()), view, lex)
    doc.dates = complete(doc.text, [Dated(_mention(doc, c), c.parts) for c in chosen], lex)


class DateExtractor(Component):
    """Date mentions in every calendar, with ISO values."""

    name = "dates"
    requires = ("view",)
    provides = ("dates",)

    def __call__(self, doc: Document) -> None:
        extract_dates(doc)
