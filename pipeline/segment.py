"""Sentences and tokens with offsets into the original text.

hazm's tokenizers return strings, not offsets; each piece is found again in
the normalized view (left to right from a cursor) and mapped back. One
instance of each tokenizer is built per process and shared; hazm's own
modules come from :mod:`pipeline.hazm_parts` (without the rest of hazm).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

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
def _hazm_tokenizers():
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
    return hazm.sentence_tokenizer.SentenceTokenizer(), _word_pattern(words)


def _word_pattern(tokenizer) -> re.Pattern:
    """hazm's WordTokenizer, as configured here, puts spaces around every match
    of its pattern and splits the line at spaces. This pattern finds the same
    tokens with their offsets, in one pass and without rebuilding the line: a
    match of hazm's pattern, or a run of other characters. Each branch of
    hazm's pattern is one character class, so it matches wherever one of
    ``_HAZM_SPLITS`` stands; a test compares the two on random text."""
    return re.compile(f"(?:{tokenizer.pattern.pattern})|[^ \\t\\n{_HAZM_SPLITS}]+", tokenizer.pattern.flags)


def _align(haystack: str, pieces: list[str], offset: int, cursor: int = 0):
    """Yield (start, end) in ``haystack`` coordinates + offset for each piece found."""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        i = haystack.find(piece, cursor)
        if i < 0:  # the tokenizer rewrote this piece; skip it rather than guess
            continue
        cursor = i + len(piece)
        yield offset + i, offset + cursor


def sentence_spans(view_text: str) -> list[tuple[int, int]]:
    """Sentence spans in view coordinates: lines first, then hazm within a line."""
    sent_tok, _ = _hazm_tokenizers()
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(view_text):
        body = line.group()
        if not body.strip():
            continue
        pending = None
        for s, e in _align(body, sent_tok.tokenize(body), line.start()):
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
    _, word_pattern = _hazm_tokenizers()
    doc.sentences, doc.tokens = [], []
    spans = sentence_spans(view.text)
    for vs, ve in spans:
        doc.sentences.append(Sentence(*_orig(doc, vs, ve)))
    # tokens are found line by line (not per sentence), then each finds its
    # sentence; offsets come straight from the view's index (hot loop)
    text, vtext, index = doc.text, view.text, view.index
    ends = [ve for _, ve in spans]
    n_sent = len(ends)
    tokens = doc.tokens
    add, make, punct = tokens.append, Token, PUNCT
    si = prev_end = 0
    for line in _LINE.finditer(vtext):
        for match in word_pattern.finditer(vtext, line.start(), line.end()):
            piece = match.group()
            ts, te = match.span()
            word = piece.strip()
            if len(word) != len(piece):  # other whitespace at its edges (rare): not part of the token
                if not word:
                    continue
                ts += len(piece) - len(piece.lstrip())
                te, piece = ts + len(word), word
            while si < n_sent and ends[si] <= ts:
                si += 1
            if si >= n_sent or ts < spans[si][0]:
                continue  # outside every sentence (only spaces there)
            if index is None:
                s, e = ts, te
            else:
                s, e = index[ts], index[te - 1] + 1
            add(make(s, e, text[s:e], si, piece, s > prev_end and text.find("\n", prev_end, s) >= 0,
                     piece.isalpha(), piece in punct or (piece[0] in punct and all(c in punct for c in piece))))
            prev_end = e


def _orig(doc: Document, vs: int, ve: int) -> tuple[int, int, str]:
    s, e = doc.view.span(vs, ve)
    return s, e, doc.text[s:e]
