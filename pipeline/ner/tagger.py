"""What every NER backend offers the ``ner`` stage (``Tagger``), and the error
a model that cannot be loaded raises. The backends: ``crf_tagger.CrfTagger``
and ``stanza_tagger.StanzaTagger``; ``backends.load_tagger`` picks one."""
from __future__ import annotations

from typing import Protocol, runtime_checkable

TRAIN_HINT = "python -m pipeline train ner"
Scored = list[tuple[str, float]]          # one sentence: (IOB2 tag, the model's probability of it)


class ModelError(RuntimeError):
    """A model file that is missing or cannot be read."""


@runtime_checkable
class Tagger(Protocol):
    """Tags pre-tokenized sentences with PEYMA's IOB2 tags."""

    def tag_many_scored(self, sentences: list[list[str]], consistent: bool = True) -> list[Scored]:
        """The sentences of one document (or a run of consecutive ones), in
        order, each tag with its probability; ``consistent``: a name found
        once is tagged where it recurs (``consistency.py``)."""
        ...

    def tag_docs_scored(self, docs: list[list[list[str]]], consistent: bool = True) -> list[list[Scored]]:
        """``tag_many_scored`` of each of several documents (the sentences of
        each), in one call where the backend gains by it."""
        ...

    def tag_many(self, sentences: list[list[str]], consistent: bool = True) -> list[list[str]]:
        """``tag_many_scored`` without the probabilities."""
        ...

    def tag(self, tokens: list[str]) -> list[str]:
        """One sentence's tags, the sentence alone."""
        ...
