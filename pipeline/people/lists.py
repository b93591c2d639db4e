"""Names listed after a plural honorific: «آقایان آرش سروری، مهدی افشاری و
شیخی», «حجج‌الاسلام سید مرتضی حسینی و کاظم صدیقی», «آیات عظام مکارم
شیرازی، ...». The honorific says a list of people follows, so each item is a
name: given names and the word after them (a family name even when it is a
common word: «افشاری»), a bare family name, or two words closed by the
list's «،» or «و»; the list ends at the first item not followed by one.
"""
from __future__ import annotations

from .spans import NameRule, NameSpan
from .tokens import COMMAS, TokenIndex, match_seq

# a list names at least two people, and seldom more than this many
_ITEMS = (2, 8)
# one item: at most three given names and a family name
_ITEM_WORDS = 4


def plural_honorific_names(index: TokenIndex, h: int) -> list[NameSpan]:
    """The names of the list a plural honorific at token h opens, or []."""
    toks = index.tokens
    n = match_seq(toks, h, index.lex.plural_honorifics)
    if not n:
        return []
    i = h + n + (1 if h + n < len(toks) and toks[h + n].text == ":" else 0)
    items: list[NameSpan] = []
    while i < len(toks) and len(items) < _ITEMS[1]:
        j = _item_end(index, i)
        if j <= i:
            break
        first = not items
        honorific = index.text[toks[h].start:toks[h + n - 1].end] if first else ""
        items.append(NameSpan(i, j, NameRule.PLURAL_HONORIFIC, honorific, h if first else -1))
        i = _next_item(index, j)
        if i is None:
            break
    return items if len(items) >= _ITEMS[0] else []


def _item_end(index: TokenIndex, i: int) -> int:
    """End of the list item at token i: given names and one word after them,
    or one word alone (with a family-name ending written apart)."""
    toks = index.tokens
    if not _item_word(index, i) or toks[i].newline_before:
        return i
    j = i
    while j - i < _ITEM_WORDS - 1 and index.is_given(j, weak_ok=True) and _item_word(index, j + 1) \
            and not toks[j + 1].newline_before:
        j += 1
    j += 1
    # a two-word family name closed by the list's «،» or «و» («مکارم شیرازی،»),
    # or whose second word names a place («... و صالحی کرمانی در»)
    if j == i + 1 and _item_word(index, j) and not toks[j].newline_before \
            and (_next_item(index, j + 1) is not None or index.lex.nisba(toks[j].norm)):
        j += 1
    return j + 1 if index.suffix_apart(j) else j


def _item_word(index: TokenIndex, k: int) -> bool:
    return index.nameable(k) and not index.lex.place_like(index.tokens[k].norm) \
        and index.tokens[k].norm not in index.lex.not_surname


def _next_item(index: TokenIndex, j: int) -> int | None:
    """Start of the item after one that ends before token j: after «،», «و»
    or «، و»; None when the list ends there."""
    toks = index.tokens
    if j < len(toks) and toks[j].text in COMMAS:
        j += 1
        if j < len(toks) and index.is_and(j):
            j += 1
        return j
    if j < len(toks) and index.is_and(j):
        return j + 1
    return None
