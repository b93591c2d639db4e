"""The weights of a CRF that python-crfsuite trained, read from its model file.

crfsuite's own tagger is handed every feature string of every token, one
sentence at a time, and scores them one by one. A document repeats its words,
so the tagger (``crf_tagger.CrfTagger``) scores each distinct word once from these
weights and decodes many sentences at once (``decoding.py``); the tags and
marginals are crfsuite's (``tests/test_ner_model.py`` compares them).

The file (crfsuite's "lCRF" format, little-endian): a header of twelve 32-bit
fields (magic, size, type "FOMC", version, #features, #labels, #attributes
and the offsets of the feature block, the label and attribute string tables
and two reference tables); a feature block "FEAT" (size, count, then per
feature: type, source, destination as 32-bit integers and the weight as a
double; type 0 = attribute → label, type 1 = label → label); and each string
table a "CQDB" chunk whose backward array maps an id to its record (id,
length with the final NUL, the UTF-8 bytes).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB = struct.Struct("<4sIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


@dataclass(frozen=True)
class CrfWeights:
    labels: list[str]
    attributes: dict[str, int]     # feature string -> row of ``state``
    state: np.ndarray              # (attributes, labels): the weight of an attribute for a label
    transitions: np.ndarray        # (labels, labels): previous label -> label


def read(path: Path) -> CrfWeights:
    """The weights of a crfsuite model file; ``ValueError`` when it is not one."""
    data = Path(path).read_bytes()
    try:
        (magic, _size, kind, _version, _n_feat, n_labels, n_attrs, off_feat, off_labels, off_attrs,
         _off_lrefs, _off_arefs) = _HEADER.unpack_from(data, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError("not a crfsuite CRF model file")
        labels = _strings(data, off_labels, n_labels)
        attrs = _strings(data, off_attrs, n_attrs)
        chunk, _chunk_size, count = struct.unpack_from("<4sII", data, off_feat)
        if chunk != b"FEAT":
            raise ValueError("no feature block where the header puts it")
        feats = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_feat + 12)
    except struct.error as exc:
        raise ValueError(f"truncated crfsuite model file ({exc})") from None
    if (feats["dst"] >= n_labels).any():
        raise ValueError("a feature points past the label table")
    state = np.zeros((n_attrs, n_labels))
    transitions = np.zeros((n_labels, n_labels))
    for kind, target, n_src in ((0, state, n_attrs), (1, transitions, n_labels)):
        part = feats[feats["type"] == kind]
        if (part["src"] >= n_src).any():
            raise ValueError("a feature points past its string table")
        target[part["src"], part["dst"]] = part["weight"]
    return CrfWeights(labels, {a: i for i, a in enumerate(attrs)}, state, transitions)


def _strings(data: bytes, offset: int, n: int) -> list[str]:
    """The id-ordered strings of a CQDB chunk."""
    magic, _size, _flag, _order, n_bwd, off_bwd = _CQDB.unpack_from(data, offset)
    if magic != b"CQDB" or n_bwd != n:
        raise ValueError("a string table is not where the header puts it")
    out: list[str] = [""] * n
    for pos in struct.unpack_from(f"<{n}I", data, offset + off_bwd):
        if not pos:
            raise ValueError("a string table has a hole")
        ident, length = struct.unpack_from("<II", data, offset + pos)
        if ident >= n or length < 1:
            raise ValueError("a string table record is out of range")
        start = offset + pos + 8
        out[ident] = data[start:start + length - 1].decode("utf-8")
    return out


def mix(parts: list[CrfWeights], shares: list[float]) -> CrfWeights:
    """One CRF whose weights are the members' weights times their shares,
    summed: the product of the members' distributions, each raised to its
    share (a CRF is log-linear), tagged at the cost of one model. Members
    trained on the same features share most attribute strings."""
    if len(parts) == 1 and shares[0] == 1.0:
        return parts[0]
    labels = list(dict.fromkeys(label for part in parts for label in part.labels))
    attributes: dict[str, int] = {}
    for part in parts:
        for a in part.attributes:
            attributes.setdefault(a, len(attributes))
    state = np.zeros((len(attributes), len(labels)))
    transitions = np.zeros((len(labels), len(labels)))
    for part, share in zip(parts, shares):
        cols = np.array([labels.index(label) for label in part.labels])
        rows = np.fromiter((attributes[a] for a in part.attributes), dtype=np.intp, count=len(part.attributes))
        order = np.fromiter(part.attributes.values(), dtype=np.intp, count=len(part.attributes))
        state[np.ix_(rows, cols)] += share * part.state[order]
        transitions[np.ix_(cols, cols)] += share * part.transitions
    return CrfWeights(labels, attributes, state, transitions)
