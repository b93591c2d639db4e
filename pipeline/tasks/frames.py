"""Directive frames: the kinds the code knows, and the named frames of
``tasks.yaml`` compiled and checked against them.

A frame's behaviour comes from its kind, never from its name: the name is
only a label written into each task's ``frame``, so renaming a frame in the
data file changes that label and nothing else. A kind the code does not know,
or a pattern that lacks the group its kind reads, is refused when the file is
loaded, with a message that names the file and the frame.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Iterable

import regex

from ..normalize import fold
from .labels import RESERVED


class TaskRulesError(ValueError):
    """The tasks rule file is malformed (unknown kind, missing key or group)."""


class Body(Enum):
    """Where a frame's task text is."""
    AFTER = "after"        # what follows the frame
    BETWEEN = "between"    # the pattern's group 'body'
    BEFORE = "before"      # the clause before the frame
    CLAUSE = "clause"      # the clause that holds the frame, subject included


class Scope(Enum):
    """How far the clause of a clause frame reaches."""
    COMMAS = "commas"          # between the clause marks around the frame
    PROVISION = "provision"    # from the last «:» or «؛» before it to the sentence end


@dataclass(frozen=True)
class Behaviour:
    body: Body
    opens_block: bool = False          # later sentences and a nominal paragraph continue its list
    scope: Scope | None = None         # for Body.CLAUSE
    must_be_directive: bool = False    # a clause that must end in a verb, no question or past judgement
    subject_is_addressee: bool = False  # the words before the frame name who must act
    after_body_too: bool = False       # also a task of its own after an AFTER frame's body


class FrameKind(Enum):
    """The kinds a frame of ``tasks.yaml`` may have (its ``kind:``)."""
    REQUEST = "request"
    DECISION = "decision"
    NOMINAL = "nominal"
    OBJECT_BEFORE = "object_before"
    OBLIGATION = "obligation"
    RESPONSIBILITY = "responsibility"
    IMPERATIVE = "imperative"
    MUST = "must"

    @property
    def behaviour(self) -> Behaviour:
        return _BEHAVIOUR[self]


_BEHAVIOUR: dict[FrameKind, Behaviour] = {
    FrameKind.REQUEST: Behaviour(Body.AFTER, opens_block=True),
    FrameKind.DECISION: Behaviour(Body.AFTER),
    FrameKind.NOMINAL: Behaviour(Body.BETWEEN),
    FrameKind.OBJECT_BEFORE: Behaviour(Body.BEFORE),
    FrameKind.OBLIGATION: Behaviour(Body.CLAUSE, scope=Scope.PROVISION, subject_is_addressee=True),
    FrameKind.RESPONSIBILITY: Behaviour(Body.CLAUSE, scope=Scope.PROVISION),
    FrameKind.IMPERATIVE: Behaviour(Body.CLAUSE, scope=Scope.COMMAS),
    FrameKind.MUST: Behaviour(Body.CLAUSE, scope=Scope.COMMAS, must_be_directive=True, after_body_too=True),
}

# a kind's pattern must have these groups: the code reads them
_REQUIRED_GROUPS = {FrameKind.NOMINAL: ("body",)}



@dataclass(frozen=True)
class Frame:
    name: str
    kind: FrameKind
    pattern: regex.Pattern
    # every match holds one of these words: a sentence without any is not
    # searched (a substring test costs little; a pattern tried at every
    # position, some of them with a long lazy lead, costs much)
    words: tuple[str, ...]

    @property
    def behaviour(self) -> Behaviour:
        return self.kind.behaviour


@dataclass(frozen=True)
class Hit:
    """One match of a frame in a sentence (offsets into the sentence)."""
    start: int
    frame: Frame
    match: Any   # regex.Match


def compile_frames(entries: Iterable[dict], so_that_ta: str, source: str) -> tuple[Frame, ...]:
    """The frames of the rule file ``source``, in file order; TaskRulesError
    names the entry when one is malformed."""
    frames = []
    for i, entry in enumerate(entries, 1):
        where = f"{source}: frame {entry.get('name', '?')!r} (entry {i})"
        missing = [k for k in ("name", "kind", "pattern", "words") if k not in entry]
        if missing:
            raise TaskRulesError(f"{where} lacks {', '.join(missing)}")
        kind = _kind(entry["kind"], where)
        name = str(entry["name"])
        if name in RESERVED:
            raise TaskRulesError(f"{where}: the name is one the code gives to list items; choose another")
        pattern = regex.compile(fold(entry["pattern"].replace("{so_that_ta}", so_that_ta)))
        for group in _REQUIRED_GROUPS.get(kind, ()):
            if group not in pattern.groupindex:
                raise TaskRulesError(f"{where}: a {kind.value!r} frame needs a group (?P<{group}>...) in its pattern")
        frames.append(Frame(name, kind, pattern, _words(entry["words"], pattern, where)))
    return tuple(frames)


def _kind(value: Any, where: str) -> FrameKind:
    try:
        return FrameKind(value)
    except ValueError:
        known = ", ".join(k.value for k in FrameKind)
        raise TaskRulesError(f"{where} has kind {value!r}; the kinds are: {known}") from None


def _words(value: Any, pattern: regex.Pattern, where: str) -> tuple[str, ...]:
    """A frame's words, folded. Each must be written in its pattern: a word
    that is not (a typo, a word left behind when the pattern changed) would
    make the frame skip the sentences it matches."""
    if not isinstance(value, list) or not value:
        raise TaskRulesError(f"{where}: 'words' must be a list of words")
    words = tuple(fold(str(w)) for w in value)
    missing = [w for w in words if not w or w not in pattern.pattern]
    if missing:
        raise TaskRulesError(f"{where}: the words {missing} are not in its pattern")
    return words


class FrameFinder:
    """The frames of one document: those whose words occur in it, each tried
    on a sentence only when one of its words occurs there. Which of the
    document's few frame words a sentence holds is found once per sentence."""

    def __init__(self, frames: tuple[Frame, ...], document: str, words: tuple[str, ...] | None = None):
        """``words``: ``frame_words(frames)``, when the caller keeps it."""
        self.words = [w for w in (words or frame_words(frames)) if w in document]
        found = set(self.words)
        self.frames = [f for f in frames if not found.isdisjoint(f.words)]

    def hits(self, text: str) -> list[Hit]:
        """Frame matches in ``text`` (a sentence of the document), by start
        (at one start the earlier frame first). A clause frame counts at every
        match, any other frame at its first only."""
        present = {w for w in self.words if w in text}
        if not present:
            return []
        return _hits([f for f in self.frames if not present.isdisjoint(f.words)], text)


def frame_words(frames: tuple[Frame, ...]) -> tuple[str, ...]:
    """The distinct words of ``frames``, sorted (frames share many)."""
    return tuple(sorted({w for f in frames for w in f.words}))


def find_hits(frames: tuple[Frame, ...], text: str) -> list[Hit]:
    """The frame matches in one text on its own (see FrameFinder.hits)."""
    return FrameFinder(frames, text).hits(text)


def _hits(frames: list[Frame], text: str) -> list[Hit]:
    hits = []
    for f in frames:
        for m in f.pattern.finditer(text):
            hits.append(Hit(m.start(), f, m))
            if f.behaviour.body is not Body.CLAUSE:
                break
    hits.sort(key=lambda h: h.start)
    return hits
