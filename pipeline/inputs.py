"""Reading documents: text files, stdin and JSONL, with clear errors for bad input."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


class BadDocument(ValueError):
    """A document that cannot be extracted (undecodable, binary, empty)."""


@dataclass
class RawDocument:
    doc_id: str
    path: str
    text: str | None = None
    date: str | None = None
    error: str | None = None      # why it could not be read; the batch records it


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


def doc_id_for(path: Path) -> str:
    return path.name[:-4] if path.name.endswith(".txt") else path.stem


def read_file(path: Path) -> str:
    return decode(path.read_bytes(), str(path))


def iter_inputs(source: Path) -> Iterator[RawDocument]:
    """Documents of a folder of .txt files (recursive), a .txt file, or a .jsonl
    file with ``id``, ``text`` and optional ``date`` per line. Unreadable ones
    come back with ``error`` set, so a batch can record them and go on."""
    if source.is_dir():
        for path in sorted(p for p in source.rglob("*.txt") if p.is_file()):
            yield _from_file(path, source)
    elif source.suffix == ".jsonl":
        with source.open("rb") as fh:
            for n, line in enumerate(fh, 1):
                where = f"{source}:{n}"
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line.decode("utf-8"))
                    text = rec.get("text")
                    if not isinstance(text, str):
                        raise BadDocument(f"{where}: no 'text' string")
                    check_text(text, where)
                    yield RawDocument(str(rec.get("id", n)), where, text, rec.get("date"))
                except (BadDocument, UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
                    yield RawDocument(str(n), where, error=f"{type(exc).__name__}: {exc}")
    elif source.is_file():
        yield _from_file(source, source.parent)
    else:
        raise FileNotFoundError(f"no such input: {source}")


def _from_file(path: Path, root: Path) -> RawDocument:
    rel = path.relative_to(root) if path != root else Path(path.name)
    doc_id = str(rel.with_name(doc_id_for(path)))
    try:
        return RawDocument(doc_id, str(path), read_file(path))
    except (BadDocument, OSError) as exc:
        return RawDocument(doc_id, str(path), error=f"{type(exc).__name__}: {exc}")
