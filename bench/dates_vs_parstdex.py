"""Our dates stage against parstdex on the same documents, in one run.

    pip install -e '.[bench]'
    python bench/dates_vs_parstdex.py [--docs N] [--jsonl PATH]

Both extract dates from the same texts (the first N articles of
../shared/bench/fars_news.jsonl by default). Each side runs once untimed on a
few documents first (imports, compiled patterns), then the timed pass. Ours is
the `normalize` + `dates` stages (the view is built inside the timing); theirs
is `Parstdex().extract_span`. Prints characters per second of each and the
ratio; the issue's floor is 50x.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "bench" / "fars_news.jsonl"


def load_texts(path: Path, limit: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= limit:
                break
            text = json.loads(line).get("text")
            if isinstance(text, str) and text.strip():
                texts.append(text)
    return texts


def time_ours(texts: list[str]) -> tuple[float, int]:
    from pipeline import Document, build

    dates = build(["normalize", "dates"])
    for t in texts[:5]:
        dates(Document(t))
    found = 0
    start = time.perf_counter()
    for t in texts:
        found += len(dates(Document(t)).dates)
    return time.perf_counter() - start, found


def time_parstdex(texts: list[str]) -> tuple[float, int]:
    from parstdex import Parstdex

    model = Parstdex()
    for t in texts[:5]:
        model.extract_span(t)
    found = 0
    start = time.perf_counter()
    for t in texts:
        found += len(model.extract_span(t).get("date", []))
    return time.perf_counter() - start, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jsonl", type=Path, default=DEFAULT)
    ap.add_argument("--docs", type=int, default=300, help="number of documents (default 300)")
    args = ap.parse_args(argv)
    if not args.jsonl.exists():
        print(f"no benchmark corpus at {args.jsonl}", file=sys.stderr)
        return 2
    texts = load_texts(args.jsonl, args.docs)
    chars = sum(map(len, texts))
    ours_s, ours_n = time_ours(texts)
    theirs_s, theirs_n = time_parstdex(texts)
    ours_cps, theirs_cps = chars / ours_s, chars / theirs_s
    print(f"documents: {len(texts)}   characters: {chars:,}")
    print(f"{'extractor':<12}{'seconds':>10}{'chars/s':>14}{'dates found':>14}")
    print(f"{'ours':<12}{ours_s:>10.3f}{ours_cps:>14,.0f}{ours_n:>14}")
    print(f"{'parstdex':<12}{theirs_s:>10.3f}{theirs_cps:>14,.0f}{theirs_n:>14}")
    print(f"speed ratio (ours / parstdex): {ours_cps / theirs_cps:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
