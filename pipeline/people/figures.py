"""Holy figures named with a holy epithet: «امام حسین (ع)» → «حسین», «حضرت
امام موسی کاظم(ع)» → «موسی کاظم», «امام خمینی» → «خمینی». The epithet is
kept like an honorific; the figure is a person of the document (FORMAT.md:
every named human being), unless the words before the epithet make it the
name of a place or an institution («میدان امام حسین (ع)», «کمیته امداد
امام خمینی»).

Historical figures whose name is also a place's («هوشی‌مین», the city named
after him): a person only where a title says so, before the name
(«رئیس‌جمهور هوشی‌مین») or in its apposition («هوشی‌مین، نخستین
رئیس‌جمهور ویتنام»).
"""
from __future__ import annotations

from typing import AbstractSet

from .spans import NO_NAMES, NameRule, NameSpan
from .titles import title_before
from .tokens import COMMAS, TokenIndex, match_seq

# «علی بن موسی‌الرضا»: a name goes on over «بن» / «ابن» and the next word
_SON_OF = ("بن", "ابن")
# the word that opens a «ابن X» name on its own (son_of_name)
SON_OF_CUE = frozenset({_SON_OF[1]})


def holy_figure_names(index: TokenIndex, taken: AbstractSet[int]) -> list[NameSpan]:
    """The holy figures of the document, one span per mention, without the
    shorter forms of a figure that the document also names in full."""
    found = []
    for h in index.positions(index.lex.holy_epithets.keys()):
        if h not in taken and (not found or h >= found[-1].end):
            name = holy_figure_at(index, h)
            if name is not None and not taken.intersection(range(name.first, name.end)):
                found.append(name)
    return _fullest_forms(index, found)


def holy_figure_at(index: TokenIndex, h: int) -> NameSpan | None:
    """The figure a holy epithet at token h introduces, or None."""
    toks, lex = index.tokens, index.lex
    n = match_seq(toks, h, lex.holy_epithets)
    i = h + n
    if not n or i >= len(toks) or toks[i].newline_before or _in_place_name(index, h):
        return None
    if toks[i].norm in lex.holy_not_names or not index.nameable(i):
        return None
    listed = match_seq(toks, i, lex.holy_names)
    j = _son_of(index, i + listed) if listed else _given_run(index, i)
    if j <= i or not (listed or blessed(index, j)):
        return None
    return NameSpan(i, j, NameRule.HOLY_FIGURE, index.text[toks[h].start:toks[i - 1].end], h)


def blessed(index: TokenIndex, j: int) -> bool:
    """A blessing right after token j-1: «(ع)», «(ره)»."""
    toks = index.tokens
    return j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" \
        and toks[j + 1].norm in index.lex.name_blessings


def _son_of(index: TokenIndex, j: int) -> int:
    toks = index.tokens
    while j + 1 < len(toks) and toks[j].norm in _SON_OF and index.nameable(j + 1):
        j += 2
    return j


def _given_run(index: TokenIndex, i: int) -> int:
    """Up to three given names from token i («فاطمه زهرا»)."""
    j = i
    while j - i < 3 and index.is_given(j, weak_ok=True) and not index.tokens[j].newline_before:
        j += 1
    return _son_of(index, j) if j > i else i


def _in_place_name(index: TokenIndex, h: int) -> bool:
    """«میدان امام حسین», «مرقد مطهر امام», «کمیته امداد امام خمینی»: a
    place or institution word right before the epithet, or one word before."""
    toks, lex = index.tokens, index.lex
    k = h - 1
    if k < 0 or toks[h].newline_before:
        return False
    if _names_place(lex, toks[k].norm):
        return True
    return k > 0 and toks[k].is_word and not toks[k].newline_before and _names_place(lex, toks[k - 1].norm)


def _names_place(lex, key: str) -> bool:
    return key in lex.holy_name_places or key in lex.places


def _fullest_forms(index: TokenIndex, names: list[NameSpan]) -> list[NameSpan]:
    """Drop a mention whose figure the document names in a fuller form that
    does not end with it («امام رضا(ع)» beside «حضرت علی بن موسی‌الرضا(ع)»):
    one person per human, with the fullest name."""
    toks, figure_of = index.tokens, index.lex.holy_figure
    keys = [tuple(t.norm for t in toks[n.start:n.end]) for n in names]
    fullest: dict[str, tuple[str, ...]] = {}
    for key in keys:
        fig = figure_of.get(" ".join(key))
        if fig is not None and len(key) > len(fullest.get(fig, ())):
            fullest[fig] = key
    out = []
    for n, key in zip(names, keys):
        full = fullest.get(figure_of.get(" ".join(key), ""), key)
        if full[len(full) - len(key):] == key:
            out.append(n)
    return out


def place_named_figure(index: TokenIndex, i: int) -> NameSpan | None:
    """A historical figure whose name is also a place, at token i, when a
    title introduces it or follows it in apposition (an ordinal or two
    before the head: «، نخستین رئیس‌جمهور ...»)."""
    toks, lex = index.tokens, index.lex
    n = match_seq(toks, i, lex.place_named_figures)
    if not n or (i > 0 and toks[i - 1].norm in lex.places):
        return None
    j = i + n
    # «در هوشی‌مین، رئیس کمیته مردمی شهر ...»: after a preposition, the place
    in_apposition = (i == 0 or not index.stop(i - 1)) and j + 1 < len(toks) and toks[j].text in COMMAS and any(
        index.head_len(k) for k in range(j + 1, min(j + 4, len(toks))))
    return NameSpan(i, j, NameRule.PLACE_NAMED_FIGURE) if in_apposition or title_before(index, NO_NAMES, i) else None


def son_of_name(index: TokenIndex, i: int) -> NameSpan | None:
    """«ابن ملجم», «ابن حیان»: «ابن» (son of) and the word after it name a
    person of the past; after a given name it continues that name instead
    («علی ابن ابیطالب»), which the given-name rules take."""
    toks = index.tokens
    if toks[i].norm != _SON_OF[1] or not index.nameable(i + 1) or toks[i + 1].newline_before:
        return None
    if i > 0 and index.is_given(i - 1, weak_ok=True):
        return None
    return NameSpan(i, i + 2, NameRule.SON_OF)


def son_of_end(index: TokenIndex, j: int) -> int:
    """End of «بن/ابن X» (repeated) from token j, or j: «علی | بن ابیطالب»."""
    return _son_of(index, j)
