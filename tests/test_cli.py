"""The command line, driven in-process."""
from __future__ import annotations

import io
import json
import sys

import pytest

from pipeline import load
from pipeline.cli import main

SEED = "رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا قطعنامه شماره ۱۸-NQ/TW را اجرا کنند.\n"


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(SEED, encoding="utf-8")
    return path


def test_extract_prints_a_readable_table(seed_file, capsys):
    assert main(["extract", str(seed_file)]) == 0
    out = capsys.readouterr().out
    assert "وو دای تانگ" in out and "دبیر کمیته حزبی استان" in out
    assert "۱۸-NQ/TW" in out and "2024-12-18" in out
    assert "tasks (1)" in out


class _GoneReader(io.StringIO):
    """A stdout whose reader has gone away (``extract … | head``)."""

    def __init__(self, fd: int):
        super().__init__()
        self._fd = fd

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:  # main() points it at /dev/null
        return self._fd


def test_a_reader_that_goes_away_ends_extract_quietly(seed_file, tmp_path, monkeypatch, capsys):
    with open(tmp_path / "stdout", "w") as own:
        monkeypatch.setattr(sys, "stdout", _GoneReader(own.fileno()))
        assert main(["extract", str(seed_file), "--no-ner"]) == 1
    assert capsys.readouterr().err == ""


def test_extract_json_follows_the_contract(seed_file, capsys):
    assert main(["extract", "--format", "json", str(seed_file)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["doc_id"] == "seed"
    assert [p["name"] for p in data["people"]] == ["وو دای تانگ"]
    assert data["people"][0]["titles"] == ["دبیر کمیته حزبی استان"]
    assert [(r["kind"], r["number"]) for r in data["resolutions"]] == [("قطعنامه", "۱۸-NQ/TW")]
    assert [d["value"] for d in data["dates"]] == ["2024-12-18"]
    task = data["tasks"][0]
    assert task["text"].startswith("قطعنامه شماره") and task["requester"]
    for item in data["dates"] + data["resolutions"] + data["tasks"]:
        assert SEED[item["start"]:item["end"]] == item["text"]


def test_extract_reads_stdin_with_dash(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.encode("utf-8"))))
    assert main(["extract", "--format", "json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["doc_id"] == "stdin" and data["dates"][0]["value"] == "2024-12-18"


def test_extract_many_files_to_out_dir(tmp_path, seed_file):
    other = tmp_path / "other.txt"
    other.write_text("تصویب‌نامه شماره ۴۸۲۶۵/ت۶۲۶۴۸هـ مورخ ۱۴۰۳/۳/۲۱ لغو می‌شود.", encoding="utf-8")
    out = tmp_path / "pred"
    assert main(["extract", "--format", "json", "--out-dir", str(out), str(seed_file), str(other)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["other.json", "seed.json"]
    other_json = json.loads((out / "other.json").read_text(encoding="utf-8"))
    assert other_json["resolutions"][0]["date"] == "2024-06-10"


def test_bad_file_is_reported_and_the_rest_still_run(tmp_path, seed_file, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    out = tmp_path / "pred"
    assert main(["extract", "--format", "json", "--out-dir", str(out), str(bad), str(seed_file)]) == 1
    assert "bad.txt" in capsys.readouterr().err
    assert (out / "seed.json").exists()


def test_batch_writes_tables_that_load_back(tmp_path, seed_file, capsys):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "x.txt").write_text("هیئت وزیران در جلسه ۱۴۰۲/۱۱/۱۹ تصویب کرد.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(tmp_path), "--out", str(out), "--quiet"]) == 0
    tables = load(out)
    assert set(tables) == {"documents", "people", "titles", "mentions", "resolutions", "dates", "tasks", "errors"}
    assert sorted(tables["documents"]["doc_id"]) == ["more/x", "seed"]
    assert sorted(tables["errors"]["doc_id"]) == ["empty", "latin1"]
    reasons = dict(zip(tables["errors"]["doc_id"], tables["errors"]["error"]))
    assert "empty document" in reasons["empty"] and "not UTF-8" in reasons["latin1"]
    assert set(tables["dates"]["value"]) == {"2024-12-18", "2024-02-08"}
    titles = tables["titles"]
    assert list(titles["title"]) == ["دبیر کمیته حزبی استان"] and list(titles["doc_id"]) == ["seed"]
    people = tables["people"].merge(titles, on=["doc_id", "person_id"])
    assert list(people["name_x"]) == ["وو دای تانگ"]


def test_batch_csv_format(tmp_path, seed_file):
    out = tmp_path / "csv"
    assert main(["batch", str(seed_file), "--out", str(out), "--format", "csv", "--quiet"]) == 0
    tables = load(out)
    assert list((out / "dates").glob("part-*.csv")) and tables["dates"]["value"].tolist() == ["2024-12-18"]


def test_help_has_runnable_examples(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "python -m pipeline extract" in capsys.readouterr().out


def test_stages_lists_requirements(capsys):
    assert main(["stages"]) == 0
    out = capsys.readouterr().out
    assert "tasks" in out and "requires" in out


def test_batch_defaults_on_the_command_line_are_the_library_s():
    # the parser is built without importing the batch module (start-up time),
    # so its defaults are written out twice: they must agree
    from pipeline.batch import BatchOptions
    from pipeline.cli import _parser

    args = _parser().parse_args(["batch", "in.jsonl"])
    assert args.chunk_size == BatchOptions().chunk_size
    assert args.doc_timeout == BatchOptions().doc_timeout
