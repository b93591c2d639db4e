"""What the batch progress bar costs: throughput.py's run with the bar drawn on a
terminal against the same run without it.

    python bench/progress_overhead.py [--jsonl PATH] [--docs N] [--workers N] [--repeat N]

Each run is `run_batch` in a fresh child process on the same JSONL (the first
--docs documents of ../shared/bench/fars_news.jsonl by default, 1 worker, so
the whole run is in that process), timed by its own clock (`BatchResult.seconds`)
and by the CPU time the process spent in it, every thread included (the word
lists are loaded before either clock starts). The machine is shared: CPU time
is the steadier measure of what the bar adds, and the one the floor is read on. With the bar, the child draws it on a
pseudo-terminal it opens itself, so the terminal path runs as it does for a
person at a terminal (the input is counted in the background too). The two
configurations run interleaved, --repeat times each; medians are compared.
Floor (issue 25): under 2 % slower with the bar.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "bench" / "fars_news.jsonl"

CHILD = """
import json, os, pty, sys, threading, time
from pipeline.batch import BatchOptions, run_batch
from pipeline.progress import ProgressBar
corpus, out, workers, bar = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "bar"
progress = None
if bar:
    master, slave = pty.openpty()
    def drain():
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return
    threading.Thread(target=drain, daemon=True).start()
    progress = ProgressBar(os.fdopen(slave, "w", encoding="utf-8"))
from pipeline.batch import _warm_up, pipeline_config
_warm_up(pipeline_config())
cpu = time.process_time()
r = run_batch(corpus, BatchOptions(out=out, workers=workers), progress)
if progress:
    progress.close()
print(json.dumps({"seconds": r.seconds, "cpu": time.process_time() - cpu, "documents": r.documents}))
"""


def run(corpus: Path, workers: int, bar: bool) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run([sys.executable, "-c", CHILD, str(corpus), out, str(workers), "bar" if bar else "none"],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    return stats["seconds"], stats["cpu"], stats["documents"]


def _drain(fd: int) -> None:
    """Read a terminal's output until it closes (a full terminal would block the writer)."""
    import os

    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def corpus_copy(source: Path, lines: list[str]) -> Path:
    path = Path(tempfile.mkdtemp()) / source.name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bar_cost(corpus: Path, calls: int = 2000) -> tuple[float, float]:
    """(seconds to count the input, seconds per progress report drawn on a
    pseudo-terminal), measured in this process: what the bar adds, free of the
    run-to-run noise of whole runs."""
    import os
    import pty
    import threading
    import time

    from pipeline.progress import Progress, ProgressBar, count_inputs

    count_inputs(corpus)  # once, so the figure is the counting, not this process importing its modules
    start = time.perf_counter()
    count_inputs(corpus)
    counting = time.perf_counter() - start
    master, slave = pty.openpty()
    threading.Thread(target=_drain, args=(master,), daemon=True).start()
    bar = ProgressBar(os.fdopen(slave, "w", encoding="utf-8"))
    start = time.perf_counter()
    for i in range(calls):
        bar(Progress(i, i // 50, 0, float(i), calls))
    per_call = (time.perf_counter() - start) / calls
    bar.close()
    return counting, per_call


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jsonl", type=Path, default=DEFAULT)
    ap.add_argument("--docs", type=int, default=400, help="the first N documents (default 400; 0: all)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5, help="runs of each configuration (medians compared)")
    args = ap.parse_args(argv)
    if not args.jsonl.exists():
        print(f"no benchmark corpus at {args.jsonl}", file=sys.stderr)
        return 2
    lines = args.jsonl.read_text(encoding="utf-8").splitlines()
    lines = lines[: args.docs] if args.docs else lines
    runs: dict[str, list[tuple[float, float]]] = {"without": [], "with": []}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for i in range(args.repeat):  # interleaved, alternating which goes first: drift hits both alike
            for bar in ((False, True) if i % 2 == 0 else (True, False)):
                seconds, cpu, docs = run(corpus, args.workers, bar)
                runs["with" if bar else "without"].append((seconds, cpu))
    print(f"documents: {docs:,}   workers: {args.workers}   runs per configuration: {args.repeat} (medians)")
    medians = {}
    for name, label in (("without", "without the bar"), ("with", "with the bar")):
        wall, cpu = (statistics.median(x) for x in zip(*runs[name]))
        medians[name] = wall, cpu
        print(f"{label:<16} wall {wall:6.2f} s ({docs / wall:5.1f} docs/s)  CPU {cpu:6.2f} s   "
              f"runs (wall, CPU) {[(round(w, 2), round(c, 2)) for w, c in runs[name]]}")
    print(f"overhead of whole runs: CPU {(medians['with'][1] / medians['without'][1] - 1) * 100:+.2f} %,  "
          f"wall {(medians['with'][0] / medians['without'][0] - 1) * 100:+.2f} % (both noisy on a shared machine)")
    counting, per_call = bar_cost(args.jsonl if not args.docs else corpus_copy(args.jsonl, lines))
    reports = -(-docs // 32) + 2  # one per chunk of 32, one at the start, one at the end
    cost = counting + reports * per_call
    print(f"what the bar adds: counting the input {counting * 1000:.1f} ms + {reports} reports x "
          f"{per_call * 1e6:.0f} us = {cost * 1000:.1f} ms, {cost / medians['without'][1] * 100:.3f} % of the "
          f"run's CPU time (floor: under 2 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
