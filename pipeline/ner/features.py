"""The CRF's features of a token, used alike by training and tagging.

Features of a token: its folded form, affixes, shape, ZWNJ, word clusters
learned from unlabeled text (``training/clusters.py``), and look-ups in three
kinds of word list: the project's own (given names, honorifics, title heads,
East-Asian name syllables, month and weekday names), the public name lists in
``../shared/corpora/fa_person_names``, and a lexicon harvested from the
training corpora's own entity spans; plus the words, clusters and list hits of
the tokens at -2…+2. The training corpora annotate differently, so PEYMA's
sentences also get their own copy of the word, list and cluster features, and
the tagger follows PEYMA (``TARGET_DOMAIN``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

import regex

from ..resources import cached
from ..wordlists import (given_names, honorifics, lookup_key, month_names, name_syllables, read_yaml,
                         title_heads)

_DIGIT = regex.compile(r"\d")


def cluster_key(token: str) -> str:
    """The cluster look-up key of a token: folded letters and digits, no
    spaces or ZWNJ, digits collapsed (a number's value says nothing of its class)."""
    return folded_cluster_key(lookup_key(token))


def folded_cluster_key(folded: str) -> str:
    """``cluster_key`` of a token that is already folded (``lookup_key``)."""
    return _DIGIT.sub("0", folded)


# ------------------------------------------------------------------ word lists

@cached("ner.project_lists")
def project_lists() -> dict[str, frozenset[str]]:
    """The project's shared word lists, as features (pipeline/wordlists)."""
    return {
        "given": frozenset(lookup_key(n) for n in given_names()),
        "syll": frozenset(lookup_key(r.syllable) for r in name_syllables()),
        "hon": frozenset(lookup_key(w) for e in honorifics() for w in e.split()),
        "head": frozenset(lookup_key(w) for e in title_heads() for w in e.split()),
        **_date_lists(),
    }


def _date_lists() -> dict[str, frozenset[str]]:
    """Month names of every calendar and the words of ``ner.yaml``'s
    ``feature_words``: dates are an entity type of PEYMA."""
    out = {"month": frozenset(lookup_key(m.name) for m in month_names())}
    for name, words in read_yaml(__package__, "ner.yaml")["feature_words"].items():
        out[name] = frozenset(lookup_key(str(w)) for w in words)
    return out


# ------------------------------------------------------------------ features

# The features of the target corpus (PEYMA, news) are also given a copy of
# their own («peyma:w=...»): the word, its list hits and clusters, the
# neighbours' list hits and the words right before and after. A general
# feature then learns what all the training corpora agree on, its copy how
# PEYMA's annotators differ (Daumé III 2007, "frustratingly easy domain
# adaptation"), and the tagger, which always adds the copies, follows PEYMA.
TARGET_DOMAIN = "peyma"
OFFSETS = (-2, -1, 1, 2)
_NAME_LISTS = ("given", "syll", "fname", "lname", "lexPER")
_OFF_PREFIX = tuple(f"{off}:" for off in OFFSETS)
_TARGET_PREFIX = f"{TARGET_DOMAIN}:"
_PAD = tuple((f"{off}:pad",) for off in OFFSETS)
TARGET_PAD = tuple((p, f"{TARGET_DOMAIN}:{p}") for (p,) in _PAD)   # what a sentence's edge gives its neighbours

TokenKey = tuple[str, bool]          # ``Features.token_key``: folded form, whether it has a ZWNJ or space
# Ten tuples of feature strings: a token's own, what the tokens at -2, -1,
# +1, +2 see of it (prefixed), then the target corpus's copies of those five.
Slots = tuple[tuple[str, ...], ...]


def _slots(own: tuple[str, ...] = (), near: tuple[str, ...] = (), far: tuple[str, ...] = (),
           target_own: tuple[str, ...] = (), target_near: tuple[str, ...] = (),
           target_far: tuple[str, ...] = ()) -> Slots:
    """``Slots`` of features a token has (``own``), shows its neighbours at
    ±1 (``near``) and ±2 (``far``), and their target copies."""
    general = [own] + [tuple([p + x for x in (near if off in (-1, 1) else far)])
                       for off, p in zip(OFFSETS, _OFF_PREFIX)]
    copied = [target_own] + [tuple([p + x for x in (target_near if off in (-1, 1) else target_far)])
                             for off, p in zip(OFFSETS, _OFF_PREFIX)]
    return (*general, *[tuple([_TARGET_PREFIX + x for x in part]) for part in copied])


_BIAS = _slots(own=("bias",), target_own=("bias",))
_ZWNJ = _slots(own=("zwnj",), target_own=("zwnj",))
_NOTHING = _slots()
_NO_CLUSTER = _slots(own=("c=none",))


def _bias_slots(_: None) -> Slots:
    return _BIAS


def word_slots(w: str) -> Slots:
    """The features of the folded word ``w`` itself: ``_slots(own=(ww, p2,
    p3, s2, s3, s4, shape), near=(ww, s2, shape), far=(ww,),
    target_own=(ww,), target_near=(ww,))`` (at ±2 no suffix or shape),
    written out: the tagger makes them for every new word. The same number
    of features in each slot for every word (``WORD_SLOT_SIZES``)."""
    ww, s2, shape = "w=" + w, "s2=" + w[-2:], "shape=" + _shape(w)
    t = _TARGET_PREFIX
    return ((ww, "p2=" + w[:2], "p3=" + w[:3], s2, "s3=" + w[-3:], "s4=" + w[-4:], shape),
            ("-2:" + ww,), ("-1:" + ww, "-1:" + s2, "-1:" + shape), ("1:" + ww, "1:" + s2, "1:" + shape),
            ("2:" + ww,),
            (t + ww,), (), (t + "-1:" + ww,), (t + "1:" + ww,), ())


WORD_SLOT_SIZES = (7, 1, 3, 3, 1, 1, 0, 1, 1, 0)


def _zwnj_slots(zwnj: bool) -> Slots:
    return _ZWNJ if zwnj else _NOTHING


def hits_slots(hits: tuple[str, ...]) -> Slots:
    """The word lists a word is in."""
    return _slots(hits, hits, hits, hits, hits, hits)


def cluster_slots(c: tuple[str, ...] | None) -> Slots:
    """A word's clusters (None: not in the clustered vocabulary)."""
    if not c:
        return _NO_CLUSTER
    cl = tuple([f"c{i}={x}" for i, x in enumerate(c)])
    # ``_slots(own=cl, near=cl[1:2], far=cl[1:2], target_own=cl)``, written
    # out: most words have clusters of their own
    seen = cl[1:2]
    return (cl, *[tuple([p + x for x in seen]) for p in _OFF_PREFIX],
            tuple([_TARGET_PREFIX + x for x in cl]), (), (), (), ())


# A token's features come in pieces, each the ``Slots`` made from one thing
# about it (``Features.piece_values``): the bias, its word (folded form,
# affixes, shape), ZWNJ, list hits, clusters. Each part of
# ``Features.token_parts`` is the pieces' shares of it in this order, so the
# tagger can look up the feature ids of a piece once for all the words that
# share it (a list hit, a cluster).
PIECES: tuple[tuple[str, Callable[[Any], Slots]], ...] = (
    ("bias", _bias_slots), ("word", word_slots), ("zwnj", _zwnj_slots), ("hits", hits_slots),
    ("clusters", cluster_slots))


def join_pieces(pieces: tuple[Slots, ...], target: bool) -> tuple[tuple[str, ...], ...]:
    """``Features.token_parts`` of a word's pieces: each of the five parts
    the pieces' general features, then (``target``) their target copies."""
    parts = []
    for k in range(1 + len(OFFSETS)):
        part = [x for p in pieces for x in p[k]]
        if target:
            part += [x for p in pieces for x in p[k + 1 + len(OFFSETS)]]
        parts.append(tuple(part))
    return tuple(parts)


@dataclass
class Features:
    """Everything a token's features are looked up in."""
    lexicon: dict[str, set[str]] = field(default_factory=dict)   # from the corpora: e.g. "lexPER"
    names: dict[str, set[str]] = field(default_factory=dict)     # public name lists
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self):
        self._lists = [(k, frozenset(v)) for k, v in project_lists().items()]
        self._lists += [(k, frozenset(v)) for k, v in self.names.items()]
        self._lists += [(f"lex{k}", frozenset(v)) for k, v in self.lexicon.items()]
        self._name_words = frozenset().union(*(v for k, v in self._lists if k in _NAME_LISTS))
        self.token = lru_cache(maxsize=1 << 17)(self.token_parts)

    def name_word(self, folded: str) -> bool:
        """Whether a folded word is in a list of given, family or harvested person names."""
        return folded in self._name_words

    def token_key(self, word: str) -> TokenKey:
        """All of a word that ``token_parts`` reads: its folded form and
        whether it holds a ZWNJ or a space. Words with one key («بانكي»,
        «بانکی») have the same features."""
        return lookup_key(word), "\u200c" in word or " " in word

    def piece_values(self, key: TokenKey) -> tuple:
        """What each of ``PIECES`` is made from, for a word by its
        ``token_key``: nothing, the folded word, whether it has a ZWNJ, the
        names of the word lists it is in, its clusters (or None)."""
        w, zwnj = key
        hits = tuple([name for name, words in self._lists if w in words])
        return None, w, zwnj, hits, self.clusters.get(folded_cluster_key(w))

    def token_parts(self, word: str, target: bool) -> tuple[tuple[str, ...], ...]:
        """A word's features as five tuples: its own, then what the tokens at
        -2, -1, +1, +2 see of it (already prefixed: the cache then saves the
        formatting too); ``target``: with the target corpus's copies. The
        tagger asks only for the latter, so each is built on demand.
        ``token`` is the same, memoized. Reads only ``token_key(word)``."""
        values = self.piece_values(self.token_key(word))
        return join_pieces(tuple([slots(v) for (_, slots), v in zip(PIECES, values)]), target)

    def sentence(self, tokens: list[str], target: bool = True) -> list[list[str]]:
        """Each token's features; ``target``: with the target corpus's copies
        (what the tagger always adds; in training, only PEYMA's sentences)."""
        p2, p1, n1, n2 = TARGET_PAD if target else _PAD
        token = self.token
        base = [token(t, target) for t in tokens]
        last = len(tokens) - 1
        out = []
        for i, parts in enumerate(base):
            own = parts[0]
            feats = [*own, *(base[i - 2][1] if i >= 2 else p2), *(base[i - 1][2] if i >= 1 else p1),
                     *(base[i + 1][3] if i < last else n1), *(base[i + 2][4] if i < last - 1 else n2)]
            if i > 0:
                feats.append(f"-1|0={base[i - 1][0][1]}|{own[1]}")
            if i < last:
                feats.append(f"0|+1={own[1]}|{base[i + 1][0][1]}")
            out.append(feats)
        return out


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isalpha():
        return "a" if word.isascii() else "p"
    return "o" if not any(c.isalnum() for c in word) else "m"
