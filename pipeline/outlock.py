"""One batch at a time per output folder.

An exclusive ``flock`` on ``OUT/.lock``: the kernel drops it when the holding
process ends, however it ends, so a killed run never leaves the folder locked.
The file keeps the holder's pid and start time, for the refusal message.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path

LOCK_NAME = ".lock"


class OutputBusy(RuntimeError):
    """Another batch is writing to this output folder."""


class OutLock:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.fd: int | None = None

    def __enter__(self) -> "OutLock":
        fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise OutputBusy(f"another batch{holder} is writing to {self.folder}; wait for it to end, "
                             "or give this one another --out") from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}).encode())
        self.fd = fd
        return self

    def __exit__(self, *exc) -> bool:
        if self.fd is not None:
            os.close(self.fd)  # the file stays: removing it would race with the next run opening it
            self.fd = None
        return False


def _holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f" (pid {info['pid']}, started {info['started']})"
    except (OSError, ValueError, KeyError, TypeError):
        return ""
