"""Adversarial inputs: does every stage stay linear in the length of the text?

    python bench/adversarial.py [--n 125000] [--doublings 3] [--family NAME ...]
                                [--no-ner] [--full 1990000] [--tree PATH]

Each family repeats a hostile pattern (a word that opens a clause frame, an
honorific, a resolution number, a short line, ...) to a text of n, 2n, 4n
and 8n characters (8n = 1 M by default). Every stage of the pipeline with the
NER model (normalize, segment, dates, resolutions, ner, people, tasks) runs on
each text on its own, and its CPU time is taken (``time.thread_time``: a busy
neighbour on a shared machine slows the wall clock, much less the CPU time).
Checks (issue 22):
- per doubling, no stage's time grows more than 2.5× (ratios of stages that
  take under ``--floor`` seconds at 2n are noise and are not judged);
- the whole pipeline on a ``--full``-character text of each family (2 M
  characters is the size limit) takes under 60 s of wall-clock time.
A ratio above the limit is measured again before it counts (``confirm``):
the two sizes in turn, ``--confirm`` rounds, each stage's best over every
run of a size. On this host a slow spell of a few seconds lifts every stage
of a family at one size by up to 1.5× (the next doubling then reads about
1.5× too); a stage that truly grows faster than its text does so again.
A stage that runs past ``--budget`` seconds is stopped, and the family's
larger sizes are skipped. ``--tree`` runs another checkout of the code (an
old commit in a ``git worktree``), for before/after figures in one run.
Exit status 1 when a check fails.
"""
from __future__ import annotations

import argparse
import gc
import itertools
import math
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
MAX_GROWTH = 2.5      # per doubling
WALL_LIMIT = 60.0     # seconds, for a document under 2 M characters

# ordinary words of news text, for the text without punctuation
_WORDS = ("وزیر امور خارجه کشور در دیدار با سفیر جدید گفت همکاری دو کشور در زمینه اقتصادی "
          "و فرهنگی ادامه خواهد یافت و مسئولان استان باید برای اجرای طرح های عمرانی برنامه "
          "ریزی کنند رئیس جمهور نیز از دولت خواست تا گزارش کار را به مجلس ارائه دهد").split()
_NAMED_MINISTER = "وزیر فرهنگی عمرانی سفیر ارائه برای خواست"
_SCRIPTS = ["سلام", "hello", "мир", "世界", "مرحبا", "שלום", "κόσμος", "नमस्ते", "123", "۴۵۶", "٧٨٩", "😀", "Ａｂｃ"]


def _repeat(unit: str) -> Callable[[int], str]:
    def make(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]
    return make


def _random_words(words, sep: str = " ", seed: int = 22, lead: str = "") -> Callable[[int], str]:
    """Words drawn at random, after ``lead`` (written first at every size)."""
    def make(n: int) -> str:
        rng = random.Random(seed)
        parts, size = [lead] if lead else [], len(lead)
        while size < n:
            w = rng.choice(words)
            parts.append(w)
            size += len(w) + len(sep)
        return sep.join(parts)[:n]
    return make


def _nested(opening: str, closing: str, middle: str = "متن") -> Callable[[int], str]:
    def make(n: int) -> str:
        k = max(1, (n - len(middle)) // (len(opening) + len(closing)))
        return opening * k + middle + closing * k
    return make


# name -> a text of about n characters
FAMILIES: dict[str, Callable[[int], str]] = {
    "must": _repeat("باید "),
    "must_work": _repeat("باید کار "),
    "question_must": _repeat("آیا باید "),
    "must_comma": _repeat("باید، "),
    "minister_lines": _repeat("وزیر\n"),
    "honorifics": _repeat("آقای "),
    "honorific_chain": _repeat("جناب آقای دکتر مهندس سردار حجت‌الاسلام "),
    "resolution_numbers": _repeat("مصوبه شماره ۱۲ "),
    # the random words make a minister's name the ner stage is sure of only at
    # 211,700 characters («وزیر عمرانی») and a fuller one at 827,000 («وزیر
    # فرهنگی عمرانی»); from each on, hundreds of «عمرانی» are mentions of
    # that person. Written first, the name is there at every size, and a
    # doubling measures more of the same text, not a kind of text arriving.
    "long_line_of_words": _random_words(_WORDS, lead=_NAMED_MINISTER),
    "short_lines": _random_words(_WORDS, sep="\n"),
    "sentences_one_per_line": _repeat("وزیر کشور گفت.\n"),
    # a named speaker's title, then written alone on every other line: each a coreferent title
    "speaker_title_lines": _repeat("وزیر کشور گفت.\nعلی رضایی گفت.\n"),
    "nested_requests": _repeat("از وزیر درخواست کرد تا از مدیر بخواهد که "),
    "reported_musts": _repeat("علی گفت که مدیران باید کار کنند، "),
    "request_items": _repeat("از مردم خواست که گزارش را ارسال کنند؛ "),
    "nested_parentheses": _nested("(«", "»)"),
    "list_markers": _repeat("الف) ۱- ب) "),
    "digit_run": _repeat("۱۲۳۴۵۶۷۸۹۰"),
    "slash_digits": _repeat("۱۲/"),
    "slash_run": _repeat("/"),
    "dates_repeated": _repeat("۱۸ دسامبر ۲۰۲۴ "),
    "colons_and_commas": _repeat("گفت: ،؛ "),
    "mixed_scripts": _random_words(_SCRIPTS),
    "one_long_word": _repeat("ب"),
}


@dataclass
class Run:
    family: str
    size: int
    cpu: dict[str, float] = field(default_factory=dict)   # stage -> CPU seconds
    wall: float = 0.0
    stopped: str = ""                                      # the stage that ran past the budget


def load_pipeline(ner: bool = True, tree: Path | None = None):
    if tree is not None:
        sys.path.insert(0, str(tree))
    elif str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from pipeline import api
    return api.build(api.config(ner=ner))


def time_stages(pipeline, text: str, budget: float = 0.0, collect: bool = True) -> tuple[dict[str, float], float, str]:
    """CPU seconds of each stage on ``text``, the wall-clock total, and the
    stage stopped for running over ``budget`` seconds ("" when none was)."""
    from pipeline.document import Document
    from pipeline.limits import DocumentTimeout, time_limit

    doc = Document(text=text, doc_id="adversarial")
    cpu: dict[str, float] = {}
    start = time.perf_counter()
    for component in pipeline.components:
        if collect:
            gc.collect()  # garbage left by the stage before is not this stage's time (cheap: see warm_up)
        t0 = time.thread_time()
        try:
            with time_limit(budget):
                component.run(doc)
        except DocumentTimeout:
            cpu[component.name] = time.thread_time() - t0
            return cpu, time.perf_counter() - start, component.name
        cpu[component.name] = time.thread_time() - t0
    return cpu, time.perf_counter() - start, ""


def warm_up(pipeline, size: int = 2_000) -> None:
    """Each family once at a small size: word lists and models load on first use."""
    for make in FAMILIES.values():
        time_stages(pipeline, make(size), collect=False)
    # as a batch's workers do: the loaded word lists and models leave the
    # collector's view, so a collection walks only what a document made; and
    # the collector runs as often as in a batch (its full collections walk
    # every object alive: with Python's default thresholds, where the first
    # one falls decides a single doubling's ratio)
    gc.collect()
    gc.freeze()
    from pipeline import batch
    gc.set_threshold(*getattr(batch, "GC_THRESHOLDS", (50_000, 20, 20)))


def measure(pipeline, family: str, sizes: list[int], budget: float = 0.0, repeat: int = 1) -> list[Run]:
    """Runs of one family at each size (each stage's best of ``repeat``)."""
    runs = []
    for size in sizes:
        text = FAMILIES[family](size)
        run = Run(family, size)
        for _ in range(repeat):
            cpu, wall, stopped = time_stages(pipeline, text, budget)
            run.cpu = {k: min(v, run.cpu.get(k, v)) for k, v in cpu.items()}
            run.wall, run.stopped = wall, stopped
            if stopped:
                break
        runs.append(run)
        if run.stopped:
            break
    return runs


def suspects(runs: list[Run], stages: list[str], floor: float,
             max_growth: float = MAX_GROWTH) -> list[tuple[Run, Run]]:
    """The pairs of successive sizes over which some stage grew more than ``max_growth``."""
    over = {k for s in stages for k, r in enumerate(growth(runs, s, floor)) if r is not None and r > max_growth}
    return [(runs[k], runs[k + 1]) for k in sorted(over)]


def confirm(pipeline, runs: list[Run], stages: list[str], floor: float, budget: float = 0.0,
            rounds: int = 3, max_growth: float = MAX_GROWTH) -> list[tuple[int, int]]:
    """Measure again each pair of sizes over which a stage grew too fast: the
    two sizes in turn, ``rounds`` times, each stage keeping its best time of
    a size over all its runs. A size that reads faster then may lift the
    ratio of the doubling before it, which is measured again in turn; each
    pair at most once. Gives the (smaller, larger) sizes measured again."""
    again: list[tuple[int, int]] = []
    while todo := [(a, b) for a, b in suspects(runs, stages, floor, max_growth) if (a.size, b.size) not in again]:
        for a, b in todo:
            again.append((a.size, b.size))
            texts = {run.size: FAMILIES[run.family](run.size) for run in (a, b)}
            for _ in range(rounds):
                for run in (a, b):
                    cpu, _, stopped = time_stages(pipeline, texts[run.size], budget)
                    if not stopped:
                        run.cpu = {k: min(v, run.cpu.get(k, v)) for k, v in cpu.items()}
    return again


def growth(runs: list[Run], stage: str, floor: float) -> list[float | None]:
    """Time ratio per doubling from one size to the next (None where the larger
    run is under ``floor`` seconds, or the stage did not finish)."""
    ratios = []
    for a, b in itertools.pairwise(runs):
        if stage not in a.cpu or stage not in b.cpu or b.stopped == stage or a.stopped == stage:
            ratios.append(None)
        elif b.cpu[stage] < floor:
            ratios.append(None)
        else:
            ratios.append((b.cpu[stage] / max(a.cpu[stage], 1e-9)) ** (1 / math.log2(b.size / a.size)))
    return ratios


def problems(runs: list[Run], stages: list[str], floor: float, max_growth: float = MAX_GROWTH) -> list[str]:
    """What breaks the checks in one family's runs."""
    found = []
    for run in runs:
        if run.stopped:
            found.append(f"{run.family}: {run.stopped} ran past the budget at {run.size:,} characters")
    for stage in stages:
        for (a, b), r in zip(itertools.pairwise(runs), growth(runs, stage, floor)):
            if r is not None and r > max_growth:
                found.append(f"{a.family}: {stage} grew {r:.1f}× per doubling from {a.size:,} to {b.size:,} characters "
                             f"({a.cpu[stage]:.3f} s → {b.cpu[stage]:.3f} s)")
    return found


def _worst(ratios: list[float | None]) -> str:
    known = [r for r in ratios if r is not None]
    return f"{max(known):.2f}" if known else "–"


def table(all_runs: dict[str, list[Run]], stages: list[str], floor: float) -> str:
    """A Markdown table: per family, each stage's worst growth per doubling
    and its CPU seconds at the largest size, and the wall-clock total there."""
    head = "| family | largest | " + " | ".join(stages) + " | wall s |"
    lines = [head, "|---|---:|" + "---:|" * (len(stages) + 1)]
    for family, runs in all_runs.items():
        last = runs[-1]
        cells = []
        for s in stages:
            secs = f"{last.cpu[s]:.2f}" if s in last.cpu else "–"
            cells.append(f"{_worst(growth(runs, s, floor))} ({secs})")
        stop = f" stopped in {last.stopped}" if last.stopped else ""
        lines.append(f"| {family} | {last.size:,}{stop} | " + " | ".join(cells) + f" | {last.wall:.1f} |")
    return "\n".join(lines)


def _arguments(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=125_000, help="the smallest size, in characters")
    p.add_argument("--doublings", type=int, default=3, help="sizes n, 2n, ... 2^k n")
    p.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these (repeatable)")
    p.add_argument("--no-ner", action="store_true", help="the default pipeline, without the NER stage")
    p.add_argument("--full", type=int, default=1_990_000,
                   help="characters of the whole-pipeline wall-clock check (0: skip it)")
    p.add_argument("--budget", type=float, default=120.0, help="seconds before a stage is stopped")
    p.add_argument("--floor", type=float, default=0.05, help="stages under this many seconds are not judged")
    p.add_argument("--repeat", type=int, default=1, help="runs per size; each stage's best counts")
    p.add_argument("--confirm", type=int, default=3,
                   help="rounds of the two sizes around a ratio above the limit, measured again before it counts (0: none)")
    p.add_argument("--tree", type=Path, help="import the pipeline from this checkout instead")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = _arguments(argv)
    pipeline = load_pipeline(not args.no_ner, args.tree)
    stages = pipeline.names
    warm_up(pipeline)
    sizes = [args.n * 2 ** k for k in range(args.doublings + 1)]
    all_runs, found = {}, []
    for family in args.family or FAMILIES:
        runs = measure(pipeline, family, sizes, args.budget, args.repeat)
        all_runs[family] = runs
        if args.confirm:
            for a, b in confirm(pipeline, runs, stages, args.floor, args.budget, args.confirm):
                print(f"{family}: {a:,} and {b:,} measured again", file=sys.stderr, flush=True)
        found += problems(runs, stages, args.floor)
        if args.full and not runs[-1].stopped:
            cpu, wall, stopped = time_stages(pipeline, FAMILIES[family](args.full), WALL_LIMIT)
            if stopped or wall > WALL_LIMIT:
                found.append(f"{family}: {args.full:,} characters took over {WALL_LIMIT:g} s ({stopped or 'all'})")
            print(f"{family}: {args.full:,} characters in {wall:.1f} s", file=sys.stderr, flush=True)
        print(f"{family}: " + ", ".join(f"{r.size:,}: {sum(r.cpu.values()):.2f} s" for r in runs),
              file=sys.stderr, flush=True)
        print(table({family: runs}, stages, args.floor).splitlines()[-1], file=sys.stderr, flush=True)
    print(table(all_runs, stages, args.floor))
    print(f"\nworst growth per doubling (CPU seconds at the largest size); "
          f"stages under {args.floor} s at the larger size not judged")
    for line in found:
        print("FAIL", line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
