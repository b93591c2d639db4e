"""The words the title rules look up beyond the shared lexicon: verb forms
(where a title ends), the verbs of a speaker tag, and the words that keep a
title going past «در». Read from ``people.yaml`` (its titles section) and
hazm's verb stems; folded like the text, read once per process.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..hazm_parts import parts as hazm_parts
from ..resources import cached
from ..wordlists import lookup_key, read_yaml
from .lexicon import lexicon_words, phrase_keys

_PERSON_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
# past stem endings; a bare past stem with «ی» or «یم» is too often an adjective or a noun («فرهنگی»)
_PAST_ENDINGS = ("", "م", "ند", "ه", "هاند", "هایم", "هاید", "هاست", "هبود")


@dataclass(frozen=True)
class TitleWords:
    verb_forms: frozenset[str]          # finite verb forms that are no noun of hazm's lexicon, verbal predicates
    light_verb_forms: frozenset[str]    # forms of the light verbs («کرد», «می‌کند», «داد» ...)
    copular_forms: frozenset[str]       # forms of «شد», «گردید», «داشت»: verbs only with a listed predicate
    copular_predicates: frozenset[str]  # words that make a verb with them («منصوب شد»)
    title_stops: frozenset[str]         # words a title never runs over («همان»), beside the stop words
    number_words: frozenset[str]        # numbers written as words («سه»)
    in_heads: frozenset[str]            # heads whose title goes on after «در» («نماینده مردم X در مجلس»)
    in_words: frozenset[str]            # words after «در» that keep a title going («در امور ...»)
    in_affairs_heads: frozenset[str]    # words of a title that takes «در امور» (a deputy's, an adviser's)
    adjective_heads: frozenset[str]     # heads that are adjectives when alone before a preposition
    relational_heads: frozenset[str]    # heads that alone before a name say whose («مشاور اوباما»)
    in_institutions: frozenset[str]     # institutions after «در» in the title of an in_heads head
    in_not_places: frozenset[str]       # words after «در» that name an event, not a place
    in_word: str                        # the preposition itself
    object_marker: str                  # «را» between a name and «به عنوان»
    speech_verbs: frozenset[str]        # a speaker tag's verb (or the verb's first word)
    another_speaker: frozenset[str]     # «نیز», «هم» after a speaker: another one than before
    not_subject_before: frozenset[str]  # words before a name that make it no subject («از», «با» ...)
    speaker_pronouns: frozenset[str]    # «وی»: a sentence opening with one goes on with a known speaker
    object_prepositions: frozenset[str]  # «به», «را»: after an office's name, they make it an object
    office_nouns: frozenset[str]        # «ریاست»: opens a post held («ریاست X را بر عهده داشت»)
    holds_post: tuple[tuple[str, ...], ...]  # «بر عهده», «برعهده»
    holds_post_verbs: frozenset[str]    # «داشت», «دارد», «گرفت» (one holder)
    record_nouns: frozenset[str]        # «سابقه»: a career record of posts follows
    title_ordinals: frozenset[str]      # «نخستین»: opens a title before its head
    relative_word: str                  # «که» after a name: a relative clause
    plural_heads: frozenset[str]        # «اعضای»: a list's title after its last name
    one_of: tuple[tuple[str, ...], ...]  # «یکی از» before a plural head
    demonstratives: frozenset[str]      # «این» right after a plural head stays in its title
    address_honorifics: tuple[tuple[str, ...], ...]  # «جناب آقای»: a decree's addressee
    appointed_verbs: frozenset[str]     # «منصوب» after a decree's post
    address_openers: frozenset[str]     # «حضرت» before the honorifics of a letter's addressee
    inner_honorifics: frozenset[str]    # «محترم» inside a title («وزیر محترم کشور»)
    second_person_verbs: frozenset[str]  # «می‌شوید», «می‌نمایم»: the decree speaks to the appointee
    title_copulas: frozenset[str]       # «است», «بوده»: close a title in a relative clause
    record_offices: frozenset[str]      # the office nouns that open its items («مدیریت», «عضویت»)
    record_verbs: frozenset[str]        # «دارد», «داشته»: the record's verb after «را»
    speaker_window: int                 # sentences after a speaker written as a title to look for the name


def conjugate(stems: Iterable[str], prefixes: Iterable[str] = ("",), bare_present: bool = False) -> frozenset[str]:
    """The folded finite forms of verbs given as «past#present» stems: the
    past forms, and the present ones after «می»/«نمی» (with ``bare_present``
    also without them, as light verbs are written: «منصوب شود»)."""
    moods = ("", "می", "نمی") if bare_present else ("می", "نمی")
    forms: set[str] = set()
    for entry in stems:
        past, _, present = entry.partition("#")
        for pre in prefixes:
            if past:
                forms.update(lookup_key(neg + pre + past + e) for neg in ("", "ن") for e in _PAST_ENDINGS)
            for stem in _present_stems(present):
                forms.update(lookup_key(m + pre + stem + e) for m in moods for e in _PERSON_ENDINGS
                             if m or e != "ی")  # «گیری», «داری», «دهی»: nouns
    forms.discard("")
    return frozenset(forms)


def _present_stems(present: str) -> tuple[str, ...]:
    """A present stem as its endings attach: «نما» → «نمای»; «شو» both ways
    («شود», «گوید»)."""
    if not present:
        return ()
    if present.endswith("ا"):
        return (present + "ی",)
    if present.endswith("و"):
        return (present, present + "ی")
    return (present,)


def _keys(words: Iterable) -> frozenset[str]:
    return frozenset(lookup_key(str(w)) for w in words)


@cached("people.title_words")
def title_words() -> TitleWords:
    data = read_yaml(__package__, "people.yaml")
    light = conjugate(data["light_verb_stems"], bare_present=True)
    copular = conjugate(data["copular_verbs"], bare_present=True)
    verbs = conjugate(hazm_parts().utils.verbs_list(), ("", *data["verb_prefixes"])) - lexicon_words() - _keys(data["not_verbs"])
    predicates = _keys(data["verbal_predicates"]) | _keys(data["speech_verbs"])
    fused = frozenset(p + f for p in predicates for f in light | copular)  # «اظهارداشت» without its space
    return TitleWords(
        verb_forms=verbs | light | copular | _keys(data["verbal_predicates"]) | fused,
        light_verb_forms=light,
        copular_forms=copular,
        copular_predicates=_keys(data["copular_predicates"]) | _keys(data["verbal_predicates"]),
        title_stops=_keys(data["title_stop_words"]),
        number_words=_keys(data["number_words"]),
        in_heads=_keys(data["title_in_heads"]),
        in_words=_keys(data["title_in_words"]),
        in_affairs_heads=_keys(data["title_in_affairs_heads"]),
        adjective_heads=_keys(data["adjective_heads"]),
        relational_heads=_keys(data["relational_heads"]),
        in_institutions=_keys(data["title_in_institutions"]),
        in_not_places=_keys(data["title_in_not_places"]),
        in_word=lookup_key(data["title_in_preposition"]),
        object_marker=lookup_key(data["object_marker"]),
        speech_verbs=_keys(data["speech_verbs"]),
        another_speaker=_keys(data["another_speaker_words"]),
        not_subject_before=_keys(data["not_subject_before"]),
        speaker_pronouns=_keys(data["speaker_pronouns"]),
        object_prepositions=_keys(data["object_prepositions"]),
        office_nouns=_keys(data["office_nouns"]),
        holds_post=phrase_keys(data["holds_post"]),
        holds_post_verbs=_keys(data["holds_post_verbs"]),
        record_nouns=_keys(data["record_nouns"]),
        title_ordinals=_keys(data["title_ordinals"]),
        relative_word=lookup_key(data["relative_word"]),
        plural_heads=_keys(data["plural_title_heads"]),
        one_of=phrase_keys(data["one_of"]),
        demonstratives=_keys(data["demonstratives"]),
        address_honorifics=phrase_keys(data["address_honorifics"]),
        appointed_verbs=_keys(data["appointed_verbs"]),
        address_openers=_keys(data["address_openers"]),
        inner_honorifics=_keys(data["inner_honorifics"]),
        second_person_verbs=_keys(data["second_person_verbs"]),
        title_copulas=_keys(data["title_copulas"]),
        record_offices=_keys(data["office_nouns"]) | _keys(data["record_office_nouns"]),
        record_verbs=_keys(data["record_verbs"]),
        speaker_window=int(data["speaker_window"]),
    )
