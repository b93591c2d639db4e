"""NER tagging speed on one core, with the rules-only pipeline as the yardstick.

    python bench/ner_speed.py [--test peyma-test] [--repeat 3] [--model M.crfsuite] [--stanza]

In one run, over the tokens of a test corpus (PEYMA test by default):
1. the CRF tagger (models/ner-crf.crfsuite): tokens/s, features included, a
   fresh feature cache each repeat so the figure is a cold one; each sentence
   alone (``tag``), and as the pipeline tags a document (``tag_many``: with
   the marginals and the document-level consistency pass; the test corpus
   keeps each article's sentences in order);
2. with ``--stanza`` (needs the [stanza] extra), the stanza tagger, torch held
   to one thread;
3. hazm's WordTokenizer over the same sentences joined by spaces, as a
   baseline of the same run (a ratio survives a noisy machine; tokens/s alone
   does not).
Issue 4's floor: tagging at least 20,000 tokens/s on one core.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.ner import corpora, model  # noqa: E402


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
    ap.add_argument("--model", type=Path, default=model.DEFAULT_MODEL, help="the CRF model file (default: the shipped one)")
    ap.add_argument("--stanza", action="store_true", help="also time the stanza model (models/ner-stanza)")
    args = ap.parse_args(argv)
    sents = [[w for w, _ in s] for s in corpora.load(args.corpora, [args.test])]
    n_tok = sum(map(len, sents))

    from hazm import WordTokenizer

    tok = WordTokenizer()
    texts = [" ".join(s) for s in sents]
    base = _time(lambda: [tok.tokenize(t) for t in texts], args.repeat)

    crf = model.Tagger(args.model)

    def cold():
        crf.clear_cache()  # cold cache each time

    def run_crf():
        cold()
        for s in sents:
            crf.tag(s)

    def run_crf_document():
        cold()
        crf.tag_many(sents)

    rows = [("hazm WordTokenizer (baseline)", base), ("CRF tagger, sentence alone", _time(run_crf, args.repeat)),
            ("CRF tagger, with consistency", _time(run_crf_document, args.repeat))]
    if args.stanza:
        import torch

        from pipeline.ner.stanza_backend import StanzaTagger

        torch.set_num_threads(1)
        st = StanzaTagger()
        rows.append(("stanza tagger (1 thread)", _time(lambda: st.tag_many(sents), max(1, args.repeat // 2))))
    print(f"{args.test}: {len(sents):,} sentences, {n_tok:,} tokens, median of {args.repeat} runs")
    print(f"{'run':<32}{'seconds':>9}{'tokens/s':>12}{'/ baseline':>12}")
    for name, sec in rows:
        print(f"{name:<32}{sec:>9.2f}{n_tok / sec:>12,.0f}{base / sec:>12.2f}")
    print("floor (issue 4): tagging >= 20,000 tokens/s on one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
