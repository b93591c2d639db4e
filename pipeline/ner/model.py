"""A CRF named-entity tagger (python-crfsuite, which hazm already depends on):
word, affix, shape and ±2 context features, plus gazetteer hits from the
project's own word lists (given names, honorifics, title heads, East-Asian name
syllables)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pycrfsuite

from ..normalize import fold
from ..resources import load_tsv, load_yaml, lookup_key

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "ner-crf.crfsuite"
TRAIN_HINT = "python -m pipeline train ner"


class ModelError(RuntimeError):
    """A model file that is missing or cannot be read."""


@lru_cache(maxsize=1)
def _gazetteers() -> dict[str, frozenset[str]]:
    people = load_yaml("people.yaml")
    return {
        "given": frozenset(lookup_key(r["name"]) for r in load_tsv("given_names.tsv")),
        "syll": frozenset(lookup_key(r["syllable"]) for r in load_tsv("name_syllables.tsv")),
        "hon": frozenset(lookup_key(w) for e in people["honorifics"] for w in str(e).split()),
        "head": frozenset(lookup_key(w) for e in people["title_heads"] for w in str(e).split()),
    }


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isalpha():
        return "a" if word.isascii() else "p"
    return "o" if not any(c.isalnum() for c in word) else "m"


def _token_features(word: str) -> list[str]:
    w = lookup_key(fold(word))
    gaz = _gazetteers()
    f = [f"w={w}", f"p1={w[:1]}", f"p2={w[:2]}", f"p3={w[:3]}", f"s1={w[-1:]}", f"s2={w[-2:]}", f"s3={w[-3:]}",
         f"shape={_shape(w)}", f"len={min(len(w), 8)}"]
    if "\u200c" in word or " " in word:
        f.append("zwnj")
    f += [name for name, words in gaz.items() if w in words]
    return f


def sentence_features(tokens: list[str]) -> list[list[str]]:
    base = [_token_features(t) for t in tokens]
    out = []
    for i in range(len(tokens)):
        feats = ["bias"] + base[i]
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < len(tokens):
                feats += [f"{off}:{x}" for x in base[j] if x.startswith(("w=", "s2=", "given", "syll", "hon", "head"))]
            else:
                feats.append(f"{off}:pad")
        out.append(feats)
    return out


def train(sentences: list[list[tuple[str, str]]], path: Path, max_iterations: int = 100,
          c1: float = 0.05, c2: float = 0.01, min_freq: int = 2) -> Path:
    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in sentences:
        tokens, tags = zip(*sent)
        trainer.append(sentence_features(list(tokens)), list(tags))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.minfreq": min_freq, "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


class Tagger:
    def __init__(self, path: Path = DEFAULT_MODEL):
        path = Path(path)
        if not path.exists():
            raise ModelError(f"NER model {path} is missing; build it with: {TRAIN_HINT}")
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(path))
        except (OSError, ValueError) as exc:
            raise ModelError(f"NER model {path} cannot be read ({exc}); rebuild it with: {TRAIN_HINT}") from None
        self.path = path

    def tag(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        return list(self._tagger.tag(sentence_features(tokens)))
