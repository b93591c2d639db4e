"""IOB2 tags to entity spans and back.

A span is a run of tokens ``start``…``end-1`` of one kind: a ``B-`` tag
opens it and ``I-`` tags of the same kind continue it. A stray ``I-`` (no
span open, or another kind's) opens a span too, as conlleval reads it.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class TokenSpan(NamedTuple):
    start: int     # first token
    end: int       # one past the last token
    kind: str      # PER, LOC, ORG, DAT …


# builds a TokenSpan without the Python-level __new__ of a NamedTuple: the
# consistency pass reads every sentence's spans several times per document
_new = tuple.__new__


def spans(tags: list[str]) -> set[TokenSpan]:
    """The spans of one sentence's tags."""
    out, start, kind = set(), None, None
    last = -1                       # the last tag that is not O
    # most tags are O, which only close a span: the loop visits the others
    for i in [i for i, tag in enumerate(tags) if tag != "O"]:
        if start is not None and i > last + 1:      # an O closed it
            out.add(_new(TokenSpan, (start, last + 1, kind)))
            start = None
        prefix, _, t = tags[i].partition("-")
        if start is not None and (prefix != "I" or t != kind):
            out.add(_new(TokenSpan, (start, i, kind)))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, t
        last = i
    if start is not None:
        out.add(_new(TokenSpan, (start, last + 1, kind)))
    return out


def span_tags(kind: str, length: int) -> list[str]:
    """The tags of one span of ``length`` tokens."""
    return [f"B-{kind}"] + [f"I-{kind}"] * (length - 1)


def to_tags(found: Iterable[TokenSpan], length: int) -> list[str]:
    """The tags of a sentence of ``length`` tokens holding the (non-overlapping)
    spans ``found``; every other token is O."""
    tags = ["O"] * length
    for s in found:
        tags[s.start:s.end] = span_tags(s.kind, s.end - s.start)
    return tags
