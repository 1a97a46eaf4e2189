"""Per-client rate limits: a token bucket per (action, client), refilled at a steady rate.

>>> b = Limiter({"send": (2, 1.0)}, clock=iter([0, 0, 0, 1.5]).__next__)
>>> b.wait("send", "s1"), b.wait("send", "s1"), b.wait("send", "s1") > 0, b.wait("send", "s1")
(0.0, 0.0, True, 0.0)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["DEFAULT_LIMITS", "Limiter"]

#: Per action: (burst, tokens per second). A class of 60 behind one address can still join at once;
#: a student can send 10 rows in a burst, then one every 3 seconds, and rate a 40-row round in one go.
DEFAULT_LIMITS: dict[str, tuple[float, float]] = {
    "join": (90, 2.0),
    "check": (30, 4.0),
    "send": (10, 1 / 3),
    "rate": (60, 3.0),
    "read": (60, 4.0),
}


class Limiter:
    """Token buckets; ``wait`` takes a token and returns 0, or returns the seconds to wait for one."""

    def __init__(self, limits: dict[str, tuple[float, float]] | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self._clock = clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}
        self._lock = threading.Lock()

    def wait(self, action: str, client: str) -> float:
        if action not in self.limits:
            return 0.0
        burst, rate = self.limits[action]
        now = self._clock()
        with self._lock:
            tokens, then = self._buckets.get((action, client), (burst, now))
            tokens = min(burst, tokens + (now - then) * rate)
            if tokens >= 1:
                self._buckets[action, client] = (tokens - 1, now)
                return 0.0
            self._buckets[action, client] = (tokens, now)
            if len(self._buckets) > 100_000:  # forget idle clients rather than grow without bound
                self._buckets.clear()
            return (1 - tokens) / rate
