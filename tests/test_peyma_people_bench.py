"""bench/peyma_people.py on a slice of PEYMA's test sentences: the reading of
the gold spans, and that merging the model's names with the rule names keeps
most of what the tagger finds without losing precision (issue 23). The full
figures are in bench/README.md."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT, SHARED

_spec = importlib.util.spec_from_file_location("peyma_people", ROOT / "bench" / "peyma_people.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["peyma_people"] = bench   # its dataclasses look their module up
_spec.loader.exec_module(bench)

PEYMA_TEST = SHARED / "corpora" / "peyma" / "test.txt"


def test_gold_names_as_format_writes_them(tmp_path):
    corpus = tmp_path / "t.txt"
    corpus.write_text("با|O\nامام|B_PER\nخمینی|I_PER\nو|O\nحضرت|B_PER\nمعصومه|I_PER\n(ع)|I_PER\nو|O\n"
                      "مسعود|B_PER\nعرب زاده|I_PER\nدیدار|O\n\nآقای|O\nرضایی|B_PER\nگفت|O\n", encoding="utf-8")
    first, second = bench.sentences(corpus)
    assert sorted(first.gold.values()) == ["خمینی", "مسعود عرب زاده", "معصومه"]
    assert first.text.startswith("با امام خمینی و حضرت معصومه (ع)")
    assert list(second.gold.values()) == ["رضایی"]
    # PEYMA's own spans on demand
    assert "امام خمینی" in bench.sentences(corpus, as_tagged=True)[0].gold.values()


def test_tally_counts_distinct_names():
    tally = bench.Tally()
    tally.add(0, {"a": "a", "b": "b"}, {"a": "a", "c": "c"})
    assert tally.scores()["precision"] == 0.5 and tally.scores()["recall"] == 0.5
    assert tally.missed == [(0, "c")] and tally.spurious == [(0, "b")]


def test_merge_keeps_close_to_the_tagger_on_a_slice():
    if not PEYMA_TEST.exists():
        pytest.skip(f"PEYMA not found beside the project ({PEYMA_TEST})")
    corpus = bench.sentences(PEYMA_TEST, limit=150)
    scores = {name: t.scores() for name, t in bench.measure(corpus).items()}
    ner, rules, tagger = scores["ner"], scores["rules"], scores["tagger"]
    # on this slice (2026-12-03): ner F1 0.903 (P 0.962), rules 0.720, tagger 0.835
    assert ner["precision"] >= tagger["precision"], scores
    assert ner["f1"] >= tagger["f1"] and ner["f1"] >= 0.88, scores
    assert ner["recall"] > rules["recall"] + 0.15, scores
