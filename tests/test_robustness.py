"""Random text of mixed scripts, control characters, ZWNJ runs, lone digits and
slashes: extraction never raises and every offset stays inside the text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract, to_json

PIECES = [
    "قطعنامه شماره ", "۱۸-NQ/TW", "48265/ت62648هـ", "/", "//", "۱۴۰۳/۵/۳", "1403/5/3", "۹/۱۱/۱۳۵۸",
    "\u200c", "\u200c\u200c\u200c", "\u200d", "\u200f", "\u0640", "\u064b", "ي", "ك", " ", "\n", "\t", "\x00",
    "\x1b", "\ufeff", "،", "؛", ":", "«", "»", "(", ")", ".", "-", "ـ", "۰", "7", "٣", "رفیق ", "آقای ",
    "دبیر کمیته حزبی استان", "درخواست کرد تا ", "باید ", "موظف است ", "۱۸ دسامبر", "سال ۲۰۲۵", "از ", " تا ",
    "رجب", "اسفند", "مه", "حمل ۲۰", "abc", "Đ", "漢字", "😀", "\r\n",
]

text_strategy = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_random_text_never_breaks_extraction(text):
    doc = extract(text)
    assert doc.text == text
    data = to_json(doc)
    spans = [m for p in data["people"] for m in p["mentions"]]
    spans += [t for p in data["people"] for t in p["title_mentions"]]
    spans += data["resolutions"] + data["dates"] + data["tasks"]
    for s in spans:
        assert 0 <= s["start"] <= s["end"] <= len(text)
        if "text" in s:
            assert text[s["start"]:s["end"]] == s["text"]
