"""Mentions: a kind word with its number (and the further numbers of a list
after it), and a number alone on a header line under a kind word."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterator

import regex

from ..wordlists import lookup_key
from .numbers import FoundNumber, ViewSpan, bare_number_ok, counts_something, number_span, trim
from .rules import ResolutionRules

# a header number's kind word is in the heading above it: this far back, over at most this many lines
_HEADING_REACH = 400
_HEADING_LINES = 6


class MentionRule(Enum):
    """How a mention was found (a resolution's ``rule``), and what that means
    for its span and its issuer."""
    KIND_NUMBER = "kind_number"                        # «قطعنامه شماره ۱۸-NQ/TW»
    KIND_ISSUER_NUMBER = "kind_issuer_number"          # «بخشنامه سازمان امور مالیاتی به شماره ...»
    KIND_WORDS = "kind_number_words"                   # «قطعنامه پانصد و نود و هشت»
    KIND_NUMBER_LIST = "kind_number_list"              # a further number of «قطعنامه‌های شماره A، B و C»
    HEADER_NUMBER = "header_number"                    # «شماره: ...» alone on a line under a kind word
    HEADER_CABINET_NUMBER = "header_cabinet_number"    # the same under no kind word: a letterhead number

    @property
    def text_is_whole_mention(self) -> bool:
        """The text runs from the kind word to the number (else it is the number)."""
        return self in (MentionRule.KIND_NUMBER, MentionRule.KIND_ISSUER_NUMBER, MentionRule.KIND_WORDS)

    @property
    def span_is_number(self) -> bool:
        """The span is the number alone (else it runs from the kind word)."""
        return self in (MentionRule.HEADER_NUMBER, MentionRule.HEADER_CABINET_NUMBER)

    @property
    def issuer_may_precede(self) -> bool:
        """Without an issuer after the number, the subject before the kind word is one."""
        return self in (MentionRule.KIND_NUMBER, MentionRule.KIND_WORDS)


@dataclass(frozen=True)
class Mention:
    kind: ViewSpan | None     # the kind word; None for a letterhead number
    number: ViewSpan
    rule: MentionRule
    value: str | None = None          # the number in digits when it is written in words
    issuer: ViewSpan | None = None    # an issuer between the kind word and the cue


def find_mentions(view: str, rules: ResolutionRules, dates: tuple[ViewSpan, ...] = ()) -> list[Mention]:
    """Every mention in the view: kind-word mentions in text order (each with
    its list), numbers in words, then header numbers. A number without a cue
    that is part of a date (``dates``: their view spans) is the date's."""
    starts = kind_starts(view, rules)
    return (_kind_mentions(view, rules, dates, starts) + _word_mentions(view, rules, dates, starts)
            + _header_mentions(view, rules))


def kind_starts(view: str, rules: ResolutionRules) -> list[int]:
    """Every place a kind word may start, in order: each occurrence of a kind's
    head (``ResolutionRules.kind_heads``), found by the string search, which
    is far faster than the regex engine trying the kind words everywhere."""
    starts: set[int] = set()
    for head in rules.kind_heads:
        k = view.find(head)
        while k >= 0:
            starts.add(k)
            k = view.find(head, k + 1)
    return sorted(starts)


def matches_at(pattern: regex.Pattern, view: str, starts: list[int]) -> Iterator[regex.Match]:
    """``pattern.finditer(view)`` for a pattern whose matches (never empty)
    start only at ``starts``: the same matches, tried only there."""
    end = 0
    for start in starts:
        if start < end:
            continue
        m = pattern.match(view, start)
        if m:
            yield m
            end = m.end()


def _in_date(span: ViewSpan, dates: tuple[ViewSpan, ...]) -> bool:
    return any(d.start < span.end and span.start < d.end for d in dates)


def _kind_mentions(view: str, rules: ResolutionRules, dates: tuple[ViewSpan, ...],
                   starts: list[int]) -> list[Mention]:
    found: list[Mention] = []
    for m in matches_at(rules.mention, view, starts):
        number = number_span(rules, m)
        if number is None or not _kind_takes(rules, m.group("kind"), number):
            continue
        if not m.group("cue") and (_in_date(number.span, dates) or not bare_number_ok(
                rules, m.group("kind"), view, number, indefinite=_indefinite(m))):
            continue
        kind = ViewSpan(*m.span("kind"))
        gap = ViewSpan(*m.span("gap")) if m.group("gap") else None
        rule = MentionRule.KIND_ISSUER_NUMBER if gap else MentionRule.KIND_NUMBER
        found.append(Mention(kind, number.span, rule, issuer=gap))
        found.extend(Mention(kind, n, MentionRule.KIND_NUMBER_LIST) for n in _listed_numbers(
            view, rules, m.group("kind"), number.span.end, bool(m.group("plural")), dates))
    return found


def _kind_takes(rules: ResolutionRules, kind: str, number: FoundNumber) -> bool:
    """A code-only kind («برنامه») heads only a self-identifying number."""
    return number.grammar.self_identifying or lookup_key(kind) not in rules.code_only_kinds


def _indefinite(m) -> bool:
    """«قطعنامه‌ای ...», «قطعنامه ای ...» (not the ezafe «قطعنامه‌ی ...»)."""
    return len((m.group("indefinite") or "").strip()) > 1


def _listed_numbers(view: str, rules: ResolutionRules, kind: str, pos: int, plural: bool,
                    dates: tuple[ViewSpan, ...]) -> list[ViewSpan]:
    """«قطعنامه‌های شماره 20-NQ/TW، 21-NQ/TW و 22-NQ/TW»: every number of the
    list after the first; plain numbers only after a plural kind word, none
    that counts something («... و ۱۲ کشور») or is a date. A number's own date
    («... مورخ ۱۳۹۳/۱۲/۲۰ و شماره ...») does not end the list."""
    out: list[ViewSpan] = []
    while True:
        more = rules.more_numbers.match(view, _past_own_date(view, rules, pos, dates))
        number = number_span(rules, more) if more else None
        if number is None or not _kind_takes(rules, kind, number) or _in_date(number.span, dates):
            break
        span = number.span
        if view[span.start:span.end].isdigit() and (not plural or counts_something(rules, view, span.end)):
            break
        out.append(span)
        pos = span.end
    return out


def _past_own_date(view: str, rules: ResolutionRules, pos: int, dates: tuple[ViewSpan, ...]) -> int:
    """The end of «مورخ <date>» right at ``pos``, else ``pos``."""
    cue = rules.bare_date_cue.match(view, pos)
    if cue:
        for d in dates:
            if cue.end() <= d.start and not view[cue.end():d.start].strip():
                return d.end
    return pos


def _word_mentions(view: str, rules: ResolutionRules, dates: tuple[ViewSpan, ...],
                   starts: list[int]) -> list[Mention]:
    """«قطعنامه پانصد و نود و هشت», «بیانیه شماره هفت»: a number in words after
    a free kind (from ``words_min_value`` up), or after any kind and its cue."""
    found: list[Mention] = []
    for m in matches_at(rules.words_mention, view, starts):
        number = rules.number_words.read(view, m.end())
        if number is None or lookup_key(m.group("kind")) in rules.code_only_kinds:
            continue
        if not m.group("cue") and (lookup_key(m.group("kind")) not in rules.free_kinds or _indefinite(m)
                                   or number.value < rules.words_min_value):
            continue
        span = ViewSpan(m.end(), number.end)
        if counts_something(rules, view, number.end) or _in_date(span, dates):
            continue
        found.append(Mention(ViewSpan(*m.span("kind")), span, MentionRule.KIND_WORDS,
                             value=str(number.value)))
    return found


def _header_mentions(view: str, rules: ResolutionRules) -> list[Mention]:
    found: list[Mention] = []
    for m in rules.header.finditer(view):
        kind = header_kind(view, m.start(), rules)
        number = trim(view, *m.span("number"))
        if kind is not None:
            found.append(Mention(kind, number, MentionRule.HEADER_NUMBER))
        elif rules.letterhead_number.fullmatch(view[number.start:number.end]):
            # a letterhead «شماره ۶۱۲۳۴/ت۶۳۱۱۲هـ» with no kind word: the «/ت...» form
            # is the cabinet's numbering of its تصویب‌نامه (letterhead in the rule file)
            found.append(Mention(None, number, MentionRule.HEADER_CABINET_NUMBER))
    return found


def header_kind(view: str, start: int, rules: ResolutionRules) -> ViewSpan | None:
    """«شماره ۵۲۳۱۷/ت۶۱۲۰۸هـ» alone on a line in a document's header: its kind is
    the first kind word of the heading above it (within a few lines)."""
    offset = max(0, start - _HEADING_REACH)
    head = view[offset:start]
    if head.count("\n") > _HEADING_LINES:
        return None
    k = rules.kind_word.search(head)
    if not k:
        return None
    return ViewSpan(offset + k.start(), offset + k.end())
