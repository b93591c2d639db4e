"""Readers of the NER corpora in ../shared/corpora, each with its own format
trap (see each SOURCE.md): PEYMA is ``TOKEN|TAG`` with underscore tags and
tokens that contain spaces (split on the LAST pipe); NSURL-2019 is tab
separated; Arman is space separated with lower-case types. All come back as
sentences of (token, IOB2 tag) with one tag inventory."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

Sentence = list[tuple[str, str]]

_TYPES = {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "FAC", "pro": "PRO", "event": "EVE"}


def _tag(tag: str) -> str:
    tag = tag.strip().replace("_", "-")
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    return f"{prefix}-{_TYPES.get(kind, kind.upper())}"


def read(path: Path, fmt: str) -> Iterator[Sentence]:
    """Sentences of a corpus file; ``fmt`` is peyma, nsurl or arman."""
    sentence: Sentence = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if sentence:
                    yield sentence
                sentence = []
                continue
            if fmt == "peyma":
                token, _, tag = line.rpartition("|")
            elif fmt == "nsurl":
                token, _, tag = line.rpartition("\t")
            else:
                token, _, tag = line.rpartition(" ")
            if token:
                sentence.append((token, _tag(tag)))
    if sentence:
        yield sentence


# name -> (relative path under corpora/, format)
FILES = {
    "peyma-train": ("peyma/train.txt", "peyma"),
    "peyma-dev": ("peyma/dev.txt", "peyma"),
    "peyma-test": ("peyma/test.txt", "peyma"),
    "nsurl-train": ("nsurl2019_ner/train_600k.txt", "nsurl"),
    "nsurl-test": ("nsurl2019_ner/test.txt", "nsurl"),
    # Arman's train folds are unions of the other test folds: the three test
    # folds together are the whole corpus, each sentence once
    "arman-1": ("arman/test_fold1.txt", "arman"),
    "arman-2": ("arman/test_fold2.txt", "arman"),
    "arman-3": ("arman/test_fold3.txt", "arman"),
}


def load(corpora: Path, names: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    for name in names:
        if name not in FILES:
            raise ValueError(f"unknown corpus {name!r}; known: {', '.join(FILES)}")
        rel, fmt = FILES[name]
        path = corpora / rel
        if not path.exists():
            raise FileNotFoundError(f"{path} not found (the corpora live in ../shared/corpora)")
        out.extend(read(path, fmt))
    return out
