"""Self-contained HTML pages: one document's extraction for review, and a
corpus overview from the batch tables. No network: inline CSS and SVG only.

The pages are Jinja2 templates in ``pipeline/templates`` (autoescaped: every
value from a document is escaped on the way in); this module only works out
what they show. The look (CSS, legend, headings, the kinds' colours in
``kinds.yaml``) lives in the templates alone.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import fields
from .document import Document
from .wordlists import lookup_key, read_yaml


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.globals["kinds"] = kinds()
    return env


def kinds() -> dict[str, dict[str, str]]:
    """Annotation kind -> its legend ``label`` and highlight ``colour`` (templates/kinds.yaml)."""
    return read_yaml("pipeline", "templates/kinds.yaml")


def render(template: str, **context: Any) -> str:
    """A page from its template (``pipeline/templates``)."""
    return _environment().get_template(template).render(**context)


@dataclass
class _Span:
    start: int
    end: int
    kind: str
    note: str


Mark = _Span  # a caller's own span for render_document(marks=...): its kind is its CSS class t-<kind>


def _spans(doc: Document) -> list[_Span]:
    out: list[_Span] = []
    for p in doc.people:
        titles = "، ".join(p.title_texts())
        for m in p.mentions:
            note = p.name if m.text == p.name else f"{m.text} → {p.name}"
            out.append(_Span(m.start, m.end, "person", note + (f" — {titles}" if titles else "")))
        for t in p.titles:
            out.append(_Span(t.start, t.end, "title", f"سمتِ {p.name}"))
    for r in doc.resolutions:
        bits = [f"{r.kind} {r.number}", f"canonical: {r.number_canonical}"]
        bits += [x for x in (r.issuer, r.date) if x]
        out.append(_Span(r.start, r.end, "resolution", " | ".join(bits)))
    for d in doc.dates:
        out.append(_Span(d.start, d.end, "date", f"{d.value} ({d.calendar}{', relative' if d.relative else ''})"))
    for t in doc.tasks:
        who = t.requester_person or t.requester
        bits = [f"task {t.list_id}.{t.order}"] + ([f"requester: {who}"] if who else [])
        bits += [f"addressees: {'، '.join(t.addressees)}"] if t.addressees else []
        bits += [f"deadline: {t.deadline}"] if t.deadline else []
        out.append(_Span(t.start, t.end, "task", " | ".join(bits)))
    return [s for s in out if 0 <= s.start < s.end <= len(doc.text)]


@dataclass
class Piece:
    """A run of the text between span boundaries: how many spans close before
    it, the spans that open before it, and its text."""

    close: int = 0
    opens: list[_Span] = field(default_factory=list)
    text: str = ""


def pieces(text: str, spans: list[_Span]) -> list[Piece]:
    """The text cut for nested <span>s. A span that crosses another is split
    at the crossing, so the markup stays well formed."""
    points = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    # outer (longer) spans open first so shorter ones nest inside them
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end))
    rank = {i: r for r, i in enumerate(order)}
    out: list[Piece] = []
    stack: list[int] = []
    for a, b in zip(points, points[1:]):
        active = sorted((i for i in order if spans[i].start <= a and spans[i].end >= b), key=rank.get)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] == active[keep]:
            keep += 1
        out.append(Piece(len(stack) - keep, [spans[i] for i in active[keep:]], text[a:b]))
        stack[keep:] = active[keep:]
    out.append(Piece(len(stack)))
    return out


def highlight(text: str, spans: list[_Span]) -> str:
    """The text as HTML with nested <span>s (the review page's marking)."""
    return _environment().get_template("macros.html").module.highlighted(pieces(text, spans))


@dataclass
class ResultTable:
    name: str                 # the table's record (fields.HTML_TABLES)
    headers: list[str]
    rows: list[list[Any]]
    ltr: tuple[int, ...]      # columns written left to right


def _result_table(record: fields.Record, extraction: fields.Extraction) -> ResultTable:
    ltr = tuple(i for i, f in enumerate(record.html_fields) if f.html.ltr)
    return ResultTable(record.name, [f.html_header for f in record.html_fields],
                       [record.html_cells(item) for item in record.items(extraction)], ltr)


def render_document(doc: Document, marks: list[Mark] = (), template: str = "document.html", **context: Any) -> str:
    """The review page of one document. ``marks`` are more spans to mark in the
    text beside the extraction's (their kind is their CSS class ``t-<kind>``);
    ``template`` may extend document.html with more (the evaluation pages do),
    given ``context``."""
    spans = _spans(doc) + [m for m in marks if 0 <= m.start < m.end <= len(doc.text)]
    extraction = fields.Extraction(doc)
    tables = [_result_table(record, extraction) for record in fields.HTML_TABLES]
    return render(template, doc=doc, pieces=pieces(doc.text, spans), tables=tables, **context)


@dataclass
class Bar:
    label: str
    count: int
    x: float          # left edge: the first bar is at the right, like the page
    height: float
    labelled: bool    # its label is written under the axis


@dataclass
class Chart:
    bars: list[Bar]
    width: int = 720
    height: int = 180

    @property
    def bar_width(self) -> float:
        return self.width / len(self.bars) if self.bars else 0.0


def bar_chart(counts: list[tuple[str, int]], width: int = 720, height: int = 180) -> Chart:
    """The bars of an inline SVG chart (no plotting library, no network)."""
    if not counts:
        return Chart([], width, height)
    top = max(c for _, c in counts)
    bw = width / len(counts)
    step = max(1, len(counts) // 12)
    return Chart([Bar(label, c, width - (i + 1) * bw, (height - 30) * c / top, i % step == 0)
                  for i, (label, c) in enumerate(counts)], width, height)


def _dates_over_time(values) -> list[tuple[str, int]]:
    """Gregorian year-month of every dated value (intervals by their first day);
    a count per year when they span decades."""
    months = Counter(v[:7] for v in values if len(v) >= 7 and v[:4].isdigit() and v[4] == "-")
    series = sorted(months.items())
    if len(series) > 48:  # decades of dates: a bar per year reads better
        years: Counter = Counter()
        for month, n in series:
            years[month[:4]] += n
        series = sorted(years.items())
    return series


def render_report(tables: dict) -> str:
    """Corpus overview from the batch tables (``pipeline.load``)."""
    docs, errors = tables["documents"], tables["errors"]
    people, titles, res, dates, tasks = (tables[k] for k in ("people", "titles", "resolutions", "dates", "tasks"))
    top_people = people.groupby("name").agg(documents=("doc_id", "nunique"), mentions=("n_mentions", "sum"))
    top_people = top_people.sort_values(["documents", "mentions"], ascending=False).head(25)
    title_of = titles.groupby("name")["title"].agg(lambda s: "؛ ".join(dict.fromkeys(s)))
    people_rows = [[n, int(r.documents), int(r.mentions), title_of.get(n, "")] for n, r in top_people.iterrows()]
    # one row per kind however it is spelled (ي/ی, with or without ZWNJ)
    folded = res["kind"].map(lookup_key)
    shown = dict(zip(folded, res["kind"]))
    per_doc = tasks.groupby("doc_id").size().sort_values(ascending=False)
    counts = {"documents": len(docs), "errors": len(errors), "people": len(people), "resolutions": len(res),
              "dates": len(dates), "tasks": len(tasks)}
    return render("report.html", counts=counts, people=people_rows,
                  kinds_of_resolutions=[[shown[k], int(v)] for k, v in folded.value_counts().items()],
                  chart=bar_chart(_dates_over_time(dates["value"])),
                  tasks=[[d, int(n)] for d, n in per_doc.head(25).items()],
                  errors=[[r.doc_id, r.stage, r.error] for r in errors.itertuples()][:50])
