"""Paragraphs (lines of the view) in order, and the lists that run across
them: a request's block continued by a paragraph of nominal items, and the
item lines under a list intro."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .fields import requester_before
from .items import list_item, nominal_paragraph, split_items
from .labels import PieceLabel
from .pieces import Collector, Paragraph, Piece, ViewSpan
from .sentences import read_sentence

# the list-intro pattern is anchored at the end: only the tail of a line is searched
_INTRO_TAIL = 300


@dataclass
class _Lists:
    """What the next paragraph may continue."""
    block: Piece | None = None        # the directive block a nominal paragraph continues
    intro: Piece | None = None        # the list intro whose item lines follow
    prev_semicolon: bool = False      # the last item line ended with «؛»


def read_paragraphs(c: Collector) -> list[Piece]:
    """The pieces of the whole document, paragraph by paragraph."""
    lists = _Lists()
    for para in paragraphs(c):
        if _list_line(c, para, lists):
            continue
        lists.prev_semicolon = False
        lists.intro = None
        if lists.block is not None and nominal_paragraph(c, para):
            _nominal_items(c, para, lists.block)
            continue
        opened = announced = None
        for sent in para.sentences:
            got = read_sentence(c, sent, opened)
            announced = got if got is not None and got.announces else None
            if got is not None and not got.announces:
                opened = got
        lists.block = opened
        lists.intro = _intro(c, para, announced or opened)
    return c.pieces


def paragraphs(c: Collector) -> Iterator[Paragraph]:
    """The document's sentences grouped by the line of the view they start on,
    in the order the lines first appear. Each paragraph is made when it is
    read: a long document of short lines would otherwise hold a paragraph, a
    tuple, a list and the spans of each line for the whole stage, objects the
    garbage collector walks again in each of its full passes (the stage grew
    3× from 256k to 512k characters of «وزیر کشور گفت.» lines)."""
    starts: list[int] = []
    ends: list[int] = []
    group_of: list[int] = []   # the paragraph each sentence belongs to, by first appearance of its line
    line_of: dict[int, int] = {}
    line, counted_to = 0, 0  # line breaks before ``counted_to``: counted on from one sentence to the next
    for s in c.doc.sentences:
        span = c.view_span(s.start, s.end)
        if span.start < counted_to:
            line, counted_to = 0, 0
        line += c.view.count("\n", counted_to, span.start)
        counted_to = span.start
        starts.append(span.start)
        ends.append(span.end)
        group_of.append(line_of.setdefault(line, len(line_of)))
    members = sorted(range(len(group_of)), key=group_of.__getitem__)  # stable: sentence order within a line
    first = 0
    for last in range(1, len(members) + 1):
        if last == len(members) or group_of[members[last]] != group_of[members[first]]:
            yield Paragraph(tuple(ViewSpan(starts[k], ends[k]) for k in members[first:last]))
            first = last


def _ends_with_semicolon(c: Collector, para: Paragraph) -> bool:
    return c.view[para.last.start:para.last.end].rstrip().endswith("؛")


def _list_line(c: Collector, para: Paragraph, lists: _Lists) -> bool:
    """An item line under the current list intro: a marked line, or (unmarked)
    one of a run of lines that end with «؛» (the last with a full stop)."""
    if lists.intro is None:
        return False
    is_item = bool(c.rules.item_marker.match(c.view, para.start)) and c.view[para.start:para.start + 1] != "("
    if not (is_item or lists.prev_semicolon or _ends_with_semicolon(c, para)):
        return False
    list_item(c, para, lists.intro)
    lists.prev_semicolon = _ends_with_semicolon(c, para)
    return True


def _nominal_items(c: Collector, para: Paragraph, block: Piece) -> None:
    for sent in para.sentences:
        for item in split_items(c, sent.start, sent.end):
            c.add(item.start, item.end, PieceLabel.NOMINAL_ITEM, block.requester, block.addressees, block.list_id)


def _intro(c: Collector, para: Paragraph, opened: Piece | None) -> Piece | None:
    """A paragraph that ends in a list intro («وظایف زیر:») starts a list: the
    block it opened or the frame that announced the list, else a bare intro
    of its own."""
    last = para.last
    tail = c.view[max(last.start, last.end - _INTRO_TAIL):last.end].rstrip()
    if not (tail.endswith((":", ".")) and c.rules.ends_in_list_intro(tail)):
        return None
    if opened is None and c.rules.report_intro.search(tail):
        return None  # «اقدامات زیر انجام شد:» lists work done
    return opened or Piece(last.start, last.end, PieceLabel.LIST_INTRO, requester_before(c, last, last.end), (),
                           c.new_list(), bare_intro=True)
