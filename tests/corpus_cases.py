"""Loads the example corpora of tests/corpus/ and compares one case's expectation
with the pipeline's output the way the scorer does (same normalization)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "corpus"

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا"})
_DROP = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_SPACES = re.compile(r"[\s\u200c\u200d\u200e\u200f\u00a0]+")
_PUNCT = re.compile(r"[«»\"'“”‘’()\[\]،,؛;:.!؟?]")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = _DROP.sub("", text.translate(_LETTERS).translate(_DIGITS))
    return _SPACES.sub(" ", text).strip()


def norm_number(text: str) -> str:
    return re.sub(r"\s+", "", norm(text).upper()).replace("–", "-").replace("\\", "/")


def tokens(text: str) -> list[str]:
    return [t for t in _PUNCT.sub(" ", norm(text)).split(" ") if t]


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    pool, common = list(tb), 0
    for t in ta:
        if t in pool:
            pool.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def cases(name: str) -> list[dict]:
    return yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))
