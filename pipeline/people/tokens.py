"""One document's tokens with the classes the people rules ask about, worked
out once: how long a title head or an honorific starting at each token is,
whether it is a name syllable or a given name, whether it opens a list item,
lies inside a date or inside a phrase that stays within a title. A
:class:`TokenIndex` never changes after it is built; every rule reads it.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import AbstractSet, Mapping, Sequence

from ..document import Document, Token
from ..normalize import fold
from .lexicon import Lexicon, SequenceIndex, joined_syllables
from .title_words import TitleWords, title_words

COMMAS = ("،", ",")
# quotes around a name («…», "…", “…”): a title next to the name reads past them
OPENING_QUOTES = frozenset('«"“')
CLOSING_QUOTES = frozenset('»"”')
# marks that end an apposition chain
CHAIN_END = frozenset("؛;.:!?؟()[]")
# marks between the items of a list, and those after which a token opens one
_LIST_MARKS = frozenset("،,؛")
_ITEM_MARKS = _LIST_MARKS | {":"}


def match_seq(toks: Sequence[Token], i: int, index: SequenceIndex) -> int:
    """Length in tokens of the longest indexed sequence starting at token i
    (none crosses a line break)."""
    for seq in index.get(toks[i].norm, ()):
        n = len(seq)
        if i + n <= len(toks) and all(toks[i + k].norm == seq[k] for k in range(n)):
            if n > 1 and any(toks[i + k].newline_before for k in range(1, n)):
                continue
            return n
    return 0


@dataclass(frozen=True)
class TokenIndex:
    """The tokens of one document and their classes (build it with :meth:`build`)."""

    text: str                       # the document's original text
    tokens: tuple[Token, ...]
    lex: Lexicon
    starts: tuple[int, ...]         # each token's start offset
    # per token, and one more past the last that reads as "nothing":
    head: tuple[int, ...]           # length of the title head starting there, or 0
    honorific: tuple[int, ...]      # length of the honorific starting there, or 0
    syllable: tuple[bool, ...]      # a name syllable (or syllables joined by ZWNJ / hyphen)
    given_strict: tuple[bool, ...]  # a given name that is no common word
    given_weak: tuple[bool, ...]    # a given name, common word or not
    name_starts: tuple[int, ...]    # tokens that are a given name (weak or not) or a syllable, in text order
    item_starts: frozenset[int]     # tokens that open a list item (see opens_item)
    in_date: frozenset[int]         # tokens inside a date («۱۳ رجب»): never part of a name
    in_phrase: frozenset[int]       # tokens of a phrase that stays inside a title («ریاست جمهوری»)
    place: tuple[int, ...]          # length of the gazetteer place starting there («کوانگ نین»), or 0
    words: TitleWords               # the title rules' own words (verbs, speaker tags)
    by_norm: Mapping[str, list[int]]  # each norm's tokens, in text order (read it with positions)

    @classmethod
    def build(cls, doc: Document, lex: Lexicon, words: TitleWords | None = None) -> TokenIndex:
        # these run over every token of every document: each class is looked
        # up once here, not each time a rule asks; and a class of words is
        # looked up at the tokens of its words only (by_norm), not at each token
        toks = tuple(doc.tokens)
        starts = tuple([t.start for t in toks])
        by_norm = _positions_by_norm(toks)
        in_date = frozenset(k for d in doc.dates for k in range(bisect_left(starts, d.start), bisect_left(starts, d.end)))
        given = _GivenNames(toks, in_date, lex)
        maybe_given = positions_of(by_norm, given.candidates(by_norm))
        words = words or title_words()
        heads = _sequence_lengths(toks, by_norm, lex.heads)
        syllable, syllables_at = _syllables(toks, by_norm, lex.syllables)
        given_weak = given.flags(maybe_given, weak_ok=True)
        name_starts = sorted({*(i for i in maybe_given if given_weak[i]), *syllables_at})
        return cls(text=doc.text, tokens=toks, lex=lex, starts=starts, by_norm=by_norm,
                   head=(*_with_ordinals(heads, positions_of(by_norm, words.title_ordinals)), 0),
                   honorific=(*_sequence_lengths(toks, by_norm, lex.honorifics), 0),
                   syllable=(*syllable, False),
                   given_strict=(*given.flags(maybe_given, weak_ok=False), False),
                   given_weak=(*given_weak, False), name_starts=tuple(name_starts),
                   item_starts=_item_starts(toks, by_norm, lex.conjunction), in_date=in_date, words=words,
                   place=(*_sequence_lengths(toks, by_norm, lex.gazetteer), 0),
                   in_phrase=frozenset(k for i in positions_of(by_norm, lex.inner_phrases.keys())
                                       for k in range(i, i + match_seq(toks, i, lex.inner_phrases))))

    def honorific_starts(self) -> list[int]:
        """The tokens an honorific starts at, in text order."""
        return [k for k in self.positions(self.lex.honorifics.keys()) if self.honorific[k]]

    def head_starts(self) -> list[int]:
        """The tokens a title head starts at (an ordinal before one included), in text order."""
        return [k for k in self.positions(self.lex.heads.keys() | self.words.title_ordinals) if self.head[k]]

    def positions(self, norms: AbstractSet[str]) -> list[int]:
        """The tokens whose norm is one of ``norms``, in text order: a rule
        that fires only at such a token is run there, not at every token."""
        return positions_of(self.by_norm, norms)

    # ------------------------------------------------------------ token classes
    def head_len(self, i: int) -> int:
        return self.head[i] if 0 <= i < len(self.head) else 0

    def hon_len(self, i: int) -> int:
        return self.honorific[i] if 0 <= i < len(self.honorific) else 0

    def before_honorifics(self, h: int) -> int:
        """The last token before token h that is no honorific and no word
        that fills a place name («خیابان شهید آیت‌الله دکتر مفتح»), or -1."""
        return self._before_honorifics[h]

    @cached_property
    def _before_honorifics(self) -> tuple[int, ...]:
        # one pass for the document: walking back from each honorific would
        # cross every honorific before it (a run of thousands takes minutes)
        fillers, before, last = self.lex.place_name_fillers, [], -1
        for k, t in enumerate(self.tokens):
            before.append(last)
            if not (self.honorific[k] or t.norm in fillers):
                last = k
        return tuple(before)

    def place_at(self, i: int, j: int) -> bool:
        """Tokens i..j-1 are a place of the gazetteer, or the start of one."""
        return 0 <= i < len(self.place) and self.place[i] >= max(1, j - i)

    def is_syllable(self, i: int) -> bool:
        return self.syllable[i] if 0 <= i < len(self.syllable) else False

    def is_given(self, i: int, weak_ok: bool = False) -> bool:
        if not 0 <= i < len(self.tokens):
            return False
        return (self.given_weak if weak_ok else self.given_strict)[i]

    def stop(self, k: int) -> bool:
        """A stop word that ends a title (not one inside a title phrase)."""
        return self.tokens[k].norm in self.lex.stops and k not in self.in_phrase

    def is_verb(self, i: int) -> bool:
        """A finite verb («گفت», «برگزید»), or the word a light verb follows
        («دریافت» in «دریافت کرد», «منصوب» in «منصوب شد»): no title goes on over it."""
        if not 0 <= i < len(self.tokens):
            return False
        words, key = self.words, self.tokens[i].norm
        if key in words.verb_forms:
            return True
        if i + 1 >= len(self.tokens) or self.tokens[i + 1].newline_before:
            return False
        if key in self.lex.places or self.head_len(i):
            return False  # «... ناحیه گرفت»: the verb's own part is further back
        after = self.tokens[i + 1].norm
        return after in words.light_verb_forms or (after in words.copular_forms and key in words.copular_predicates)

    def nameable(self, i: int) -> bool:
        """Could token i be part of a name (a word, not a function word or title)?"""
        if i >= len(self.tokens):
            return False
        t = self.tokens[i]
        return i not in self.in_date and t.is_word and t.norm not in self.lex.stops and not self.head_len(i) \
            and not self.hon_len(i) and len(t.norm) > 1

    def surname_ok(self, j: int) -> bool:
        """Could token j be a family name after a given name or an honorific?
        Not a function word, a common word, a place or a place name's start;
        a common word or a place before a family-name ending written apart is
        the family name's stem («عرب زاده», «قوچان نژاد»)."""
        if not self.nameable(j) or self.tokens[j].newline_before:
            return False
        key, lex = self.tokens[j].norm, self.lex
        if key in lex.not_surname or key.endswith(lex.not_surname_endings) or key in lex.places \
                or key in self.words.plural_heads:
            return False
        if self.suffix_apart(j + 1):
            return True
        return key not in lex.common and not lex.place_like(key) and not self.place_at(j, j + 1)

    def suffix_apart(self, j: int, after_he: bool = False) -> bool:
        """Token j is a family-name ending written apart from the word before
        it («زاده», «فرد»); with ``after_he`` also «ای» after a word ending in
        «ه» («اژه ای»: a stripped ZWNJ), asked only where that word is already
        taken as a family name («نامه ای» is «a letter»)."""
        if not 0 < j < len(self.tokens) or self.tokens[j].newline_before or not self.tokens[j - 1].is_word:
            return False
        key, lex = self.tokens[j].norm, self.lex
        return key in lex.name_suffixes_apart or (after_he and key in lex.suffixes_apart_after_he
                                                  and self.tokens[j - 1].norm.endswith("ه"))

    # ---------------------------------------------------------------- structure
    def is_and(self, i: int) -> bool:
        return self.tokens[i].norm == self.lex.conjunction

    def boundary(self, i: int) -> bool:
        """Token i ends a name: the text's end, punctuation, a line break or a title head."""
        if i >= len(self.tokens):
            return True
        t = self.tokens[i]
        return t.is_punct or t.newline_before or bool(self.head_len(i)) or t.norm in self.words.plural_heads

    def opens_item(self, i: int) -> bool:
        """Token i opens a list item: at a line start, after «،», «؛» or «:»,
        or after the «، و» that joins the last item."""
        return i in self.item_starts

    def segment_start(self, end: int) -> int:
        """First token of the segment that ends before token ``end``: after the
        nearest comma, chain-ending mark or line break."""
        toks = self.tokens
        p = end - 1
        while p >= 0 and toks[p].text not in COMMAS and toks[p].text not in CHAIN_END and not toks[p + 1].newline_before:
            p -= 1
        return p + 1

    def phrase_at(self, i: int, phrases: tuple[tuple[str, ...], ...], end: int) -> int:
        """Length of the first of ``phrases`` written at token i and ending
        before token ``end``, or 0."""
        for phrase in phrases:
            n = len(phrase)
            if i + n <= end and all(self.tokens[i + m].norm == w for m, w in enumerate(phrase)):
                return n
        return 0


def _positions_by_norm(toks: Sequence[Token]) -> dict[str, list[int]]:
    by_norm: dict[str, list[int]] = {}
    for i, t in enumerate(toks):
        by_norm.setdefault(t.norm, []).append(i)
    return by_norm


def positions_of(by_norm: Mapping[str, list[int]], norms: AbstractSet[str]) -> list[int]:
    """The positions ``by_norm`` holds for the norms in ``norms``, in text order."""
    # walk the smaller side: a document has a few hundred distinct words, a
    # word list may have thousands, a rule's cue words a handful
    if len(norms) < len(by_norm):
        present = filter(by_norm.__contains__, norms)
    else:
        present = filter(norms.__contains__, by_norm)
    found = [i for n in present for i in by_norm[n]]
    found.sort()
    return found


def texts_at(toks: Sequence[Token], by_norm: Mapping[str, list[int]], marks: AbstractSet[str]) -> list[int]:
    """The tokens written as one of ``marks`` (punctuation), in text order:
    looked up among the tokens of the marks' folded forms, which a token
    written as a mark always has."""
    return [i for i in positions_of(by_norm, frozenset(map(fold, marks))) if toks[i].text in marks]


def _sequence_lengths(toks: Sequence[Token], by_norm: Mapping[str, list[int]], index: SequenceIndex) -> list[int]:
    lengths = [0] * len(toks)
    for i in positions_of(by_norm, index.keys()):
        lengths[i] = match_seq(toks, i, index)
    return lengths


def _with_ordinals(heads: list[int], ordinals: list[int]) -> list[int]:
    """An ordinal right before a head opens the head («نخستین رئیس‌جمهور»).
    ``ordinals``: their tokens, in text order, so a head each reads is not
    yet lengthened by an ordinal of its own."""
    for i in ordinals:
        if i + 1 < len(heads) and heads[i + 1]:
            heads[i] = 1 + heads[i + 1]
    return heads


def _syllables(toks: Sequence[Token], by_norm: Mapping[str, list[int]],
               syllables: frozenset[str]) -> tuple[list[bool], list[int]]:
    """Per token, a name syllable; and the tokens that are one."""
    at = positions_of(by_norm, syllables)
    flags = [False] * len(toks)
    for i in at:
        flags[i] = True
    # a ZWNJ- or hyphen-joined word of syllables («هوشی‌مین»): its norm is
    # listed under none (a hyphen stays in the norm, a ZWNJ does not)
    joined = [i for i, t in enumerate(toks) if "\u200c" in t.text or "-" in t.text]
    for i in joined:
        if not flags[i] and joined_syllables(toks[i].text, syllables):
            flags[i] = True
            at.append(i)
    return flags, at


def _item_starts(toks: tuple[Token, ...], by_norm: Mapping[str, list[int]], conjunction: str) -> frozenset[int]:
    """The first token, a token at a line start, after «،», «؛» or «:», or
    after the «، و» that joins a list's last item."""
    marks = texts_at(toks, by_norm, _ITEM_MARKS)
    opens = {i + 1 for i in marks}
    opens.update(i + 2 for i in marks if toks[i].text in _LIST_MARKS and i + 1 < len(toks)
                 and toks[i + 1].norm == conjunction)
    opens.update(i for i, t in enumerate(toks) if t.newline_before)
    opens.add(0)
    return frozenset(k for k in opens if k < len(toks))


@dataclass(frozen=True)
class _GivenNames:
    """Given-name flags while an index is built: a listed given name, «سید»
    before one, «سید» fused to one, or a compound «...‌الله»."""

    toks: tuple[Token, ...]
    in_date: frozenset[int]
    lex: Lexicon

    def candidates(self, by_norm: Mapping[str, list[int]]) -> set[str]:
        """The norms that may be given names: a cheap test, once per distinct
        word, that lets most tokens skip the full one."""
        lex = self.lex
        given, weak, suffix = lex.given, lex.given_weak, lex.allah_suffix
        # a word that starts with a prefix starts with the prefix's first n
        # letters (n: the shortest prefix's length); slices are cheaper than startswith
        prefixes = (*lex.given_prefixes, *lex.fused_given_prefixes)
        n = min(map(len, prefixes), default=0)
        openings = frozenset(p[:n] for p in prefixes)
        tail = -len(suffix)
        return {k for k in by_norm if k in given or k in weak or k[:n] in openings or k[tail:] == suffix}

    def flags(self, candidates: list[int], weak_ok: bool) -> list[bool]:
        """Per token, a given name; ``candidates``: the tokens that may be one."""
        flags = [False] * len(self.toks)
        for i in candidates:
            flags[i] = self.given(i, weak_ok)
        return flags

    def given(self, i: int, weak_ok: bool) -> bool:
        if i >= len(self.toks) or i in self.in_date:
            return False
        key, lex = self.toks[i].norm, self.lex
        if key in lex.given or (weak_ok and key in lex.given_weak):
            return True
        if key in lex.given_prefixes and self.given(i + 1, weak_ok):
            return True  # «سید مهدی» written apart: one given name
        return lex.prefixed_given(key) or lex.allah_compound(key)
