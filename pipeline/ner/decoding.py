"""Viterbi tags and per-token marginals of a linear-chain CRF, for many
sentences at once.

Sentences of similar length are decoded together: one numpy step per
position covers the whole group, so the cost is a few array operations per
position of the longest sentence in a group rather than Python work per
token. The marginals come from a forward-backward pass rescaled at every
position (no logs, no underflow), which gives the same probabilities as
crfsuite's.
"""
from __future__ import annotations

import numpy as np

GROUP = 64   # sentences decoded together (sorted by length, so little padding)


def decode(scores: list[np.ndarray], transitions: np.ndarray,
           marginals: bool = True) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """For each sentence's (tokens, labels) state scores: the best label
    path (label indices) and the (tokens, labels) marginal probabilities
    (None when ``marginals`` is false: the path alone is a third of the work)."""
    empty = (np.zeros(0, dtype=np.intp), np.zeros((0, len(transitions))) if marginals else None)
    out: list[tuple[np.ndarray, np.ndarray | None]] = [empty] * len(scores)
    order = sorted((i for i, s in enumerate(scores) if len(s)), key=lambda i: len(scores[i]))
    expt = np.exp(transitions) if marginals else None
    for g in range(0, len(order), GROUP):
        group = order[g:g + GROUP]
        for i, result in zip(group, _decode_group([scores[i] for i in group], transitions, expt)):
            out[i] = result
    return out


def _decode_group(scores: list[np.ndarray], trans: np.ndarray,
                  expt: np.ndarray | None) -> list[tuple[np.ndarray, np.ndarray | None]]:
    n_sent, n_lab = len(scores), trans.shape[0]
    lens = np.array([len(s) for s in scores])
    n = int(lens.max())
    state = np.zeros((n_sent, n, n_lab))
    for b, s in enumerate(scores):
        state[b, :len(s)] = s
    # Viterbi; past a sentence's end its scores and back-pointers stay put
    best = state[:, 0].copy()
    back = np.empty((n_sent, n, n_lab), dtype=np.intp)
    stay = np.arange(n_lab)[None, :]
    ragged = bool(lens.min() < n)     # else no sentence ends early: no masks
    for t in range(1, n):
        cand = best[:, :, None] + trans                     # (sentence, previous, label)
        arg = cand.argmax(1)
        step = cand.max(1) + state[:, t]
        if ragged:
            live = (t < lens)[:, None]
            best = np.where(live, step, best)
            back[:, t] = np.where(live, arg, stay)
        else:
            best = step
            back[:, t] = arg
    path = np.empty((n_sent, n), dtype=np.intp)
    rows = np.arange(n_sent)
    last = best.argmax(1)
    path[:, n - 1] = last
    for t in range(n - 1, 0, -1):
        last = back[rows, t, last]
        path[:, t - 1] = last
    if expt is None:
        return [(path[k, :m], None) for k, m in enumerate(lens)]
    # forward-backward, each position's vector rescaled to sum 1
    pot = np.exp(state - state.max(2, keepdims=True))
    alpha = np.empty_like(state)
    a = pot[:, 0] / pot[:, 0].sum(1, keepdims=True)
    alpha[:, 0] = a
    for t in range(1, n):
        a = (a @ expt) * pot[:, t]
        a /= a.sum(1, keepdims=True)
        alpha[:, t] = a
    beta = np.empty_like(state)
    b = np.ones((n_sent, n_lab))
    beta[:, n - 1] = b
    for t in range(n - 2, -1, -1):
        nb = (pot[:, t + 1] * b) @ expt.T
        nb /= nb.sum(1, keepdims=True)
        b = np.where((t < lens - 1)[:, None], nb, 1.0) if ragged else nb
        beta[:, t] = b
    marg = alpha * beta
    marg /= marg.sum(2, keepdims=True)
    return [(path[k, :m], marg[k, :m]) for k, m in enumerate(lens)]
