"""Inputs that used to lose rows silently, write outside a folder, or end in a
traceback: each is a clear error (a row of ``errors``, or one line on stderr)."""
from __future__ import annotations

import codecs
import io
import json
import os
import resource
import subprocess
import sys

import pandas as pd
import pytest

from pipeline import load
from pipeline.batch import BatchOptions, run_batch
from pipeline.cli import main

from test_batch import ROOT

SEED = "رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا قطعنامه شماره ۱۸-NQ/TW را اجرا کنند."
OTHER = "هیئت وزیران در جلسه ۱۴۰۲/۱۱/۱۹ تصویب کرد."


def _batch(source, out, **kw) -> dict[str, pd.DataFrame]:
    run_batch(source, BatchOptions(out=out, workers=1, **kw))
    return load(out)


def _one_line_error(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err


# ------------------------------------------------------------------ table inputs (item 7)

def test_an_unterminated_csv_quote_is_an_error_not_a_swallowed_file(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(f'id,text\na,{SEED}\nb,"{OTHER}\nc,{SEED}\nd,{OTHER}\n', encoding="utf-8")
    t = _batch(src, tmp_path / "out")
    assert list(t["documents"]["doc_id"]) == ["a"]
    err = t["errors"].set_index("doc_id").loc["b"]
    assert "never closed" in err["error"] and "line 3" in err["error"]


def test_a_csv_with_a_byte_order_mark_keeps_its_id_column(tmp_path):
    src = tmp_path / "excel.csv"
    src.write_bytes(codecs.BOM_UTF8 + f"id,text\nx1,{SEED}\nx2,{OTHER}\n".encode("utf-8"))
    t = _batch(src, tmp_path / "out")
    assert sorted(t["documents"]["doc_id"]) == ["x1", "x2"] and t["errors"].empty


def test_a_jsonl_file_that_starts_with_a_byte_order_mark(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "j1", "text": SEED}), json.dumps({"id": "j2", "text": OTHER})]
    src.write_bytes(codecs.BOM_UTF8 + "\n".join(lines).encode("utf-8"))
    t = _batch(src, tmp_path / "out")
    assert sorted(t["documents"]["doc_id"]) == ["j1", "j2"] and t["errors"].empty


@pytest.mark.parametrize("name", ["IN.CSV", "in.json", "lines.json", "IN.JSONL", "IN.PARQUET"])
def test_table_files_are_read_as_tables_whatever_their_case(tmp_path, name):
    records = [{"id": "r1", "text": SEED}, {"id": "r2", "text": OTHER}]
    src = tmp_path / name
    if name.lower().endswith(".csv"):
        pd.DataFrame(records).to_csv(src, index=False)
    elif name == "in.json":  # a JSON array of records
        src.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    elif name.lower().endswith((".json", ".jsonl")):  # JSON Lines
        src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    else:
        pd.DataFrame(records).to_parquet(src, index=False)
    t = _batch(src, tmp_path / "out")
    assert sorted(t["documents"]["doc_id"]) == ["r1", "r2"] and t["errors"].empty


def test_upper_case_txt_files_in_a_folder_are_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "UPPER.TXT").write_text(SEED, encoding="utf-8")
    (folder / "lower.txt").write_text(OTHER, encoding="utf-8")
    (folder / "notes.md").write_text("not a document", encoding="utf-8")
    t = _batch(folder, tmp_path / "out")
    assert sorted(t["documents"]["doc_id"]) == ["UPPER", "lower"]


# ------------------------------------------------------------------ extract --out-dir (item 8)

@pytest.mark.parametrize("doc_id", ["../../escaped", "ABSOLUTE/escaped", "a/../../b"])
def test_out_dir_files_stay_inside_the_folder(tmp_path, monkeypatch, doc_id):
    doc_id = doc_id.replace("ABSOLUTE", str(tmp_path))  # an absolute id, outside --out-dir
    out = tmp_path / "deep" / "pred"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.encode("utf-8"))))
    assert main(["extract", "--format", "json", "--out-dir", str(out), "--id", doc_id, "-"]) == 0
    written = [p for p in tmp_path.rglob("*.json")]
    assert len(written) == 1 and written[0].parent == out
    assert json.loads(written[0].read_text(encoding="utf-8"))["doc_id"] == doc_id


def test_two_inputs_with_one_file_name_do_not_overwrite_each_other(tmp_path, capsys):
    for sub, text in (("a", SEED), ("b", OTHER)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "pred"
    assert main(["extract", "--format", "json", "--out-dir", str(out),
                 str(tmp_path / "a" / "same.txt"), str(tmp_path / "b" / "same.txt")]) == 1
    err = capsys.readouterr().err
    assert "same.json" in err and str(tmp_path / "a" / "same.txt") in err
    kept = json.loads((out / "same.json").read_text(encoding="utf-8"))
    assert kept["dates"][0]["value"] == "2024-12-18"  # the first file's, not overwritten


# ------------------------------------------------------------------ a byte-order mark (item 9)

def test_a_byte_order_mark_is_recorded_and_offsets_count_after_it(tmp_path, capsys):
    src = tmp_path / "bom.txt"
    src.write_bytes(codecs.BOM_UTF8 + SEED.encode("utf-8"))
    assert main(["extract", "--format", "json", str(src)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["bom"] is True
    as_read = src.read_bytes().decode("utf-8-sig")
    assert as_read == SEED
    for d in data["dates"] + data["resolutions"] + data["tasks"]:
        assert as_read[d["start"]:d["end"]] == d["text"]
    plain = tmp_path / "plain.txt"
    plain.write_text(SEED, encoding="utf-8")
    assert main(["extract", "--format", "json", str(plain)]) == 0
    assert "bom" not in json.loads(capsys.readouterr().out)

    t = _batch(tmp_path, tmp_path / "out")
    docs = t["documents"].set_index("doc_id")
    assert bool(docs.loc["bom", "bom"]) and not bool(docs.loc["plain", "bom"])
    assert docs.loc["bom", "n_chars"] == len(SEED)
    dates = t["dates"].set_index("doc_id")
    assert SEED[dates.loc["bom", "start"]:dates.loc["bom", "end"]] == dates.loc["bom", "text"]

    page = tmp_path / "bom.html"
    assert main(["extract", "--format", "html", "-o", str(page), str(src)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "byte-order mark" in html and "\ufeff" not in html


# ------------------------------------------------------------------ timeouts (item 10)

def test_extract_has_a_time_limit(tmp_path, monkeypatch, capsys):
    import time

    import pipeline.api

    def slow(*args, **kwargs):
        time.sleep(3)

    src = tmp_path / "doc.txt"
    src.write_text(SEED, encoding="utf-8")
    monkeypatch.setattr(pipeline.api, "extract", slow)
    t0 = time.perf_counter()
    assert main(["extract", "--timeout", "0.2", str(src)]) == 1
    assert time.perf_counter() - t0 < 2
    err = capsys.readouterr().err
    assert "doc.txt" in err and "took over" in err


# ------------------------------------------------------------------ one-line errors (item 11)

def test_an_out_folder_that_is_a_file_or_cannot_be_made(tmp_path, capsys):
    src = tmp_path / "doc.txt"
    src.write_text(SEED, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for out in (blocker, blocker / "below", "/sys/cannot-make-this"):
        assert main(["batch", str(src), "--out", str(out), "--quiet"]) == 1
        _one_line_error(capsys.readouterr().err)


def test_extract_output_that_cannot_be_written(tmp_path, capsys):
    src = tmp_path / "doc.txt"
    src.write_text(SEED, encoding="utf-8")
    assert main(["extract", str(src), "-o", str(tmp_path)]) == 1  # a folder
    _one_line_error(capsys.readouterr().err)
    assert main(["extract", str(src), "-o", "/sys/cannot-write.txt"]) == 1
    _one_line_error(capsys.readouterr().err)


def test_a_latin1_csv_is_an_error_row_per_record(tmp_path, capsys):
    src = tmp_path / "latin.csv"
    src.write_bytes("id,text\n1,Sécurité\n2,café\n".encode("latin-1"))
    out = tmp_path / "out"
    assert main(["batch", str(src), "--out", str(out), "--quiet"]) == 1  # every document failed
    err = capsys.readouterr().err
    assert "Traceback" not in err and "every document failed" in err
    errors = load(out)["errors"]
    assert sorted(errors["doc_id"]) == ["1", "2"] and errors["error"].str.contains("not UTF-8").all()


def test_a_garbage_parquet_file_is_one_line(tmp_path, capsys):
    src = tmp_path / "in.parquet"
    src.write_bytes(b"PAR1" + os.urandom(200))
    assert main(["batch", str(src), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err
    _one_line_error(err)
    assert "in.parquet" in err


@pytest.mark.parametrize("flag,value", [("--workers", "-2"), ("--workers", "0"), ("--chunk-size", "0"),
                                        ("--limit", "-1"), ("--doc-timeout", "-5")])
def test_impossible_numbers_are_refused(tmp_path, capsys, flag, value):
    src = tmp_path / "doc.txt"
    src.write_text(SEED, encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["batch", str(src), "--out", str(tmp_path / "out"), flag, value])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert flag in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_library_refuses_impossible_options_too(tmp_path):
    for bad in ({"workers": -2}, {"chunk_size": 0}, {"limit": -1}, {"doc_timeout": -1}):
        with pytest.raises(ValueError):
            run_batch(tmp_path, BatchOptions(out=tmp_path / "out", **bad))


def test_ctrl_c_is_one_line(monkeypatch, tmp_path, capsys):
    import pipeline.batch

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.batch, "run_batch", interrupted)
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_batch_fails_when_every_document_failed(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    assert main(["batch", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert "every document failed" in capsys.readouterr().err
    (folder / "good.txt").write_text(SEED, encoding="utf-8")
    assert main(["batch", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 0


# ------------------------------------------------------------------ minor (item 12)

def test_symlinks_out_of_the_input_folder_are_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(SEED, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "own.txt").write_text(OTHER, encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "inner.txt").symlink_to(folder / "own.txt")  # inside the folder: read
    t = _batch(folder, tmp_path / "out")
    assert sorted(t["documents"]["doc_id"]) == ["inner", "own"]
    assert "outside the input folder" in t["errors"].set_index("doc_id").loc["link", "error"]


def test_terminal_escape_codes_do_not_reach_the_terminal(tmp_path, capsys):
    src = tmp_path / "esc.txt"
    src.write_text("\x1b]0;owned\x07\x1b[2J" + SEED.replace("وو", "و\x1b[31mو") + "\x9b31m", encoding="utf-8")
    assert main(["extract", str(src)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "2024-12-18" in out


def test_extract_dev_zero_stops_at_the_size_limit():
    """Run in a child with a memory cap: before the limit it read until memory ran out."""
    cap = 3 * 1024 ** 3

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", "/dev/zero"], cwd=ROOT, capture_output=True,
                          timeout=120, preexec_fn=limit)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, err
    _one_line_error(err)


def test_an_over_long_jsonl_line_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    import pipeline.records

    monkeypatch.setattr(pipeline.records, "MAX_LINE_BYTES", 4096)
    src = tmp_path / "in.jsonl"
    big = json.dumps({"id": "big", "text": "سلام " * 2000}, ensure_ascii=False)
    src.write_text("\n".join([json.dumps({"id": "a", "text": SEED}, ensure_ascii=False), big,
                              json.dumps({"id": "b", "text": OTHER}, ensure_ascii=False)]) + "\n", encoding="utf-8")
    t = _batch(src, tmp_path / "out")
    assert sorted(t["documents"]["doc_id"]) == ["a", "b"]
    err = t["errors"].iloc[0]
    assert err["path"].endswith(":2") and "4,096 bytes" in err["error"]
