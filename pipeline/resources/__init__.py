"""Rule files of the components that still keep them here (moving into each
component's own folder); the helpers themselves live in ``pipeline.wordlists``."""
from __future__ import annotations

from typing import Any

from ..wordlists import LB, RB, ZWNJ, alternation, entry_pattern, lookup_key, read_tsv, read_yaml

__all__ = ["LB", "RB", "ZWNJ", "alternation", "entry_pattern", "load_yaml", "lookup_key", "read_tsv"]


def load_yaml(name: str) -> Any:
    return read_yaml(__name__, name)
