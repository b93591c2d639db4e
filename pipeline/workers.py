"""Worker processes that end with their parent.

A batch's workers must not outlive it: a parent killed with SIGKILL cannot
stop them, and a worker left running would go on committing parts into a
folder that a new run has locked. On Linux the kernel sends each worker
SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere, a
watchdog thread ends the worker once its parent process id changes.
Ctrl-C is the parent's to handle: a worker ignores SIGINT, and the parent
stops the pool.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, poll_seconds: float = 1.0) -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still applies
    if os.getppid() != parent_pid:  # the parent died before the signal was asked for
        os._exit(1)

    def watch():
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def init_worker(parent_pid: int, close_fds: tuple[int, ...] = ()) -> None:
    """The pool's initializer: ignore Ctrl-C, drop inherited descriptors the
    worker must not hold (the output lock), and end with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for fd in close_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    die_with_parent(parent_pid)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """End a pool now: queued chunks are cancelled and running ones killed
    (they were not committed, so a re-run does them again)."""
    processes = list(getattr(pool, "_processes", {}).values())  # the executor has no public handle on them
    for p in processes:
        if p.is_alive():
            p.kill()
    pool.shutdown(wait=True, cancel_futures=True)
    for p in processes:
        p.join(5)
