"""Batch extraction at scale: resume after a kill, bad documents, workers and
the Dask engine all give the same tables."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline import load
from pipeline.batch import BatchOptions, process_chunk, run_batch
from pipeline.inputs import MAX_CHARS, Columns, RawDocument

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data" / "raw").glob("*.txt"))


def make_jsonl(path: Path, copies: int) -> Path:
    """A corpus of the sample documents, each repeated under new ids."""
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for s in SAMPLES:
                fh.write(json.dumps({"id": f"{s.stem}-{k}", "text": s.read_text(encoding="utf-8"),
                                     "date": "2024-12-01"}, ensure_ascii=False) + "\n")
    return path


def canonical(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tables in a fixed row order, without the timing column."""
    out = {}
    for name, df in tables.items():
        df = df.drop(columns=[c for c in ("seconds", "path") if c in df.columns])
        out[name] = df.sort_values(list(df.columns)).reset_index(drop=True)
    return out


def assert_same_tables(a, b):
    a, b = canonical(a), canonical(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=True)


def test_killed_run_resumes_to_the_same_tables(tmp_path):
    corpus = make_jsonl(tmp_path / "corpus.jsonl", copies=40)  # 200 documents
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    run_batch(corpus, BatchOptions(out=whole, workers=1, chunk_size=4))

    cmd = [sys.executable, "-m", "pipeline", "batch", str(corpus), "--out", str(killed),
           "--workers", "1", "--chunk-size", "4", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    markers = killed / "_committed"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if markers.is_dir() and len(list(markers.glob("part-*.json"))) >= 3:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = load(killed)
    assert 0 < len(partial["documents"]) < 200

    result = run_batch(corpus, BatchOptions(out=killed, workers=1, chunk_size=4))
    assert result.skipped == len(partial["documents"])
    assert_same_tables(load(whole), load(killed))
    assert len(load(killed)["documents"]) == 200


def test_rerun_skips_done_documents_and_replaces_changed_ones(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for s in SAMPLES[:3]:
        (folder / s.name).write_text(s.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch(folder, BatchOptions(out=out, workers=1))
    before = load(out)
    again = run_batch(folder, BatchOptions(out=out, workers=1))
    assert (again.documents, again.skipped) == (0, 3)
    assert_same_tables(before, load(out))

    changed = folder / SAMPLES[0].name
    changed.write_text("در ۱۸ دسامبر ۲۰۲۴ قطعنامه شماره ۱۸-NQ/TW صادر شد.", encoding="utf-8")
    third = run_batch(folder, BatchOptions(out=out, workers=1))
    assert (third.documents, third.skipped) == (1, 2) and first.documents == 3
    after = load(out)
    doc_id = SAMPLES[0].stem
    assert list(after["documents"]["doc_id"]).count(doc_id) == 1  # replaced, not doubled
    assert set(after["dates"].loc[after["dates"]["doc_id"] == doc_id, "value"]) == {"2024-12-18"}


def test_bad_documents_become_error_rows_and_the_rest_is_extracted(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(SAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Sécurité et café".encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_text(" \n\t\n", encoding="utf-8")
    (folder / "huge.txt").write_text("سلام " * (MAX_CHARS // 5 + 10), encoding="utf-8")
    (folder / "page.txt").write_text("<html><head><title>x</title></head><body><div><p>خبر</p><p>متن</p>"
                                     "<span>بیشتر</span><br></div></body></html>" * 20, encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(folder, BatchOptions(out=out, workers=2, chunk_size=2))
    tables = load(out)
    assert list(tables["documents"]["doc_id"]) == ["good"]
    reasons = dict(zip(tables["errors"]["doc_id"], tables["errors"]["error"]))
    assert set(reasons) == {"latin1", "binary", "empty", "huge", "page"}
    assert "not UTF-8" in reasons["latin1"] and "binary" in reasons["binary"] and "empty" in reasons["empty"]
    assert "limit" in reasons["huge"] and "HTML" in reasons["page"]
    assert (result.documents, result.errors) == (1, 5)


def test_a_document_over_the_time_limit_is_an_error(monkeypatch):
    import pipeline.api

    def slow(*args, **kwargs):
        time.sleep(2)

    monkeypatch.setattr(pipeline.api, "extract", slow)
    tables, done = process_chunk([RawDocument("slow", "x", "متن", sha1="s")], doc_timeout=0.2)
    assert done == [("slow", "s")]
    assert tables["errors"][0]["error"].startswith("DocumentTimeout")


def test_two_workers_and_one_give_the_same_tables(tmp_path):
    corpus = make_jsonl(tmp_path / "c.jsonl", copies=4)
    run_batch(corpus, BatchOptions(out=tmp_path / "w1", workers=1, chunk_size=3))
    run_batch(corpus, BatchOptions(out=tmp_path / "w2", workers=2, chunk_size=3))
    assert_same_tables(load(tmp_path / "w1"), load(tmp_path / "w2"))


def test_csv_and_parquet_inputs_with_named_columns(tmp_path):
    frame = pd.DataFrame({"article": ["a1", "a2"], "body": [SAMPLES[0].read_text(encoding="utf-8"), "   "],
                          "published": ["2024-05-01", None], "link": ["https://example.org/1", None]})
    frame.to_csv(tmp_path / "in.csv", index=False)
    frame.to_parquet(tmp_path / "in.parquet", index=False)
    cols = Columns(id="article", text="body", date="published", url="link")
    for name in ("in.csv", "in.parquet"):
        out = tmp_path / f"out-{name}"
        run_batch(tmp_path / name, BatchOptions(out=out, workers=1, columns=cols))
        t = load(out)
        assert list(t["documents"]["doc_id"]) == ["a1"]
        assert t["documents"]["url"].tolist() == ["https://example.org/1"]
        assert t["documents"]["date"].tolist() == ["2024-05-01"]
        assert t["errors"]["doc_id"].tolist() == ["a2"]


def test_manifest_records_version_files_options_and_counts(tmp_path):
    out = tmp_path / "out"
    run_batch(SAMPLES[0], BatchOptions(out=out, workers=1))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pipeline_version"] and manifest["options"]["workers"] == 1
    assert any(k.endswith("dates.yaml") for k in manifest["model_and_rule_files_sha256"])
    assert manifest["table_rows"]["documents"] == 1 and manifest["this_run"]["documents"] == 1


def test_dask_engine_gives_the_local_engines_tables(tmp_path):
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install -e '.[cluster]')")
    corpus = make_jsonl(tmp_path / "c.jsonl", copies=3)
    run_batch(corpus, BatchOptions(out=tmp_path / "local", workers=1, chunk_size=4))
    result = run_batch(corpus, BatchOptions(out=tmp_path / "dask", workers=2, chunk_size=4, engine="dask"))
    assert result.documents == 15 and result.parts == 4
    assert_same_tables(load(tmp_path / "local"), load(tmp_path / "dask"))


def test_manifest_counts_match_the_loaded_tables(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for s in SAMPLES[:2]:
        (folder / s.name).write_text(s.read_text(encoding="utf-8"), encoding="utf-8")
    for fmt in ("parquet", "csv"):
        out = tmp_path / fmt
        run_batch(folder, BatchOptions(out=out, workers=1, fmt=fmt))
        (folder / SAMPLES[0].name).write_text("در ۱۸ دسامبر ۲۰۲۴ قطعنامه شماره ۱۸-NQ/TW صادر شد.", encoding="utf-8")
        run_batch(folder, BatchOptions(out=out, workers=1, fmt=fmt))  # one document replaced
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["table_rows"] == {name: len(df) for name, df in load(out).items()}
        (folder / SAMPLES[0].name).write_text(SAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
