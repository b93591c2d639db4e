"""Document-level consistency of the NER taggers, against the example corpus
pipeline/ner/examples.yaml (tests/corpus/ner_consistency.yaml; positive and negative cases), and through
the CRF tagger itself."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from pipeline.ner import consistency
from pipeline.ner.spans import spans

CASES = yaml.safe_load((Path(__file__).parent / "corpus" / "ner_consistency.yaml").read_text(encoding="utf-8"))


def _parse(line: str) -> tuple[list[str], list[tuple[str, float]]]:
    words, scored = [], []
    for item in line.split():
        parts = item.split("|")
        word, tag, score = parts + ["O", "0.99"][len(parts) - 1:]
        words.append(word)
        scored.append((tag, float(score)))
    return words, scored


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_consistency_corpus(case):
    parsed = [_parse(line) for line in case["sentences"]]
    config = consistency.default()
    if "window" in case:
        config = dataclasses.replace(config, window=case["window"])
    p = float(case.get("probability", 0.5))
    names = frozenset(case.get("name_words", ()))
    out = consistency.propagate([w for w, _ in parsed], [s for _, s in parsed],
                                lambda i, a, b, kind: p, config, name_word=names.__contains__)
    found = sorted(f"{i}: {' '.join(parsed[i][0][a:b])}"
                   for i, sent in enumerate(out) for a, b, k in spans([t for t, _ in sent]) if k == "PER")
    assert found == sorted(case["expected"])


def test_a_carried_name_keeps_its_source_score():
    words, scored = _parse("مریم|B-PER|0.97 احمدی|I-PER|0.91 آمد")
    out = consistency.propagate([words, ["احمدی", "رفت"]], [scored, [("O", 0.8), ("O", 0.9)]], None)
    assert out[1] == [("B-PER", 0.91), ("O", 0.9)]


def test_settings_come_from_the_components_yaml():
    config = consistency.Consistency.from_yaml()
    assert "PER" in config.kinds and config.window > 0
    assert 0 < config.min_target_probability < config.min_single_source_score <= 1
    assert config.trim_kinds == ("PER",) and config.vote


def test_no_trimming_without_name_lists():
    # a tagger without word lists (stanza) cannot tell «وحید تماس» from «علی دایی»
    words = [["وحید", "تماس", "گرفت"], ["وحید", "گفت"]]
    scored = [[("B-PER", 0.9), ("I-PER", 0.9), ("O", 0.9)], [("B-PER", 0.99), ("O", 0.9)]]
    out = consistency.propagate(words, scored, None)
    assert [t for t, _ in out[0]] == ["B-PER", "I-PER", "O"]
