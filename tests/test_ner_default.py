"""Issue 23: the ner stage, with the model in models/, runs by default in
`extract`, `batch`, `evaluate` and `pipeline.extract`; `--no-ner` (`ner=False`)
is the rules-only path; `--ner` is still accepted and changes nothing. The
CLI is driven in-process."""
from __future__ import annotations

import io
import json
import sys

import pytest

from pipeline import config, extract, load
from pipeline.batch import BatchOptions
from pipeline.cli import main

# no rule cue (honorific, title, listed given name) introduces this name: only
# the model finds it
MODEL_ONLY = "برناردو سیلوا به مادرید رسید."
NAME = "برناردو سیلوا"


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))


def _extract_json(monkeypatch, capsys, *flags: str) -> dict:
    _stdin(monkeypatch, MODEL_ONLY)
    assert main(["extract", *flags, "--format", "json", "-"]) == 0
    return json.loads(capsys.readouterr().out)


def test_library_default_runs_the_model_and_ner_false_does_not():
    assert "ner" in config().stages and "ner" not in config(ner=False).stages
    assert BatchOptions().ner is True and BatchOptions(ner=False).ner is False
    doc = extract(MODEL_ONLY)
    assert [p.name for p in doc.people] == [NAME]
    assert any(e.kind == "PER" and e.text == NAME for e in doc.entities)
    rules = extract(MODEL_ONLY, ner=False)
    assert rules.entities == [] and rules.people == []


def test_cli_extract_runs_the_model_by_default(monkeypatch, capsys):
    default = _extract_json(monkeypatch, capsys)
    assert [p["name"] for p in default["people"]] == [NAME]
    assert _extract_json(monkeypatch, capsys, "--no-ner")["people"] == []
    # --ner, from before the model ran by default: the same output
    assert _extract_json(monkeypatch, capsys, "--ner") == default


def _batch(tmp_path, name: str, *flags: str):
    corpus = tmp_path / "corpus.jsonl"
    if not corpus.exists():
        rows = [{"id": "a", "text": MODEL_ONLY}, {"id": "b", "text": "آقای علی رضایی به تهران رفت."}]
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / name
    assert main(["batch", str(corpus), "--out", str(out), "--workers", "1", "--quiet", *flags]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return load(out), manifest["options"]


def test_cli_batch_runs_the_model_by_default(tmp_path):
    tables, options = _batch(tmp_path, "default")
    assert options["ner"] is True
    assert set(tables["people"]["name"]) == {NAME, "علی رضایی"}
    tables, options = _batch(tmp_path, "rules", "--no-ner")
    assert options["ner"] is False
    assert set(tables["people"]["name"]) == {"علی رضایی"}


def _evaluate(tmp_path, capsys, *flags: str) -> dict:
    gold = tmp_path / "gold"
    if not gold.exists():
        gold.mkdir()
        (gold / "doc.txt").write_text(MODEL_ONLY, encoding="utf-8")
        truth = {"doc_id": "doc", "people": [{"name": NAME, "titles": []}],
                 "resolutions": [], "dates": [], "tasks": []}
        (gold / "doc.gold.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "scores.json"
    main(["evaluate", str(gold), "--format", "json", "-o", str(out), *flags])
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))["fields"]["people"]


def test_cli_evaluate_runs_the_model_by_default(tmp_path, capsys):
    assert _evaluate(tmp_path, capsys)["matched"] == 1
    assert _evaluate(tmp_path, capsys, "--no-ner")["matched"] == 0


def test_no_ner_with_a_model_option_is_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["extract", "--no-ner", "--ner-model", "some.crfsuite", "-"])
    assert stop.value.code == 2
    assert "--no-ner" in capsys.readouterr().err


def test_stages_marks_the_stage_no_ner_leaves_out(capsys):
    assert main(["stages"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "--no-ner" in lines["ner"] and "--no-ner" not in lines["people"]


def test_help_says_what_ner_and_no_ner_do(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = capsys.readouterr().out
    assert "--no-ner" in out and "no-op" in out and "extract --no-ner" in out
