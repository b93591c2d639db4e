"""NER tagging speed on one core, with the rules-only pipeline as the yardstick.

    python bench/ner_speed.py [--test peyma-test] [--repeat 3] [--model M.crfsuite] [--stanza]

In one run, over the tokens of a test corpus (PEYMA test by default):
1. the CRF tagger (models/ner-crf*.crfsuite): tokens/s, features included, a
   fresh cache of word scores each repeat so the figure is a cold one; the
   sentences tagged each alone (``tag_many(..., consistent=False)``), as the
   pipeline tags a document (``tag_many``: with the document-level
   consistency pass; the test corpus keeps each article's sentences in
   order), and with one call per sentence (``tag``);
2. crfsuite's own tagger given the same features, one sentence at a time,
   with the model's first member: how the tagger ran before it read the
   weights itself;
3. with ``--stanza`` (needs the [stanza] extra), the stanza tagger, torch held
   to one thread;
4. hazm's WordTokenizer over the same sentences joined by spaces, as a
   baseline of the same run (a ratio survives a noisy machine; tokens/s alone
   does not).
Issue 4's floor: tagging at least 20,000 tokens/s on one core.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pycrfsuite  # noqa: E402

from pipeline.ner.crf_tagger import DEFAULT_MODEL, CrfTagger  # noqa: E402
from pipeline.ner.training import corpora  # noqa: E402


def _time(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--test", default="peyma-test")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="the CRF model file (default: the shipped one)")
    ap.add_argument("--stanza", action="store_true", help="also time the stanza model (models/ner-stanza)")
    args = ap.parse_args(argv)
    sents = [[w for w, _ in s] for s in corpora.load(args.corpora, [args.test])]
    n_tok = sum(map(len, sents))

    from hazm import WordTokenizer

    tok = WordTokenizer()
    texts = [" ".join(s) for s in sents]
    base = _time(lambda: [tok.tokenize(t) for t in texts], args.repeat)

    crf = CrfTagger(args.model)
    reference = pycrfsuite.Tagger()
    reference.open(str(args.model))

    def run_crfsuite():
        # the features of each sentence handed to crfsuite's own tagger, as
        # the tagger did before it read the weights itself (a cold cache)
        crf.features.token = lru_cache(maxsize=1 << 17)(crf.features.token_parts)
        for s in sents:
            reference.tag(crf.features.sentence(s))

    def run_crf(consistent: bool):
        crf.clear_cache()  # a cold cache each time
        crf.tag_many(sents, consistent=consistent)

    def run_crf_each():
        crf.clear_cache()
        for s in sents:
            crf.tag(s)

    rows = [("hazm WordTokenizer (baseline)", base),
            ("crfsuite's tagger, first member", _time(run_crfsuite, args.repeat)),
            ("CRF tagger, sentence alone", _time(lambda: run_crf(False), args.repeat)),
            ("CRF tagger, with consistency", _time(lambda: run_crf(True), args.repeat)),
            ("CRF tagger, a call per sentence", _time(run_crf_each, args.repeat))]
    if args.stanza:
        import torch

        from pipeline.ner.stanza_tagger import StanzaTagger

        torch.set_num_threads(1)
        st = StanzaTagger()
        rows.append(("stanza tagger (1 thread)", _time(lambda: st.tag_many(sents), max(1, args.repeat // 2))))
    print(f"{args.test}: {len(sents):,} sentences, {n_tok:,} tokens, median of {args.repeat} runs")
    print(f"{'run':<34}{'seconds':>9}{'tokens/s':>12}{'/ baseline':>12}")
    for name, sec in rows:
        print(f"{name:<34}{sec:>9.2f}{n_tok / sec:>12,.0f}{base / sec:>12.2f}")
    print("floor (issue 4): tagging >= 20,000 tokens/s on one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
