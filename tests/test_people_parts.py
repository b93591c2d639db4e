"""The parts of the people stage, each alone: a TokenIndex built from a short
text, then one name rule, one title rule or one coreference step called
directly, with what it needs passed in (the names found, the tokens of the
titles already used) instead of coming from an earlier step."""
from __future__ import annotations

import dataclasses

import pytest

from pipeline.document import Entity
from pipeline.people import coreference, names, titles
from pipeline.people.spans import NO_NAMES, NameRule, NameSpan, NameTokens, TitledName, TitleRule, TitleSpan
from pipeline.people.tokens import TokenIndex


def _words(index: TokenIndex, span) -> str:
    return " ".join(t.text for t in index.tokens[span.start:span.end])


VN = "رفیق وو دای تانگ، دبیر کمیته حزبی استان، روز ۱۳ مهر ۱۴۰۲ گفت."


# ------------------------------------------------------------------ the index
def test_index_holds_each_tokens_classes(index_of):
    ix = index_of(VN)
    assert [t.text for t in ix.tokens[:6]] == ["رفیق", "وو", "دای", "تانگ", "،", "دبیر"]
    assert ix.hon_len(0) == 1 and ix.head_len(5) == 1 and ix.head_len(6) == 0
    assert [ix.is_syllable(k) for k in range(5)] == [False, True, True, True, False]
    assert ix.in_date == frozenset({11, 12, 13})          # «۱۳ مهر ۱۴۰۲»
    assert not ix.nameable(12) and ix.nameable(1)         # a date word is never part of a name
    assert ix.head_len(len(ix.tokens)) == 0 and ix.hon_len(-1) == 0   # past either end: nothing


def test_index_never_changes(index_of):
    ix = index_of(VN)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ix.in_date = frozenset()
    assert isinstance(ix.head, tuple) and isinstance(ix.in_phrase, frozenset)


def test_a_phrase_inside_a_title_is_no_stop(index_of):
    inside = index_of("معاون اول ریاست جمهوری گفت.")
    chaired = index_of("به ریاست دکتر رضایی برگزار شد.")
    assert inside.tokens[2].text == chaired.tokens[1].text == "ریاست"
    assert not inside.stop(2) and chaired.stop(1)


def test_given_name_prefix_written_apart_joins_the_given_name(index_of):
    ix = index_of("سید محمد رضایی گفت.")
    assert ix.is_given(0) and ix.is_given(1) and not ix.is_given(2)


# ------------------------------------------------------------------ name rules
def test_honorific_rule(index_of):
    ix = index_of(VN)
    assert names.honorific_name(ix, 0, set()) == NameSpan(1, 4, NameRule.HONORIFIC, "رفیق", 0)
    assert names.honorific_name(ix, 1, set()) is None     # no honorific there


def test_given_name_rule(index_of):
    ix = index_of("آقای محمد رضایی وزیر کشاورزی گفت.")
    name = names.given_name(ix, 1)
    assert name == NameSpan(1, 3, NameRule.GIVEN_NAME) and _words(ix, name) == "محمد رضایی"
    assert names.given_name(ix, 2) is None                # a family name starts none


def test_weak_given_name_needs_a_title_in_apposition(index_of):
    apposed = index_of("معاون وزیر، حسن کریمی، گفت.")
    assert names.weak_given_in_apposition(apposed, 3) == NameSpan(3, 5, NameRule.WEAK_GIVEN_APPOSITION)
    bare = index_of("حسن کریمی گفت.")
    assert names.weak_given_in_apposition(bare, 0) is None
    assert names.given_name(bare, 0) is None              # «حسن» is also a common word


def test_syllables_listed_after_a_place_are_places(index_of):
    ix = index_of("نواحی های هائو، نگیا هونگ و شوان ترونگ")
    place_ends: set[int] = set()
    assert names.syllable_name(ix, 1, place_ends) is None     # right after «نواحی»
    assert names.syllable_name(ix, 4, place_ends) is None     # listed after it
    assert names.syllable_name(ix, 7, place_ends) is None
    assert place_ends == {2, 5, 8}
    # the same run with no place run before it is a name
    assert names.syllable_name(ix, 7, set()) == NameSpan(7, 9, NameRule.NAME_SYLLABLES)


def test_quoted_name_rule(index_of):
    ix = index_of("سفیر «اتو پرز» گفت.")
    assert names.quoted_name(ix, 1) == NameSpan(2, 4, NameRule.QUOTED)
    assert names.quoted_name(ix, 1, taken={2}) is None    # a token another rule took
    # «تیم» is a place word: a title that holds one is an organization's («سرمربی تیم «استقلال»»)
    assert names.quoted_name(index_of("سرمربی تیم «اتو پرز» گفت."), 2) is None


def test_model_span_extends_a_rule_name_when_sure(index_of):
    text = "آقای برناردو سیلوا به تهران رفت."
    ix = index_of(text)
    per = dict(start=text.index("آقای"), end=text.index(" به"), text="", kind="PER")
    assert names.find_names(ix) == [NameSpan(1, 2, NameRule.HONORIFIC, "آقای", 0)]
    assert names.find_names(ix, [Entity(**per, score=0.9)]) == [NameSpan(1, 3, NameRule.HONORIFIC, "آقای", 0)]
    assert names.find_names(ix, [Entity(**per, score=0.5)]) == [NameSpan(1, 2, NameRule.HONORIFIC, "آقای", 0)]


def test_model_span_after_a_place_word_is_no_name(index_of):
    text = "میدان برناردو سیلوا در مادرید است."
    ix = index_of(text)
    span = names.NameSpan(1, 3, NameRule.MODEL)
    assert names.after_place_word(ix, 1)
    assert not names.model_name_ok(ix, span, 0.99, taken=set())
    assert names.find_names(ix, [Entity(text.index("برن"), text.index(" در"), "", kind="PER", score=0.99)]) == []


# ----------------------------------------------------------------- title rules
def test_chain_after_a_name(index_of):
    ix = index_of(VN)
    name = NameSpan(1, 4, NameRule.HONORIFIC, "رفیق", 0)
    spans = titles.titles_after(ix, NameTokens.of([name]), name)
    assert spans == [TitleSpan(5, 9, TitleRule.CHAIN_AFTER)]
    mention = titles.title_mention(ix, spans[0])
    assert mention.text == "دبیر کمیته حزبی استان" and mention.rule == "chain_after"
    assert VN[mention.start:mention.end] == mention.text


def test_a_title_stops_at_a_name_it_is_given(index_of):
    ix = index_of("وزیر کشاورزی محمد رضایی گفت")
    assert titles.title_phrase(ix, NO_NAMES, 0) == 4      # no names known: runs over it
    held = NameTokens.of([NameSpan(2, 4, NameRule.GIVEN_NAME)])
    assert titles.title_phrase(ix, held, 0) == 2          # «وزیر کشاورزی» and no further


def test_title_before_a_name_skips_used_tokens(index_of):
    ix = index_of("دبیر کمیته حزبی استان رفیق وو دای تانگ گفت.")
    name = NameSpan(5, 8, NameRule.HONORIFIC, "رفیق", 4)
    held = NameTokens.of([name])
    assert titles.titles_before(ix, held, frozenset(), name, has_titles_after=False) == \
        [TitleSpan(0, 4, TitleRule.TITLE_BEFORE)]
    assert titles.titles_before(ix, held, frozenset({2}), name, has_titles_after=False) == []


def test_two_titles_joined_by_and_are_split(index_of):
    ix = index_of("عضو دفتر سیاسی و دبیر کمیته حزبی استان")
    assert titles.split_and(ix, 0, len(ix.tokens), TitleRule.CHAIN_AFTER) == [
        TitleSpan(0, 3, TitleRule.CHAIN_AFTER), TitleSpan(4, 8, TitleRule.CHAIN_AFTER)]


def test_signature_block_title_line_below_the_name(index_of):
    ix = index_of("سید محمد رضایی\nوزیر کشاورزی")
    name = NameSpan(0, 3, NameRule.GIVEN_NAME)
    assert titles.titles_after(ix, NameTokens.of([name]), name) == [TitleSpan(3, 5, TitleRule.SIGNATURE_BLOCK)]


# ----------------------------------------------------------------- coreference
def test_merge_a_shorter_form_into_the_full_name(index_of):
    ix = index_of("آقای محمد رضایی وزیر کشاورزی گفت. رضایی افزود.")
    full = TitledName(NameSpan(1, 3, NameRule.HONORIFIC, "آقای", 0), (TitleSpan(3, 5, TitleRule.TITLE_AFTER),))
    short = TitledName(NameSpan(7, 8, NameRule.MODEL), ())
    [person] = coreference.merge_mentions(ix, [short, full])
    assert person.name == "محمد رضایی" and person.aliases == ["رضایی"]
    assert [m.text for m in person.mentions] == ["رضایی", "محمد رضایی"]
    assert person.honorifics == ["آقای"] and person.title_texts() == ["وزیر کشاورزی"]


def test_link_a_later_bare_surname(index_of):
    text = "آقای محمد رضایی وزیر کشاورزی گفت. رضایی افزود."
    ix = index_of(text)
    name = NameSpan(1, 3, NameRule.HONORIFIC, "آقای", 0)

    def linked(held, used):
        people = coreference.merge_mentions(ix, [TitledName(name, ())])
        coreference.link_surnames(ix, people, held, used)
        return [(m.start, m.text) for m in people[0].mentions[1:]]
    assert linked(NameTokens.of([name]), frozenset()) == [(text.rindex("رضایی"), "رضایی")]
    assert linked(NameTokens.of([name]), frozenset({7})) == []                      # a title's token
    assert linked(NameTokens.of([name, NameSpan(7, 8, NameRule.MODEL)]), frozenset()) == []  # a name's token


def test_link_a_later_title_written_alone(index_of):
    text = "رفیق وو دای تانگ، دبیر کمیته حزبی استان، گفت. دبیر کمیته حزبی استان افزود."
    ix = index_of(text)
    name = NameSpan(1, 4, NameRule.HONORIFIC, "رفیق", 0)
    held = NameTokens.of([name])
    people = coreference.resolve(ix, [TitledName(name, (TitleSpan(5, 9, TitleRule.CHAIN_AFTER),))],
                                 held, frozenset(range(5, 9)))
    assert [(c.start, c.text) for c in people[0].coreferent_titles] == \
        [(text.rindex("دبیر کمیته"), "دبیر کمیته حزبی استان")]
    # the same words inside a name are no mention of the title
    inside = NameTokens.of([name, NameSpan(12, 16, NameRule.MODEL)])
    people = coreference.resolve(ix, [TitledName(name, (TitleSpan(5, 9, TitleRule.CHAIN_AFTER),))],
                                 inside, frozenset(range(5, 9)))
    assert people[0].coreferent_titles == []


def test_a_later_tag_on_a_bare_surname_gives_a_second_post(index_of):
    text = ("هادی ابراهیمی‌نسب، معاون سیاسی استاندار، گفت. ابراهیمی‌نسب، دبیر ستاد سفر، افزود. "
            "ابراهیمی‌نسب، معاون استاندار، افزود.")
    ix = index_of(text)
    name = NameSpan(0, 2, NameRule.GIVEN_NAME)
    titled = TitledName(name, (TitleSpan(3, 6, TitleRule.CHAIN_AFTER),))
    people = coreference.resolve(ix, [titled], NameTokens.of([name]), frozenset(range(3, 6)))
    # the second tag gives a second post; the third is a shorter form of the first
    assert people[0].title_texts() == ["معاون سیاسی استاندار", "دبیر ستاد سفر"]
    assert [t.rule for t in people[0].titles] == ["chain_after", "chain_after"]


def test_a_shorter_form_of_a_title_is_a_coreferent_mention():
    from pipeline.document import Person, TitleMention
    p = Person(name="x", titles=[TitleMention(0, 14, "فرماندار راور", rule="title_after"),
                                 TitleMention(30, 52, "فرماندار شهرستان راور", rule="lead_speaker")])
    coreference.drop_shorter_forms(p)
    assert p.title_texts() == ["فرماندار شهرستان راور"]
    assert [(c.start, c.text) for c in p.coreferent_titles] == [(0, "فرماندار راور")]
    # a title punctuation closes stays when the longer one runs on without punctuation
    q = Person(name="y", titles=[TitleMention(0, 20, "رئیس جمهور آمریکا", rule="chain_after"),
                                 TitleMention(40, 70, "رئیس جمهور آمریکا مشورت بدی", rule="title_after")])
    coreference.drop_shorter_forms(q)
    assert q.title_texts() == ["رئیس جمهور آمریکا"]
