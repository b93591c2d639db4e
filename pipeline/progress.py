"""A batch's progress on a terminal: documents done of the total, percentage,
rate, time left and errors so far (drawn by tqdm).

The total is counted while the run starts, in a background thread, so a big
input does not delay the first document: the files of a folder, the lines of
JSON Lines, the records of a CSV file, a Parquet file's row count from its
metadata. Until it is known (and for a .json file) the display shows the
count and the rate without a percentage.
"""
from __future__ import annotations

import csv
import io
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Progress:
    """Where a run stands: what this run has done, and how much it has to do."""

    documents: int          # extracted by this run
    errors: int             # error rows written by this run
    skipped: int            # already in the output from an earlier run
    seconds: float          # since the first document
    total: int | None = None  # documents this run will handle, when known

    @property
    def done(self) -> int:
        return self.documents + self.errors


def count_inputs(source: Path, encoding: str | None = None) -> int | None:
    """How many documents ``source`` holds, or None when that cannot be told
    without parsing it all (a .json file)."""
    from .inputs import txt_files

    source = Path(source)
    suffix = source.suffix.lower()
    if source.is_dir():
        return len(txt_files(source))
    if suffix == ".jsonl":
        return _count_lines(source)
    if suffix == ".csv":
        return _count_csv_records(source, encoding)
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(source).metadata.num_rows
    return 1 if source.is_file() and suffix != ".json" else None


def _count_lines(path: Path) -> int:
    """Lines that are not blank (a blank line is not a record)."""
    lines = blank = 0
    last = b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            lines += chunk.count(b"\n")
            blank += (last + chunk).count(b"\n\n")
            last = chunk[-1:]
    return lines + (last != b"\n") - blank


def _count_csv_records(path: Path, encoding: str | None) -> int:
    from .records import csv_encoding

    csv.field_size_limit(sys.maxsize)
    with open(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=csv_encoding(path, encoding).codec, errors="surrogateescape",
                                newline="")
        try:
            return max(sum(1 for _ in csv.reader(text)) - 1, 0)  # the header is no record
        except csv.Error:
            return 0


class InputCount:
    """``count_inputs`` in a background thread; ``value`` is None until it is done."""

    def __init__(self, source: Path, encoding: str | None = None):
        self.value: int | None = None
        self._thread = threading.Thread(target=self._count, args=(source, encoding), daemon=True,
                                        name="count-inputs")
        self._thread.start()

    def _count(self, source: Path, encoding: str | None) -> None:
        try:
            self.value = count_inputs(source, encoding)
        except Exception:  # noqa: BLE001 - a total is a nicety; the run reports the input's real problem
            self.value = None

    def wait(self, seconds: float) -> None:
        self._thread.join(seconds)

    def left(self, already_done: int, limit: int | None) -> int | None:
        """Documents this run will handle: the input's less those an earlier run
        did, at most ``limit``."""
        if self.value is None:
            return None
        left = max(self.value - already_done, 0)
        return left if limit is None else min(left, limit)


class ProgressBar:
    """The progress display: call it with each ``Progress``; ``close`` at the end.
    Only for a terminal: ``for_terminal`` gives None otherwise."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self._bar = None

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None, quiet: bool = False) -> "ProgressBar | None":
        stream = stream or sys.stderr
        return None if quiet or not stream.isatty() else cls(stream)

    def __call__(self, p: Progress) -> None:
        if self._bar is None:
            from tqdm import tqdm

            # a terminal that reports no size (a fresh pseudo-terminal) is taken
            # as 80x24: tqdm would take it as no room and draw nothing
            size = shutil.get_terminal_size()
            self._bar = tqdm(total=p.total, unit=" docs", file=self.stream, mininterval=0.5, smoothing=0.05,
                             ncols=size.columns, nrows=size.lines, postfix=f"{p.errors:,} errors")
        bar = self._bar
        if p.total is not None and bar.total != p.total:
            bar.total = max(p.total, p.done)
        extra = f", {p.skipped:,} already done" if p.skipped else ""
        bar.set_postfix_str(f"{p.errors:,} errors{extra}", refresh=False)
        bar.update(p.done - bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
