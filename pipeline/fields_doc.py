"""The generated parts of ``docs/tables.md``: the column table of every batch
table, the JSON's objects and keys, and the review page's columns, all
written from the field specification (``pipeline.fields``). Prose around them
is the file's own; only the blocks between «<!-- fields: NAME -->» and
«<!-- /fields -->» are rewritten.

    python -m pipeline.fields_doc --write     # after changing pipeline/fields.py
    python -m pipeline.fields_doc --check     # exit 1 when docs/tables.md is stale
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Iterable

from .fields import BOOL, FLOAT, HTML_TABLES, INT, JSON_RECORDS, STRING, STRINGS, TABLES, Field, Record

DOCS = Path(__file__).resolve().parents[1] / "docs" / "tables.md"

# A generated block of docs/tables.md: «<!-- fields: people -->» … «<!-- /fields -->».
_BLOCK = re.compile(r"(?P<open><!-- fields: (?P<what>[\w-]+) -->\n)(?P<body>.*?)(?P<close><!-- /fields -->)", re.S)
_JSON_TYPES = {STRING: "string", INT: "integer", FLOAT: "number", BOOL: "boolean", STRINGS: "list of strings"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _groups(fields: Iterable[Field]) -> list[list[Field]]:
    """Neighbouring fields that share a description, documented in one line."""
    groups: list[list[Field]] = []
    for f in fields:
        if groups and f.description and groups[-1][-1].description == f.description:
            groups[-1].append(f)
        else:
            groups.append([f])
    return groups


def columns_markdown(record: Record) -> str:
    """The column table of one batch table."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for group in _groups(record.table_fields):
        types = [f.table_dtype + (" (list)" if f.dtype == STRINGS else "") for f in group]
        types = types[:1] if len(set(types)) == 1 else types
        lines.append(f"| {', '.join(f.name for f in group)} | {', '.join(types)} | {_cell(group[0].description)} |")
    return "\n".join(lines) + "\n"


def _json_type(f: Field) -> str:
    if f.nested is not None:
        return f"list of objects: {f.nested.path}"
    if f.json_if_true:
        return "`true`, or absent"
    return f"{_JSON_TYPES[f.dtype]}, or absent" if f.json_if_set else _JSON_TYPES[f.dtype]


def json_markdown() -> str:
    """Every object of the JSON with its keys in order: what each is, or
    which table has it as a column."""
    lines = ["| object | key | type | meaning |", "|---|---|---|---|"]
    for record in JSON_RECORDS:
        described = [(f, _json_type(f), f"the column of that name in `{record.name}`" if f.in_table and record in TABLES
                      else f.description) for f in record.json_fields]
        groups: list[list[tuple[Field, str, str]]] = []
        for entry in described:
            if groups and groups[-1][-1][1:] == entry[1:]:
                groups[-1].append(entry)
            else:
                groups.append([entry])
        for group in groups:
            keys = ", ".join(f.name for f, _, _ in group)
            lines.append(f"| {record.path} | {keys} | {group[0][1]} | {_cell(group[0][2])} |")
    return "\n".join(lines) + "\n"


def html_markdown() -> str:
    """The review page's result tables and the field behind each column."""
    lines = ["| page table | columns |", "|---|---|"]
    for record in HTML_TABLES:
        shown = [f.html_header + ("" if f.html_header == f.name else f" (`{f.name}`: {f.description})"
                                  if not (f.in_table or f.in_json) else f" (`{f.name}`)")
                 for f in record.html_fields]
        lines.append(f"| {record.name} | {_cell(', '.join(shown))} |")
    return "\n".join(lines) + "\n"


def _block(what: str) -> str:
    if what == "json":
        return json_markdown()
    if what == "html":
        return html_markdown()
    for record in TABLES:
        if record.name == what:
            return columns_markdown(record)
    raise ValueError(f"docs/tables.md has a block for {what!r}, which is no table of the specification")


def render_docs(text: str) -> str:
    """``text`` (docs/tables.md) with every generated block written anew
    from the specification; every table, the JSON and the page must have one."""
    found = [m["what"] for m in _BLOCK.finditer(text)]
    missing = [w for w in [r.name for r in TABLES] + ["json", "html"] if w not in found]
    if missing:
        raise ValueError(f"docs/tables.md lacks the generated block(s) {', '.join(missing)}: "
                         "add «<!-- fields: NAME -->» … «<!-- /fields -->» where each belongs")
    return _BLOCK.sub(lambda m: m["open"] + _block(m["what"]) + m["close"], text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m pipeline.fields_doc",
        description="Write the generated blocks of docs/tables.md from the field specification (pipeline/fields.py).",
        epilog="examples:\n  python -m pipeline.fields_doc --write\n  python -m pipeline.fields_doc --check",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=DOCS, help="the file (default: docs/tables.md)")
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", action="store_true", help="rewrite its generated blocks in place")
    what.add_argument("--check", action="store_true", help="exit 1 when the file is not what the spec generates")
    args = ap.parse_args(argv)
    text = args.docs.read_text(encoding="utf-8")
    fresh = render_docs(text)
    if args.check and fresh != text:
        print(f"{args.docs} is stale: run python -m pipeline.fields_doc --write", file=sys.stderr)
        return 1
    if args.write:
        args.docs.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
