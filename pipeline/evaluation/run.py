"""``evaluate GOLD_DIR``: extract (or read) every gold document's prediction,
score it, and list its errors."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from .errors import ErrorItem, TextIndex, list_errors
from ..component import Pipeline
from .gold import GoldDocument, read_gold, read_prediction
from .predicted import document_from_json
from .scoring import Scores, score_document


@dataclass
class Evaluation:
    scores: Scores
    errors: list[ErrorItem]
    problems: list[str]                   # bad gold documents, one line each
    notes: list[str]                      # not errors: texts without gold, missing predictions
    documents: dict[str, Document] = field(default_factory=dict)   # the predictions, for the review pages


def _predict(gold: GoldDocument, pred_dir: Path | None, nlp: Pipeline, notes: list[str]) -> tuple[dict, Document]:
    """The prediction for one gold document: extracted by ``nlp``, or read from
    ``pred_dir`` (then ``nlp`` only segments it, to show each error in its sentence)."""
    from .. import extract, to_json

    if pred_dir is None:
        doc = extract(gold.text, gold.doc_id, pipeline=nlp)
        return to_json(doc), doc
    pred = read_prediction(pred_dir, gold.doc_id, notes)
    doc = document_from_json(pred, gold.text, gold.doc_id)
    nlp(doc)
    return pred, doc


def evaluate(gold_dir: Path, pred_dir: Path | None = None, nlp: Pipeline | None = None) -> Evaluation:
    """Scores and errors of every gold document in ``gold_dir``, against a fresh
    extraction by ``nlp`` (default: the default pipeline) or against
    ``pred_dir/<id>.json``."""
    from ..api import build, config

    nlp = build(["normalize", "segment"]) if pred_dir is not None else (nlp or build(config()))
    gold_set = read_gold(gold_dir)
    if pred_dir is not None and not pred_dir.is_dir():
        raise FileNotFoundError(f"no such prediction folder: {pred_dir}")
    notes, scored, errors, documents = list(gold_set.notes), [], [], {}
    for gold in gold_set.documents:
        pred, doc = _predict(gold, pred_dir, nlp, notes)
        score = score_document(gold.doc_id, gold.gold, pred)
        scored.append(score)
        errors += list_errors(score, TextIndex.build(gold.text, [(s.start, s.end) for s in doc.sentences]))
        documents[gold.doc_id] = doc
    return Evaluation(Scores(scored), errors, gold_set.problems, notes, documents)
