"""Random bytes and random records into ``batch``: the run always ends, every
input is one row (a document or an error), no row is doubled, and a re-run
changes nothing."""
from __future__ import annotations

import codecs
import csv
import json
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import load
from pipeline.cli import main

from test_batch import assert_same_tables

WORDS = ["قطعنامه شماره ۱۸-NQ/TW", "رفیق وو دای تانگ", "۱۴۰۳/۵/۳", "درخواست کرد تا", "\u200c", "\n", " ",
         "<p>", "\x00", "\ufeff", "\x1b[2J", "1", "\r\n", '"', ","]
texts = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(WORDS), max_size=12).map("".join))
ids = st.one_of(st.none(), st.just(""), st.sampled_from(["a", "b", "1", "2", "3"]), st.text(max_size=6))
byte_docs = st.one_of(
    st.binary(max_size=120),
    texts.map(lambda t: t.encode("utf-8")),
    st.tuples(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b""]), texts).map(
        lambda p: p[0] + p[1].encode("utf-16-le" if p[0] == codecs.BOM_UTF16_LE else
                                     "utf-16-be" if p[0] == codecs.BOM_UTF16_BE else "utf-8")),
)
records = st.fixed_dictionaries({"id": ids, "text": st.one_of(texts, st.none())},
                                optional={"date": st.one_of(st.just("2024-12-01"), st.text(max_size=10))})
json_lines = st.one_of(
    records.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8")),
    records.map(lambda r: json.dumps({**r, "text": (r["text"] or "") + "\ud800"}).encode("utf-8")),
    st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" ")),
    st.just(b"[1, 2]"),
)


def _folder(root: Path, docs: list[tuple[str, bytes]]) -> tuple[Path, set[str]]:
    folder = root / "in"
    folder.mkdir()
    places = set()
    for name, data in docs:
        path = folder / name
        if not path.exists():
            path.write_bytes(data)
            places.add(str(path))
    return folder, places


def _jsonl(root: Path, lines: list[bytes]) -> tuple[Path, set[str]]:
    path = root / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, {f"{path}:{n}" for n, line in enumerate(lines, 1) if line.strip()}


def _csv(root: Path, recs: list[dict]) -> tuple[Path, set[str]]:
    path = root / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "date"])
        for r in recs:
            w.writerow([r["id"] or "", r["text"] or "", r.get("date") or ""])
    return path, {f"{path}:{n}" for n in range(2, len(recs) + 2)}


def _parquet(root: Path, recs: list[dict]) -> tuple[Path, set[str]]:
    path = root / "in.parquet"
    cols = {"id": [r["id"] for r in recs], "text": [r["text"] for r in recs], "date": [r.get("date") for r in recs]}
    pq.write_table(pa.table({k: pa.array(v, pa.string()) for k, v in cols.items()}), path)
    return path, {f"{path}:{n}" for n in range(1, len(recs) + 1)}


names = st.sampled_from(["a.txt", "a.TXT", "b.txt", ".txt", "c d.txt", "e.Txt", "f.txt", "g.txt"])
inputs = st.one_of(
    st.lists(st.tuples(names, byte_docs), min_size=1, max_size=6).map(lambda d: (_folder, d)),
    st.lists(json_lines, min_size=1, max_size=8).map(lambda d: (_jsonl, d)),
    st.lists(records, min_size=1, max_size=8).map(lambda d: (_csv, d)),
    st.lists(records, min_size=1, max_size=8).map(lambda d: (_parquet, d)),
)


def _committed(out: Path) -> list[str]:
    return sorted(p.read_text(encoding="utf-8") for p in (out / "_committed").glob("part-*.json"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(inputs)
def test_random_inputs_are_each_one_row_and_reruns_change_nothing(case):
    make, data = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source, places = make(root, data)
        out = root / "out"
        cmd = ["batch", str(source), "--out", str(out), "--workers", "1", "--chunk-size", "3", "--quiet"]
        assert main(cmd) in (0, 1)
        tables = load(out)
        docs, errors = tables["documents"], tables["errors"]
        rows = list(docs["path"]) + list(errors["path"])
        assert sorted(rows) == sorted(places)          # every input once: a document or an error
        assert docs["doc_id"].is_unique                # the first record of an id wins
        markers = _committed(out)
        assert main(cmd) in (0, 1)
        assert _committed(out) == markers              # nothing re-extracted, nothing written
        assert_same_tables(tables, load(out))
