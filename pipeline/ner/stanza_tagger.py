"""The stanza backend at run time: stanza's BiLSTM-CRF NER tagger
(``stanza.models.ner_tagger``), trained here (``training/stanza_train.py``)
and loaded offline. Needs the ``stanza`` extra (torch 2.13.0, CPU):
``pip install -e .[stanza]``.

A stanza model is a folder: ``ner.pt`` (the tagger), ``pretrain.pt`` (the word
vectors) and ``resources.json`` (``{}``: stanza then never looks for a
download).
"""
from __future__ import annotations

import logging
from pathlib import Path

from . import consistency
from .features import cluster_key
from .tagger import TRAIN_HINT, ModelError, Scored

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "ner-stanza"
TRAIN_STANZA_HINT = TRAIN_HINT + " --backend stanza"
MODEL_FILES = ("ner.pt", "pretrain.pt", "resources.json")


def require_stanza() -> None:
    try:
        import stanza  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        raise ModelError("the stanza backend needs stanza and torch: pip install -e '.[stanza]'") from None


def token_text(token: str) -> str:
    """The form of a token the tagger sees: the form its word vectors were
    built on; stanza rejects an empty token."""
    return cluster_key(token) or "_"


class StanzaTagger:
    """A ``Tagger`` (``tagger.py``) over a stanza model folder, offline."""

    def __init__(self, model_dir: Path = DEFAULT_DIR):
        model_dir = Path(model_dir)
        for name in MODEL_FILES:
            if not (model_dir / name).exists():
                raise ModelError(f"stanza NER model file {model_dir / name} is missing; build it with: {TRAIN_STANZA_HINT}")
        require_stanza()
        import stanza

        logging.getLogger("stanza").setLevel(logging.WARNING)
        try:
            self._nlp = stanza.Pipeline(
                lang="fa", dir=str(model_dir), processors="tokenize,ner", download_method=None,
                allow_unknown_language=True, tokenize_pretokenized=True,
                ner_model_path=str(model_dir / "ner.pt"), ner_pretrain_path=str(model_dir / "pretrain.pt"),
                use_gpu=False, logging_level="WARN",
            )
        except Exception as exc:  # noqa: BLE001 - stanza raises many kinds on a bad file
            raise ModelError(f"stanza NER model in {model_dir} cannot be loaded ({type(exc).__name__}: {exc}); "
                             f"rebuild it with: {TRAIN_STANZA_HINT}") from None
        self.path = model_dir

    def tag_many(self, sentences: list[list[str]], consistent: bool = True) -> list[list[str]]:
        """The sentences of one document, in order (see ``Tagger.tag_many``)."""
        return [[t for t, _ in s] for s in self.tag_many_scored(sentences, consistent)]

    def tag(self, tokens: list[str]) -> list[str]:
        return self._tag_sentences([tokens])[0]

    def tag_many_scored(self, sentences: list[list[str]], consistent: bool = True) -> list[Scored]:
        # stanza's tagger gives no marginals: every tag counts as certain
        scored = [[(t, 1.0) for t in tags] for tags in self._tag_sentences(sentences)]
        return consistency.propagate(sentences, scored) if consistent else scored

    def tag_docs_scored(self, docs: list[list[list[str]]], consistent: bool = True) -> list[list[Scored]]:
        return [self.tag_many_scored(d, consistent) for d in docs]

    def _tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        todo = [[token_text(t) for t in s] for s in sentences if s]
        out: list[list[str]] = []
        if todo:
            doc = self._nlp(todo)
            tagged = iter([_to_iob2([tok.ner for tok in sent.tokens]) for sent in doc.sentences])
        for s in sentences:
            out.append(next(tagged) if s else [])
        return out


def _to_iob2(tags: list[str]) -> list[str]:
    """stanza's BIOES (S-, E-) back to IOB2."""
    out = []
    for t in tags:
        if t.startswith("S-"):
            t = "B-" + t[2:]
        elif t.startswith("E-"):
            t = "I-" + t[2:]
        out.append(t)
    return out
