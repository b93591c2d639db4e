"""Names that only a cue makes names: a short East-Asian name right after
its title («دبیرکل تو لام»), whose syllables are also Persian words and so
never a name on their own; a Central Asian or Russian family name written
with its ending apart («بختیار سعید اف»), whose given name no list knows; a
name in Latin letters that a title or «به گفته» introduces («سفیر ایتالیا
Marco Bellini»).

Each rule is a function of the token index and a token position, like the
rules of :mod:`.names`, and returns a :class:`NameSpan` or ``None``.
"""
from __future__ import annotations

import regex

from .spans import NO_NAMES, NameRule, NameSpan
from .titles import title_before
from .tokens import COMMAS, TokenIndex

# a short name is two or three syllables («تو لام», «فام مین چین»)
_SHORT_NAME = (2, 3)
# a capitalized word in Latin letters («Bellini», «O'Neill», «Jean-Yves»)
_LATIN_NAME_WORD = regex.compile(r"\p{Lu}\p{Ll}+(?:['’\-]\p{Lu}?\p{Ll}+)*")
# the first letter of such a word (its regex's own class, not str.isupper:
# the regex module and Python may know different Unicode versions)
_CAPITAL = regex.compile(r"\p{Lu}")
# a Latin-letter name has two to four words
_LATIN_NAME = (2, 4)


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


def slavic_suffixed_name(index: TokenIndex, k: int) -> NameSpan | None:
    """«بختیار سعید اف»: the ending at token k makes the word before it a
    family name's stem (a given name or a rare word), and a rare or given
    word before the stem its given name. The ending closes the name
    («اف ۱۶», «اف بی آی» are letters of a code)."""
    toks, lex = index.tokens, index.lex
    if toks[k].norm not in lex.slavic_suffixes_apart or k < 1 or toks[k].newline_before:
        return None
    if toks[k].text.startswith("آ"):
        return None  # «پلی آف», «تیک آف»: English «off», never the ending
    if not (k + 1 >= len(toks) or toks[k + 1].is_punct or index.stop(k + 1) or index.head_len(k + 1)):
        return None
    stem = k - 1
    if not _name_word(index, stem) or toks[stem].newline_before:
        return None
    given = stem - 1
    start = given if given >= 0 and _name_word(index, given) and given not in index.in_date else stem
    return NameSpan(start, k + 1, NameRule.SUFFIXED)


def _name_word(index: TokenIndex, k: int) -> bool:
    """A word that may be part of a name: a given name, or a word too rare to be a common one."""
    return k >= 0 and index.nameable(k) and (index.is_given(k, weak_ok=True) or index.surname_ok(k)) \
        and not index.lex.plural_noun(index.tokens[k].norm)


def latin_name(index: TokenIndex, i: int) -> NameSpan | None:
    """Two to four capitalized words in Latin letters (lower-case particles
    «de», «van» inside) right after a title («سفیر ایتالیا Marco Bellini
    در ...») or after a phrase that introduces a speaker («به گفته Kenji
    Watanabe، ...»). A company or a paper («شرکت Samsung Electronics»,
    «روزنامه The Guardian») has no such cue."""
    toks, lex = index.tokens, index.lex
    if not _latin_word(index, i) or (i > 0 and _LATIN_NAME_WORD.fullmatch(toks[i - 1].text)):
        return None
    if i > 0 and toks[i - 1].norm in lex.places:
        return None  # «مدیر شرکت Nordic Steel»: the company's name
    j = i + 1
    while j < len(toks) and j - i < _LATIN_NAME[1] and not toks[j].newline_before and (
            _latin_word(index, j) or (toks[j].text in lex.latin_name_particles and _latin_word(index, j + 1))):
        j += 1
    if j - i < _LATIN_NAME[0] or (j < len(toks) and _LATIN_NAME_WORD.fullmatch(toks[j].text)):
        return None
    opener = any(i - len(p) >= 0 and all(toks[i - len(p) + m].norm == w for m, w in enumerate(p))
                 for p in lex.speaker_openers)
    return NameSpan(i, j, NameRule.LATIN) if opener or title_before(index, NO_NAMES, i) else None


def latin_capitals(index: TokenIndex) -> list[int]:
    """The tokens that start with a capital letter, where a Latin-letter name
    may start: one regex search over the tokens' first letters, not a match
    per token (a Persian text has few or none)."""
    if not _CAPITAL.search(index.text):
        return []  # a token's text is a part of the document's: none starts with a capital
    firsts = "".join([t.text[:1] or " " for t in index.tokens])
    return [m.start() for m in _CAPITAL.finditer(firsts)]


def _latin_word(index: TokenIndex, k: int) -> bool:
    toks = index.tokens
    return k < len(toks) and bool(_LATIN_NAME_WORD.fullmatch(toks[k].text)) \
        and toks[k].text not in index.lex.latin_not_name_words
