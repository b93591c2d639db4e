"""Reading documents: text files, stdin, JSONL, JSON, CSV and Parquet, streamed,
with a clear reason for every document that cannot be extracted.

Every input comes back as one RawDocument, readable or not (``error`` set), so
a batch can record each one as a document or an error row and lose nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .records import SUFFIXES as TABLE_SUFFIXES
from .records import Record, iter_records
from .textcheck import (MAX_BYTES, MAX_CHARS, BadDocument, DecodedText, InputError, check_text,  # noqa: F401
                        decode, decode_text, escape_surrogates, lone_surrogate, read_bounded, read_file,
                        read_text_file, sha1_of, wide_encoding)


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
    path: str                     # where it was read: a file, or file:record
    text: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    sha1: str = ""                # of the text (or of the raw bytes when unreadable)
    error: str | None = None      # why it could not be read; the batch records it
    stage: str = "read"           # the errors table's stage: read, or duplicate (a repeated id)
    bom: bool = False             # the file began with a byte-order mark (not part of the text)
    encoding: str | None = None   # what the text was read in: utf-8, windows-1256 ... (see pipeline.decoding)

    @property
    def key(self) -> tuple[str, str | None]:
        """What a committed part records it under: its id, and for a repeated
        id also its place (each repeat is its own error row)."""
        return self.doc_id, (self.path if self.stage == "duplicate" else None)


def doc_id_for(path: Path) -> str:
    """The file name without ``.txt`` (any case); a file named only ``.txt`` keeps it."""
    name = path.name
    return name[:-4] if name.lower().endswith(".txt") and len(name) > 4 else name


def iter_inputs(source: Path, columns: Columns | None = None, encoding: str | None = None) -> Iterator[RawDocument]:
    """Documents of a folder of .txt files (recursive), a .txt file, or a
    .jsonl/.json/.csv/.parquet table (suffixes in any case), one at a time.
    Unreadable ones come back with ``error`` set, so a batch can record them
    and go on; an input that is no table at all raises InputError.
    ``encoding`` names the encoding of text and CSV files instead of detecting
    it (JSON and Parquet text is UTF-8 by their specifications)."""
    columns = columns or Columns()
    source = Path(source)
    if source.is_dir():
        root = source.resolve()
        for path in txt_files(source):
            yield _from_file(path, source, root, encoding)
    elif source.suffix.lower() in TABLE_SUFFIXES:
        if not source.exists():
            raise InputError(f"no such input: {source}")
        yield from to_documents(iter_records(source, encoding), str(source), columns)
    elif source.is_file():
        yield _from_file(source, source.parent, None, encoding)
    elif source.exists():
        raise InputError(f"{source}: not a file or a folder")
    else:
        raise InputError(f"no such input: {source}")


def first_of_each_id(docs: Iterator[RawDocument]) -> Iterator[RawDocument]:
    """The first record with an id is the document; every later one with that id
    is an error row that names both places."""
    first: dict[str, str] = {}
    for raw in docs:
        where = first.setdefault(raw.doc_id, raw.path)
        if where != raw.path:
            raw = RawDocument(raw.doc_id, raw.path, sha1=raw.sha1, stage="duplicate",
                              error=f"DuplicateId: {raw.path} repeats the id {raw.doc_id!r} of {where}; "
                                    "the first record with an id is the one extracted")
        yield raw


def txt_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.name.lower().endswith(".txt") and p.is_file())


def _from_file(path: Path, root: Path, real_root: Path | None, encoding: str | None = None) -> RawDocument:
    rel = path.relative_to(root) if path != root else Path(path.name)
    parent = rel.parent.as_posix()
    doc_id = escape_surrogates(doc_id_for(path) if parent == "." else f"{parent}/{doc_id_for(path)}")
    where = escape_surrogates(str(path))
    if real_root is not None and not path.resolve().is_relative_to(real_root):
        return RawDocument(doc_id, where, sha1=sha1_of(str(path.resolve())),
                           error=f"BadDocument: {where} links to {escape_surrogates(str(path.resolve()))}, "
                                 "outside the input folder; not followed")
    try:
        with open(path, "rb") as fh:
            data = read_bounded(fh, where)
    except BadDocument as exc:
        return RawDocument(doc_id, where, sha1=sha1_of(where), error=f"BadDocument: {exc}")
    except OSError as exc:
        return RawDocument(doc_id, where, error=f"{type(exc).__name__}: {exc.strerror or exc}")
    try:
        decoded = decode_text(data, where, encoding)
    except BadDocument as exc:
        return RawDocument(doc_id, where, sha1=sha1_of(data), error=f"BadDocument: {exc}")
    return RawDocument(doc_id, where, decoded.text, sha1=sha1_of(decoded.text), bom=decoded.bom,
                       encoding=decoded.encoding)


# ------------------------------------------------------------------ records to documents

def to_documents(records: Iterable[Record], where: str, columns: Columns) -> Iterator[RawDocument]:
    for rec in records:
        place = f"{where}:{rec.n}"
        if rec.fields is None:
            yield RawDocument(str(rec.n), place, sha1=sha1_of(rec.raw), error=rec.problem)
            continue
        yield _document(rec, place, columns)


def _text_of(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _document(rec: Record, place: str, columns: Columns) -> RawDocument:
    fields = rec.fields
    doc_id = _text_of(fields.get(columns.id)) or str(rec.n)
    text = fields.get(columns.text)
    meta = {k: _text_of(fields.get(c)) for k, c in (("date", columns.date), ("url", columns.url),
                                                    ("source", columns.source))}
    sha1 = sha1_of(text if isinstance(text, str) else str(text))
    try:
        if rec.problem:
            raise BadDocument(rec.problem.removeprefix("BadDocument: "))
        _check_fields({"id": doc_id, **meta}, place, rec)
        if not isinstance(text, str):
            raise BadDocument(f"{place}: no '{columns.text}' text")
        if rec.undecodable:
            _check_fields({columns.text: text}, place, rec)
        check_text(text, place)
    except BadDocument as exc:
        safe = {k: (escape_surrogates(v) if v else v) for k, v in meta.items()}
        return RawDocument(escape_surrogates(doc_id), place, sha1=sha1, error=f"BadDocument: {exc}", **safe)
    return RawDocument(doc_id, place, text, sha1=sha1, encoding=rec.encoding, **meta)


def _check_fields(fields: dict[str, str | None], place: str, rec: Record) -> None:
    for name, value in fields.items():
        bad = lone_surrogate(value) if value else None
        if bad is None:
            continue
        shown = escape_surrogates(value[bad])
        if rec.undecodable and shown.startswith("\\x"):
            note = f"; {rec.encoding_note}" if rec.encoding_note else ""
            raise BadDocument(f"{place}: '{name}' is not {rec.encoding} text (byte 0{shown[1:]} at character {bad})"
                              + note)
        raise BadDocument(f"{place}: '{name}' holds a lone surrogate {shown} at character {bad}: not valid Unicode")
