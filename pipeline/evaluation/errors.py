"""The errors of one scored document: each gold item no prediction matched
(missed) and each prediction no gold item matched (spurious), found in the
text with the sentence it stands in.

Predictions carry offsets. Gold written by hand usually does not (FORMAT.md
asks for none), so a gold item is looked up in the text: its words in order,
compared in the pipeline's folded view (one alphabet, ASCII digits, ZWNJ and
spaces alike), with the offsets mapped back to the original.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass

import regex

from ..normalize import TextView, fold, make_view
from .scoring import DocumentScore

MISSED, SPURIOUS = "missed", "spurious"


@dataclass
class ErrorItem:
    doc_id: str
    field: str             # people | titles | resolutions | dates | tasks
    kind: str              # missed (a gold item) | spurious (a prediction)
    item: str              # what the item says: a name, «title — person», «kind number», a date value, a task
    start: int | None      # where it stands in the text (None: not found there)
    end: int | None
    sentence: str          # the sentence(s) it stands in, as written
    sentence_start: int | None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class TextIndex:
    """One document's text, its folded view and sentence spans, for lookups."""

    text: str
    view: TextView
    sentences: list[tuple[int, int]]

    @classmethod
    def build(cls, text: str, sentences: list[tuple[int, int]]) -> TextIndex:
        return cls(text, make_view(text), sorted(sentences))

    def find(self, needle: str) -> tuple[int, int] | None:
        """Original offsets of the first place ``needle``'s words stand in order."""
        parts = [regex.escape(w) for w in fold(needle).split()]
        if not parts:
            return None
        m = regex.search(r"\s*".join(parts), self.view.text)
        return self.view.span(m.start(), m.end()) if m else None

    def valid(self, start, end) -> bool:
        return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.text)

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        """The sentences the span [start, end) touches (its line where none does)."""
        starts = [s for s, _ in self.sentences]
        first = max(bisect_right(starts, start) - 1, 0)
        touched = [(s, e) for s, e in self.sentences[first:] if s < end and e > start]
        if touched:
            return min(touched[0][0], start), max(touched[-1][1], end)
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        return line_start, len(self.text) if line_end < 0 else line_end


# --- what each item says and where it stands ----------------------------------

def _span_of(item: dict, index: TextIndex, *texts: str) -> tuple[int, int] | None:
    if index.valid(item.get("start"), item.get("end")):
        return item["start"], item["end"]
    for t in texts:
        found = index.find(t) if t else None
        if found:
            return found
    return None


def _person(person: dict, index: TextIndex) -> tuple[str, tuple[int, int] | None]:
    name = person.get("name", "")
    for m in person.get("mentions") or []:
        if isinstance(m, dict) and index.valid(m.get("start"), m.get("end")):
            return name, (m["start"], m["end"])
    return name, _span_of({}, index, name, *(person.get("aliases") or []))


def _title(pair: tuple[dict, str], index: TextIndex) -> tuple[str, tuple[int, int] | None]:
    person, title = pair
    shown = f"{title} — {person.get('name', '')}"
    for m in person.get("title_mentions") or []:
        if isinstance(m, dict) and m.get("text") == title and index.valid(m.get("start"), m.get("end")):
            return shown, (m["start"], m["end"])
    return shown, index.find(title)


def _resolution(r: dict, index: TextIndex) -> tuple[str, tuple[int, int] | None]:
    shown = " ".join(x for x in (r.get("kind", ""), r.get("number", "")) if x)
    return shown, _span_of(r, index, r.get("text", ""), r.get("number", ""))


def _date(d: dict, index: TextIndex) -> tuple[str, tuple[int, int] | None]:
    shown = d.get("value", "") + (f" «{d['text']}»" if d.get("text") else "")
    return shown, _span_of(d, index, d.get("text", ""))


def _task(t: dict, index: TextIndex) -> tuple[str, tuple[int, int] | None]:
    return t.get("text", ""), _span_of(t, index, t.get("text", ""))


DESCRIBE = {"people": _person, "titles": _title, "resolutions": _resolution, "dates": _date, "tasks": _task}


def describe(field: str, item, index: TextIndex) -> tuple[str, tuple[int, int] | None]:
    """What an item of ``field`` says, and its (start, end) in the text or None."""
    return DESCRIBE[field](item, index)


def list_errors(score: DocumentScore, index: TextIndex) -> list[ErrorItem]:
    """Missed and spurious items of every field, in text order within each field."""
    out: list[ErrorItem] = []
    for name, match in score.fields.items():
        rows = []
        for kind, items in ((MISSED, match.missed), (SPURIOUS, match.spurious)):
            for item in items:
                shown, span = describe(name, item, index)
                if span is None:
                    rows.append(ErrorItem(score.doc_id, name, kind, shown, None, None, "", None))
                    continue
                s, e = index.sentence_of(*span)
                rows.append(ErrorItem(score.doc_id, name, kind, shown, span[0], span[1], index.text[s:e], s))
        rows.sort(key=lambda r: (r.start is None, r.start or 0, r.kind))
        out += rows
    return out
