"""Command line: parses arguments and calls the library, nothing more."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXAMPLES = """\
examples:
  python -m pipeline extract data/raw/vn_party_conference.txt
  python -m pipeline extract --format json data/raw/ir_cabinet_resolution.txt
  echo "در ۱۸ دسامبر ۲۰۲۴ قطعنامه شماره ۱۸-NQ/TW صادر شد." | python -m pipeline extract -
  python -m pipeline extract --format json --out-dir /tmp/pred data/raw/*.txt
  python -m pipeline extract data/raw/vn_party_conference.txt --format html -o page.html
  python -m pipeline batch data/raw --out data/out
  python -m pipeline report data/out -o report.html
  python -m pipeline stages
"""

TRAIN_EXAMPLES = """\
examples:
  python -m pipeline train ner                      # the CRF, models/ner-crf*.crfsuite (+ .tsv files)
  python -m pipeline train ner --backend stanza     # needs: pip install -e '.[stanza]'
  python -m pipeline train ner --train peyma-train --max-iterations 20 --out /tmp/ner.crfsuite
  python -m pipeline evaluate ner --test nsurl-test
  python -m pipeline evaluate ner --sentence-level  # without document-level consistency
"""


def _ner_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ner", action="store_true",
                   help="also run the NER model (models/) and merge its names with the rules' (about 3x slower)")
    p.add_argument("--ner-backend", choices=("crf", "stanza"), default="crf", help="which NER model --ner loads")
    p.add_argument("--ner-model", type=Path, help="model file or folder for --ner (default: the backend's in models/)")


def _pipeline(args):
    """The pipeline the flags ask for; PipelineError or ModelError when it cannot be built."""
    from .api import build, config

    return build(config(args.ner, args.ner_backend, args.ner_model))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Persian information extraction: people, titles, resolution numbers, dates and tasks.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract one or more documents and print (or write) the result",
                        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("files", nargs="+", help="text files; '-' reads standard input")
    ex.add_argument("--format", choices=("table", "json", "html"), default="table", help="output format (default: table)")
    ex.add_argument("-o", "--output", type=Path, help="write the output of one file here instead of printing it")
    ex.add_argument("--out-dir", type=Path, help="write DIR/<name>.<json|html|txt> per file instead of printing")
    ex.add_argument("--date", help="the document's own date (YYYY-MM-DD): resolves yearless and relative dates")
    ex.add_argument("--id", dest="doc_id", help="document id for stdin input (default: stdin)")
    _ner_flags(ex)

    ba = sub.add_parser("batch", help="extract many documents into tables (parallel, resumable)",
                        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    ba.add_argument("input", type=Path, help="folder of .txt files (recursive), a .txt file, or a .jsonl/.csv/.parquet table")
    ba.add_argument("--out", type=Path, default=Path("data/out"), help="output folder (default: data/out)")
    ba.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    ba.add_argument("--workers", type=int, help="worker processes (default: all cores; 1 runs in-process)")
    ba.add_argument("--chunk-size", type=int, default=32, help="documents per committed part (default: 32)")
    ba.add_argument("--limit", type=int, help="stop after this many documents")
    ba.add_argument("--doc-timeout", type=float, default=60.0, help="seconds one document may take (default 60; 0: none)")
    ba.add_argument("--engine", choices=("local", "dask"), default="local")
    ba.add_argument("--scheduler", help="Dask scheduler address for --engine dask (default: a local cluster)")
    for name in ("id", "text", "date", "url", "source"):
        ba.add_argument(f"--{name}-column", default=name, help=f"the {name} field of a .jsonl/.csv/.parquet input")
    ba.add_argument("--quiet", action="store_true", help="no progress line")
    _ner_flags(ba)

    rp = sub.add_parser("report", help="an HTML overview of a batch's tables",
                        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    rp.add_argument("tables", type=Path, help="the folder batch wrote (default layout: data/out)")
    rp.add_argument("-o", "--output", type=Path, default=Path("report.html"), help="the page to write (default: report.html)")

    tr = sub.add_parser("train", help="train a model from the corpora in ../shared/corpora",
                        epilog=TRAIN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    tr.add_argument("what", choices=("ner",))
    tr.add_argument("--backend", choices=("crf", "stanza"), default="crf",
                    help="crf (python-crfsuite, the default) or stanza (needs the [stanza] extra)")
    tr.add_argument("--corpora", type=Path, default=Path("../shared/corpora"), help="the corpora folder")
    tr.add_argument("--train", help="comma-separated corpus names (see pipeline/ner/training/corpora.py); "
                                    "default: every training part of PEYMA, NSURL-2019, Arman and ParsTwiNER")
    tr.add_argument("--vectors-text", type=Path, action="append",
                    help="more JSONL text for the word vectors (default: ../shared/bench/fars_news.jsonl)")
    tr.add_argument("--out", type=Path, help="model file or folder (default: models/ner-crf.crfsuite or models/ner-stanza)")
    tr.add_argument("--max-iterations", type=int, default=150, help="CRF training iterations")
    tr.add_argument("--silver", action="store_true",
                    help="CRF: train again with its own confident tags of the unlabeled text "
                         "(pipeline/ner/training/silver.py; a tie on PEYMA, not used for the shipped model)")
    tr.add_argument("--no-complete", dest="complete", action="store_false",
                    help="CRF: leave out the sentences of Arman and ParsTwiNER that may hold an unannotated "
                         "number instead of training again with the first CRF's numbers filled in (completion.py)")
    tr.add_argument("--max-steps", type=int, default=4000, help="stanza training steps (batches of 32 sentences)")

    ev = sub.add_parser("evaluate", help="entity-level scores of a model on a test corpus")
    ev.add_argument("what", choices=("ner",))
    ev.add_argument("--backend", choices=("crf", "stanza"), default="crf")
    ev.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    ev.add_argument("--test", default="peyma-test", help="corpus name: peyma-test or nsurl-test")
    ev.add_argument("--model", type=Path, help="model file or folder (default: the backend's model in models/)")
    ev.add_argument("--sentence-level", action="store_true",
                    help="tag each sentence alone (no document-level consistency, see pipeline/ner/ner.yaml)")

    sub.add_parser("stages", help="list the pipeline's stages with what each requires and provides")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "extract":
        return _extract(args)
    if args.command == "batch":
        return _batch(args)
    if args.command == "report":
        return _report(args)
    if args.command in ("train", "evaluate"):
        return _ner(args)
    if args.command == "stages":
        from .api import DEFAULT, catalog

        for s in catalog():
            uses = f"  (uses {', '.join(s.uses)} when present)" if s.uses else ""
            where = "" if s.name in DEFAULT else "  [with --ner only]"
            print(f"{s.name:<12} requires {', '.join(s.requires):<28} provides {', '.join(s.provides)}{uses}{where}")
        return 0
    return 2


def _extract(args) -> int:
    from .api import extract
    from .ner.tagger import ModelError
    from .inputs import BadDocument, decode, doc_id_for
    from .html import render_document
    from .output import to_json, to_table

    if args.output and len(args.files) > 1:
        print("error: -o/--output takes one input file; use --out-dir for many", file=sys.stderr)
        return 2
    status = 0
    if args.out_dir:
        args.out_dir.mkdir(parents=True, exist_ok=True)
    try:
        nlp = _pipeline(args)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name in args.files:
        try:
            if name == "-":
                text = decode(sys.stdin.buffer.read(), "stdin")
                doc_id = args.doc_id or "stdin"
            else:
                path = Path(name)
                text = decode(path.read_bytes(), name)
                doc_id = doc_id_for(path)
            doc = extract(text, doc_id, args.date, pipeline=nlp)
        except ModelError as exc:  # the same for every file: stop here
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except (BadDocument, OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        if args.format == "json":
            rendered, suffix = json.dumps(to_json(doc), ensure_ascii=False, indent=1), "json"
        elif args.format == "html":
            rendered, suffix = render_document(doc), "html"
        else:
            rendered, suffix = to_table(doc), "txt"
        if args.output:
            args.output.write_text(rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8")
        elif args.out_dir:
            (args.out_dir / f"{doc_id}.{suffix}").write_text(rendered + "\n", encoding="utf-8")
        else:
            print(rendered)
    return status


def _ner(args) -> int:
    import time

    from .ner.backends import load_tagger
    from .ner.tagger import ModelError
    from .ner.training import corpora, evaluate

    try:
        if args.command == "train":
            from .ner.training import train as training

            opts = training.TrainOptions(corpora=args.corpora, max_iterations=args.max_iterations,
                                         max_steps=args.max_steps, silver=args.silver,
                                         complete=args.complete)
            if args.train:
                opts.train = tuple(n for n in args.train.split(",") if n)
            extra = args.vectors_text or [p for p in [args.corpora.parent / "bench" / "fars_news.jsonl"] if p.exists()]
            opts.unlabeled_extra = tuple(extra)
            if args.backend == "stanza":
                from .ner.stanza_tagger import DEFAULT_DIR
                training.train_stanza(args.out or DEFAULT_DIR, opts)
            else:
                from .ner.crf_tagger import DEFAULT_MODEL
                training.train_crf(args.out or DEFAULT_MODEL, opts)
            return 0
        tagger = load_tagger(args.backend, args.model)
        test = corpora.load(args.corpora, [args.test])
        t0 = time.perf_counter()
        # the test corpora keep each article's sentences in order, so a name
        # found once is carried to its nearby mentions as in a document
        pred = tagger.tag_many([[w for w, _ in s] for s in test], consistent=not args.sentence_level)
        seconds = time.perf_counter() - t0
    except (FileNotFoundError, ValueError, ModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.test}: {len(test):,} sentences, {sum(map(len, test)) / seconds:,.0f} tokens/s ({args.backend})")
    print(evaluate.format_table(evaluate.score([[t for _, t in s] for s in test], pred)))
    return 0


def _report(args) -> int:
    from .html import render_report
    from .tables import load

    try:
        tables = load(args.tables)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.output.write_text(render_report(tables), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def _batch(args) -> int:
    from .batch import BatchOptions, print_progress, run_batch
    from .inputs import Columns
    from .ner.tagger import ModelError
    from .tables import TABLES

    opts = BatchOptions(
        out=args.out, fmt=args.format, workers=args.workers, chunk_size=args.chunk_size, limit=args.limit,
        doc_timeout=args.doc_timeout, engine=args.engine, scheduler=args.scheduler,
        columns=Columns(args.id_column, args.text_column, args.date_column, args.url_column, args.source_column),
        ner=args.ner, ner_backend=args.ner_backend, ner_model=str(args.ner_model) if args.ner_model else None,
    )
    try:
        result = run_batch(args.input, opts, None if args.quiet else print_progress)
    except (FileNotFoundError, ModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(file=sys.stderr)
    print(f"{result.documents} documents extracted, {result.errors} errors, {result.skipped} already done, "
          f"{result.seconds:.1f}s → {result.out} (tables: {', '.join(TABLES)}; manifest.json)")
    return 0




if __name__ == "__main__":
    sys.exit(main())
