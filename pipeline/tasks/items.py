"""List items: a directive body split into its «؛» or inline «(۱) ...» items,
the lines of a list under an intro, and a paragraph of nominal items."""
from __future__ import annotations

import regex

from .labels import PieceLabel
from .pieces import Collector, Paragraph, Piece, ViewSpan

_SEMICOLON = regex.compile(r"؛")


def split_items(c: Collector, s: int, e: int) -> list[ViewSpan]:
    """Split on «؛»; an item that starts with «که» continues the one before it."""
    out: list[ViewSpan] = []
    pos = s
    for m in _SEMICOLON.finditer(c.view[s:e]):
        out.append(ViewSpan(pos, s + m.start()))
        pos = s + m.end()
    out.append(ViewSpan(pos, e))
    merged: list[ViewSpan] = []
    for item in out:
        if merged and c.rules.complement_start.match(c.view[item.start:item.end]):
            merged[-1] = ViewSpan(merged[-1].start, item.end)
        else:
            merged.append(item)
    return merged


def nominal_paragraph(c: Collector, para: Paragraph) -> bool:
    """A paragraph of «؛» items that start with a verbal noun («تقویت ...؛ ایجاد ...»)."""
    text = c.view[para.start:para.end]
    return bool(c.rules.nominal_start.match(text)) and text.count("؛") >= 1


def looks_directive(c: Collector, text: str) -> bool:
    """An obligation word, or a part (between «و»s) that ends in a subjunctive verb."""
    body = text.rstrip()
    if c.rules.obligation_word.search(body):
        return True
    return any(c.rules.ends_in_verb(part) for part in c.rules.conjunction_split.split(body))


def list_item(c: Collector, para: Paragraph, intro: Piece) -> None:
    """One line of a list under ``intro``: its inline items, or its «؛» items
    when it looks like a directive (any line does under a framed intro)."""
    vs, ve = para.start, para.end
    marker = c.rules.item_marker.match(c.view, vs, ve)
    if marker:
        vs = marker.end()
    text = c.view[vs:ve]
    subs = c.rules.inline_items(text)
    if subs:
        _inline_items_under_lead(c, vs, text, subs, intro)
        return
    if looks_directive(c, text) or not intro.bare_intro or c.rules.nominal_start.match(
        c.rules.item_marker.sub("", text, count=1)
    ):
        for item in split_items(c, vs, ve):  # «اول، ادامه ...؛ تقویت ...»
            c.add(item.start, item.end, PieceLabel.LIST_ITEM, intro.requester, intro.addressees, intro.list_id)


def _inline_items_under_lead(c: Collector, vs: int, text: str, subs: list, intro: Piece) -> None:
    """«وزارت کشور: (۱) ... (۲) ...»: the lead names who acts (up to «در»)."""
    lead = text[: subs[0].start()]
    lead = c.rules.item_marker.sub("", lead, count=1).strip().rstrip(":").strip()
    addr = (lead.split(c.rules.addressee_end)[0],) if lead else intro.addressees
    _inline_items(c, vs, text, subs, PieceLabel.LIST_SUBITEM, intro.requester, addr, intro.list_id)


def _inline_items(c: Collector, s: int, text: str, subs: list, frame: str, requester: str, addr,
                  list_id: int) -> None:
    """Each inline item runs from its number to the next one (the last to the end)."""
    for k, m in enumerate(subs):
        end = s + (subs[k + 1].start() if k + 1 < len(subs) else len(text))
        c.add(s + m.end(), end, frame, requester, addr, list_id)


def body_items(c: Collector, s: int, e: int, frame: str, requester: str, addr, list_id: int) -> None:
    """Items of a directive body: inline «(۱) ... (۲) ...» items, else «؛» items.
    A lead-in that only announces the list («... وظایف زیر تمرکز کنند:») is dropped."""
    text = c.view[s:e]
    subs = c.rules.inline_items(text)
    if subs:
        # the lead before inline items introduces them or names who acts: not a task
        _inline_items(c, s, text, subs, frame, requester, addr, list_id)
        return
    for item in split_items(c, s, e):
        a, b = item.start, item.end
        colon = c.view.find(":", a, b)
        if colon >= 0 and c.rules.intro_only.search(c.view[a:colon].strip()):
            a = colon + 1  # «به این موارد توجه کنند: توزیع ...؛ ...»
        body = c.view[a:b].strip().rstrip(":.").strip()
        if not body or c.rules.intro_only.search(body):  # «وظایف زیر را اجرا کنند»: the list follows
            continue
        c.add(a, b, frame, requester, addr, list_id)
