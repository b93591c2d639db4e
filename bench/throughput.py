"""Batch throughput on real news, against hazm's own normalize + tokenize.

    python bench/throughput.py [--jsonl PATH] [--docs N]

In one run, on the same texts (../shared/bench/fars_news.jsonl by default):
1. the baseline: hazm's Normalizer().normalize + WordTokenizer().tokenize, in
   this process;
2. `python -m pipeline batch --workers 1` and `--workers 2` as child processes
   (the full default pipeline, reading the JSONL and writing Parquet parts).
Throughput of a batch is taken from its manifest (`this_run.seconds`: the run
itself, not interpreter start-up); peak RSS is the largest child process's
(`getrusage(RUSAGE_CHILDREN)`), measured per run in a fresh child.
Floors (issue 6): pipeline ≥ 0.5× the baseline, 2 workers ≥ 1.8× 1 worker,
peak RSS ≤ 500 MB per worker.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "bench" / "fars_news.jsonl"


def baseline(texts: list[str]) -> float:
    from hazm import Normalizer, WordTokenizer

    normalizer, tokenizer = Normalizer(), WordTokenizer()
    for t in texts[:5]:
        tokenizer.tokenize(normalizer.normalize(t))
    start = time.perf_counter()
    for t in texts:
        tokenizer.tokenize(normalizer.normalize(t))
    return time.perf_counter() - start


def batch_child(corpus: Path, workers: int) -> tuple[float, int, float]:
    """(seconds, documents, peak RSS in MB of the largest process) of one run."""
    with tempfile.TemporaryDirectory() as out:
        code = (
            "import resource, sys, json\n"
            "from pipeline.batch import BatchOptions, run_batch\n"
            f"r = run_batch({str(corpus)!r}, BatchOptions(out={out!r}, workers={workers}))\n"
            "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(json.dumps({'seconds': r.seconds, 'documents': r.documents, 'rss_kb': max(own, kids)}))\n"
        )
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        stats = json.loads(done.stdout.strip().splitlines()[-1])
    return stats["seconds"], stats["documents"], stats["rss_kb"] / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jsonl", type=Path, default=DEFAULT)
    ap.add_argument("--docs", type=int, default=0, help="use only the first N documents (default: all)")
    args = ap.parse_args(argv)
    if not args.jsonl.exists():
        print(f"no benchmark corpus at {args.jsonl}", file=sys.stderr)
        return 2
    lines = args.jsonl.read_text(encoding="utf-8").splitlines()
    if args.docs:
        lines = lines[: args.docs]
    texts = [json.loads(line)["text"] for line in lines]
    chars = sum(map(len, texts))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        base_s = baseline(texts)
        one_s, one_docs, one_rss = batch_child(corpus, 1)
        two_s, two_docs, two_rss = batch_child(corpus, 2)
    base_cps = chars / base_s
    print(f"documents: {len(texts):,}   characters: {chars:,}")
    print(f"{'run':<34}{'seconds':>9}{'chars/s':>12}{'docs/s':>9}{'peak RSS MB':>13}")
    print(f"{'hazm normalize + word-tokenize':<34}{base_s:>9.2f}{base_cps:>12,.0f}{len(texts) / base_s:>9.1f}{'':>13}")
    for name, s, d, rss in (("pipeline batch, 1 worker", one_s, one_docs, one_rss),
                            ("pipeline batch, 2 workers", two_s, two_docs, two_rss)):
        print(f"{name:<34}{s:>9.2f}{chars / s:>12,.0f}{d / s:>9.1f}{rss:>13.0f}")
    print(f"pipeline (1 worker) / hazm baseline: {(chars / one_s) / base_cps:.2f}x   (floor 0.5x)")
    print(f"2 workers / 1 worker: {one_s / two_s:.2f}x   (floor 1.8x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
