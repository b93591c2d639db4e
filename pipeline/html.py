"""Self-contained HTML pages: one document's extraction for review, and a
corpus overview from the batch tables. No network: inline CSS and SVG only."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from . import fields
from .document import Document
from .wordlists import lookup_key

FONT_STACK = '"Vazirmatn", "Vazir", "Sahel", "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, "DejaVu Sans", sans-serif'

TYPES = {  # type: (label, colour)
    "person": ("شخص / person", "#f9d976"),
    "title": ("سمت / title", "#a7d8f0"),
    "resolution": ("سند / resolution", "#c5e1a5"),
    "date": ("تاریخ / date", "#f4b6c2"),
    "task": ("وظیفه / task", "#e6dcf5"),
}

CSS = f"""
body {{ font-family: {FONT_STACK}; margin: 2rem auto; max-width: 60rem; line-height: 2.1;
       color: #222; background: #fff; padding: 0 1rem; }}
h1, h2 {{ line-height: 1.4; }}
.meta {{ color: #666; font-size: .9rem; text-align: right; }}
.legend span {{ display: inline-block; margin-inline-end: .8rem; padding: 0 .5rem; border-radius: .3rem; }}
.text {{ white-space: pre-wrap; border: 1px solid #ddd; border-radius: .5rem; padding: 1rem 1.2rem; }}
.ann {{ border-radius: .25rem; padding: .05rem .1rem; }}
.ann[title]:hover {{ outline: 2px solid #555; cursor: help; }}
""" + "\n".join(
    f".t-{t} {{ background: {c}; }}" for t, (_, c) in TYPES.items() if t != "task"
) + f"""
.t-task {{ background: {TYPES['task'][1]}80; border-bottom: 3px solid #9575cd; }}
.t-task .ann {{ border: 1px solid rgba(0,0,0,.15); }}
table {{ border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-size: .95rem; line-height: 1.6; }}
th, td {{ border: 1px solid #ddd; padding: .3rem .5rem; text-align: start; vertical-align: top; }}
th {{ background: #f5f5f5; }}
td.ltr, span.ltr {{ direction: ltr; unicode-bidi: isolate; }}
.bar {{ fill: #7e57c2; }}
.axis {{ font-size: 10px; fill: #555; }}
"""


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


def highlight(text: str, spans: list[_Span]) -> str:
    """The text as HTML with nested <span>s. A span that crosses another is
    split at the crossing, so the markup stays well formed."""
    points = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    # outer (longer) spans open first so shorter ones nest inside them
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end))
    rank = {i: r for r, i in enumerate(order)}
    html: list[str] = []
    stack: list[int] = []
    for a, b in zip(points, points[1:]):
        active = sorted((i for i in order if spans[i].start <= a and spans[i].end >= b), key=rank.get)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] == active[keep]:
            keep += 1
        for _ in range(len(stack) - keep):
            html.append("</span>")
        del stack[keep:]
        for i in active[keep:]:
            s = spans[i]
            html.append(f'<span class="ann t-{s.kind}" data-type="{s.kind}" title="{escape(s.note)}">')
            stack.append(i)
        html.append(escape(text[a:b]))
    html.append("</span>" * len(stack))
    return "".join(html)


def _table(headers: list[str], rows: list[list[str]], ltr: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td{" class=ltr" if i in ltr else ""}>{escape(str(c))}</td>' for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" if rows else "<p>—</p>"


def _page(title: str, body: str, css: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fa" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


_BOM_NOTE = " · the file began with a UTF-8 byte-order mark, which is not part of the text: offsets count after it"
# the review page's result tables are the records with HTML fields (fields.HTML_TABLES), under these headings
_HEADINGS = {
    "people": "افراد / People",
    "titles": "سمت‌ها / Titles",
    "resolutions": "اسناد / Resolutions",
    "dates": "تاریخ‌ها / Dates",
    "tasks": "وظایف / Tasks",
}


def _result_table(record: fields.Record, extraction: fields.Extraction) -> str:
    headers = [f.html_header for f in record.html_fields]
    ltr = {i for i, f in enumerate(record.html_fields) if f.html.ltr}
    return _table(headers, [record.html_cells(item) for item in record.items(extraction)], ltr)


def render_document(doc: Document, marks: list[Mark] = (), styles: dict[str, tuple[str, str]] | None = None,
                    after_text: str = "") -> str:
    """The review page of one document. ``marks`` are more spans to mark in the
    text beside the extraction's; ``styles`` gives each of their kinds a legend
    label and CSS declarations; ``after_text`` is HTML placed under the text."""
    styles = styles or {}
    legend = "".join(f'<span class="t-{t}">{escape(label)}</span>'
                     for t, (label, _) in [*TYPES.items(), *styles.items()])
    spans = _spans(doc) + [m for m in marks if 0 <= m.start < m.end <= len(doc.text)]
    extraction = fields.Extraction(doc)
    tables = "\n".join(f"<h2>{_HEADINGS[record.name]}</h2>{_result_table(record, extraction)}"
                       for record in fields.HTML_TABLES)
    body = f"""<h1><bdi>{escape(doc.doc_id)}</bdi></h1>
<p class="meta" dir="ltr">{len(doc.text):,} characters · {len(doc.people)} people · {len(doc.resolutions)} resolutions ·
{len(doc.dates)} dates · {len(doc.tasks)} tasks{_BOM_NOTE if doc.meta.get("bom") else ""}</p>
<p class="legend">{legend}</p>
<div class="text" id="text">{highlight(doc.text, spans)}</div>{after_text}
{tables}"""
    css = "".join(f"\n.t-{t} {{ {rule} }}" for t, (_, rule) in styles.items())
    return _page(f"{doc.doc_id} — extraction", body, css)


def _bar_chart(counts: list[tuple[str, int]], width: int = 720, height: int = 180) -> str:
    """An inline SVG bar chart (no plotting library, no network)."""
    if not counts:
        return "<p>—</p>"
    top = max(c for _, c in counts)
    bw = width / len(counts)
    bars, labels = [], []
    step = max(1, len(counts) // 12)
    for i, (label, c) in enumerate(counts):
        h = (height - 30) * c / top
        x = width - (i + 1) * bw  # right to left, like the page
        bars.append(f'<rect class="bar" x="{x + 1:.1f}" y="{height - 20 - h:.1f}" width="{max(bw - 2, 1):.1f}" '
                    f'height="{h:.1f}"><title>{escape(label)}: {c}</title></rect>')
        if i % step == 0:
            labels.append(f'<text class="axis" x="{x + bw / 2:.1f}" y="{height - 5}" text-anchor="middle">{escape(label)}</text>')
    return (f'<svg role="img" aria-label="dates over time" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" direction="ltr">{"".join(bars)}{"".join(labels)}</svg>')


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
    kind_rows = [[shown[k], int(v)] for k, v in folded.value_counts().items()]
    # dates over time: Gregorian year-month of every dated value (intervals by their first day)
    months = Counter(v[:7] for v in dates["value"] if len(v) >= 7 and v[:4].isdigit() and v[4] == "-")
    series = sorted(months.items())
    if len(series) > 48:  # decades of dates: a bar per year reads better
        years = Counter()
        for month, n in series:
            years[month[:4]] += n
        series = sorted(years.items())
    per_doc = tasks.groupby("doc_id").size().sort_values(ascending=False)
    task_rows = [[d, int(n)] for d, n in per_doc.head(25).items()]
    error_rows = [[r.doc_id, r.stage, r.error] for r in errors.itertuples()][:50]
    body = f"""<h1>گزارش پیکره / Corpus report</h1>
<p class="meta" dir="ltr">{len(docs):,} documents extracted · {len(errors):,} errors · {len(people):,} people ·
{len(res):,} resolutions · {len(dates):,} dates · {len(tasks):,} tasks</p>
<h2>پرتکرارترین افراد / Top people</h2>{_table(["name", "documents", "mentions", "titles"], people_rows, {1, 2})}
<h2>اسناد بر حسب نوع / Resolutions by kind</h2>{_table(["kind", "count"], kind_rows, {1})}
<h2>تاریخ‌ها در طول زمان / Dates over time</h2>{_bar_chart(series)}
<h2>وظایف هر سند / Tasks per document</h2>{_table(["document", "tasks"], task_rows, {1})}
<h2>خطاها / Errors</h2>{_table(["document", "stage", "error"], error_rows)}"""
    return _page("corpus report", body)
