"""Viterbi tags and per-token marginals of a linear-chain CRF, for many
sentences at once.

Sentences of similar length are decoded together: one numpy step per
position covers the whole group, so the cost is a few array operations per
position of the longest sentence in a group rather than Python work per
token. The sentences of a group are aligned at their ends (padding before
a shorter one): every sentence then ends at the last position, so the
backward passes need no masks, and the forward passes restart a sentence at
its first position (one assignment where any begins). The marginals come
from a forward-backward pass rescaled at every position (no logs, no
underflow), which gives the same probabilities as crfsuite's.
"""
from __future__ import annotations

import numpy as np

GROUP = 64   # sentences decoded together (sorted by length, so little padding)
# A sentence longer than LONG tokens is no sentence (the bench corpus's
# longest has 469): a run of «/» or of brackets with no sentence end, which
# would cost one numpy step per token. It is decoded in windows of CORE tokens
# with MARGIN tokens of context either side, decoded together like sentences
# (issue 22); each window keeps the tags and marginals of its core. A CRF's
# tags depend little on tokens that far away, but they may differ from those
# of the whole sequence near a window's edge.
LONG, CORE, MARGIN = 1024, 512, 64

Decoded = tuple[np.ndarray, "np.ndarray | None"]


def decode(scores: list[np.ndarray], transitions: np.ndarray, marginals: bool = True) -> list[Decoded]:
    """For each sentence's (tokens, labels) state scores: the best label
    path (label indices) and the (tokens, labels) marginal probabilities
    (None when ``marginals`` is false: the path alone is a third of the work)."""
    pieces: list[np.ndarray] = []
    kept: list[list[tuple[int, slice]]] = []       # per sentence: (its piece, the part of it that counts)
    for s in scores:
        if len(s) <= LONG:
            kept.append([(len(pieces), slice(None))])
            pieces.append(s)
            continue
        kept.append([])
        for start in range(0, len(s), CORE):
            lo, hi = max(0, start - MARGIN), min(len(s), start + CORE + MARGIN)
            kept[-1].append((len(pieces), slice(start - lo, min(start + CORE, len(s)) - lo)))
            pieces.append(s[lo:hi])
    decoded = _decode_pieces(pieces, transitions, marginals)
    out: list[Decoded] = []
    for parts in kept:
        if len(parts) == 1:
            out.append(decoded[parts[0][0]])
            continue
        paths = np.concatenate([decoded[k][0][cut] for k, cut in parts])
        marg = np.concatenate([decoded[k][1][cut] for k, cut in parts]) if marginals else None
        out.append((paths, marg))
    return out


def _decode_pieces(scores: list[np.ndarray], transitions: np.ndarray, marginals: bool) -> list[Decoded]:
    empty = (np.zeros(0, dtype=np.intp), np.zeros((0, len(transitions))) if marginals else None)
    out: list[Decoded] = [empty] * len(scores)
    order = sorted((i for i, s in enumerate(scores) if len(s)), key=lambda i: len(scores[i]))
    expt = np.exp(transitions) if marginals else None
    for g in range(0, len(order), GROUP):
        group = order[g:g + GROUP]
        for i, result in zip(group, _decode_group([scores[i] for i in group], transitions, expt)):
            out[i] = result
    return out


class _Group:
    """Sentences' state scores in one (position, sentence, label) array,
    each ending at the last position; ``starts``: position -> the sentences
    that begin there (where the forward passes restart them)."""

    def __init__(self, scores: list[np.ndarray], n_labels: int):
        self.lens = [len(s) for s in scores]
        self.n = n = max(self.lens)
        self.state = np.zeros((n, len(scores), n_labels))
        starts: dict[int, list[int]] = {}
        for b, s in enumerate(scores):
            self.state[n - len(s):, b] = s
            starts.setdefault(n - len(s), []).append(b)
        self.starts = {t: np.array(rows) for t, rows in starts.items() if t > 0}

    def unpad(self, rows: np.ndarray) -> list[np.ndarray]:
        """Each sentence's part of a (position, sentence, ...) array."""
        n = self.n
        return [rows[n - m:, b] for b, m in enumerate(self.lens)]


def _decode_group(scores: list[np.ndarray], trans: np.ndarray, expt: np.ndarray | None) -> list[Decoded]:
    g = _Group(scores, trans.shape[0])
    paths = g.unpad(_viterbi(g, trans))
    if expt is None:
        return [(p, None) for p in paths]
    return list(zip(paths, g.unpad(_marginals(g, expt))))


def _viterbi(g: _Group, trans: np.ndarray) -> np.ndarray:
    """The best path of each sentence (positions before its start: anything).
    Each step reduces over the last axis (previous labels) and reads the
    maxima off the argmax: on arrays this small, numpy's ``max`` over an
    axis costs three times a gather."""
    state, n, starts = g.state, g.n, g.starts
    n_sent, n_lab = state.shape[1:]
    into = trans.T.copy()                                   # (label, previous)
    flat = np.arange(n_sent * n_lab) * n_lab                # where each (sentence, label) row starts
    best = state[0].copy()
    back = np.empty(state.shape, dtype=np.intp)
    for t in range(1, n):
        cand = best[:, None, :] + into                      # (sentence, label, previous)
        arg = back[t] = cand.argmax(2)
        best = cand.reshape(-1)[flat + arg.reshape(-1)].reshape(n_sent, n_lab)
        best += state[t]
        rows = starts.get(t)
        if rows is not None:                                # these sentences begin here
            best[rows] = state[t, rows]
    path = np.empty((n, n_sent), dtype=np.intp)
    rows = np.arange(n_sent)
    last = path[n - 1] = best.argmax(1)
    for t in range(n - 1, 0, -1):
        last = path[t - 1] = back[t][rows, last]
    return path


def _marginals(g: _Group, expt: np.ndarray) -> np.ndarray:
    """Forward-backward, each position's vector rescaled to sum 1."""
    state, n, starts = g.state, g.n, g.starts
    pot = np.exp(state - state.max(2, keepdims=True))
    alpha = np.empty_like(state)
    a = alpha[0] = pot[0] / pot[0].sum(1, keepdims=True)
    for t in range(1, n):
        a = (a @ expt) * pot[t]
        rows = starts.get(t)
        if rows is not None:
            a[rows] = pot[t, rows]
        a /= np.add.reduce(a, 1, keepdims=True)
        alpha[t] = a
    beta = np.empty_like(state)
    b = beta[n - 1] = np.ones(state.shape[1:])
    back = expt.T.copy()
    for t in range(n - 2, -1, -1):
        b = (pot[t + 1] * b) @ back
        b /= np.add.reduce(b, 1, keepdims=True)
        beta[t] = b
    marg = alpha * beta
    marg /= marg.sum(2, keepdims=True)
    return marg
