"""The marks in one sentence that clause frames look back or ahead to
(clause marks, report leads, clause joints, speakers' verbs, questions),
found once per sentence and looked up by position.

A sentence of many «باید» would otherwise search its whole clause again for
each one: time that grows with the square of its length. Each pattern is
searched over the sentence once here, and a clause frame asks for "the last
lead between a and b" or "the first speaker's verb after a" by bisection.
What the clause rules conclude about one clause is kept in ``memo``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import Any, Callable

import regex

from .pieces import CLAUSE_MARK
from .rules import TaskRules


def clause_bounds(text: str) -> list[int]:
    """Where clauses start: 0, after each clause mark, and one past the end."""
    return [0] + [m.end() for m in CLAUSE_MARK.finditer(text)] + [len(text) + 1]


class Matches:
    """The matches of one pattern over a text, left to right, none overlapping
    (none of the patterns read here can match across another's match)."""

    def __init__(self, pattern: regex.Pattern, text: str):
        self.found = list(pattern.finditer(text))
        self.starts = [m.start() for m in self.found]
        self.ends = [m.end() for m in self.found]

    def last_within(self, start: int, end: int) -> regex.Match | None:
        """The last match that lies inside [start, end)."""
        i = bisect_right(self.ends, end) - 1
        return self.found[i] if i >= 0 and self.starts[i] >= start else None

    def first_within(self, start: int, end: int) -> regex.Match | None:
        """The first match that lies inside [start, end)."""
        i = bisect_left(self.starts, start)
        return self.found[i] if i < len(self.found) and self.ends[i] <= end else None


class SentenceMarks:
    """One sentence's view text, its clause bounds and the marks in it. Each
    kind of mark is searched for when first asked for: most sentences need
    only some («باید» clauses the joints, provisions the questions)."""

    def __init__(self, rules: TaskRules, text: str):
        self.rules, self.text = rules, text
        self.bounds = clause_bounds(text)
        # the bounds a provision starts at: the sentence start, and after «:» or «؛»
        self._provisions = [i for i, b in enumerate(self.bounds[:-1]) if i == 0 or text[b - 1] in ":؛"]
        self._provision_starts = [self.bounds[i] for i in self._provisions]
        self.memo: dict[tuple, Any] = {}

    @cached_property
    def leads(self) -> Matches:
        return Matches(self.rules.report_lead, self.text)

    @cached_property
    def joints(self) -> Matches:
        return Matches(self.rules.clause_joint, self.text)

    @cached_property
    def speech(self) -> Matches:
        return Matches(self.rules.speech_verb, self.text)

    @cached_property
    def _last_question(self) -> int:
        questions = Matches(self.rules.question, self.text)
        return questions.starts[-1] if questions.starts else -1

    def clause_at(self, pos: int) -> int:
        """The index of the comma clause that holds ``pos``."""
        return bisect_right(self.bounds, pos) - 1

    def provision_at(self, pos: int) -> int:
        """The index (into ``bounds``) of the provision that holds ``pos``."""
        return self._provisions[bisect_right(self._provision_starts, pos) - 1]

    def question_from(self, pos: int) -> bool:
        """Is there a question mark or «آیا» at or after ``pos``?"""
        return self._last_question >= pos

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]
