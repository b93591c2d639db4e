"""People of PEYMA's test sentences, each taken as its own document (issue 23).

For each sentence the text is its tokens joined by spaces; the gold is the
set of distinct PER spans. PEYMA's spans keep a leading honorific or holy
epithet and a bracketed blessing («امام خمینی», «حضرت معصومه (س)»), which
FORMAT.md leaves out of a name: they are taken off the gold spans and the
tagger's spans alike (``--as-tagged`` keeps them). Names are compared as the
scorer compares them (``pipeline.evaluation.scoring``: folded letters and
digits, equal with every space removed). Configurations:

- ``ner``: the pipeline with the ner stage (the model's names merged with the
  rule names by the people stage), one name per person (``Person.name``, the
  fullest form: what a researcher's table holds);
- ``ner-mentions``: the same run, every distinct name as written in the
  sentence (a person named in full and then by the family name alone gives
  two, as PEYMA's gold and the tagger do);
- ``rules``: the pipeline without the ner stage, one name per person;
- ``tagger``: the ner stage's own PER spans (for scale: what the merge
  starts from).

```sh
.venv/bin/python bench/peyma_people.py                 # all 1,026 sentences
.venv/bin/python bench/peyma_people.py --limit 200 --show 30   # a slice, with errors
```
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.api import build, config  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.evaluation.scoring import joined  # noqa: E402
from pipeline.ner.training.corpora import read  # noqa: E402
from pipeline.people.lexicon import lexicon  # noqa: E402
from pipeline.wordlists import lookup_key  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "peyma" / "test.txt"
_BLESSING = re.compile(r"\s*\(\s*(\w+)\s*\)\s*$")   # «(ع)», «( ع )» after a holy figure's name
CONFIGURATIONS = ("ner", "ner-mentions", "rules", "tagger")


@dataclass
class Sentence:
    text: str
    gold: dict[str, str]            # joined key -> the span as written


@dataclass
class Tally:
    """Counts of one configuration, and its errors (sentence number, name)."""
    right: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list[tuple[int, str]] = field(default_factory=list)
    spurious: list[tuple[int, str]] = field(default_factory=list)

    def add(self, number: int, predicted: dict[str, str], gold: dict[str, str]) -> None:
        self.right += len(predicted.keys() & gold.keys())
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.missed.extend((number, gold[k]) for k in sorted(gold.keys() - predicted.keys()))
        self.spurious.extend((number, predicted[k]) for k in sorted(predicted.keys() - gold.keys()))

    def scores(self) -> dict[str, float]:
        p = self.right / self.predicted if self.predicted else 1.0
        r = self.right / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                "right": self.right, "predicted": self.predicted, "gold": self.gold}


def sentences(path: Path, limit: int | None = None, as_tagged: bool = False) -> list[Sentence]:
    """The corpus's sentences with their distinct gold PER spans."""
    out = []
    for tagged in read(path, "peyma"):
        names = _gold_names(tagged)
        out.append(Sentence(" ".join(t for t, _ in tagged), _keyed(names if as_tagged else map(bare_name, names))))
        if limit and len(out) >= limit:
            break
    return out


def _gold_names(tagged: list[tuple[str, str]]) -> list[str]:
    names, current = [], []
    for token, tag in tagged + [("", "O")]:
        if current and tag != "I-PER":
            names.append(" ".join(current))
            current = []
        if tag == "B-PER" or (tag == "I-PER" and not current):
            current = [token]
        elif tag == "I-PER":
            current.append(token)
    return names


def _keyed(names) -> dict[str, str]:
    return {joined(n): n for n in names if n}


def bare_name(span: str) -> str:
    """A span as FORMAT.md writes a name: without the honorifics and holy
    epithets before it («امام», «حضرت», «آیت الله») and a bracketed blessing
    after it («(ع)»), as the people stage's own lists know them."""
    lex = lexicon()
    words = span.split()
    tail = _BLESSING.search(span)
    if tail and lookup_key(tail.group(1)) in lex.name_blessings:
        words = span[:tail.start()].split()
    while words:
        keys = [lookup_key(w) for w in words]
        n = max((len(seq) for index in (lex.honorifics, lex.holy_epithets) for seq in index.get(keys[0], ())
                 if tuple(keys[:len(seq)]) == seq), default=0)
        if not n or n >= len(words):
            break
        words = words[n:]
    return " ".join(words)


def _people(doc: Document) -> dict[str, str]:
    return _keyed(p.name for p in doc.people)


def _mentions(doc: Document) -> dict[str, str]:
    return _keyed(doc.text[m.start:m.end] for p in doc.people for m in p.mentions)


def _tagged(doc: Document, as_tagged: bool) -> dict[str, str]:
    spans = [doc.text[e.start:e.end] for e in doc.entities if e.kind == "PER"]
    return _keyed(spans if as_tagged else map(bare_name, spans))


def measure(corpus: list[Sentence], configurations: tuple[str, ...] = CONFIGURATIONS,
            as_tagged: bool = False) -> dict[str, Tally]:
    """Tally every configuration over the sentences; ``ner-mentions`` and
    ``tagger`` come from the same run as ``ner``."""
    tallies = {c: Tally() for c in configurations}
    with_ner = build(config(ner=True)) if {"ner", "ner-mentions", "tagger"} & set(configurations) else None
    rules = build(config(ner=False)) if "rules" in configurations else None
    for number, sentence in enumerate(corpus):
        found: dict[str, dict[str, str]] = {}
        if with_ner is not None:
            doc = with_ner(Document(text=sentence.text, doc_id=f"s{number}"))
            found.update({"ner": _people(doc), "ner-mentions": _mentions(doc), "tagger": _tagged(doc, as_tagged)})
        if rules is not None:
            found["rules"] = _people(rules(Document(text=sentence.text, doc_id=f"s{number}")))
        for name, tally in tallies.items():
            tally.add(number, found[name], sentence.gold)
    return tallies


def _report(tallies: dict[str, Tally], corpus: list[Sentence], show: int) -> None:
    print(f"{len(corpus)} sentences, {sum(len(s.gold) for s in corpus)} distinct gold names")
    print(f"{'configuration':<14}{'P':>7}{'R':>7}{'F1':>7}{'right':>7}{'pred':>7}{'gold':>7}")
    for name, tally in tallies.items():
        s = tally.scores()
        print(f"{name:<14}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
              f"{s['right']:>7}{s['predicted']:>7}{s['gold']:>7}")
    for name, tally in tallies.items():
        if not show or name == "tagger":
            continue
        for label, errors in (("missed", tally.missed), ("spurious", tally.spurious)):
            print(f"\n## {name}: {label} ({len(errors)}, first {min(show, len(errors))})")
            for number, text in errors[:show]:
                print(f"  [{number}] {text}  |  {corpus[number].text[:160]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a PEYMA-format file (TOKEN|TAG lines)")
    ap.add_argument("--limit", type=int, default=None, help="the first N sentences only")
    ap.add_argument("--only", default=",".join(CONFIGURATIONS), help="configurations, comma separated")
    ap.add_argument("--show", type=int, default=0, help="print the first N missed and spurious names")
    ap.add_argument("--as-tagged", action="store_true",
                    help="keep honorifics and blessings in the gold and tagger spans (PEYMA's own convention)")
    ap.add_argument("--json", action="store_true", help="the scores as JSON")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        ap.error(f"no corpus at {args.corpus}")
    corpus = sentences(args.corpus, args.limit, args.as_tagged)
    tallies = measure(corpus, tuple(c for c in args.only.split(",") if c), args.as_tagged)
    if args.json:
        print(json.dumps({name: t.scores() for name, t in tallies.items()}, indent=2))
    else:
        _report(tallies, corpus, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
