"""The package's import graph, read from the source with ``ast`` (imports
inside functions included, and the stages ``pipeline.api.COMPONENTS`` imports
by name): no cycles, and no run-time code imports the NER training code
(``pipeline.ner.training``), directly or through another module. Only the CLI,
which dispatches ``train ner`` and ``evaluate ner``, may."""
from __future__ import annotations

import ast
import graphlib
from collections import deque
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "pipeline"     # read, not imported
TRAINING = "pipeline.ner.training"
# the modules that may reach the training code: the CLI, and what runs it
MAY_TRAIN = ("pipeline.cli", "pipeline.__main__")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """What ``from X import a, b`` may import: X, X.a and X.b."""
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    return [source] + [f"{source}.{alias.name}" for alias in node.names]


def _component_modules(tree: ast.Module) -> set[str]:
    """The modules of the ``"module:Class"`` values of api.py's COMPONENTS."""
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "COMPONENTS" for t in targets):
                return {ast.literal_eval(v).partition(":")[0] for v in node.value.values}
    raise AssertionError("pipeline/api.py has no COMPONENTS dict of 'module:Class' strings")


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """module -> the package modules it imports."""
    files = {_module_name(f, root): f for f in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                found.update(_targets(module, is_package, node))
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        if module == "pipeline.api":
            found |= _component_modules(tree)
        graph[module] = {t for t in found & files.keys() if t != module}
    return graph


def _without_exports(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph less each package's imports of its own submodules: that is
    how a package exports them, not a cycle with them (as
    ../shared/hooks/code_shape.py counts cycles)."""
    return {m: {t for t in targets if not t.startswith(m + ".")} for m, targets in graph.items()}


def _is_training(module: str) -> bool:
    return module == TRAINING or module.startswith(TRAINING + ".")


def _path_to_training(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """The shortest import chain from ``start`` to a training module, if any."""
    came_from: dict[str, str | None] = {start: None}
    todo = deque([start])
    while todo:
        module = todo.popleft()
        if _is_training(module):
            chain = [module]
            while came_from[chain[-1]] is not None:
                chain.append(came_from[chain[-1]])
            return chain[::-1]
        for nxt in sorted(graph.get(module, ())):
            if nxt not in came_from:
                came_from[nxt] = module
                todo.append(nxt)
    return None


def training_imports(graph: dict[str, set[str]]) -> list[str]:
    """The offending edges first (a run-time module that imports a training
    module), then each run-time module that reaches one, with its chain."""
    run_time = [m for m in sorted(graph) if not _is_training(m) and m not in MAY_TRAIN]
    edges = [f"{m} imports {t}" for m in run_time for t in sorted(graph[m]) if _is_training(t)]
    chains = [" -> ".join(chain) for m in run_time if (chain := _path_to_training(graph, m))]
    return edges + chains


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_the_graph_is_read_from_the_source(graph):
    assert "pipeline.ner.component" in graph["pipeline.ner"]                   # a package's export
    assert "pipeline.ner.crf_tagger" in graph["pipeline.ner.backends"]        # an import inside a function
    assert "pipeline.ner" in graph["pipeline.api"]                              # a stage imported by name
    assert any(_is_training(m) for m in graph["pipeline.cli"])                  # the CLI trains


def test_no_import_cycles(graph):
    try:
        graphlib.TopologicalSorter(_without_exports(graph)).prepare()
    except graphlib.CycleError as exc:
        raise AssertionError("import cycle: " + " -> ".join(exc.args[1])) from None


def test_run_time_code_never_imports_the_training_code(graph):
    offending = training_imports(graph)
    assert not offending, "run-time code imports pipeline.ner.training:\n" + "\n".join(offending)


def test_a_bad_import_is_named_with_its_chain(tmp_path):
    # the checks themselves, on a copy of the package with one bad import added
    import shutil

    copy = tmp_path / "pipeline"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    component = copy / "ner" / "component.py"
    component.write_text(component.read_text(encoding="utf-8") + "\n\ndef _bad():\n    from .training import silver\n",
                         encoding="utf-8")
    offending = training_imports(import_graph(copy))
    assert offending[:2] == ["pipeline.ner.component imports pipeline.ner.training",
                             "pipeline.ner.component imports pipeline.ner.training.silver"]
    # and the modules that import it: the stage's package, and through it the pipeline's stage table
    assert "pipeline.ner -> pipeline.ner.component -> pipeline.ner.training" in offending
    assert "pipeline.api -> pipeline.ner -> pipeline.ner.component -> pipeline.ner.training" in offending
