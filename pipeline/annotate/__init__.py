"""Annotation round trips: the pipeline's results as pre-annotations for an
annotation tool, and the corrected annotations back as gold documents
(Label Studio: label_studio.py out, label_studio_import.py in)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..component import Pipeline
from .label_studio import labeling_config, to_task
from .label_studio_import import ExportError, ImportResult, import_tasks, read_export, write_gold

TASKS_FILE = "tasks.json"
CONFIG_FILE = "label_config.xml"


@dataclass
class ExportResult:
    tasks: Path
    config: Path
    documents: int
    problems: list[str]       # documents that could not be read or extracted, one line each


def export_label_studio(source: Path, out_dir: Path, nlp: Pipeline | None = None) -> ExportResult:
    """Extract every document of ``source`` (a folder of .txt, a .txt, or a
    .jsonl/.csv/.parquet table) and write ``out_dir/tasks.json`` (Label Studio
    import tasks with the results as predictions) and ``out_dir/label_config.xml``."""
    from .. import build, config, extract, to_json
    from ..inputs import iter_inputs

    nlp = nlp or build(config())
    tasks, problems = [], []
    for raw in iter_inputs(source):
        if raw.error:
            problems.append(f"{raw.path}: {raw.error}")
            continue
        try:
            doc = extract(raw.text, raw.doc_id, raw.date, pipeline=nlp)
        except ValueError as exc:   # a bad --date or metadata date
            problems.append(f"{raw.path}: {exc}")
            continue
        tasks.append(to_task(to_json(doc), raw.text))
    out_dir.mkdir(parents=True, exist_ok=True)
    tasks_path, config_path = out_dir / TASKS_FILE, out_dir / CONFIG_FILE
    tasks_path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    config_path.write_text(labeling_config(), encoding="utf-8")
    return ExportResult(tasks_path, config_path, len(tasks), problems)


__all__ = ["ExportError", "ExportResult", "ImportResult", "export_label_studio", "import_tasks", "labeling_config",
           "read_export", "to_task", "write_gold"]
