"""The default pipeline and the one-call entry points."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .document import Document
from .extractors.dates import extract_dates
from .extractors.entities import extract_entities
from .extractors.people import extract_people
from .extractors.resolutions import extract_resolutions
from .extractors.tasks import extract_tasks
from .segment import segment
from .stages import Pipeline, Stage


def _normalize(doc: Document) -> None:
    doc.ensure_view()


STAGES: dict[str, Stage] = {
    s.name: s
    for s in (
        Stage("normalize", requires=("text",), provides=("view",), run=_normalize),
        Stage("segment", requires=("view",), provides=("sentences", "tokens"), run=segment),
        Stage("dates", requires=("view",), provides=("dates",), run=extract_dates),
        Stage("resolutions", requires=("view", "dates"), provides=("resolutions",), run=extract_resolutions),
        # the NER model's spans; the people stage merges PER spans when they are there
        Stage("ner", requires=("tokens",), provides=("entities",), run=extract_entities),
        Stage("people", requires=("tokens", "dates"), provides=("people", "titles"), run=extract_people,
              uses=("entities",)),
        Stage("tasks", requires=("sentences", "dates", "resolutions", "people"), provides=("tasks",), run=extract_tasks),
    )
}
DEFAULT = ("normalize", "segment", "dates", "resolutions", "people", "tasks")
# the default plus the NER model before people: more names, about three times slower
WITH_NER = ("normalize", "segment", "dates", "resolutions", "ner", "people", "tasks")


def build(names: tuple[str, ...] | list[str] = DEFAULT) -> Pipeline:
    """A pipeline of the named stages, in order; unknown names or an order that
    leaves a requirement unmet raise PipelineError here, not at run time."""
    from .stages import PipelineError

    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise PipelineError(f"unknown stage(s) {', '.join(map(repr, unknown))}; known: {', '.join(STAGES)}")
    return Pipeline((STAGES[n] for n in names), catalog=STAGES.values())


@lru_cache(maxsize=2)
def default_pipeline(ner: bool = False) -> Pipeline:
    return build(WITH_NER if ner else DEFAULT)


def extract(text: str, doc_id: str = "doc", date: dt.date | str | None = None, ner: bool = False) -> Document:
    """Run the default pipeline (with ``ner``, the one with the NER model) over
    one text and return the annotated Document."""
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str text, got {type(text).__name__}")
    if isinstance(date, str) and date:
        date = dt.date.fromisoformat(date[:10])
    doc = Document(text=text, doc_id=doc_id, date=date or None)
    return default_pipeline(ner)(doc)
