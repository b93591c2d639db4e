"""The real documents of ../shared/gold/dev: offsets and the score floor.
Skipped, with the reason, where ../shared is not beside the project."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import DEV, SHARED, need_shared
from pipeline import extract, to_json


def _predict(out, ner: bool = True):
    docs = {}
    for path in sorted(DEV.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = extract(text, path.stem, ner=ner)
        docs[path.stem] = (text, doc)
        (out / f"{path.stem}.json").write_text(json.dumps(to_json(doc), ensure_ascii=False), encoding="utf-8")
    return out, docs


# The 13 documents the rules were first written against; the Fars News
# articles named fars2_* came later (issue 20) and are scored with them in ALL.
ORIGINAL = "original"
ALL = "all"


def _gold_subset(which: str, tmp) -> Path:
    """The gold folder to score: all of DEV, or only the original 13 documents
    (linked into a temporary folder, since the scorer reads a whole folder)."""
    if which == ALL:
        return DEV
    sub = tmp / "gold-original"
    if not sub.is_dir():
        sub.mkdir()
        for f in DEV.glob("*.gold.json"):
            if not f.name.startswith("fars2_"):
                (sub / f.name).symlink_to(f)
    return sub


def _score(out, which: str = ALL):
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score.score(_gold_subset(which, out.parent), out)


def _f1s(result) -> dict[str, float]:
    return {f: round(m["f1"], 3) for f, m in result["fields"].items()}


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    """The default pipeline's: the ner stage and the model in models/."""
    need_shared()
    return _predict(tmp_path_factory.mktemp("pred"))


@pytest.fixture(scope="module")
def rules_only(tmp_path_factory):
    """The rules-only pipeline's (``ner=False``, ``--no-ner``)."""
    need_shared()
    return _predict(tmp_path_factory.mktemp("pred-rules"), ner=False)


def _spans(doc):
    for p in doc.people:
        yield from p.mentions
        yield from p.titles
    yield from doc.resolutions
    yield from doc.dates
    yield from doc.tasks
    yield from doc.sentences
    yield from doc.tokens


def test_every_mention_text_is_its_original_span(predictions):
    _, docs = predictions
    checked = 0
    for doc_id, (text, doc) in docs.items():
        assert doc.text is text or doc.text == text  # the original is never modified
        for span in _spans(doc):
            assert 0 <= span.start <= span.end <= len(text), (doc_id, span)
            assert text[span.start:span.end] == span.text, (doc_id, span)
            checked += 1
    assert checked > 1000


def test_json_offsets_point_at_the_text(predictions):
    out, docs = predictions
    for doc_id, (text, _) in docs.items():
        data = json.loads((out / f"{doc_id}.json").read_text(encoding="utf-8"))
        for field in ("resolutions", "dates", "tasks"):
            for item in data[field]:
                assert text[item["start"]:item["end"]] == (item.get("text") or text[item["start"]:item["end"]])
        for person in data["people"]:
            for m in person["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]


def test_model_entities_point_at_their_text(predictions):
    _, docs = predictions
    entities = [(text, e) for text, doc in docs.values() for e in doc.entities]
    assert sum(e.kind == "PER" for _, e in entities) > 20
    assert all(text[e.start:e.end] == e.text for text, e in entities)


def test_rules_only_runs_no_model(rules_only):
    _, docs = rules_only
    assert all(doc.entities == [] for _, doc in docs.values())


# The default pipeline (issue 23: the ner stage runs by default). Issue 4's
# floor on the 13 original documents: people F1 ≥ 0.90, titles ≥ 0.80; on all
# 37 (2026-12-03, when the model became the default): mean 0.941, people
# 0.921, titles 0.871, resolutions 1.000, dates 1.000, tasks 0.912; with the
# titles and names work of issue 20 merged, mean 0.950, people 0.930, titles
# 0.906. Set a little under that; they rise with it.
DEFAULT_FLOORS = {"mean": 0.94, "people": 0.92, "titles": 0.89, "resolutions": 0.99, "dates": 0.98, "tasks": 0.90}


def test_dev_score_floor_on_the_original_documents(predictions):
    out, _ = predictions
    result = _score(out, ORIGINAL)
    fields = _f1s(result)
    assert result["documents"] == 13
    assert fields["people"] >= 0.90 and fields["titles"] >= 0.80, fields
    assert result["mean_f1"] >= 0.96 and all(f1 >= 0.93 for f1 in fields.values()), fields


def _assert_floors_on_all_documents(out, floors: dict[str, float]) -> None:
    result = _score(out, ALL)
    fields = _f1s(result)
    assert result["documents"] == 37
    assert result["mean_f1"] >= floors["mean"], fields
    assert all(fields[f] >= floors[f] for f in fields), fields


def test_dev_score_floor_on_all_documents(predictions):
    _assert_floors_on_all_documents(predictions[0], DEFAULT_FLOORS)


def test_rules_only_dev_score_floor_on_the_original_documents(rules_only):
    """Issue 2's floor (mean F1 ≥ 0.70, every field ≥ 0.50) and the level the
    rules reached on the 13 original documents, which generalization must not
    trade away: mean ≥ 0.96, every field ≥ 0.93."""
    out, _ = rules_only
    result = _score(out, ORIGINAL)
    fields = _f1s(result)
    assert result["documents"] == 13
    assert result["mean_f1"] >= 0.96, fields
    assert all(f1 >= 0.93 for f1 in fields.values()), fields


# Floors of the rules-only pipeline on all 37 documents: it scored mean 0.827
# when they were added (2026-12-03, people 0.762, titles 0.605, dates 0.935,
# tasks 0.832); after the first generalization work of issue 20 it scores
# 0.931 (people 0.878, titles 0.867, dates 1.000, tasks 0.912); then 0.939
# (people 0.883, titles 0.897). Set a little under that; they rise with it.
RULES_ONLY_FLOORS = {"mean": 0.93, "people": 0.875, "titles": 0.885, "resolutions": 0.99, "dates": 0.98, "tasks": 0.90}


def test_rules_only_dev_score_floor_on_all_documents(rules_only):
    _assert_floors_on_all_documents(rules_only[0], RULES_ONLY_FLOORS)
