"""The JSON contract of ../shared/eval/FORMAT.md, and a readable table."""
from __future__ import annotations

from typing import Any

from .document import Document


def to_json(doc: Document) -> dict[str, Any]:
    # "bom": the file began with a UTF-8 byte-order mark, which is not part of
    # the text (FORMAT.md): offsets count after it. Present only when true.
    return {
        "doc_id": doc.doc_id,
        **({"bom": True} if doc.meta.get("bom") else {}),
        "people": [
            {
                "name": p.name,
                "titles": p.title_texts(),
                "aliases": p.aliases,
                "honorifics": p.honorifics,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in p.mentions],
                "title_mentions": [{"text": t.text, "start": t.start, "end": t.end} for t in p.titles],
                "coreferent_titles": [{"text": t.text, "start": t.start, "end": t.end} for t in p.coreferent_titles],
            }
            for p in doc.people
        ],
        "resolutions": [
            {
                "kind": r.kind, "number": r.number, "number_canonical": r.number_canonical,
                "issuer": r.issuer, "date": r.date, "title": r.title,
                "text": r.text, "start": r.start, "end": r.end,
            }
            for r in doc.resolutions
        ],
        "dates": [
            {"text": d.text, "value": d.value, "calendar": d.calendar, "start": d.start, "end": d.end,
             **({"relative": True} if d.relative else {})}
            for d in doc.dates
        ],
        "tasks": [
            {
                "text": t.text, "requester": t.requester, "requester_person": t.requester_person,
                "addressees": t.addressees, "deadline": t.deadline, "resolutions": t.resolutions,
                "list_id": t.list_id, "order": t.order, "start": t.start, "end": t.end,
            }
            for t in doc.tasks
        ],
    }


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
