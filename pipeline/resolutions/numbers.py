"""Numbers: where a mention's number ends (the first number grammar that
accepts it), whether a number without «شماره» counts, and the canonical form
numbers are joined and sorted on."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..normalize import fold
from ..wordlists import lookup_key
from .rules import NumberGrammar, ResolutionRules

_SPACES = regex.compile(r"\s+")
# how far after a bare number its date cue or issuer may start
_BARE_CONTEXT = 40
# far longer than any number a grammar reads
_NUMBER_REACH = 256


@dataclass(frozen=True, slots=True)
class ViewSpan:
    """[start, end) in the document's view."""
    start: int
    end: int


def canonical_number(number: str) -> str:
    """ASCII digits, no spaces, no tatweel: the form to join and sort on."""
    return _SPACES.sub("", fold(number)).replace("\\", "/")


@dataclass(frozen=True, slots=True)
class FoundNumber:
    """A number in the view and the grammar that read it."""
    span: ViewSpan
    grammar: NumberGrammar


def number_span(rules: ResolutionRules, m) -> FoundNumber | None:
    """The number of match ``m`` (its group 'number') as the first grammar
    reads it, trailing spaces trimmed; None when no grammar accepts it."""
    start = m.start("number")
    for grammar in rules.numbers:
        n = match_near(grammar.pattern, m.string, start)
        if n:
            return FoundNumber(trim(m.string, n.start(), n.end()), grammar)
    return None


def match_near(pattern: regex.Pattern, text: str, pos: int) -> regex.Match | None:
    """``pattern.match(text, pos)`` over the next ``_NUMBER_REACH`` characters
    first: a pattern that needs a literal («/») makes the regex engine look
    for it up to the end of the text before it tries, time that grows with
    the text for each number. Read again in full when the match reaches the
    window's end (a lookahead there saw no more text)."""
    n = pattern.match(text, pos, pos + _NUMBER_REACH)
    if n is not None and n.end() >= pos + _NUMBER_REACH:
        n = pattern.match(text, pos)
    return n


def trim(text: str, s: int, e: int) -> ViewSpan:
    """[s, e) without trailing spaces."""
    while e > s and text[e - 1].isspace():
        e -= 1
    return ViewSpan(s, e)


def counts_something(rules: ResolutionRules, view: str, end: int) -> bool:
    """A counted noun or a unit right after the number ending at ``end``
    («۱۲ بندی», «۵/۱۰ میلیارد»): the number is a count or an amount."""
    return bool(rules.counted.match(view, end))


def bare_number_ok(rules: ResolutionRules, kind: str, view: str, number: FoundNumber, indefinite: bool = False) -> bool:
    """A number right after a kind word without «شماره»: a self-identifying
    number always counts; any other only when it counts nothing, and then
    for the free kinds («قطعنامه ۲۲۳۱») or, before a date cue or an issuer,
    for the bare kinds («مصوبه ۰۴۰ مورخ ...»)."""
    if number.grammar.self_identifying:
        return True
    span = number.span
    if counts_something(rules, view, span.end):
        return False
    key = lookup_key(kind)
    digits = view[span.start:span.end]
    if key in rules.free_kinds and digits.isdigit() and len(digits) >= rules.free_min_digits and not indefinite:
        return True
    if key not in rules.bare_kinds:
        return False
    after = view[span.end:span.end + _BARE_CONTEXT]
    return bool(rules.bare_date_cue.match(after) or rules.issuer.match(after))
