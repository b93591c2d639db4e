"""What the words around a number say about it: its date («مورخ ...»), its
issuer (after the number, or the subject before the kind word) and its title
(«...» in quotes, or «در مورد ...»)."""
from __future__ import annotations

from ..document import Document, Resolution
from .rules import ResolutionRules

# how far after the number its date may start
_DATE_REACH = 40
# how far before the kind word an issuer may start
_ISSUER_REACH = 80
# how far after the number (and issuer) a quoted or «در مورد» title may run
_QUOTED_REACH = 320
_TITLE_REACH = 260


def attach_context(doc: Document, res: Resolution, vpos: int, rules: ResolutionRules) -> None:
    """Date, issuer and title from the words after the number (view offset ``vpos``)."""
    vpos = _attach_date(doc, res, vpos, rules)
    view = doc.view.text
    m = rules.issuer.match(view, vpos)
    if m and not view[vpos:m.start("issuer")].strip():
        # an issuer written between the kind word and the cue came first
        res.issuer = res.issuer or doc.span_from_view(*m.span("issuer")).text.strip()
        vpos = m.end("issuer")
    t = rules.quoted_title.match(view[vpos:vpos + _QUOTED_REACH]) or rules.title.match(view[vpos:vpos + _TITLE_REACH])
    if t:
        s, e = t.span("title")
        res.title = doc.span_from_view(vpos + s, vpos + e).text.strip()


def _attach_date(doc: Document, res: Resolution, vpos: int, rules: ResolutionRules) -> int:
    """A date right after «مورخ» (or on the header's next line «تاریخ ...»):
    set it and return the view offset after it."""
    view = doc.view.text
    for d in doc.dates:
        vstart = doc.view.from_original(d.start)
        if vstart < vpos:
            continue
        if vstart - vpos > _DATE_REACH:
            break
        if rules.after_date.search(view[vpos:vstart]):
            res.date = d.value
            vpos = doc.view.from_original(d.end)
        break
    return vpos


def issuer_before(doc: Document, kind_start: int, rules: ResolutionRules) -> str:
    """«دولت قطعنامه شماره ...»: the subject right before the kind word (view
    offset ``kind_start``), as written; "" when there is none."""
    off = max(0, kind_start - _ISSUER_REACH)
    before = rules.issuer_before.search(doc.view.text[off:kind_start])
    if not before:
        return ""
    return doc.span_from_view(off + before.start("issuer"), off + before.end("issuer")).text
