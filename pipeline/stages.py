"""Stages and the pipeline that runs them.

Each stage declares what it requires and what it provides; a pipeline whose
stages are in an order that leaves a requirement unmet fails when it is built,
with a message that names the missing annotation and the stage that provides it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .document import Document


class PipelineError(ValueError):
    """A pipeline was built wrongly (unknown stage, unmet requirement)."""


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[[Document], None]
    uses: tuple[str, ...] = ()   # read when an earlier stage provided them, not required

    def __call__(self, doc: Document) -> Document:
        missing = [r for r in self.requires if r not in doc.provided]
        if missing:
            raise PipelineError(f"stage {self.name!r} needs {', '.join(missing)} on the document; run the stage that provides it first")
        self.run(doc)
        doc.provided.update(self.provides)
        return doc


def _hint(missing: str, stage: str, providers: dict[str, str], known: dict[str, str]) -> str:
    if missing in providers:
        return f"{missing!r} is provided by stage {providers[missing]!r}, which must come before it"
    if missing in known:
        return f"{missing!r} is provided by stage {known[missing]!r}, which this pipeline lacks: add it before {stage!r}"
    return f"no stage in this pipeline provides {missing!r}"


class Pipeline:
    def __init__(self, stages: Iterable[Stage], catalog: Iterable[Stage] = ()):
        """``catalog``: all known stages, so a message can name the missing one."""
        self.stages = list(stages)
        available = {"text"}
        providers = {p: s.name for s in self.stages for p in s.provides}
        known = {p: s.name for s in catalog for p in s.provides}
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in available]
            if missing:
                hints = "; ".join(_hint(m, stage.name, providers, known) for m in missing)
                raise PipelineError(f"stage {stage.name!r} requires {', '.join(map(repr, missing))}: {hints}")
            available.update(stage.provides)
        self.provides = available

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            stage(doc)
        return doc
