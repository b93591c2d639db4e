"""The tasks stage's rule file, ``tasks.yaml``, compiled once per process:
the frames (see :mod:`.frames`) and the patterns and words the clause, item
and field rules read."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from ..normalize import fold
from ..resources import cached
from ..wordlists import read_yaml
from .frames import Frame, TaskRulesError, compile_frames, frame_words

RULE_FILE = "tasks.yaml"
# the marks that end a stretch of a clause: a comma, a full stop, a «؛»
_STRETCH_END = regex.compile(r"[،.؛]")
# the longest verb form the end patterns know, its mark and some spaces
_VERB_TAIL = 32


@dataclass(frozen=True)
class StretchRule:
    """A match of ``first`` and, after it (from its end on), one of ``then``,
    with no «،», «.» or «؛» between («آیا ... باید», «باید ... می‌شد»). What
    the pattern ``first[^،.؛]*then`` finds, without its backtracking, which
    tries every start of ``first`` to the end of the stretch: time that grows
    with the square of a long stretch's length."""
    first: regex.Pattern
    then: regex.Pattern

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        end = len(text) if end is None else end
        pos = start
        while pos < end:
            stop = _STRETCH_END.search(text, pos, end)
            stretch_end = stop.start() if stop else end
            head = self.first.search(text, pos, stretch_end)  # the earliest leaves the most room
            if head and self.then.search(text, head.end(), stretch_end):
                return True
            pos = stretch_end + 1
        return False


@dataclass(frozen=True)
class TaskRules:
    frames: tuple[Frame, ...]
    frame_words: tuple[str, ...]        # the frames' distinct words (``frames.frame_words``)
    question: regex.Pattern             # a clause that asks is no directive
    must_exclusions: regex.Pattern
    must_question: StretchRule          # «چرا/آیا ... باید»: a question, not a directive
    must_cognition: regex.Pattern       # «باید بدانند که», «نباید فراموش کرد»: reasoning, not a directive
    subjunctive_end: regex.Pattern
    must_verb_end: regex.Pattern
    must_past: StretchRule
    clause_joint: regex.Pattern         # «... است و», «... می‌شود بنابراین»: a statement ends before it
    ability: regex.Pattern              # «می‌توانیم»: what one can do, not what one must
    nominal_start: regex.Pattern
    item_marker: regex.Pattern
    list_intro: regex.Pattern           # anchored at the end; compiled to run backwards (ends_in_list_intro)
    report_intro: regex.Pattern         # a frameless intro of what was done: no directives follow
    subitem: regex.Pattern
    inline_item_marks: str              # every inline item holds one of these characters
    intro_only: regex.Pattern
    complement_start: regex.Pattern     # an item that starts with «که» continues the one before
    complement: regex.Pattern           # a «که ...» complement inside a clause
    purpose: regex.Pattern              # a «تا ...» purpose clause after a verb
    obligation_word: regex.Pattern
    conjunction_split: regex.Pattern    # splits an item into its verbs
    joining_prefix: str                 # «و » that starts a «؛ و ...» item
    joining_tail: regex.Pattern         # spaces and a last «و» that end a clause cut before a verb
    addressee_join: str                 # « و » before the last addressee of a list
    addressee_end: str                  # « در » that ends an item lead's addressee
    contrast: regex.Pattern             # «، اما ...»
    report_lead: regex.Pattern          # «گفت که», «با بیان اینکه» (group 'adverbial') before a reported clause
    speech_verb: regex.Pattern          # the speaker's verb that ends an adverbial lead's clause
    requester_stop: regex.Pattern
    requester_not_starts: tuple[str, ...]
    plural_suffix: regex.Pattern
    deadline_cue: regex.Pattern

    def ends_in_verb(self, text: str, must: bool = False, end: int | None = None) -> bool:
        """Does ``text`` (up to ``end``) end in a subjunctive (or, for «باید»,
        any) verb form? Both patterns are anchored at the end, so only the
        tail is searched; their look-behinds still see the character before it."""
        end = len(text) if end is None else end
        pos = max(0, _stripped_end(text, 0, end) - _VERB_TAIL)
        if self.subjunctive_end.search(text, pos, end):
            return True
        return must and bool(self.must_verb_end.search(text, pos, end))

    def ends_in_list_intro(self, text: str) -> bool:
        """Does ``text`` end in a list intro («... موارد زیر:»)? Every
        alternative of the pattern ends in «\\s*$», and it runs backwards:
        ``match`` tries it at the end only, where a forward search would try
        it at every start of the text."""
        return bool(self.list_intro.match(text.rstrip()))

    def inline_items(self, text: str, pos: int = 0) -> list[regex.Match]:
        """The inline items of ``text`` from ``pos`` on, when there are at
        least two; else none. Each item holds one of ``inline_item_marks``, and
        items do not overlap: a text with fewer than two of the marks (most
        sentences hold only their full stop) is not searched."""
        if sum(text.count(mark, pos) for mark in self.inline_item_marks) < 2:
            return []
        found = list(self.subitem.finditer(text, pos))
        return found if len(found) >= 2 else []

    def without_joining_tail(self, text: str, start: int, end: int) -> int:
        """Where text[start:end] ends without its trailing spaces and a last
        joining «و» («... خودداری کرده و»). The pattern is anchored at the
        end: it is searched from the start of the trailing spaces, not tried
        at every space of a long run."""
        pos = _stripped_end(text, start, end)
        if pos > start and text.endswith(self.joining_prefix.strip(), start, pos):
            pos = _stripped_end(text, start, pos - 1)
        found = self.joining_tail.search(text, pos, end)
        return found.start() if found else end


def _stripped_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over the spaces before it (not past ``start``)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


@cached("tasks.rules")
def load_rules() -> TaskRules:
    return build_rules(read_yaml(__package__, RULE_FILE), RULE_FILE)


def build_rules(data: dict[str, Any], source: str) -> TaskRules:
    """TaskRules from the parsed rule file ``source``; TaskRulesError names
    what is missing or malformed."""
    word = _Words(data, source)
    nominal = "|".join(sorted({regex.escape(fold(w)) for w in word.list("nominal_starts")}, key=len, reverse=True))
    va = word.one("conjunction")
    ke, va_re = regex.escape(word.one("complementizer")), regex.escape(va)
    frames = compile_frames(word.get("frames"), word.get("so_that_ta"), source)
    return TaskRules(
        frames=frames,
        frame_words=frame_words(frames),
        question=regex.compile(word.pattern("question")),
        must_exclusions=regex.compile(word.pattern("must_exclusions")),
        must_question=word.stretch("must_question"),
        must_cognition=regex.compile(word.pattern("must_cognition")),
        subjunctive_end=regex.compile(r"(?<![\p{L}])" + word.pattern("subjunctive_endings") + r"\s*[.!؛:]?\s*$"),
        must_verb_end=regex.compile(word.pattern("must_verb_end")),
        must_past=word.stretch("must_past"),
        clause_joint=regex.compile(
            rf"(?<![\p{{L}}])(?:{word.phrases('finite_verbs')})\s+(?:{word.phrases('clause_joints')})(?![\p{{L}}])\s*"),
        ability=regex.compile(word.pattern("ability")),
        nominal_start=regex.compile(rf"^\s*(?:{nominal})(?![\p{{L}}])"),
        item_marker=regex.compile(word.pattern("item_marker"), regex.M),  # markers start a line
        list_intro=regex.compile(word.pattern("list_intro"), regex.REVERSE),
        report_intro=regex.compile(word.pattern("report_intro")),
        subitem=regex.compile(word.pattern("inline_item")),
        inline_item_marks=word.marks_of("inline_item_marks", "inline_item"),
        intro_only=regex.compile(word.pattern("intro_only")),
        complement_start=regex.compile(rf"\s*{ke}(?![\p{{L}}])"),
        complement=regex.compile(rf"\s{ke}(?![\p{{L}}])"),
        purpose=regex.compile(rf"\s{regex.escape(word.one('purpose_conjunction'))}(?![\p{{L}}])"),
        obligation_word=regex.compile(rf"(?<![\p{{L}}])(?:{word.choice('obligation_words')})(?![\p{{L}}])"),
        conjunction_split=regex.compile(rf"\s+{va_re}\s+"),
        joining_prefix=f"{va} ",
        joining_tail=regex.compile(rf"(?:\s+{va_re})?\s*$"),
        addressee_join=f" {va} ",
        addressee_end=f" {word.one('addressee_end')} ",
        contrast=regex.compile(rf"[،,]\s*(?:{word.choice('contrast_words')})(?![\p{{L}}])"),
        report_lead=regex.compile(
            rf"(?<![\p{{L}}])(?:(?P<adverbial>(?:{word.phrases('speech_leads')})\s+(?:{word.phrases('lead_complementizers')}))"
            rf"|(?:{word.phrases('speech_verbs')})\s+{ke})(?![\p{{L}}])"),
        speech_verb=regex.compile(rf"(?<![\p{{L}}])(?:{word.phrases('speech_verbs')})(?![\p{{L}}])"),
        requester_stop=regex.compile(rf"\s(?:{word.choice('requester_stops')})(?![\p{{L}}])"),
        requester_not_starts=tuple(fold(w) for w in word.list("requester_not_starts")),
        plural_suffix=regex.compile(rf"(?:{word.choice('plural_suffixes')})$"),
        # read as written, not folded (as before the move): its «آخر» never meets
        # the folded text it runs on, so folding it would change what matches
        deadline_cue=regex.compile(str(word.get("deadline_cue"))),
    )


class _Words:
    """Typed reads of the rule file's entries, each failing with the file and key."""

    def __init__(self, data: dict[str, Any], source: str):
        self.data, self.source = data, source

    def get(self, key: str) -> Any:
        if key not in self.data:
            raise TaskRulesError(f"{self.source} lacks the entry {key!r}")
        return self.data[key]

    def pattern(self, key: str) -> str:
        return fold(self.get(key))

    def stretch(self, key: str) -> StretchRule:
        """A rule of two patterns, ``first`` and ``then``."""
        entry = self.get(key)
        if not isinstance(entry, dict) or set(entry) != {"first", "then"}:
            raise TaskRulesError(f"{self.source}: {key!r} must have the patterns 'first' and 'then'")
        return StretchRule(regex.compile(fold(entry["first"])), regex.compile(fold(entry["then"])))

    def marks_of(self, key: str, pattern_key: str) -> str:
        """Characters every match of the pattern ``pattern_key`` holds one of;
        each must be written in that pattern (a check for typos, not a proof)."""
        marks = self.pattern(key)
        missing = [m for m in marks if m not in self.pattern(pattern_key)]
        if not marks or missing:
            raise TaskRulesError(f"{self.source}: {key!r} must be characters of the pattern {pattern_key!r}")
        return marks

    def one(self, key: str) -> str:
        """A single word, folded."""
        return fold(str(self.get(key)))

    def list(self, key: str) -> list[str]:
        words = self.get(key)
        if not isinstance(words, list) or not words:
            raise TaskRulesError(f"{self.source}: {key!r} must be a list of words")
        return [str(w) for w in words]

    def choice(self, key: str) -> str:
        """The words as one alternation, in file order."""
        return "|".join(regex.escape(fold(w)) for w in self.list(key))

    def phrases(self, key: str) -> str:
        """Phrases of one or more words as one alternation, longest first, any
        run of spaces between their words."""
        words = sorted({fold(w) for w in self.list(key)}, key=len, reverse=True)
        return "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in words)
