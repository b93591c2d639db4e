"""A headline or lede that repeats a body directive is one task.

Whether a piece repeats another is asked of every piece. Comparing each
with every other took time that grew with the square of their number (a long
document of repeated directives); here the pieces that can contain a piece
are found by a sweep, and those that can repeat its words through an index of
their words.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from .pieces import Piece, folded_tokens

# an earlier piece whose words reappear at least this much in a longer one repeats it
_SHARED = 2 / 3


def drop_repeats(pieces: list[Piece], view: str) -> list[Piece]:
    """Drop a piece inside another, or an earlier piece of another list whose
    words mostly (two thirds, at least two) reappear in a longer one or one
    as long (a headline repeated word for word in the body: the body's stays).
    Items of one list never merge."""
    if len(pieces) < 2:
        return list(pieces)  # most documents: nothing to compare, no index to build
    words = [Counter(folded_tokens(view[p.start:p.end])) for p in pieces]
    sizes = [sum(w.values()) for w in words]
    inside = _inside_another(pieces, sizes)
    later = _WordIndex(pieces, words)
    return [p for i, p in enumerate(pieces) if not inside[i] and not later.repeats(i, sizes)]


def _inside_another(pieces: list[Piece], sizes: list[int]) -> list[bool]:
    """Is piece i inside another with at least as many words (of two as long,
    the first listed stays)? Swept by start, the longer first at one start:
    every piece that holds piece i comes before it, and among those that reach
    its end the one with the most words (the first listed of them) decides."""
    order = sorted(range(len(pieces)), key=lambda i: (pieces[i].start, -pieces[i].end, i))
    rank = {e: r for r, e in enumerate(sorted({p.end for p in pieces}, reverse=True))}  # 0: the last end
    best = _MaxByReach(len(rank))
    inside = [False] * len(pieces)
    for i in order:
        found = best.best(rank[pieces[i].end] + 1)  # among those that end at or after piece i's end
        if found is not None:
            size, first = found[0], -found[1]
            inside[i] = size > sizes[i] or (size == sizes[i] and first < i)
        best.add(rank[pieces[i].end], (sizes[i], -i))
    return inside


class _MaxByReach:
    """The largest key among the pieces added so far whose end is one of the
    ``reach`` largest ends (a Fenwick tree of maxima over the ends, largest first)."""

    def __init__(self, n: int):
        self.tree: list[tuple[int, int] | None] = [None] * (n + 1)

    def add(self, rank: int, key: tuple[int, int]) -> None:
        k = rank + 1
        while k < len(self.tree):
            if self.tree[k] is None or key > self.tree[k]:
                self.tree[k] = key
            k += k & -k

    def best(self, reach: int) -> tuple[int, int] | None:
        found = None
        k = reach
        while k > 0:
            if self.tree[k] is not None and (found is None or self.tree[k] > found):
                found = self.tree[k]
            k -= k & -k
        return found


@dataclass
class _WordIndex:
    """The pieces that hold each word, by start: a piece whose words reappear
    in a later one shares with it one of its rarest words, so only the later
    pieces that hold one of those are compared with it; a run of pieces of
    its own list (the items of one long list) is stepped over at once."""
    pieces: list[Piece]
    words: list[Counter]

    def __post_init__(self):
        holders: dict[str, list[int]] = {}
        for i in sorted(range(len(self.pieces)), key=lambda i: self.pieces[i].start):
            for w in self.words[i]:
                holders.setdefault(w, []).append(i)
        self.holders = holders
        self.starts = {w: [self.pieces[i].start for i in held] for w, held in holders.items()}
        self.run_end = {w: self._run_ends(held) for w, held in holders.items()}

    def _run_ends(self, held: list[int]) -> list[int]:
        """For each place in ``held``, where the run of pieces of its list ends."""
        ends = [len(held)] * len(held)
        for k in range(len(held) - 2, -1, -1):
            if self.pieces[held[k]].list_id == self.pieces[held[k + 1]].list_id:
                ends[k] = ends[k + 1]
            else:
                ends[k] = k + 1
        return ends

    def repeats(self, i: int, sizes: list[int]) -> bool:
        """Do piece i's words mostly reappear in a later piece of another list
        with at least as many words?"""
        p, mine, size = self.pieces[i], self.words[i], sizes[i]
        need = _needed(size)
        if need is None:
            return False
        seen: set[int] = set()
        for w in self._rarest(mine, size - need + 1):
            held, run_end = self.holders[w], self.run_end[w]
            k = bisect_right(self.starts[w], p.start)
            while k < len(held):
                j = held[k]
                if self.pieces[j].list_id == p.list_id:
                    k = run_end[k]
                    continue
                if j not in seen and sizes[j] >= size:
                    seen.add(j)
                    if sum((mine & self.words[j]).values()) >= need:  # shared words, each as often as both have it
                        return True
                k += 1
        return False

    def _rarest(self, mine: Counter, count: int) -> list[str]:
        """The distinct words among ``count`` of ``mine``'s words (with their
        repeats) held by the fewest pieces: a piece that shares ``need`` words
        shares at least one of any ``size - need + 1`` of them."""
        ranked = sorted(mine, key=lambda w: (len(self.holders[w]), w))
        picked, taken = [], 0
        for w in ranked:
            if taken >= count:
                break
            picked.append(w)
            taken += mine[w]
        return picked


def _needed(size: int) -> int | None:
    """How many shared words make a piece of ``size`` words a repeat: two
    thirds of them and at least two (None: no number of shared words does)."""
    return next((n for n in range(2, size + 1) if n / size >= _SHARED), None)
