"""Readers of the NER corpora in ../shared/corpora, each with its own format
trap (see each SOURCE.md): PEYMA is ``TOKEN|TAG`` with underscore tags and
tokens that contain spaces (split on the LAST pipe); NSURL-2019 is tab
separated; Arman is space separated with lower-case types. All come back as
sentences of (token, IOB2 tag) with one tag inventory."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ...wordlists import lookup_key, month_names, read_yaml

Sentence = list[tuple[str, str]]          # (token, IOB2 tag) of one annotated sentence

_TYPES = {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "FAC", "pro": "PRO", "event": "EVE"}
# the PEYMA inventory (PER ORG LOC DAT TIM MON PCT) is the model's: Arman's
# facilities are places there, ParsTwiNER's political groups organizations;
# products, events and nationalities are not entities in it
TO_PEYMA = {"FAC": "LOC", "POG": "ORG", "PRO": None, "EVE": None, "NAT": None}


_KNOWN = frozenset({"PER", "ORG", "LOC", "DAT", "TIM", "MON", "PCT", "FAC", "PRO", "EVE", "POG", "NAT"})


def _tag(tag: str) -> str:
    """IOB2 with upper-case types; a malformed tag (NSURL's «I-DATO», «OB-ORG»)
    reads as O rather than becoming a label of its own."""
    tag = tag.strip().replace("_", "-")
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    kind = _TYPES.get(kind, kind.upper())
    return f"{prefix}-{kind}" if prefix in ("B", "I") and kind in _KNOWN else "O"


def read(path: Path, fmt: str) -> Iterator[Sentence]:
    """Sentences of a corpus file; ``fmt`` is peyma, nsurl, parstwiner or arman."""
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
            elif fmt in ("nsurl", "parstwiner"):
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
    # tweets; titles before names are not tagged there (as in PEYMA)
    "parstwiner-train": ("parstwiner/train.txt", "parstwiner"),
    "parstwiner-dev": ("parstwiner/dev.txt", "parstwiner"),
    "parstwiner-test": ("parstwiner/test.txt", "parstwiner"),
}


def to_peyma(sentence: Sentence) -> Sentence:
    """Map a sentence's tags onto the PEYMA inventory (see TO_PEYMA)."""
    out = []
    for tok, tag in sentence:
        if tag != "O":
            prefix, kind = tag.split("-", 1)
            kind = TO_PEYMA.get(kind, kind)
            tag = f"{prefix}-{kind}" if kind else "O"
        out.append((tok, tag))
    return out


# corpora that annotate only PER/ORG/LOC(-like) types: their dates, times,
# sums and percentages are tagged O, which would teach the model that those
# are not entities
NO_NUMERIC_TYPES = ("arman", "parstwiner")
# the types those corpora leave untagged
NUMERIC = frozenset({"DAT", "TIM", "MON", "PCT"})


@lru_cache(maxsize=1)
def _numeric_cues() -> frozenset[str]:
    """Folded month names and the unit words of ner.yaml's ``numeric_cue_words``."""
    words = read_yaml("pipeline.ner", "ner.yaml")["numeric_cue_words"]
    return frozenset(lookup_key(m.name) for m in month_names()) | frozenset(lookup_key(str(w)) for w in words)


def may_hold_numeric_entity(sentence: Sentence) -> bool:
    """Whether a sentence may hold a date, time, sum or percentage: a digit,
    a month name or a unit word («درصد», «ساعت», «دلار» …)."""
    cues = _numeric_cues()
    for tok, _ in sentence:
        if any(c.isdigit() for c in tok):
            return True
        if lookup_key(tok) in cues:
            return True
    return False


def load(corpora: Path, names: list[str], mask: bool = True) -> list[Sentence]:
    """Sentences of the named corpora, tags mapped onto the PEYMA inventory.
    With ``mask``, a sentence of a corpus that does not annotate dates, times,
    sums and percentages is left out when it may hold one (a digit, a month
    name, a unit word): a CRF cannot learn from partly missing labels."""
    out: list[Sentence] = []
    for name in names:
        if name not in FILES:
            raise ValueError(f"unknown corpus {name!r}; known: {', '.join(FILES)}")
        rel, fmt = FILES[name]
        path = corpora / rel
        if not path.exists():
            raise FileNotFoundError(f"{path} not found (the corpora live in ../shared/corpora)")
        for sent in read(path, fmt):
            if fmt in NO_NUMERIC_TYPES:
                if mask and may_hold_numeric_entity(sent):
                    continue
                sent = to_peyma(sent)
            out.append(sent)
    return out
