"""Word lists and rules shipped as data files beside this module."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import regex
import yaml

from ..normalize import fold

ZWNJ = "\u200c"


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    with resources.files(__package__).joinpath(name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    with resources.files(__package__).joinpath(name).open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t")
        return tuple(dict(r) for r in rows)


def entry_pattern(entry: str) -> str:
    """Regex for a lexicon entry matched against the folded view: a ZWNJ in the
    entry also accepts a space or nothing, a space accepts any run of spaces."""
    parts = [regex.escape(fold(p)) for p in str(entry).split(ZWNJ)]
    pattern = " ?".join(parts)
    return regex.sub(r"(?:\\ )+", r"\\s+", pattern)


def alternation(entries: Iterable[str]) -> str:
    """Longest-first alternation so that a longer entry wins at the same start."""
    pats = sorted({entry_pattern(e) for e in entries if str(e).strip()}, key=len, reverse=True)
    return "(?:" + "|".join(pats) + ")"


def lookup_key(word: str) -> str:
    """How a word or phrase is looked up in a word list: folded, no spaces."""
    return "".join(fold(word).split())


# word boundaries that work for Persian script (\b is unreliable next to ZWNJ-less joins)
LB = r"(?<![\p{L}\p{M}\p{N}_])"
RB = r"(?![\p{L}\p{M}\p{N}_])"
