"""Running the rules over a text: where they are searched, the candidates
they make, and which candidates win."""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from dataclasses import dataclass
from typing import Iterable, Iterator

import regex

from .lexicon import Lexicon
from .parts import Candidate
from .rules import Context, DateRule

_DIGIT = regex.compile(r"\d")
# split on it: the gaps and the words (maximal runs of letters) in turn
_WORDS_AND_GAPS = regex.compile(r"(\p{L}+)")


@dataclass(frozen=True)
class MonthWord:
    start: int
    end: int
    digit_near: bool    # a day or a year may be next to it


def month_word_spans(view: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of month names, by a dictionary look-up of each word (and of each
    pair, for «ربیع الاول»): far cheaper than a big alternation over the text.
    «مه»/«می» (fog; the verb prefix of «می شود») count only beside a number."""
    months, joined = lex.month_of, lex.month_word
    pieces = _WORDS_AND_GAPS.split(view)
    words = pieces[1::2]   # word k is pieces[2k + 1], after the gap pieces[2k]
    # the few words that can make a month, picked by set look-ups over plain
    # strings: a text's words are mostly not months, and reading each one in
    # the loop below cost most of the stage
    firsts = lex.month_pair_firsts
    maybe = [k for k, w in enumerate(words)
             if w in lex.month_word_forms or (k and w in firsts and words[k - 1] in firsts[w])]
    if not maybe:
        return []
    ends = list(accumulate(map(len, pieces)))   # pieces[i] ends at ends[i]
    hits: list[tuple[int, int]] = []
    for k in maybe:
        w, s, e = words[k], ends[2 * k], ends[2 * k + 1]
        prev = words[k - 1] if k else ""
        if prev and prev + w in months and pieces[2 * k].isspace():  # «ربیع الاول»
            hits.append((ends[2 * k - 1] - len(prev), e))
        elif w in months:
            if w not in lex.short_may or _DIGIT.search(view, max(0, s - 3), s) or _DIGIT.match(view, e + 1) \
                    or _DIGIT.match(view, e):
                hits.append((s, e))
        elif w.endswith(joined) and w[:-len(joined)] in months and w[:-len(joined)] not in lex.short_may:
            hits.append((s, e - len(joined)))  # «مهرماه»
    return hits


def month_word_hits(view: str, lex: Lexicon) -> list[MonthWord]:
    # a day or a year is a number next to the month; without one only a
    # cue («اوایل اسفند») or «ماه رمضان» can make a date
    return [MonthWord(s, e, bool(_DIGIT.search(view, max(0, s - 14), min(len(view), e + 20))))
            for s, e in month_word_spans(view, lex)]


def _around_month_words(rule: DateRule, view: str, hits: list[MonthWord]) -> Iterator[regex.Match]:
    """A month rule's matches whose month is one of the month words, searched
    only in a window around each: most of a text has none."""
    seen = set()
    for hit in hits:
        if rule.needs_number and not hit.digit_near:
            continue
        start, end = max(0, hit.start - 48), min(len(view), hit.end + 64)
        # a match with this month has the rule's start right before it and its
        # rest right after it (inside the window): two anchored tries rule out
        # most windows before their search
        if not (rule.before_month.match(view, start, hit.start) and rule.after_month.match(view, hit.end, end)):
            continue
        for m in rule.pattern.finditer(view, start, end):
            if m.span("month") == (hit.start, hit.end) and m.span() not in seen:
                seen.add(m.span())
                yield m


def matches(view: str, rules: Iterable[DateRule], lex: Lexicon, relative: bool) -> Iterator[tuple[DateRule, regex.Match]]:
    """Every rule's matches, rule by rule; ``relative`` when the document's date is known."""
    hits = month_word_hits(view, lex)
    held: dict[str, bool] = {}   # needs_digits -> whether the text holds them
    for rule in rules:
        if rule.needs_document_date and not relative:
            continue
        if rule.needs_digits:
            if rule.needs_digits not in held:
                held[rule.needs_digits] = regex.search(rule.needs_digits, view) is not None
            if not held[rule.needs_digits]:
                continue
        if rule.around_month_word:
            found = _around_month_words(rule, view, hits)
        else:
            found = matches_from(rule, view) if rule.starts else rule.pattern.finditer(view)
        yield from ((rule, m) for m in found)


def matches_from(rule: DateRule, view: str) -> Iterator[regex.Match]:
    """``rule.pattern.finditer(view)`` for a rule whose matches start where
    ``rule.starts`` matches: tried at each such place, left to right."""
    pos = 0
    while (place := rule.starts.search(view, pos)) is not None:
        m = rule.pattern.match(view, place.start())
        if m is None:
            pos = place.start() + 1
            continue
        yield m
        pos = m.end()


def candidates(ctx: Context, rules: Iterable[DateRule]) -> Iterator[Candidate]:
    for rule, m in matches(ctx.view, rules, ctx.lex, ctx.doc_date is not None):
        yield from rule.candidates(m, ctx)


def choose(candidates: Iterable[Candidate], view: str, lex: Lexicon) -> list[Candidate]:
    """The longest candidates that neither overlap a longer (or earlier) one nor
    follow a word that makes them part of a name («خیابان ۱۵ خرداد»), in text order."""
    # the chosen spans never overlap, so by start they are also by end: the
    # only one that can overlap a candidate is the last that starts before its end
    starts: list[int] = []
    ends: list[int] = []
    chosen = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        k = bisect_left(starts, c.end) - 1
        if k >= 0 and ends[k] > c.start:
            continue
        if lex.blockers.search(view[max(0, c.start - 20):c.start]):
            continue
        starts.insert(k + 1, c.start)
        ends.insert(k + 1, c.end)
        chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))
