"""The files a CRF model is made of, which travel together: ``NAME.crfsuite``
and ``NAME{suffix}.crfsuite`` (the member CRFs, trained on the same features
with different L2 regularisation and mixed by the shares in
``NAME.members.tsv``), ``NAME.lexicon.tsv`` (the lexicon harvested from the
training corpora), ``NAME.names.tsv`` (the public name lists as the model saw
them) and ``NAME.clusters.tsv`` (word clusters). Training writes them, the
tagger reads them: both formats live here.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..wordlists import read_yaml


@dataclass(frozen=True)
class Member:
    """One of the CRFs a model is made of (``crf_members`` in ner.yaml)."""
    suffix: str      # its file: NAME{suffix}.crfsuite
    c2: float        # its L2 regularisation
    weight: float    # its share of the tagger's weights


@dataclass(frozen=True)
class Sidecars:
    """The TSV files beside a model's first CRF file."""
    lexicon: Path
    names: Path
    clusters: Path
    members: Path

    def all(self) -> tuple[Path, Path, Path, Path]:
        return self.lexicon, self.names, self.clusters, self.members


def crf_members() -> tuple[Member, ...]:
    """The members ``train ner`` trains; a trained model keeps its own in NAME.members.tsv."""
    return tuple(Member(str(m["suffix"]), float(m["c2"]), float(m["weight"]))
                 for m in read_yaml(__package__, "ner.yaml")["crf_members"])


def member_files(path: Path, members: tuple[Member, ...]) -> list[Path]:
    """The CRF files of a model whose first member is ``path``."""
    stem = Path(path).with_suffix("")
    return [stem.with_name(f"{stem.name}{m.suffix}.crfsuite") for m in members]


def sidecars(path: Path) -> Sidecars:
    """The lexicon, name-list, cluster and member files that belong to a model file."""
    stem = Path(path).with_suffix("")
    return Sidecars(*(stem.with_name(f"{stem.name}.{part}.tsv") for part in ("lexicon", "names", "clusters", "members")))


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


def write_clusters(table: dict[str, tuple], path: Path) -> Path:
    """word<TAB>its cluster ids, coarse to fine (``training/clusters.py``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("# word\tk-means cluster ids of its word2vec vector, coarse to fine\n")
        for w, ids in table.items():
            fh.write(w + "\t" + "\t".join(map(str, ids)) + "\n")
    return path


def read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            word, *ids = line.rstrip("\n").split("\t")
            table[word] = tuple(ids)
    return table
