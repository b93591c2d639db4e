"""The review page and the corpus report: well-formed, right to left, every
span present; rendered in headless Chromium where it is installed."""
from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser

import pytest

from pipeline import extract
from pipeline.cli import main
from pipeline.html import _Span, highlight, render_document

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
