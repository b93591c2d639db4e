"""Completing the corpora that do not annotate numbers.

Arman and ParsTwiNER tag persons, places and organisations but leave dates,
times, sums and percentages as O, so ``corpora.load`` leaves out their
sentences that may hold one: 4,073 sentences (28%) of the parts the CRF is
trained on, and with them 2,839 person names. Here the first CRF, trained
without them, tags those sentences, and its date, time, money and
percentage spans are written into the gold tags wherever the gold says O
over the whole span. The person, place and organisation tags stay the
annotators' own. Taking the sentences back raised PEYMA dev PER F1 in four
draws of four (sentences tagged alone; models/README.md).
"""
from __future__ import annotations

from pathlib import Path

from ..spans import span_tags, spans
from ..tagger import Tagger
from . import corpora
from .corpora import Sentence


def held_out(corpora_dir: Path, names: list[str]) -> list[tuple[str, Sentence]]:
    """(corpus part, sentence) for each sentence that ``corpora.load`` leaves
    out of the named parts because it may hold an unannotated number."""
    out = []
    for name in names:
        if corpora.FILES[name][1] not in corpora.NO_NUMERIC_TYPES:
            continue
        for sent in corpora.load(corpora_dir, [name], mask=False):
            if corpora.may_hold_numeric_entity(sent):
                out.append((name, sent))
    return out


def fill(sentence: Sentence, predicted: list[str]) -> Sentence:
    """``sentence`` with the numeric spans of ``predicted`` (IOB2 tags of
    the same tokens) that fall wholly on gold O."""
    tags = [t for _, t in sentence]
    for start, end, kind in spans(predicted):
        if kind in corpora.NUMERIC and all(t == "O" for t in tags[start:end]):
            tags[start:end] = span_tags(kind, end - start)
    return [(w, t) for (w, _), t in zip(sentence, tags)]


def complete(tagger: Tagger, sentences: list[Sentence]) -> list[Sentence]:
    """Each sentence with ``tagger``'s numeric spans filled in (``fill``);
    the sentences are tagged alone, as the corpora do not keep articles."""
    predicted = tagger.tag_many([[w for w, _ in s] for s in sentences], consistent=False)
    return [fill(s, p) for s, p in zip(sentences, predicted)]
