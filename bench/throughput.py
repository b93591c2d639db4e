"""Batch throughput on real news, against hazm's own normalize + tokenize.

    python bench/throughput.py [--jsonl PATH] [--docs N] [--repeat 3] [--ref GIT_REF]

In one run, on the same texts (../shared/bench/fars_news.jsonl by default):
1. the baseline: hazm's Normalizer().normalize + WordTokenizer().tokenize, in
   this process;
2. `run_batch(..., workers=1)` and `workers=2` in child processes, for the
   default pipeline (the ner stage with the model in models/) and for
   `--no-ner` (rules only), each reading the JSONL and writing Parquet parts.
Throughput of a batch is its own clock (`BatchResult.seconds`: the run itself,
after interpreter start-up and the one-time loading of word lists and the
model); peak RSS is the largest process's (`getrusage`), measured per run in a
fresh child. Each configuration runs `--repeat` times, interleaved, and the
medians are reported with the load average before and after: this machine is
shared and noisy. The baseline runs right before each batch, and a floor
against it is judged on the median of those paired ratios (the ratio of the
medians is printed beside it): the machine's speed drifts within a round.
Floors (issue 23): the default pipeline ≥ 0.35× the baseline, `--no-ner` ≥
0.6×, 2 workers ≥ 1.8× 1 worker, peak RSS ≤ 500 MB per worker.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
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


def batch_child(corpus: Path, workers: int, ner: bool = True, tree: Path = ROOT) -> tuple[float, int, float]:
    """(seconds, documents, peak RSS in MB of the largest process) of one run
    of the code in ``tree`` (a child started there imports that tree's pipeline)."""
    with tempfile.TemporaryDirectory() as out:
        code = (
            "import resource, sys, json\n"
            "from pipeline.batch import BatchOptions, run_batch\n"
            f"r = run_batch({str(corpus)!r}, BatchOptions(out={out!r}, workers={workers}, ner={ner}))\n"
            "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(json.dumps({'seconds': r.seconds, 'documents': r.documents, 'rss_kb': max(own, kids)}))\n"
        )
        done = subprocess.run([sys.executable, "-c", code], cwd=tree, capture_output=True, text=True, check=True)
        stats = json.loads(done.stdout.strip().splitlines()[-1])
    return stats["seconds"], stats["documents"], stats["rss_kb"] / 1024


CONFIGS = (("default", True, 1), ("default", True, 2), ("--no-ner", False, 1), ("--no-ner", False, 2))
FLOORS = {"default": 0.35, "--no-ner": 0.6}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jsonl", type=Path, default=DEFAULT)
    ap.add_argument("--docs", type=int, default=0, help="use only the first N documents (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each configuration (median reported)")
    ap.add_argument("--ref", help="also time 1 worker of the default pipeline at this git ref, in the same run")
    args = ap.parse_args(argv)
    if not args.jsonl.exists():
        print(f"no benchmark corpus at {args.jsonl}", file=sys.stderr)
        return 2
    lines = args.jsonl.read_text(encoding="utf-8").splitlines()
    if args.docs:
        lines = lines[: args.docs]
    texts = [json.loads(line)["text"] for line in lines]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        runs = _runs(corpus, texts, args.repeat, args.ref, Path(tmp) / "ref")
    _report(runs, texts, args, load_before, os.getloadavg())
    return 0


def _runs(corpus: Path, texts: list[str], repeat: int, ref: str | None, old_tree: Path) -> dict:
    if ref:
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old_tree), ref], cwd=ROOT, check=True)
    runs: dict = {"base": [], "ref": [], "paired": {c: [] for c in CONFIGS}, **{c: [] for c in CONFIGS}}
    try:
        for _ in range(repeat):  # interleaved, so drift hits every configuration alike
            for c in CONFIGS:
                # the baseline right before each batch: on a shared machine the
                # speed drifts within a round, and a ratio of two runs a minute
                # apart reads the drift as much as the code
                base = baseline(texts)
                runs["base"].append(base)
                runs[c].append(batch_child(corpus, c[2], ner=c[1]))
                runs["paired"][c].append(base / runs[c][-1][0])
            if ref:
                runs["ref"].append(batch_child(corpus, 1, ner=True, tree=old_tree))
    finally:
        if ref:
            subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=ROOT)
    return runs


def _report(runs: dict, texts: list[str], args, load_before, load_after) -> None:
    chars = sum(map(len, texts))
    base_s = statistics.median(runs["base"])
    med = {c: tuple(statistics.median(x) for x in zip(*runs[c])) for c in runs if c not in ("base", "paired") and runs[c]}
    paired = {c: statistics.median(r) for c, r in runs["paired"].items()}
    print(f"documents: {len(texts):,}   characters: {chars:,}   runs per configuration: {args.repeat} (medians)")
    print("load average (1, 5, 15 min): before " + " ".join(f"{x:.2f}" for x in load_before)
          + ", after " + " ".join(f"{x:.2f}" for x in load_after))
    print(f"{'run':<36}{'seconds':>9}{'chars/s':>12}{'docs/s':>9}{'/ hazm':>8}{'peak RSS MB':>13}")
    print(f"{'hazm normalize + word-tokenize':<36}{base_s:>9.2f}{chars / base_s:>12,.0f}{len(texts) / base_s:>9.1f}"
          f"{1:>8.2f}{'':>13}")
    names = {c: f"batch {c[0]}, {c[2]} worker{'s' if c[2] > 1 else ''}" for c in CONFIGS}
    names["ref"] = f"batch default at {args.ref}, 1 worker"
    for c, (s, d, rss) in med.items():
        print(f"{names[c]:<36}{s:>9.2f}{chars / s:>12,.0f}{d / s:>9.1f}{base_s / s:>8.2f}{rss:>13.0f}")
    for label, floor in FLOORS.items():
        one, two = med[(label, label == "default", 1)], med[(label, label == "default", 2)]
        key = (label, label == "default", 1)
        print(f"{label}: 1 worker / hazm {paired[key]:.2f}x paired (floor {floor}x; "
              f"rounds {min(runs['paired'][key]):.2f}-{max(runs['paired'][key]):.2f}, "
              f"of the medians {base_s / one[0]:.2f}x); "
              f"2 workers / 1 worker {one[0] / two[0]:.2f}x (floor 1.8x); "
              f"peak RSS {max(one[2], two[2]):.0f} MB (floor 500 MB)")
    print(f"default / --no-ner, 1 worker: {med[('default', True, 1)][0] / med[('--no-ner', False, 1)][0]:.2f}x the time")
    if "ref" in med:
        print(f"this tree / {args.ref}, 1 worker: {med['ref'][0] / med[('default', True, 1)][0]:.2f}x the throughput")
    print("per run (seconds): baseline", [round(x, 2) for x in runs["base"]])
    for c in CONFIGS:
        print(f"  {names[c]}:", [round(x[0], 2) for x in runs[c]])


if __name__ == "__main__":
    sys.exit(main())
