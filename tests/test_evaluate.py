"""`evaluate GOLD_DIR`: the reference scorer's figures on the dev set, the
exact error listing of a hand-made gold set, and one line per bad gold file."""
from __future__ import annotations

import importlib.util
import json
from html.parser import HTMLParser

import pytest

from conftest import DEV, SHARED, need_shared
from pipeline.cli import main

TEXT = ("رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا "
        "قطعنامه شماره ۱۸-NQ/TW را اجرا کنند.\n"
        "آقای نگوین ون آ، رئیس دفتر، گفت که طرح ۴۳۹ در سال ۲۰۲۵ اجرا می‌شود.\n")
SECOND_LINE = TEXT.split("\n")[1]

# FORMAT.md's gold shape, without offsets, as people write it by hand
GOLD = {
    "doc_id": "hand",
    "people": [{"name": "وو دای تانگ", "titles": ["دبیر کمیته حزبی استان"]},
               {"name": "نگوین ون آ", "titles": ["رئیس دفتر"]}],
    "resolutions": [{"kind": "قطعنامه", "number": "18-NQ/TW"}, {"kind": "طرح", "number": "439"}],
    "dates": [{"text": "۱۸ دسامبر ۲۰۲۴", "value": "2024-12-18"}, {"text": "سال ۲۰۲۵", "value": "2025"}],
    "tasks": [{"text": "قطعنامه شماره ۱۸-NQ/TW را اجرا کنند"}],
}


def _at(text: str, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return {"start": start, "end": start + len(text), "text": text}


def _prediction() -> dict:
    """What an extractor might have said: right in places, wrong in others."""
    return {
        "doc_id": "hand",
        "people": [
            {"name": "وو دای تانگ", "titles": ["دبیر کمیته حزبی استان"], "mentions": [_at("وو دای تانگ")],
             "title_mentions": [_at("دبیر کمیته حزبی استان")]},
            {"name": "دفتر", "titles": [], "mentions": [_at("دفتر")]},
        ],
        "resolutions": [{"kind": "قطعنامه", "number": "۱۸-NQ/TW", **_at("قطعنامه شماره ۱۸-NQ/TW")},
                        {"kind": "طرح", "number": "43", **_at("طرح ۴۳۹")}],
        "dates": [{"value": "2024-12-18", "calendar": "gregorian", **_at("۱۸ دسامبر ۲۰۲۴")},
                  {"value": "2025-01", "calendar": "gregorian", **_at("سال ۲۰۲۵")}],
        "tasks": [{**_at("قطعنامه شماره ۱۸-NQ/TW را اجرا کنند")},
                  {**_at("طرح ۴۳۹ در سال ۲۰۲۵ اجرا می‌شود")}],
    }


@pytest.fixture
def hand_set(tmp_path):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    (gold / "hand.txt").write_text(TEXT, encoding="utf-8")
    (gold / "hand.gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    (pred / "hand.json").write_text(json.dumps(_prediction(), ensure_ascii=False), encoding="utf-8")
    return gold, pred


def test_error_listing_names_exactly_the_wrong_items(hand_set, tmp_path):
    gold, pred = hand_set
    assert main(["evaluate", str(gold), "--pred", str(pred), "--format", "json", "-o", str(tmp_path / "e.json")]) == 0
    result = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    listed = {(e["field"], e["kind"], e["item"]) for e in result["errors"]}
    assert listed == {
        ("people", "missed", "نگوین ون آ"),
        ("people", "spurious", "دفتر"),
        ("titles", "missed", "رئیس دفتر — نگوین ون آ"),
        ("resolutions", "missed", "طرح 439"),
        ("resolutions", "spurious", "طرح 43"),
        ("dates", "missed", "2025 «سال ۲۰۲۵»"),
        ("dates", "spurious", "2025-01 «سال ۲۰۲۵»"),
        ("tasks", "spurious", "طرح ۴۳۹ در سال ۲۰۲۵ اجرا می‌شود"),
    }
    # each stands in its own sentence, found in the text when the gold has no offsets
    for e in result["errors"]:
        assert TEXT[e["start"]:e["end"]] in e["sentence"] and e["sentence"] in TEXT
        assert e["sentence"].startswith("آقای نگوین"), e
    missed_person = next(e for e in result["errors"] if e["kind"] == "missed" and e["field"] == "people")
    assert (missed_person["start"], missed_person["end"]) == (_at("نگوین ون آ")["start"], _at("نگوین ون آ")["end"])
    fields = result["fields"]
    assert (fields["people"]["matched"], fields["people"]["gold"], fields["people"]["predicted"]) == (1, 2, 2)
    assert (fields["resolutions"]["matched"], fields["dates"]["matched"], fields["tasks"]["matched"]) == (1, 1, 1)
    assert result["per_doc"]["hand"]["all"]["matched"] == 5 and result["per_doc"]["hand"]["all"]["gold"] == 9


def test_table_shows_figures_documents_and_errors_in_their_sentence(hand_set, capsys):
    gold, pred = hand_set
    assert main(["evaluate", str(gold), "--pred", str(pred)]) == 0
    out = capsys.readouterr().out
    assert "people" in out and "0.500" in out          # P = R = 1/2 for people
    assert "hand" in out and "errors (8)" in out
    assert "⟦نگوین ون آ⟧" in out and "⟦طرح ۴۳۹⟧" in out


class _Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.marks = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and attrs.get("data-type") in ("missed", "spurious"):
            self.marks.append((attrs["data-type"], attrs["title"]))


def test_html_marks_missed_and_spurious_items_in_the_text(hand_set, tmp_path, capsys):
    gold, pred = hand_set
    out = tmp_path / "review"
    assert main(["evaluate", str(gold), "--pred", str(pred), "--format", "html", "-o", str(out)]) == 0
    assert (out / "index.html").exists() and 'href="hand.html"' in (out / "index.html").read_text(encoding="utf-8")
    page = (out / "hand.html").read_text(encoding="utf-8")
    parser = _Marks()
    parser.feed(page)
    kinds = sorted(k for k, _ in parser.marks)
    assert kinds == ["missed"] * 4 + ["spurious"] * 4
    assert ("missed", "missed people: نگوین ون آ") in parser.marks
    assert 'data-type="person"' in page  # the review page's own highlighting is still there


def _write_good(folder, name="good"):
    (folder / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (folder / f"{name}.gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")


def test_bad_gold_gives_one_clear_line_each_and_the_rest_is_scored(tmp_path, capsys):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    _write_good(gold)
    (pred / "good.json").write_text(json.dumps(_prediction(), ensure_ascii=False), encoding="utf-8")
    (gold / "broken.txt").write_text(TEXT, encoding="utf-8")
    (gold / "broken.gold.json").write_text('{"people": [', encoding="utf-8")
    incomplete = {k: v for k, v in GOLD.items() if k != "tasks"}
    incomplete["dates"] = [{"text": "سال ۲۰۲۵"}]
    (gold / "incomplete.txt").write_text(TEXT, encoding="utf-8")
    (gold / "incomplete.gold.json").write_text(json.dumps(incomplete, ensure_ascii=False), encoding="utf-8")
    (gold / "textless.gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    assert main(["evaluate", str(gold), "--pred", str(pred)]) == 1
    captured = capsys.readouterr()
    bad = [line for line in captured.err.splitlines() if line.startswith("bad gold:")]
    assert len(bad) == 3
    assert "broken.gold.json: not valid JSON" in bad[0]
    assert "incomplete.gold.json" in bad[1] and "no 'tasks' list" in bad[1] and "dates[1] has no 'value'" in bad[1]
    assert "textless.gold.json: its text textless.txt is missing" in bad[2]
    assert "documents: 1" in captured.out


def test_a_missing_folder_is_an_error_not_a_crash(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "nowhere")]) == 1
    assert "no such gold folder" in capsys.readouterr().err


def _reference_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_evaluate_equals_the_reference_scorer_on_the_dev_set(tmp_path):
    need_shared()
    pred = tmp_path / "pred"
    assert main(["extract", "--format", "json", "--out-dir", str(pred), *map(str, sorted(DEV.glob("*.txt")))]) == 0
    reference = _reference_scorer().score(DEV, pred)
    for args in (["--pred", str(pred)], []):   # finished predictions, and a fresh extraction
        out = tmp_path / "ours.json"
        assert main(["evaluate", str(DEV), *args, "--format", "json", "-o", str(out)]) == 0
        ours = json.loads(out.read_text(encoding="utf-8"))
        assert ours["documents"] == reference["documents"] == 37
        assert ours["fields"] == reference["fields"]
        assert ours["mean_f1"] == reference["mean_f1"]
        for doc_id, row in reference["per_doc"].items():
            assert {f: (c["matched"], c["gold"], c["predicted"]) for f, c in ours["per_doc"][doc_id].items()
                    if f != "all"} == {f: tuple(v) for f, v in row.items()}
        # every error is one the figures count, and each is found in its document
        missed = sum(c["gold"] - c["matched"] for c in ours["fields"].values())
        spurious = sum(c["predicted"] - c["matched"] for c in ours["fields"].values())
        assert len(ours["errors"]) == missed + spurious
        assert all(e["start"] is not None for e in ours["errors"])
