"""A CRF named-entity tagger (python-crfsuite, which hazm already uses).

Features of a token: its folded form, affixes, shape, ZWNJ, word clusters
learned from unlabeled text (``clusters.py``), and look-ups in three kinds of
word list: the project's own (given names, honorifics, title heads, East-Asian
name syllables, month and weekday names), the public name lists in
``../shared/corpora/fa_person_names``, and a lexicon harvested from the
training corpora's own entity spans; plus the words, clusters and list hits of
the tokens at -2…+2. The training corpora annotate differently, so PEYMA's
sentences also get their own copy of the word, list and cluster features, and
the tagger follows PEYMA (``TARGET_DOMAIN``).

A model is files that travel together: ``NAME.crfsuite`` and
``NAME{suffix}.crfsuite`` (the member CRFs, trained on the same features
with different L2 regularisation and mixed by the shares in
``NAME.members.tsv``), ``NAME.lexicon.tsv`` (the harvested lexicon),
``NAME.names.tsv`` (the public name lists as the model saw them) and
``NAME.clusters.tsv``.
"""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pycrfsuite

from .. import wordlists
from ..resources import load_yaml, lookup_key
from . import clusters as clusters_mod
from . import consistency, crfsuite_file, decoding

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "ner-crf.crfsuite"
TRAIN_HINT = "python -m pipeline train ner"
Sentence = list[tuple[str, str]]


class ModelError(RuntimeError):
    """A model file that is missing or cannot be read."""


@dataclass(frozen=True)
class Member:
    """One of the CRFs a model is made of (``crf_members`` in ner.yaml)."""
    suffix: str      # its file: NAME{suffix}.crfsuite
    c2: float        # its L2 regularisation
    weight: float    # its share of the tagger's weights


def crf_members() -> tuple[Member, ...]:
    """The members ``train ner`` trains; a trained model keeps its own in NAME.members.tsv."""
    return tuple(Member(str(m["suffix"]), float(m["c2"]), float(m["weight"]))
                 for m in load_yaml("ner.yaml")["crf_members"])


def member_files(path: Path, members: tuple[Member, ...]) -> list[Path]:
    """The CRF files of a model whose first member is ``path``."""
    stem = Path(path).with_suffix("")
    return [stem.with_name(f"{stem.name}{m.suffix}.crfsuite") for m in members]


def sidecars(path: Path) -> tuple[Path, Path, Path, Path]:
    """The lexicon, name-list, cluster and member files that belong to a model file."""
    stem = Path(path).with_suffix("")
    return tuple(stem.with_name(f"{stem.name}.{part}.tsv") for part in ("lexicon", "names", "clusters", "members"))


def write_members(members: tuple[Member, ...], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("# suffix of the CRF file\tc2\tshare of the weights\n")
        for m in members:
            fh.write(f"{m.suffix}\t{m.c2}\t{m.weight}\n")


def read_members(path: Path) -> tuple[Member, ...]:
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    if not rows or any(len(r) != 3 for r in rows):
        raise ValueError("a members file holds suffix, c2 and weight on each line")
    if rows[0][0]:
        raise ValueError("the first member is the model file itself: an empty suffix")
    return tuple(Member(r[0], float(r[1]), float(r[2])) for r in rows)


# ------------------------------------------------------------------ word lists

@lru_cache(maxsize=1)
def _project_lists() -> dict[str, frozenset[str]]:
    """The project's shared word lists, as features (pipeline/wordlists)."""
    return {
        "given": frozenset(lookup_key(n) for n in wordlists.given_names()),
        "syll": frozenset(lookup_key(r.syllable) for r in wordlists.name_syllables()),
        "hon": frozenset(lookup_key(w) for e in wordlists.honorifics() for w in e.split()),
        "head": frozenset(lookup_key(w) for e in wordlists.title_heads() for w in e.split()),
        **_date_lists(),
    }


def _date_lists() -> dict[str, frozenset[str]]:
    """Month names of every calendar and the words of ``ner.yaml``'s
    ``feature_words``: dates are an entity type of PEYMA."""
    out = {"month": frozenset(lookup_key(m.name) for m in wordlists.month_names())}
    for name, words in load_yaml("ner.yaml")["feature_words"].items():
        out[name] = frozenset(lookup_key(str(w)) for w in words)
    return out


def public_name_lists(corpora: Path) -> dict[str, set[str]]:
    """First and family names from ``fa_person_names`` (each file's licence is
    in its SOURCE.md). Multi-word entries add each of their words."""
    base = corpora / "fa_person_names"
    first: set[str] = set()
    last: set[str] = set()

    def add(target: set[str], name: str) -> None:
        for w in name.split():
            k = lookup_key(w)
            if len(k) > 1:
                target.add(k)

    if not base.exists():
        return {"fname": first, "lname": last}
    for fn in ("farsi_faker_male_first.txt", "farsi_faker_female_first.txt", "parsi_io_FNAME.txt"):
        for line in (base / fn).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                add(first, line)
    for line in (base / "persian-gender-by-name.csv").read_text(encoding="utf-8").splitlines()[1:]:
        add(first, line.split(",")[0])
    for fn in ("farsi_faker_last.txt", "parsi_io_LNAME.txt"):
        for line in (base / fn).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                add(last, line)
    for line in (base / "parsface_info.txt").read_text(encoding="utf-8").splitlines():
        words = line.split(",,,")[0].split()
        if len(words) >= 2:
            add(first, words[0])
            add(last, words[-1])
    return {"fname": first, "lname": last}


def harvest(sentences: Iterable[Sentence], min_count: int = 2, min_share: float = 0.5) -> dict[str, set[str]]:
    """Words that are mostly inside entities of one type in tagged text:
    type -> words (a word seen ``min_count`` times, at least ``min_share`` of
    them inside that type's spans)."""
    seen: Counter[str] = Counter()
    inside: dict[str, Counter[str]] = defaultdict(Counter)
    for sent in sentences:
        for tok, tag in sent:
            k = lookup_key(tok)
            seen[k] += 1
            if tag != "O":
                inside[tag[2:]][k] += 1
    hon_head = _project_lists()["hon"] | _project_lists()["head"]
    return {kind: {w for w, n in c.items() if n >= min_count and n / seen[w] >= min_share and w not in hon_head}
            for kind, c in inside.items()}


# ------------------------------------------------------------------ features

# The features of the target corpus (PEYMA, news) are also given a copy of
# their own («peyma:w=...»): the word, its list hits and clusters, the
# neighbours' list hits and the words right before and after. A general
# feature then learns what all the training corpora agree on, its copy how
# PEYMA's annotators differ (Daumé III 2007, "frustratingly easy domain
# adaptation"), and the tagger, which always adds the copies, follows PEYMA.
TARGET_DOMAIN = "peyma"
_OFFSETS = (-2, -1, 1, 2)
_NAME_LISTS = ("given", "syll", "fname", "lname", "lexPER")
_OFF_PREFIX = tuple(f"{off}:" for off in _OFFSETS)
_TARGET_PREFIX = f"{TARGET_DOMAIN}:"


@dataclass
class Features:
    """Everything a token's features are looked up in."""
    lexicon: dict[str, set[str]] = field(default_factory=dict)   # from the corpora: e.g. "lexPER"
    names: dict[str, set[str]] = field(default_factory=dict)     # public name lists
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self):
        self._lists = [(k, frozenset(v)) for k, v in _project_lists().items()]
        self._lists += [(k, frozenset(v)) for k, v in self.names.items()]
        self._lists += [(f"lex{k}", frozenset(v)) for k, v in self.lexicon.items()]
        self._name_words = frozenset().union(*(v for k, v in self._lists if k in _NAME_LISTS))
        self.token = lru_cache(maxsize=1 << 17)(self._token)

    def name_word(self, folded: str) -> bool:
        """Whether a folded word is in a list of given, family or harvested person names."""
        return folded in self._name_words

    def _token(self, word: str, target: bool) -> tuple[tuple[str, ...], ...]:
        """A word's features as five tuples: its own, then what the tokens at
        -2, -1, +1, +2 see of it (already prefixed: the cache then saves the
        formatting too); ``target``: with the target corpus's copies. The
        tagger asks only for the latter, so each is built on demand."""
        w = lookup_key(word)
        ww = "w=" + w
        shape = "shape=" + _shape(w)
        zwnj = ("zwnj",) if "\u200c" in word or " " in word else ()
        hits = tuple([name for name, words in self._lists if w in words])
        c = self.clusters.get(clusters_mod.folded_key(w))
        cl = tuple([f"c{i}={x}" for i, x in enumerate(c)]) if c else ("c=none",)
        own = ("bias", ww, "p2=" + w[:2], "p3=" + w[:3], "s2=" + w[-2:], "s3=" + w[-3:], "s4=" + w[-4:], shape,
               *zwnj, *hits, *cl)
        seen = (ww, "s2=" + w[-2:], shape, *hits, *cl[1:2])
        far = (ww, *hits, *cl[1:2])            # at ±2: no suffix or shape
        parts = [own] + [tuple([p + x for x in (seen if off in (-1, 1) else far)])
                         for off, p in zip(_OFFSETS, _OFF_PREFIX)]
        if not target:
            return tuple(parts)
        # what the target corpus copies: see TARGET_DOMAIN
        near = (ww, *hits)
        copied = [("bias", ww, *zwnj, *hits, *(cl if c else ())),
                  *[[p + x for x in (near if off in (-1, 1) else hits)] for off, p in zip(_OFFSETS, _OFF_PREFIX)]]
        t = _TARGET_PREFIX
        return tuple([g + tuple([t + x for x in part]) for g, part in zip(parts, copied)])

    def sentence(self, tokens: list[str], target: bool = True) -> list[list[str]]:
        """Each token's features; ``target``: with the target corpus's copies
        (what the tagger always adds; in training, only PEYMA's sentences)."""
        p2, p1, n1, n2 = _TARGET_PAD if target else _PAD
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


_PAD = tuple((f"{off}:pad",) for off in _OFFSETS)
_TARGET_PAD = tuple((p, f"{TARGET_DOMAIN}:{p}") for (p,) in _PAD)


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isalpha():
        return "a" if word.isascii() else "p"
    return "o" if not any(c.isalnum() for c in word) else "m"


def write_lexicon(lexicon: dict[str, set[str]], path: Path, what: str) -> None:
    """word<TAB>comma-joined list names; ``what`` says what the lists are."""
    kinds: dict[str, list[str]] = defaultdict(list)
    for kind, words in lexicon.items():
        for w in words:
            kinds[w].append(kind)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"# word\t{what}\n")
        for w in sorted(kinds):
            fh.write(f"{w}\t{','.join(sorted(kinds[w]))}\n")


def read_lexicon(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            w, kinds = line.rstrip("\n").split("\t")
            for k in kinds.split(","):
                out[k].add(w)
    return dict(out)


# ------------------------------------------------------------------ training

@dataclass
class TrainConfig:
    max_iterations: int = 150
    c1: float = 0.05
    min_freq: int = 2
    seed: int = 13
    members: tuple[Member, ...] = field(default_factory=crf_members)


def train(sentences: list[Sentence], path: Path, clusters: dict[str, tuple[str, ...]] | None = None,
          names: dict[str, set[str]] | None = None, config: TrainConfig | None = None,
          domains: list[str | None] | None = None) -> Path:
    """Train and write the model (its member CRFs, ``path`` the first) and
    its sidecars. ``domains``: each
    sentence's corpus; the sentences of ``TARGET_DOMAIN`` also get the
    feature copies the tagger always adds. The lexicon a training sentence sees is
    harvested from the OTHER half of the data, so the model learns how far to
    trust it on words it has not been shown with a tag."""
    cfg = config or TrainConfig()
    clusters = clusters or {}
    names = names or {}
    domains = domains or [None] * len(sentences)
    order = list(range(len(sentences)))
    random.Random(cfg.seed).shuffle(order)
    halves = [order[0::2], order[1::2]]
    trainer = pycrfsuite.Trainer(verbose=False)
    for k in (0, 1):
        feats = Features(harvest(sentences[i] for i in halves[1 - k]), names, clusters)
        for i in halves[k]:
            tokens, tags = zip(*sentences[i])
            trainer.append(feats.sentence(list(tokens), domains[i] == TARGET_DOMAIN), list(tags))
    path.parent.mkdir(parents=True, exist_ok=True)
    # every member learns from the same feature sequences; L-BFGS starts afresh each time
    for member, file in zip(cfg.members, member_files(path, cfg.members)):
        trainer.set_params({"c1": cfg.c1, "c2": member.c2, "max_iterations": cfg.max_iterations,
                            "feature.minfreq": cfg.min_freq, "feature.possible_transitions": True})
        trainer.train(str(file))
    lex_path, names_path, cl_path, members_path = sidecars(path)
    write_members(cfg.members, members_path)
    write_lexicon(harvest(sentences), lex_path, "entity types the word is mostly inside in the training corpora")
    write_lexicon(names, names_path, "public name lists the word is in (fa_person_names)")
    clusters_mod.write_clusters(clusters, cl_path)
    return path


class _WordScores:
    """Each distinct word's share of a sentence's state scores, computed once:
    the weights of its own features and of what the tokens two and one before
    and after it see of it (``Features.token``'s five parts; the tagger
    always adds the target corpus's copies). A sentence's scores are then
    five shifted sums of rows plus its word-pair features, the same sum
    ``Features.sentence`` hands to crfsuite."""

    MAX_WORDS = 1 << 16   # then the cache starts afresh (about 40 MB of rows)

    def __init__(self, weights: crfsuite_file.CrfWeights, features: Features):
        self.ids = weights.attributes
        # one zero row at the end: a part with no known feature sums to it
        self.state = np.vstack([weights.state, np.zeros((1, weights.state.shape[1]))])
        self.none = len(self.state) - 1
        self.features = features
        self.pad = [self.state[[self.ids.get(x, self.none) for x in p]].sum(0) for p in _TARGET_PAD]
        self.clear()

    def clear(self) -> None:
        self.index: dict[str, int] = {}
        self.words: list[str] = []          # a row's "w=" feature, for the word pairs
        self.rows = np.zeros((1024, 1 + len(_OFFSETS), self.state.shape[1]))

    def _add(self, words: list[str]) -> None:
        """Rows for words not seen yet: one gather and one sum for them all."""
        get, none = self.ids.get, self.none
        starts: list[int] = []
        flat: list[int] = []
        for word in words:
            parts = self.features._token(word, True)
            # every part has a string at least (its "w=" one); an unknown one adds the zero row
            for p in parts:
                starts.append(len(flat))
                flat += [get(x, none) for x in p]
            self.index[word] = len(self.words)
            self.words.append(parts[0][1])
        need = len(self.words)
        if need > len(self.rows):
            grown = np.zeros((max(need, 2 * len(self.rows)), *self.rows.shape[1:]))
            grown[:len(self.rows)] = self.rows
            self.rows = grown
        sums = np.add.reduceat(self.state[flat], starts).reshape(len(words), 1 + len(_OFFSETS), -1)
        self.rows[need - len(words):need] = sums

    def sentences(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """The (tokens, labels) state scores of each sentence."""
        new = [w for w in dict.fromkeys(w for s in sentences for w in s) if w not in self.index]
        if len(self.index) + len(new) > self.MAX_WORDS:
            self.clear()
            new = list(dict.fromkeys(w for s in sentences for w in s))
        if new:
            self._add(new)
        return [self._sentence(s) for s in sentences]

    def _sentence(self, tokens: list[str]) -> np.ndarray:
        n_labels = self.state.shape[1]
        if not tokens:
            return np.zeros((0, n_labels))
        idx = [self.index[t] for t in tokens]
        base = self.rows[idx]
        s = base[:, 0].copy()
        p2, p1, n1, n2 = self.pad
        s[2:] += base[:-2, 1]
        s[:2] += p2
        s[1:] += base[:-1, 2]
        s[:1] += p1
        s[:-1] += base[1:, 3]
        s[-1:] += n1
        s[:-2] += base[2:, 4]
        s[-2:] += n2
        ws = [self.words[k] for k in idx]
        get = self.ids.get
        for i, (a, b) in enumerate(zip(ws, ws[1:])):
            k = get(f"-1|0={a}|{b}")
            if k is not None:
                s[i + 1] += self.state[k]
            k = get(f"0|+1={a}|{b}")
            if k is not None:
                s[i] += self.state[k]
        return s


class Tagger:
    def __init__(self, path: Path = DEFAULT_MODEL):
        path = Path(path)
        lex_path, names_path, cl_path, members_path = sidecars(path)
        for p in (path, members_path):
            if not p.exists():
                raise ModelError(f"NER model file {p} is missing; build it with: {TRAIN_HINT}")
        try:
            members = read_members(members_path)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"NER model file {members_path} cannot be read ({exc}); "
                             f"rebuild it with: {TRAIN_HINT}") from None
        files = member_files(path, members)
        for p in (*files, lex_path, names_path, cl_path):
            if not p.exists():
                raise ModelError(f"NER model file {p} is missing; build it with: {TRAIN_HINT}")
        parts = []
        for file in files:
            try:
                parts.append(crfsuite_file.read(file))
            except (OSError, ValueError, UnicodeDecodeError) as exc:
                raise ModelError(f"NER model {file} cannot be read ({exc}); rebuild it with: {TRAIN_HINT}") from None
        weights = crfsuite_file.mix(parts, [m.weight for m in members])
        try:
            features = Features(read_lexicon(lex_path), read_lexicon(names_path),
                                clusters_mod.read_clusters(cl_path))
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"NER model {path} cannot be read ({exc} in its sidecar files); "
                             f"rebuild it with: {TRAIN_HINT}") from None
        self.features = features
        self.path = path
        self.labels = weights.labels
        self._label = {label: k for k, label in enumerate(weights.labels)}
        self._transitions = weights.transitions
        self._words = _WordScores(weights, features)

    def clear_cache(self) -> None:
        """Forget the scores of the words seen so far (the speed bench's cold start)."""
        self._words.clear()

    def tag(self, tokens: list[str]) -> list[str]:
        """One sentence's tags, the sentence alone."""
        return self.tag_many([tokens], consistent=False)[0]

    def tag_scored(self, tokens: list[str]) -> list[tuple[str, float]]:
        """Each token's tag with the model's marginal probability of it."""
        return self.tag_many_scored([tokens], consistent=False)[0]

    def tag_many(self, sentences: list[list[str]], consistent: bool = True) -> list[list[str]]:
        """The sentences of one document (or a run of consecutive ones), in
        order; ``consistent``: a name found once is tagged where it recurs
        (``consistency.py``)."""
        if consistent:
            return [[t for t, _ in s] for s in self.tag_many_scored(sentences)]
        decoded = decoding.decode(self._words.sentences(sentences), self._transitions, marginals=False)
        return [[self.labels[k] for k in path.tolist()] for path, _ in decoded]

    def tag_many_scored(self, sentences: list[list[str]], consistent: bool = True) -> list[list[tuple[str, float]]]:
        decoded = decoding.decode(self._words.sentences(sentences), self._transitions)
        labels = self.labels
        scored = [list(zip([labels[k] for k in path.tolist()], marg[np.arange(len(path)), path].tolist()))
                  for path, marg in decoded]
        if not consistent:
            return scored

        def probability(i: int, start: int, end: int, kind: str) -> float:
            cols = [c for c in (self._label.get(f"B-{kind}"), self._label.get(f"I-{kind}")) if c is not None]
            return float(decoded[i][1][start:end, cols].sum(1).max()) if cols else 0.0

        return consistency.propagate(sentences, scored, probability, name_word=self.features.name_word)


def load_tagger(backend: str = "crf", path: Path | None = None):
    """The CRF ``Tagger`` or the ``StanzaTagger``, from ``path`` or the default in models/."""
    if backend == "stanza":
        from .stanza_backend import DEFAULT_DIR, StanzaTagger

        return StanzaTagger(path or DEFAULT_DIR)
    if backend != "crf":
        raise ValueError(f"unknown NER backend {backend!r}: use crf or stanza")
    return Tagger(path or DEFAULT_MODEL)
