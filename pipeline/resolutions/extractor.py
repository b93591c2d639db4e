"""Numbered documents: resolutions, decrees, circulars, directives, proposals.

A mention is a kind word from the lexicon, an optional cue («شماره») and a
number that one of the named number grammars accepts. Article and clause
references (ماده، تبصره، بند) and numbered bodies are not kinds, so they never
match. Issuer, date and title are read from what follows the number.
"""
from __future__ import annotations

from ..component import Component
from ..document import Document
from .mentions import find_mentions
from .numbers import ViewSpan
from .records import build, merge_repeats
from .rules import ResolutionRules, load_rules


def extract_resolutions(doc: Document, rules: ResolutionRules | None = None) -> None:
    """Fill ``doc.resolutions``, one per (kind, number), in text order."""
    rules = rules or load_rules()
    view = doc.ensure_view().text
    dates = tuple(ViewSpan(doc.view.from_original(d.start), doc.view.from_original(d.end)) for d in doc.dates)
    found = [build(doc, m, rules) for m in find_mentions(view, rules, dates)]
    doc.resolutions = merge_repeats(sorted(found, key=lambda x: x.start))


class ResolutionExtractor(Component):
    """Numbered documents (resolutions, decrees, directives, letters) with
    kind, number, issuer, date and title."""

    name = "resolutions"
    requires = ("view", "dates")
    provides = ("resolutions",)

    def __init__(self, settings=None):
        super().__init__(settings)
        self.rules = load_rules()

    def __call__(self, doc: Document) -> None:
        extract_resolutions(doc, self.rules)
