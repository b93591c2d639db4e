"""The example notebook runs against real batch output. Cells that need the
notebook extras (matplotlib, duckdb) run where those are installed."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from pipeline.batch import BatchOptions, run_batch

ROOT = Path(__file__).resolve().parents[1]


def test_notebook_cells_run_on_batch_output(tmp_path, monkeypatch):
    out = tmp_path / "data" / "out"
    run_batch(ROOT / "data" / "raw", BatchOptions(out=out, workers=1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = json.loads((ROOT / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))
    scope: dict = {}
    ran = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        needs = [m for m in ("matplotlib", "duckdb") if f"import {m}" in src]
        if any(importlib.util.find_spec(m) is None for m in needs):
            continue
        exec(compile(src, "explore.ipynb", "exec"), scope)
        ran += 1
    assert ran >= 4
    assert len(scope["t"]["documents"]) == 5
    assert not scope["top"].empty and "titles" in scope["top"].columns
    assert scope["per_month"].sum() > 0
    assert list(scope["tasks"].columns[:3]) == ["doc_id", "list_id", "order"]
