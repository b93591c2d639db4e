"""Word clusters learned from unlabeled Persian text, as NER features.

Word2vec vectors (gensim, which hazm already depends on) are trained on the
unlabeled text beside the project and on the token columns of the training
corpora, then k-means groups the words at three granularities: a coarse id
generalizes (all given names), a fine one separates (cities from provinces),
much like the prefixes of a Brown-cluster path. The result is a small TSV,
``word<TAB>c_coarse<TAB>c_mid<TAB>c_fine`` (``model_files.write_clusters``),
read by the CRF's features; a word is looked up by ``features.cluster_key``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import regex

from ..features import cluster_key
from . import corpora

LEVELS = (64, 256, 1024)

_TOKEN = regex.compile(r"[\p{L}\p{M}\u200c]+|\d+|[^\s\p{L}\p{M}\d]")
# unlabeled JSONL files and the fields that hold running text
UNLABELED = {
    "fa_unlabeled_text/varzesh3_sports_news.jsonl": ("title", "abstract", "text"),
    "fa_unlabeled_text/namnak_health_magazine.jsonl": ("title", "text"),
    "fa_unlabeled_text/hamshahri_rss.jsonl": ("title", "text"),
    "fa_unlabeled_text/radiofarda_rss.jsonl": ("title", "text"),
    "fa_unlabeled_text/fawiki_science_paragraphs.jsonl": ("text",),
}


def unlabeled_paragraphs(corpora_dir: Path, extra_jsonl: Iterable[Path] = ()) -> Iterator[list[str]]:
    """The tokens of each line of unlabeled text, as written."""
    files = [(corpora_dir / rel, fields) for rel, fields in UNLABELED.items()]
    files += [(Path(p), ("title", "text")) for p in extra_jsonl]
    for path, fields in files:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                for field in fields:
                    for para in str(rec.get(field) or "").split("\n"):
                        toks = tokenize(para)
                        if len(toks) > 2:
                            yield toks


def tokenize(text: str) -> list[str]:
    """Words (letters, marks and ZWNJ), numbers and single other characters."""
    return _TOKEN.findall(text)


def unlabeled_sentences(corpora_dir: Path, extra_jsonl: Iterable[Path] = ()) -> Iterator[list[str]]:
    """Token lists (cluster keys) of each line of unlabeled text."""
    for toks in unlabeled_paragraphs(corpora_dir, extra_jsonl):
        yield [cluster_key(t) for t in toks]


def train_vectors(sentences: list[list[str]], dim: int = 100, min_count: int = 3, seed: int = 1,
                  workers: int = 1):
    """Skip-gram word2vec vectors (gensim KeyedVectors) over the sentences.
    One worker: threads finish gensim's jobs in an arbitrary order, so two
    workers give other vectors, clusters and scores on every run (PEYMA test
    PER moved by 0.011 between two runs of ``train ner``)."""
    from gensim.models import Word2Vec

    w2v = Word2Vec(sentences, vector_size=dim, window=5, min_count=min_count, sg=1, negative=5,
                   epochs=5, workers=workers, seed=seed)
    return w2v.wv


def write_vectors(kv, path: Path) -> Path:
    """word2vec text format (what stanza's Pretrain reads)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    kv.save_word2vec_format(str(path), binary=False)
    return path


def cluster(kv, levels: tuple[int, ...] = LEVELS, seed: int = 1) -> dict[str, tuple[int, ...]]:
    """word -> k-means cluster id at each level, on length-normalized vectors."""
    import numpy as np
    from sklearn.cluster import MiniBatchKMeans

    words = list(kv.index_to_key)
    vecs = kv.vectors / np.maximum(np.linalg.norm(kv.vectors, axis=1, keepdims=True), 1e-9)
    ids = []
    for k in levels:
        km = MiniBatchKMeans(n_clusters=min(k, len(words)), random_state=seed, batch_size=4096, n_init=3)
        ids.append(km.fit_predict(vecs))
    return {w: tuple(int(col[i]) for col in ids) for i, w in enumerate(words)}


def corpus_sentences(corpora_dir: Path, names: Iterable[str]) -> Iterator[list[str]]:
    for sent in corpora.load(corpora_dir, list(names)):
        yield [cluster_key(w) for w, _ in sent]
