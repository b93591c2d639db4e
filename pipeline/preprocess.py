"""The two components every pipeline starts with: the normalized view of the
text (``normalize``) and its sentences and tokens (``segment``)."""
from __future__ import annotations

from .component import Component
from .document import Document
from .segment import segment


class Normalizer(Component):
    """A folded view (ی/ک, ASCII digits, no diacritics, tatweel or ZWNJ) with an
    index map back to the original text, which is never modified."""

    name = "normalize"
    requires = ("text",)
    provides = ("view",)

    def __call__(self, doc: Document) -> None:
        doc.ensure_view()


class Segmenter(Component):
    """Sentences (lines, then hazm's SentenceTokenizer) and tokens (hazm's
    WordTokenizer), each aligned to offsets in the original text."""

    name = "segment"
    requires = ("view",)
    provides = ("sentences", "tokens")

    def __call__(self, doc: Document) -> None:
        segment(doc)
