"""Reading a gold folder: ``<id>.txt`` + ``<id>.gold.json`` per document
(FORMAT.md's gold shape), and predictions ``<id>.json`` written by
``extract --format json --out-dir``. A bad gold document is one clear line,
and the others are still read."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..inputs import BadDocument, read_file

GOLD_SUFFIX = ".gold.json"
LISTS = ("people", "resolutions", "dates", "tasks")
# the key each item of a list must have, and what it is called in a message
REQUIRED = {"people": "name", "resolutions": "number", "dates": "value", "tasks": "text"}


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    gold: dict


@dataclass
class GoldSet:
    documents: list[GoldDocument]
    problems: list[str]          # one line per gold document that could not be used
    notes: list[str]             # things worth knowing that are not errors


def gold_problems(gold) -> list[str]:
    """What is missing or of the wrong type in one gold document (empty: fine)."""
    if not isinstance(gold, dict):
        return [f"the file holds a JSON {type(gold).__name__}, not an object"]
    problems = []
    for name in LISTS:
        items = gold.get(name)
        if items is None:
            problems.append(f"no '{name}' list (write [] when the document has none)")
        elif not isinstance(items, list):
            problems.append(f"'{name}' is not a list")
        else:
            problems += _item_problems(name, items)
    return problems


def _item_problems(name: str, items: list) -> list[str]:
    key, problems = REQUIRED[name], []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            problems.append(f"{name}[{n}] is not an object")
        elif not isinstance(item.get(key), str) or not item[key].strip():
            problems.append(f"{name}[{n}] has no '{key}'")
        elif name == "people" and not all(isinstance(t, str) for t in item.get("titles") or []):
            problems.append(f"people[{n}] ('{item[key]}') has a title that is not a string")
    return problems


def _doc_id(path: Path, root: Path) -> str:
    return str(path.relative_to(root))[: -len(GOLD_SUFFIX)]


def read_gold(gold_dir: Path) -> GoldSet:
    """Every ``*.gold.json`` under ``gold_dir`` (recursive) with its text."""
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"no such gold folder: {gold_dir}")
    docs, problems, notes = [], [], []
    for path in sorted(gold_dir.rglob(f"*{GOLD_SUFFIX}")):
        doc_id = _doc_id(path, gold_dir)
        text_path = path.with_name(path.name[: -len(GOLD_SUFFIX)] + ".txt")
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            problems.append(f"{path}: not valid JSON ({exc})")
            continue
        bad = gold_problems(gold)
        if bad:
            problems.append(f"{path}: {'; '.join(bad)}")
            continue
        if not text_path.exists():
            problems.append(f"{path}: its text {text_path.name} is missing")
            continue
        try:
            docs.append(GoldDocument(doc_id, read_file(text_path), gold))
        except (BadDocument, OSError) as exc:
            problems.append(f"{text_path}: {exc}")
    have = {d.doc_id for d in docs}
    for text_path in sorted(gold_dir.rglob("*.txt")):
        doc_id = str(text_path.relative_to(gold_dir))[:-4]
        if doc_id not in have and not text_path.with_name(text_path.name[:-4] + GOLD_SUFFIX).exists():
            notes.append(f"{text_path}: no {text_path.name[:-4]}{GOLD_SUFFIX} beside it; not scored")
    return GoldSet(docs, problems, notes)


def read_prediction(pred_dir: Path, doc_id: str, notes: list[str]) -> dict:
    """``pred_dir/<doc_id>.json``; a missing or unreadable one counts as an empty
    prediction (as in the reference scorer), with a note saying so."""
    path = pred_dir / f"{doc_id}.json"
    if not path.exists():
        notes.append(f"{path}: no prediction; scored as empty")
        return {}
    try:
        pred = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        notes.append(f"{path}: not valid JSON ({exc}); scored as empty")
        return {}
    if not isinstance(pred, dict):
        notes.append(f"{path}: not a JSON object; scored as empty")
        return {}
    return pred
