"""Names, found from cues: an honorific (رفیق، آقای، دکتر ...), a known given
name followed by a family name, a run of East-Asian name syllables, a given
name that is also a common word or words no lexicon knows in an apposition
with a title («یلنا سرگیوونا ماکارووا، رئیس …»), a quoted name next to a title,
and the NER model's names (with the ner stage).

Each rule is a function of the token index and a token position that
returns a :class:`NameSpan` or ``None``; :func:`find_names` runs them in order,
and a token one rule took is not offered to the next.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import AbstractSet, Callable, Iterable, Sequence

import regex

from ..document import Entity
from .cued import latin_capitals, latin_name, short_syllable_name, slavic_suffixed_name
from .figures import SON_OF_CUE, holy_figure_names, place_named_figure, son_of_end, son_of_name
from .lexicon import lexicon_words
from .lists import plural_honorific_names
from .spans import NO_NAMES, NameRule, NameSpan, NameTokens
from .titles import title_before
from .tokens import COMMAS, TokenIndex, match_seq


_SENTENCE_ENDS = (".", "!", "?", "؟")
# short vowels and tanwin written out: a word of vowelled Arabic (a verse, a prayer)
_VOWELLED = regex.compile(r"[\u064b-\u0650\u0652]")


def find_names(index: TokenIndex, entities: Sequence[Entity] = ()) -> list[NameSpan]:
    """Every name of the document, in text order. ``entities``: the ner
    stage's spans, if it ran."""
    # last tokens of runs of name syllables that are place names: a run
    # listed after one is a place too («نواحی های هائو، نگیا هونگ و ...»)
    place_ends: set[int] = set()
    found = holy_figure_names(index, frozenset())
    taken = {k for n in found for k in range(n.first, n.end)}
    for h in index.positions(index.lex.plural_honorifics.keys()):
        if h not in taken:
            listed = plural_honorific_names(index, h)
            found.extend(listed)
            taken.update(k for n in listed for k in range(n.first, n.end))
    found.extend(honorific_names(index, place_ends, taken))
    taken.update(k for n in found for k in range(n.first, n.end))
    # the rules below fire only at a token of their cue (an ending, a listed
    # name, a Latin capital, «ابن»): each runs at those tokens alone
    _collect(found, taken, index.positions(index.lex.slavic_suffixes_apart), lambda k: slavic_suffixed_name(index, k))
    _collect(found, taken, index.positions(index.lex.place_named_figures.keys()), lambda k: place_named_figure(index, k))
    # only a given name or a name syllable starts a name without an honorific
    starts = [i for i, (g, s) in enumerate(zip(index.given_weak, index.syllable)) if g or s]
    _collect(found, taken, starts, lambda i: _name_at(index, i, taken, place_ends), overlap_ok=True)
    _collect(found, taken, [i for i in starts if index.syllable[i]], lambda i: short_syllable_name(index, i))
    sentence_starts = {i + 1 for i, t in enumerate(index.tokens) if t.text in _SENTENCE_ENDS}
    _collect(found, taken, sorted(index.item_starts | sentence_starts), lambda i: unknown_words_in_apposition(index, i))
    _collect(found, taken, latin_capitals(index), lambda i: latin_name(index, i))
    _collect(found, taken, index.positions(SON_OF_CUE), lambda i: son_of_name(index, i))
    found.extend(quoted_names(index, taken))
    found = with_model_names(index, entities, found, taken | NameTokens.of(found).tokens)
    found.sort(key=lambda n: n.start)
    return found


def _collect(found: list[NameSpan], taken: set[int], positions: Iterable[int],
             rule: Callable[[int], NameSpan | None], overlap_ok: bool = False) -> None:
    """Run one rule at each free position, in order; a name it finds takes
    its tokens (none of which may be taken already, unless ``overlap_ok``:
    the rule itself looked at ``taken``)."""
    for i in positions:
        name = None if i in taken else rule(i)
        if name is not None and (overlap_ok or not taken.intersection(range(name.start, name.end))):
            found.append(name)
            taken.update(range(name.start, name.end))


def _name_at(index: TokenIndex, i: int, taken: AbstractSet[int], place_ends: set[int]) -> NameSpan | None:
    """A name without an honorific that starts at token i."""
    toks = index.tokens
    if index.given_weak[i] and not index.given_strict[i]:
        return weak_given_in_apposition(index, i)
    if not (index.given_strict[i] or index.syllable[i]):
        return None
    if i > 0 and toks[i - 1].norm in index.lex.places:
        return None
    if i > 0 and i - 1 not in taken and index.is_given(i - 1) and not toks[i].newline_before:
        return None  # inside a run that started earlier
    if i in index.in_date:
        return None
    if index.is_given(i):
        return given_name(index, i)
    return syllable_name(index, i, place_ends)


# -------------------------------------------------------------------- rules
def honorific_names(index: TokenIndex, place_ends: set[int], taken: AbstractSet[int] = frozenset()) -> list[NameSpan]:
    """The names after honorifics, left to right (an honorific inside a name
    already taken, or inside a place name, starts none)."""
    found: list[NameSpan] = []
    free = 0  # tokens before this one already belong to a name
    for i in index.honorific_starts():
        if i < free or i in taken or in_place_name(index, i):
            continue
        name = honorific_name(index, i, place_ends)
        if name is not None:
            found.append(name)
            free = name.end
    return found


def honorific_name(index: TokenIndex, h: int, place_ends: set[int]) -> NameSpan | None:
    """«رفیق X», «آقای دکتر X»: the name after the honorific at token h."""
    length = index.hon_len(h)
    if not length:
        return None
    i = h + length
    toks = index.tokens
    if toks[h].norm in index.lex.military_ranks:
        while i < len(toks) and toks[i].norm in index.lex.rank_continuations and not toks[i].newline_before:
            i += 1  # «سرتیپ دوم پاسدار X», «سرهنگ خلبان X»: still the rank
    j = take_after_honorific(index, i, place_ends)
    if j <= i:
        return None
    return NameSpan(i, j, NameRule.HONORIFIC, index.text[toks[h].start:toks[i - 1].end], h)


def given_name(index: TokenIndex, i: int) -> NameSpan | None:
    """One to three given names that are no common words, then a family name."""
    if not index.is_given(i):
        return None
    j = take_from_given(index, i)
    return NameSpan(i, j, NameRule.GIVEN_NAME) if j > i else None


def syllable_name(index: TokenIndex, i: int, place_ends: set[int]) -> NameSpan | None:
    """A run of East-Asian name syllables («هوانگ کوک وین»)."""
    if not index.is_syllable(i) or index.tokens[i].norm in index.lex.not_first_syllable:
        return None
    j = take_syllables(index, i, place_ends)
    return NameSpan(i, j, NameRule.NAME_SYLLABLES) if j > i else None


def weak_given_in_apposition(index: TokenIndex, i: int) -> NameSpan | None:
    """A given name that is also a common word («حسن») starts a name in an
    apposition only: after a comma or a list's start, with a family name
    closed by a comma, and a title right after that comma («، حسن
    جعفرزاده، مدیرکل …») or a title segment right before the name
    («معاون وزیر، حسن کریمی،»); or with a title right after the family
    name («، امید قیامی مدیرکل …», «، حسن حقیقیان را به عنوان مدیرکل»)."""
    toks = index.tokens
    if not index.is_given(i, weak_ok=True) or not index.opens_item(i) or match_seq(toks, i, index.lex.weak_given_idioms):
        return None
    j = take_from_given(index, i, need_surname=True, weak_ok=True)
    if j - i < 2 or j >= len(toks):
        return None
    if toks[j].text not in COMMAS:
        return NameSpan(i, j, NameRule.WEAK_GIVEN_APPOSITION) if _title_follows(index, j) else None
    title_after = j + 1 < len(toks) and bool(index.head_len(j + 1))
    s = index.segment_start(i - 1) if i > 1 else i
    title_before_it = i > 1 and toks[i - 1].text in COMMAS and s < i - 1 and bool(index.head_len(s))
    return NameSpan(i, j, NameRule.WEAK_GIVEN_APPOSITION) if title_after or title_before_it else None


def _title_follows(index: TokenIndex, j: int) -> bool:
    """A title right after a name that ends before token j: its head at once
    («، امید قیامی مدیرکل نوسازی مدارس»), or after «(را) به عنوان»
    («حسن حقیقیان را به عنوان مدیرکل ... معرفی کرد»)."""
    toks = index.tokens
    if toks[j].newline_before:
        return False
    if index.head_len(j) and not index.hon_len(j):
        return True
    k = j + 1 if toks[j].norm == "را" else j
    n = index.phrase_at(k, index.lex.appointed_as, len(toks))
    return bool(n) and bool(index.head_len(k + n))


def unknown_words_in_apposition(index: TokenIndex, i: int) -> NameSpan | None:
    """Two or three words hazm's lexicon has never seen (or name
    syllables) that open a list item and are closed by a comma with a
    title right after it: a foreign name no list knows («یلنا سرگیوونا
    ماکارووا، رئیس کمیته …», «، و چن لی‌مین، رئیس اتاق …», «رفقا: نگوین
    ون نن، عضو …»); one such word when it opens a sentence."""
    toks = index.tokens
    if i >= len(toks) or not (index.opens_item(i) or _opens_sentence(index, i)):
        return None
    if not index.nameable(i):
        return None  # no word of a name opens it (asked before the lexicon, which most item starts need not fetch)
    seen = lexicon_words()
    j = i
    while (j < len(toks) and j - i < 3 and index.nameable(j)
           and (toks[j].norm not in seen or index.is_syllable(j))
           and toks[j].norm not in index.lex.places and (j == i or not toks[j].newline_before)):
        j += 1
    # one such word with a family name's ending opens a sentence: a bare
    # family name («صالحی، مدیرکل حراست ... گفت»; not «کرونا، معاون وزیر ...»)
    enough = j - i >= 2 or (j - i == 1 and _opens_sentence(index, i) and _bare_surname(index, i))
    if enough and j + 1 < len(toks) and toks[j].text in COMMAS and index.head_len(j + 1):
        return NameSpan(i, j, NameRule.UNKNOWN_WORDS_APPOSITION)
    # the speaker of a sentence it opens: «مهنوش معتمدی آذری، با اشاره به ... گفت»
    if enough and j - i >= 2 and _opens_sentence(index, i) and _speech_follows(index, j) and _family_shaped(index, i, j):
        return NameSpan(i, j, NameRule.UNKNOWN_WORDS_APPOSITION)
    return None


def _family_shaped(index: TokenIndex, i: int, j: int) -> bool:
    """Tokens i..j-1 end like a family name («... آذری», «... حسن‌نیا»; not
    «لوفت هانزا») and start with no plural noun or noun with its ezafe
    («شاهدان عینی», «دادسرای مارسی»)."""
    toks, lex = index.tokens, index.lex
    first = toks[i].norm
    # a plural, or a known word with the ezafe «ی» after a vowel: a noun phrase
    if lex.plural_noun(first) or (first.endswith("ای") and first[:-1] in lexicon_words()):
        return False
    return _bare_surname(index, j - 1)


def _speech_follows(index: TokenIndex, j: int) -> bool:
    """A speech verb at token j, after a comma or «با» («، با اشاره به»,
    «گفت», «اظهار کرد»)."""
    toks = index.tokens
    if j < len(toks) and toks[j].text in COMMAS:
        j += 1
    if j < len(toks) and toks[j].norm in index.lex.speech_openers:
        j += 1
    return j < len(toks) and not toks[j].newline_before and toks[j].norm in index.words.speech_verbs


def _bare_surname(index: TokenIndex, i: int) -> bool:
    """A word that may be a family name standing alone: no common word or
    place, with a family name's ending («ی», «یان», «پور» ...)."""
    key, lex = index.tokens[i].norm, index.lex
    return key not in lex.common and key not in lex.not_surname and not lex.place_like(key) \
        and not index.place_at(i, i + 1) and key.endswith(lex.surname_endings)


def _opens_sentence(index: TokenIndex, i: int) -> bool:
    toks = index.tokens
    return i == 0 or toks[i].newline_before or toks[i - 1].text in _SENTENCE_ENDS


def quoted_names(index: TokenIndex, taken: AbstractSet[int]) -> list[NameSpan]:
    out: list[NameSpan] = []
    if "«" not in index.text:
        return out  # a token's text is a part of the document's: no token is «
    for i, t in enumerate(index.tokens):
        name = quoted_name(index, i, taken) if t.text == "«" else None
        if name is not None:
            out.append(name)
    return out


def quoted_name(index: TokenIndex, i: int, taken: AbstractSet[int] = frozenset()) -> NameSpan | None:
    """«اتو پرز مولینا» next to a title: a quoted name of one to four words
    after the « at token i, none of them taken."""
    toks = index.tokens
    if toks[i].text != "«":
        return None
    j = i + 1
    while j < len(toks) and j - i <= 5 and index.nameable(j):
        j += 1
    if j == i + 1 or j >= len(toks) or toks[j].text != "»" or any(k in taken for k in range(i + 1, j)):
        return None
    # «خبرنگار ... باشگاه خبری فارس «توانا»»: a quoted name of an organization;
    # names are still being found, so no name stops the title before it
    before = [t for t in title_before(index, NO_NAMES, i)
              if not any(toks[k].norm in index.lex.places for k in range(t.start, t.end))]
    after = index.head_len(j + 1) and toks[j + 1].norm not in index.lex.not_before_name
    return NameSpan(i + 1, j, NameRule.QUOTED) if before or after else None


# ------------------------------------------------------- how far a name runs
def take_after_honorific(index: TokenIndex, i: int, place_ends: set[int]) -> int:
    """End of the name that starts at token i after an honorific, or i."""
    toks, lex = index.tokens, index.lex
    if not index.nameable(i) or toks[i].newline_before:
        return i
    if index.is_syllable(i):
        j = take_syllables(index, i, place_ends, minimum=1)
        if j > i:
            return j
    if index.is_given(i, weak_ok=True):
        return take_from_given(index, i, need_surname=False, weak_ok=True)
    if n := arabic_compound(index, i):
        return i + n  # «آیت‌الله علم الهدی»
    # an unknown first word after an honorific is a bare family name
    if not index.surname_ok(i):
        return i
    j = i + 1
    # foreign full names: two unknown words, then a clear boundary; and a
    # family name's second word that names a place («آیت‌الله مکارم شیرازی»)
    if index.nameable(j) and not toks[j].newline_before and toks[j].norm not in lex.given \
            and not index.is_syllable(j) and (index.boundary(j + 1) or lex.nisba(toks[j].norm)):
        j += 1
    return with_suffix_apart(index, j, after_he=True)


def take_from_given(index: TokenIndex, i: int, need_surname: bool = True, weak_ok: bool = False) -> int:
    """End of a name of given names from token i and one family name (two
    when the second closes an apposition or follows a patronymic, and an
    ending written apart: «مجید رفیع زاده», «رستم امین اف»), or i."""
    j = _given_then_surname(index, i, need_surname, weak_ok)
    return with_suffix_apart(index, j) if j > i else i


def with_suffix_apart(index: TokenIndex, j: int, after_he: bool = False) -> int:
    """End of a name that ends before token j, with a family-name ending
    written apart at token j («زاده», «پور», «اف»; with ``after_he`` «ای»:
    «آیت‌الله خامنه ای») taken in."""
    return j + 1 if index.suffix_apart(j, after_he) else j


def _given_then_surname(index: TokenIndex, i: int, need_surname: bool, weak_ok: bool) -> int:
    toks = index.tokens
    j = i
    while (j < len(toks) and j - i < 3 and (j == i or not toks[j].newline_before)
           and index.is_given(j, weak_ok)
           and (j == i or index.nameable(j + 1))):  # keep one word for the family name
        j += 1
    if j > i and son_of_end(index, j) > j:
        return _after_son_of(index, son_of_end(index, j))  # «علی ابن ابیطالب», «جابر بن حیان»
    # «ماریا فرناندا گوتیرز،», «یلنا سرگیوونا ماکارووا», «علی الهیار ترکمن معاون ...»
    if family_name_ok(index, j):
        j += 1
        if family_name_ok(index, j) and (
            toks[j - 1].norm.endswith(index.lex.patronymic_suffixes) or index.suffix_apart(j + 1)
            or index.lex.nisba(toks[j].norm)  # «اکبر هاشمی رفسنجانی», «محی‌الدین حائری شیرازی»
            or (j + 1 < len(toks) and (toks[j + 1].text in ("،", ",", "؛")
                                       or (index.head_len(j + 1) and not index.hon_len(j + 1))))
        ):
            j += 1
        return j
    # «سید احمد علم الهدی» (not «علی طول اللدم», Arabic text after «على»)
    if (j - i >= 2 or not need_surname) and (n := arabic_compound(index, j)):
        return j + n
    if need_surname:
        return i if j - i < 2 else j
    return j


def _after_son_of(index: TokenIndex, j: int) -> int:
    """End of a «... بن X» name that ends before token j, with a last family
    name taken in: a word with the Arabic article («علی بن موسی الرضا»), a
    place's nisba («علی بن ابراهیم قمی»), or a family name that closes the
    name («جابر بن عبدالله انصاری،»)."""
    toks = index.tokens
    if j >= len(toks) or toks[j].newline_before:
        return j
    if _with_article(index, j) or (index.nameable(j) and index.lex.nisba(toks[j].norm)):
        return j + 1
    closes = j + 1 >= len(toks) or toks[j + 1].is_punct or index.stop(j + 1) or bool(index.head_len(j + 1))
    return j + 1 if family_name_ok(index, j) and closes else j


def family_name_ok(index: TokenIndex, j: int) -> bool:
    """Token j could be a family name after a given name: not a common word
    or a plural noun («شکریه اصناف را»), and not the part of a compound verb
    that follows it («جرمی مرتکب شده»)."""
    toks = index.tokens
    if not index.surname_ok(j) or toks[j].norm in index.lex.broken_plurals:
        return False
    return not (j + 1 < len(toks) and toks[j + 1].norm in index.lex.light_verbs and toks[j].norm in lexicon_words())


def arabic_compound(index: TokenIndex, j: int) -> int:
    """Length of the family name with the Arabic article that starts at
    token j («علم الهدی», «عبد المهدی الکربلایی»), or 0: a word, then words
    that start with the article and that hazm's lexicon seldom counts."""
    if not index.nameable(j) or index.tokens[j].newline_before:
        return 0
    k = j + 1
    while k - j < 3 and _with_article(index, k):
        k += 1
    return k - j if k > j + 1 else 0


def _with_article(index: TokenIndex, k: int) -> bool:
    toks, lex = index.tokens, index.lex
    if not index.nameable(k) or toks[k].newline_before:
        return False
    key = toks[k].norm
    return key.startswith(lex.arabic_article) and len(key) > len(lex.arabic_article) + 1 \
        and key not in lex.frequent and not lex.place_like(key)


def take_syllables(index: TokenIndex, i: int, place_ends: set[int], minimum: int = 2) -> int:
    """End of a run of name syllables from token i, or i when the run is too
    weak to be a name or is a place name (then recorded in ``place_ends``)."""
    toks, lex = index.tokens, index.lex
    j = i
    while j < len(toks) and index.is_syllable(j) and j - i < 5 and (j == i or not toks[j].newline_before):
        j += 1
    while j - 1 > i and toks[j - 1].norm in lex.stops:
        j -= 1  # «فان دین ترا با هیئت ...»: a run does not end in «با» (with), «تا» (until)
    if _place_run(index, i, place_ends) or index.place_at(i, j):
        place_ends.add(j - 1)
        return i
    n = j - i
    strong = sum(toks[k].norm in lex.strong_syllables for k in range(i, j))
    if n >= minimum and (minimum == 1 or (n >= 3 and strong >= 1) or (n >= 2 and strong >= 2)):
        return j
    # three weak syllables with a title in apposition («تا وان سون، عضو کمیته ...»)
    if n >= 3 and j + 1 < len(toks) and toks[j].text in COMMAS and index.head_len(j + 1):
        return j
    return i


def _place_run(index: TokenIndex, i: int, place_ends: AbstractSet[int]) -> bool:
    """Syllables from token i name a place: right after a place word (or one
    word after it), or listed after a place run («نواحی های هائو، نگیا هونگ و
    شوان ترونگ»)."""
    toks, places = index.tokens, index.lex.places
    after_place = (i > 0 and toks[i - 1].norm in places) or (
        i > 1 and toks[i - 1].is_word and toks[i - 2].norm in places)
    listed = i > 1 and (toks[i - 1].norm in COMMAS or index.is_and(i - 1)) and (i - 2) in place_ends
    return after_place or listed


def in_place_name(index: TokenIndex, h: int) -> bool:
    """«خیابان شهید آیت‌الله دکتر مفتح»: honorifics inside a place name."""
    k = index.before_honorifics(h)
    return k >= 0 and index.tokens[k].norm in index.lex.places


# -------------------------------------------------------------- model names
def with_model_names(index: TokenIndex, entities: Sequence[Entity], found: Sequence[NameSpan],
                     taken: AbstractSet[int]) -> list[NameSpan]:
    """``found`` with the PER spans of the NER model that no rule found: a
    leading honorific is split off as in the rules. A span that starts where
    a rule name starts and runs further extends it («آقای برناردو» +
    «سیلوا»); any other span that touches a rule name, a date or a title head
    is left to the rules."""
    names = list(found)
    if not entities:
        return names
    by_start = {n.start: k for k, n in enumerate(names)}
    taken = set(taken)
    for e in entities:
        if e.kind != "PER":
            continue
        span = _model_span(index, e)
        k = by_start.get(span.start)
        # a longer model span extends a rule name when sure, or by a family-name
        # ending written apart alone («سیدمحمد خامنه» + «ای»)
        ending = span.end == names[k].end + 1 and index.suffix_apart(names[k].end, after_he=True) if k is not None else False
        if k is not None and span.end > names[k].end and (e.score >= index.lex.model_scores.span or ending):
            more = range(names[k].end, span.end)
            if _extends(index, span, more, taken):
                taken.update(more)
                names[k] = replace(names[k], end=span.end)
            continue
        if model_name_ok(index, span, e.score, taken):
            names.append(span)
            taken.update(range(span.first, span.end))
    return names


def _model_span(index: TokenIndex, e: Entity) -> NameSpan:
    """The entity's tokens, its leading honorific or holy epithet split off
    («حضرت موسی» → «موسی») and a family-name ending written apart right
    after it taken in."""
    i, j = bisect_left(index.starts, e.start), bisect_left(index.starts, e.end)
    toks = index.tokens
    if i < j:
        j = with_suffix_apart(index, j, after_he=True)  # «محسنی اژه» + «ای»
    n = (index.hon_len(i) or match_seq(toks, i, index.lex.holy_epithets)) if i < j else 0
    if not n or i + n >= j:
        return NameSpan(i, j, NameRule.MODEL)
    h, i = i, i + n
    return NameSpan(i, j, NameRule.MODEL, index.text[toks[h].start:toks[i - 1].end], h)


def _extends(index: TokenIndex, span: NameSpan, more: range, taken: AbstractSet[int]) -> bool:
    toks = index.tokens
    return all(k not in taken and index.nameable(k) and not toks[k].newline_before for k in more) \
        and could_be_name(index, span.start, span.end)


def model_name_ok(index: TokenIndex, span: NameSpan, score: float, taken: AbstractSet[int]) -> bool:
    """A model span is a name: no token taken, in a date or a title head;
    words only, no stop word nor holy epithet; it passes the word-list
    checks; it is not inside a place name or a holy figure's; and the model
    is sure enough."""
    toks, lex = index.tokens, index.lex
    i, j = span.start, span.end
    if i >= j or any(k in taken or k in index.in_date or index.head_len(k) for k in range(span.first, j)):
        return False
    if not all(toks[k].is_word and toks[k].norm not in lex.stops and not _VOWELLED.search(toks[k].text)
               for k in range(i, j)):
        return False  # «فَرَوْحٌ وَرَیحَان»: vowelled Arabic is a verse, not a name
    # «امام راحل», «پیامبر اکرم», «حضرت باب‌الحوائج», «حضرت صدیقه طاهره»: epithets, no names
    after_epithet = span.honorific_start >= 0 and toks[span.honorific_start].norm in lex.holy_epithets
    if any(toks[k].norm in lex.holy_epithets or (toks[k].norm in lex.holy_not_names
                                                   and (after_epithet or not index.is_given(k, True)))
           for k in range(i, j)):
        return False
    if not could_be_name(index, i, j) or after_place_word(index, span.first) or blessed(index, j):
        return False
    return score >= model_min_score(index, span)


def model_min_score(index: TokenIndex, span: NameSpan) -> float:
    """How sure the model must be of a span (people.yaml, model_min_scores):
    less where the words or their place say «a name»: a family name with
    its ending written apart, foreign words no lexicon knows, one word that
    opens a sentence before a speech verb or with a family name's ending."""
    if span.end - span.start > 1:
        return _words_min_score(index, span.start, span.end)
    return _word_min_score(index, span)


def _words_min_score(index: TokenIndex, i: int, j: int) -> float:
    scores, toks = index.lex.model_scores, index.tokens
    if index.suffix_apart(j - 1) and all(index.is_given(k, weak_ok=True) for k in range(i, j - 2)):
        return scores.name_ending
    unknown = [_foreign(toks[k].norm) for k in range(i, j)]
    if any(unknown) and all(u or index.is_given(k, weak_ok=True) for k, u in zip(range(i, j), unknown)):
        return scores.foreign_words
    return scores.span


def _word_min_score(index: TokenIndex, span: NameSpan) -> float:
    scores, toks, i, j = index.lex.model_scores, index.tokens, span.start, span.end
    if span.honorific_start < 0 and (_opens_sentence(index, i) or index.opens_item(i)):
        if j < len(toks) and not toks[j].newline_before and (toks[j].text == ":" or toks[j].norm in index.words.speech_verbs):
            return scores.speaker
        if _bare_surname(index, i) and toks[i].norm not in lexicon_words():
            return scores.bare_surname
    # a given name alone is no foreign name («سیدحسین» of «هاشمی، سیدحسین،»)
    return scores.foreign_word if _foreign(toks[i].norm) and not index.is_given(i, weak_ok=True) else scores.one_word


def _foreign(key: str) -> bool:
    """A word hazm's lexicon does not know, nor its stem before «ی» («دنیرو»,
    «اوباما»; not «نوروزی», «بهاری»)."""
    words = lexicon_words()
    return key not in words and not (key.endswith("ی") and key[:-1] in words)


def could_be_name(index: TokenIndex, i: int, j: int) -> bool:
    """The word-list checks a rule name passes, asked of a model span: the
    span is no gazetteer place («کوالالامپور»), the last word could be a
    family name (not a common word, a place, or a word with a place suffix),
    an earlier word that is a common word or a plural noun must be a listed
    given name (not «معترضان ...»)."""
    toks, lex = index.tokens, index.lex
    if j - i >= 2 and index.suffix_apart(j - 1, after_he=True):
        # «عرب زاده», «انصاری فرد»: the ending makes the word before it a family name
        return index.surname_ok(j - 2) and _earlier_words_ok(index, i, j - 2)
    last = toks[j - 1].norm
    if last in lex.not_surname or last in lex.common or lex.place_like(last) or last in lex.broken_plurals \
            or last.endswith(lex.not_surname_endings) or index.place_at(j - 1, j) or index.place_at(i, j):
        return False
    return _earlier_words_ok(index, i, j - 1)


def _earlier_words_ok(index: TokenIndex, i: int, j: int) -> bool:
    """Tokens i to j-1, the words before a family name: a common word or a
    plural noun among them must be a listed given name."""
    toks, lex = index.tokens, index.lex
    return all((toks[k].norm not in lex.common and not lex.plural_noun(toks[k].norm)) or index.is_given(k, weak_ok=True)
               for k in range(i, j))


def after_place_word(index: TokenIndex, i: int) -> bool:
    """A model span inside a place name: a place word right before it, or
    one word before, across honorifics, «شهید», brackets and ellipses
    («مسجد جامع ابوذر»، «خیابان شهید آیت‌الله سعیدی»، «میدان جهاد (فاطمی)»)."""
    toks, lex = index.tokens, index.lex
    k, words = i - 1, 0
    while k >= 0 and words < 2 and not toks[k + 1].newline_before:
        t = toks[k]
        if t.text in ("(", "«", "...", "…") or index.hon_len(k) or t.norm in lex.place_name_fillers:
            k -= 1
            continue
        if not t.is_word:
            return False
        if t.norm in lex.places:
            return True
        words += 1
        k -= 1
    return False


def blessed(index: TokenIndex, j: int) -> bool:
    """A blessing in brackets right after a name ending before token j: «(ع)»."""
    toks = index.tokens
    return j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" \
        and toks[j + 1].norm in index.lex.holy_blessings
