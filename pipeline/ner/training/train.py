"""What ``python -m pipeline train ner`` runs: word vectors from the unlabeled
text, then the CRF (with clusters of those vectors; trained again with the
numbers it finds in the corpora that do not annotate them: ``completion.py``;
with ``silver``, also with its own confident tags of the unlabeled text:
``silver.py``) or the stanza tagger (with the vectors themselves)."""
from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..crf_tagger import CrfTagger
from . import clusters, completion, corpora, crf_train, silver
from .corpora import Sentence

DEFAULT_TRAIN = ("peyma-train", "peyma-dev", "nsurl-train", "arman-1", "arman-2", "arman-3",
                 "parstwiner-train", "parstwiner-dev")
# stanza keeps the model that scores best on a held-out set, so PEYMA dev is that set
STANZA_DEV = "peyma-dev"
Log = Callable[[str], None]


@dataclass
class TrainOptions:
    corpora: Path = Path("../shared/corpora")
    train: tuple[str, ...] = DEFAULT_TRAIN
    unlabeled_extra: tuple[Path, ...] = ()    # more JSONL text for the vectors (e.g. ../shared/bench)
    max_iterations: int = 150                 # CRF
    max_steps: int = 4000                     # stanza (about 4 passes over the data)
    vector_dim: int = 100
    min_count: int = 3
    silver: bool = False                      # CRF: retrain with its confident tags of the unlabeled text (silver.py)
    complete: bool = True                     # CRF: retrain with the corpora's unannotated numbers filled in (completion.py)


def corpus_domain(name: str) -> str:
    """The corpus a training part belongs to: ``peyma-train`` and ``peyma-dev``
    are both ``peyma``, whose sentences get the CRF's feature copies
    (``features.TARGET_DOMAIN``)."""
    return name.split("-")[0]


def vectors(opts: TrainOptions, log: Log = print):
    t0 = time.perf_counter()
    sents = list(clusters.unlabeled_sentences(opts.corpora, opts.unlabeled_extra))
    sents += list(clusters.corpus_sentences(opts.corpora, opts.train))
    kv = clusters.train_vectors(sents, dim=opts.vector_dim, min_count=opts.min_count)
    log(f"word vectors: {len(kv.index_to_key):,} words from {sum(map(len, sents)):,} tokens "
        f"in {time.perf_counter() - t0:.0f}s")
    return kv


@dataclass
class _CrfData:
    """What a CRF of ``train_crf`` learns from."""
    sentences: list[Sentence]
    domains: list[str | None]          # each sentence's corpus (``corpus_domain``)
    clusters: dict[str, tuple[int, ...]]
    names: dict[str, set[str]]         # the public name lists
    config: crf_train.TrainConfig


def train_crf(out: Path, opts: TrainOptions, log: Log = print) -> Path:
    """The CRF in up to two stages: the first on the corpora as ``corpora.load``
    gives them; then, with ``opts.complete`` or ``opts.silver``, a second
    one that also learns from the sentences the first one tagged."""
    kv = vectors(opts, log)
    data = _CrfData([], [], clusters.cluster(kv), crf_train.public_name_lists(opts.corpora),
                    crf_train.TrainConfig(max_iterations=opts.max_iterations))
    for name in opts.train:
        part = corpora.load(opts.corpora, [name])
        data.sentences += part
        data.domains += [corpus_domain(name)] * len(part)
    held = completion.held_out(opts.corpora, list(opts.train)) if opts.complete else []
    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / out.name if held else out
        t0 = time.perf_counter()
        _train(data, first, [])
        log(f"CRF ({len(data.config.members)} members) trained on {len(data.sentences):,} sentences "
            f"in {time.perf_counter() - t0:.0f}s" + ("" if held else f" → {out}"))
        if not held and not opts.silver:
            return out
        tagger = CrfTagger(first)
        if held:
            _complete(data, held, tagger, log)
        extra = _silver(opts, tagger, log) if opts.silver else []
        if not held and not extra:
            return out
        t0 = time.perf_counter()
        _train(data, out, extra)
        log(f"CRF retrained with them on {len(data.sentences) + len(extra):,} sentences "
            f"in {time.perf_counter() - t0:.0f}s → {out}")
    return out


def _train(data: _CrfData, path: Path, extra: list[Sentence]) -> None:
    """One CRF on ``data`` and the ``extra`` sentences (of no corpus)."""
    crf_train.train(data.sentences + extra, path, data.clusters, data.names, data.config,
                    data.domains + [None] * len(extra))


def _complete(data: _CrfData, held: list[tuple[str, Sentence]], tagger: CrfTagger, log: Log) -> None:
    """Adds the held-out sentences to ``data`` with ``tagger``'s numbers filled in."""
    t0 = time.perf_counter()
    data.sentences += completion.complete(tagger, [s for _, s in held])
    data.domains += [corpus_domain(name) for name, _ in held]
    log(f"completed: {len(held):,} sentences of corpora that do not annotate numbers, "
        f"with its dates, times, sums and percentages in {time.perf_counter() - t0:.0f}s")


def _silver(opts: TrainOptions, tagger: CrfTagger, log: Log) -> list[Sentence]:
    """The unlabeled text's sentences ``tagger`` tags with confidence."""
    t0 = time.perf_counter()
    candidates = silver.sentences(clusters.unlabeled_paragraphs(opts.corpora, opts.unlabeled_extra))
    extra = silver.select(tagger, candidates)
    log(f"silver data: {len(extra):,} sentences of the unlabeled text tagged with confidence "
        f"in {time.perf_counter() - t0:.0f}s")
    return extra


def train_stanza(out_dir: Path, opts: TrainOptions, log: Log = print) -> Path:
    from . import stanza_train

    kv = vectors(opts, log)
    train = corpora.load(opts.corpora, [n for n in opts.train if n != STANZA_DEV])
    dev = corpora.load(opts.corpora, [STANZA_DEV])
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        vec = clusters.write_vectors(kv, Path(tmp) / "vectors.txt")
        stanza_train.train(train, dev, vec, out_dir, max_steps=opts.max_steps)
    log(f"stanza tagger trained on {len(train):,} sentences in {time.perf_counter() - t0:.0f}s → {out_dir}")
    return out_dir
