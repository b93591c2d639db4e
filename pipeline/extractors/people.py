"""People and the titles (positions) the text gives them, by rules.

Names are found from cues: an honorific (رفیق، آقای، دکتر ...), a known given
name followed by a family name, a run of East-Asian name syllables, a quoted
name next to a title, or words no lexicon knows that open a list item with a
title in apposition («یلنا سرگیوونا ماکارووا، رئیس …»). Titles come from the
chains around a name: ``NAME، TITLE، TITLE؛``, ``TITLE، TITLE، NAME؛``,
``TITLE NAME``, ``NAME TITLE``, and signature blocks (name line, then title
line). Mentions of one person (a later bare surname, a shorter form) are
merged into one entry.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..component import Component
from ..document import Document, Person, Span, TitleMention, Token
from ..normalize import fold
from .. import wordlists
from ..resources import load_yaml, lookup_key
_PLACE_SUFFIX = regex.compile(r"(?:اباد|ستان|شهر)$")
_JOINERS = regex.compile(r"[\u200c\-]")
_PATRONYMIC = regex.compile(r"(?:ویچ|وونا|اونا|یونا|اوغلو)$")

_CHAIN_END = frozenset("؛;.:!?؟()[]")



@dataclass(frozen=True)
class _Lex:
    honorifics: dict[str, tuple[tuple[str, ...], ...]]   # first key -> sequences, longest first
    heads: dict[str, tuple[tuple[str, ...], ...]]
    not_before_name: frozenset[str]
    places: frozenset[str]
    stops: frozenset[str]
    inner: frozenset[str]
    inner_phrases: dict[str, tuple[tuple[str, ...], ...]]
    clause_words: frozenset[str]
    not_surname: frozenset[str]
    common: frozenset[str]
    allah_prefixes: tuple[str, ...]
    given: frozenset[str]
    given_weak: frozenset[str]      # given names that are also common words
    syllables: frozenset[str]
    strong_syllables: frozenset[str]
    not_first_syllable: frozenset[str]
    model_min_score: float = 0.8
    model_min_score_one_word: float = 0.95
    holy_blessings: frozenset[str] = frozenset()


def _seqs(entries) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Token sequences of the entries, indexed by their first token."""
    seqs = {tuple(lookup_key(p) for p in fold(str(e)).split()) for e in entries}
    # a ZWNJ-joined entry («رئیس‌جمهور») is one token in the text, or two with a space
    for e in entries:
        if "\u200c" in str(e):
            seqs.add(tuple(lookup_key(p) for p in str(e).replace("\u200c", " ").split()))
    index: dict[str, list[tuple[str, ...]]] = {}
    for seq in sorted(seqs, key=len, reverse=True):
        index.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in index.items()}


def _common_words(min_count: int) -> frozenset[str]:
    from hazm.utils import words_list

    return frozenset(lookup_key(w) for w, count, _ in words_list() if count >= min_count)


@lru_cache(maxsize=1)
def _noun_words() -> frozenset[str]:
    """Nouns and adjectives of hazm's lexicon (read only with the ner stage)."""
    from hazm.utils import words_list

    return frozenset(lookup_key(w) for w, count, tags in words_list() if count and ("N" in tags or "AJ" in tags))


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Every word hazm's lexicon has counted at least once."""
    from hazm.utils import words_list

    return frozenset(lookup_key(w) for w, count, _ in words_list() if count)


def _plural_noun(key: str) -> bool:
    """«معترضان», «مقام‌ها»: a lexicon noun with a plural suffix."""
    for suffix in ("های", "ها", "ان"):
        if key.endswith(suffix) and key[: -len(suffix)] in _noun_words():
            return True
    return False


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    data = load_yaml("people.yaml")
    given = frozenset(lookup_key(n) for n in wordlists.given_names())
    weak = frozenset(lookup_key(n) for n in wordlists.ambiguous_given_names())
    syllables = wordlists.name_syllables()
    syll = frozenset(lookup_key(r.syllable) for r in syllables)
    strong = frozenset(lookup_key(r.syllable) for r in syllables if r.strong)
    return _Lex(
        honorifics=_seqs(wordlists.honorifics()),
        heads=_seqs(wordlists.title_heads()),
        not_before_name=frozenset(lookup_key(w) for w in data["not_before_name"]),
        places=frozenset(lookup_key(w) for w in data["place_words"]),
        stops=frozenset(lookup_key(w) for w in data["stop_words"]),
        inner=frozenset(lookup_key(w) for w in data["title_inner_words"]),
        inner_phrases=_seqs(data.get("title_inner_phrases", ())),
        clause_words=frozenset(lookup_key(w) for w in data["clause_words"]),
        not_surname=frozenset(lookup_key(w) for w in data["not_surname"]),
        common=_common_words(int(data["common_word_frequency"])),
        allah_prefixes=tuple(lookup_key(w) for w in data["allah_name_prefixes"]),
        given=given,
        given_weak=weak | frozenset({"غلام"}),
        syllables=syll,
        strong_syllables=strong,
        not_first_syllable=frozenset(lookup_key(w) for w in data["not_first_syllable"]),
        model_min_score=float(data["model_min_score"]),
        model_min_score_one_word=float(data["model_min_score_one_word"]),
        holy_blessings=frozenset(lookup_key(w) for w in data["holy_blessings"]),
    )


def _match_seq(toks: list[Token], i: int, index) -> int:
    """Length in tokens of the longest indexed sequence starting at token i."""
    for seq in index.get(toks[i].norm, ()):
        n = len(seq)
        if i + n <= len(toks) and all(toks[i + k].norm == seq[k] for k in range(n)):
            if n > 1 and any(toks[i + k].newline_before for k in range(1, n)):
                continue
            return n
    return 0


@dataclass
class _Name:
    i: int
    j: int                     # token span [i, j)
    honorific: str = ""
    h: int = -1                # index of the honorific's first token, if any
    rule: str = ""
    titles: list[TitleMention] = field(default_factory=list)


@lru_cache(maxsize=1 << 16)
def _joined_syllables(text: str) -> bool:
    """Is a ZWNJ- or hyphen-joined word made of name syllables only? Cached:
    the same joined words recur across a corpus."""
    syllables = lexicon().syllables
    parts = [lookup_key(p) for p in _JOINERS.split(text) if p]
    return len(parts) > 1 and all(p in syllables for p in parts)


class _Finder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lex = lexicon()
        self.toks = doc.tokens
        self.used_title_tokens: set[int] = set()
        self._place_ends: set[int] = set()     # last tokens of place-name runs
        self._name_starts: set[int] = set()    # filled once names are found
        self._name_tokens: set[int] = set()
        # tokens inside a date («۱۳ رجب») are never part of a name
        starts = [t.start for t in self.toks]
        self.in_date: set[int] = set()
        for d in doc.dates:
            self.in_date.update(range(bisect_left(starts, d.start), bisect_left(starts, d.end)))
        # each token's class is asked for many times: work it out once (these
        # comprehensions run over every token of every document)
        toks, lex = self.toks, self.lex
        heads, hons, syll = lex.heads, lex.honorifics, lex.syllables
        given, weak = lex.given, lex.given_weak
        keys = [t.norm for t in toks]
        self._head = [_match_seq(toks, i, heads) if k in heads else 0 for i, k in enumerate(keys)]
        self._hon = [_match_seq(toks, i, hons) if k in hons else 0 for i, k in enumerate(keys)]
        self._syllable = [k in syll or (("\u200c" in t.text or "-" in t.text) and self._is_syllable(i))
                          for i, (k, t) in enumerate(zip(keys, toks))]
        maybe_given = [k in given or k in weak or k[:3] in ("سید", "میر") or k[-4:] == "الله" for k in keys]
        self._given_strict = [m and self._given(i, False) for i, m in enumerate(maybe_given)]
        self._given_weak = [m and self._given(i, True) for i, m in enumerate(maybe_given)]
        # tokens of a phrase that stays inside a title («ریاست جمهوری») are no stop or clause words
        self._in_phrase: set[int] = set()
        for i, k in enumerate(keys):
            if k in lex.inner_phrases:
                self._in_phrase.update(range(i, i + _match_seq(toks, i, lex.inner_phrases)))
        for flags, end in ((self._head, 0), (self._hon, 0), (self._syllable, False),
                           (self._given_strict, False), (self._given_weak, False)):
            flags.append(end)  # one past the last token reads as "nothing"

    # ---------------------------------------------------------- token classes
    def head_len(self, i: int) -> int:
        return self._head[i] if 0 <= i < len(self._head) else 0

    def hon_len(self, i: int) -> int:
        return self._hon[i] if 0 <= i < len(self._hon) else 0

    def stop(self, k: int) -> bool:
        """A stop word that ends a title (not one inside a title phrase)."""
        return self.toks[k].norm in self.lex.stops and k not in self._in_phrase

    def nameable(self, i: int) -> bool:
        """Could token i be part of a name (a word, not a function word or title)?"""
        if i >= len(self.toks):
            return False
        t = self.toks[i]
        return i not in self.in_date and t.is_word and t.norm not in self.lex.stops and not self.head_len(i) and not self.hon_len(i) and len(t.norm) > 1

    def surname_ok(self, j: int) -> bool:
        """Could token j be a family name after a given name or an honorific?"""
        if not self.nameable(j) or self.toks[j].newline_before:
            return False
        key = self.toks[j].norm
        return key not in self.lex.not_surname and key not in self.lex.common and key not in self.lex.places \
            and not _PLACE_SUFFIX.search(key)

    def is_syllable(self, i: int) -> bool:
        return self._syllable[i] if 0 <= i < len(self._syllable) else False

    def _is_syllable(self, i: int) -> bool:
        t = self.toks[i]
        if t.norm in self.lex.syllables:
            return True
        if "\u200c" not in t.text and "-" not in t.text:
            return False
        return _joined_syllables(t.text)  # «جیان‌شین»

    def is_given(self, i: int, weak_ok: bool = False) -> bool:
        if not 0 <= i < len(self.toks):
            return False
        return (self._given_weak if weak_ok else self._given_strict)[i]

    def _given(self, i: int, weak_ok: bool = False) -> bool:
        """A given name: listed, or «سید» fused to one, or a compound «...‌الله»."""
        if i >= len(self.toks) or i in self.in_date:
            return False
        key, lex = self.toks[i].norm, self.lex
        if key in lex.given or (weak_ok and key in lex.given_weak):
            return True
        if key in ("سید", "سیده", "میر") and self._given(i + 1, weak_ok):
            return True  # «سید مهدی» written apart: one given name
        if key.startswith("سید") and key[3:] in lex.given:
            return True
        return key.endswith("الله") and key[:-4].rstrip("ا") in lex.allah_prefixes

    # ---------------------------------------------------------------- names
    def names(self) -> list[_Name]:
        toks, lex = self.toks, self.lex
        found: list[_Name] = []
        taken: set[int] = set()
        free = 0  # tokens before this one already belong to a name
        for i in [k for k, h in enumerate(self._hon) if h]:
            if i < free or self._in_place_name(i):
                continue
            h = self._hon[i]
            j = self._take_after_honorific(i + h)
            if j > i + h:
                hon = self.doc.text[toks[i].start:toks[i + h - 1].end]
                found.append(_Name(i + h, j, hon, i, "honorific"))
                taken.update(range(i, j))
                free = j
        for i in range(len(toks)):
            if self._given_weak[i] and not self._given_strict[i] and i not in taken:
                j = self._apposed_weak_name(i)
                if j > i:
                    found.append(_Name(i, j, rule="given_name_apposition"))
                    taken.update(range(i, j))
                continue
            if not (self._given_strict[i] or self._syllable[i]):
                continue  # only a given name or a name syllable starts a name here
            if i in taken or (i > 0 and toks[i - 1].norm in lex.places):
                continue
            if i > 0 and i - 1 not in taken and self.is_given(i - 1) and not toks[i].newline_before:
                continue  # inside a run that started earlier
            j = 0
            if i in self.in_date:
                continue
            if self.is_given(i):
                j = self._take_from_given(i)
            elif self.is_syllable(i) and toks[i].norm not in lex.not_first_syllable:
                j = self._take_syllables(i)
            if j > i:
                found.append(_Name(i, j, rule="given_name" if self.is_given(i) else "name_syllables"))
                taken.update(range(i, j))
        for i in range(len(toks)):
            if i not in taken:
                j = self._apposed_unknown_name(i)
                if j > i and not taken.intersection(range(i, j)):
                    found.append(_Name(i, j, rule="unknown_words_apposition"))
                    taken.update(range(i, j))
        found.extend(self._quoted(taken))
        found.extend(self._model_names(found, taken | {k for n in found for k in range(n.h if n.h >= 0 else n.i, n.j)}))
        found.sort(key=lambda n: n.i)
        return found

    def _could_be_name(self, i: int, j: int) -> bool:
        """The word-list checks a rule name passes, asked of a model span: the
        last word could be a family name (not a common word, a place, or a
        word with a place suffix), an earlier word that is a common word or a
        plural noun must be a listed given name (not «معترضان ...»)."""
        lex, toks = self.lex, self.toks
        last = toks[j - 1].norm
        if last in lex.not_surname or last in lex.common or last in lex.places or _PLACE_SUFFIX.search(last):
            return False
        return all((toks[k].norm not in lex.common and not _plural_noun(toks[k].norm)) or self.is_given(k, weak_ok=True)
                   for k in range(i, j - 1))

    def _model_names(self, found: list[_Name], taken: set[int]) -> list[_Name]:
        """PER spans of the NER model (the ner stage) that no rule found: a
        leading honorific is split off as in the rules. A span that starts
        where a rule name starts and runs further extends it («آقای برناردو»
        + «سیلوا»); any other span that touches a rule name, a date or a
        title head is left to the rules."""
        if not self.doc.entities:
            return []
        starts = [t.start for t in self.toks]
        by_start = {n.i: n for n in found}
        out = []
        for e in self.doc.entities:
            if e.kind != "PER":
                continue
            i, j = bisect_left(starts, e.start), bisect_left(starts, e.end)
            h = -1
            if i < j and self.hon_len(i):
                h, i = i, i + self.hon_len(i)
            rule = by_start.get(i)
            if rule is not None and j > rule.j and e.score >= self.lex.model_min_score:
                more = range(rule.j, j)
                if all(k not in taken and self.nameable(k) and not self.toks[k].newline_before for k in more) \
                        and self._could_be_name(i, j):
                    taken.update(more)
                    rule.j = j
                continue
            span = range(h if h >= 0 else i, j)
            if i >= j or any(k in taken or k in self.in_date or self.head_len(k) for k in span):
                continue
            if not all(self.toks[k].is_word and self.toks[k].norm not in self.lex.stops for k in range(i, j)):
                continue
            if not self._could_be_name(i, j) or self._after_place_word(h if h >= 0 else i) or self._blessed(j):
                continue
            if e.score < (self.lex.model_min_score_one_word if j - i == 1 else self.lex.model_min_score):
                continue
            hon = self.doc.text[self.toks[h].start:self.toks[i - 1].end] if h >= 0 else ""
            out.append(_Name(i, j, hon, h, "model"))
            taken.update(span)
        return out

    def _take_after_honorific(self, i: int) -> int:
        toks, lex = self.toks, self.lex
        if not self.nameable(i) or toks[i].newline_before:
            return i
        if self.is_syllable(i):
            j = self._take_syllables(i, minimum=1)
            if j > i:
                return j
        if self.is_given(i, weak_ok=True):
            return self._take_from_given(i, need_surname=False, weak_ok=True)
        # an unknown first word after an honorific is a bare family name
        if not self.surname_ok(i):
            return i
        j = i + 1
        # foreign full names: two unknown words, then a clear boundary
        if self.nameable(j) and not toks[j].newline_before and self._boundary(j + 1):
            if toks[j].norm not in lex.given and not self.is_syllable(j):
                j += 1
        return j

    def _boundary(self, i: int) -> bool:
        if i >= len(self.toks):
            return True
        t = self.toks[i]
        return t.is_punct or t.newline_before or bool(self.head_len(i))

    def _opens_item(self, i: int) -> bool:
        """Token i opens a list item: at a line start, after «،», «؛» or «:»,
        or after the «، و» that joins the last item."""
        toks = self.toks
        return i == 0 or toks[i].newline_before or toks[i - 1].text in ("،", ",", "؛", ":") or (
            i > 1 and toks[i - 1].norm == "و" and toks[i - 2].text in ("،", ",", "؛"))

    def _apposed_weak_name(self, i: int) -> int:
        """A given name that is also a common word («حسن») starts a name in an
        apposition only: after a comma or a list's start, with a family name
        closed by a comma, and a title right after that comma («، حسن
        جعفرزاده، مدیرکل …») or a title segment right before the name
        («معاون وزیر، حسن کریمی،»)."""
        toks = self.toks
        if not self._opens_item(i):
            return i
        j = self._take_from_given(i, need_surname=True, weak_ok=True)
        if j - i < 2 or j >= len(toks) or toks[j].text not in ("،", ","):
            return i
        title_after = j + 1 < len(toks) and bool(self.head_len(j + 1))
        s = self._segment_start(i - 1) if i > 1 else i
        title_before = i > 1 and toks[i - 1].text in ("،", ",") and s < i - 1 and bool(self.head_len(s))
        return j if title_after or title_before else i

    def _apposed_unknown_name(self, i: int) -> int:
        """Two or three words hazm's lexicon has never seen (or name
        syllables) that open a list item and are closed by a comma with a
        title right after it: a foreign name no list knows («یلنا سرگیوونا
        ماکارووا، رئیس کمیته …», «، و چن لی‌مین، رئیس اتاق …», «رفقا: نگوین
        ون نن، عضو …»)."""
        toks = self.toks
        if not self._opens_item(i):
            return i
        seen = _lexicon_words()
        j = i
        while (j < len(toks) and j - i < 3 and self.nameable(j)
               and (toks[j].norm not in seen or self.is_syllable(j))
               and toks[j].norm not in self.lex.places and (j == i or not toks[j].newline_before)):
            j += 1
        if j - i >= 2 and j + 1 < len(toks) and toks[j].text in ("،", ",") and self.head_len(j + 1):
            return j
        return i

    def _take_from_given(self, i: int, need_surname: bool = True, weak_ok: bool = False) -> int:
        toks = self.toks
        j = i
        while (j < len(toks) and j - i < 3 and (j == i or not toks[j].newline_before)
               and self.is_given(j, weak_ok)
               and (j == i or self.nameable(j + 1))):  # keep one word for the family name
            j += 1
        # one family name after the given names; a second one when it closes an
        # apposition («ماریا فرناندا گوتیرز،») or follows a patronymic
        if self.surname_ok(j):
            j += 1
            if self.surname_ok(j) and (
                _PATRONYMIC.search(toks[j - 1].norm)
                or (j + 1 < len(toks) and toks[j + 1].text in ("،", ",", "؛"))
            ):
                j += 1
            return j
        if need_surname:
            return i if j - i < 2 else j
        return j

    def _take_syllables(self, i: int, minimum: int = 2) -> int:
        toks, lex = self.toks, self.lex
        j = i
        while j < len(toks) and self.is_syllable(j) and j - i < 5 and (j == i or not toks[j].newline_before):
            j += 1
        while j - 1 > i and toks[j - 1].norm in lex.stops:
            j -= 1  # «فان دین ترا با هیئت ...»: a run does not end in «با» (with), «تا» (until)
        n = j - i
        strong = sum(toks[k].norm in lex.strong_syllables for k in range(i, j))
        # «نواحی های هائو، نگیا هونگ و شوان ترونگ»: a list of place names
        after_place = (i > 0 and toks[i - 1].norm in lex.places) or (
            i > 1 and toks[i - 1].is_word and toks[i - 2].norm in lex.places)
        listed = i > 1 and toks[i - 1].norm in ("،", ",", "و") and (i - 2) in self._place_ends
        if after_place or listed:
            self._place_ends.add(j - 1)
            return i
        if n >= minimum and (minimum == 1 or (n >= 3 and strong >= 1) or (n >= 2 and strong >= 2)):
            return j
        # three weak syllables with a title in apposition («تا وان سون، عضو کمیته ...»)
        if n >= 3 and j + 1 < len(toks) and toks[j].text in ("،", ",") and self.head_len(j + 1):
            return j
        return i

    def _quoted(self, taken: set[int]) -> list[_Name]:
        """«اتو پرز مولینا» next to a title: a quoted name of one to four words."""
        out = []
        toks = self.toks
        for i, t in enumerate(toks):
            if t.text != "«":
                continue
            j = i + 1
            while j < len(toks) and j - i <= 5 and self.nameable(j):
                j += 1
            if j == i + 1 or j >= len(toks) or toks[j].text != "»" or any(k in taken for k in range(i + 1, j)):
                continue
            # «خبرنگار ... باشگاه خبری فارس «توانا»»: a quoted name of an organization
            before = [t for t in self._title_before(i) if not any(toks[k].norm in self.lex.places for k in range(t[0], t[1]))]
            after = self.head_len(j + 1) and toks[j + 1].norm not in self.lex.not_before_name
            if before or after:
                out.append(_Name(i + 1, j, rule="quoted_name"))
        return out

    # --------------------------------------------------------------- titles
    def _title_phrase(self, i: int, chain: bool) -> int:
        """End (exclusive) of the title that starts with a head at token i."""
        toks = self.toks
        j = i + max(1, self.head_len(i))
        limit = i + (14 if chain else 7)
        while j < len(toks) and j < limit:
            t = toks[j]
            if t.newline_before or t.is_punct or self.hon_len(j):
                break
            if t.norm == "و":
                if self.head_len(j + 1) or not self.nameable(j + 1):
                    break
                j += 1
                continue
            if self.stop(j) and not (chain and t.norm in self.lex.inner):
                break
            if self.is_name_start(j):
                break
            j += 1
        return j

    def is_name_start(self, j: int) -> bool:
        return j in self._name_starts

    def titles_after(self, name: _Name) -> list[tuple[int, int, str]]:
        toks = self.toks
        j = name.j
        if j < len(toks) and toks[j].text == "»":
            j += 1
        out: list[tuple[int, int, str]] = []
        if j >= len(toks):
            return out
        if toks[j].text in ("،", ","):
            return self._chain(j + 1, "chain_after")
        if toks[j].norm == "-" and j + 1 < len(toks) and not toks[j + 1].newline_before and self.head_len(j + 1):
            return self._chain(j + 1, "dash_after")  # «محمد مخبر - معاون اول رئیس‌جمهور»
        if toks[j].text == "(" and self.head_len(j + 1):
            end = j + 1
            while end < len(toks) and toks[end].text != ")" and end - j < 15:
                end += 1
            if end < len(toks) and toks[end].text == ")":
                return self._split_and(j + 1, end, "parenthesized")
        if toks[j].norm == "به" and j + 2 < len(toks) and toks[j + 1].norm in ("عنوان", "سمت") and self.head_len(j + 2):
            return self._split_and(j + 2, self._title_phrase(j + 2, chain=False), "appointed_as")
        if self.head_len(j) and not toks[j].newline_before:
            return self._split_and(j, self._title_phrase(j, chain=False), "title_after")
        if self.head_len(j) and toks[j].newline_before and self._alone_on_line(name):
            end = j
            while end < len(toks) and (end == j or not toks[end].newline_before):
                end += 1
            return [(j, end, "signature_block")]
        return out

    def _title_line_before_dash(self, dash: int) -> list[tuple[int, int, str]]:
        """A signature line «TITLE - NAME»: the title opens the line and runs
        to the dash (at most eight words, no punctuation)."""
        toks = self.toks
        s = dash - 1
        while s > 0 and not toks[s].newline_before and dash - s < 8:
            s -= 1
        if not (s == 0 or toks[s].newline_before) or not self.head_len(s) or toks[s].norm in self.lex.not_before_name:
            return []
        if any(toks[k].is_punct or k in self._name_tokens for k in range(s, dash)):
            return []
        return [(s, dash, "dash_before")]

    def _title_line_above(self, name: _Name, first: int) -> list[tuple[int, int, str]]:
        """Signature block with the title above: a short line that starts
        with a title head, right above a line that is only the name."""
        toks = self.toks
        if name.titles:  # it has a title line below (or a title after it)
            return []
        if first <= 0 or not toks[first].newline_before or (name.j < len(toks) and not toks[name.j].newline_before):
            return []
        k = first - 1
        while k > 0 and not toks[k].newline_before:
            k -= 1
        if first - k > 8 or not self.head_len(k) or toks[k].norm in self.lex.not_before_name:
            return []
        if any(toks[m].is_punct or m in self._name_tokens or m in self.used_title_tokens for m in range(k, first)):
            return []
        return [(k, first, "signature_block")]

    def _alone_on_line(self, name: _Name) -> bool:
        """Signature block: the name (with its honorific) is a whole line."""
        first = name.h if name.h >= 0 else name.i
        return self.toks[first].newline_before or first == 0

    def _after_place_word(self, i: int) -> bool:
        """A model span inside a place name: a place word right before it, or
        one word before, across honorifics, «شهید», brackets and ellipses
        («مسجد جامع ابوذر»، «خیابان شهید آیت‌الله سعیدی»، «میدان جهاد (فاطمی)»)."""
        k, words = i - 1, 0
        while k >= 0 and words < 2 and not self.toks[k + 1].newline_before:
            t = self.toks[k]
            if t.text in ("(", "«", "...", "…") or self.hon_len(k) or t.norm == "شهید":
                k -= 1
                continue
            if not t.is_word:
                return False
            if t.norm in self.lex.places:
                return True
            words += 1
            k -= 1
        return False

    def _blessed(self, j: int) -> bool:
        """A blessing in brackets right after a name ending before token j: «(ع)»."""
        toks = self.toks
        return j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" \
            and toks[j + 1].norm in self.lex.holy_blessings

    def _in_place_name(self, h: int) -> bool:
        """«خیابان شهید آیت‌الله دکتر مفتح»: honorifics inside a place name."""
        k = h - 1
        while k >= 0 and (self.hon_len(k) or self.toks[k].norm in ("شهید",)):
            k -= 1
        return k >= 0 and self.toks[k].norm in self.lex.places

    def _chain(self, p: int, rule: str) -> list[tuple[int, int, str]]:
        toks = self.toks
        out: list[tuple[int, int, str]] = []
        while p < len(toks):
            q = p
            while q < len(toks) and toks[q].text not in ("،", ",") and toks[q].text not in _CHAIN_END and not (q > p and toks[q].newline_before):
                q += 1
            if q - p > 14 or q == p:
                break
            if self.head_len(p) and toks[p].norm not in self.lex.clause_words:
                # «ریاست این کنفرانس را بر عهده داشت»: a clause, not a title
                if any((toks[k].norm in self.lex.clause_words and k not in self._in_phrase) or self.hon_len(k)
                       or k in self._name_tokens for k in range(p + 1, q)):
                    break
                out.extend(self._split_and(p, q, rule))
            elif out and toks[p].norm != "و" and (end := self._title_tail(p, q)) > p:
                s, _, r = out[-1]  # «معاون سیاسی، امنیتی و اجتماعی استاندار»: one title
                out[-1] = (s, end, r)
                if end < q:  # «رئیس اداره کار، معلولان و امور اجتماعی حضور داشتند»
                    break
            else:
                break
            if q >= len(toks) or toks[q].text not in ("،", ","):
                break
            p = q + 1
        return out

    def _title_tail(self, p: int, q: int) -> int:
        """End of a short headless segment that continues the title before its
        comma (up to four words, no stop word but «و»), or p. The segment may
        end the sentence with a verb of stop words only («حضور داشتند»)."""
        toks = self.toks
        k = p
        while k < q and toks[k].is_word and k not in self._name_tokens and not self.hon_len(k) \
                and (not self.stop(k) or toks[k].norm == "و"):
            k += 1
        if k - p > 4:
            return p
        if k < q and not (toks[k].norm in self.lex.clause_words and q < len(toks) and toks[q].text in (".", "؛")
                          and all(toks[x].norm in self.lex.stops for x in range(k, q))):
            return p
        return k

    def _split_and(self, s: int, e: int, rule: str) -> list[tuple[int, int, str]]:
        """Two positions joined by «و» are two titles; an «و» inside one office
        name (not followed by a head) stays."""
        parts, start = [], s
        for k in range(s + 1, e - 1):
            if self.toks[k].norm == "و" and self.head_len(k + 1):
                parts.append((start, k, rule))
                start = k + 1
        parts.append((start, e, rule))
        return [p for p in parts if p[1] > p[0]]

    def _title_before(self, i: int) -> list[tuple[int, int, str]]:
        """A title right before a name (or before its honorific)."""
        toks = self.toks
        k = i - 1
        if k > 0 and toks[k].norm == "-" and not toks[k].newline_before:
            return self._title_line_before_dash(k)
        if k >= 0 and toks[k].text == "«":
            k -= 1
        best = None
        steps = 0
        while k >= 0 and steps < 7 and not toks[k].is_punct and not toks[k + 1].newline_before:
            if (self.stop(k) and toks[k].norm not in self.lex.inner) or k in self._name_tokens:
                break
            n = self.head_len(k)
            if n and toks[k].norm not in self.lex.not_before_name:
                best = k
            k -= 1
            steps += 1
        if best is None:
            return []
        end = i - 1 if i > 0 and toks[i - 1].text == "«" else i
        return [(best, end, "title_before")]

    def titles_before_chain(self, name: _Name, first: int) -> list[tuple[int, int, str]]:
        """``TITLE، TITLE، NAME؛``: comma-separated titles before the name, when the
        name closes the apposition (followed by a comma, «؛» or a full stop)."""
        toks = self.toks
        after = name.j + (1 if name.j < len(toks) and toks[name.j].text == "»" else 0)
        closed = after >= len(toks) or toks[after].text in ("،", ",", "؛", ".", ";")
        if first <= 0 or toks[first - 1].text not in ("،", ","):
            return []
        if not (closed or name.h >= 0 or self._last_list_item(first - 1)):
            return []
        out = []
        q = first - 1
        while q > 0 and toks[q].text in ("،", ","):
            p = q - 1
            while p >= 0 and toks[p].text not in ("،", ",") and toks[p].text not in _CHAIN_END and not toks[p + 1].newline_before:
                p -= 1
            seg_s = p + 1
            heads = [k for k in range(seg_s, q) if self.head_len(k) and toks[k].norm not in self.lex.not_before_name]
            if not heads or q - heads[0] > 14 or any(
                k in self.used_title_tokens or k in self._name_tokens or self.hon_len(k) for k in range(heads[0], q)
            ):
                break
            # «به گزارش خبرنگار ...، حجت‌الاسلام X»: a byline, not X's title; without
            # the apposition closing after the name, the title must fill its segment
            byline = seg_s + 1 < q and toks[seg_s].norm == "به" and toks[seg_s + 1].norm in ("گزارش", "نقل")
            lead = seg_s + 1 if self._last_list_item(q) else seg_s
            if byline or (not closed and heads[0] != lead):
                break
            opened = self._opened_before(p, seg_s, heads[0])
            if opened is not None:  # «معاون سیاسی، امنیتی و اجتماعی استاندار کرمانشاه، NAME»
                out.append((opened, q, "chain_before"))
                break
            out.extend(self._split_and(heads[0], q, "chain_before"))
            if heads[0] != seg_s or p < 0 or toks[p].text not in ("،", ","):
                break
            q = p
        return out

    def _opened_before(self, comma: int, seg_s: int, head: int) -> int | None:
        """Where a title starts that a comma splits: the words before this
        segment's head are a short headless run, and the segment before the
        comma is a short one that opens with a head («معاون سیاسی،»)."""
        toks = self.toks
        if head == seg_s or comma < 0 or toks[comma].text not in ("،", ",") or self._title_tail(seg_s, head) != head:
            return None
        s = self._segment_start(comma)
        if not self.head_len(s) or toks[s].norm in self.lex.not_before_name or comma - s > 4:
            return None
        if any(not toks[k].is_word or k in self._name_tokens or k in self.used_title_tokens
               or (self.stop(k) and toks[k].norm not in self.lex.inner) for k in range(s, comma)):
            return None
        return s

    def _last_list_item(self, comma: int) -> bool:
        """The segment ending at this comma opens a list's last item, «؛ و …»
        («…؛ و مدیرکل ورزش استان، مهدی رستمی حضور داشتند»): the name then
        closes the item though a verb follows it."""
        toks = self.toks
        p = self._segment_start(comma) - 1
        return p >= 0 and toks[p].text in ("؛", ";") and p + 1 < comma and toks[p + 1].norm == "و"

    def _segment_start(self, end: int) -> int:
        """First token of the segment that ends before token ``end``: after the
        nearest comma, chain-ending mark or line break."""
        toks = self.toks
        p = end - 1
        while p >= 0 and toks[p].text not in ("،", ",") and toks[p].text not in _CHAIN_END and not toks[p + 1].newline_before:
            p -= 1
        return p + 1

    # ----------------------------------------------------------------- main
    def run(self) -> list[Person]:
        names = self.names()
        self._name_starts = {n.i for n in names} | {n.h for n in names if n.h >= 0}
        self._name_tokens = {k for n in names for k in range(n.h if n.h >= 0 else n.i, n.j)}
        for n in names:
            spans = self.titles_after(n)
            for s, e, _ in spans:
                self.used_title_tokens.update(range(s, e))
            n.titles = [self._title(s, e, r) for s, e, r in spans]
        for n in names:
            first = n.h if n.h >= 0 else n.i
            if n.rule == "quoted_name":
                first -= 1
            spans = self.titles_before_chain(n, first) or self._title_before(first) or self._title_line_above(n, first)
            spans = [sp for sp in spans if not any(k in self.used_title_tokens for k in range(sp[0], sp[1]))]
            n.titles = [self._title(s, e, r) for s, e, r in spans] + n.titles
        people = _merge(self.doc, self.toks, names)
        self._link_surnames(people)
        self._link_titles(people)
        return people

    # ------------------------------------------------------------ coreference
    def _link_surnames(self, people: list[Person]) -> None:
        """A later bare surname is a mention of the one person whose full name
        ends with it (skipped when two people share it, or when the surname is
        also a common word)."""
        by_surname: dict[str, list[Person]] = {}
        for p in people:
            words = [lookup_key(w) for w in p.name.split()]
            if len(words) >= 2:
                by_surname.setdefault(words[-1], []).append(p)
        if not by_surname:
            return
        toks, lex = self.toks, self.lex
        for i, t in enumerate(toks):
            owners = by_surname.get(t.norm)
            if not owners or len(owners) > 1 or i in self._name_tokens or i in self.used_title_tokens:
                continue
            p = owners[0]
            if t.start < p.mentions[0].start or t.norm in lex.common or t.norm in lex.places:
                continue
            if self.is_given(i - 1) or self.is_given(i + 1) or self.hon_len(i - 1):
                continue  # part of a name the rules did not take: not this person for sure
            p.mentions.append(Span(t.start, t.end, t.text))

    def _link_titles(self, people: list[Person]) -> None:
        """A later title with no name (``دبیر حزب استان`` alone) is the one
        person the text gave that exact title to; kept in ``coreferent_titles``."""
        holders: dict[tuple[str, ...], list[Person]] = {}
        for p in people:
            for t in p.titles:
                k = tuple(lookup_key(w) for w in t.text.split())
                if p not in holders.setdefault(k, []):
                    holders[k].append(p)
        toks = self.toks
        if not holders:
            return
        # where each title's first word occurs: one pass over the tokens, not one per title
        heads = {k[0] for k in holders if k}
        at: dict[str, list[int]] = {}
        for i, t in enumerate(toks):
            if t.norm in heads:
                at.setdefault(t.norm, []).append(i)
        for k, owners in holders.items():
            if len(owners) != 1 or not k:
                continue
            p, n = owners[0], len(k)
            first = min(t.start for t in p.titles)
            for i in at.get(k[0], ()):
                if i + n > len(toks) or toks[i].start <= first:
                    continue
                if any(toks[i + m].norm != k[m] for m in range(1, n)):
                    continue
                span = range(i, i + n)
                if any(m in self.used_title_tokens or m in self._name_tokens for m in span):
                    continue
                a, b = toks[i].start, toks[i + n - 1].end
                p.coreferent_titles.append(Span(a, b, self.doc.text[a:b]))

    def _title(self, s: int, e: int, rule: str) -> TitleMention:
        while e - 1 > s and self.toks[e - 1].norm == "و":  # «سرمربی و»
            e -= 1
        a, b = self.toks[s].start, self.toks[e - 1].end
        return TitleMention(a, b, self.doc.text[a:b], rule=rule)


def _merge(doc: Document, toks: list[Token], names: list[_Name]) -> list[Person]:
    """One Person per human: same name, or a shorter form that ends the full name."""
    people: list[Person] = []
    keys: list[list[str]] = []
    for n in names:
        a, b = toks[n.i].start, toks[n.j - 1].end
        text = doc.text[a:b]
        words = [t.norm for t in toks[n.i:n.j]]
        target = None
        for p, ks in zip(people, keys):
            if ks == words or (len(words) < len(ks) and ks[-len(words):] == words) or (len(ks) < len(words) and words[-len(ks):] == ks):
                target = p
                break
        if target is None:
            target = Person(name=text)
            people.append(target)
            keys.append(words)
        else:
            idx = people.index(target)
            if len(words) > len(keys[idx]):
                target.aliases.append(target.name)
                target.name, keys[idx] = text, words
            elif text != target.name and text not in target.aliases:
                target.aliases.append(text)
        target.mentions.append(Span(a, b, text))
        if n.honorific and n.honorific not in target.honorifics:
            target.honorifics.append(n.honorific)
        for t in n.titles:
            if lookup_key(t.text) not in {lookup_key(x.text) for x in target.titles}:
                target.titles.append(t)
    return people


def extract_people(doc: Document) -> None:
    doc.people = _Finder(doc).run()


class PeopleExtractor(Component):
    """People, their titles and mentions, by rules; merged with the NER
    model's names when the ner stage ran before it."""

    name = "people"
    requires = ("tokens", "dates")
    provides = ("people", "titles")
    uses = ("entities",)

    def __call__(self, doc: Document) -> None:
        extract_people(doc)
