"""Batch extraction at archive scale: many documents in, partitioned tables out.

- Streaming: documents are read one at a time and sent to workers in chunks,
  with a bounded number of chunks in flight, so memory does not grow with the
  corpus.
- Workers: one process per core by default (``workers=1`` runs in-process);
  they end with the parent, however it ends (see ``workers``).
- One run per output folder: a lock on ``OUT/.lock`` that the kernel drops
  when the run ends, so a killed run never leaves it stuck (see ``outlock``).
- Resume: every chunk is written as one committed part (see ``tables``); a
  re-run skips documents whose (id, content hash) a committed part holds, so a
  killed run loses at most its unfinished chunks and never doubles a row.
- Ids: the first record with an id is the document; a later record with the
  same id is an error row naming both places, the same on every re-run.
- One bad document never stops a batch: it becomes a row of ``errors`` (the
  reason, the stage) and the run goes on; a document that takes longer than
  its time limit (``doc_timeout`` seconds per 100,000 characters, see
  ``limits``) is one of those, on every engine.
- ``engine="dask"`` runs the same chunk function on a Dask cluster
  (``scheduler`` address, or a LocalCluster) and writes the same parts.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import sys
import time
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import api, stretches
from .component import Pipeline, PipelineConfig
from .decoding import check_encoding
from .inputs import Columns, InputError, RawDocument, first_of_each_id, iter_inputs
from .limits import DocumentTimeout  # noqa: F401 - part of this API
from .outlock import OutLock, OutputBusy  # noqa: F401 - OutputBusy is part of this API
from .progress import InputCount, Progress
from .tables import TABLES, committed, entry_key, error_row, rows, write_part
from .workers import init_worker, stop_pool


class BatchError(RuntimeError):
    """A batch that cannot run (its output folder cannot be made or written)."""


@dataclass
class BatchOptions:
    out: Path = Path("data/out")
    fmt: str = "parquet"
    workers: int | None = None          # None: all cores
    chunk_size: int = 32
    limit: int | None = None
    doc_timeout: float = 60.0           # seconds per 100,000 characters (at least this); 0 disables
    encoding: str | None = None         # of text and CSV files; None: detected (see pipeline.decoding)
    engine: str = "local"               # local | dask
    scheduler: str | None = None        # dask scheduler address (tcp://host:port)
    columns: Columns = field(default_factory=Columns)
    ner: bool = True                    # the NER model before people; False: rules only (faster, fewer names)
    ner_backend: str = "crf"
    ner_model: str | None = None        # default: the backend's model in models/

    def check(self) -> None:
        """ValueError for options no run can have."""
        problems = []
        if self.workers is not None and self.workers < 1:
            problems.append(f"workers must be at least 1 (got {self.workers})")
        if self.chunk_size < 1:
            problems.append(f"chunk_size must be at least 1 (got {self.chunk_size})")
        if self.limit is not None and self.limit < 0:
            problems.append(f"limit cannot be negative (got {self.limit})")
        if self.doc_timeout < 0:
            problems.append(f"doc_timeout cannot be negative (got {self.doc_timeout}; 0 means no limit)")
        if self.fmt not in ("parquet", "csv"):
            problems.append(f"unknown table format {self.fmt!r}: use parquet or csv")
        if self.encoding is not None:
            try:
                check_encoding(self.encoding)
            except ValueError as exc:
                problems.append(str(exc))
        if self.engine not in ("local", "dask"):
            problems.append(f"unknown engine {self.engine!r}: use local or dask")
        if problems:
            raise ValueError("; ".join(problems))


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
                  config: PipelineConfig | None = None) -> tuple[dict[str, list[dict]], list[tuple]]:
    """Extract a list of documents into table rows. Never raises for one
    document: its failure is an ``errors`` row. ``config``: the pipeline to
    run (default: the default pipeline); a stage that batches (the ner stage)
    runs once over the chunk (``stretches.py``). Also gives the keys of the
    part's commit marker (see ``tables.write_part``)."""
    head, rest = stretches.split(_pipeline_for(config or pipeline_config()))
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    done: list[tuple] = []
    live: list[stretches.InFlight] = []
    for raw in chunk:
        doc_id, place = raw.key
        done.append((doc_id, raw.sha1) if place is None else (doc_id, raw.sha1, place))
        if raw.error is not None:
            out["errors"].append(error_row(raw.doc_id, raw.path, raw.sha1, raw.stage, raw.error))
            continue
        started = stretches.start(raw, head, doc_timeout, out["errors"])
        if started is not None:
            live.append(started)
    for stretch in rest:
        live = stretches.run(stretch, live, doc_timeout, out["errors"])
    for f in live:
        if f.raw.bom:
            f.doc.meta["bom"] = True
        f.doc.meta["encoding"] = f.raw.encoding
        for name, recs in rows(f.doc, f.raw.path, f.raw.url, f.raw.source, f.seconds, f.raw.sha1).items():
            out[name].extend(recs)
    return out, done


# extraction allocates many small objects and frees them per document: a
# higher first-generation threshold spares most cyclic-GC passes
GC_THRESHOLDS = (50_000, 20, 20)

_BUILT: dict[str, Pipeline] = {}  # this process's pipeline: a worker builds it once, not per chunk


def _pipeline_for(config: PipelineConfig) -> Pipeline:
    key = config.key()
    if key not in _BUILT:
        _BUILT.clear()
        _BUILT[key] = api.build(config)
    return _BUILT[key]


def _warm_up(config: PipelineConfig) -> None:
    """Build the pipeline and run it once, so word lists, compiled rules and
    the model are loaded before the clock runs (and before workers fork)."""
    nlp = _pipeline_for(config)
    for component in nlp.components:
        component.load()
    api.extract("رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا قطعنامه شماره ۱۸-NQ/TW را اجرا کنند.",
            pipeline=nlp)


def pipeline_config(opts: BatchOptions | None = None) -> PipelineConfig:
    opts = opts or BatchOptions()
    return api.config(opts.ner, opts.ner_backend, opts.ner_model)


def _write_chunk(chunk: list[RawDocument], out: str, part: int, fmt: str, doc_timeout: float,
                 config: PipelineConfig | None = None) -> tuple[int, int, int]:
    tables, done = process_chunk(chunk, doc_timeout, config)
    write_part(tables, Path(out), part, fmt, done)
    return part, len(tables["documents"]), len(tables["errors"])


# ------------------------------------------------------------------ resume

@dataclass
class _Ledger:
    """What committed parts already hold: key -> (sha1, part), the last part
    that lists a key holding it."""

    seen: dict[tuple[str, str | None], tuple[str, int]]
    next_part: int

    @classmethod
    def read(cls, out: Path) -> "_Ledger":
        seen: dict[tuple[str, str | None], tuple[str, int]] = {}
        last = -1
        for m in committed(out):
            last = max(last, m["part"])
            for entry in m["documents"]:
                seen[entry_key(entry)] = (entry[1], m["part"])
        return cls(seen, last + 1)

    def todo(self, raw: RawDocument) -> bool:
        """Is it new, or changed since a committed part took it? A changed one
        is written again, and its new part holds it from then on."""
        old = self.seen.get(raw.key)
        return old is None or old[0] != raw.sha1


def _chunks(docs: Iterable[RawDocument], ledger: _Ledger, size: int, limit: int | None,
            counter: dict) -> Iterator[list[RawDocument]]:
    chunk: list[RawDocument] = []
    taken = 0
    for raw in docs:
        if limit is not None and taken >= limit:
            break
        if not ledger.todo(raw):
            counter["skipped"] += 1
            continue
        taken += 1
        chunk.append(raw)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ------------------------------------------------------------------ engines

def run_batch(source: str | Path, options: BatchOptions | None = None,
              progress: Callable[[Progress], None] | None = None) -> BatchResult:
    """Extract every document of ``source`` into tables under ``options.out``;
    ``progress`` is called with a ``Progress`` as the run starts and after
    each chunk (``progress.ProgressBar`` draws it).
    Raises ValueError for impossible options, BatchError when the output
    folder cannot be used, OutputBusy when another batch is writing to it, and
    InputError when the input cannot be read at all."""
    opts = options or BatchOptions()
    opts.check()
    source, out = Path(source), Path(opts.out)
    if not source.exists():
        raise InputError(f"no such input: {source}")
    docs = first_of_each_id(iter_inputs(source, opts.columns, opts.encoding))
    first = next(docs, None)  # an input that is not readable at all fails here, before --out is made
    _make_folder(out)
    with _locked(out) as lock:
        _clear_unfinished(out)
        return _run_locked(source, docs if first is None else _prepend(first, docs), out, opts, progress, lock)


@contextmanager
def _locked(out: Path) -> Iterator[OutLock]:
    lock = OutLock(out)
    try:
        lock.__enter__()
    except OSError as exc:  # a read-only folder, or one that is not ours
        raise BatchError(f"cannot write to {out}: {exc.strerror or exc}") from None
    try:
        yield lock
    finally:
        lock.__exit__()


def _make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise BatchError(f"--out {out} is a file; it must be a folder") from None
    except NotADirectoryError:
        raise BatchError(f"--out {out} cannot be made: a folder above it is a file") from None
    except OSError as exc:
        raise BatchError(f"--out {out} cannot be made: {exc.strerror or exc}") from None


def _clear_unfinished(out: Path) -> None:
    """Half-written part files of a run that was killed (never committed)."""
    for table in (*TABLES, "_committed"):
        for tmp in (out / table).glob(".part-*.tmp") if (out / table).is_dir() else ():
            tmp.unlink(missing_ok=True)


def _run_locked(source: Path, docs: Iterator[RawDocument], out: Path, opts: BatchOptions, progress,
                lock: OutLock) -> BatchResult:
    ledger = _Ledger.read(out)
    counter = {"skipped": 0}
    counting = InputCount(source, opts.encoding) if progress else None  # the total, while the run starts
    old_gc = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    t_start = time.perf_counter()
    _warm_up(pipeline_config(opts))  # word lists and compiled rules load once, before the clock runs
    startup = time.perf_counter() - t_start
    t0 = time.perf_counter()

    def report(documents: int, errors: int) -> None:
        if progress:
            progress(Progress(documents, errors, counter["skipped"], time.perf_counter() - t0,
                              counting.left(len(ledger.seen), opts.limit)))

    report(0, 0)
    chunks = _chunks(docs, ledger, opts.chunk_size, opts.limit, counter)
    try:
        if opts.engine == "dask":
            totals = _run_dask(chunks, ledger.next_part, opts, out, report)
        else:
            totals = _run_local(chunks, ledger.next_part, opts, out, report, lock.fd)
    finally:
        gc.set_threshold(*old_gc)
    if counting:
        counting.wait(1.0)  # the last report has the total, unless counting outlasts the run by far
    report(totals[0], totals[1])
    result = BatchResult(totals[0], totals[1], counter["skipped"], time.perf_counter() - t0, totals[2], out, startup)
    write_manifest(out, source, opts, result)
    return result


def _prepend(first: RawDocument, rest: Iterator[RawDocument]) -> Iterator[RawDocument]:
    yield first
    yield from rest


def _run_local(chunks, first_part: int, opts: BatchOptions, out: Path, report: Callable[[int, int], None],
               lock_fd: int | None = None) -> tuple[int, int, int]:
    workers = opts.workers or os.cpu_count() or 1
    if workers == 1:
        totals = [0, 0, 0]  # documents, errors, parts
        for part, chunk in enumerate(chunks, first_part):
            _, d, e = _write_chunk(chunk, str(out), part, opts.fmt, opts.doc_timeout, pipeline_config(opts))
            totals = [totals[0] + d, totals[1] + e, totals[2] + 1]
            report(totals[0], totals[1])
        return totals[0], totals[1], totals[2]
    # forked workers inherit the word lists and compiled rules run_batch loaded;
    # frozen, those objects are never walked by a child's GC, so their pages
    # stay shared instead of being copied into every worker
    gc.freeze()
    run = _PoolRun(workers, opts, out, lock_fd, first_part)
    try:
        return run.all(chunks, lambda: report(run.docs, run.errors))
    except BaseException:  # Ctrl-C or a failure: no worker may go on writing
        stop_pool(run.pool)
        raise
    finally:
        gc.unfreeze()


class _PoolRun:
    """Chunks through worker processes, at most two per worker in flight.

    A worker that dies (a crash in a C extension, the out-of-memory killer)
    breaks the pool and takes every chunk in flight with it. Their documents
    are tried again one at a time in a fresh pool; one whose worker dies again
    is an error row, and the run goes on. (A part a dying worker had already
    committed is written again; the later part holds its documents.)"""

    WORKER_DIED = ("WorkerDied: the worker process died while extracting this document "
                   "(a crash, or killed by the system: out of memory?)")

    def __init__(self, workers: int, opts: BatchOptions, out: Path, lock_fd: int | None, first_part: int):
        self.workers, self.opts, self.out = workers, opts, out
        self.close_fds = (lock_fd,) if lock_fd is not None else ()
        self.next_part = first_part
        self.docs = self.errors = self.parts = 0
        self.pending: dict = {}  # future -> its chunk
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=init_worker,
                                   initargs=(os.getpid(), self.close_fds))

    def _submit(self, chunk: list[RawDocument]):
        self.next_part += 1
        return self.pool.submit(_write_chunk, chunk, str(self.out), self.next_part - 1, self.opts.fmt,
                                self.opts.doc_timeout, pipeline_config(self.opts))

    def _add(self, result: tuple[int, int, int]) -> None:
        self.docs, self.errors, self.parts = self.docs + result[1], self.errors + result[2], self.parts + 1

    def all(self, chunks, report) -> tuple[int, int, int]:
        for chunk in chunks:
            while len(self.pending) >= 2 * self.workers:  # bounded: never the whole corpus in memory
                self._collect(FIRST_COMPLETED)
                report()
            self.pending[self._submit(chunk)] = chunk
        while self.pending:
            self._collect(ALL_COMPLETED)
        report()
        self.pool.shutdown()
        return self.docs, self.errors, self.parts

    def _collect(self, when: str) -> None:
        finished, _ = wait(list(self.pending), return_when=when)
        lost: list[RawDocument] = []
        for f in finished:
            chunk = self.pending.pop(f)
            try:
                self._add(f.result())
            except BrokenProcessPool:
                lost.extend(chunk)
        if lost:  # the pool is gone: nothing still pending will come back
            lost.extend(doc for chunk in self.pending.values() for doc in chunk)
            self.pending.clear()
            self._one_at_a_time(lost)

    def _one_at_a_time(self, docs: list[RawDocument]) -> None:
        self._restart()
        for doc in docs:
            try:
                self._add(self._submit([doc]).result())
                continue
            except BrokenProcessPool:
                self._restart()
            failed = replace(doc, text=None, error=self.WORKER_DIED, stage="extract")
            self.next_part += 1
            self._add(_write_chunk([failed], str(self.out), self.next_part - 1, self.opts.fmt, 0))

    def _restart(self) -> None:
        stop_pool(self.pool)
        self.pool = self._new_pool()


def _run_dask(chunks, first_part: int, opts: BatchOptions, out: Path,
              report: Callable[[int, int], None]) -> tuple[int, int, int]:
    """The same chunk function as dask tasks; every worker writes its own parts
    (a shared file system, as on one machine or a cluster with shared storage).
    Tasks run in worker threads; the time limit holds there too (``limits``)."""
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
        for i, chunk in enumerate(chunks):  # streamed, a bounded number in flight
            if len(pending) >= limit:
                done = next(as_completed(pending))
                pending.remove(done)
                results.append(done.result())
                report(sum(r[1] for r in results), sum(r[2] for r in results))
            pending.append(client.submit(_write_chunk, chunk, str(out.resolve()), first_part + i, opts.fmt,
                                         opts.doc_timeout, pipeline_config(opts), pure=False))
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
            st = f.stat()
            files[f"models/{f.relative_to(models)}"] = _sha256(str(f), st.st_size, st.st_mtime_ns)
    return files


@lru_cache(maxsize=256)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    """A model file's hash, read again only when the file changed (tens of MB)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


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
