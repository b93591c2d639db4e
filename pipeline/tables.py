"""Tabular datasets: one row per annotation, each with ``doc_id`` and offsets.

A batch writes its tables in parts, one part per chunk of documents:
``OUT/<table>/part-000012.parquet`` for every table, then the commit marker
``OUT/_committed/part-000012.json`` naming the documents of the part. Only
committed parts are read back, so a run killed mid-chunk leaves nothing half
written, and a re-run skips the documents that committed parts hold.
``load(path)`` gives the tables back as pandas DataFrames.

A document is held by the last committed part that lists it: a document
extracted again (its text changed) is dropped from its older part when read,
and so is any document two runs both wrote, so no row is ever counted twice.
A marker lists each document as ``[doc_id, sha1]``; a later record that
repeats an id is its own error row, listed as ``[doc_id, sha1, place]``.
"""
from __future__ import annotations

import csv
import json
import os
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import fields
from .document import Document

TABLES = tuple(r.name for r in fields.TABLES)
COMMITTED = "_committed"
SEP = fields.SEP  # list cells are joined with this; split on it to get the list back

# Explicit columns and dtypes (from the field specification), so an empty table still has its schema.
SCHEMA: dict[str, dict[str, str]] = {r.name: r.schema for r in fields.TABLES}

_ARROW_TYPES = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
ARROW = {t: pa.schema([(c, _ARROW_TYPES[d]) for c, d in cols.items()]) for t, cols in SCHEMA.items()}


def rows(doc: Document, path: str = "", url: str | None = None, source: str | None = None,
         seconds: float = 0.0, sha1: str = "") -> dict[str, list[dict]]:
    """The rows of every table for one extracted document (``errors`` empty)."""
    extraction = fields.Extraction(doc, path, url, source, seconds, sha1)
    return {r.name: [r.row(item) for item in r.items(extraction)] for r in fields.TABLES}


def error_row(doc_id: str, path: str, sha1: str, stage: str, error: str) -> dict:
    """The ``errors`` row of a document that could not be extracted."""
    return fields.ERRORS.row(fields.ErrorItem(doc_id, path, sha1, stage, error))


def frame(table: str, records: list[dict]) -> pd.DataFrame:
    schema = SCHEMA[table]
    df = pd.DataFrame(list(records), columns=list(schema))
    return df.astype(schema)


def part_name(n: int) -> str:
    return f"part-{n:06d}"


def write_part(tables: dict[str, list[dict]], out_dir: Path, n: int, fmt: str, done: list[tuple]) -> None:
    """Write one part of every table, then its commit marker. ``done`` lists the
    keys the part holds, rows and errors alike: (doc_id, sha1), or (doc_id,
    sha1, place) for a record that repeats an id."""
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown table format {fmt!r}: use parquet or csv")
    name = part_name(n)
    for table in TABLES:
        folder = out_dir / table
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{name}.{fmt}"
        tmp = folder / f".{name}.{fmt}.tmp"
        if fmt == "parquet":  # straight from the rows: pandas is not needed to write
            pq.write_table(pa.Table.from_pylist(tables.get(table, []), schema=ARROW[table]), tmp)
        else:
            frame(table, tables.get(table, [])).to_csv(tmp, index=False)
        os.replace(tmp, final)
    marker_dir = out_dir / COMMITTED
    marker_dir.mkdir(parents=True, exist_ok=True)
    tmp = marker_dir / f".{name}.json.tmp"
    tmp.write_text(json.dumps({"part": n, "format": fmt, "documents": [list(d) for d in done]}, ensure_ascii=False),
                   encoding="utf-8")
    os.replace(tmp, marker_dir / f"{name}.json")


def committed(out_dir: Path) -> list[dict]:
    """The commit markers of ``out_dir``, in part order."""
    folder = out_dir / COMMITTED
    if not folder.is_dir():
        return []
    return sorted((json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("part-*.json")),
                  key=lambda m: m["part"])


Key = tuple[str, "str | None"]


def entry_key(entry: list) -> Key:
    """A marker entry's key: (doc_id, None), or (doc_id, place) for a repeated id."""
    return entry[0], (entry[2] if len(entry) > 2 else None)


def replaced(markers: list[dict]) -> dict[int, set[Key]]:
    """part -> the keys a later part lists again; the later part holds them."""
    holder: dict[Key, int] = {}
    gone: dict[int, set[Key]] = defaultdict(set)
    for m in markers:
        for entry in m["documents"]:
            key = entry_key(entry)
            old = holder.get(key)
            if old is not None and old != m["part"]:
                gone[old].add(key)
            holder[key] = m["part"]
    return gone


def _without(df: pd.DataFrame, table: str, gone: set[Key]) -> pd.DataFrame:
    """``df`` less the rows of the keys in ``gone``. A repeated id's error row
    goes with its own key only, not with the document that holds the id."""
    ids = {d for d, place in gone if place is None}
    if table != "errors":
        return df[~df["doc_id"].isin(ids)]
    repeats = [(d, place) for d, place in gone if place is not None]
    is_repeat = df["stage"] == "duplicate"
    pairs = pd.MultiIndex.from_arrays([df["doc_id"], df["path"]]).isin(repeats) if repeats else False
    drop = (df["doc_id"].isin(ids) & ~is_repeat) | (is_repeat & pairs)
    return df[~drop.fillna(False).astype(bool)]


def _read_raw(path: Path, table: str) -> pd.DataFrame:
    """One part as it was written; columns added since then are filled in."""
    if path.suffix == ".parquet":
        df = pq.read_table(path).to_pandas()
    else:
        df = pd.read_csv(path, dtype={k: v for k, v in SCHEMA[table].items() if v != "bool"},
                         keep_default_na=False, na_values=[""])
    for column, dtype in SCHEMA[table].items():  # parts written before a column was added
        if column not in df.columns:
            df[column] = False if dtype == "bool" else None
    return df[list(SCHEMA[table])]


def _read(path: Path, table: str) -> pd.DataFrame:
    return _read_raw(path, table).astype(SCHEMA[table])


def row_counts(path: Path) -> dict[str, int]:
    """Rows per table in the committed parts, without loading the tables (a
    manifest of a million-document run must not read them all into memory)."""
    markers = committed(path)
    dropped = replaced(markers)
    counts = dict.fromkeys(TABLES, 0)
    for m in markers:
        gone = dropped.get(m["part"])
        for table in TABLES:
            f = path / table / f"{part_name(m['part'])}.{m['format']}"
            if not f.exists():
                continue
            if gone:  # a part with documents a later part holds: count what is left
                counts[table] += len(_without(_read(f, table), table, gone))
            elif f.suffix == ".parquet":
                counts[table] += pq.ParquetFile(f).metadata.num_rows
            else:
                with f.open(encoding="utf-8", newline="") as fh:
                    counts[table] += sum(1 for _ in csv.reader(fh)) - 1
    return counts


def load(path: str | Path = "data/out") -> dict[str, pd.DataFrame]:
    """The batch tables in ``path`` as DataFrames, keyed by table name."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"{path} is not a folder of tables; run: python -m pipeline batch INPUT --out {path}")
    markers = committed(path)
    dropped = replaced(markers)
    result = {}
    for table in TABLES:
        frames = []
        for m in markers:
            f = path / table / f"{part_name(m['part'])}.{m['format']}"
            if f.exists():
                df = _read_raw(f, table)
                gone = dropped.get(m["part"])
                df = _without(df, table, gone) if gone else df
                if len(df):
                    frames.append(df)
        # one conversion per table, not one per part: a run has thousands of parts
        result[table] = pd.concat(frames, ignore_index=True).astype(SCHEMA[table]) if frames else frame(table, [])
    return result
