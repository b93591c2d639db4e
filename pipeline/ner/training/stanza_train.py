"""Training the stanza backend: stanza's BiLSTM-CRF NER tagger
(``stanza.models.ner_tagger``) on the same corpora, with word vectors built
here; the tagger that loads the result is ``stanza_tagger.py``. Needs the
``stanza`` extra (torch 2.13.0, CPU): ``pip install -e .[stanza]``.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..stanza_tagger import DEFAULT_DIR, require_stanza, token_text
from .corpora import Sentence


def write_json(sentences: list[Sentence], path: Path) -> Path:
    """stanza's NER training format: a list of sentences of {text, ner}."""
    doc = [[{"text": token_text(w), "ner": t} for w, t in sent] for sent in sentences if sent]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def build_pretrain(vectors_txt: Path, out: Path) -> Path:
    """Convert word2vec text vectors into stanza's pretrain file."""
    require_stanza()
    from stanza.models.common.pretrain import Pretrain

    if out.exists():
        out.unlink()
    Pretrain(str(out), str(vectors_txt), max_vocab=-1, save_to_file=True).load()
    return out


def train(train_sents: list[Sentence], dev_sents: list[Sentence], vectors_txt: Path,
          out_dir: Path = DEFAULT_DIR, max_steps: int = 4000, eval_interval: int = 1000,
          batch_size: int = 32, extra_args: list[str] | None = None) -> Path:
    """Train stanza's NER tagger; the best model on the dev sentences is kept."""
    require_stanza()
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
