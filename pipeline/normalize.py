"""A normalized view of a text that keeps a map back to the original.

Extractors match against the view (one alphabet, ASCII digits, no diacritics,
no zero-width characters) and report offsets in the original. Every change is
either a one-to-one character substitution or a deletion, so the map is a plain
index array: ``view[i]`` came from ``original[index[i]]``.

hazm's Normalizer is not used for this view on purpose: it inserts and removes
spaces around digits and slashes (``1403/5/3`` -> ``۱۴۰۳ / ۵ / ۳``,
``48265/ت62648هـ`` -> ``۴۸۲۶۵ / ت ۶۲۶۴۸ ه``), which would break the dates and
document numbers this pipeline exists to extract.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import regex

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"

# One-to-one substitutions: Arabic letter forms -> Persian, digits -> ASCII,
# exotic spaces -> plain space. Hamza seats and alef-madda fold too: the view is
# for matching, never for display.
_SUBST = {
    **{ord(d): str(i) for i, d in enumerate(_PERSIAN_DIGITS)},
    **{ord(d): str(i) for i, d in enumerate(_ARABIC_DIGITS)},
    ord("ي"): "ی", ord("ى"): "ی", ord("ئ"): "ی", ord("ك"): "ک",
    ord("ة"): "ه", ord("ۀ"): "ه", ord("ہ"): "ه", ord("ە"): "ه",
    ord("أ"): "ا", ord("إ"): "ا", ord("ٱ"): "ا", ord("آ"): "ا",
    ord("ؤ"): "و",
    ord("\u00a0"): " ", ord("\u2002"): " ", ord("\u2003"): " ", ord("\u2009"): " ",
    ord("\u202f"): " ", ord("\u3000"): " ", ord("\t"): " ",
    ord("–"): "-", ord("—"): "-", ord("‐"): "-", ord("−"): "-",
    ord("٫"): ".", ord("٬"): ",", ord("\u066a"): "%",
}
_TABLE = str.maketrans(_SUBST)
# ``str.translate`` looks every character up in the table: on a word that is
# cheapest, but a text's cost grows with every character. Most texts hold a
# few of these characters only, so there each one present is replaced on its
# own (C-speed scans). That gives translate's result because no replacement
# is itself replaced (a test checks it).
_REPLACEMENTS = tuple((chr(k), v) for k, v in _SUBST.items())
_SHORT = 32   # characters: below this, the table is quicker


def _substitute(text: str) -> str:
    """``text`` with the one-to-one substitutions of ``_SUBST`` made."""
    if len(text) < _SHORT:
        return text.translate(_TABLE)
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text

# Deleted from the view: diacritics (harakat, superscript alef), zero-width and
# bidi controls, soft hyphen, BOM, ZWNJ. A tatweel after a digit or a space is a
# dash in official texts (``ماده 1ـ``, ``۱ـ``), so it becomes '-' instead.
_DROP = regex.compile(r"[\u064b-\u065f\u0670\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff]|(?<![\d\s])\u0640")
_DASH_TATWEEL = regex.compile(r"(?<=[\d\s])\u0640")


def fold(text: str) -> str:
    """The view of a lexicon entry or rule pattern (no offsets needed)."""
    return _DASH_TATWEEL.sub("-", _DROP.sub("", _substitute(text)))


@dataclass(frozen=True)
class TextView:
    """Normalized text plus the original index of each of its characters."""

    text: str
    original_length: int
    # index[i] is the original position of view character i; None when nothing
    # was deleted (the view then lines up with the original one to one)
    index: tuple[int, ...] | None = None

    def to_original(self, i: int) -> int:
        """Original index of view position ``i`` (``i == len(view)`` maps to the end)."""
        if i >= len(self.text):
            return self.original_length
        return i if self.index is None else self.index[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the view span [start, end)."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def from_original(self, i: int) -> int:
        """View index of the first view character at or after original index ``i``."""
        if self.index is None:
            return min(i, len(self.text))
        return bisect_left(self.index, i)


def make_view(original: str) -> TextView:
    text = _substitute(original)
    if "\u0640" in text:
        text = _DASH_TATWEEL.sub("-", text)
    drops = [m.start() for m in _DROP.finditer(text)]  # one character each
    if not drops:
        return TextView(text, len(original))
    keep: list[int] = []
    pieces: list[str] = []
    prev = 0
    for d in drops:  # whole runs between deletions: few, long ranges
        keep.extend(range(prev, d))
        pieces.append(text[prev:d])
        prev = d + 1
    keep.extend(range(prev, len(text)))
    pieces.append(text[prev:])
    return TextView("".join(pieces), len(original), tuple(keep))
