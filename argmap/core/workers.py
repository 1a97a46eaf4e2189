"""Worker processes that end with the process that started them.

A program this package starts (Chromium, ChromeDriver) is told so by the kernel: ``preexec_fn=die_with_parent``.

A ``ProcessPoolExecutor`` worker waits on a queue whose writing end it holds itself, so it never sees its parent go
when the parent is killed outright (``kill -9`` of ``argmap class start``, or of a long ``argmap render``): it would
wait for ever. Started with ``initializer=exit_with_parent, initargs=(os.getpid(),)``, it ends within a second of
its parent instead.

>>> from concurrent.futures import ProcessPoolExecutor
>>> import multiprocessing, os
>>> with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
...     pool.submit(os.getppid).result() == os.getpid()
True
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

__all__ = ["die_with_parent", "exit_with_parent"]


def exit_with_parent(parent: int, every: float = 0.5) -> None:
    """Pool initializer: watch, on a daemon thread, that ``parent`` is still this process's parent; end at once when not."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="argmap-exit-with-parent", daemon=True).start()


def die_with_parent() -> None:
    """``preexec_fn`` of a program started with :mod:`subprocess`: the kernel ends it (SIGTERM) when the thread that
    started it ends, even by ``kill -9``. Linux only; elsewhere it does nothing."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
