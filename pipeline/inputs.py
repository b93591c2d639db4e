"""Reading documents: text files, stdin, JSONL, CSV and Parquet, streamed, with
a clear reason for every document that cannot be extracted."""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import regex

# A document longer than this is refused (the batch records it and goes on):
# news and resolutions are thousands of characters, not tens of millions.
MAX_CHARS = 2_000_000
_MARKUP = regex.compile(r"<(?:html|head|body|div|p|span|table|script|style|br|a\s)[^>]*>", regex.I)


class BadDocument(ValueError):
    """A document that cannot be extracted (undecodable, binary, empty, huge, HTML)."""


@dataclass
class Columns:
    """Which fields of a JSONL/CSV/Parquet record hold what."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    url: str = "url"
    source: str = "source"


@dataclass
class RawDocument:
    doc_id: str
    path: str
    text: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    sha1: str = ""                # of the text (or of the raw bytes when unreadable)
    error: str | None = None      # why it could not be read; the batch records it


def sha1_of(data: str | bytes) -> str:
    return hashlib.sha1(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:4096]:
        raise BadDocument(f"{where}: looks binary (NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadDocument(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    check_text(text, where)
    return text


def check_text(text: str, where: str) -> None:
    if not text.strip():
        raise BadDocument(f"{where}: empty document")
    if len(text) > MAX_CHARS:
        raise BadDocument(f"{where}: {len(text):,} characters, over the {MAX_CHARS:,} limit for one document")
    head = text[:20000]
    if len(_MARKUP.findall(head)) >= 3 and head.count("<") > len(head) / 200:
        raise BadDocument(f"{where}: looks like HTML markup; extract its text first")
    if "\x00" in head:
        raise BadDocument(f"{where}: looks binary (NUL characters), not a text document")


def doc_id_for(path: Path) -> str:
    return path.name[:-4] if path.name.endswith(".txt") else path.stem


def iter_inputs(source: Path, columns: Columns | None = None) -> Iterator[RawDocument]:
    """Documents of a folder of .txt files (recursive), a .txt file, or a
    .jsonl/.csv/.parquet table, one at a time. Unreadable ones come back with
    ``error`` set, so a batch can record them and go on."""
    columns = columns or Columns()
    if source.is_dir():
        for path in sorted(p for p in source.rglob("*.txt") if p.is_file()):
            yield _from_file(path, source)
    elif source.suffix == ".jsonl":
        yield from _from_jsonl(source, columns)
    elif source.suffix == ".csv":
        yield from _from_records(_csv_records(source), str(source), columns)
    elif source.suffix == ".parquet":
        yield from _from_records(_parquet_records(source), str(source), columns)
    elif source.is_file():
        yield _from_file(source, source.parent)
    else:
        raise FileNotFoundError(f"no such input: {source}")


def _from_file(path: Path, root: Path) -> RawDocument:
    rel = path.relative_to(root) if path != root else Path(path.name)
    doc_id = str(rel.with_name(doc_id_for(path)))
    try:
        data = path.read_bytes()
    except OSError as exc:
        return RawDocument(doc_id, str(path), error=f"{type(exc).__name__}: {exc}")
    try:
        text = decode(data, str(path))
    except BadDocument as exc:
        return RawDocument(doc_id, str(path), sha1=sha1_of(data), error=f"BadDocument: {exc}")
    return RawDocument(doc_id, str(path), text, sha1=sha1_of(text))


def _from_jsonl(source: Path, columns: Columns) -> Iterator[RawDocument]:
    def records():
        with source.open("rb") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line.decode("utf-8"))
                    if not isinstance(rec, dict):
                        raise ValueError("a line is not a JSON object")
                except (UnicodeDecodeError, ValueError) as exc:
                    yield n, None, f"{type(exc).__name__}: {exc}", line
                    continue
                yield n, rec, None, line

    yield from _from_records(records(), str(source), columns)


def _csv_records(source: Path):
    csv.field_size_limit(sys.maxsize)
    with source.open(encoding="utf-8", newline="") as fh:
        for n, rec in enumerate(csv.DictReader(fh), 2):
            yield n, rec, None, None


def _parquet_records(source: Path):
    import pyarrow.parquet as pq

    n = 0
    for batch in pq.ParquetFile(source).iter_batches(batch_size=256):
        for rec in batch.to_pylist():
            n += 1
            yield n, rec, None, None


def _from_records(records, where: str, columns: Columns) -> Iterator[RawDocument]:
    for n, rec, problem, raw in records:
        place = f"{where}:{n}"
        if rec is None:
            yield RawDocument(str(n), place, sha1=sha1_of(raw or b""), error=problem)
            continue
        doc_id = rec.get(columns.id)
        doc_id = str(doc_id) if doc_id not in (None, "") else str(n)
        text = rec.get(columns.text)
        meta = {k: (str(rec[c]) if rec.get(c) not in (None, "") else None)
                for k, c in (("date", columns.date), ("url", columns.url), ("source", columns.source))}
        try:
            if not isinstance(text, str):
                raise BadDocument(f"{place}: no '{columns.text}' text")
            check_text(text, place)
        except BadDocument as exc:
            yield RawDocument(doc_id, place, sha1=sha1_of(str(text)), error=f"BadDocument: {exc}", **meta)
            continue
        yield RawDocument(doc_id, place, text, sha1=sha1_of(text), **meta)
