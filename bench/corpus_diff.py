"""What a change does across a corpus: two versions of the pipeline run over
the same documents, and the items each field gains and loses.

    python bench/corpus_diff.py                          # HEAD against the work tree
    python bench/corpus_diff.py --base main~3 --head main
    python bench/corpus_diff.py --options-a=--no-ner --options-b=--ner   # two option sets, work tree
    python bench/corpus_diff.py --identical --dev        # exit 1 unless every row (and dev JSON) is equal

A version is a git ref (checked out into a temporary worktree) or the work
tree itself. Each runs ``python -m pipeline batch CORPUS`` in its own tree with
this interpreter, so it imports its own ``pipeline``. For each field the tool
prints how many items were added and removed, then a random sample of each
with the sentence it stands in: judge the sample by hand and put the
estimated precision in the commit message (DEVELOPERS' guide).

``--identical`` is the restructuring check: every row of every table must be
equal (timings and the manifest aside), and with ``--dev`` the JSON that
``extract --format json`` writes for each ../shared/gold/dev document must be
byte-identical.
"""
from __future__ import annotations

import argparse
import json
import random
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq
import regex

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "bench" / "fars_news.jsonl"
DEV = SHARED / "gold" / "dev"

# The columns that identify one item of a field; rows are compared as multisets.
ITEM_KEYS = {
    "people": ("doc_id", "name"),
    "titles": ("doc_id", "name", "title"),
    "resolutions": ("doc_id", "kind", "number", "start"),
    "dates": ("doc_id", "value", "start", "end"),
    "tasks": ("doc_id", "start", "end"),
    "mentions": ("doc_id", "name", "kind", "start", "end"),
}
# run-dependent columns, never compared
VOLATILE = {"seconds"}
SENTENCE_END = regex.compile(r"[.!?؟\n]")


@dataclass
class Version:
    label: str
    tree: Path
    options: list[str] = field(default_factory=list)


def run(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if done.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} failed in {cwd} (exit {done.returncode}):\n{done.stderr[-2000:]}")


def check_imports_own_tree(version: Version) -> None:
    """``python -m`` puts the tree first on sys.path; make sure it wins over
    the editable install, or both sides would run the same code."""
    out = subprocess.run([sys.executable, "-c", "import pipeline; print(pipeline.__file__)"],
                         cwd=version.tree, capture_output=True, text=True, check=True).stdout.strip()
    if not Path(out).resolve().is_relative_to(version.tree.resolve()):
        sys.exit(f"version {version.label}: `import pipeline` in {version.tree} loads {out}")


def batch(version: Version, corpus: Path, out: Path, workers: int) -> Path:
    check_imports_own_tree(version)
    run([sys.executable, "-m", "pipeline", "batch", str(corpus), "--out", str(out),
         "--workers", str(workers), *version.options], version.tree)
    return out


def dev_json(version: Version, out: Path) -> Path:
    files = sorted(str(p) for p in DEV.glob("*.txt"))
    options = [o for o in version.options if o in ("--ner", "--no-ner")]
    run([sys.executable, "-m", "pipeline", "extract", "--format", "json", "--out-dir", str(out), *options, *files],
        version.tree, ok=(0, 1))  # extract exits 1 when one input failed; identical_json names it
    return out


def read_table(out: Path, table: str) -> list[dict]:
    rows: list[dict] = []
    for part in sorted((out / table).glob("*.parquet")):
        rows.extend(pq.read_table(part).to_pylist())
    for part in sorted((out / table).glob("*.csv")):
        import csv

        with part.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    return rows


def table_names(*outs: Path) -> list[str]:
    return sorted({p.name for out in outs for p in out.iterdir() if p.is_dir() and not p.name.startswith("_")})


def row_key(row: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in row.items() if k not in VOLATILE))


def identical_tables(a: Path, b: Path) -> list[str]:
    """One line per table whose rows differ (as multisets)."""
    problems = []
    for table in table_names(a, b):
        rows_a = Counter(row_key(r) for r in read_table(a, table))
        rows_b = Counter(row_key(r) for r in read_table(b, table))
        if rows_a != rows_b:
            only_a, only_b = rows_a - rows_b, rows_b - rows_a
            example = next(iter(only_a or only_b))
            problems.append(f"{table}: {sum(only_a.values())} rows only in A, {sum(only_b.values())} only in B; "
                            f"e.g. {dict(example)}")
        else:
            print(f"  {table:<12} {sum(rows_a.values()):>7} rows, identical")
    return problems


def identical_json(a: Path, b: Path) -> list[str]:
    names = sorted({p.name for p in a.glob("*.json")} | {p.name for p in b.glob("*.json")})
    differ = [n for n in names if not (a / n).is_file() or not (b / n).is_file()
              or (a / n).read_bytes() != (b / n).read_bytes()]
    print(f"  dev JSON     {len(names) - len(differ):>3} of {len(names)} files byte-identical")
    return [f"dev JSON differs: {n}" for n in differ]


def load_texts(corpus: Path) -> dict[str, str]:
    if corpus.suffix == ".jsonl":
        texts = {}
        with corpus.open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                texts[str(record.get("id"))] = record.get("text", "")
        return texts
    if corpus.is_dir():
        return {p.stem: p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))}
    return {corpus.stem: corpus.read_text(encoding="utf-8")}


def sentence_of(text: str, start: int, end: int) -> str:
    a = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    found = SENTENCE_END.search(text, end)
    b = found.end() if found else len(text)
    sentence = text[a:b].strip()
    return sentence if len(sentence) <= 300 else sentence[:300] + "…"


def describe(item: dict, row: dict | None, texts: dict[str, str]) -> str:
    shown = {k: v for k, v in item.items() if k not in ("start", "end")}
    if row is None and "start" in item:
        row = item
    if row is None or row.get("start") is None:
        return f"    {shown}"
    text = texts.get(str(row["doc_id"]), "")
    start, end = int(row["start"]), int(row["end"])
    mark = text[start:end]
    extra = f" «{mark}»" if "text" not in shown and mark not in shown.values() else ""
    return f"    {shown}{extra}\n      ⟨{sentence_of(text, start, end)}⟩"


def field_diff(table: str, a: Path, b: Path, texts: dict[str, str], sample: int, rng: random.Random) -> dict:
    keys = ITEM_KEYS[table]
    rows_a, rows_b = read_table(a, table), read_table(b, table)

    def items(rows):
        return Counter(tuple(str(r.get(k)) for k in keys) for r in rows)

    def first_row(rows):
        seen: dict[tuple, dict] = {}
        for r in rows:
            seen.setdefault(tuple(str(r.get(k)) for k in keys), r)
        return seen

    ca, cb = items(rows_a), items(rows_b)
    added, removed = sorted((cb - ca).elements()), sorted((ca - cb).elements())
    print(f"\n{table}: {sum(ca.values())} → {sum(cb.values())}  (+{len(added)} added, -{len(removed)} removed)")
    for label, pool, rows in (("added", added, first_row(rows_b)), ("removed", removed, first_row(rows_a))):
        if not pool:
            continue
        picked = rng.sample(pool, min(sample, len(pool)))
        print(f"  sample of {len(picked)} {label}:")
        for item in picked:
            row = rows.get(item)
            print(describe(dict(zip(keys, item)), row, texts))
    return {"field": table, "before": sum(ca.values()), "after": sum(cb.values()),
            "added": len(added), "removed": len(removed)}


def worktree_for(ref: str, parent: Path) -> Path:
    path = parent / f"ref-{regex.sub(r'[^A-Za-z0-9]+', '-', ref)}"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(path), ref], cwd=ROOT, check=True)
    return path


def versions(args, tmp: Path) -> tuple[Version, Version, list[Path]]:
    made: list[Path] = []

    def tree(ref: str | None) -> Path:
        if ref is None:
            return ROOT
        made.append(worktree_for(ref, tmp))
        return made[-1]

    if args.options_a is not None or args.options_b is not None:
        # two option sets: version A runs in --base (default: the work tree), B in --head (default: the work tree)
        a = Version("A", tree(args.base), shlex.split(args.options_a or ""))
        b = Version("B", tree(args.head), shlex.split(args.options_b or ""))
    else:
        a = Version(f"A ({args.base or 'HEAD'})", tree(args.base or "HEAD"))
        b = Version(f"B ({args.head or 'work tree'})", tree(args.head))
    return a, b, made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", help="git ref of version A (default HEAD; with --options-a/-b, the work tree)")
    ap.add_argument("--head", help="git ref of version B (default: the work tree)")
    ap.add_argument("--options-a", help="batch options of version A, one string (e.g. --options-a=--no-ner)")
    ap.add_argument("--options-b", help="batch options of version B")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL, folder of .txt, or one file")
    ap.add_argument("--fields", default=",".join(f for f in ITEM_KEYS if f != "mentions"))
    ap.add_argument("--sample", type=int, default=20, help="items shown per field and direction (default 20)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--identical", action="store_true", help="exit 1 unless every table row is equal")
    ap.add_argument("--dev", action="store_true", help="also compare the dev-set JSON byte for byte")
    ap.add_argument("--json", type=Path, help="write the per-field counts here")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="corpus-diff-") as tmpdir:
        tmp = Path(tmpdir)
        a, b, made = versions(args, tmp)
        try:
            print(f"A: {a.label} {a.tree} {' '.join(a.options)}\nB: {b.label} {b.tree} {' '.join(b.options)}")
            out_a = batch(a, args.corpus, tmp / "out-a", args.workers)
            out_b = batch(b, args.corpus, tmp / "out-b", args.workers)
            if args.identical:
                problems = identical_tables(out_a, out_b)
                if args.dev:
                    problems += identical_json(dev_json(a, tmp / "dev-a"), dev_json(b, tmp / "dev-b"))
                for p in problems:
                    print("DIFFERENT:", p)
                print("identical" if not problems else f"{len(problems)} difference(s)")
                return 1 if problems else 0
            texts = load_texts(args.corpus)
            rng = random.Random(args.seed)
            counts = [field_diff(f, out_a, out_b, texts, args.sample, rng) for f in args.fields.split(",")]
            if args.json:
                args.json.write_text(json.dumps(counts, ensure_ascii=False, indent=1), encoding="utf-8")
            return 0
        finally:
            for path in made:
                subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
