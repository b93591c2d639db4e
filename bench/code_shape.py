"""The shape of the package's functions: length in lines and branch count.

    python bench/code_shape.py [PACKAGE_DIR] [--top 5]

Issue 19's limits: no function in pipeline/ over 60 lines, and none in the
components over 20 branches (if/elif, loops, boolean operators, conditional
expressions, comprehensions, except clauses, match). tests/test_code_shape.py
checks them; this prints the figures.
"""
from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 60
MAX_BRANCHES = 20
# the packages and modules that hold the pipeline's components
COMPONENTS = ("pipeline/dates", "pipeline/resolutions", "pipeline/people", "pipeline/tasks", "pipeline/ner",
              "pipeline/preprocess.py", "pipeline/segment.py", "pipeline/normalize.py", "pipeline/wordlists")
_BRANCHING = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.BoolOp, ast.IfExp, ast.comprehension,
              ast.ExceptHandler, ast.Match)


@dataclass(frozen=True)
class FunctionShape:
    path: str          # relative to the project root
    name: str          # Class.method or function
    lines: int
    branches: int

    @property
    def in_component(self) -> bool:
        return any(self.path == c or self.path.startswith(c + "/") for c in COMPONENTS)


def _branches(fn: ast.AST) -> int:
    """Branch nodes of this function, not of the functions nested in it."""
    count, todo = 0, list(ast.iter_child_nodes(fn))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        count += isinstance(node, _BRANCHING)
        todo.extend(ast.iter_child_nodes(node))
    return count


def _functions(tree: ast.AST, prefix: str = ""):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield f"{prefix}{node.name}", node
            yield from _functions(node, f"{prefix}{node.name}.")


def measure(package: Path = ROOT / "pipeline") -> list[FunctionShape]:
    shapes = []
    for f in sorted(package.rglob("*.py")):
        rel = f.relative_to(package.parent).as_posix()
        for name, node in _functions(ast.parse(f.read_text(encoding="utf-8"))):
            shapes.append(FunctionShape(rel, name, node.end_lineno - node.lineno + 1, _branches(node)))
    return shapes


def over_limits(shapes: list[FunctionShape]) -> list[str]:
    out = [f"{s.path}:{s.name} is {s.lines} lines (limit {MAX_LINES})" for s in shapes if s.lines > MAX_LINES]
    out += [f"{s.path}:{s.name} has {s.branches} branches (limit {MAX_BRANCHES})"
            for s in shapes if s.in_component and s.branches > MAX_BRANCHES]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("package", nargs="?", type=Path, default=ROOT / "pipeline")
    ap.add_argument("--top", type=int, default=5)
    args = ap.parse_args(argv)
    shapes = measure(args.package)
    print(f"{len(shapes)} functions")
    print("longest:", ", ".join(f"{s.name} {s.lines}" for s in sorted(shapes, key=lambda s: -s.lines)[:args.top]))
    comp = [s for s in shapes if s.in_component]
    print("most branches in the components:",
          ", ".join(f"{s.name} {s.branches}" for s in sorted(comp, key=lambda s: -s.branches)[:args.top]))
    problems = over_limits(shapes)
    for p in problems:
        print("over the limit:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
