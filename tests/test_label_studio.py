"""`annotate export --to label-studio` and `annotate import --from label-studio`:
the round trip of an unedited export, the labeling config the results refer
to, and one line per malformed task with nothing written."""
from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline import extract, to_json
from pipeline.annotate.label_studio import LABEL_TYPES, labeling_config
from pipeline.cli import main

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("ls")
    assert main(["annotate", "export", str(RAW), "--to", "label-studio", str(out)]) == 0
    return out


def _comparable(doc: dict) -> dict:
    """The fields gold and predictions share, in an order-free form."""
    spans = lambda items: sorted((m["start"], m["end"], m["text"]) for m in items)  # noqa: E731
    return {
        "people": sorted((p["name"], tuple(sorted(p["titles"])), tuple(spans(p["mentions"])),
                          tuple(spans(p["title_mentions"]))) for p in doc["people"]),
        "resolutions": sorted((r["kind"], r["number"], r["start"], r["end"]) for r in doc["resolutions"]),
        "dates": sorted((d["text"], d["value"], d["calendar"], d["start"], d["end"]) for d in doc["dates"]),
        "tasks": sorted((t["text"], t["start"], t["end"]) for t in doc["tasks"]),
    }


def test_round_trip_of_the_unedited_export_gives_the_predictions_as_gold(exported, tmp_path, capsys):
    gold = tmp_path / "gold"
    assert main(["annotate", "import", str(exported / "tasks.json"), "--from", "label-studio", "--out", str(gold),
                 "--use-predictions"]) == 0
    sources = sorted(RAW.glob("*.txt"))
    assert sorted(p.name for p in gold.glob("*.gold.json")) == [f"{p.stem}.gold.json" for p in sources]
    compared = 0
    for path in sources:
        text = path.read_text(encoding="utf-8-sig")
        assert (gold / path.name).read_text(encoding="utf-8") == text
        pred = to_json(extract(text, path.stem))
        got = json.loads((gold / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
        assert _comparable(got) == _comparable(pred), path.stem
        compared += sum(len(v) for v in _comparable(pred).values())
    assert compared > 100
    capsys.readouterr()
    assert main(["evaluate", str(gold)]) == 0
    assert "mean F1: 1.000" in capsys.readouterr().out


def test_without_the_flag_unannotated_tasks_are_skipped_and_nothing_is_written(exported, tmp_path, capsys):
    gold = tmp_path / "gold"
    assert main(["annotate", "import", str(exported / "tasks.json"), "--from", "label-studio", "--out", str(gold)]) == 0
    assert "wrote 0 gold documents" in capsys.readouterr().out and not list(gold.glob("*.json"))


def test_results_refer_to_the_labeling_config(exported):
    config = ET.fromstring((exported / "label_config.xml").read_text(encoding="utf-8"))
    assert (exported / "label_config.xml").read_text(encoding="utf-8") == labeling_config()
    text = config.find(".//Text")
    assert text.get("name") == "text" and text.get("value") == "$text"
    labels = config.find(".//Labels")
    assert {lab.get("value") for lab in labels.findall("Label")} == set(LABEL_TYPES)
    per_region = {t.get("name"): t.tag for t in config.iter() if t.get("perRegion") == "true"}
    assert per_region == {"person_name": "TextArea", "resolution_number": "TextArea", "resolution_kind": "TextArea",
                          "date_value": "TextArea", "date_calendar": "Choices"}
    relation = config.find(".//Relations/Relation").get("value")
    tasks = json.loads((exported / "tasks.json").read_text(encoding="utf-8"))
    seen = set()
    for task in tasks:
        text_value = task["data"]["text"]
        result = task["predictions"][0]["result"]
        regions = {r["id"]: r for r in result if r["type"] == "labels"}
        for r in result:
            seen.add(r["type"])
            if r["type"] == "relation":
                assert r["labels"] == [relation]
                assert regions[r["from_id"]]["value"]["labels"] == ["TITLE"]
                assert regions[r["to_id"]]["value"]["labels"] == ["PERSON"]
                continue
            assert r["to_name"] == "text" and (r["from_name"] == labels.get("name") or r["from_name"] in per_region)
            value = r["value"]
            assert text_value[value["start"]:value["end"]] == regions[r["id"]]["value"]["text"]
    assert seen == {"labels", "relation", "textarea", "choices"}


def _task(tid, text, result, **extra):
    return {"id": tid, "data": {"text": text, "doc_id": f"doc{tid}"},
            "annotations": [{"id": tid * 10, "result": result, "was_cancelled": False, **extra}]}


def _label(rid, label, start, end, text):
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def _answer(rid, name, value, start, end):
    return {"id": rid, "from_name": name, "to_name": "text", "type": "textarea",
            "value": {"start": start, "end": end, "text": [value]}}


TEXT = "آقای نگوین ون آ، رئیس دفتر، گفت که طرح ۴۳۹ در سال ۲۰۲۵ اجرا می‌شود. نگوین تأکید کرد."


def _good_result():
    person, title, surname = (TEXT.index(s) for s in ("نگوین ون آ", "رئیس دفتر", "نگوین تأکید"))
    date = TEXT.index("سال ۲۰۲۵")
    return [
        _label("a", "PERSON", person, person + 10, TEXT),
        _label("b", "PERSON", surname, surname + 5, TEXT), _answer("b", "person_name", "نگوین ون آ", surname, surname + 5),
        _label("c", "TITLE", title, title + 9, TEXT),
        {"from_id": "c", "to_id": "a", "type": "relation", "direction": "right", "labels": ["title_of"]},
        _label("d", "DATE", date, date + 8, TEXT), _answer("d", "date_value", "2025", date, date + 8),
    ]


def test_import_groups_mentions_by_name_and_reads_per_region_answers(tmp_path, capsys):
    export = tmp_path / "export.json"
    older = _task(1, TEXT, [], updated_at="2025-01-01T00:00:00Z")["annotations"][0]
    task = _task(1, TEXT, _good_result(), updated_at="2025-02-01T00:00:00Z")
    task["annotations"].insert(0, older)   # the latest annotation is the gold
    export.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    assert main(["annotate", "import", str(export), "--from", "label-studio", "--out", str(tmp_path / "g")]) == 0
    gold = json.loads((tmp_path / "g" / "doc1.gold.json").read_text(encoding="utf-8"))
    assert [(p["name"], p["titles"], len(p["mentions"])) for p in gold["people"]] == [("نگوین ون آ", ["رئیس دفتر"], 2)]
    assert [(d["text"], d["value"]) for d in gold["dates"]] == [("سال ۲۰۲۵", "2025")]
    assert gold["resolutions"] == [] and gold["tasks"] == []


def test_malformed_export_gives_one_line_per_bad_task_and_writes_nothing(tmp_path, capsys):
    good = _task(1, TEXT, _good_result())
    no_text = {"id": 2, "data": {"doc_id": "x"}, "annotations": []}
    outside = _task(3, TEXT, [_label("a", "PERSON", 5, 10, TEXT)])
    outside["annotations"][0]["result"][0]["value"].update(start=500, end=510)
    dangling = _task(4, TEXT, [_label("c", "TITLE", 0, 4, TEXT),
                               {"from_id": "c", "to_id": "zz", "type": "relation", "direction": "right"}])
    no_value = _task(5, TEXT, [r for r in _good_result() if r.get("from_name") != "date_value"])
    unknown = _task(6, TEXT, copy.deepcopy(_good_result()))
    unknown["annotations"][0]["result"][0]["value"]["labels"] = ["ORG"]
    tasks = [good, no_text, outside, dangling, no_value, unknown]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "gold"
    assert main(["annotate", "import", str(export), "--from", "label-studio", "--out", str(out)]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error: task")]
    assert [line.split(":")[1].split("(")[0].strip() for line in lines] == ["task 2", "task 3", "task 4", "task 5", "task 6"]
    assert "no data.text" in lines[0]
    assert "outside the text" in lines[1]
    assert "'zz'" in lines[2] and "related to no PERSON" in lines[2]
    assert "DATE «سال ۲۰۲۵»" in lines[3] and "no date_value" in lines[3]
    assert "['ORG']" in lines[4]
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("content, message", [
    ("{not json", "not JSON"),
    ('{"data": {"text": "x"}}', "a list of tasks"),
])
def test_an_export_that_is_not_a_task_list_is_one_line(tmp_path, capsys, content, message):
    export = tmp_path / "export.json"
    export.write_text(content, encoding="utf-8")
    assert main(["annotate", "import", str(export), "--from", "label-studio", "--out", str(tmp_path / "g")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]
