"""The stanza backend: stanza's BiLSTM-CRF NER tagger (``stanza.models.ner_tagger``)
trained here on the same corpora, with word vectors built here, and loaded
offline. Needs the ``stanza`` extra (torch 2.13.0, CPU): ``pip install -e .[stanza]``.

A stanza model is a folder: ``ner.pt`` (the tagger), ``pretrain.pt`` (the word
vectors) and ``resources.json`` (``{}``: stanza then never looks for a
download).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from . import clusters as clusters_mod
from . import consistency
from .model import TRAIN_HINT, ModelError, Sentence

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "ner-stanza"
TRAIN_STANZA_HINT = TRAIN_HINT + " --backend stanza"


def _require_stanza():
    try:
        import stanza  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        raise ModelError("the stanza backend needs stanza and torch: pip install -e '.[stanza]'") from None


def _text(token: str) -> str:
    # the form the vectors were built on; stanza rejects an empty token
    return clusters_mod.key(token) or "_"


def write_json(sentences: list[Sentence], path: Path) -> Path:
    """stanza's NER training format: a list of sentences of {text, ner}."""
    doc = [[{"text": _text(w), "ner": t} for w, t in sent] for sent in sentences if sent]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def build_pretrain(vectors_txt: Path, out: Path) -> Path:
    """Convert word2vec text vectors into stanza's pretrain file."""
    _require_stanza()
    from stanza.models.common.pretrain import Pretrain

    if out.exists():
        out.unlink()
    Pretrain(str(out), str(vectors_txt), max_vocab=-1, save_to_file=True).load()
    return out


def train(train_sents: list[Sentence], dev_sents: list[Sentence], vectors_txt: Path,
          out_dir: Path = DEFAULT_DIR, max_steps: int = 4000, eval_interval: int = 1000,
          batch_size: int = 32, extra_args: list[str] | None = None) -> Path:
    """Train stanza's NER tagger; the best model on the dev sentences is kept."""
    _require_stanza()
    from stanza.models import ner_tagger

    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / "_data"
    work.mkdir(exist_ok=True)
    train_json = write_json(train_sents, work / "train.json")
    dev_json = write_json(dev_sents, work / "dev.json")
    pretrain = build_pretrain(vectors_txt, out_dir / "pretrain.pt")
    args = [
        "--mode", "train", "--shorthand", "fa_local",
        "--train_file", str(train_json), "--eval_file", str(dev_json),
        "--wordvec_pretrain_file", str(pretrain),
        "--save_dir", str(out_dir), "--save_name", "ner.pt",
        "--scheme", "bio", "--max_steps", str(max_steps), "--eval_interval", str(eval_interval),
        "--batch_size", str(batch_size), "--no_lowercase",
        # Adam reaches a usable model in the few thousand steps a CPU allows;
        # stanza's default SGD schedule is made for far longer runs
        "--optim", "adam", "--lr", "0.001",
        *(extra_args or []),
    ]
    ner_tagger.main(args)
    _store_half(out_dir / "ner.pt")
    (out_dir / "resources.json").write_text("{}\n", encoding="utf-8")
    for f in work.iterdir():
        f.unlink()
    work.rmdir()
    return out_dir


def _store_half(path: Path) -> None:
    """Store the tagger's weights as float16: half the size (most of it is the
    fine-tuned word embeddings), the same tags; stanza copies them back into
    float32 parameters when it loads."""
    import torch

    ckpt = torch.load(path, map_location="cpu", weights_only=False)
    ckpt["model"] = {k: (v.half() if v.is_floating_point() else v) for k, v in ckpt["model"].items()}
    torch.save(ckpt, path, _use_new_zipfile_serialization=False)


class StanzaTagger:
    """Tags pre-tokenized sentences with a stanza model folder, offline."""

    def __init__(self, model_dir: Path = DEFAULT_DIR):
        model_dir = Path(model_dir)
        for name in ("ner.pt", "pretrain.pt", "resources.json"):
            if not (model_dir / name).exists():
                raise ModelError(f"stanza NER model file {model_dir / name} is missing; build it with: {TRAIN_STANZA_HINT}")
        _require_stanza()
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

    def tag_many_scored(self, sentences: list[list[str]], consistent: bool = True) -> list[list[tuple[str, float]]]:
        # stanza's tagger gives no marginals: every tag counts as certain
        scored = [[(t, 1.0) for t in tags] for tags in self._tag_sentences(sentences)]
        return consistency.propagate(sentences, scored) if consistent else scored

    def _tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        todo = [[_text(t) for t in s] for s in sentences if s]
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
