"""Appointment decrees addressed to the appointee: «جناب آقای NAME … جنابعالی
به سمت «TITLE» منصوب می‌شوید». The decree never repeats the name next to
the post; the post goes to the person the text addresses: the last name
before it written with an address honorific («جناب آقای», «سرکار خانم»)."""
from __future__ import annotations

from typing import Sequence

from .spans import NameSpan, NameTokens, TitleRule, TitleSpan
from .tokens import CLOSING_QUOTES, OPENING_QUOTES, TokenIndex

# tokens from the addressed name to the appointment
_MAX_GAP = 80


def addressed_appointments(index: TokenIndex, names: Sequence[NameSpan], held: NameTokens) -> list[list[TitleSpan]]:
    """For each name (in text order), the posts of the decrees addressed to it."""
    out: list[list[TitleSpan]] = [[] for _ in names]
    toks, lex = index.tokens, index.lex
    addressed = [n for n, name in enumerate(names) if _addressed(index, name)]
    if not addressed:
        return out
    for k in range(len(toks)):
        n = index.phrase_at(k, lex.appointed_as, len(toks))
        if not n:
            continue
        span = _decree_post(index, held, k + n)
        before = [a for a in addressed if names[a].end <= k]
        if span is not None and before and k - names[before[-1]].end <= _MAX_GAP:
            out[before[-1]].append(span)
    return out


def _addressed(index: TokenIndex, name: NameSpan) -> bool:
    """The name is written with an address honorific («جناب آقای»)."""
    if name.honorific_start < 0:
        return False
    phrases = index.words.address_honorifics
    return any(index.phrase_at(k, phrases, name.start) for k in range(max(0, name.honorific_start - 3), name.start))


def _decree_post(index: TokenIndex, held: NameTokens, start: int) -> TitleSpan | None:
    """The post after «به سمت» at token ``start``, quoted or not, when a
    second-person appointment verb closes it («منصوب می‌شوید»)."""
    toks, words = index.tokens, index.words
    quoted = start < len(toks) and toks[start].text in OPENING_QUOTES
    s = start + 1 if quoted else start
    if not index.head_len(s):
        return None
    e = s
    while e < len(toks) and e - s < 16 and not toks[e].newline_before and toks[e].norm not in words.appointed_verbs \
            and toks[e].text not in CLOSING_QUOTES and toks[e].text not in ".،؛" and e not in held.tokens:
        e += 1
    after = e + 1 if e < len(toks) and toks[e].text in CLOSING_QUOTES else e
    if after + 1 >= len(toks) or toks[after].norm not in words.appointed_verbs:
        return None
    if toks[after + 1].norm not in words.second_person_verbs:
        return None
    return TitleSpan(s, e, TitleRule.DECREE)
