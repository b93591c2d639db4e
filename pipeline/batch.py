"""Batch extraction at archive scale: many documents in, partitioned tables out.

- Streaming: documents are read one at a time and sent to workers in chunks,
  with a bounded number of chunks in flight, so memory does not grow with the
  corpus.
- Workers: one process per core by default (``workers=1`` runs in-process).
- Resume: every chunk is written as one committed part (see ``tables``); a
  re-run skips documents whose (id, content hash) a committed part holds, so a
  killed run loses at most its unfinished chunks and never doubles a row.
- One bad document never stops a batch: it becomes a row of ``errors`` (the
  reason, the stage) and the run goes on; a document that takes longer than
  ``doc_timeout`` seconds is one of those.
- ``engine="dask"`` runs the same chunk function on a Dask cluster
  (``scheduler`` address, or a LocalCluster) and writes the same parts.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .api import build, extract
from .api import config as api_config
from .component import Pipeline, PipelineConfig
from .inputs import Columns, RawDocument, iter_inputs
from .tables import TABLES, committed, error_row, rows, write_part


class DocumentTimeout(Exception):
    pass


@dataclass
class BatchOptions:
    out: Path = Path("data/out")
    fmt: str = "parquet"
    workers: int | None = None          # None: all cores
    chunk_size: int = 32
    limit: int | None = None
    doc_timeout: float = 60.0           # seconds per document; 0 disables
    engine: str = "local"               # local | dask
    scheduler: str | None = None        # dask scheduler address (tcp://host:port)
    columns: Columns = field(default_factory=Columns)
    ner: bool = False                   # run the NER model before people (slower, more names)
    ner_backend: str = "crf"
    ner_model: str | None = None        # default: the backend's model in models/


@dataclass
class BatchResult:
    documents: int
    errors: int
    skipped: int
    seconds: float
    parts: int
    out: Path
    startup_seconds: float = 0.0


# ------------------------------------------------------------------ the chunk

def process_chunk(chunk: list[RawDocument], doc_timeout: float = 60.0,
                  config: PipelineConfig | None = None) -> tuple[dict[str, list[dict]], list[tuple[str, str]]]:
    """Extract a list of documents into table rows. Never raises for one
    document: its failure is an ``errors`` row. ``config``: the pipeline to
    run (default: the default pipeline)."""
    nlp = _pipeline_for(config or pipeline_config())

    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    done: list[tuple[str, str]] = []
    for raw in chunk:
        done.append((raw.doc_id, raw.sha1))
        if raw.error is not None:
            out["errors"].append(error_row(raw.doc_id, raw.path, raw.sha1, "read", raw.error))
            continue
        t0 = time.perf_counter()
        try:
            with _time_limit(doc_timeout):
                doc = extract(raw.text, raw.doc_id, raw.date, pipeline=nlp)
        except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
            out["errors"].append(error_row(raw.doc_id, raw.path, raw.sha1, "extract", f"{type(exc).__name__}: {exc}"))
            continue
        for name, recs in rows(doc, raw.path, raw.url, raw.source, time.perf_counter() - t0, raw.sha1).items():
            out[name].extend(recs)
    return out, done


class _time_limit:
    """SIGALRM-based limit; only in a process's main thread (else no limit)."""

    def __init__(self, seconds: float):
        self.seconds = seconds if threading.current_thread() is threading.main_thread() else 0

    def __enter__(self):
        if self.seconds > 0:
            self._old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        if self.seconds > 0:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old)
        return False

    def _fire(self, *_):
        raise DocumentTimeout(f"extraction took over {self.seconds:g}s")


_BUILT: dict[str, Pipeline] = {}  # this process's pipelines: a worker builds each once, not per chunk


def _pipeline_for(config: PipelineConfig) -> Pipeline:
    key = config.key()
    if key not in _BUILT:
        _BUILT.clear()
        _BUILT[key] = build(config)
    return _BUILT[key]


def _warm_up(config: PipelineConfig) -> None:
    """Build the pipeline and run it once, so word lists, compiled rules and
    the model are loaded before the clock runs (and before workers fork)."""
    extract("رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا قطعنامه شماره ۱۸-NQ/TW را اجرا کنند.",
            pipeline=_pipeline_for(config))


def pipeline_config(opts: BatchOptions | None = None) -> PipelineConfig:
    opts = opts or BatchOptions()
    return api_config(opts.ner, opts.ner_backend, opts.ner_model)


def _write_chunk(chunk: list[RawDocument], out: str, part: int, fmt: str, doc_timeout: float,
                 supersedes: list[tuple[str, int]], config: PipelineConfig | None = None) -> tuple[int, int, int]:
    tables, done = process_chunk(chunk, doc_timeout, config)
    write_part(tables, Path(out), part, fmt, done, supersedes)
    return part, len(tables["documents"]), len(tables["errors"])


# ------------------------------------------------------------------ resume

@dataclass
class _Ledger:
    """What committed parts already hold: doc_id -> (sha1, part)."""

    seen: dict[str, tuple[str, int]]
    next_part: int

    @classmethod
    def read(cls, out: Path) -> "_Ledger":
        seen: dict[str, tuple[str, int]] = {}
        last = -1
        for m in committed(out):
            last = max(last, m["part"])
            for doc_id, sha1 in m["documents"]:
                seen[doc_id] = (sha1, m["part"])
        return cls(seen, last + 1)

    def todo(self, raw: RawDocument) -> tuple[bool, tuple[str, int] | None]:
        """(process it?, the older (doc_id, part) it replaces, if its text changed)."""
        old = self.seen.get(raw.doc_id)
        if old is None:
            return True, None
        if old[0] == raw.sha1:
            return False, None
        return True, (raw.doc_id, old[1])


def _chunks(docs: Iterable[RawDocument], ledger: _Ledger, size: int, limit: int | None,
            counter: dict) -> Iterator[tuple[list[RawDocument], list[tuple[str, int]]]]:
    chunk, replaced = [], []
    taken = 0
    for raw in docs:
        if limit is not None and taken >= limit:
            break
        go, old = ledger.todo(raw)
        if not go:
            counter["skipped"] += 1
            continue
        taken += 1
        chunk.append(raw)
        if old:
            replaced.append(old)
        if len(chunk) >= size:
            yield chunk, replaced
            chunk, replaced = [], []
    if chunk:
        yield chunk, replaced


# ------------------------------------------------------------------ engines

def run_batch(source: str | Path, options: BatchOptions | None = None,
              progress: Callable[[int, int, float], None] | None = None) -> BatchResult:
    opts = options or BatchOptions()
    source, out = Path(source), Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    ledger = _Ledger.read(out)
    counter = {"skipped": 0}
    # extraction allocates many small objects and frees them per document: a
    # higher first-generation threshold spares most cyclic-GC passes
    old_gc = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    t_start = time.perf_counter()
    _warm_up(pipeline_config(opts))  # word lists and compiled rules load once, before the clock runs
    startup = time.perf_counter() - t_start
    t0 = time.perf_counter()
    chunks = _chunks(iter_inputs(source, opts.columns), ledger, opts.chunk_size, opts.limit, counter)
    try:
        if opts.engine == "dask":
            totals = _run_dask(chunks, ledger.next_part, opts, out)
        elif opts.engine == "local":
            totals = _run_local(chunks, ledger.next_part, opts, out, progress, t0)
        else:
            raise ValueError(f"unknown engine {opts.engine!r}: use local or dask")
    finally:
        gc.set_threshold(*old_gc)
    result = BatchResult(totals[0], totals[1], counter["skipped"], time.perf_counter() - t0, totals[2], out, startup)
    write_manifest(out, source, opts, result)
    return result


def _run_local(chunks, first_part: int, opts: BatchOptions, out: Path, progress, t0) -> tuple[int, int, int]:
    workers = opts.workers or os.cpu_count() or 1
    docs = errors = parts = 0
    part = first_part
    if workers == 1:
        for chunk, replaced in chunks:
            _, d, e = _write_chunk(chunk, str(out), part, opts.fmt, opts.doc_timeout, replaced, pipeline_config(opts))
            docs, errors, parts, part = docs + d, errors + e, parts + 1, part + 1
            if progress:
                progress(docs, errors, time.perf_counter() - t0)
        return docs, errors, parts
    # forked workers inherit the word lists and compiled rules run_batch loaded;
    # frozen, those objects are never walked by a child's GC, so their pages
    # stay shared instead of being copied into every worker
    gc.freeze()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = set()
        for chunk, replaced in chunks:
            while len(pending) >= 2 * workers:  # bounded: never the whole corpus in memory
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    _, d, e = f.result()
                    docs, errors, parts = docs + d, errors + e, parts + 1
                if progress:
                    progress(docs, errors, time.perf_counter() - t0)
            pending.add(pool.submit(_write_chunk, chunk, str(out), part, opts.fmt, opts.doc_timeout, replaced, pipeline_config(opts)))
            part += 1
        for f in wait(pending).done:
            _, d, e = f.result()
            docs, errors, parts = docs + d, errors + e, parts + 1
        if progress:
            progress(docs, errors, time.perf_counter() - t0)
    gc.unfreeze()
    return docs, errors, parts


def _run_dask(chunks, first_part: int, opts: BatchOptions, out: Path) -> tuple[int, int, int]:
    """The same chunk function as dask tasks; every worker writes its own parts
    (a shared file system, as on one machine or a cluster with shared storage)."""
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if opts.scheduler:
        client = Client(opts.scheduler)
    else:
        cluster = LocalCluster(n_workers=opts.workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    results = []
    try:
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
        pending = []
        for i, (chunk, replaced) in enumerate(chunks):  # streamed, a bounded number in flight
            if len(pending) >= limit:
                done = next(as_completed(pending))
                pending.remove(done)
                results.append(done.result())
            pending.append(client.submit(_write_chunk, chunk, str(out.resolve()), first_part + i, opts.fmt, 0,
                                         replaced, pipeline_config(opts), pure=False))
        results.extend(f.result() for f in pending)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return sum(r[1] for r in results), sum(r[2] for r in results), len(results)


# ------------------------------------------------------------------ manifest

def _resource_hashes() -> dict[str, str]:
    files = {}
    package = Path(__file__).resolve().parent  # every component's rule and word-list files
    for f in sorted(p for p in package.rglob("*") if p.suffix in (".yaml", ".tsv")):
        files[f"pipeline/{f.relative_to(package).as_posix()}"] = hashlib.sha256(f.read_bytes()).hexdigest()
    models = Path(__file__).resolve().parents[1] / "models"
    if models.is_dir():
        for f in sorted(p for p in models.rglob("*") if p.is_file() and p.name != "README.md"):
            files[f"models/{f.relative_to(models)}"] = hashlib.sha256(f.read_bytes()).hexdigest()
    return files


def write_manifest(out: Path, source: Path, opts: BatchOptions, result: BatchResult) -> None:
    from . import __version__
    from .tables import row_counts

    counts = row_counts(out)
    manifest = {
        "pipeline_version": __version__,
        "python": sys.version.split()[0],
        "input": str(source),
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(opts).items()},
        "model_and_rule_files_sha256": _resource_hashes(),
        "this_run": {"documents": result.documents, "errors": result.errors, "skipped_as_done": result.skipped,
                     "parts_written": result.parts, "seconds": round(result.seconds, 3),
                     "startup_seconds": round(result.startup_seconds, 3),
                     "docs_per_second": round(result.documents / result.seconds, 2) if result.seconds else None},
        "table_rows": counts,
        "written_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    tmp = out / ".manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, out / "manifest.json")


def print_progress(docs: int, errors: int, seconds: float) -> None:
    rate = docs / seconds if seconds > 0 else 0.0
    print(f"\r{docs:,} documents, {errors:,} errors, {rate:,.1f} docs/s", end="", file=sys.stderr, flush=True)
