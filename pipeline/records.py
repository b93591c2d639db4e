"""Table inputs, streamed record by record: JSON Lines, JSON, CSV and Parquet.

Each reader yields ``Record``s; a record that cannot be parsed is a Record
with ``problem`` set, never an exception, so one bad line costs one error row.
A file that is not a table of its kind at all (a garbage Parquet file, UTF-16
text) raises InputError before the first record.

Positions: a JSONL record's is its line number, a CSV record's its row number
with the header as row 1, a JSON array's or Parquet file's the record number
from 1. A record without an id gets its position as id.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from .decoding import DecodingError, bom_of, detect, label
from .textcheck import MAX_CHARS, InputError, wide_encoding

# One JSONL record may not be longer than this: a text at the size limit,
# written with \uXXXX escapes, and room for its metadata. A longer line is
# skipped in pieces instead of being read whole into memory.
MAX_LINE_BYTES = MAX_CHARS * 6 + 65_536
# A .json file is parsed whole; past this, JSON Lines (.jsonl) is the way.
MAX_JSON_BYTES = 256 * 1024 * 1024
# Appended after a CSV file's last line: if a quoted field is still open at
# the end of the file, the parser closes it with this line's quote and the
# field ends in the mark; otherwise the line is a record of its own.
_CSV_END = "\ufdd0\ufdd1"


@dataclass
class Record:
    n: int                           # position in the file
    fields: dict[str, Any] | None    # None when it could not be parsed
    problem: str | None = None       # why not
    raw: bytes = b""                 # what the hash of an unparsed record is taken from
    undecodable: bool = False        # lone surrogates in fields stand for bytes that were not ``encoding``
    encoding: str = "utf-8"          # what its text was read in (JSON and Parquet text is UTF-8 by spec)
    encoding_note: str | None = None  # why a file that is not UTF-8 was read as UTF-8 anyway


@dataclass(frozen=True)
class TableEncoding:
    """How a CSV file is read: the codec, the name the documents table gives
    it, and when no encoding fitted, what detection tried (each record with
    bytes that are not UTF-8 is then an error row that says so)."""

    codec: str
    label: str = "utf-8"
    note: str | None = None


SUFFIXES = (".jsonl", ".json", ".csv", ".parquet")


def iter_records(source: Path, encoding: str | None = None) -> Iterator[Record]:
    """The records of a table file, by its suffix (any case). ``encoding``
    names a CSV file's encoding instead of detecting it."""
    if source.suffix.lower() == ".csv":
        yield from _csv(source, encoding)
        return
    readers = {".jsonl": _jsonl, ".json": _json, ".parquet": _parquet}
    yield from readers[source.suffix.lower()](source)


def _check_encoding(source: Path) -> None:
    with open(source, "rb") as fh:
        wide = wide_encoding(fh.read(4096))
    if wide:
        raise InputError(f"{source}: looks like {wide} text; save it as UTF-8")


# ------------------------------------------------------------------ JSON Lines

def _jsonl(source: Path) -> Iterator[Record]:
    _check_encoding(source)
    with open(source, "rb") as fh:
        yield from _jsonl_records(fh)


def _jsonl_records(fh: BinaryIO, first_line: int = 1) -> Iterator[Record]:
    n = first_line - 1
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        n += 1
        if n == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            digest = _skip_line(fh, line)
            yield Record(n, None, f"BadDocument: line {n} is over the {MAX_LINE_BYTES:,} bytes allowed for "
                                  "one record", raw=digest.encode())
            continue
        if line.strip():
            yield _json_record(n, line)


def _skip_line(fh: BinaryIO, start: bytes) -> str:
    """Read past the rest of an over-long line in bounded pieces; the line's SHA-1."""
    h = hashlib.sha1(start)
    while not start.endswith(b"\n"):
        start = fh.readline(1 << 20)
        if not start:
            break
        h.update(start)
    return h.hexdigest()


def _json_record(n: int, line: bytes) -> Record:
    try:
        rec = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Record(n, None, f"BadDocument: not UTF-8 text ({exc.reason} at byte {exc.start})", raw=line)
    except ValueError as exc:
        return Record(n, None, f"{type(exc).__name__}: {exc}", raw=line)
    if not isinstance(rec, dict):
        return Record(n, None, f"ValueError: a line is a JSON {type(rec).__name__}, not an object", raw=line)
    return Record(n, rec)


# ------------------------------------------------------------------ JSON

def _json(source: Path) -> Iterator[Record]:
    """A JSON array of records, one record object, or JSON Lines named .json."""
    _check_encoding(source)
    with open(source, "rb") as fh:
        data = fh.read(MAX_JSON_BYTES + 1)
        array = data.lstrip(codecs.BOM_UTF8).lstrip()[:1] == b"["
        if len(data) > MAX_JSON_BYTES:
            if array:
                raise InputError(f"{source}: a JSON array over {MAX_JSON_BYTES:,} bytes; "
                                 "write it as JSON Lines (.jsonl) to stream it")
        else:
            value = _parse_whole(source, data, array)
            if value is not None:
                yield from _json_values(source, value)
                return
        del data
        fh.seek(0)
        yield from _jsonl_records(fh)  # more than one value: JSON Lines


def _parse_whole(source: Path, data: bytes, array: bool) -> Any:
    """The file's one JSON value, or None when it is not one value (JSON Lines)."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except ValueError as exc:
        if array:
            raise InputError(f"{source}: not valid JSON ({exc})") from None
        return None


def _json_values(source: Path, value: Any) -> Iterator[Record]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise InputError(f"{source}: a JSON {type(value).__name__}, not an array of records")
    for n, rec in enumerate(value, 1):
        if isinstance(rec, dict):
            yield Record(n, rec)
        else:
            raw = json.dumps(rec, ensure_ascii=True).encode()
            yield Record(n, None, f"ValueError: item {n} is a JSON {type(rec).__name__}, not an object", raw=raw)


# ------------------------------------------------------------------ CSV

_CSV_SAMPLE = 1 << 20  # bytes a CSV file's encoding is detected from


def csv_encoding(source: Path, forced: str | None = None) -> TableEncoding:
    """A CSV file's encoding: ``forced``, its byte-order mark, UTF-8, or detected
    from its first megabyte (see ``pipeline.decoding``)."""
    if forced:
        codec = codecs.lookup(forced).name
        return TableEncoding("utf-8-sig" if codec == "utf-8" else codec, label(codec))
    with open(source, "rb") as fh:
        head = fh.read(_CSV_SAMPLE)
    bom = bom_of(head)
    if bom:  # the utf-8-sig, utf-16 and utf-32 codecs drop their mark
        return TableEncoding("utf-8-sig" if bom[1] == "utf-8" else bom[1][:-3], bom[1])
    if b"\x00" not in head and _utf8_head(head):
        return TableEncoding("utf-8-sig")
    try:
        found = detect(head, "not UTF-8 text")
    except DecodingError as exc:
        return TableEncoding("utf-8-sig", note=str(exc))
    return TableEncoding(found.encoding, found.encoding)


def _utf8_head(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:  # only a character cut by the sample's end
        return len(head) == _CSV_SAMPLE and exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def _csv(source: Path, encoding: str | None = None) -> Iterator[Record]:
    enc = csv_encoding(source, encoding)
    csv.field_size_limit(sys.maxsize)
    with open(source, "rb") as raw:
        # a BOM (Excel's "CSV UTF-8") is not part of the first column's name;
        # bytes that are not in the encoding become lone surrogates, refused per record
        text = io.TextIOWrapper(raw, encoding=enc.codec, errors="surrogateescape", newline="")
        reader = csv.DictReader(_with_end_mark(text))
        if any(_CSV_END in name for name in reader.fieldnames or []):
            yield Record(1, None, "BadDocument: a quoted field of the CSV header is never closed; "
                                  "no record could be read", raw=b"header")
            return
        n = 1
        while True:
            start = reader.line_num + 1
            try:
                rec = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                n += 1
                yield Record(n, None, f"BadDocument: CSV row {n} (line {start}): {exc}", raw=f"{n}:{exc}".encode())
                continue
            if _is_end_mark(rec):
                return
            n += 1
            if _ends_open(rec):
                yield replace(_unclosed(n, start, reader.line_num - 1, rec), encoding=enc.label, encoding_note=enc.note)
                return
            yield Record(n, rec, undecodable=True, encoding=enc.label, encoding_note=enc.note)


def _with_end_mark(lines: Iterable[str]) -> Iterator[str]:
    last = ""
    for last in lines:
        yield last
    if last and not last.endswith(("\n", "\r")):
        yield "\r\n"
    yield _CSV_END + '"\r\n'


def _is_end_mark(rec: dict) -> bool:
    values = [v for v in rec.values() if v not in (None, "")]
    return len(values) == 1 and values[0] == _CSV_END + '"'


def _ends_open(rec: dict) -> bool:
    return any(isinstance(v, str) and v.endswith(_CSV_END) for v in rec.values()) or any(
        isinstance(v, list) and v and str(v[-1]).endswith(_CSV_END) for v in rec.values())


def _unclosed(n: int, start: int, end: int, rec: dict) -> Record:
    fields = {k: (v.removesuffix(_CSV_END) if isinstance(v, str) else v) for k, v in rec.items() if isinstance(k, str)}
    problem = (f"BadDocument: CSV row {n}: a quoted field opened on line {start} or after is never closed, "
               f"so lines {start}-{end} (the rest of the file) could not be split into records")
    return Record(n, fields, problem, undecodable=True)


# ------------------------------------------------------------------ Parquet

def _parquet(source: Path) -> Iterator[Record]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        batches = pq.ParquetFile(source).iter_batches(batch_size=256)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{source}: not a readable Parquet file ({exc})") from None
    n = 0
    try:
        for batch in batches:
            for rec in batch.to_pylist():
                n += 1
                yield Record(n, rec)
    except (pa.ArrowException, OSError) as exc:
        yield Record(n + 1, None, f"BadDocument: records from {n + 1} on could not be read ({exc})",
                     raw=f"{n + 1}:{exc}".encode())
