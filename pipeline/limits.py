"""A time limit on one document's extraction, in any thread.

The limit grows with the document: ``seconds`` for every ``CHARS_PER_BUDGET``
characters, and never less than ``seconds``, so a document the size limit
allows is not refused for being long, while a short one that hangs still is.

In a process's main thread the limit is SIGALRM (its handler also reaches a
long regex match, which checks for signals). Elsewhere, as in a Dask worker's
task threads, a timer thread raises the exception in the extracting thread
(``PyThreadState_SetAsyncExc``); it lands between two Python bytecodes.
"""
from __future__ import annotations

import ctypes
import signal
import threading

CHARS_PER_BUDGET = 100_000


class DocumentTimeout(Exception):
    pass


def limit_for(seconds: float, n_chars: int) -> float:
    """The limit for a document of ``n_chars`` characters; 0 means none."""
    if seconds <= 0:
        return 0.0
    return seconds * max(1.0, n_chars / CHARS_PER_BUDGET)


class time_limit:
    """``with time_limit(s):`` raises DocumentTimeout in the body after ``s``
    seconds (0: no limit)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._main = threading.current_thread() is threading.main_thread()
        self._lock = threading.Lock()
        self._fired = self._done = False

    def message(self) -> str:
        return f"extraction took over {self.seconds:g}s"

    def __enter__(self):
        if self.seconds <= 0:
            return self
        if self._main:
            self._old = signal.signal(signal.SIGALRM, self._alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self._thread = threading.get_ident()
            self._timer = threading.Timer(self.seconds, self._raise_in_thread)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        if self.seconds <= 0:
            return False
        if self._main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old)
            return False
        with self._lock:
            self._done = True
            self._timer.cancel()
            if self._fired:  # withdraw it if it has not been raised yet
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), None)
        if exc_type is DocumentTimeout and not (exc and exc.args):
            raise DocumentTimeout(self.message()) from None  # the injected class carries no message
        return False

    def _alarm(self, *_):
        raise DocumentTimeout(self.message())

    def _raise_in_thread(self):
        with self._lock:
            if self._done:
                return
            self._fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), ctypes.py_object(DocumentTimeout))
