"""Names that only a cue outside them makes names: a short East-Asian name
right after its title («دبیرکل تو لام»), whose syllables are also Persian
words and so never a name on their own.

Each rule is a function of the token index and a token position, like the
rules of :mod:`.names`, and returns a :class:`NameSpan` or ``None``.
"""
from __future__ import annotations

from .spans import NO_NAMES, NameRule, NameSpan
from .titles import title_before
from .tokens import COMMAS, TokenIndex

# a short name is two or three syllables («تو لام», «فام مین چین»)
_SHORT_NAME = (2, 3)


def short_syllable_name(index: TokenIndex, i: int) -> NameSpan | None:
    """Two or three name syllables, weak or not, that a title introduces:
    right after it («نخست وزیر فام نان در ...») or in its apposition
    («رئیس مجلس ملی، تران من، در ...»). The run ends the name: a stop
    word or punctuation follows («دبیرکل دو نامه ...» is no name)."""
    toks, lex = index.tokens, index.lex
    if toks[i].norm in lex.not_first_syllable or toks[i].norm in lex.stops or not index.is_syllable(i):
        return None
    j = i
    while j < len(toks) and j - i < _SHORT_NAME[1] and _short_name_syllable(index, j) \
            and (j == i or not toks[j].newline_before):
        j += 1
    if not _SHORT_NAME[0] <= j - i or not (j >= len(toks) or toks[j].is_punct or index.stop(j)):
        return None
    if index.place_at(i, j):
        return None
    after_title = bool(title_before(index, NO_NAMES, i))
    in_apposition = j < len(toks) and toks[j].text in COMMAS and _title_segment_before(index, i)
    return NameSpan(i, j, NameRule.SHORT_SYLLABLES) if after_title or in_apposition else None


def _short_name_syllable(index: TokenIndex, k: int) -> bool:
    # «من» is a stop word (I) as well
    return (index.nameable(k) and index.is_syllable(k)) or index.tokens[k].norm in index.lex.title_name_syllables


def _title_segment_before(index: TokenIndex, i: int) -> bool:
    """«TITLE، NAME»: a comma before token i closes a segment that opens with a title head."""
    toks = index.tokens
    if i < 2 or toks[i - 1].text not in COMMAS:
        return False
    s = index.segment_start(i - 1)
    return s < i - 1 and bool(index.head_len(s)) and toks[s].norm not in index.lex.not_before_name
