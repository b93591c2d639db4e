"""What ``evaluate`` shows: a table for the terminal, JSON, or review pages
(the extraction review page with the missed and spurious items marked)."""
from __future__ import annotations

from html import escape
from pathlib import Path

from ..html import Mark, _page, render_document
from .errors import MISSED, ErrorItem
from .run import Evaluation
from .scoring import FIELDS, Counts

STYLES = {  # kind: (legend label, CSS) of the marks the error pages add
    MISSED: ("از دست رفته / missed (gold)", "outline: 2px dashed #c62828; outline-offset: 1px;"),
    "spurious": ("نادرست / spurious (predicted)", "outline: 2px solid #ef6c00; text-decoration: line-through #ef6c00;"),
}
SENTENCE_CHARS = 240   # a longer sentence is cut around the item in the table


def _row(name: str, c: Counts) -> str:
    return f"{name:<14}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.gold:>7}{c.predicted:>7}{c.matched:>8}"


def _in_sentence(e: ErrorItem) -> str:
    """The sentence on one line with the item between ⟦ ⟧, cut around it when long."""
    if e.start is None:
        return "(not found in the text)"
    a, b = e.start - e.sentence_start, e.end - e.sentence_start
    before, item, after = e.sentence[:a], e.sentence[a:b], e.sentence[b:]
    room = max(SENTENCE_CHARS - len(item), 40) // 2
    if len(before) > room:
        before = "…" + before[-room:]
    if len(after) > room:
        after = after[:room] + "…"
    return " ".join(f"{before}⟦{item}⟧{after}".split())


def format_table(ev: Evaluation) -> str:
    head = f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}{'matched':>8}"
    lines = [head] + [_row(name, c) for name, c in ev.scores.fields.items()]
    lines.append(f"documents: {len(ev.scores.documents)}  mean F1: {ev.scores.mean_f1:.3f}")
    width = max([len("document"), *(len(d.doc_id) for d in ev.scores.documents)]) + 2
    lines += ["", "per document (matched/gold/predicted per field; P/R/F1 over all five)",
              f"{'document':<{width}}{'P':>7}{'R':>7}{'F1':>7}  " + "  ".join(f"{f:>11}" for f in FIELDS)]
    for doc in ev.scores.documents:
        c = doc.counts
        cells = "  ".join(f"{m.counts.matched}/{m.counts.gold}/{m.counts.predicted}".rjust(11) for m in doc.fields.values())
        lines.append(f"{doc.doc_id:<{width}}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}  {cells}")
    lines += ["", f"errors ({len(ev.errors)}): missed = in the gold, not predicted; spurious = predicted, not in the gold"]
    current = None
    for e in ev.errors:
        if e.doc_id != current:
            current = e.doc_id
            lines.append(f"\n{e.doc_id}")
        lines.append(f"  {e.field:<12}{e.kind:<9} {e.item}")
        lines.append(f"  {'':<21} {_in_sentence(e)}")
    return "\n".join(lines)


def to_json(ev: Evaluation) -> dict:
    per_doc = {
        d.doc_id: {"all": d.counts.as_dict(), **{name: m.counts.as_dict() for name, m in d.fields.items()}}
        for d in ev.scores.documents
    }
    return {
        "documents": len(ev.scores.documents),
        "fields": {name: c.as_dict() for name, c in ev.scores.fields.items()},
        "mean_f1": ev.scores.mean_f1,
        "per_doc": per_doc,
        "errors": [e.as_dict() for e in ev.errors],
        "problems": ev.problems,
        "notes": ev.notes,
    }


# --- the review pages -----------------------------------------------------------

def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" if rows else "<p>—</p>"


def _score_rows(items) -> list[list[str]]:
    return [[escape(name), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.gold), str(c.predicted),
             str(c.matched)] for name, c in items]


SCORE_HEADERS = ["", "P", "R", "F1", "gold", "predicted", "matched"]


def _error_section(errors: list[ErrorItem]) -> str:
    rows = [[escape(e.field), f'<span class="t-{e.kind}">{escape(e.kind)}</span>', escape(e.item),
             escape(_in_sentence(e))] for e in errors]
    return f"<h2>خطاها / Errors ({len(errors)})</h2>" + _table(["field", "kind", "item", "in the sentence"], rows)


def document_page(ev: Evaluation, doc_id: str) -> str:
    score = next(d for d in ev.scores.documents if d.doc_id == doc_id)
    errors = [e for e in ev.errors if e.doc_id == doc_id]
    marks = [Mark(e.start, e.end, e.kind, f"{e.kind} {e.field}: {e.item}") for e in errors if e.start is not None]
    fields = _score_rows([*((n, m.counts) for n, m in score.fields.items()), ("all", score.counts)])
    after = f"<h2>امتیاز / Scores</h2>{_table(SCORE_HEADERS, fields)}{_error_section(errors)}"
    return render_document(ev.documents[doc_id], marks=marks, styles=STYLES, after_text=after)


def _page_name(doc_id: str) -> str:
    return f"{doc_id}.html"


def index_page(ev: Evaluation) -> str:
    fields = _score_rows(ev.scores.fields.items())
    docs = []
    for d in ev.scores.documents:
        n_errors = sum(1 for e in ev.errors if e.doc_id == d.doc_id)
        docs.append([f'<a href="{escape(_page_name(d.doc_id))}"><bdi>{escape(d.doc_id)}</bdi></a>',
                     f"{d.counts.precision:.3f}", f"{d.counts.recall:.3f}", f"{d.counts.f1:.3f}", str(n_errors)])
    problems = "".join(f"<li>{escape(p)}</li>" for p in ev.problems)
    body = (f"<h1>ارزیابی / Evaluation</h1><p class=\"meta\" dir=\"ltr\">{len(ev.scores.documents)} documents · "
            f"mean F1 {ev.scores.mean_f1:.3f} · {len(ev.errors)} errors</p>"
            f"<h2>Fields</h2>{_table(SCORE_HEADERS, fields)}"
            f"<h2>Documents</h2>{_table(['document', 'P', 'R', 'F1', 'errors'], docs)}"
            + (f"<h2>Bad gold</h2><ul dir=\"ltr\">{problems}</ul>" if problems else ""))
    return _page("evaluation", body)   # the review page's head and style


def write_html(ev: Evaluation, out_dir: Path) -> Path:
    """``out_dir/index.html`` (figures, one link per document) and one error
    review page per document; returns the index."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for doc_id in ev.documents:
        page = out_dir / _page_name(doc_id)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(document_page(ev, doc_id), encoding="utf-8")
    index = out_dir / "index.html"
    index.write_text(index_page(ev), encoding="utf-8")
    return index
