"""Building pipelines by name, and the one-call entry point.

``build`` turns component names and their settings into a :class:`Pipeline`
of freshly constructed components; nothing is cached here, so two pipelines
with different settings (two NER models, say) live side by side in one
process. Word lists, compiled rules and model files come from the pipeline's
compiled-resource cache (:mod:`pipeline.resources`): read once per process,
and from disk in milliseconds, so building a second pipeline is cheap.
"""
from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any, Mapping

from .component import Component, Pipeline, PipelineConfig, PipelineError, check_order, settings_of
from .document import Document
from .resources import ResourceCache, default_cache

# name -> "module:Class", imported when first asked for (the NER model's
# code and numpy stay unloaded by a pipeline without it)
COMPONENTS: dict[str, str] = {
    "normalize": "pipeline.preprocess:Normalizer",
    "segment": "pipeline.preprocess:Segmenter",
    "dates": "pipeline.dates:DateExtractor",
    "resolutions": "pipeline.resolutions:ResolutionExtractor",
    "ner": "pipeline.ner:EntityTagger",
    "people": "pipeline.people:PeopleExtractor",
    "tasks": "pipeline.tasks:TaskExtractor",
}
# the NER model tags before people, which merges its names with the rules'
DEFAULT = ("normalize", "segment", "dates", "resolutions", "ner", "people", "tasks")
# rules only (``ner=False``, ``--no-ner``): no model, fewer names, faster
RULES_ONLY = tuple(n for n in DEFAULT if n != "ner")


def component_class(name: str) -> type[Component]:
    if name not in COMPONENTS:
        raise PipelineError(f"unknown stage {name!r}; known: {', '.join(COMPONENTS)}")
    module, cls = COMPONENTS[name].split(":")
    return getattr(import_module(module), cls)


def catalog() -> list[type[Component]]:
    """Every known component class, in the order of ``COMPONENTS``."""
    return [component_class(n) for n in COMPONENTS]


def config(ner: bool = True, ner_backend: str = "crf", ner_model: str | None = None,
           stages: tuple[str, ...] | None = None) -> PipelineConfig:
    """The config of the default pipeline (with the NER stage); ``ner=False``:
    the rules-only pipeline."""
    settings = {"ner": {"backend": ner_backend, "model": str(ner_model) if ner_model else None}} if ner else {}
    return PipelineConfig(tuple(stages or (DEFAULT if ner else RULES_ONLY)), settings)


def build(stages: tuple[str, ...] | list[str] | PipelineConfig = DEFAULT,
          settings: Mapping[str, Mapping[str, Any]] | None = None,
          resources: ResourceCache | None = None) -> Pipeline:
    """A pipeline of the named components, in order, each built with its
    settings (``{"ner": {"model": PATH}}``). Unknown names, unknown settings or
    an order that leaves a requirement unmet raise PipelineError here, not at
    run time. ``resources``: the compiled-resource cache its word lists,
    rules and model come from (default: the process's, see
    :mod:`pipeline.resources`)."""
    cfg = stages if isinstance(stages, PipelineConfig) else PipelineConfig(tuple(stages), dict(settings or {}))
    unknown = [n for n in cfg.stages if n not in COMPONENTS]
    if unknown:
        raise PipelineError(f"unknown stage(s) {', '.join(map(repr, unknown))}; known: {', '.join(COMPONENTS)}")
    stray = sorted(set(cfg.settings) - set(cfg.stages))
    if stray:
        raise PipelineError(f"settings given for stage(s) not in the pipeline: {', '.join(map(repr, stray))}")
    classes = [component_class(n) for n in cfg.stages]
    check_order(classes, catalog())  # refuse a bad order before any model is loaded
    resources = resources or default_cache()
    with resources.active():
        components = [cls(settings_of(cls, cfg.settings.get(cls.name))) for cls in classes]
    return Pipeline(components, catalog(), cfg, resources)


def extract(text: str, doc_id: str = "doc", date: dt.date | str | None = None, ner: bool = True,
            pipeline: Pipeline | None = None) -> Document:
    """Run ``pipeline`` (by default a newly built default pipeline, the NER
    model's stage included; ``ner=False``: rules only) over one text and
    return the annotated Document. For many texts, build the pipeline once
    and pass it."""
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str text, got {type(text).__name__}")
    if isinstance(date, str) and date:
        date = dt.date.fromisoformat(date[:10])
    doc = Document(text=text, doc_id=doc_id, date=date or None)
    return (pipeline or build(config(ner)))(doc)
