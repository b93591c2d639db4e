"""A chunk of documents through a pipeline, stage by stage where a stage
gains by it: the stages that ``batches`` (the ner stage: the CRF decodes the
sentences of many documents in one go) run once over every document of the
chunk that got that far; the stages between them run per document, each
stretch under the document's time limit, so one bad document still fails
alone. Without such a stage a document goes through in one stretch, as
``api.extract`` runs it."""
from __future__ import annotations

import time
from dataclasses import dataclass

from . import api
from .component import Component, Pipeline
from .document import Document
from .inputs import RawDocument
from .limits import limit_for, time_limit
from .tables import error_row


@dataclass
class InFlight:
    raw: RawDocument
    doc: Document
    seconds: float          # spent on it so far (its share of a joint stage included)


def split(nlp: Pipeline) -> tuple[Pipeline, list[list[Component]]]:
    """The stages up to the first one that batches, as a pipeline, and the
    stretches after it: each batching stage alone, the others together."""
    comps = nlp.components
    cut = next((k for k, c in enumerate(comps) if c.batches), len(comps))
    rest: list[list[Component]] = []
    for c in comps[cut:]:
        if c.batches or not rest or rest[-1][-1].batches:
            rest.append([c])
        else:
            rest[-1].append(c)
    return (nlp if cut == len(comps) else Pipeline(comps[:cut], api.catalog())), rest


def start(raw: RawDocument, head: Pipeline, doc_timeout: float, errors: list[dict]) -> InFlight | None:
    """The document through the first stretch; None (and an errors row) when it fails."""
    t0 = time.perf_counter()
    try:
        with time_limit(limit_for(doc_timeout, len(raw.text))):
            doc = api.extract(raw.text, raw.doc_id, raw.date, pipeline=head)
    except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
        errors.append(_error(raw, exc))
        return None
    return InFlight(raw, doc, time.perf_counter() - t0)


def run(stretch: list[Component], live: list[InFlight], doc_timeout: float, errors: list[dict]) -> list[InFlight]:
    """The documents that came through ``stretch`` (the others are errors rows)."""
    if len(stretch) == 1 and stretch[0].batches and len(live) > 1:
        return _joint(stretch[0], live, doc_timeout, errors)
    kept = []
    for f in live:
        t0 = time.perf_counter()
        try:
            with time_limit(limit_for(doc_timeout, len(f.raw.text))):
                for component in stretch:
                    component.run(f.doc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
            errors.append(_error(f.raw, exc))
            continue
        f.seconds += time.perf_counter() - t0
        kept.append(f)
    return kept


def _joint(component: Component, live: list[InFlight], doc_timeout: float, errors: list[dict]) -> list[InFlight]:
    """One call over every document, under the sum of their time limits;
    should it fail, one document at a time, to find the one that spoils it.
    Each document is charged a share of the time by its tokens."""
    t0 = time.perf_counter()
    try:
        with time_limit(sum(limit_for(doc_timeout, len(f.raw.text)) for f in live)):
            component.run_many([f.doc for f in live])
    except Exception:  # noqa: BLE001 - a document's own failure is found below
        return [kept for f in live for kept in run([component], [f], doc_timeout, errors)]
    spent = time.perf_counter() - t0
    tokens = [max(1, len(f.doc.tokens)) for f in live]
    for f, n in zip(live, tokens):
        f.seconds += spent * n / sum(tokens)
    return live


def _error(raw: RawDocument, exc: Exception) -> dict:
    return error_row(raw.doc_id, raw.path, raw.sha1, "extract", f"{type(exc).__name__}: {exc}")
