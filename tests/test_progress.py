"""The batch's progress display (issue 25): drawn on a terminal (a
pseudo-terminal here) with the total, percentage, rate, time left and errors;
nothing but the summary when stderr is not a terminal or with --quiet."""
from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.batch import BatchOptions, run_batch
from pipeline.cli import main
from pipeline.progress import ProgressBar, count_inputs

ROOT = Path(__file__).resolve().parents[1]
SEED = ("رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا "
        "قطعنامه شماره ۱۸-NQ/TW را اجرا کنند.")


def _folder(root: Path, good: int, bad: int = 0) -> Path:
    folder = root / "in"
    folder.mkdir()
    for i in range(good):
        (folder / f"doc{i}.txt").write_text(f"{SEED} ({i})", encoding="utf-8")
    for i in range(bad):
        (folder / f"empty{i}.txt").write_text(" \n", encoding="utf-8")
    return folder


def _on_a_terminal(args: list[str]) -> str:
    """What ``python -m pipeline ARGS`` writes to a pseudo-terminal (its stdout and stderr)."""
    master, slave = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=ROOT, stdin=subprocess.DEVNULL,
                             stdout=slave, stderr=slave)
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:  # read while it runs: a full terminal buffer would stall it
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    assert child.wait(timeout=300) == 0
    reader.join(timeout=30)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_total_percentage_rate_time_left_and_errors(tmp_path):
    folder = _folder(tmp_path, good=5, bad=1)
    shown = _on_a_terminal(["batch", str(folder), "--out", str(tmp_path / "out"), "--workers", "1",
                            "--chunk-size", "1"])
    frames = [f for f in shown.split("\r") if "docs" in f]
    assert frames, shown
    last = frames[-1]
    assert "100%" in last and "6/6" in last and "docs/s" in last and "1 errors" in last, last
    assert any("/6 [" in f and "<" in f for f in frames)  # elapsed<remaining
    assert "5 documents extracted, 1 errors" in shown


def test_not_a_terminal_gets_only_the_summary(tmp_path, capsys):
    folder = _folder(tmp_path, good=3)
    assert main(["batch", str(folder), "--out", str(tmp_path / "out"), "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("3 documents extracted") and out.count("\n") == 1


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_is_for_terminals_only():
    assert ProgressBar.for_terminal(io.StringIO()) is None
    assert ProgressBar.for_terminal(_Tty(), quiet=True) is None
    assert isinstance(ProgressBar.for_terminal(_Tty()), ProgressBar)


def test_quiet_on_a_terminal_gets_only_the_summary(tmp_path, monkeypatch, capsys):
    folder = _folder(tmp_path, good=2)
    for quiet, out in ((["--quiet"], "out-quiet"), ([], "out-bar")):
        terminal = _Tty()
        monkeypatch.setattr(sys, "stderr", terminal)
        assert main(["batch", str(folder), "--out", str(tmp_path / out), "--workers", "1", *quiet]) == 0
        monkeypatch.undo()
        assert capsys.readouterr().out.startswith("2 documents extracted")
        assert ("2/2" in terminal.getvalue()) is not bool(quiet), terminal.getvalue()


def test_the_run_reports_what_is_left_and_a_resumed_run_counts_only_its_own(tmp_path):
    folder = _folder(tmp_path, good=4, bad=1)
    seen = []
    result = run_batch(folder, BatchOptions(out=tmp_path / "out", workers=1, chunk_size=2), seen.append)
    assert seen[0].done == 0 and seen[-1].total == 5
    assert (seen[-1].documents, seen[-1].errors) == (result.documents, result.errors) == (4, 1)
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    (folder / "new.txt").write_text(SEED, encoding="utf-8")
    again = []
    run_batch(folder, BatchOptions(out=tmp_path / "out", workers=1), again.append)
    assert (again[-1].total, again[-1].done, again[-1].skipped) == (1, 1, 5)
    limited = []
    run_batch(folder, BatchOptions(out=tmp_path / "other", workers=1, limit=2), limited.append)
    assert limited[-1].total == 2


def test_totals_are_counted_for_every_kind_of_input(tmp_path):
    assert count_inputs(_folder(tmp_path, good=3, bad=2)) == 5
    jsonl = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": str(i), "text": SEED}, ensure_ascii=False) for i in range(7)]
    jsonl.write_text("\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:]), encoding="utf-8")  # a blank line, no final newline
    assert count_inputs(jsonl) == 7
    csv_file = tmp_path / "in.csv"
    csv_file.write_text('id,text\n1,"two\nlines"\n2,one\n3,"a ""quoted""\nfield"\n', encoding="utf-8")
    assert count_inputs(csv_file) == 3  # records, not lines
    wide_csv = tmp_path / "wide.csv"
    wide_csv.write_bytes('id,text\n1,"یک\nدو"\n'.encode("utf-16"))
    assert count_inputs(wide_csv) == 1
    parquet = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [str(i) for i in range(11)], "text": [SEED] * 11}), parquet)
    assert count_inputs(parquet) == 11
    assert count_inputs(tmp_path / "in" / "doc0.txt") == 1
    (tmp_path / "in.json").write_text("[]", encoding="utf-8")
    assert count_inputs(tmp_path / "in.json") is None  # known only by parsing it all
