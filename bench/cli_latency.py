"""Cold-start latency of the one-document CLI: `python -m pipeline extract FILE`.

    python bench/cli_latency.py [--repeat 5] [--ref GIT_REF] [--docs N] [--no-breakdown]

Each run is a fresh child process (`python -m pipeline extract FILE`, its
output thrown away), timed by this script's clock from start to exit; its peak
RSS is the child's own (`os.wait4`). Every sample in data/raw/ is run with and
without the NER model, `--repeat` times, interleaved, and the medians are
reported. The children share one compiled-resource cache in a temporary
directory (`PERSIAN_IE_CACHE`), filled by one untimed warm-up run per tree
(its time is reported as "first run, empty cache"); the user's own cache is not
touched. With `--ref`, the code at that git ref runs the same way from a
temporary worktree, in the same run (old against new).

The start-up breakdown runs one child per tree that times, in one process:
`import pipeline`, the first and second `extract` of the target document
without the model, building the pipeline with the model (model load), and
extracting with it; and lists which of the heavy packages (nltk, scikit-learn,
scipy, pandas) those steps imported. `import hazm` in full is timed in a child
of its own, for reference.

Target (issue 24): the cabinet resolution with the model in ≤ 2.0 s median wall
time and ≤ 250 MB peak RSS.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = "ir_cabinet_resolution.txt"
HEAVY = ("hazm", "nltk", "sklearn", "scipy", "pandas", "gensim")

BREAKDOWN = r"""
import json, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
t = [time.perf_counter()]
import pipeline
from pipeline import api
t.append(time.perf_counter())
api.extract(text, pipeline=api.build(api.config(ner=False)))
t.append(time.perf_counter())
api.extract(text, pipeline=api.build(api.config(ner=False)))
t.append(time.perf_counter())
with_model = api.build(api.config(ner=True))
t.append(time.perf_counter())
api.extract(text, pipeline=with_model)
t.append(time.perf_counter())
api.extract(text, pipeline=with_model)
t.append(time.perf_counter())
steps = ("import pipeline", "first extract", "second extract", "model load", "first extract, model", "second extract, model")
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2].split(",")))
print(json.dumps({"steps": dict(zip(steps, (b - a for a, b in zip(t, t[1:])))), "heavy": heavy}))
"""


@dataclass(frozen=True)
class Tree:
    label: str
    path: Path
    model_flag: str       # the extract option that adds the model ("" when it is the default)
    no_model_flag: str    # the one that leaves it out ("" when that is the default)


def _tree(label: str, path: Path) -> Tree:
    """How this tree's CLI turns the model on and off (the model became the default in issue 23)."""
    help_text = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--help"], cwd=path,
                               capture_output=True, text=True, check=True).stdout
    if "--no-ner" in help_text:
        return Tree(label, path, "", "--no-ner")
    return Tree(label, path, "--ner", "")


def cold_run(tree: Tree, doc: Path, model: bool, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one `extract` in a fresh process."""
    flag = tree.model_flag if model else tree.no_model_flag
    cmd = [sys.executable, "-m", "pipeline", "extract", *([flag] if flag else []), str(doc)]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=tree.path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(cmd)} in {tree.path} failed: {child.stderr.read().decode()[-2000:]}")
    child.stderr.close()
    return wall, usage.ru_maxrss / 1024


def breakdown(tree: Tree, doc: Path, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", BREAKDOWN, str(doc), ",".join(HEAVY)], cwd=tree.path, env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_seconds(code: str, env: dict[str, str]) -> float:
    done = subprocess.run([sys.executable, "-c", f"import time; t = time.perf_counter(); {code}; "
                           "print(time.perf_counter() - t)"], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True)
    return float(done.stdout.strip())


def _print_table(trees: list[Tree], docs: list[Path], runs: dict, first: dict) -> None:
    print(f"{'document':<32}{'model':<7}" + "".join(f"{t.label[:9] + ' s':>14}{t.label[:9] + ' MB':>12}" for t in trees))
    for doc in docs:
        for model in (True, False):
            row = f"{doc.name:<32}{'yes' if model else 'no':<7}"
            for t in trees:
                walls, rss = zip(*runs[t.label, doc.name, model])
                row += f"{statistics.median(walls):>14.2f}{statistics.median(rss):>12.0f}"
            print(row)
    print(f"{'first run, empty cache':<39}" + "".join(f"{first[t.label][0]:>14.2f}{first[t.label][1]:>12.0f}"
                                                      for t in trees))


def _print_breakdown(trees: list[Tree], parts: dict, hazm_s: float) -> None:
    steps = list(next(iter(parts.values()))["steps"])
    print(f"\nstart-up breakdown, {TARGET}, one process per tree (seconds)")
    print(f"{'step':<26}" + "".join(f"{t.label:>14}" for t in trees))
    print(f"{'import hazm (in full)':<26}" + "".join(f"{hazm_s:>14.2f}" for _ in trees))
    for step in steps:
        print(f"{step:<26}" + "".join(f"{parts[t.label]['steps'][step]:>14.3f}" for t in trees))
    for t in trees:
        print(f"heavy packages imported by {t.label}: {', '.join(parts[t.label]['heavy']) or 'none'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="cold runs of each configuration (medians reported)")
    ap.add_argument("--ref", help="also time the code at this git ref, from a temporary worktree")
    ap.add_argument("--docs", type=int, default=0, help="only the target and the first N-1 other samples")
    ap.add_argument("--no-breakdown", action="store_true", help="skip the start-up breakdown")
    args = ap.parse_args(argv)
    raw = ROOT / "data" / "raw"
    docs = [raw / TARGET] + sorted(p for p in raw.glob("*.txt") if p.name != TARGET)
    docs = docs[: args.docs] if args.docs else docs
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "ref"
        if args.ref:
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old), args.ref], cwd=ROOT, check=True)
        try:
            return _measure(args, docs, Path(tmp), old)
        finally:
            if args.ref:
                subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT)


def _measure(args, docs: list[Path], tmp: Path, old: Path) -> int:
    env = {**os.environ, "PERSIAN_IE_CACHE": str(tmp / "cache")}
    trees = [_tree("here", ROOT)] + ([_tree(args.ref, old)] if args.ref else [])
    # one untimed run per tree fills its byte-code and resource caches; its time is reported
    first = {t.label: cold_run(t, docs[0], True, env) for t in trees}
    runs: dict = {(t.label, d.name, m): [] for t in trees for d in docs for m in (True, False)}
    for _ in range(args.repeat):  # interleaved, so drift hits every configuration alike
        for doc in docs:
            for model in (True, False):
                for t in trees:
                    runs[t.label, doc.name, model].append(cold_run(t, doc, model, env))
    print(f"cold `python -m pipeline extract FILE`: median of {args.repeat} runs; wall seconds and peak RSS MB")
    _print_table(trees, docs, runs, first)
    if args.ref:
        new, ref = (statistics.median(w for w, _ in runs[t.label, TARGET, True]) for t in trees)
        print(f"\n{TARGET} with the model: {ref:.2f} s at {args.ref} -> {new:.2f} s here ({ref / new:.1f}x faster)")
    if not args.no_breakdown:
        parts = {t.label: breakdown(t, docs[0], env) for t in trees}
        _print_breakdown(trees, parts, import_seconds("import hazm", env))
    print("per run (seconds, target with the model):",
          {t.label: [round(w, 2) for w, _ in runs[t.label, TARGET, True]] for t in trees})
    return 0


if __name__ == "__main__":
    sys.exit(main())
