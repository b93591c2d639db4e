"""Where the ``ner`` stage's time goes, over real news, in one process.

    python bench/ner_profile.py [--jsonl PATH] [--docs N] [--repeat 3] [--chunk 32] [--tree DIR]

Runs the default pipeline (with the ``ner`` stage) over the bench corpus
(../shared/bench/fars_news.jsonl) as a batch does (chunks of ``--chunk``
documents; the ner stage takes a whole chunk in one call), timing each stage, and inside the ``ner``
stage the parts of the CRF tagger by wrapping them with a clock:
- new words: ``WordScores._add`` (the feature ids and summed rows of each
  word not seen before; before issue 23's second round the tagger called
  ``Features.token_parts`` for a word's feature strings, and that is timed
  too when an older checkout calls it);
- scoring: the rest of ``WordScores.sentences`` (each sentence's shifted
  sums of rows and its word pairs);
- decoding: ``decoding.decode`` (Viterbi and marginals);
- consistency: ``consistency.propagate`` (the document pass);
- the rest of the stage: sentences, probabilities of tags, entities;
- the merge: ``people.names.with_model_names`` (inside the people stage).
The collector runs as in a batch (``batch.GC_THRESHOLDS``; with Python's
default thresholds the stages took 10-15 % longer). The people stage is
also timed in the rules-only pipeline over the same documents: its
difference says what the model's entities cost it.
Each repeat starts with an empty cache of word scores, as a fresh worker
does; the medians are printed. The clock wrappers cost a little themselves,
so read the parts as shares and compare runs of the same script. Times are
CPU seconds of this process (``time.process_time``): on a shared machine they
drift less than the wall clock.
"""
from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "bench" / "fars_news.jsonl"
# --tree DIR: profile the pipeline of another checkout (an older commit's, for a before/after)
TREE = Path(sys.argv[sys.argv.index("--tree") + 1]) if "--tree" in sys.argv[:-1] else ROOT
sys.path.insert(0, str(TREE))

from pipeline import api, batch  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.ner import consistency, crf_tagger, decoding, features  # noqa: E402
from pipeline.people import names  # noqa: E402
from pipeline.people.lexicon import noun_words  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)

# (label, owner, attribute): the wrapped parts of the ner stage
PARTS = (
    ("features", features.Features, "token_parts"),
    ("new words", crf_tagger.WordScores, "_add"),
    ("scoring (with features)", crf_tagger.WordScores, "sentences"),
    ("decoding", decoding, "decode"),
    ("consistency", consistency, "propagate"),
    ("merge (with_model_names)", names, "with_model_names"),
)


def _clocked(label: str, fn):
    def run(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[label] += time.process_time() - t0
    return run


def _wrap() -> None:
    for label, owner, attr in PARTS:
        if hasattr(owner, attr):   # an older checkout may lack a part
            setattr(owner, attr, _clocked(label, getattr(owner, attr)))


def _run(nlp, texts: list[str], prefix: str, chunk: int) -> None:
    """As a batch runs them: chunks of ``chunk`` documents, a stage that
    ``batches`` (ner) over the whole chunk in one call, the others per document."""
    for c in range(0, len(texts), chunk):
        docs = [Document(text=t, doc_id=str(c + k)) for k, t in enumerate(texts[c:c + chunk])]
        for component in nlp.components:
            t0 = time.process_time()
            if getattr(component, "batches", False):
                component.run_many(docs)
            else:
                for doc in docs:
                    component.run(doc)
            SPENT[f"{prefix}{component.name}"] += time.process_time() - t0


def _clear(nlp) -> None:
    tagger = nlp.get("ner").tagger
    tagger.clear_cache()
    tagger.features.token.cache_clear()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jsonl", type=Path, default=DEFAULT)
    ap.add_argument("--docs", type=int, default=0, help="only the first N documents (default: all)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tree", type=Path, help="the checkout whose pipeline is profiled (default: this one)")
    ap.add_argument("--chunk", type=int, default=32, help="documents a batch hands the ner stage at once "
                    "(1: a document at a time, as before issue 23)")
    args = ap.parse_args(argv)
    lines = args.jsonl.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(x)["text"] for x in lines[: args.docs or None]]
    with_ner, rules = api.build(api.config(ner=True)), api.build(api.config(ner=False))
    for nlp in (with_ner, rules):      # load word lists and rules before the clock, as a batch does
        for component in nlp.components:
            getattr(component, "load", lambda: None)()
        noun_words()                   # read on first need before stages had load() (issue 23)
        _run(nlp, texts[:3], "warm ", args.chunk)
    _wrap()
    gc.set_threshold(*getattr(batch, "GC_THRESHOLDS", gc.get_threshold()))
    runs = []
    for _ in range(args.repeat):
        SPENT.clear()
        _clear(with_ner)
        _run(with_ner, texts, "stage ", args.chunk)
        _run(rules, texts, "rules-only stage ", args.chunk)
        runs.append(dict(SPENT))
    med = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in runs[0]}
    print(f"pipeline of {TREE}")
    _report(med, len(texts), sum(map(len, texts)), args.repeat)
    return 0


def _report(med: dict[str, float], n_docs: int, chars: int, repeat: int) -> None:
    total = sum(v for k, v in med.items() if k.startswith("stage "))
    rules_total = sum(v for k, v in med.items() if k.startswith("rules-only stage "))
    ner = med["stage ner"]
    feats = med.get("features", 0.0) + med.get("new words", 0.0)
    scoring = med.get("scoring (with features)", 0.0) - feats
    rest = ner - feats - scoring - med.get("decoding", 0.0) - med.get("consistency", 0.0)
    rows = [("whole pipeline with ner", total), ("whole pipeline, rules only", rules_total),
            ("ner stage", ner), ("  new words", feats), ("  scoring", scoring),
            ("  decoding", med.get("decoding", 0.0)), ("  consistency", med.get("consistency", 0.0)),
            ("  rest of the stage", rest), ("people stage with entities", med["stage people"]),
            ("  merge (with_model_names)", med.get("merge (with_model_names)", 0.0)),
            ("people stage, rules only", med["rules-only stage people"])]
    print(f"{n_docs:,} documents, {chars:,} characters; medians of {repeat} runs")
    print(f"{'part':<32}{'seconds':>9}{'% of ner':>10}{'% of all':>10}")
    for name, sec in rows:
        print(f"{name:<32}{sec:>9.3f}{100 * sec / ner:>10.1f}{100 * sec / total:>10.1f}")
    print("stages with ner:", ", ".join(f"{k[6:]} {v:.2f}" for k, v in med.items() if k.startswith("stage ")))


if __name__ == "__main__":
    raise SystemExit(main())
