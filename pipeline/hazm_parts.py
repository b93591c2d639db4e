"""The three modules of hazm the pipeline uses, without the rest of hazm.

``import hazm`` (0.10) runs a package ``__init__`` that imports every hazm
module, and through ``hazm.sequence_tagger``, ``hazm.pos_tagger`` and
``hazm.embedding`` all of nltk, scikit-learn, scipy, pandas and gensim: about
1.5 s and 200 MB (``bench/cli_latency.py``) before a word is read. The
pipeline uses ``hazm.utils`` (the lexicon and the verb list),
``hazm.word_tokenizer`` and ``hazm.sentence_tokenizer``; of nltk they need
``nltk.tokenize.api`` alone.

Python runs a package's ``__init__`` before any of its modules, so these are
imported while 'hazm', 'nltk' and 'nltk.tokenize' stand in ``sys.modules``
as bare packages (found, their ``__init__`` not run), the bare 'hazm' holding
the names the tokenizers import from it (``hazm.utils``'s). Then every
'hazm*' and 'nltk*' entry added is taken out again: the modules stay with the
pipeline, and a later ``import hazm`` elsewhere runs in full as usual (with
its own copies). When hazm is already imported in full, or its layout is not
the one this expects, the full import is used.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

_PACKAGES = ("hazm", "nltk")
_BARE = ("nltk", "nltk.tokenize", "hazm")   # parents first


@dataclass(frozen=True)
class HazmParts:
    utils: ModuleType
    word_tokenizer: ModuleType
    sentence_tokenizer: ModuleType

    def data_file(self, name: str) -> Path:
        """One of hazm's data files (``words.dat``, ``verbs.dat``)."""
        return Path(self.utils.data_path) / name


@lru_cache(maxsize=1)
def parts() -> HazmParts:
    """hazm's utils and tokenizer modules, imported once per process."""
    if "hazm" not in sys.modules:
        try:
            return _import_alone()
        except (ImportError, AttributeError):  # another hazm layout: take the whole package
            pass
    import hazm.sentence_tokenizer
    import hazm.utils
    import hazm.word_tokenizer

    return HazmParts(hazm.utils, hazm.word_tokenizer, hazm.sentence_tokenizer)


def _import_alone() -> HazmParts:
    before = set(sys.modules)
    try:
        for name in _BARE:
            if name not in sys.modules:
                _bare_package(name)
        utils = importlib.import_module("hazm.utils")
        # what the tokenizer modules import from the package itself
        sys.modules["hazm"].__dict__.update({k: v for k, v in vars(utils).items() if not k.startswith("_")})
        return HazmParts(utils, importlib.import_module("hazm.word_tokenizer"),
                         importlib.import_module("hazm.sentence_tokenizer"))
    finally:
        for name in set(sys.modules) - before:
            if name.partition(".")[0] in _PACKAGES:
                del sys.modules[name]


def _bare_package(name: str) -> ModuleType:
    """A package found and put in sys.modules without running its ``__init__``."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"no package {name}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    return module
