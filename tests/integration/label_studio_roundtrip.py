"""A real Label Studio round trip on localhost.

    python tests/integration/label_studio_roundtrip.py --venv /path/to/ls-venv [--docs data/raw]

Label Studio lives in its own virtualenv (``python3 -m venv V && V/bin/pip
install label-studio``) so its dependencies never touch the project's. This
script, run with the project's Python:

1. ``annotate export DOCS --to label-studio`` writes tasks.json + label_config.xml;
2. checks every task's prediction with Label Studio's own validator
   (label_studio_sdk's LabelInterface, run in that virtualenv);
3. starts ``label-studio start`` on 127.0.0.1 with a throwaway data folder and
   a user + API token from the environment, creates a project with the config,
   imports the tasks through the API;
4. annotates as a researcher would: accepts the pre-annotation of every task
   but the last (left unannotated) and corrects one task (a date removed, a date
   value changed, a person and their title added, related);
5. exports the project as JSON through the API, runs ``annotate import`` on the
   export and ``evaluate --pred`` on the gold it wrote, and checks that the error
   listing names exactly the corrections and nothing else.

Exit status 0 when every check holds; each step prints what it saw.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD, TOKEN = "roundtrip@example.com", "roundtrip-password", "persian-ie-roundtrip-token"
VALIDATE = """
import json, sys
from label_studio_sdk.label_interface import LabelInterface
li = LabelInterface(open(sys.argv[1], encoding="utf-8").read())
for task in json.load(open(sys.argv[2], encoding="utf-8")):
    for prediction in task["predictions"]:
        errors = li.validate_prediction(prediction, return_errors=True)
        print(json.dumps({"doc_id": task["data"]["doc_id"], "results": len(prediction["result"]), "errors": errors}))
"""


def say(*parts) -> None:
    print(*parts, flush=True)


def run(*args: str) -> subprocess.CompletedProcess:
    say("$ python -m pipeline", " ".join(args))
    done = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)
    say(f"  exit {done.returncode}: {(done.stdout + done.stderr).strip()[:600]}")
    return done


class Server:
    """``label-studio start`` on a free localhost port, stopped by its own process group."""

    def __init__(self, venv: Path, data_dir: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "LABEL_STUDIO_USERNAME": USER, "LABEL_STUDIO_PASSWORD": PASSWORD,
               "LABEL_STUDIO_USER_TOKEN": TOKEN, "COLLECT_ANALYTICS": "false", "SENTRY_DSN": ""}
        self.log = open(data_dir / "server.log", "w")
        cmd = [str(venv / "bin" / "label-studio"), "start", "--no-browser", "--internal-host", "127.0.0.1",
               "--port", str(self.port), "--data-dir", str(data_dir / "ls-data"), "--enable-legacy-api-token"]
        say("$", " ".join(cmd))
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait(self, seconds: float = 300) -> float:
        t0 = time.time()
        while time.time() - t0 < seconds:
            if self.proc.poll() is not None:
                raise RuntimeError(f"label-studio exited with {self.proc.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=5) as r:
                    if r.status == 200:
                        return time.time() - t0
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(2)
        raise RuntimeError(f"label-studio did not answer /health in {seconds:.0f}s")

    def call(self, method: str, path: str, body=None):
        req = urllib.request.Request(self.base + path, method=method,
                                     data=None if body is None else json.dumps(body, ensure_ascii=False).encode(),
                                     headers={"Authorization": f"Token {TOKEN}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.loads(r.read() or b"null")
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{method} {path}: HTTP {exc.code}: {exc.read().decode()[:800]}") from None

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def _without(result: list[dict], region_id: str) -> list[dict]:
    return [r for r in result if r.get("id") != region_id and region_id not in (r.get("from_id"), r.get("to_id"))]


def _free_words(text: str, result: list[dict], n: int) -> list[tuple[int, int]]:
    """The first ``n`` adjacent words no region covers: a span for a new region each."""
    taken = [(r["value"]["start"], r["value"]["end"]) for r in result if r.get("type") == "labels"]
    spans, pos = [], 0
    for word in text.split():
        start = text.index(word, pos)
        pos = start + len(word)
        if len(word) >= 3 and word.isalpha() and not any(s < pos and e > start for s, e in taken):
            spans.append((start, pos))
            if len(spans) == n:
                return spans
        else:
            spans = []
    raise RuntimeError("no free words to annotate")


def correct(text: str, result: list[dict]) -> tuple[list[dict], set[tuple[str, str, str]]]:
    """A researcher's corrections to one pre-annotation, and the errors
    ``evaluate`` must then list: (field, missed|spurious, item)."""
    dates = [r for r in result if r.get("type") == "labels" and r["value"]["labels"] == ["DATE"]]
    value = {r["id"]: r["value"]["text"][0] for r in result if r.get("from_name") == "date_value"}
    unique = [d for d in dates if list(value.values()).count(value[d["id"]]) == 1]
    removed, changed = unique[0], unique[1]
    expected = {("dates", "spurious", value[removed["id"]]), ("dates", "spurious", value[changed["id"]]),
                ("dates", "missed", "1999-01-01")}
    result = _without(result, removed["id"])
    for r in result:
        if r.get("id") == changed["id"] and r.get("from_name") == "date_value":
            r["value"]["text"] = ["1999-01-01"]
    (ps, pe), (ts, te) = _free_words(text, result, 2)
    person = {"id": "manualP01", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
              "value": {"start": ps, "end": pe, "text": text[ps:pe], "labels": ["PERSON"]}}
    title = {"id": "manualT01", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
             "value": {"start": ts, "end": te, "text": text[ts:te], "labels": ["TITLE"]}}
    relation = {"from_id": "manualT01", "to_id": "manualP01", "type": "relation", "direction": "right",
                "labels": ["title_of"]}
    expected |= {("people", "missed", text[ps:pe]), ("titles", "missed", f"{text[ts:te]} — {text[ps:pe]}")}
    return result + [person, title, relation], expected


def check(condition: bool, what: str) -> None:
    say(("ok   " if condition else "FAIL ") + what)
    if not condition:
        raise SystemExit(1)


def validate(venv: Path, out: Path) -> None:
    done = subprocess.run([str(venv / "bin" / "python"), "-c", VALIDATE, str(out / "label_config.xml"),
                           str(out / "tasks.json")], capture_output=True, text=True)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    for row in rows:
        say(f"  {row['doc_id']}: {row['results']} results, validator errors {row['errors']}")
    check(done.returncode == 0 and rows and all(not r["errors"] for r in rows),
          "label_studio_sdk LabelInterface.validate_prediction accepts every exported prediction")


def roundtrip(server: Server, work: Path, docs: Path) -> None:
    tasks = json.loads((work / "ls" / "tasks.json").read_text(encoding="utf-8"))
    config = (work / "ls" / "label_config.xml").read_text(encoding="utf-8")
    project = server.call("POST", "/api/projects", {"title": "persian-ie round trip", "label_config": config})
    say(f"  project {project['id']} created with the exported labeling config")
    imported = server.call("POST", f"/api/projects/{project['id']}/import", tasks)
    check(imported["task_count"] == len(tasks) and imported["prediction_count"] == len(tasks),
          f"import API: {imported['task_count']} tasks, {imported['prediction_count']} predictions")
    listed = server.call("GET", f"/api/tasks?project={project['id']}&page_size=1000")["tasks"]
    listed.sort(key=lambda t: t["id"])
    expected: dict[str, set] = {}
    for n, task in enumerate(listed[:-1]):   # the last one stays unannotated
        prediction = server.call("GET", f"/api/tasks/{task['id']}")["predictions"][0]["result"]
        result, errors = (correct(task["data"]["text"], prediction) if n == 0 else (prediction, set()))
        expected[task["data"]["doc_id"]] = errors
        server.call("POST", f"/api/tasks/{task['id']}/annotations/", {"result": result, "was_cancelled": False,
                                                                       "ground_truth": False, "lead_time": 1.0})
    say(f"  annotated {len(expected)} of {len(listed)} tasks (the first one corrected)")
    export = server.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON&download_all_tasks=true")
    (work / "export.json").write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    done = run("annotate", "import", str(work / "export.json"), "--from", "label-studio", "--out", str(work / "gold"))
    check(done.returncode == 0, "annotate import reads Label Studio's own export")
    written = sorted(p.name[: -len(".gold.json")] for p in (work / "gold").glob("*.gold.json"))
    check(written == sorted(expected), f"gold for the {len(expected)} annotated tasks, none for the unannotated one")
    same = all((work / "gold" / f"{d}.txt").read_text(encoding="utf-8") == (docs / f"{d}.txt").read_text(encoding="utf-8-sig")
               for d in written)
    check(same, "every gold text is the original document, character for character")
    _check_errors(work, expected)


def _check_errors(work: Path, expected: dict[str, set]) -> None:
    pred = work / "pred"
    run("extract", "--format", "json", "--out-dir", str(pred), *(str(p) for p in sorted((work / "gold").glob("*.txt"))))
    done = run("evaluate", str(work / "gold"), "--pred", str(pred), "--format", "json", "-o", str(work / "eval.json"))
    check(done.returncode == 0, "evaluate scores the imported gold")
    listed: dict[str, set] = {d: set() for d in expected}
    for e in json.loads((work / "eval.json").read_text(encoding="utf-8"))["errors"]:
        item = e["item"].split(" «")[0] if e["field"] == "dates" else e["item"]
        listed[e["doc_id"]].add((e["field"], e["kind"], item))
    for doc_id, errors in expected.items():
        say(f"  {doc_id}: listed {sorted(listed[doc_id])}")
        check(listed[doc_id] == errors, f"{doc_id}: the error listing names exactly the corrections ({len(errors)})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--venv", type=Path, default=os.environ.get("LABEL_STUDIO_VENV"),
                    help="the virtualenv label-studio is installed in (default: $LABEL_STUDIO_VENV)")
    ap.add_argument("--docs", type=Path, default=ROOT / "data" / "raw", help="a folder of .txt documents")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (export, gold, server log)")
    args = ap.parse_args(argv)
    if not args.venv or not (args.venv / "bin" / "label-studio").exists():
        say("no Label Studio virtualenv: pass --venv or set LABEL_STUDIO_VENV (python3 -m venv V && V/bin/pip install label-studio)")
        return 2
    version = subprocess.run([str(args.venv / "bin" / "python"), "-c",
                              "import importlib.metadata as m; print(m.version('label-studio'))"],
                             capture_output=True, text=True).stdout.strip()
    say(f"label-studio {version} in {args.venv}")
    work = Path(tempfile.mkdtemp(prefix="ls-roundtrip-"))
    server = None
    try:
        check(run("annotate", "export", str(args.docs), "--to", "label-studio", str(work / "ls")).returncode == 0,
              "annotate export writes tasks.json and label_config.xml")
        validate(args.venv, work / "ls")
        server = Server(args.venv, work)
        say(f"  label-studio answered /health after {server.wait():.0f}s")
        roundtrip(server, work, args.docs)
    finally:
        if server:
            server.stop()
        if not args.keep:
            subprocess.run(["rm", "-rf", str(work)])
        else:
            say(f"work folder kept: {work}")
    say("round trip: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
