"""Issue 16, item 4: progress people can see when stderr is a file or a pipe, JSON lines
for scripts, and nothing with --quiet."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from unionkg.progress import Progress

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
LINE = re.compile(r"^extract: (\d+)/10 documents(, [\d.]+/s)?(, about .+ left|, done in .+)?$")


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_lines_come_every_interval_with_rate_and_time_left():
    clock, out = Clock(), io.StringIO()
    p = Progress(mode="lines", stream=out, interval=5, clock=clock)
    p("extract", 0, 100)
    for done in range(1, 101):
        clock.now += 0.5  # two documents a second
        p("extract", done, 100)
    lines = out.getvalue().splitlines()
    # the start, one line every 5 s (10 documents), and the end
    assert lines[0] == "extract: 0/100 documents"
    assert lines[1] == "extract: 10/100 documents, 2.0/s, about 45 s left"
    assert lines[-1] == "extract: 100/100 documents, 2.0/s, done in 50 s"
    assert len(lines) == 11


def test_json_lines_for_scripts():
    clock, out = Clock(), io.StringIO()
    p = Progress(mode="json", stream=out, interval=5, clock=clock)
    p("extract", 0, 4)
    clock.now += 6
    p("extract", 3, 4)
    clock.now += 2
    p("extract", 4, 4)
    records = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r["done"] for r in records] == [0, 3, 4]
    assert records[1] == {
        "stage": "extract",
        "done": 3,
        "total": 4,
        "elapsed": 6.0,
        "rate": 0.5,
        "seconds_left": 2.0,
    }


def test_a_terminal_gets_the_bar_and_quiet_gets_nothing():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty = Tty()
    Progress(stream=tty)("extract", 1, 2)
    assert tty.getvalue().startswith("\rextract  [") and "1/2" in tty.getvalue()
    quiet = io.StringIO()
    Progress(False, stream=quiet)("extract", 1, 2)
    assert quiet.getvalue() == ""


def _build(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "unionkg", "build", str(EXAMPLES), "--fast", "--no-maps", *args],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,  # stderr is a pipe, as in CI logs
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize("mode", ["default", "json", "quiet"])
def test_progress_when_stderr_is_a_pipe(tmp_path, mode):
    extra = {"default": [], "json": ["--progress", "json"], "quiet": ["--quiet"]}[mode]
    r = _build(tmp_path, "--out", "out", *extra)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    if mode == "quiet":
        assert lines == []
    elif mode == "json":
        records = [json.loads(x) for x in lines]
        assert records[0]["done"] == 0 and records[-1]["done"] == records[-1]["total"] == 10
        assert all(r["stage"] == "extract" for r in records)
    else:
        assert "\r" not in r.stderr and lines and all(LINE.match(x) for x in lines), lines
        assert lines[0] == "extract: 0/10 documents" and "10/10" in lines[-1]
        assert "done in" in lines[-1]
