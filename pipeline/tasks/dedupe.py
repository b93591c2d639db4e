"""A headline or lede that repeats a body directive is one task."""
from __future__ import annotations

from .pieces import Piece, folded_tokens

# an earlier piece whose words reappear at least this much in a longer one repeats it
_SHARED = 2 / 3


def drop_repeats(pieces: list[Piece], view: str) -> list[Piece]:
    """Drop a piece inside another, or an earlier piece of another list whose
    words mostly (two thirds, at least two) reappear in a longer one or one
    as long (a headline repeated word for word in the body: the body's stays).
    Items of one list never merge."""
    toks = [folded_tokens(view[p.start:p.end]) for p in pieces]
    return [p for i, p in enumerate(pieces) if not _repeated(pieces, toks, i)]


def _repeated(pieces: list[Piece], toks: list[list[str]], i: int) -> bool:
    p, mine = pieces[i], toks[i]
    for j, q in enumerate(pieces):
        if i == j or len(toks[j]) < len(mine):
            continue
        if p.start >= q.start and p.end <= q.end and (len(toks[j]) > len(mine) or j < i):
            return True  # inside another; of two as long, the first listed stays
        if p.list_id == q.list_id or p.start >= q.start:
            continue
        common = _common(mine, toks[j])
        if mine and common / len(mine) >= _SHARED and common >= 2:
            return True
    return False


def _common(mine: list[str], theirs: list[str]) -> int:
    """How many of ``mine`` reappear in ``theirs``, each word of theirs used once."""
    pool = list(theirs)
    common = 0
    for t in mine:
        if t in pool:
            pool.remove(t)
            common += 1
    return common
