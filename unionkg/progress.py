"""Progress of long runs on stderr, in the form that suits where stderr goes.

``bar``
    a bar redrawn in place (``\\r``): the default when stderr is a terminal;
``lines``
    one line every few seconds, and at the start and end of a stage: the default when
    stderr is a file or a pipe (CI logs, ``nohup``), where a redrawn bar is noise;
``json``
    the same moments as JSON lines, for scripts;
``none``
    nothing (``--quiet``).

Each report gives the documents done out of the total, the rate and the time left.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import TextIO

MODES = ("auto", "bar", "lines", "json")
INTERVAL = 5.0
"""Seconds between two progress lines (``lines`` and ``json``)."""


def add_progress_options(p: argparse.ArgumentParser) -> None:
    """``--progress`` and ``--quiet``, for the commands that extract."""
    p.add_argument(
        "--progress",
        choices=MODES,
        default="auto",
        help="how to show progress on stderr: a bar on a terminal, a line every "
        f"{INTERVAL:g} s otherwise (auto, the default), or JSON lines for scripts",
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress (errors and skips still shown)"
    )


def _duration(seconds: float) -> str:
    s = int(seconds + 0.5)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


class Progress:
    """A progress callback ``(stage, done, total)`` that writes to ``stream`` (stderr)."""

    def __init__(
        self,
        enabled: bool | None = None,
        *,
        mode: str = "auto",
        stream: TextIO | None = None,
        interval: float = INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is False:
            mode = "none"
        elif mode == "auto":
            isatty = getattr(self.stream, "isatty", lambda: False)
            mode = "bar" if (enabled or isatty()) else "lines"
        self.mode = mode
        self.enabled = mode != "none"
        self.interval = interval
        self.clock = clock
        self.stage = ""
        self.start = self.last = clock()
        self.width = 0  # of the longest bar drawn, to blank what a shorter one leaves

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Progress:
        """The progress the command-line options ask for."""
        if getattr(args, "quiet", False):
            return cls(False)
        return cls(mode=getattr(args, "progress", "auto"))

    def __call__(self, stage: str, done: int, total: int | None = None) -> None:
        if not self.enabled:
            return
        now = self.clock()
        first = stage != self.stage
        if first:
            self.stage, self.start = stage, now
        finished = bool(total) and done >= (total or 0)
        if self.mode == "bar":
            self._bar(stage, done, total, now)
        elif first or finished or now - self.last >= self.interval:
            self.last = now
            self._report(stage, done, total, now)
        self.stream.flush()

    def _rate_and_left(self, done: int, total: int | None, now: float) -> tuple[float, float]:
        elapsed = now - self.start
        rate = done / elapsed if done and elapsed > 0 else 0.0
        left = (total - done) / rate if total and rate else float("nan")
        return rate, left

    def _report(self, stage: str, done: int, total: int | None, now: float) -> None:
        rate, left = self._rate_and_left(done, total, now)
        if self.mode == "json":
            record = {
                "stage": stage,
                "done": done,
                "total": total,
                "elapsed": round(now - self.start, 3),
                "rate": round(rate, 3),
                "seconds_left": None if left != left else round(left, 1),
            }
            self.stream.write(json.dumps(record) + "\n")
            return
        line = f"{stage}: {done}/{total} documents" if total else f"{stage}: {done} documents"
        if rate:
            line += f", {rate:.1f}/s"
        if left == left and done < (total or 0):
            line += f", about {_duration(left)} left"
        elif total and done >= total:
            line += f", done in {_duration(now - self.start)}"
        self.stream.write(line + "\n")

    def _bar(self, stage: str, done: int, total: int | None, now: float) -> None:
        if total:
            width = 30
            filled = int(width * done / max(total, 1))
            line = f"{stage:8s} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
            rate, left = self._rate_and_left(done, total, now)
            if left == left and done < total:
                line += f" ({_duration(left)} left) "
        else:
            line = f"{stage:8s} {done}"
        self.width = max(self.width, len(line))
        self.stream.write("\r" + line.ljust(self.width))
        if total and done >= total:
            self.stream.write("\n")
