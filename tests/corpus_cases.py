"""Loads the example corpora of tests/corpus/ and compares one case's expectation
with the pipeline's output the way the scorer does (the package's own
scoring rules, pipeline/evaluation/scoring.py)."""
from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.evaluation.scoring import normalize as norm
from pipeline.evaluation.scoring import number_key as norm_number
from pipeline.evaluation.scoring import token_f1

__all__ = ["CORPUS", "cases", "norm", "norm_number", "token_f1"]

CORPUS = Path(__file__).parent / "corpus"


def cases(name: str) -> list[dict]:
    return yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))
