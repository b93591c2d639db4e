"""The merge of the NER model's names with the rule names
(``names.with_model_names``), driven by spans and scores written here rather
than by the shipped model, so each check says what the merge does with a
given model output."""
from __future__ import annotations

import pytest

from pipeline.document import Entity
from pipeline.people import names
from pipeline.people.tokens import TokenIndex


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


def test_foreign_words_no_lexicon_knows_need_less_certainty(index_of):
    text = "در این دیدار استفانو دنسویل در دقیقه ۹۰ گل زد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "استفانو دنسویل", 0.65)]) == ["استفانو دنسویل"]
    # words the lexicon knows at the same score: «باران بهاری» is spring rain
    text = "با توجه به بارش باران بهاری جاده بسته شد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "باران بهاری", 0.65)]) == []
    # one foreign word inside a sentence, but not a given name standing alone
    text = "در حالی که اوباما طرح تحریم را متوقف کرد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "اوباما", 0.88)]) == ["اوباما"]
    text = "هاشمی، سیدحسین، مبانی فقهی، قم، ۱۳۸۱."
    ix = index_of(text)
    assert _found(ix, [_per(text, "سیدحسین", 0.88)]) == []


def test_a_family_name_ending_apart_after_given_names_needs_less_certainty(index_of):
    text = "باشگاه برای به خدمت گرفتن کریم انصاری فرد وارد یونان شد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "کریم انصاری فرد", 0.6)]) == ["کریم انصاری فرد"]
    # not after a word that is no given name («تلگرامی»: by Telegram)
    text = "متن پاسخ تلگرامی امیری فر به خبرنگار منتشر شد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "تلگرامی امیری فر", 0.6)]) == []


def test_vowelled_arabic_is_no_name(index_of):
    text = "فَرَوْحٌ وَرَیحَانٌ وَجَنَّتُ نَعِیمٍ"
    ix = index_of(text)
    assert _found(ix, [_per(text, "فَرَوْحٌ وَرَیحَانٌ", 0.99)]) == []


def test_a_model_span_one_ending_longer_extends_a_rule_name_at_any_score(index_of):
    text = "آیت‌الله سیدمحمد خامنه ای در این همایش حضور داشت."
    ix = index_of(text)
    # the rules take «ای» after a family name ending in «ه» themselves now
    assert _found(ix, []) == ["سیدمحمد خامنه ای"]
    assert _found(ix, [_per(text, "سیدمحمد خامنه ای", 0.5)]) == ["سیدمحمد خامنه ای"]
    # a longer span that goes on with another word needs the usual certainty
    text = "آیت‌الله سیدمحمد خامنه در این همایش حضور داشت."
    ix = index_of(text)
    assert _found(ix, [_per(text, "سیدمحمد خامنه در", 0.5)]) == ["سیدمحمد خامنه"]


def test_a_model_span_over_a_family_name_the_rule_stopped_short_of(index_of):
    text = "آیت‌الله محی الدین حائری شیرازی در جمع دانشجویان سخن گفت."
    ix = index_of(text)
    assert _found(ix, []) == ["محی الدین"]
    assert _found(ix, [_per(text, "محی الدین حائری شیرازی", 0.6)]) == ["محی الدین حائری شیرازی"]
    # words that make no family name («در جمع») need the usual certainty
    assert _found(ix, [_per(text, "محی الدین حائری شیرازی در جمع", 0.6)]) == ["محی الدین"]


def test_a_model_span_right_after_a_rule_name_closes_it(index_of):
    text = "یحیی عیدی بیرانوند ضمن تشکر از کارکنان شهرداری گفت که کار ادامه دارد."
    ix = index_of(text)
    assert _found(ix, []) == ["یحیی عیدی"]
    assert _found(ix, [_per(text, "بیرانوند", 0.7)]) == ["یحیی عیدی بیرانوند"]
    # a common word after the name is no family name however sure the model is
    text = "یحیی عیدی امروز در جلسه حاضر شد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "امروز", 0.9)]) == ["یحیی عیدی"]


def test_allah_written_apart_is_part_of_a_given_name(index_of):
    text = "هدایت الله هاشمی نسب در گفت وگو با خبرنگاران از آغاز پروژه خبر داد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "هدایت الله هاشمی نسب", 0.85)]) == ["هدایت الله هاشمی نسب"]
    # «الله» after a word that makes no given name with it
    text = "کتاب الله هاشمی نسب در این مراسم رونمایی شد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "کتاب الله هاشمی نسب", 0.85)]) == []


def test_the_speaker_of_a_sentence_whose_speech_verb_comes_later(index_of):
    text = "علوی در مورد وضعیت جاده های استان توضیح داد و گفت: بیشتر جاده ها آسفالت می شوند."
    ix = index_of(text)
    assert _found(ix, [_per(text, "علوی", 0.74)]) == ["علوی"]
    # no «گفت:» closing the clause: a known word needs the one-word certainty
    text = "علوی در مورد وضعیت جاده های استان توضیح داد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "علوی", 0.74)]) == []
    # inside a sentence: right before the speech verb and its «:»
    text = "در همین حال برنان گفت: مذاکرات ادامه دارد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "برنان", 0.78)]) == ["برنان"]
    text = "در همین حال برنان را دیدیم و گفت: مذاکرات ادامه دارد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "برنان", 0.78)]) == []


def test_words_before_a_quote_s_colon_are_its_speaker(index_of):
    text = "کیمیا کشتی آرا: کارشناس ارشد تاریخ"
    ix = index_of(text)
    assert _found(ix, [_per(text, "کیمیا کشتی آرا", 0.77)]) == ["کیمیا کشتی آرا"]
    text = "بازار کشتی آرا در این هفته شلوغ بود."
    ix = index_of(text)
    assert _found(ix, [_per(text, "بازار کشتی آرا", 0.77)]) == []


def test_the_place_a_byline_reports_from_is_no_person(index_of):
    text = "به گزارش خبرگزاری فارس از هریس، طرح آبرسانی آغاز شد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "هریس", 0.95)]) == []
    # «به نقل از X»: X is the source, may be a person
    text = "به گزارش خبرگزاری فارس از گرشاسبی، طرح آبرسانی آغاز شد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "گرشاسبی", 0.96)]) == []
    text = "به گزارش خبرگزاری فارس به نقل از گرشاسبی، طرح آبرسانی آغاز شد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "گرشاسبی", 0.96)]) == ["گرشاسبی"]


def test_a_sure_model_span_drops_a_doubtful_second_family_word(index_of):
    text = "دونالد ترامپ در مناظره با هیلاری کلینتون دموکرات، از سیاست خارجی گفت."
    ix = index_of(text)
    assert "هیلاری کلینتون دموکرات" in _found(ix, [])
    assert "هیلاری کلینتون" in _found(ix, [_per(text, "هیلاری کلینتون", 0.99)])
    # a place's nisba stays («اکبر هاشمی رفسنجانی»), and an unsure span changes nothing
    text = "در این مراسم اکبر هاشمی رفسنجانی، رئیس مجمع، سخنرانی کرد."
    ix = index_of(text)
    assert _found(ix, [_per(text, "اکبر هاشمی", 0.99)]) == ["اکبر هاشمی رفسنجانی"]
    text = "دونالد ترامپ در مناظره با هیلاری کلینتون دموکرات، از سیاست خارجی گفت."
    ix = index_of(text)
    assert "هیلاری کلینتون دموکرات" in _found(ix, [_per(text, "هیلاری کلینتون", 0.7)])


def test_a_known_word_inside_a_sentence_before_a_speech_verb_is_no_speaker(index_of):
    # after a title head it is the title's place («امام جمعه شفت»), not a name
    text = "در همین حال امام جمعه شفت گفت: پروژه نیازمند اعتبار است."
    ix = index_of(text)
    assert _found(ix, [_per(text, "شفت", 0.8)]) == []
    # a noun and a place's nisba opening the sentence
    text = "محقق ابرکوهی خاطرنشان کرد: در گذشته رسم بر این بوده است."
    ix = index_of(text)
    assert _found(ix, [_per(text, "محقق ابرکوهی", 0.74)]) == []
