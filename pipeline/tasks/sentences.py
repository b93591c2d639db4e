"""One sentence: the first frame in it says where its task text is (the
frame kind's body); a sentence without a frame continues a request's list
when it is in the subjunctive, or holds inline items under a list intro."""
from __future__ import annotations

from .clauses import clause_tasks
from .fields import addressees, requester_before
from .frames import Body, Hit
from .items import body_items, split_items
from .labels import PieceLabel
from .pieces import Collector, Piece, ViewSpan


def read_sentence(c: Collector, sent: ViewSpan, block: Piece | None) -> Piece | None:
    """Tasks of one sentence; returns the block it opens (or continues), or
    a piece marked ``announces`` when its frame only points at a list."""
    text = c.view[sent.start:sent.end]
    hits = c.frames.hits(text)
    if not hits:
        return _unframed(c, sent, text, block)
    opened = None
    while hits:
        if hits[0].frame.behaviour.body is Body.CLAUSE:
            block, hits = _clauses_first(c, sent, hits, block)
            continue
        piece, reach = _framed(c, sent, text, hits)
        opened = piece or opened
        # a frame whose body ends inside the sentence («خواستار X شد و از مردم خواست ...»): the next one counts too
        hits = [h for h in hits[1:] if h.start >= reach]
    return opened or block


def _framed(c: Collector, sent: ViewSpan, text: str, hits: list[Hit]) -> tuple[Piece | None, int]:
    """The tasks of the first hit (no clause frame): the piece it opens or
    announces (or None), and where in the sentence its body ends."""
    first = hits[0]
    behaviour = first.frame.behaviour
    requester = requester_before(c, sent, sent.start + first.start)
    m = first.match
    addr = addressees(c, sent.start + m.start("addr"), sent.start + m.end("addr")) if m.groupdict().get("addr") else ()
    piece = Piece(sent.start, sent.end, first.frame.name, requester, addr, c.new_list())
    announces = _BODY[behaviour.body](c, sent, text, hits, piece)
    reach = len(text) if behaviour.body is Body.AFTER else m.end()
    if behaviour.opens_block:
        return piece, reach
    if not announces:
        return None, reach
    # «... خواستار موارد زیر شد: الف) ...؛ ب) ...»: the items follow in the sentence, or on the next lines
    colon = c.view.find(":", sent.start + first.match.end(), sent.end)
    if colon >= 0:
        body_items(c, colon + 1, sent.end, piece.frame, piece.requester, piece.addressees, piece.list_id)
    piece.announces = True
    return piece, len(text)


def _clauses_first(c: Collector, sent: ViewSpan, hits: list[Hit], block: Piece | None) -> tuple[Piece | None, list[Hit]]:
    """The clause frames' tasks; and the hits from the first other frame on
    when no clause task reaches it («با بیان اینکه X باید ... خواستار Y شد»)."""
    added = len(c.pieces)
    block = clause_tasks(c, sent, hits, block)
    reach = max((p.end for p in c.pieces[added:]), default=sent.start) - sent.start
    rest = [i for i, h in enumerate(hits) if h.frame.behaviour.body is not Body.CLAUSE and h.start >= reach]
    return block, (hits[rest[0]:] if rest else [])


def _unframed(c: Collector, sent: ViewSpan, text: str, block: Piece | None) -> Piece | None:
    """Inline items under a list intro in the same sentence; else, after a
    request, a sentence whose (first «؛» part's) verb is subjunctive continues it."""
    subs = c.rules.inline_items(text)
    if subs and c.rules.ends_in_list_intro(text[: subs[0].start()]):
        lead_end = sent.start + subs[0].start()
        body_items(c, lead_end, sent.end, PieceLabel.LIST_SUBITEM, requester_before(c, sent, lead_end), (),
                   c.new_list())
        return None
    # the mood is read before any «؛ که ...» continuation
    head = text.split("؛", 1)[0]
    if block is not None and c.rules.ends_in_verb(head) and not c.rules.ability.search(head):
        c.add(sent.start, sent.end, PieceLabel.CONTINUATION, block.requester, block.addressees, block.list_id)
        return block
    return None


def _after(c: Collector, sent: ViewSpan, text: str, hits: list[Hit], piece: Piece) -> bool:
    """The body after the frame, in items. A frame that opens no block covers
    its own clause: «...، اما توقف نباید ...» and later «؛» items are judged on
    their own; so are «باید» clauses later in the sentence. True when the
    body only announces a list («مقرر شد موارد زیر انجام شود:»)."""
    first = hits[0]
    body_s = sent.start + first.match.end()
    body_e = sent.end
    if not first.frame.behaviour.opens_block:
        if _announces(c, body_s, sent.end):
            return True
        cut = c.rules.contrast.search(c.view, body_s, sent.end)
        first_item = split_items(c, body_s, sent.end)[0]
        body_e = min(cut.start() if cut else sent.end, first_item.end)
    body_items(c, body_s, body_e, first.frame.name, piece.requester, piece.addressees, piece.list_id)
    later = [h for h in hits[1:] if h.frame.behaviour.after_body_too and sent.start + h.start > body_s]
    if later:
        clause_tasks(c, sent, later, None, skip_before=body_s)
    return False


def _announces(c: Collector, s: int, e: int) -> bool:
    """Does the body [s, e), up to a «:», only point at a list («موارد زیر»)?"""
    colon = c.view.find(":", s, e)
    body = c.view[s:colon if colon >= 0 else e].strip().rstrip(".").strip()
    return bool(body) and bool(c.rules.intro_only.search(body))


def _between(c: Collector, sent: ViewSpan, text: str, hits: list[Hit], piece: Piece) -> bool:
    """The pattern's group 'body' («خواستار X شد»); none when X only points
    at a list («خواستار موارد زیر شد:»)."""
    m = hits[0].match
    if _announces(c, sent.start + m.start("body"), sent.start + m.end("body")):
        return True
    c.add(sent.start + m.start("body"), sent.start + m.end("body"), piece.frame, piece.requester, piece.addressees,
          piece.list_id)
    return False


def _before(c: Collector, sent: ViewSpan, text: str, hits: list[Hit], piece: Piece) -> bool:
    """The clause before the frame («X را ابلاغ کرد»), unless the sentence
    announces a list («... را ابلاغ کرد:», «...: الف) ...؛ ب) ...») or the
    clause only points at one."""
    start = hits[0].start
    clause_s = max(text.rfind("،", 0, start), text.rfind(":", 0, start)) + 1
    colon = text.find(":", hits[0].match.end())
    inline_items = colon >= 0 and bool(c.rules.inline_items(text, colon))
    if text.rstrip().endswith(":") or inline_items or c.rules.intro_only.search(text[clause_s:start]):
        return True
    c.add(sent.start + clause_s, sent.start + start, piece.frame, "", piece.addressees, piece.list_id)
    return False


_BODY = {Body.AFTER: _after, Body.BETWEEN: _between, Body.BEFORE: _before}
