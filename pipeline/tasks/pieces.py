"""Pieces: the spans of the view that become tasks, and the collector that
gathers them for one document."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import regex

from ..document import Document
from ..normalize import fold
from .frames import FrameFinder
from .rules import TaskRules

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")
CLAUSE_MARK = regex.compile(r"[،:؛]")   # the marks that end a clause
# trimmed from an item's start and end («- ...», «... ؛»)
_LEAD_MARKS = "«\"'-:،"
_TRAIL_MARKS = ".!؟?؛;:،,»\"'"


@dataclass(frozen=True, slots=True)
class ViewSpan:
    """[start, end) in the document's view."""
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """The sentences of one line of the view."""
    sentences: tuple[ViewSpan, ...]

    @property
    def start(self) -> int:
        return self.sentences[0].start

    @property
    def end(self) -> int:
        return self.sentences[-1].end

    @property
    def last(self) -> ViewSpan:
        return self.sentences[-1]


@dataclass
class Piece:
    """A span of the view that becomes one task."""
    start: int
    end: int
    frame: str
    requester: str = ""
    addressees: tuple[str, ...] = ()
    list_id: int = 0
    bare_intro: bool = False   # a list intro without a frame: only directive-looking items count
    announces: bool = False    # a frame whose body only points at the list that follows («خواستار موارد زیر شد:»)


class Collector:
    """The pieces found so far in one document, and its list counter."""

    def __init__(self, doc: Document, rules: TaskRules):
        self.doc = doc
        self.rules = rules
        self.view = doc.ensure_view().text
        self.frames = FrameFinder(rules.frames, self.view, rules.frame_words)
        self.pieces: list[Piece] = []
        self.list_id = 0
        self.memo: dict[tuple, Any] = {}   # what is worked out once per sentence (keyed by purpose and start)

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def new_list(self) -> int:
        self.list_id += 1
        return self.list_id

    def add(self, s: int, e: int, frame: str, requester: str = "", addressees=(), list_id: int = 0) -> None:
        """A piece of [s, e) once trimmed, if it holds at least two words."""
        s, e = self.clean(s, e)
        if len(_TOKEN.findall(self.view[s:e])) < 2:
            return
        self.pieces.append(Piece(s, e, frame, requester, tuple(addressees), list_id))

    def clean(self, s: int, e: int) -> tuple[int, int]:
        """Trim spaces, list markers, quotes and final punctuation."""
        v = self.view
        m = self.rules.item_marker.match(v[s:e])  # on the span: a marker after «:» or «؛» counts too
        if m and s + m.end() < e:
            s += m.end()
        while s < e and (v[s].isspace() or v[s] in _LEAD_MARKS):
            s += 1
        if v.startswith(self.rules.joining_prefix, s):  # «... ؛ و اداره کل ...»: the joining «و» is not the task
            s += len(self.rules.joining_prefix)
        while e > s and (v[e - 1].isspace() or v[e - 1] in _TRAIL_MARKS):
            if v[e - 1] == "»" and "«" in v[s:e - 1]:
                break
            e -= 1
        return s, e

    def original(self, vstart: int, vend: int) -> str:
        """The original text of a view span."""
        return self.doc.span_from_view(vstart, vend).text

    def view_span(self, start: int, end: int) -> ViewSpan:
        """The view span of an original one."""
        return ViewSpan(self.doc.view.from_original(start), self.doc.view.from_original(end))


def folded_tokens(text: str) -> list[str]:
    """The words of ``text``, folded."""
    return _TOKEN.findall(fold(text))
