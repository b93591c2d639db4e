"""The merge of the NER model's names with the rule names
(``names.with_model_names``), driven by spans and scores written here rather
than by the shipped model, so each check says what the merge does with a
given model output."""
from __future__ import annotations

import pytest

from pipeline.api import build, extract
from pipeline.document import Entity
from pipeline.people import names
from pipeline.people.lexicon import lexicon
from pipeline.people.tokens import TokenIndex


@pytest.fixture(scope="module")
def index_of():
    tokens_and_dates = build(["normalize", "segment", "dates"])

    def make(text: str) -> TokenIndex:
        return TokenIndex.build(extract(text, pipeline=tokens_and_dates), lexicon())
    return make


def _per(text: str, name: str, score: float) -> Entity:
    start = text.index(name)
    return Entity(start, start + len(name), name, kind="PER", score=score)


def _found(index: TokenIndex, entities: list[Entity]) -> list[str]:
    toks = index.tokens
    return [index.text[toks[n.start].start:toks[n.end - 1].end] for n in names.find_names(index, entities)]


def test_a_family_name_ending_written_apart_makes_the_word_before_it_the_name(index_of):
    text = "قرارداد انصاری فرد با باشگاه یونانی تمدید نشد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "انصاری فرد", 0.9)]) == ["انصاری فرد"]
    # the ending alone, or a common word before «فرد» (an individual), is no name
    text = "هر فرد باید کارت خود را همراه داشته باشد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "هر فرد", 0.9)]) == []


def test_a_model_span_takes_in_an_ending_written_right_after_it(index_of):
    text = "محسنی اژه ای افزود که پرونده در دست بررسی است."
    ix = index_of(text)
    assert _found(ix, [_per(text, "محسنی اژه", 0.9)]) == ["محسنی اژه ای"]
    # «ای» after a common word is the indefinite ending: «لحظه ای» is «a moment»
    text = "او لحظه ای درنگ نکرد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "لحظه ای", 0.9)]) == []


def test_one_word_before_a_speech_verb_needs_less_certainty(index_of):
    text = "زرکوبیان افزود: کار ساخت پل تا پایان سال تمام می‌شود."
    ix = index_of(text)
    assert _found(ix, [_per(text, "زرکوبیان", 0.6)]) == ["زرکوبیان"]
    # the same word and score inside a sentence, with no speech verb after it
    text = "پروژه زرکوبیان تا پایان سال تمام می‌شود."
    ix = index_of(text)
    assert _found(ix, [_per(text, "زرکوبیان", 0.6)]) == []


def test_one_word_shaped_like_a_family_name_opening_a_sentence(index_of):
    text = "زرکوبیان در مورد پروژه پل توضیح داد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "زرکوبیان", 0.85)]) == ["زرکوبیان"]
    assert _found(ix, [_per(text, "زرکوبیان", 0.7)]) == []
    # a word hazm's lexicon knows («شامی»: a dinner) is no bare family name
    text = "شامی که در این مراسم داده شد ساده بود."
    ix = index_of(text)
    assert _found(ix, [_per(text, "شامی", 0.85)]) == []
