"""Components, and the pipeline that owns them.

A component is one stage: it has a ``name``, declares the annotations it
``requires`` on a document and those it ``provides`` (and those it ``uses``
when an earlier stage provided them), and is constructed with its settings
(a frozen dataclass, ``Settings``) and whatever model or word lists those
settings name. A :class:`Pipeline` holds its components in order, and the
:class:`~pipeline.resources.ResourceCache` their word lists, rules and models
come from; a pipeline
whose order leaves a requirement unmet is refused when it is built, with a
message that names the missing annotation and the component that provides it.

:class:`PipelineConfig` (component names and their settings) is all it takes
to build the same pipeline again, so a batch sends it, not a pipeline, to its
worker processes.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Mapping

from .document import Document
from .resources import ResourceCache, default_cache


class PipelineError(ValueError):
    """A pipeline was built wrongly (unknown component, unmet requirement, bad setting)."""


@dataclass(frozen=True)
class NoSettings:
    """The settings of a component that has none."""


class Component:
    """One stage of a pipeline. Subclasses set the class attributes and
    implement ``__call__``, which annotates the document in place."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()
    uses: ClassVar[tuple[str, ...]] = ()   # read when an earlier stage provided them, never required
    batches: ClassVar[bool] = False        # gains by annotating many documents in one call (``pipe``)
    Settings: ClassVar[type] = NoSettings

    def __init__(self, settings: Any = None):
        self.settings = settings if settings is not None else self.Settings()

    def __call__(self, doc: Document) -> None:
        raise NotImplementedError

    def load(self) -> None:
        """Read now what the stage would otherwise read on first need (a
        batch calls it before its clock runs and before workers fork, so they
        share it)."""

    def pipe(self, docs: list[Document]) -> None:
        """Annotate several documents; a stage that ``batches`` does it in one call."""
        for doc in docs:
            self(doc)

    def run(self, doc: Document) -> Document:
        """Annotate ``doc``, after checking that what this stage requires is on it."""
        return self.run_many([doc])[0]

    def run_many(self, docs: list[Document]) -> list[Document]:
        """``run`` for several documents, through ``pipe``."""
        for doc in docs:
            missing = [r for r in self.requires if r not in doc.provided]
            if missing:
                raise PipelineError(f"stage {self.name!r} needs {', '.join(missing)} on the document; "
                                    "run the stage that provides it first")
        if len(docs) == 1:
            self(docs[0])
        else:
            self.pipe(docs)
        for doc in docs:
            doc.provided.update(self.provides)
        return docs

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.settings!r})"


def settings_of(cls: type[Component], values: Mapping[str, Any] | None) -> Any:
    """The component's Settings dataclass from a plain mapping; an unknown key
    is a PipelineError that lists the known ones."""
    values = dict(values or {})
    known = {f.name for f in dataclasses.fields(cls.Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise PipelineError(f"stage {cls.name!r} has no setting {', '.join(map(repr, unknown))}; "
                            f"known: {', '.join(sorted(known)) or 'none'}")
    return cls.Settings(**values)


@dataclass(frozen=True)
class PipelineConfig:
    """What a pipeline is made of: component names in order, and the settings
    of each (a plain, picklable mapping of name to keyword values)."""

    stages: tuple[str, ...]
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def key(self) -> str:
        """A stable text key, for a worker to tell whether it already built this pipeline."""
        return json.dumps({"stages": list(self.stages), "settings": self.settings}, sort_keys=True, default=str)


def _hint(missing: str, stage: str, providers: dict[str, str], known: dict[str, str]) -> str:
    if missing in providers:
        return f"{missing!r} is provided by stage {providers[missing]!r}, which must come before it"
    if missing in known:
        return f"{missing!r} is provided by stage {known[missing]!r}, which this pipeline lacks: add it before {stage!r}"
    return f"no stage in this pipeline provides {missing!r}"


def check_order(classes: Iterable[type[Component]], catalog: Iterable[type[Component]] = ()) -> set[str]:
    """What components of these classes, in this order, provide; PipelineError
    when one requires what no earlier one provides."""
    classes = list(classes)
    available = {"text"}
    providers = {p: c.name for c in classes for p in c.provides}
    known = {p: c.name for c in catalog for p in c.provides}
    for cls in classes:
        missing = [r for r in cls.requires if r not in available]
        if missing:
            hints = "; ".join(_hint(m, cls.name, providers, known) for m in missing)
            raise PipelineError(f"stage {cls.name!r} requires {', '.join(map(repr, missing))}: {hints}")
        available.update(cls.provides)
    return available


class Pipeline:
    """Components in order. ``catalog``: the classes of every known component,
    so a refusal can name the one that is missing."""

    def __init__(self, components: Iterable[Component], catalog: Iterable[type[Component]] = (),
                 config: PipelineConfig | None = None, resources: ResourceCache | None = None):
        self.components = list(components)
        self.config = config
        self.provides = check_order((type(c) for c in self.components), catalog)
        # the word lists, rules and models its components load (pipeline.resources)
        self.resources = resources or default_cache()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def get(self, name: str) -> Component:
        for c in self.components:
            if c.name == name:
                return c
        raise KeyError(f"this pipeline has no stage {name!r}; it has {', '.join(self.names)}")

    def __call__(self, doc: Document) -> Document:
        with self.resources.active():
            for component in self.components:
                component.run(doc)
        return doc
