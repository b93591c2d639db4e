"""Silver training data: the CRF's own confident tags on unlabeled text.

The annotated corpora are small, and each one added to training raised PEYMA
dev PER F1 (PEYMA and NSURL alone 0.854, with Arman 0.865, with ParsTwiNER
too 0.872, consistency on). So ``train ner --silver`` trains twice: a
first CRF on the annotated corpora tags the unlabeled text beside them, and
the sentences it tags with confidence in every token, and that name at least
one entity, join the annotated ones for a second CRF (self-training). A
sentence here is a run of tokens up to a full stop, question or exclamation
mark. It moved PEYMA dev PER by +0.005 and all types by 0 (the model card),
so the shipped CRF is trained once.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..tagger import Tagger
from .corpora import NUMERIC, Sentence, may_hold_numeric_entity

ENDS = frozenset({".", "!", "?", "؟"})


@dataclass(frozen=True)
class SilverRule:
    min_probability: float = 0.9   # the CRF's marginal of every tag of the sentence
    min_tokens: int = 5            # shorter: headlines and list items, little context
    max_tokens: int = 60           # longer: run-on lines that were never split


def sentences(paragraphs: Iterable[list[str]], rule: SilverRule = SilverRule()) -> Iterator[list[str]]:
    """The token lists of each paragraph, cut after each sentence end; only
    those of a length the rule keeps."""
    for para in paragraphs:
        sent: list[str] = []
        for i, tok in enumerate(para):
            sent.append(tok)
            if tok in ENDS or i == len(para) - 1:
                if rule.min_tokens <= len(sent) <= rule.max_tokens:
                    yield sent
                sent = []


def select(tagger: Tagger, candidates: Iterable[list[str]], rule: SilverRule = SilverRule()) -> list[Sentence]:
    """The candidates ``tagger`` (the first CRF) tags with at least
    ``rule.min_probability`` on every token and at least one entity, with its
    tags. A sentence that may hold a date, time, sum or percentage (or is
    tagged with one) is left out, as in the corpora that do not annotate
    them: the first CRF's confident numeric spans taught the second wrong
    boundaries (PEYMA dev MON F1 0.905 → 0.716 with them)."""
    out: list[Sentence] = []
    batch: list[list[str]] = []

    def flush() -> None:
        # a batch at a time: the tagger decodes many sentences at once
        for tokens, scored in zip(batch, tagger.tag_many_scored(batch, consistent=False)):
            if (all(p >= rule.min_probability for _, p in scored) and any(t != "O" for t, _ in scored)
                    and not any(t[2:] in NUMERIC for t, _ in scored)):
                out.append([(w, t) for w, (t, _) in zip(tokens, scored)])
        batch.clear()

    for tokens in candidates:
        if not may_hold_numeric_entity([(w, "O") for w in tokens]):
            batch.append(tokens)
            if len(batch) == 1000:
                flush()
    flush()
    return out
