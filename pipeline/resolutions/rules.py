"""The resolutions stage's rule file, ``resolutions.yaml``, compiled once per
process: kind words, number cues, the named number grammars, and the words
that mark a number's date, issuer and title."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from ..normalize import fold
from ..resources import cached
from ..wordlists import LB, RB, alternation, entry_head, lookup_key, read_yaml
from .numwords import NumberWords, number_words

RULE_FILE = "resolutions.yaml"


class ResolutionRulesError(ValueError):
    """The resolutions rule file is malformed (missing entry, unknown reference)."""


@dataclass(frozen=True)
class NumberGrammar:
    name: str
    pattern: regex.Pattern
    # the shape alone says "document number": it counts without a cue and after a code-only kind
    self_identifying: bool = False


@dataclass(frozen=True)
class ResolutionRules:
    kind_heads: tuple[str, ...]      # a mention (and a words mention) starts where one of these does: see kind_heads
    mention: regex.Pattern           # kind word, optional issuer and cue, number
    words_mention: regex.Pattern     # kind word, optional cue, then (maybe) a number in words
    more_numbers: regex.Pattern      # «، 21-NQ/TW و 22-NQ/TW» after a mention
    numbers: tuple[NumberGrammar, ...]
    code_only_kinds: frozenset[str]  # lookup keys of kinds that count only with a self-identifying number
    bare_kinds: frozenset[str]       # lookup keys of kinds whose bare number counts before a date or issuer
    free_kinds: frozenset[str]       # lookup keys of kinds whose bare number counts anywhere
    bare_date_cue: regex.Pattern     # «مورخ» right after a bare number
    counted: regex.Pattern           # «بندی», «میلیارد» right after a number: a count, not an identifier
    number_words: NumberWords
    words_min_value: int             # a number in words without a cue counts from here up
    free_min_digits: int             # a free kind's bare number has at least this many digits
    header: regex.Pattern            # a line «شماره: ...» alone
    kind_word: regex.Pattern
    letterhead_number: regex.Pattern  # a header number that implies a kind without a kind word
    letterhead_kind: str
    issuer: regex.Pattern
    issuer_before: regex.Pattern
    after_date: regex.Pattern        # what may stand between a number and its date
    quoted_title: regex.Pattern
    title: regex.Pattern


@cached("resolutions.rules")
def load_rules() -> ResolutionRules:
    return build_rules(read_yaml(__package__, RULE_FILE), RULE_FILE)


def build_rules(data: dict[str, Any], source: str) -> ResolutionRules:
    """ResolutionRules from the parsed rule file ``source``; a missing entry or
    a letterhead that names no number grammar is a ResolutionRulesError."""
    entry = _Entries(data, source)
    kind_entries = [*entry.get("kinds"), *entry.get("code_only_kinds")]
    kinds = alternation(kind_entries)
    cue = alternation(entry.get("number_cues"))
    patterns = {n["name"]: _grammar_pattern(n) for n in entry.get("numbers")}
    numbers = tuple(NumberGrammar(n["name"], regex.compile(patterns[n["name"]]), bool(n.get("self_identifying")))
                    for n in entry.get("numbers"))
    number_any = "|".join(f"(?:{p})" for p in patterns.values())
    # plural («قطعنامه‌های شماره ...») and indefinite («نامه‌ای به شماره») forms
    # keep the kind word itself; the ending may be typed after a space («نامه ای»)
    kind = (rf"{LB}(?P<kind>{kinds})(?P<plural> ?(?:{entry.choice('kind_plural_endings')}))?"
            rf"(?P<indefinite> ?(?:{entry.choice('kind_indefinite_endings')}))?{RB}")
    cue_then = rf"(?P<cue>{cue}){RB}\.?\s*[:：]?\s*"
    return ResolutionRules(
        kind_heads=kind_heads(kind_entries),
        # an issuer may stand between the kind and its cue; a number may sit in parentheses
        mention=regex.compile(
            rf"{kind}(?:[ \t]+(?P<gap>{_issuer(entry, 5)})(?=[ \t]+{cue}{RB}))?[ \t]*(?:{cue_then})?\(?(?P<number>{number_any})"),
        words_mention=regex.compile(rf"{kind}[ \t]*(?:{cue_then})?(?=\p{{L}})"),
        more_numbers=regex.compile(rf"(?:\s*[،,]\s*|\s+{entry.choice('number_conjunction')}\s+)"
                                   rf"(?:{cue}{RB}\s*)?\(?(?P<number>{number_any})"),
        numbers=numbers,
        code_only_kinds=_keys(entry.get("code_only_kinds")),
        bare_kinds=_keys(entry.get("bare_number_kinds")),
        free_kinds=_keys(entry.get("free_number_kinds")),
        bare_date_cue=regex.compile(rf"\s*(?:{entry.choice('bare_number_date_cues')})"),
        counted=regex.compile(rf"\s*{alternation(entry.get('counted_nouns'))}(?:{entry.choice('counted_endings')})?{RB}"),
        number_words=number_words(entry.get("number_words")),
        words_min_value=int(entry.get("words_min_value")),
        free_min_digits=int(entry.get("free_number_min_digits")),
        header=regex.compile(rf"(?m)^[ \t]*(?:{cue})\s*[:：]?\s*(?P<number>{number_any})[ \t]*$"),
        # a header's kind word: code-only kinds are too common to head a document
        kind_word=regex.compile(rf"{LB}(?P<kind>{alternation(entry.get('kinds'))}){RB}"),
        letterhead_number=_letterhead_grammar(entry, numbers).pattern,
        letterhead_kind=str(entry.get("letterhead")["kind"]),
        issuer=regex.compile(rf"[ \t]*(?P<issuer>{_issuer(entry, 5)})"),
        issuer_before=regex.compile(rf"(?:^|[.؛:\n،]\s*)(?P<issuer>{_issuer(entry, 3)})[ \t]+$"),
        after_date=regex.compile(rf"\s*(?:{entry.choice('date_cues')})\s*[:：]?\s*$"),
        quoted_title=regex.compile(r"\s*«(?P<title>[^»\n]{3,300})»"),
        title=regex.compile(rf"\s*(?P<title>(?:{entry.choice('title_starts')})\s+[^،.؛\n«»]{{3,200}}?)"
                            rf"(?=\s+(?:{entry.choice('title_followers')})|[،.؛\n]|$)"),
    )


def kind_heads(kind_entries: list[str]) -> tuple[str, ...]:
    """The literal heads of the kind words (``entry_head``), leaving out a
    head that starts with another («بخشنامه» with «بخش»): where none occurs, no
    kind word starts, so neither mention pattern can match there. Both begin
    with the kind word (build_rules), and most news names no resolution at all:
    trying them only at these places spares a search through every position."""
    heads = sorted({entry_head(e) for e in kind_entries}, key=len)
    kept: list[str] = []
    for head in heads:
        if not any(head.startswith(k) for k in kept):
            kept.append(head)
    return tuple(kept)


def _grammar_pattern(grammar: dict[str, Any]) -> str:
    """A number grammar's regex with its named parts ({sep}, {seg} ...) filled
    in; a part may use the parts listed before it."""
    parts = {name: str(part) for name, part in (grammar.get("parts") or {}).items()}
    pattern = str(grammar["pattern"])
    for name in reversed(parts):
        pattern = pattern.replace("{" + name + "}", parts[name])
    return pattern


def _keys(words) -> frozenset[str]:
    return frozenset(lookup_key(str(w)) for w in words)


def _issuer(entry: "_Entries", more: int) -> str:
    """An issuer: a head word then up to ``more`` words, none of them a stop word."""
    heads, stops = alternation(entry.get("issuer_heads")), alternation(entry.get("issuer_stops"))
    return rf"{heads}{RB}(?:[ \t]+(?!{stops}{RB})[\p{{L}}\p{{M}}]+){{0,{more}}}"


def _letterhead_grammar(entry: "_Entries", numbers: tuple[NumberGrammar, ...]) -> NumberGrammar:
    letterhead = entry.get("letterhead")
    if not isinstance(letterhead, dict) or not {"number", "kind"} <= set(letterhead):
        raise ResolutionRulesError(f"{entry.source}: 'letterhead' needs a 'number' (a grammar's name) and a 'kind'")
    for grammar in numbers:
        if grammar.name == letterhead["number"]:
            return grammar
    known = ", ".join(g.name for g in numbers)
    raise ResolutionRulesError(f"{entry.source}: letterhead number {letterhead['number']!r} is none of the "
                               f"number grammars ({known})")


class _Entries:
    """Reads of the rule file's entries, each failing with the file and key."""

    def __init__(self, data: dict[str, Any], source: str):
        self.data, self.source = data, source

    def get(self, key: str) -> Any:
        if key not in self.data:
            raise ResolutionRulesError(f"{self.source} lacks the entry {key!r}")
        return self.data[key]

    def choice(self, key: str) -> str:
        """The word(s) of ``key`` as one alternation of literals, in file order."""
        words = self.get(key)
        words = words if isinstance(words, list) else [words]
        return "|".join(regex.escape(fold(str(w)), literal_spaces=True) for w in words)
