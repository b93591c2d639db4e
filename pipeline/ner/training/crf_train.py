"""Training the CRF (python-crfsuite): the features are ``features.py``'s, the
files it writes are ``model_files.py``'s; ``crf_tagger.py`` reads them.
Besides the corpora, the CRF learns from two kinds of word list made here:
the public name lists of ``../shared/corpora/fa_person_names``
(``public_name_lists``) and a lexicon harvested from the training corpora's
own entity spans (``harvest``).
"""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite

from ...wordlists import lookup_key
from ..features import TARGET_DOMAIN, Features, project_lists
from ..model_files import Member, crf_members, member_files, sidecars, write_clusters, write_lexicon, write_members
from .corpora import Sentence

# the one-name-a-line files of fa_person_names
_FIRST_NAME_FILES = ("farsi_faker_male_first.txt", "farsi_faker_female_first.txt", "parsi_io_FNAME.txt")
_LAST_NAME_FILES = ("farsi_faker_last.txt", "parsi_io_LNAME.txt")


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
    for fn in _FIRST_NAME_FILES:
        for line in _entries(base / fn):
            add(first, line)
    for line in (base / "persian-gender-by-name.csv").read_text(encoding="utf-8").splitlines()[1:]:
        add(first, line.split(",")[0])
    for fn in _LAST_NAME_FILES:
        for line in _entries(base / fn):
            add(last, line)
    for line in (base / "parsface_info.txt").read_text(encoding="utf-8").splitlines():
        words = line.split(",,,")[0].split()
        if len(words) >= 2:
            add(first, words[0])
            add(last, words[-1])
    return {"fname": first, "lname": last}


def _entries(path: Path) -> list[str]:
    """The lines of a one-name-a-line file, comments and blank lines left out."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


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
    hon_head = project_lists()["hon"] | project_lists()["head"]
    return {kind: {w for w, n in c.items() if n >= min_count and n / seen[w] >= min_share and w not in hon_head}
            for kind, c in inside.items()}


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
    files = sidecars(path)
    write_members(cfg.members, files.members)
    write_lexicon(harvest(sentences), files.lexicon, "entity types the word is mostly inside in the training corpora")
    write_lexicon(names, files.names, "public name lists the word is in (fa_person_names)")
    write_clusters(clusters, files.clusters)
    return path
