"""The JSON contract of ../shared/eval/FORMAT.md, and a readable table."""
from __future__ import annotations

from typing import Any

from .document import Document
from .fields import DOCUMENTS, Extraction


def to_json(doc: Document) -> dict[str, Any]:
    """The JSON of one document, as the field specification (``pipeline.fields``) declares it."""
    return DOCUMENTS.json(Extraction(doc))


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def to_table(doc: Document) -> str:
    """A plain-text view of one document's extraction for the terminal."""
    lines = [f"document: {doc.doc_id}  ({len(doc.text)} chars)"]
    lines.append(f"\npeople ({len(doc.people)})")
    for p in doc.people:
        lines.append(f"  {p.name}" + (f"  — {'؛ '.join(p.title_texts())}" if p.titles else ""))
    lines.append(f"\nresolutions ({len(doc.resolutions)})")
    for r in doc.resolutions:
        extra = "  ".join(x for x in (r.issuer, r.date) if x)
        lines.append(f"  {r.kind} {r.number}" + (f"  [{extra}]" if extra else ""))
    lines.append(f"\ndates ({len(doc.dates)})")
    for d in doc.dates:
        lines.append(f"  {d.value:<24} {d.calendar:<10} {d.text}")
    lines.append(f"\ntasks ({len(doc.tasks)})")
    for t in doc.tasks:
        who = f"  ← {t.requester}" if t.requester else ""
        lines.append(f"  {t.list_id}.{t.order} {_short(t.text)}{who}")
    return "\n".join(lines)
