"""A Document rebuilt from extraction JSON (FORMAT.md), so finished
predictions (``evaluate --pred DIR``) get the same review page as a fresh
extraction. Items without valid offsets are kept in the tables but not marked
in the text."""
from __future__ import annotations

from ..document import DateMention, Document, Person, Resolution, Span, Task, TitleMention


def _span(item: dict, text: str) -> tuple[int, int, str]:
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return start, end, text[start:end]
    return -1, -1, str(item.get("text", ""))


def _person(p: dict, text: str) -> Person:
    mentions = [Span(*_span(m, text)) for m in p.get("mentions") or [] if isinstance(m, dict)]
    titles = [TitleMention(*_span(t, text)) for t in p.get("title_mentions") or [] if isinstance(t, dict)]
    written = {t.text for t in titles}
    # titles given only as strings (no mentions): kept, without a place in the text
    titles += [TitleMention(-1, -1, t) for t in p.get("titles") or [] if isinstance(t, str) and t not in written]
    return Person(name=str(p.get("name", "")), mentions=[m for m in mentions if m.start >= 0], titles=titles,
                  honorifics=list(p.get("honorifics") or []), aliases=list(p.get("aliases") or []))


def document_from_json(data: dict, text: str, doc_id: str) -> Document:
    doc = Document(text=text, doc_id=doc_id)
    doc.people = [_person(p, text) for p in data.get("people") or [] if isinstance(p, dict)]
    doc.resolutions = [
        Resolution(*_span(r, text), kind=str(r.get("kind", "")), number=str(r.get("number", "")),
                   number_canonical=str(r.get("number_canonical", "")), issuer=str(r.get("issuer", "")),
                   date=str(r.get("date", "")), title=str(r.get("title", "")))
        for r in data.get("resolutions") or [] if isinstance(r, dict)
    ]
    doc.dates = [
        DateMention(*_span(d, text), value=str(d.get("value", "")), calendar=str(d.get("calendar", "")),
                    relative=bool(d.get("relative")))
        for d in data.get("dates") or [] if isinstance(d, dict)
    ]
    doc.tasks = [
        Task(*_span(t, text), requester=str(t.get("requester", "")),
             requester_person=str(t.get("requester_person", "")), addressees=list(t.get("addressees") or []),
             deadline=str(t.get("deadline", "")), list_id=int(t.get("list_id") or 0), order=int(t.get("order") or 0))
        for t in data.get("tasks") or [] if isinstance(t, dict)
    ]
    return doc
