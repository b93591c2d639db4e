"""The review page and the corpus report: well-formed, right to left, every
span present; rendered in headless Chromium where it is installed."""
from __future__ import annotations

import ast
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser

import pytest

from pathlib import Path

import pandas as pd

from pipeline import extract
from pipeline.cli import main
from pipeline.html import _Span, highlight, render_document, render_report
from pipeline.tables import SCHEMA

TEXT = ("رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا "
        "قطعنامه شماره ۱۸-NQ/TW را تا ۳۰ آوریل ۲۰۲۵ اجرا کنند.")


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.spans, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        if tag == "span":
            self.spans.append(dict(attrs))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_crossing_spans_are_split_into_well_formed_markup():
    spans = [_Span(0, 6, "task", "a"), _Span(3, 9, "date", "b"), _Span(4, 5, "person", "c")]
    html = highlight("0123456789", spans)
    p = _Collect()
    p.feed(html)
    assert p.stack == [] and "".join(p.text) == "0123456789"
    assert html.count('data-type="date"') == 2  # the date crossing the task's end is split


def test_page_is_rtl_self_contained_and_marks_every_annotation():
    doc = extract(TEXT, "seed")
    page = render_document(doc)
    assert '<html lang="fa" dir="rtl">' in page and "<style>" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    body = page[page.index('<div class="text"'):page.index("</div>")]
    p = _Collect()
    p.feed(body)
    assert "".join(p.text) == TEXT  # the text itself is unchanged, only wrapped
    kinds = {s["data-type"] for s in p.spans if "data-type" in s}
    assert kinds == {"person", "title", "resolution", "date", "task"}
    notes = " ".join(s.get("title", "") for s in p.spans)
    assert "2024-12-18" in notes and "canonical: 18-NQ/TW" in notes and "deadline: 2025-04-30" in notes


def test_cli_writes_page_and_report(tmp_path, capsys):
    src = tmp_path / "seed.txt"
    src.write_text(TEXT, encoding="utf-8")
    page = tmp_path / "page.html"
    assert main(["extract", str(src), "--format", "html", "-o", str(page)]) == 0
    assert 'data-type="resolution"' in page.read_text(encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(tmp_path), "--out", str(out), "--quiet"]) == 0
    report = tmp_path / "report.html"
    assert main(["report", str(out), "-o", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert "وو دای تانگ" in html and "قطعنامه" in html and "<svg" in html and "1 documents extracted" in html


HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">\'&'


def _no_live_markup(page: str) -> None:
    """Nothing a document holds became markup: no script, no image, no handler."""
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "onerror=\"" not in lowered


def test_hostile_text_and_ids_are_escaped_on_the_review_page():
    text = f"{TEXT} {HOSTILE}"
    doc = extract(text, f'id"{HOSTILE}')
    doc.people[0].name += HOSTILE  # a value shown in the result tables and the hover notes
    page = render_document(doc)
    _no_live_markup(page)
    body = page[page.index('<div class="text"'):page.index("</div>")]
    p = _Collect()
    p.feed(body)
    assert "".join(p.text) == text  # escaped, and read back as the very same text
    title = page[page.index("<title>") + 7:page.index("</title>")]
    assert "&lt;script&gt;" in title and '"' not in title


def test_hostile_values_are_escaped_in_the_corpus_report():
    frames = {t: pd.DataFrame({c: pd.Series(dtype=d) for c, d in cols.items()}) for t, cols in SCHEMA.items()}
    frames["errors"] = pd.DataFrame([{"doc_id": HOSTILE, "path": "x", "sha1": "", "stage": "read",
                                      "error": f"BadDocument: {HOSTILE}"}])
    frames["people"] = pd.DataFrame([{"doc_id": "d", "name": HOSTILE, "n_mentions": 1}])
    frames["titles"] = pd.DataFrame([{"name": HOSTILE, "title": HOSTILE}])
    frames["dates"] = pd.DataFrame([{"doc_id": "d", "value": "2024-12-18"}])
    page = render_report(frames)
    _no_live_markup(page)
    assert page.count("&lt;script&gt;") == 4 and "<svg" in page


def test_the_pages_markup_lives_in_the_templates():
    """The templates are the one place to change the look: the modules that
    fill them write no markup of their own."""
    package = Path(__file__).resolve().parents[1] / "pipeline"
    tag = re.compile(r"</?[a-z][a-z0-9]*[\s>/]")
    for module in ("html.py", "evaluation/report.py"):
        tree = ast.parse((package / module).read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr)}
        strings = [n.value for n in ast.walk(tree)
                   if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]
        assert strings and not [s for s in strings if tag.search(s)], module
    assert (package / "templates" / "style.css").exists()


def test_a_document_read_in_another_encoding_says_so(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_bytes(TEXT.replace("ی", "ي").encode("cp1256", "ignore"))
    page = tmp_path / "page.html"
    assert main(["extract", str(src), "--format", "html", "-o", str(page)]) == 0
    assert "read as windows-1256" in page.read_text(encoding="utf-8")


def _png_pixels_vary(path) -> bool:
    """True when the PNG's decoded scanlines hold more than a handful of byte
    values (a blank page decodes to one or two)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat))) > 20


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package 'chromium'; .ci/run installs it)")
def test_page_renders_in_headless_chromium(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(render_document(extract(TEXT, "seed")), encoding="utf-8")
    profile = tmp_path / "profile"
    shot = tmp_path / "shot.png"
    run = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--window-size=1000,800"]
    subprocess.run([*run, f"--screenshot={shot}", page.as_uri()], check=True, timeout=120, capture_output=True)
    assert shot.exists() and _png_pixels_vary(shot)
    dom = subprocess.run([*run, "--dump-dom", page.as_uri()], check=True, timeout=120, capture_output=True,
                         text=True).stdout
    for kind in ("person", "title", "resolution", "date", "task"):
        assert f'data-type="{kind}"' in dom
    assert 'dir="rtl"' in dom
