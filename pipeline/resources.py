"""The compiled-resource cache: what the pipeline derives from its word
lists, YAML rules, hazm's lexicon and NER model files, kept on disk so a new
process reads it back in milliseconds instead of deriving it again (issue 24:
that was most of a one-document ``extract``'s seconds).

A :class:`ResourceCache` hands out each named resource once per process (its
memo), reading it from its directory when an entry is there and building it
(then writing the entry) when not. A pipeline owns one (``Pipeline.resources``,
by default the process's :func:`default_cache`) and makes it the active one
while it builds and runs its components; the loaders of the components
(``@cached(name)``) ask the active cache.

Entries live in ``DIR/<sources key>/``. The sources key is the hash of every
code and data file of this package (``*.py``, ``*.yaml``, ``*.tsv``), of the
word-list files a cache was told to read instead of the package's own
(``overrides``), of hazm's lexicon and verb list, and of the Python, regex and
PyYAML versions: any change to a word list, a rule or the code that derives
from them makes a new key, so the cache is built afresh; the few most recently
used keys are kept (several installations may share one directory). An NER
model's entry is keyed further by the hash of its files.

DIR is ``$PERSIAN_IE_CACHE`` when set (``off``: no disk cache), else
``$XDG_CACHE_HOME/persian-ie`` or ``~/.cache/persian-ie``. A directory that
cannot be created or written (a read-only install, a read-only home) is no
error: the resources are built in memory, as without a cache. Entries are
pickles: the directory must be the user's own, as for any cache.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import resources as package_files
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, TypeVar

ENV = "PERSIAN_IE_CACHE"
FORMAT = 1        # the layout of the entries; a new one makes new keys
KEEP_KEYS = 4     # source keys kept in one directory (other worktrees, other versions)
_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = (".py", ".yaml", ".tsv")
T = TypeVar("T")


def default_directory() -> Path | None:
    """Where the cache lives unless told otherwise; None when ``$PERSIAN_IE_CACHE`` is ``off``."""
    value = os.environ.get(ENV, "")
    if value.lower() == "off":
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return Path(base or Path.home() / ".cache") / "persian-ie"


class ResourceCache:
    """Named resources, each built once and kept: in this process, and in
    ``directory`` (None: in memory only) under the key of their sources.
    ``overrides`` maps ``"package/file"`` (``"pipeline.wordlists/given_names.tsv"``)
    to a file read in its place. ``built`` names what this process built
    rather than read back (the tests' and the bench's view of a miss)."""

    def __init__(self, directory: Path | str | None = None, overrides: Mapping[str, Path | str] | None = None):
        self.directory = Path(directory) if directory is not None else None
        self.overrides = {k: Path(v) for k, v in (overrides or {}).items()}
        self.built: list[str] = []
        self._memo: dict[tuple[str, tuple], Any] = {}
        self._key: str | None = None
        self._writable = True

    def __repr__(self) -> str:
        return f"ResourceCache({str(self.directory) if self.directory else None!r})"

    # ------------------------------------------------------------ sources

    def source(self, package: str, name: str):
        """A data file of ``package``: the override when there is one."""
        override = self.overrides.get(f"{package}/{name}")
        return override if override is not None else package_files.files(package).joinpath(name)

    @property
    def key(self) -> str:
        """The hash of everything the cached resources derive from."""
        if self._key is None:
            digest = hashlib.sha256(f"{FORMAT} {sys.version} {_versions()}".encode())
            for name, path in _source_files(self.overrides):
                digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
            self._key = digest.hexdigest()[:24]
        return self._key

    # ------------------------------------------------------------ entries

    def get(self, name: str, build: Callable[..., T], args: tuple = ()) -> T:
        """The resource ``name`` (with ``args``, the loader's arguments): from
        this process's memo, else from the directory, else built (and written)."""
        memo = (name, args)
        try:
            return self._memo[memo]
        except KeyError:
            pass
        entry = self._entry_path(name, args)
        value = _read_entry(entry)
        if value is _MISSING:
            value = build(*args)
            self.built.append(name)
            self._write_entry(entry, value)
        elif not self._memo:
            _touch(entry.parent)  # recently used: pruned last
        self._memo[memo] = value
        return value

    def entry_dir(self, name: str) -> Path | None:
        """A folder of its own for a resource stored as several files (the
        NER weights); None when there is no usable directory."""
        if self.directory is None or not self._writable and not (self.directory / self.key / name).is_dir():
            return None
        return self.directory / self.key / name

    def _entry_path(self, name: str, args: tuple) -> Path | None:
        if self.directory is None:
            return None
        suffix = "".join(f"-{a}" for a in args)
        return self.directory / self.key / f"{name}{suffix}.pickle".replace("/", "~")

    def _write_entry(self, path: Path | None, value: Any) -> None:
        if path is None or not self._writable:
            return
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return  # kept in memory only
        try:
            fresh = not path.parent.is_dir()
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
            if fresh:
                prune(path.parent.parent, keep=KEEP_KEYS)
        except OSError:
            self._writable = False  # read-only or full: go on in memory

    # ------------------------------------------------------------ activation

    @contextmanager
    def active(self) -> Iterator[ResourceCache]:
        """Make this the cache the loaders ask while the block runs."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)


_MISSING = object()
_ACTIVE: ContextVar[ResourceCache] = ContextVar("pipeline_resources")


@functools.lru_cache(maxsize=1)
def default_cache() -> ResourceCache:
    """The process's cache, in :func:`default_directory` (made on first use)."""
    return ResourceCache(default_directory())


def active() -> ResourceCache:
    """The cache of the pipeline that is building or running, else the process's."""
    cache = _ACTIVE.get(None)
    return cache if cache is not None else default_cache()


def cached(name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator for a loader of a named resource: its result comes from the
    active cache. Patterns of the ``regex`` module are stored compiled (their
    pickle holds the compiled code: read back in microseconds, where
    compiling the rules took a third of a second); a value that cannot be
    pickled (a lambda inside) is kept in memory only."""
    def wrap(build: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(build)
        def load(*args):
            return active().get(name, build, args)

        load.build = build  # the loader itself, uncached
        return load
    return wrap


# ------------------------------------------------------------------ files

def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never a part."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prune(directory: Path, keep: int) -> None:
    """Remove all but the ``keep`` most recently used key folders of a cache directory."""
    import shutil

    folders = sorted((p for p in directory.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def _touch(folder: Path) -> None:
    try:
        os.utime(folder)
    except OSError:
        pass


def _read_entry(path: Path | None) -> Any:
    if path is None:
        return _MISSING
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        return _MISSING
    except Exception:  # a damaged or foreign entry is rebuilt, never trusted  # noqa: BLE001
        return _MISSING


def _versions() -> str:
    import regex  # its compiled code is stored; PyYAML's version is in its __init__.py, hashed below

    return f"regex {regex.__version__}"


def _source_files(overrides: Mapping[str, Path]) -> list[tuple[str, Path]]:
    """(name, file) of everything the cached resources derive from, in a fixed order."""
    files = sorted((str(p.relative_to(_PACKAGE)), p) for p in _PACKAGE.rglob("*")
                   if p.suffix in _SUFFIXES and p.is_file() and "__pycache__" not in p.parts)
    files += sorted((f"override:{k}", v) for k, v in overrides.items())
    for package, names in (("hazm", ("utils.py", "data/words.dat", "data/verbs.dat")), ("yaml", ("__init__.py",))):
        spec = importlib.util.find_spec(package)  # finds, does not import
        if spec is not None and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations)))
            files += [(f"{package}:{n}", folder / n) for n in names]
    return files
