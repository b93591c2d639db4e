"""The ``ner`` stage: the trained NER model (models/, see its card) tags each
sentence's tokens; the spans become ``doc.entities``, which the people stage
merges with its rule cues."""
from __future__ import annotations

from pathlib import Path

from ..document import Document, Entity
from ..ner.evaluate import entities as spans_of

_TAGGER: dict[str, object] = {}
_CHOICE = {"backend": "crf", "path": None}


def use_model(backend: str = "crf", path: Path | str | None = None) -> None:
    """Choose the model the ner stage loads (default: the CRF in models/)."""
    _CHOICE.update(backend=backend, path=str(path) if path else None)
    _TAGGER.clear()


def uses() -> tuple[str, str | None]:
    """(backend, path) the ner stage loads."""
    return _CHOICE["backend"], _CHOICE["path"]


def tagger():
    if "t" not in _TAGGER:
        from ..ner.model import load_tagger

        path = _CHOICE["path"]
        _TAGGER["t"] = load_tagger(_CHOICE["backend"], Path(path) if path else None)
    return _TAGGER["t"]


def extract_entities(doc: Document) -> None:
    model = tagger()
    doc.entities = []
    by_sentence: dict[int, list] = {}
    for t in doc.tokens:
        by_sentence.setdefault(t.sentence, []).append(t)
    groups = list(by_sentence.values())
    # one call per document: stanza batches the sentences
    for toks, scored in zip(groups, model.tag_many_scored([[t.text for t in toks] for toks in groups])):
        tags = [tag for tag, _ in scored]
        for i, j, kind in sorted(spans_of(tags)):
            a, b = toks[i].start, toks[j - 1].end
            score = min(p for _, p in scored[i:j])
            doc.entities.append(Entity(a, b, doc.text[a:b], kind=kind, score=round(score, 4)))
