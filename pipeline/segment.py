"""Sentences and tokens with offsets into the original text.

hazm's tokenizers return strings, not offsets, so their patterns are
applied here with offsets into the normalized view, then mapped back: the
sentence pattern line by line (``_line_sentences``), the word pattern
sentence by sentence (``_word_pattern``); tests compare both with hazm's own
tokenizers. The patterns are read once per process from hazm's tokenizers;
hazm's own modules come from :mod:`pipeline.hazm_parts` (without the rest of hazm).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Iterator

import regex

from .document import Document, Sentence, Token
from .hazm_parts import parts as hazm_parts

# the characters at which hazm's word pattern matches (see ``_word_pattern``)
_HAZM_SPLITS = r'؟!?\d.:،؛»\])}"«\[({/\\'
_LINE = regex.compile(r"[^\n]+")
PUNCT = frozenset("،,؛;.:!?؟«»\"()[]{}-–—/")
# a "sentence" that is only a list marker (``۱.``), or that ends with the marker of
# an inline item (``...: ۱.``), belongs with the next one
_MARKER_ONLY = regex.compile(r"(?:^|[\s:،؛,])(?:\d{1,3}|\p{L})\s*[.)\-]\s*$")


@lru_cache(maxsize=1)
def _hazm_patterns() -> tuple[re.Pattern, re.Pattern]:
    """hazm's sentence-end pattern and word pattern (see ``_word_pattern``)."""
    hazm = hazm_parts()
    words = hazm.word_tokenizer.WordTokenizer(
        # hazm 0.10 loads its lexicon (3.4 MB, a third of a second) into ``.words``
        # and never reads it while tokenizing: not loaded (the dev set's output is the same)
        words_file=os.devnull,
        join_verb_parts=False,   # keep tokens as substrings of the text
        separate_emoji=False,
        replace_links=False,
        replace_ids=False,
        replace_emails=False,
        replace_numbers=False,
        replace_hashtags=False,
    )
    # hazm's sentence tokenizer rewrites the text and loses the offsets: its
    # pattern is applied here instead (``_line_sentences``)
    return hazm.sentence_tokenizer.SentenceTokenizer().pattern, _word_pattern(words)


def _word_pattern(tokenizer) -> re.Pattern:
    """hazm's WordTokenizer, as configured here, puts spaces around every match
    of its pattern and splits the line at spaces. This pattern finds the same
    tokens with their offsets, in one pass and without rebuilding the line: a
    match of hazm's pattern, or a run of other characters. Each branch of
    hazm's pattern is one character class, so it matches wherever one of
    ``_HAZM_SPLITS`` stands; a test compares the two on random text."""
    return re.compile(f"(?:{tokenizer.pattern.pattern})|[^ \\t\\n{_HAZM_SPLITS}]+", tokenizer.pattern.flags)


def _line_sentences(body: str, ends: re.Pattern) -> Iterator[tuple[int, int]]:
    """hazm's SentenceTokenizer on one line, as offsets: it ends a sentence
    after each match of its pattern's group (a run of «.!?؟»), the spaces
    after it dropped, and strips each sentence; a blank one is none."""
    start = 0
    for m in ends.finditer(body):
        yield from _stripped(body, start, m.end(1))
        start = m.end()
    yield from _stripped(body, start, len(body))


def _stripped(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = body[start:end]
    inner = piece.strip()
    if inner:
        start += len(piece) - len(piece.lstrip())
        yield start, start + len(inner)


def sentence_spans(view_text: str) -> list[tuple[int, int]]:
    """Sentence spans in view coordinates: lines first, then hazm within a line."""
    sent_pattern, _ = _hazm_patterns()
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(view_text):
        body, offset = line.group(), line.start()
        if not body.strip():
            continue
        pending = None
        for s, e in _line_sentences(body, sent_pattern):
            s, e = s + offset, e + offset
            if pending is not None:
                s, pending = pending, None
            seg = view_text[s:e]  # the marker ends the sentence: search its tail only
            if _MARKER_ONLY.search(seg, max(0, len(seg) - 16)):
                pending = s
                continue
            spans.append((s, e))
        if pending is not None:
            spans.append((pending, line.end()))
    return spans


def segment(doc: Document) -> None:
    view = doc.ensure_view()
    _, word_pattern = _hazm_patterns()
    doc.sentences, doc.tokens = [], []
    spans = sentence_spans(view.text)
    for vs, ve in spans:
        doc.sentences.append(Sentence(*_orig(doc, vs, ve)))
    # tokens are found sentence by sentence: a sentence ends after a «.!?؟»
    # run and spaces, where hazm's word pattern splits too, so no token
    # crosses a sentence's edge. Offsets come straight from the view's index
    # (hot loop). The view keeps every line break of the text and adds none,
    # and no sentence holds one: a sentence's first token has a line break
    # before it when the view has one between the sentence and the one before.
    text, vtext, index = doc.text, view.text, view.index
    add, make, punct = doc.tokens.append, Token, PUNCT
    prev_end = 0
    for si, (vs, ve) in enumerate(spans):
        newline = vtext.find("\n", prev_end, vs) >= 0
        prev_end = ve
        for match in word_pattern.finditer(vtext, vs, ve):
            piece = match.group()
            ts, te = match.span()
            word = piece.strip()
            if word is not piece:  # other whitespace at its edges (rare): not part of the token
                if not word:
                    continue
                ts += len(piece) - len(piece.lstrip())
                te, piece = ts + len(word), word
            if index is None:
                s, e = ts, te
            else:
                s, e = index[ts], index[te - 1] + 1
            add(make(s, e, text[s:e], si, piece, newline, piece.isalpha(),
                     piece[0] in punct and (len(piece) == 1 or all(c in punct for c in piece))))
            newline = False


def _orig(doc: Document, vs: int, ve: int) -> tuple[int, int, str]:
    s, e = doc.view.span(vs, ve)
    return s, e, doc.text[s:e]
