"""The NER backends by name, each loaded from a path or its default model in models/."""
from __future__ import annotations

from pathlib import Path

from .tagger import Tagger

BACKENDS = ("crf", "stanza")


def load_tagger(backend: str = "crf", path: Path | None = None) -> Tagger:
    """The CRF ``CrfTagger`` or the ``StanzaTagger``; ``ModelError`` when the
    model is missing or unreadable. Each backend's module is imported only
    when it is asked for (stanza's pulls in torch)."""
    if backend == "stanza":
        from .stanza_tagger import DEFAULT_DIR, StanzaTagger

        return StanzaTagger(path or DEFAULT_DIR)
    if backend != "crf":
        raise ValueError(f"unknown NER backend {backend!r}: use {' or '.join(BACKENDS)}")
    from .crf_tagger import DEFAULT_MODEL, CrfTagger

    return CrfTagger(path or DEFAULT_MODEL)
