"""A CRF model as the tagger reads it, kept in the compiled-resource cache
(:mod:`pipeline.resources`): parsing and mixing the crfsuite files and reading
the sidecar word lists took most of a second per process; the stored form
loads in milliseconds.

One folder per model, named by the hash of all its files (the member CRFs,
``NAME.members.tsv`` and the sidecars), so a retrained model is parsed afresh:

- ``state.npy``, ``transitions.npy``: the mixed weights, the state matrix
  memory-mapped when read;
- ``labels.txt``, ``attributes.txt``: the label and attribute strings in row
  order, NUL-separated (crfsuite's string tables end each string with a NUL,
  so none holds one); the attribute → row table is made from it on reading;
- ``features.pickle``: the sidecars' lexicon, name lists and clusters.

Each file is written whole or not at all (``write_atomic``), and all writers
of a folder write the same bytes (its name is their hash): a file that is
there is complete, a part missing is parsed and written again.

Anything that cannot be hashed, read or written falls back to parsing the
model files, which also reports what is wrong with them.
"""
from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from ..resources import active, write_atomic
from .crfsuite_file import CrfWeights
from .model_files import member_files, read_members, sidecars

FeatureTables = tuple[dict, dict, dict]   # lexicon, names, clusters: ``Features``' arguments
_SEP = "\0"
_WEIGHT_FILES = ("labels.txt", "attributes.txt", "state.npy", "transitions.npy")


def weights(path: Path, parse: Callable[[Path], CrfWeights]) -> CrfWeights:
    """The mixed weights of the model ``path``: stored, or parsed and stored."""
    folder = _folder(path)
    if folder is not None and all((folder / name).exists() for name in _WEIGHT_FILES):
        try:
            return _read_weights(folder)
        except (OSError, ValueError, UnicodeDecodeError):
            pass
    parsed = parse(path)
    if folder is not None:
        _write(folder, _weight_files(parsed))
    return parsed


def feature_tables(path: Path, parse: Callable[[Path], FeatureTables]) -> FeatureTables:
    """The sidecar tables of the model ``path``: stored, or read and stored."""
    folder = _folder(path)
    if folder is not None and (folder / "features.pickle").exists():
        try:
            with (folder / "features.pickle").open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            pass
    tables = parse(path)
    if folder is not None:
        _write(folder, {"features.pickle": pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)})
    return tables


def model_files(path: Path) -> list[Path]:
    """Every file a CRF model is made of."""
    side = sidecars(path)
    return [*member_files(path, read_members(side.members)), *side.all()]


def _folder(path: Path) -> Path | None:
    """The model's folder in the active cache; None when its files cannot be
    read (the parser then says why) or there is no cache directory."""
    try:
        files = model_files(Path(path))
        digest = _digest(tuple(str(f) for f in files), tuple(_stamp(f) for f in files))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return active().entry_dir(f"ner-{digest}")


def _stamp(file: Path) -> tuple[int, int]:
    st = file.stat()
    return st.st_size, st.st_mtime_ns


@lru_cache(maxsize=8)
def _digest(files: tuple[str, ...], stamps: tuple[tuple[int, int], ...]) -> str:
    """The hash of a model's files (22 MB: hashed once per process, again
    only when a file's size or time changes)."""
    digest = hashlib.sha256()
    for f in files:
        with open(f, "rb") as fh:
            digest.update(hashlib.file_digest(fh, "sha256").digest())
    return digest.hexdigest()[:24]


def _read_weights(folder: Path) -> CrfWeights:
    labels = (folder / "labels.txt").read_text(encoding="utf-8").split(_SEP)
    names = (folder / "attributes.txt").read_text(encoding="utf-8").split(_SEP)
    state = np.load(folder / "state.npy", mmap_mode="r")
    transitions = np.load(folder / "transitions.npy")
    if state.shape != (len(names), len(labels)) or transitions.shape != (len(labels), len(labels)):
        raise ValueError("stored weights do not match their string tables")
    return CrfWeights(labels, dict(zip(names, range(len(names)))), state, transitions)


def _weight_files(w: CrfWeights) -> dict[str, bytes]:
    return {"labels.txt": _SEP.join(w.labels).encode("utf-8"),
            "attributes.txt": _SEP.join(_by_row(w.attributes)).encode("utf-8"),
            "state.npy": _npy(np.ascontiguousarray(w.state)),
            "transitions.npy": _npy(np.ascontiguousarray(w.transitions))}


def _by_row(ids: dict[str, int]) -> list[str]:
    names = [""] * len(ids)
    for name, row in ids.items():
        names[row] = name
    return names


def _npy(array: np.ndarray) -> bytes:
    import io

    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _write(folder: Path, files: dict[str, bytes]) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            write_atomic(folder / name, data)
    except OSError:
        pass  # a read-only or full cache: the model stays in memory only
