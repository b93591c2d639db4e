"""Faults around a batch: two runs into one folder, a killed parent, Ctrl-C,
repeated ids, slow documents and records that once stopped every run."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline import load
from pipeline.batch import BatchOptions, process_chunk, run_batch
from pipeline.cli import main
from pipeline.inputs import RawDocument

from test_batch import ROOT, SAMPLES, assert_same_tables, make_jsonl

SEED = "رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا قطعنامه شماره ۱۸-NQ/TW را اجرا کنند."


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (read from /proc)."""
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; nobody may be left to reap it


def _start_batch(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "pipeline", "batch", str(corpus), "--out", str(out), "--quiet", *extra]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_parts(proc: subprocess.Popen, out: Path, n: int) -> None:
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if (out / "_committed").is_dir() and len(list((out / "_committed").glob("part-*.json"))) >= n:
            return
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before the test could interrupt it"


def _parts(out: Path) -> int:
    return len(list((out / "_committed").glob("part-*.json")))


def test_killed_parent_takes_its_workers_and_a_busy_out_is_refused(tmp_path, capsys):
    corpus = make_jsonl(tmp_path / "corpus.jsonl", copies=20)  # 100 documents
    out = tmp_path / "out"
    proc = _start_batch(corpus, out, "--workers", "2", "--chunk-size", "2")
    try:
        _wait_for_parts(proc, out, 2)
        workers = _children(proc.pid)
        assert len(workers) >= 2

        # a second batch into the busy folder is refused, with a reason
        assert main(["batch", str(corpus), "--out", str(out), "--workers", "1", "--quiet"]) == 1
        err = capsys.readouterr().err
        assert "another batch" in err and str(proc.pid) in err and "Traceback" not in err

        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.time() + 15
        while time.time() < deadline and any(map(_alive, workers)):
            time.sleep(0.05)
        assert not any(map(_alive, workers)), "workers outlived their parent"
        parts = _parts(out)
        time.sleep(1.0)
        assert _parts(out) == parts, "parts were committed after the parent died"
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()

    # the dead run's lock is not stuck: the same command resumes and completes
    assert main(["batch", str(corpus), "--out", str(out), "--workers", "1", "--chunk-size", "8", "--quiet"]) == 0
    docs = load(out)["documents"]
    assert len(docs) == 100 and docs["doc_id"].is_unique


def test_ctrl_c_stops_workers_without_a_traceback(tmp_path):
    # enough documents that the run is still going when Ctrl-C comes: the
    # corpus repeats five texts; a batch that starts fast (cached resources)
    # and has seen them (cached word scores) can finish hundreds first
    corpus = make_jsonl(tmp_path / "corpus.jsonl", copies=100)
    out = tmp_path / "out"
    proc = _start_batch(corpus, out, "--workers", "2", "--chunk-size", "2")
    try:
        _wait_for_parts(proc, out, 1)
        workers = _children(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends: the whole group
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    err = err.decode("utf-8", "replace")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert not any(map(_alive, workers))
    assert main(["batch", str(corpus), "--out", str(out), "--workers", "1", "--chunk-size", "16", "--quiet"]) == 0
    assert len(load(out)["documents"]) == 500


def test_a_document_listed_by_two_committed_parts_counts_once(tmp_path):
    """What two unlocked runs used to leave behind: the same documents in two
    sets of parts. The later part holds each document; a re-run repairs nothing
    because nothing is doubled any more."""
    corpus = make_jsonl(tmp_path / "c.jsonl", copies=2)  # 10 documents
    clean, other = tmp_path / "clean", tmp_path / "other"
    run_batch(corpus, BatchOptions(out=clean, workers=1, chunk_size=3))
    run_batch(corpus, BatchOptions(out=other, workers=1, chunk_size=4))
    damaged = tmp_path / "damaged"
    shutil.copytree(clean, damaged)
    for marker in sorted((other / "_committed").glob("part-*.json")):
        meta = json.loads(marker.read_text(encoding="utf-8"))
        new = meta["part"] + 100
        for table_dir in other.iterdir():
            for f in table_dir.glob(f"part-{meta['part']:06d}.*"):
                shutil.copy(f, damaged / table_dir.name / f.name.replace(f"{meta['part']:06d}", f"{new:06d}"))
        meta["part"] = new
        (damaged / "_committed" / f"part-{new:06d}.json").write_text(json.dumps(meta), encoding="utf-8")
    assert_same_tables(load(clean), load(damaged))
    again = run_batch(corpus, BatchOptions(out=damaged, workers=1))
    assert (again.documents, again.skipped) == (0, 10)
    manifest = json.loads((damaged / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["table_rows"] == {name: len(df) for name, df in load(clean).items()}


def _records_with_repeated_ids() -> list[dict]:
    texts = [s.read_text(encoding="utf-8") for s in SAMPLES]
    recs = [{"id": f"d{i}", "text": texts[i % len(texts)]} for i in range(10)]
    recs[5]["id"] = "d1"                     # a real id used twice
    recs[2].pop("id")                        # line 3 gets the automatic id "3" ...
    recs[7]["id"] = "3"                      # ... which a later record also has
    recs[8]["id"] = "d1"                     # a third use of d1, with other text
    recs[8]["text"] = SEED
    return recs


def test_the_first_record_of_an_id_wins_and_reruns_are_identical(tmp_path):
    corpus = tmp_path / "dups.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records_with_repeated_ids()),
                      encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch(corpus, BatchOptions(out=out, workers=1, chunk_size=2))
    tables = load(out)
    docs, errors = tables["documents"], tables["errors"]
    assert docs["doc_id"].is_unique and len(docs) == 7
    assert docs.set_index("doc_id").loc["d1", "path"].endswith(":2")
    assert docs.set_index("doc_id").loc["3", "path"].endswith(":3")
    assert sorted(errors["path"].str.rsplit(":", n=1).str[1].astype(int)) == [6, 8, 9]
    for row in errors.itertuples():
        line = int(row.path.rsplit(":", 1)[1])
        first_line = 3 if row.doc_id == "3" else 2
        assert row.stage == "duplicate"
        assert f"dups.jsonl:{line}" in row.error and f"dups.jsonl:{first_line}" in row.error
    assert (first.documents, first.errors) == (7, 3)
    for _ in range(2):
        again = run_batch(corpus, BatchOptions(out=out, workers=1, chunk_size=3))
        assert (again.documents, again.errors, again.skipped) == (0, 0, 10)
        assert_same_tables(tables, load(out))


def test_a_changed_duplicate_replaces_its_own_error_row_only(tmp_path):
    recs = _records_with_repeated_ids()
    corpus = tmp_path / "dups.jsonl"
    write = lambda: corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                                      encoding="utf-8")
    write()
    out = tmp_path / "out"
    run_batch(corpus, BatchOptions(out=out, workers=1, chunk_size=4))
    before = load(out)
    recs[5]["text"] = SEED + " دوباره"       # the duplicate on line 6 changes
    write()
    again = run_batch(corpus, BatchOptions(out=out, workers=1, chunk_size=4))
    assert (again.documents, again.errors, again.skipped) == (0, 1, 9)
    after = load(out)
    assert_same_tables({k: v for k, v in before.items() if k != "errors"},
                       {k: v for k, v in after.items() if k != "errors"})
    assert len(after["errors"]) == 3 and after["errors"]["path"].is_unique


# ------------------------------------------------------------------ records that stopped every run

def test_lone_surrogates_and_odd_file_names_are_error_rows_not_a_dead_batch(tmp_path):
    corpus = tmp_path / "odd.jsonl"
    corpus.write_text("\n".join([
        json.dumps({"id": "ok", "text": SEED}),
        json.dumps({"id": "lone", "text": "سلام \ud800 دنیا"}),
        json.dumps({"id": "id-\udfff", "text": SEED}),
        json.dumps({"id": "url", "text": SEED, "url": "https://x/\udc80"}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(corpus, BatchOptions(out=out, workers=1))
    tables = load(out)
    assert list(tables["documents"]["doc_id"]) == ["ok"]
    reasons = dict(zip(tables["errors"]["path"].str.rsplit(":", n=1).str[1], tables["errors"]["error"]))
    assert set(reasons) == {"2", "3", "4"} and all("surrogate" in r for r in reasons.values())
    assert any("\\udfff" in d for d in tables["errors"]["doc_id"])  # written, escaped
    assert (result.documents, result.errors) == (1, 3)

    folder = tmp_path / "files"
    folder.mkdir()
    (folder / ".txt").write_text(SEED, encoding="utf-8")
    (folder / "ok.txt").write_text(SEED, encoding="utf-8")
    Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.txt")).write_text(SEED, encoding="utf-8")  # not UTF-8
    out = tmp_path / "out-files"
    result = run_batch(folder, BatchOptions(out=out, workers=1))
    docs = load(out)["documents"]
    assert sorted(docs["doc_id"]) == [".txt", "caf\\xe9", "ok"]
    assert result.documents == 3


# ------------------------------------------------------------------ time limits

def test_the_time_limit_grows_with_the_documents_length(monkeypatch):
    import pipeline.api

    from pipeline.document import Document

    limits = []

    def timed(text, doc_id, *args, **kwargs):
        limits.append(signal.getitimer(signal.ITIMER_REAL)[0])  # the alarm set for this document
        return Document(text=text, doc_id=doc_id)

    monkeypatch.setattr(pipeline.api, "extract", timed)
    long_text = "سلام " * (1_990_000 // 5)
    process_chunk([RawDocument("long", "x", long_text, sha1="s"), RawDocument("short", "y", SEED, sha1="t")],
                  doc_timeout=60)
    assert limits[0] > 97 * 2   # about 97 s was measured for 1.99 M characters; room to spare
    assert 59 < limits[1] <= 60


def test_the_time_limit_holds_outside_the_main_thread(monkeypatch):
    """Dask runs tasks in threads, where SIGALRM cannot reach."""
    import pipeline.api

    def slow(*args, **kwargs):
        for _ in range(400):
            time.sleep(0.01)

    monkeypatch.setattr(pipeline.api, "extract", slow)
    result = {}
    t = threading.Thread(target=lambda: result.update(
        out=process_chunk([RawDocument("slow", "x", "متن", sha1="s")], doc_timeout=0.2)))
    t0 = time.perf_counter()
    t.start()
    t.join(10)
    assert time.perf_counter() - t0 < 3
    tables, done = result["out"]
    assert done == [("slow", "s")] and tables["errors"][0]["error"].startswith("DocumentTimeout")


def test_the_dask_engine_keeps_the_time_limit(tmp_path):
    """The limit (a tenth of a millisecond) fires in a task thread of a Dask
    worker. Each document is long, most of a second of work: on a busy
    machine the timer thread may wait its turn for tens of milliseconds, and a
    short sample document (a few ms) could finish before it runs."""
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install -e '.[cluster]')")
    corpus = tmp_path / "c.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for s in SAMPLES:
            long_text = "\n".join([s.read_text(encoding="utf-8")] * 30)  # about 150,000 characters
            fh.write(json.dumps({"id": s.stem, "text": long_text}, ensure_ascii=False) + "\n")
    result = run_batch(corpus, BatchOptions(out=tmp_path / "dask", workers=1, engine="dask", doc_timeout=1e-4))
    errors = load(tmp_path / "dask")["errors"]
    assert result.documents == 0 and len(errors) == len(SAMPLES)
    assert errors["error"].str.startswith("DocumentTimeout").all()


def test_a_document_that_kills_its_worker_is_an_error_row(tmp_path, monkeypatch):
    """A crash or the out-of-memory killer takes the worker, not the batch: the
    chunks in flight are tried again, one document at a time, and the one whose
    worker dies again is an error row. Forked workers inherit the patch."""
    import pipeline.api

    real = pipeline.api.extract

    def fatal(text, *args, **kwargs):
        if "KILL-THE-WORKER" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pipeline.api, "extract", fatal)
    corpus = tmp_path / "c.jsonl"
    texts = [s.read_text(encoding="utf-8") for s in SAMPLES] * 2
    texts[3] = SEED + " KILL-THE-WORKER"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(corpus, BatchOptions(out=out, workers=2, chunk_size=2))
    tables = load(out)
    assert sorted(tables["documents"]["doc_id"]) == sorted(f"d{i}" for i in range(len(texts)) if i != 3)
    assert list(tables["errors"]["doc_id"]) == ["d3"] and "WorkerDied" in tables["errors"]["error"][0]
    assert (result.documents, result.errors) == (len(texts) - 1, 1)
    again = run_batch(corpus, BatchOptions(out=out, workers=2, chunk_size=2))
    assert (again.documents, again.errors, again.skipped) == (0, 0, len(texts))
