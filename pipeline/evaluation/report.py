"""What ``evaluate`` shows: a table for the terminal, JSON, or review pages
(the extraction review page with the missed and spurious items marked)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..html import Mark, render, render_document
from .errors import ErrorItem
from .run import Evaluation
from .scoring import FIELDS, Counts

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


# --- the review pages (templates/evaluation/) -------------------------------------

@dataclass
class _ErrorRow:
    field: str
    kind: str          # missed | spurious: its CSS class t-<kind>
    item: str
    in_sentence: str


@dataclass
class _DocumentRow:
    doc_id: str
    page: str
    counts: Counts
    errors: int


def document_page(ev: Evaluation, doc_id: str) -> str:
    score = next(d for d in ev.scores.documents if d.doc_id == doc_id)
    errors = [e for e in ev.errors if e.doc_id == doc_id]
    marks = [Mark(e.start, e.end, e.kind, f"{e.kind} {e.field}: {e.item}") for e in errors if e.start is not None]
    rows = [*((n, m.counts) for n, m in score.fields.items()), ("all", score.counts)]
    return render_document(ev.documents[doc_id], marks=marks, template="evaluation/document.html", score_rows=rows,
                           errors=[_ErrorRow(e.field, e.kind, e.item, _in_sentence(e)) for e in errors])


def _page_name(doc_id: str) -> str:
    return f"{doc_id}.html"


def index_page(ev: Evaluation) -> str:
    docs = [_DocumentRow(d.doc_id, _page_name(d.doc_id), d.counts, sum(1 for e in ev.errors if e.doc_id == d.doc_id))
            for d in ev.scores.documents]
    return render("evaluation/index.html", documents=docs, mean_f1=ev.scores.mean_f1, n_errors=len(ev.errors),
                  field_rows=list(ev.scores.fields.items()), problems=ev.problems)


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
