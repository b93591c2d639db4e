"""Issue 19's limits on the code's shape, measured by bench/code_shape.py."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("code_shape", ROOT / "bench" / "code_shape.py")
code_shape = importlib.util.module_from_spec(_spec)
sys.modules["code_shape"] = code_shape  # dataclasses look their module up
_spec.loader.exec_module(code_shape)


def test_no_function_over_60_lines_and_no_component_function_over_20_branches():
    problems = code_shape.over_limits(code_shape.measure(ROOT / "pipeline"))
    assert not problems, "\n".join(problems)


def test_the_measure_sees_long_and_branching_functions(tmp_path):
    pkg = tmp_path / "pipeline" / "dates"
    pkg.mkdir(parents=True)
    body = "\n".join(f"    if x == {i}:\n        x += 1" for i in range(25))
    (pkg / "rules.py").write_text(f"def busy(x):\n{body}\n    return x\n\n\ndef short():\n    return 1\n")
    shapes = {s.name: s for s in code_shape.measure(tmp_path / "pipeline")}
    assert shapes["busy"].branches == 25 and shapes["busy"].lines == 52 and shapes["busy"].in_component
    assert shapes["short"].branches == 0
    assert any("busy has 25 branches" in p for p in code_shape.over_limits(list(shapes.values())))
