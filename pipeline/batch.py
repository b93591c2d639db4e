"""Batch extraction: many documents in, tabular datasets out.

One bad document never stops a batch: it becomes a row in the ``errors``
table (with the reason) and the run goes on.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .api import extract
from .inputs import iter_inputs
from .tables import TABLES, rows, write_tables


@dataclass
class BatchResult:
    documents: int
    errors: int
    seconds: float
    tables: dict[str, Path]


def run_batch(source: str | Path, out_dir: str | Path = "data/out", fmt: str = "parquet",
              limit: int | None = None, progress=None) -> BatchResult:
    source, out_dir = Path(source), Path(out_dir)
    collected: dict[str, list[dict]] = {t: [] for t in TABLES}
    done = errors = 0
    t0 = time.perf_counter()
    for raw in iter_inputs(source):
        if limit is not None and done + errors >= limit:
            break
        if raw.error is not None:
            collected["errors"].append({"doc_id": raw.doc_id, "path": raw.path, "stage": "read", "error": raw.error})
            errors += 1
            continue
        try:
            doc = extract(raw.text, raw.doc_id, raw.date)
        except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
            collected["errors"].append({"doc_id": raw.doc_id, "path": raw.path, "stage": "extract",
                                        "error": f"{type(exc).__name__}: {exc}"})
            errors += 1
            continue
        for name, recs in rows(doc, raw.path).items():
            collected[name].extend(recs)
        done += 1
        if progress:
            progress(done, errors)
    tables = write_tables(collected, out_dir, fmt)
    return BatchResult(done, errors, time.perf_counter() - t0, tables)


def print_progress(done: int, errors: int) -> None:
    print(f"\r{done} documents, {errors} errors", end="", file=sys.stderr, flush=True)
