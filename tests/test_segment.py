"""Tokens found with offsets are hazm's own tokens.

The segmenter does not call hazm's WordTokenizer: it finds the same tokens
with one pattern, offsets included (``segment._word_pattern``). These tests
compare the two on random lines built from the characters that matter (each
of hazm's split characters, spaces, other whitespace, letters of three
scripts, digits of three kinds) and on a few hand-written lines.
"""
from __future__ import annotations

import os
import random

import pytest

from pipeline.document import Document
from pipeline.hazm_parts import parts as hazm_parts
from pipeline.segment import _HAZM_SPLITS, _hazm_patterns, _line_sentences, segment

ALPHABET = list("؟!?.:،؛»])}\"«[({/\\" "0123456789۱۲۳٤" "    \r\x0b\u2028" "آبپتثجچحخدسشکگلمنوهیءabcXYZабв-_#@%*")


@pytest.fixture(scope="module")
def hazm_words():
    # the tokenizer as the segmenter configures it, called the hazm way
    return hazm_parts().word_tokenizer.WordTokenizer(
        words_file=os.devnull, join_verb_parts=False, separate_emoji=False, replace_links=False, replace_ids=False,
        replace_emails=False, replace_numbers=False, replace_hashtags=False)


def _ours(line: str) -> list[str]:
    words = (m.group().strip() for m in _hazm_patterns()[1].finditer(line))
    return [w for w in words if w]


def _hazm(tokenizer, line: str) -> list[str]:
    words = (w.strip() for w in tokenizer.tokenize(line))
    return [w for w in words if w]


@pytest.mark.parametrize("line", [
    "وزیر کشور گفت: «این طرح (مصوبه ۱۲/۳) اجرا شد.»",
    "ساعت 22:00 تهران،1396.؟!! و 4.8 ریشتر",
    "a/b\\c [x] {y} ...؛؛",
    " \r فاصله\x0bها\u2028 ",
    "",
])
def test_hand_written_lines_split_as_hazm_splits_them(hazm_words, line):
    assert _ours(line) == _hazm(hazm_words, line)


def test_random_lines_split_as_hazm_splits_them(hazm_words):
    rng = random.Random(2026)
    for _ in range(3000):
        line = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40)))
        assert _ours(line) == _hazm(hazm_words, line), repr(line)


def test_sentences_of_a_line_are_hazms_sentences():
    # the segmenter applies hazm's sentence pattern with offsets
    # (``_line_sentences``) instead of calling its tokenizer
    hazm_sentences = hazm_parts().sentence_tokenizer.SentenceTokenizer()
    pattern = _hazm_patterns()[0]
    rng = random.Random(2027)
    for _ in range(3000):
        line = "".join(rng.choice(ALPHABET + list("⸮..!")) for _ in range(rng.randint(1, 60)))
        ours = [line[s:e] for s, e in _line_sentences(line, pattern)]
        assert ours == hazm_sentences.tokenize(line), repr(line)


def test_every_split_character_is_one_that_hazm_splits_at(hazm_words):
    for ch in _HAZM_SPLITS.replace("\\d", "7").replace("\\", ""):
        assert _hazm(hazm_words, f"الف{ch}ب") == ["الف", ch, "ب"], ch


def test_token_offsets_point_into_the_original_text():
    text = "آقاي  وزير\u200cکشور (۱۲/۳)\r\nگفت:\u2028 «بله»."
    doc = Document(text=text)
    segment(doc)
    assert [t.text for t in doc.tokens] == [text[t.start:t.end] for t in doc.tokens]
    assert [t.norm for t in doc.tokens][:3] == ["اقای", "وزیرکشور", "("]  # folded letters, no ZWNJ
    assert [t.newline_before for t in doc.tokens].index(True) == [t.norm for t in doc.tokens].index("گفت")
