"""Batch throughput on real news, against hazm's own normalize + tokenize.

    python bench/throughput.py [--jsonl PATH] [--docs N] [--ner] [--ref GIT_REF]

In one run, on the same texts (../shared/bench/fars_news.jsonl by default):
1. the baseline: hazm's Normalizer().normalize + WordTokenizer().tokenize, in
   this process;
2. `python -m pipeline batch --workers 1` and `--workers 2` as child processes
   (the full default pipeline, reading the JSONL and writing Parquet parts).
Throughput of a batch is its own clock (`BatchResult.seconds`: the run itself,
after interpreter start-up and the one-time loading of word lists); peak RSS is
the largest process's (`getrusage`), measured per run in a fresh child. Each
configuration runs `--repeat` times, interleaved, and the medians are reported:
this machine is shared and noisy.
Floors (issue 6): pipeline ≥ 0.5× the baseline, 2 workers ≥ 1.8× 1 worker,
peak RSS ≤ 500 MB per worker.
"""
from __future__ import annotations

import argparse
import json
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


def batch_child(corpus: Path, workers: int, ner: bool = False, tree: Path = ROOT) -> tuple[float, int, float]:
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jsonl", type=Path, default=DEFAULT)
    ap.add_argument("--docs", type=int, default=0, help="use only the first N documents (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each configuration (median reported)")
    ap.add_argument("--ner", action="store_true", help="also time 1 worker with the ner stage (batch --ner)")
    ap.add_argument("--ref", help="also time 1 worker of the code at this git ref, in the same run (old against new)")
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
        old_tree = Path(tmp) / "ref"
        if args.ref:
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old_tree), args.ref], cwd=ROOT, check=True)
        runs = {"base": [], 1: [], 2: [], "ner": [], "ref": []}
        try:
            for _ in range(args.repeat):  # interleaved, so drift hits every configuration alike
                runs["base"].append(baseline(texts))
                runs[1].append(batch_child(corpus, 1))
                runs[2].append(batch_child(corpus, 2))
                if args.ner:
                    runs["ner"].append(batch_child(corpus, 1, ner=True))
                if args.ref:
                    runs["ref"].append(batch_child(corpus, 1, tree=old_tree))
        finally:
            if args.ref:
                subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=ROOT)
    base_s = statistics.median(runs["base"])
    one_s, one_docs, one_rss = (statistics.median(x) for x in zip(*runs[1]))
    two_s, two_docs, two_rss = (statistics.median(x) for x in zip(*runs[2]))
    base_cps = chars / base_s
    print(f"documents: {len(texts):,}   characters: {chars:,}   runs per configuration: {args.repeat} (medians)")
    print(f"{'run':<34}{'seconds':>9}{'chars/s':>12}{'docs/s':>9}{'peak RSS MB':>13}")
    print(f"{'hazm normalize + word-tokenize':<34}{base_s:>9.2f}{base_cps:>12,.0f}{len(texts) / base_s:>9.1f}{'':>13}")
    for name, s, d, rss in (("pipeline batch, 1 worker", one_s, one_docs, one_rss),
                            ("pipeline batch, 2 workers", two_s, two_docs, two_rss)):
        print(f"{name:<34}{s:>9.2f}{chars / s:>12,.0f}{d / s:>9.1f}{rss:>13.0f}")
    if args.ner:
        ner_s, ner_docs, ner_rss = (statistics.median(x) for x in zip(*runs["ner"]))
        print(f"{'pipeline batch --ner, 1 worker':<34}{ner_s:>9.2f}{chars / ner_s:>12,.0f}{ner_docs / ner_s:>9.1f}{ner_rss:>13.0f}")
        print(f"--ner / without, 1 worker: {ner_s / one_s:.2f}x the time")
    if args.ref:
        ref_s, ref_docs, ref_rss = (statistics.median(x) for x in zip(*runs["ref"]))
        print(f"{'batch at ' + args.ref + ', 1 worker':<34}{ref_s:>9.2f}{chars / ref_s:>12,.0f}{ref_docs / ref_s:>9.1f}{ref_rss:>13.0f}")
        print(f"this tree / {args.ref}, 1 worker: {ref_s / one_s:.2f}x the throughput")
    print(f"pipeline (1 worker) / hazm baseline: {(chars / one_s) / base_cps:.2f}x   (floor 0.5x)")
    print(f"2 workers / 1 worker: {one_s / two_s:.2f}x   (floor 1.8x)")
    print("per run (seconds): baseline", [round(x, 2) for x in runs["base"]],
          "1 worker", [round(x[0], 2) for x in runs[1]], "2 workers", [round(x[0], 2) for x in runs[2]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
