"""Command line: parses arguments and calls the library, nothing more."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import regex

EXAMPLES = """\
examples:
  python -m pipeline extract data/raw/vn_party_conference.txt
  python -m pipeline extract --format json data/raw/ir_cabinet_resolution.txt
  echo "در ۱۸ دسامبر ۲۰۲۴ قطعنامه شماره ۱۸-NQ/TW صادر شد." | python -m pipeline extract -
  python -m pipeline extract --format json --out-dir /tmp/pred data/raw/*.txt
  python -m pipeline extract data/raw/vn_party_conference.txt --format html -o page.html
  python -m pipeline extract --no-ner data/raw/vn_party_conference.txt      # rules only, without the NER model
  python -m pipeline batch data/raw --out data/out
  python -m pipeline batch data/raw --out data/out-rules --no-ner           # rules only: faster, fewer people
  python -m pipeline report data/out -o report.html
  python -m pipeline annotate export data/raw --to label-studio ls/
  python -m pipeline evaluate ../shared/gold/dev
  python -m pipeline stages
  iconv -t windows-1256 data/raw/ir_cabinet_resolution.txt | python -m pipeline extract --encoding windows-1256 -
"""

_C1 = regex.compile(r"[\x7f-\x9f]")  # JSON leaves them raw; a terminal may obey them
_UNSAFE_IN_NAME = regex.compile(r"[/\\%\x00-\x1f\x7f]")

TRAIN_EXAMPLES = """\
examples:
  python -m pipeline train ner                      # the CRF, models/ner-crf*.crfsuite (+ .tsv files)
  python -m pipeline train ner --backend stanza     # needs: pip install -e '.[stanza]'
  python -m pipeline train ner --train peyma-train --max-iterations 20 --out /tmp/ner.crfsuite
  python -m pipeline evaluate ner --test nsurl-test
  python -m pipeline evaluate ner --sentence-level  # without document-level consistency
"""


EVALUATE_EXAMPLES = """\
examples:
  python -m pipeline evaluate ../shared/gold/dev                  # P/R/F1 per field and document, then every error
  python -m pipeline evaluate ../shared/gold/dev --no-ner         # the rules-only pipeline
  python -m pipeline evaluate ../shared/gold/dev --pred /tmp/pred # score finished predictions DIR/<id>.json
  python -m pipeline evaluate ../shared/gold/dev --format json -o scores.json
  python -m pipeline evaluate ../shared/gold/dev --format html -o review/   # review/index.html + a page per document
  python -m pipeline evaluate ner --test nsurl-test                # the NER model (see `train --help`)
"""


ANNOTATE_EXAMPLES = """\
examples:
  python -m pipeline annotate export data/raw --to label-studio ls/    # ls/tasks.json + ls/label_config.xml
  python -m pipeline annotate import export.json --from label-studio --out gold/
  python -m pipeline evaluate gold/
"""


def _at_least(minimum: int):
    """An argparse type: a whole number no smaller than ``minimum``."""
    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum} (got {value})")
        return value
    return whole


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"cannot be negative (got {text}; 0 means no limit)")
    return value


def _encoding_name(text: str) -> str:
    from .decoding import check_encoding

    try:
        return check_encoding(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _encoding_flag(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--encoding", type=_encoding_name, metavar="NAME",
                   help=f"the encoding of the {what} (windows-1256, iso-8859-6, utf-16 ...); default: UTF-8, "
                        "else the byte-order mark's, else detected among the Persian legacy encodings")


def _error(message: str) -> None:
    """One line on stderr, with any control characters shown, not obeyed."""
    from .terminal import printable

    print(f"error: {printable(message)}", file=sys.stderr)


def _ner_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-ner", dest="ner", action="store_false",
                   help="rules only: leave out the NER model (models/), whose names the people stage merges "
                        "with the rules' by default (faster, finds fewer people)")
    p.add_argument("--ner", dest="ner", action="store_true",
                   help="a no-op: the NER model runs by default now (kept so older scripts still work)")
    p.add_argument("--ner-backend", choices=("crf", "stanza"), default="crf", help="which NER model to load")
    p.add_argument("--ner-model", type=Path, help="the NER model file or folder (default: the backend's in models/)")


def _pipeline(args):
    """The pipeline the flags ask for; PipelineError or ModelError when it cannot be built."""
    from .api import build, config

    return build(config(args.ner, args.ner_backend, args.ner_model))


def _add_batch(sub) -> None:
    ba = sub.add_parser("batch", help="extract many documents into tables (parallel, resumable)",
                        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    ba.add_argument("input", type=Path,
                    help="folder of .txt files (recursive), a .txt file, or a .jsonl/.json/.csv/.parquet table")
    ba.add_argument("--out", type=Path, default=Path("data/out"), help="output folder (default: data/out)")
    ba.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    ba.add_argument("--workers", type=_at_least(1), help="worker processes (default: all cores; 1 runs in-process)")
    ba.add_argument("--chunk-size", type=_at_least(1), default=32, help="documents per committed part (default: 32)")
    ba.add_argument("--limit", type=_at_least(0), help="stop after this many documents")
    ba.add_argument("--doc-timeout", type=_seconds, default=60.0,
                    help="seconds one document may take per 100,000 characters (default 60; 0: none)")
    ba.add_argument("--engine", choices=("local", "dask"), default="local")
    ba.add_argument("--scheduler", help="Dask scheduler address for --engine dask (default: a local cluster)")
    for name in ("id", "text", "date", "url", "source"):
        ba.add_argument(f"--{name}-column", default=name, help=f"the {name} field of a .jsonl/.csv/.parquet input")
    _encoding_flag(ba, "text and CSV files")
    ba.add_argument("--quiet", action="store_true",
                    help="no progress bar (it is drawn only when stderr is a terminal), just the summary")
    _ner_flags(ba)


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
    _encoding_flag(ex, "input files and stdin")
    ex.add_argument("--timeout", "--doc-timeout", dest="timeout", type=_seconds, default=60.0,
                    help="seconds one document may take per 100,000 characters (default 60; 0: none)")
    _ner_flags(ex)

    _add_batch(sub)

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

    _evaluate_parser(sub)
    _annotate_parser(sub)
    sub.add_parser("stages", help="list the pipeline's stages with what each requires and provides")
    return p


def _evaluate_parser(sub) -> None:
    ev = sub.add_parser("evaluate", help="score extraction on gold documents (evaluate GOLD_DIR), or the NER model (evaluate ner)",
                        epilog=EVALUATE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    ev.add_argument("target", metavar="GOLD_DIR|ner",
                    help="a folder of <id>.txt + <id>.gold.json (../shared/eval/FORMAT.md), or 'ner' for the NER model")
    docs = ev.add_argument_group("documents (evaluate GOLD_DIR)")
    docs.add_argument("--pred", type=Path, help="read finished predictions DIR/<id>.json instead of extracting")
    docs.add_argument("--format", choices=("table", "json", "html"), default="table",
                      help="table (default), json, or html: error review pages in the --output folder")
    docs.add_argument("-o", "--output", type=Path,
                      help="write the table or JSON here instead of printing it; the folder of the html pages "
                           "(default: evaluation)")
    _ner_flags(docs)
    model = ev.add_argument_group("NER model (evaluate ner)")
    model.add_argument("--backend", choices=("crf", "stanza"), default="crf")
    model.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    model.add_argument("--test", default="peyma-test", help="corpus name: peyma-test or nsurl-test")
    model.add_argument("--model", type=Path, help="model file or folder (default: the backend's model in models/)")
    model.add_argument("--sentence-level", action="store_true",
                       help="tag each sentence alone (no document-level consistency, see pipeline/ner/ner.yaml)")


def _annotate_parser(sub) -> None:
    an = sub.add_parser("annotate", help="pre-annotate for Label Studio, and import its export as gold documents",
                        epilog=ANNOTATE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = an.add_subparsers(dest="step", required=True)
    out = steps.add_parser("export", help="Label Studio import tasks (the results as predictions) and labeling config",
                           epilog=ANNOTATE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    out.add_argument("input", type=Path, help="a folder of .txt files (recursive), a .txt file, or a .jsonl/.csv/.parquet table")
    out.add_argument("--to", choices=("label-studio",), required=True, help="the annotation tool")
    out.add_argument("out_dir", type=Path, help="writes OUT_DIR/tasks.json and OUT_DIR/label_config.xml")
    _ner_flags(out)
    back = steps.add_parser("import", help="a Label Studio JSON export as <id>.txt + <id>.gold.json",
                            epilog=ANNOTATE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    back.add_argument("export", type=Path, help="the JSON file of Label Studio's Export (JSON format)")
    back.add_argument("--from", dest="tool", choices=("label-studio",), required=True, help="the annotation tool")
    back.add_argument("--out", type=Path, required=True, help="the gold folder to write")
    back.add_argument("--use-predictions", action="store_true",
                      help="a task nobody annotated takes its pre-annotation as gold (default: it is skipped)")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "ner", True) is False and (args.ner_model or args.ner_backend != "crf"):
        parser.error("--ner-model and --ner-backend choose the NER model, which --no-ner leaves out")
    try:
        return _run(args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        _error("interrupted" + ("; the committed parts are kept: run the same command again to resume"
                                if args.command == "batch" else ""))
        return 130
    except BrokenPipeError:  # the reader of our output went away (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(args) -> int:
    if args.command == "extract":
        return _extract(args)
    if args.command == "batch":
        return _batch(args)
    if args.command == "report":
        return _report(args)
    if args.command == "annotate":
        return _annotate(args)
    if args.command == "evaluate" and args.target != "ner":
        return _evaluate(args)
    if args.command in ("train", "evaluate"):
        return _ner(args)
    if args.command == "stages":
        from .api import RULES_ONLY, catalog

        for s in catalog():
            uses = f"  (uses {', '.join(s.uses)} when present)" if s.uses else ""
            where = "" if s.name in RULES_ONLY else "  [left out by --no-ner]"
            print(f"{s.name:<12} requires {', '.join(s.requires):<28} provides {', '.join(s.provides)}{uses}{where}")
        return 0
    return 2


def _extract(args) -> int:
    from .limits import DocumentTimeout
    from .inputs import BadDocument
    from .ner.tagger import ModelError

    if args.output and len(args.files) > 1:
        print("error: -o/--output takes one input file; use --out-dir for many", file=sys.stderr)
        return 2
    try:
        if args.out_dir:
            args.out_dir.mkdir(parents=True, exist_ok=True)
        nlp = _pipeline(args)
    except (OSError, ModelError) as exc:
        _error(f"{args.out_dir}: {exc.strerror}" if isinstance(exc, OSError) else str(exc))
        return 1
    status = 0
    written: dict[str, str] = {}  # --out-dir file name -> the input it was written for
    for name in args.files:
        try:
            doc = _extract_one(name, args, nlp)
        except ModelError as exc:  # the same for every file: stop here
            _error(str(exc))
            return 1
        except DocumentTimeout as exc:
            _error(f"{name}: {exc}")
            status = 1
            continue
        except (BadDocument, OSError, ValueError) as exc:
            _error(str(exc))
            status = 1
            continue
        if not _emit(doc, name, args, written):
            status = 1
    return status


def _extract_one(name: str, args, nlp):
    from .api import extract
    from .inputs import decode_text, doc_id_for, read_bounded, read_text_file
    from .limits import limit_for, time_limit

    if name == "-":
        decoded = decode_text(read_bounded(sys.stdin.buffer, "stdin"), "stdin", args.encoding)
        doc_id = args.doc_id or "stdin"
    else:
        decoded = read_text_file(Path(name), args.encoding)
        doc_id = doc_id_for(Path(name))
    with time_limit(limit_for(args.timeout, len(decoded.text))):
        doc = extract(decoded.text, doc_id, args.date, pipeline=nlp)
    if decoded.bom:
        doc.meta["bom"] = True
    doc.meta["encoding"] = decoded.encoding
    return doc


def _render(doc, fmt: str) -> tuple[str, str]:
    """The output and its file suffix. The table is for a terminal: control
    characters in the text are shown, not obeyed; JSON escapes them."""
    from .html import render_document
    from .output import to_json, to_table
    from .terminal import printable

    if fmt == "json":
        text = json.dumps(to_json(doc), ensure_ascii=False, indent=1)
        return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text), "json"
    if fmt == "html":
        return render_document(doc), "html"
    return printable(to_table(doc)), "txt"


def _out_dir_name(doc_id: str) -> str:
    """A file name for ``doc_id`` that stays inside --out-dir: separators,
    %, control characters and a leading dot written as %XX."""
    name = _UNSAFE_IN_NAME.sub(lambda m: f"%{ord(m.group()):02X}", doc_id)
    return ("%2E" + name[1:] if name.startswith(".") else name) or "%"


def _emit(doc, name: str, args, written: dict[str, str]) -> bool:
    rendered, suffix = _render(doc, args.format)
    target = args.output
    try:
        if args.output:
            args.output.write_text(rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8")
        elif args.out_dir:
            target = args.out_dir / f"{_out_dir_name(doc.doc_id)}.{suffix}"
            if target.name in written:
                _error(f"{name}: {target} was already written for {written[target.name]} in this run; "
                       "not overwritten (give the inputs different file names)")
                return False
            written[target.name] = name
            target.write_text(rendered + "\n", encoding="utf-8")
        else:
            print(rendered)
    except BrokenPipeError:
        raise  # the reader went away (| head): main() ends quietly
    except OSError as exc:
        _error(f"cannot write {target}: {exc.strerror or exc}")
        return False
    return True


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


def _evaluate(args) -> int:
    from .evaluation import evaluate
    from .evaluation.report import format_table, to_json, write_html
    from .ner.tagger import ModelError

    try:
        ev = evaluate(Path(args.target), args.pred, None if args.pred else _pipeline(args))
    except (FileNotFoundError, ModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in ev.problems:
        print(f"bad gold: {line}", file=sys.stderr)
    for line in ev.notes:
        print(f"note: {line}", file=sys.stderr)
    if args.format == "html":
        print(f"wrote {write_html(ev, args.output or Path('evaluation'))} and {len(ev.documents)} document pages")
    else:
        out = json.dumps(to_json(ev), ensure_ascii=False, indent=1) if args.format == "json" else format_table(ev)
        if args.output:
            args.output.write_text(out + "\n", encoding="utf-8")
        else:
            print(out)
    return 1 if ev.problems or not ev.documents else 0


def _annotate(args) -> int:
    from .annotate import ExportError, export_label_studio, read_export, write_gold
    from .ner.tagger import ModelError

    if args.step == "export":
        try:
            result = export_label_studio(args.input, args.out_dir, _pipeline(args))
        except (FileNotFoundError, ModelError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        for line in result.problems:
            print(f"error: {line}", file=sys.stderr)
        print(f"wrote {result.tasks} ({result.documents} tasks) and {result.config}")
        return 1 if result.problems else 0
    try:
        result = read_export(args.export, args.use_predictions)
    except (OSError, ExportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in result.problems:
        print(f"error: {line}", file=sys.stderr)
    if result.problems:
        print(f"nothing written: {len(result.problems)} malformed task(s) in {args.export}", file=sys.stderr)
        return 2
    write_gold(result.gold, args.out)
    skipped = f"; {len(result.skipped)} not annotated, skipped (--use-predictions takes them)" if result.skipped else ""
    print(f"wrote {len(result.gold)} gold documents to {args.out}{skipped}")
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
    from .batch import BatchError, BatchOptions, run_batch
    from .inputs import Columns
    from .ner.tagger import ModelError
    from .outlock import OutputBusy
    from .progress import ProgressBar
    from .tables import TABLES

    opts = BatchOptions(
        out=args.out, fmt=args.format, workers=args.workers, chunk_size=args.chunk_size, limit=args.limit,
        doc_timeout=args.doc_timeout, engine=args.engine, scheduler=args.scheduler,
        columns=Columns(args.id_column, args.text_column, args.date_column, args.url_column, args.source_column),
        encoding=args.encoding,
        ner=args.ner, ner_backend=args.ner_backend, ner_model=str(args.ner_model) if args.ner_model else None,
    )
    bar = ProgressBar.for_terminal(sys.stderr, args.quiet)  # None unless stderr is a terminal
    try:
        result = run_batch(args.input, opts, bar)
    except (BatchError, OutputBusy, ModelError, OSError, ValueError) as exc:
        _error(str(exc))  # InputError is a ValueError
        return 1
    finally:
        if bar:
            bar.close()
    print(f"{result.documents} documents extracted, {result.errors} errors, {result.skipped} already done, "
          f"{result.seconds:.1f}s → {result.out} (tables: {', '.join(TABLES)}; manifest.json)")
    if result.errors and not result.documents:
        errors = f"{result.errors:,} error" + ("s" if result.errors != 1 else "")
        _error(f"every document failed ({errors}): the errors table in {result.out} says why")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
