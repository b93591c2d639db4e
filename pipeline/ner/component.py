"""The ``ner`` stage: a trained NER model (models/, see its card) tags each
sentence's tokens; the spans become ``doc.entities``, which the people stage
merges with its rule cues."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from pathlib import Path

from ..component import Component
from ..document import Document, Entity, Token
from .spans import spans
from .tagger import Scored, Tagger


@dataclass(frozen=True)
class NerSettings:
    backend: str = "crf"          # crf | stanza
    model: str | None = None      # model file or folder; None: the backend's model in models/


@lru_cache(maxsize=4)
def _load(backend: str, path: str | None, stamp: tuple[int, int] | None) -> Tagger:
    """A model read from disk once per process; ``stamp`` (mtime, size) makes a
    rewritten file load again."""
    from .backends import load_tagger

    return load_tagger(backend, Path(path) if path else None)


def _stamp(path: str | None) -> tuple[int, int] | None:
    if path is None or not Path(path).exists():
        return None
    st = Path(path).stat()
    return st.st_mtime_ns, st.st_size


class EntityTagger(Component):
    """Named entities (PEYMA types) from the model its settings name. The model
    loads when the component is built, so a missing model fails the build."""

    name = "ner"
    requires = ("tokens",)
    provides = ("entities",)
    batches = True            # a batch hands it a chunk's documents at once (``pipe``)
    Settings = NerSettings

    def __init__(self, settings: NerSettings | None = None, tagger: Tagger | None = None):
        super().__init__(settings)
        s = self.settings
        self.tagger = tagger or _load(s.backend, s.model, _stamp(s.model))

    def __call__(self, doc: Document) -> None:
        # one call per document: stanza batches the sentences, the CRF carries names across them
        groups = _sentences(doc.tokens)
        _entities(doc, groups, self.tagger.tag_many_scored([[t.text for t in toks] for toks in groups]))

    def pipe(self, docs: list[Document]) -> None:
        """Tag several documents in one call: the CRF scores and decodes
        their sentences together; each document's tags are its own."""
        groups = [_sentences(doc.tokens) for doc in docs]
        tagged = self.tagger.tag_docs_scored([[[t.text for t in toks] for toks in g] for g in groups])
        for doc, g, scored in zip(docs, groups, tagged):
            _entities(doc, g, scored)


def _entities(doc: Document, groups: list[list[Token]], tagged: list[Scored]) -> None:
    """``doc.entities`` from the scored tags of its sentences' tokens."""
    doc.entities = []
    for toks, scored in zip(groups, tagged):
        for i, j, kind in sorted(spans([tag for tag, _ in scored])):
            a, b = toks[i].start, toks[j - 1].end
            score = min(p for _, p in scored[i:j])
            doc.entities.append(Entity(a, b, doc.text[a:b], kind=kind, score=round(score, 4)))


def _sentences(tokens: list[Token]) -> list[list[Token]]:
    """The tokens of each sentence, in order (segment numbers sentences in
    the order of the text)."""
    return [list(toks) for _, toks in groupby(tokens, key=attrgetter("sentence"))]
