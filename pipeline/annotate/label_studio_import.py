"""Gold documents from Label Studio's JSON export: ``<id>.txt`` and
``<id>.gold.json`` (FORMAT.md's gold shape, with the offsets of every mention).

The export is a list of tasks, each with ``data`` and ``annotations[].result``
in the labeling config of label_studio.py. Every task is checked before
anything is written: a malformed one is one line naming its task id, and then
nothing at all is written.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .label_studio import (DATE_CALENDAR, DATE_VALUE, LABEL_TYPES, PERSON_NAME, RESOLUTION_KIND,
                           RESOLUTION_NUMBER, TEXT)


class ExportError(ValueError):
    """The export cannot be read at all (not JSON, not a list of tasks)."""


@dataclass
class Region:
    id: str
    label: str
    start: int
    end: int
    text: str
    answers: dict[str, str] = field(default_factory=dict)   # per-region fields by control name
    related: list[str] = field(default_factory=list)        # ids of regions a relation joins it to


@dataclass
class ImportResult:
    gold: dict[str, tuple[str, dict]]      # doc_id: (text, gold JSON)
    problems: list[str]                    # one line per malformed task
    skipped: list[str]                     # tasks nobody annotated


def _task_name(task, n: int) -> str:
    tid = task.get("id") if isinstance(task, dict) else None
    return f"task {tid}" if tid is not None else f"task #{n} (no id)"


def chosen_result(task: dict, use_predictions: bool) -> list | None:
    """The result that is the document's gold: its ground-truth annotation, else
    its latest submitted one; with ``use_predictions``, a task nobody annotated
    takes its newest prediction. None: no annotation."""
    done = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if done:
        truth = [a for a in done if a.get("ground_truth")]
        latest = max(truth or done, key=lambda a: str(a.get("updated_at") or a.get("created_at") or ""))
        return latest.get("result")
    predictions = [p for p in task.get("predictions") or [] if isinstance(p, dict)]
    return predictions[-1].get("result") if use_predictions and predictions else None


def _label_region(item: dict, text: str, problems: list[str]) -> Region | None:
    value = item.get("value") if isinstance(item.get("value"), dict) else {}
    labels, start, end = value.get("labels"), value.get("start"), value.get("end")
    rid = item.get("id")
    if not isinstance(labels, list) or len(labels) != 1 or labels[0] not in LABEL_TYPES:
        problems.append(f"region {rid}: labels {labels!r}, expected one of {', '.join(LABEL_TYPES)}")
    elif not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        problems.append(f"region {rid} ({labels[0]}): offsets {start!r}-{end!r} outside the text ({len(text)} chars)")
    elif "text" in value and value["text"] != text[start:end]:
        problems.append(f"region {rid} ({labels[0]}): its text «{value['text']}» is not the text at {start}-{end}")
    elif not isinstance(rid, str) or not rid:
        problems.append(f"a {labels[0]} region at {start}-{end} has no id")
    else:
        return Region(rid, labels[0], start, end, text[start:end])
    return None


def _answer(value: dict) -> str | None:
    for key in ("text", "choices"):
        got = value.get(key)
        if isinstance(got, list) and got and all(isinstance(x, str) for x in got):
            return got[0].strip()
        if isinstance(got, str):
            return got.strip()
    return None


def read_regions(result, text: str, problems: list[str]) -> dict[str, Region]:
    """The labeled regions of one result, with their per-region answers and relations."""
    if not isinstance(result, list) or not all(isinstance(item, dict) for item in result):
        problems.append("its result is not a list of objects")
        return {}
    regions = {}
    for item in (i for i in result if i.get("type") == "labels"):
        region = _label_region(item, text, problems)
        if region:
            regions[region.id] = region
    for item in result:
        kind, rid = item.get("type"), item.get("id")
        if kind in ("textarea", "choices"):
            answer = _answer(item.get("value") or {})
            if rid not in regions or answer is None:
                problems.append(f"{item.get('from_name')} answer {rid!r} belongs to no labeled region or is empty")
            else:
                regions[rid].answers[item.get("from_name")] = answer
        elif kind == "relation":
            a, b = item.get("from_id"), item.get("to_id")
            if a not in regions or b not in regions:
                problems.append(f"relation {a!r} → {b!r} joins a region that is not there")
            else:
                regions[a].related.append(b)
                regions[b].related.append(a)
    return regions


def _mention(r: Region) -> dict:
    return {"start": r.start, "end": r.end, "text": r.text}


def _people(regions: list[Region], problems: list[str]) -> list[dict]:
    people: dict[str, dict] = {}   # by name, in order of first mention
    person_of: dict[str, dict] = {}
    for r in (r for r in regions if r.label == "PERSON"):
        name = r.answers.get(PERSON_NAME) or r.text.strip()
        person = people.setdefault(name, {"name": name, "titles": [], "mentions": [], "title_mentions": []})
        person["mentions"].append(_mention(r))
        person_of[r.id] = person
    for r in (r for r in regions if r.label == "TITLE"):
        holders = [person_of[i] for i in r.related if i in person_of]
        if not holders:
            problems.append(f"TITLE «{r.text}» at {r.start}-{r.end} is related to no PERSON region")
        for person in holders:
            if r.text not in person["titles"]:
                person["titles"].append(r.text)
            person["title_mentions"].append(_mention(r))
    return list(people.values())


def _required(r: Region, name: str, problems: list[str]) -> str:
    value = r.answers.get(name, "")
    if not value:
        problems.append(f"{r.label} «{r.text}» at {r.start}-{r.end} has no {name}")
    return value


def to_gold(doc_id: str, regions: dict[str, Region], problems: list[str]) -> dict:
    """FORMAT.md's gold shape, with offsets, from one task's regions."""
    ordered = sorted(regions.values(), key=lambda r: (r.start, r.end))
    gold = {"doc_id": doc_id, "people": _people(ordered, problems), "resolutions": [], "dates": [], "tasks": []}
    for r in ordered:
        if r.label == "RESOLUTION":
            gold["resolutions"].append({"kind": r.answers.get(RESOLUTION_KIND, ""),
                                        "number": _required(r, RESOLUTION_NUMBER, problems), **_mention(r)})
        elif r.label == "DATE":
            calendar = {"calendar": r.answers[DATE_CALENDAR]} if r.answers.get(DATE_CALENDAR) else {}
            gold["dates"].append({"text": r.text, "value": _required(r, DATE_VALUE, problems), **calendar,
                                  "start": r.start, "end": r.end})
        elif r.label == "TASK":
            gold["tasks"].append(_mention(r))
    return gold


def _doc_id(task: dict, problems: list[str]) -> str:
    doc_id = str(task["data"].get("doc_id") or f"task-{task.get('id')}")
    path = PurePosixPath(doc_id)
    if path.is_absolute() or ".." in path.parts or "\\" in doc_id or not path.name:
        problems.append(f"doc_id {doc_id!r} is not a relative file name")
    return doc_id


def read_task(task, use_predictions: bool) -> tuple[str, str, dict | None, list[str]]:
    """(doc_id, text, gold or None when not annotated, problems) of one task."""
    problems: list[str] = []
    data = task.get("data") if isinstance(task, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get(TEXT), str) or not data[TEXT].strip():
        return "", "", None, [f"no data.{TEXT} (the document's text)"]
    doc_id, text = _doc_id(task, problems), data[TEXT]
    result = chosen_result(task, use_predictions)
    if result is None:
        return doc_id, text, None, problems
    gold = to_gold(doc_id, read_regions(result, text, problems), problems)
    return doc_id, text, gold, problems


def import_tasks(tasks, use_predictions: bool = False) -> ImportResult:
    if not isinstance(tasks, list):
        raise ExportError(f"a Label Studio JSON export is a list of tasks, this is a JSON {type(tasks).__name__}")
    out = ImportResult({}, [], [])
    for n, task in enumerate(tasks, 1):
        name = _task_name(task, n)
        doc_id, text, gold, problems = read_task(task, use_predictions)
        if doc_id in out.gold:
            problems.append(f"doc_id {doc_id!r} again (an earlier task has it)")
        if problems:
            out.problems.append(f"{name}{f' ({doc_id})' if doc_id else ''}: {'; '.join(problems)}")
        elif gold is None:
            out.skipped.append(f"{name} ({doc_id})")
        else:
            out.gold[doc_id] = (text, gold)
    return out


def read_export(path: Path, use_predictions: bool = False) -> ImportResult:
    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ExportError(f"{path}: not JSON ({exc})") from None
    return import_tasks(tasks, use_predictions)


def write_gold(gold: dict[str, tuple[str, dict]], out_dir: Path) -> None:
    """Every ``<id>.txt`` and ``<id>.gold.json``, written to a scratch folder
    first and then moved into ``out_dir``, so a failure leaves no half document."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".import-") as scratch:
        staged = []
        for doc_id, (text, doc) in gold.items():
            for suffix, content in ((".txt", text), (".gold.json", json.dumps(doc, ensure_ascii=False, indent=1) + "\n")):
                tmp = Path(scratch) / f"{len(staged)}{suffix}"
                tmp.write_text(content, encoding="utf-8", newline="")
                staged.append((tmp, out_dir / f"{doc_id}{suffix}"))
        for tmp, final in staged:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
