"""The words the people stage looks up: its own lists (``people.yaml``), the
shared lists of :mod:`pipeline.wordlists` (given names, name syllables,
honorifics, title heads) and hazm's lexicon (word counts and tags).

Every entry is kept in its folded form (:func:`lookup_key`), the form a
token's ``norm`` has. The files never change while a process runs, so each is
read once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

import regex

from .. import wordlists
from ..hazm_parts import parts as hazm_parts
from ..normalize import fold
from ..resources import cached
from ..wordlists import lookup_key, read_tsv, read_yaml

# a token may join name syllables with a ZWNJ or a hyphen («جیان‌شین»)
_JOINERS = regex.compile(r"[\u200c\-]")

# token sequences indexed by their first token, longest first
SequenceIndex = Mapping[str, tuple[tuple[str, ...], ...]]


@dataclass(frozen=True)
class ModelScores:
    """How sure the NER model must be of a name no rule found, by the kind
    of span (people.yaml, model_min_scores)."""
    span: float             # two words or more
    one_word: float
    speaker: float          # one word opening a sentence, a speech verb or «:» after it
    speaker_later: float    # a sentence's speaker: its speech verb before a «:» further on
    bare_surname: float     # one word opening a sentence, shaped like a family name
    foreign_word: float     # one word unknown to hazm's lexicon
    foreign_words: float    # given names and words unknown to the lexicon
    name_ending: float      # given names, a family name, its ending written apart
    family_name_tail: float  # the family name a rule name stopped short of


@dataclass(frozen=True)
class Lexicon:
    honorifics: SequenceIndex
    heads: SequenceIndex                # title heads
    not_before_name: frozenset[str]     # heads that never open a title right before a name
    places: frozenset[str]              # words that make what follows part of a place name
    place_suffixes: tuple[str, ...]
    stops: frozenset[str]
    inner: frozenset[str]               # stop words allowed inside a title
    inner_phrases: SequenceIndex        # phrases that stay inside a title
    clause_words: frozenset[str]
    not_surname: frozenset[str]
    common: frozenset[str]              # words too frequent in hazm's lexicon to be a family name
    given: frozenset[str]
    given_weak: frozenset[str]          # given names that are also common words
    given_prefixes: frozenset[str]      # «سید» before a given name, written apart
    fused_given_prefixes: tuple[str, ...]   # the same written together («سیدمهدی»)
    allah_suffix: str
    allah_link: str
    allah_prefixes: tuple[str, ...]
    patronymic_suffixes: tuple[str, ...]
    syllables: frozenset[str]
    strong_syllables: frozenset[str]
    not_first_syllable: frozenset[str]
    place_name_fillers: frozenset[str]
    holy_blessings: frozenset[str]
    gazetteer: SequenceIndex            # places that are never names (wordlists/places.tsv, unambiguous rows)
    title_name_syllables: frozenset[str]  # name syllables too common as words for the shared list
    holy_epithets: SequenceIndex        # «امام», «حضرت امام» before a holy figure's name
    holy_names: SequenceIndex           # the forms of holy_figures.tsv
    holy_figure: Mapping[str, str]      # a form's tokens (space-joined keys) → the figure it names
    holy_not_names: frozenset[str]
    holy_name_places: frozenset[str]
    name_blessings: frozenset[str]
    name_suffixes_apart: frozenset[str]     # «زاده», «اف»: the end of a family name, written apart
    suffixes_apart_after_he: frozenset[str]  # «ای» after a word ending in «ه» («اژه ای»)
    slavic_suffixes_apart: frozenset[str]   # «اف», «یف»: they also make the word before a family name
    latin_name_particles: frozenset[str]    # as written, not folded
    latin_not_name_words: frozenset[str]    # as written, not folded
    speaker_openers: tuple[tuple[str, ...], ...]
    speech_openers: frozenset[str]          # «با» between a speaker's name and «اشاره», «بیان»
    place_named_figures: SequenceIndex      # «هوشی‌مین»: a person's name that is also a place's
    not_surname_endings: tuple[str, ...]    # agent nouns: «شروع‌کننده»
    broken_plurals: frozenset[str]          # hazm's plural nouns («اصناف», «ادوار»): no family name
    light_verbs: frozenset[str]
    light_verbs_after_mi: frozenset[str]    # «انجام می دهند»: the present light verb after «می» written apart
    mi_prefixes: frozenset[str]
    arabic_article: str
    frequent: frozenset[str]                # words hazm counts at least rare_word_count times
    place_keys: frozenset[str]              # every gazetteer place, joined (lookup_key), ambiguous or not
    nisba_endings: tuple[str, ...]
    plural_honorifics: SequenceIndex        # «آقایان», «حجج‌الاسلام»: a list of names follows
    weak_given_idioms: SequenceIndex        # «حسن نیت», «آیین معارفه»: the given name is the word
    military_ranks: frozenset[str]
    rank_continuations: frozenset[str]      # «پاسدار», «دوم» after a rank: still the rank
    surname_endings: tuple[str, ...]        # «ی», «پور», «زاده»: how family names end
    byline_openers: tuple[tuple[str, ...], ...]
    byline_from: str                        # «به گزارش خبرگزاری فارس از هریس»: a place follows
    appointed_as: tuple[tuple[str, ...], ...]
    conjunction: str
    plural_suffixes: tuple[str, ...]
    model_scores: ModelScores

    def place_like(self, key: str) -> bool:
        """A place word, or a word with a place suffix: never a family name."""
        return key in self.places or key.endswith(self.place_suffixes)

    def nisba(self, key: str) -> bool:
        """«شیرازی», «گرگانی»: a gazetteer place with a nisba ending, the
        second word of many family names."""
        return any(key.endswith(e) and key[: -len(e)] in self.place_keys for e in self.nisba_endings)

    def prefixed_given(self, key: str) -> bool:
        """«سیدمهدی»: a listed given name with a prefix fused to it."""
        return any(key.startswith(p) and key[len(p):] in self.given for p in self.fused_given_prefixes)

    def allah_compound(self, key: str) -> bool:
        """«عبدالله», «نعمت‌الله»: a listed prefix, then «الله»."""
        suffix = self.allah_suffix
        return key.endswith(suffix) and key[: -len(suffix)].rstrip(self.allah_link) in self.allah_prefixes

    def plural_noun(self, key: str) -> bool:
        """«معترضان», «مقام‌ها»: a lexicon noun with a plural suffix."""
        return any(key.endswith(s) and key[: -len(s)] in noun_words() for s in self.plural_suffixes)


def _keys(words: Iterable) -> frozenset[str]:
    return frozenset(lookup_key(str(w)) for w in words)


def phrase_keys(entries: Iterable) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(lookup_key(p) for p in str(e).split()) for e in entries)


def sequence_index(entries: Iterable) -> SequenceIndex:
    """Token sequences of the entries, indexed by their first token."""
    entries = [str(e) for e in entries]
    seqs = {tuple(lookup_key(p) for p in fold(e).split()) for e in entries}
    # a ZWNJ-joined entry («رئیس‌جمهور») is one token in the text, or two with a space
    for e in entries:
        if "\u200c" in e:
            seqs.add(tuple(lookup_key(p) for p in e.replace("\u200c", " ").split()))
    index: dict[str, list[tuple[str, ...]]] = {}
    for seq in sorted(seqs, key=len, reverse=True):
        index.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in index.items()}


def place_index(names: Iterable[str]) -> SequenceIndex:
    """Places as token sequences, each also as the one token it is written
    as when its parts are joined («کوالا لامپور» / «کوالالامپور»)."""
    names = list(names)
    joined = [lookup_key(n) for n in names if len(fold(n).split()) > 1 or "\u200c" in n]
    return sequence_index([*names, *joined])


def _name_shape_words(data: Mapping) -> dict:
    """The words of issue 20's name rules: places, short and suffixed names,
    Latin-letter names, where a name ends, plural honorifics."""
    places = wordlists.places()
    return {
        "gazetteer": place_index(p.name for p in places if not p.ambiguous),
        "place_keys": frozenset(lookup_key(p.name) for p in places),
        "nisba_endings": tuple(lookup_key(w) for w in data["nisba_endings"]),
        "place_named_figures": place_index(data["place_named_figures"]),
        "title_name_syllables": _keys(data["title_name_syllables"]),
        "name_suffixes_apart": _keys(data["name_suffixes_apart"]) | _keys(data["slavic_suffixes_apart"]),
        "slavic_suffixes_apart": _keys(data["slavic_suffixes_apart"]),
        "suffixes_apart_after_he": _keys(data["suffixes_apart_after_he"]),
        "latin_name_particles": frozenset(str(w) for w in data["latin_name_particles"]),
        "latin_not_name_words": frozenset(str(w) for w in data["latin_not_name_words"]),
        "speaker_openers": phrase_keys(data["speaker_openers"]),
        "speech_openers": _keys(data["speech_openers"]),
        "not_surname_endings": tuple(lookup_key(w) for w in data["not_surname_endings"]),
        "broken_plurals": plural_words(int(data["plural_noun_count"])),
        "light_verbs": _keys(data["light_verbs"]),
        "light_verbs_after_mi": _keys(data["light_verbs_after_mi"]),
        "mi_prefixes": _keys(data["mi_prefixes"]),
        "arabic_article": lookup_key(data["arabic_article"]),
        "frequent": common_words(int(data["rare_word_count"])),
        "plural_honorifics": sequence_index(data["plural_honorifics"]),
        "weak_given_idioms": sequence_index(data["weak_given_idioms"]),
        "military_ranks": _keys(data["military_ranks"]),
        "rank_continuations": _keys(data["rank_continuations"]),
        "surname_endings": tuple(lookup_key(w) for w in data["surname_endings"]),
    }


def _holy_figures(data: Mapping) -> dict:
    rows = read_tsv(__package__, "holy_figures.tsv")
    return {
        "holy_epithets": sequence_index(data["holy_epithets"]),
        "holy_names": sequence_index(r["name"] for r in rows),
        "holy_figure": {" ".join(lookup_key(w) for w in fold(r["name"]).split()): r["figure"] for r in rows},
        "holy_not_names": _keys(data["holy_not_names"]),
        "holy_name_places": _keys(data["holy_name_places"]),
        "name_blessings": _keys(data["name_blessings"]),
    }


def _hazm_words():
    return hazm_parts().utils.words_list()


@cached("people.common_words")
def common_words(min_count: int) -> frozenset[str]:
    """Words hazm's lexicon counts at least ``min_count`` times."""
    return frozenset(lookup_key(w) for w, count, _ in _hazm_words() if count >= min_count)


@cached("people.plural_words")
def plural_words(min_count: int) -> frozenset[str]:
    """Words hazm's lexicon tags as plural nouns (Arabic broken plurals
    «اصناف», «ادوار»), counted at least ``min_count`` times."""
    return frozenset(lookup_key(w) for w, count, tags in _hazm_words() if count >= min_count and "PL" in tags)


@cached("people.noun_words")
def noun_words() -> frozenset[str]:
    """Nouns and adjectives of hazm's lexicon (read only with the ner stage)."""
    return frozenset(lookup_key(w) for w, count, tags in _hazm_words() if count and ("N" in tags or "AJ" in tags))


@cached("people.lexicon_words")
def lexicon_words() -> frozenset[str]:
    """Every word hazm's lexicon has counted at least once."""
    return frozenset(lookup_key(w) for w, count, _ in _hazm_words() if count)


@lru_cache(maxsize=1 << 16)
def joined_syllables(text: str, syllables: frozenset[str]) -> bool:
    """Is a ZWNJ- or hyphen-joined word made of name syllables only? Cached:
    the same joined words recur across a corpus."""
    parts = [lookup_key(p) for p in _JOINERS.split(text) if p]
    return len(parts) > 1 and all(p in syllables for p in parts)


@cached("people.lexicon")
def lexicon() -> Lexicon:
    data = read_yaml(__package__, "people.yaml")
    syllables = wordlists.name_syllables()
    return Lexicon(
        honorifics=sequence_index([*wordlists.honorifics(), *data["honorific_spellings"]]),
        heads=sequence_index(wordlists.title_heads()),
        not_before_name=_keys(data["not_before_name"]),
        places=_keys(data["place_words"]),
        place_suffixes=tuple(lookup_key(w) for w in data["place_suffixes"]),
        stops=_keys(data["stop_words"]),
        inner=_keys(data["title_inner_words"]),
        inner_phrases=sequence_index(data.get("title_inner_phrases", ())),
        clause_words=_keys(data["clause_words"]),
        not_surname=_keys(data["not_surname"]),
        common=common_words(int(data["common_word_frequency"])),
        # a given name that is also a plural noun («ادوار») is a weak one
        given=_keys(wordlists.given_names()) - plural_words(int(data["plural_noun_count"])),
        given_weak=_keys(wordlists.ambiguous_given_names()) | _keys(data["weak_given_words"])
        | (_keys(wordlists.given_names()) & plural_words(int(data["plural_noun_count"]))),
        given_prefixes=_keys(data["given_name_prefixes"]),
        fused_given_prefixes=tuple(lookup_key(w) for w in data["fused_given_name_prefixes"]),
        allah_suffix=lookup_key(data["allah_name_suffix"]),
        allah_link=lookup_key(data["allah_name_link"]),
        allah_prefixes=tuple(lookup_key(w) for w in data["allah_name_prefixes"]),
        patronymic_suffixes=tuple(lookup_key(w) for w in data["patronymic_suffixes"]),
        syllables=_keys(r.syllable for r in syllables),
        strong_syllables=_keys(r.syllable for r in syllables if r.strong),
        not_first_syllable=_keys(data["not_first_syllable"]),
        place_name_fillers=_keys(data["place_name_fillers"]),
        holy_blessings=_keys(data["holy_blessings"]),
        **_holy_figures(data),
        **_name_shape_words(data),
        byline_openers=phrase_keys(data["byline_openers"]),
        byline_from=lookup_key(data["byline_from"]),
        appointed_as=phrase_keys(data["appointed_as"]),
        conjunction=lookup_key(data["conjunction"]),
        plural_suffixes=tuple(lookup_key(w) for w in data["plural_suffixes"]),
        model_scores=ModelScores(**{k: float(v) for k, v in data["model_min_scores"].items()}),
    )
