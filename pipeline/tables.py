"""Tabular datasets: one row per annotation, each with ``doc_id`` and offsets.

``rows(doc)`` flattens one Document; ``write_tables`` writes Parquet (or CSV);
``load(path)`` gives them back as pandas DataFrames for a notebook.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

import pandas as pd

from .document import Document

TABLES = ("documents", "people", "titles", "resolutions", "dates", "tasks", "errors")

# Explicit columns and dtypes, so an empty table still has its schema.
SCHEMA: dict[str, dict[str, str]] = {
    "documents": {"doc_id": "string", "path": "string", "n_chars": "int64", "sha1": "string",
                  "n_people": "int64", "n_resolutions": "int64", "n_dates": "int64", "n_tasks": "int64"},
    "people": {"doc_id": "string", "person_id": "int64", "name": "string", "aliases": "string",
               "honorifics": "string", "n_mentions": "int64", "start": "int64", "end": "int64"},
    "titles": {"doc_id": "string", "person_id": "int64", "name": "string", "title": "string",
               "rule": "string", "start": "int64", "end": "int64"},
    "resolutions": {"doc_id": "string", "kind": "string", "number": "string", "number_canonical": "string",
                    "issuer": "string", "date": "string", "title": "string", "rule": "string",
                    "start": "int64", "end": "int64"},
    "dates": {"doc_id": "string", "text": "string", "value": "string", "calendar": "string",
              "rule": "string", "relative": "bool", "start": "int64", "end": "int64"},
    "tasks": {"doc_id": "string", "list_id": "int64", "order": "int64", "text": "string",
              "requester": "string", "requester_person": "string", "addressees": "string",
              "deadline": "string", "resolutions": "string", "frame": "string", "start": "int64", "end": "int64"},
    "errors": {"doc_id": "string", "path": "string", "stage": "string", "error": "string"},
}

_SEP = " | "  # list cells are joined with this; split on it to get the list back


def rows(doc: Document, path: str = "") -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    out["documents"].append({
        "doc_id": doc.doc_id, "path": path, "n_chars": len(doc.text),
        "sha1": hashlib.sha1(doc.text.encode("utf-8")).hexdigest(),
        "n_people": len(doc.people), "n_resolutions": len(doc.resolutions),
        "n_dates": len(doc.dates), "n_tasks": len(doc.tasks),
    })
    for pid, p in enumerate(doc.people, 1):
        first = p.mentions[0]
        out["people"].append({
            "doc_id": doc.doc_id, "person_id": pid, "name": p.name, "aliases": _SEP.join(p.aliases),
            "honorifics": _SEP.join(p.honorifics), "n_mentions": len(p.mentions),
            "start": first.start, "end": first.end,
        })
        for t in p.titles:
            out["titles"].append({"doc_id": doc.doc_id, "person_id": pid, "name": p.name, "title": t.text,
                                  "rule": t.rule, "start": t.start, "end": t.end})
    for r in doc.resolutions:
        out["resolutions"].append({"doc_id": doc.doc_id, "kind": r.kind, "number": r.number,
                                   "number_canonical": r.number_canonical, "issuer": r.issuer, "date": r.date,
                                   "title": r.title, "rule": r.rule, "start": r.start, "end": r.end})
    for d in doc.dates:
        out["dates"].append({"doc_id": doc.doc_id, "text": d.text, "value": d.value, "calendar": d.calendar,
                             "rule": d.rule, "relative": d.relative, "start": d.start, "end": d.end})
    for t in doc.tasks:
        out["tasks"].append({"doc_id": doc.doc_id, "list_id": t.list_id, "order": t.order, "text": t.text,
                             "requester": t.requester, "requester_person": t.requester_person,
                             "addressees": _SEP.join(t.addressees), "deadline": t.deadline,
                             "resolutions": _SEP.join(t.resolutions), "frame": t.frame,
                             "start": t.start, "end": t.end})
    return out


def frame(table: str, records: Iterable[dict]) -> pd.DataFrame:
    schema = SCHEMA[table]
    df = pd.DataFrame(list(records), columns=list(schema))
    return df.astype(schema)


def write_tables(tables: dict[str, list[dict]], out_dir: Path, fmt: str = "parquet") -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in TABLES:
        df = frame(name, tables.get(name, []))
        path = out_dir / f"{name}.{fmt}"
        if fmt == "parquet":
            df.to_parquet(path, index=False)
        elif fmt == "csv":
            df.to_csv(path, index=False)
        else:
            raise ValueError(f"unknown table format {fmt!r}: use parquet or csv")
        written[name] = path
    return written


def load(path: str | Path = "data/out") -> dict[str, pd.DataFrame]:
    """The batch tables in ``path`` as DataFrames, keyed by table name."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"{path} is not a folder of tables; run: python -m pipeline batch INPUT --out {path}")
    result = {}
    for name in TABLES:
        pq, csv = path / f"{name}.parquet", path / f"{name}.csv"
        if pq.exists():
            result[name] = pd.read_parquet(pq)
        elif csv.exists():
            result[name] = pd.read_csv(csv, dtype=SCHEMA[name], keep_default_na=False)
        else:
            result[name] = frame(name, [])
    return result
