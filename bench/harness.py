"""What every measurement of bench/run.py shares: running a child program and reading
its figures (:func:`run_child`), one run's state (:class:`Bench`: the table's rows,
the raw figures, other processes' CPU share), and facts about the machine and sources.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILDREN = "bench.children"  # the package of the child programs, run with python -m

Row = tuple[str, str, str, str]  # measure, figure, target, verdict


class ChildFailed(Exception):
    """A child process exited with an error or ran out of time."""


def run_child(name: str, *args: object, timeout: float) -> dict:
    """Run ``python -m bench.children.<name> args``; return its JSON plus ``wall``
    seconds, ``cpu`` seconds and the child's own ``maxrss_kb`` from ``wait4``. Raises
    ChildFailed with the reason."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("UNIONKG_SEGMENTER", None)  # measure the project's default segmenter
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(
            [sys.executable, "-m", f"{CHILDREN}.{name}", *map(str, args)],
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env=env,
        )
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                os.wait4(p.pid, 0)
                p.returncode = -9
                raise ChildFailed(f"time-boxed: stopped after {timeout:.0f} s")
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = (
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )
    if p.returncode != 0:
        tail = stderr.strip().splitlines()[-1:] or ["(no message)"]
        raise ChildFailed(f"exit {p.returncode}: {tail[0]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["wall"] = wall
    result["cpu"] = usage.ru_utime + usage.ru_stime
    result["maxrss_kb"] = usage.ru_maxrss
    return result


# --------------------------------------------------------------------------- helpers


def cpu_busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (all CPUs, /proc/stat)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def source_fingerprint() -> str:
    """A hash of the project's sources (the bench's child programs included, its
    results not), to notice code edited during a run."""
    h = hashlib.sha256()
    for pkg in ("extract", "graph", "viz", "unionkg", "bench"):
        for f in sorted((ROOT / pkg).rglob("*")):
            if "results" in f.relative_to(ROOT).parts[1:2]:
                continue
            if f.is_file() and f.suffix in (
                ".py",
                ".js",
                ".html",
                ".css",
                ".jsonl",
                ".csv",
                ".json",
            ):
                h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "memory": mem,
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def mib(kb: int) -> str:
    return f"{kb / 1024:.0f} MiB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "not met")


# --------------------------------------------------------------------------- one run


@dataclass
class Bench:
    """One run of the bench: its options, corpus folders, the rows of the table, the
    raw measurements, and the other processes' CPU share during each measurement."""

    opts: argparse.Namespace
    work: Path
    size: int  # bytes of the N-document corpus
    size_q: int  # bytes of the N/4-document corpus
    notes: list[str]
    t_start: float = field(default_factory=time.perf_counter)
    raw: dict = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    others: dict[str, float] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return int(self.opts.docs)

    @property
    def q(self) -> int:
        return max(1, self.n // 4)

    @property
    def kb(self) -> float:
        return self.size / 1024

    @property
    def corpus(self) -> Path:
        return self.work / "corpus"

    @property
    def corpus_q(self) -> Path:
        return self.work / "corpus-quarter"

    @property
    def corpus_1(self) -> Path:
        return self.work / "corpus-one"

    @property
    def out1(self) -> Path:
        """The first build's output folder."""
        return self.work / "out"

    def row(self, measure: str, figure: str, target: str = "", result: str = "") -> None:
        self.rows.append((measure, figure, target, result))

    def measure(
        self,
        key: str,
        child: str,
        *args: object,
        repeat: int = 1,
        best: str = "wall",
        watch: bool = True,
    ) -> dict:
        """Run a child ``repeat`` times; keep the run with the lowest ``best``."""
        runs: list[dict] = []
        for i in range(repeat):
            print(
                f"[{time.perf_counter() - self.t_start:6.1f} s] {key} {i + 1}/{repeat} ...",
                file=sys.stderr,
                flush=True,
            )
            busy0 = cpu_busy_seconds()
            try:
                runs.append(run_child(child, *args, timeout=self.opts.time_box))
            except ChildFailed as exc:
                runs.append({"error": str(exc)})
                break
            busy1 = cpu_busy_seconds()
            # the browser's own Chromium processes are not the child's reaped children
            if watch and busy0 is not None and busy1 is not None:
                other = max(0.0, busy1 - busy0 - runs[-1]["cpu"])
                share = other / (runs[-1]["wall"] * (os.cpu_count() or 1))
                runs[-1]["other_cpu_share"] = round(share, 3)
                self.others[f"{key}#{i + 1}"] = share
        good = [r for r in runs if "error" not in r]
        self.raw[key] = dict(min(good, key=lambda r: r[best]), runs=runs) if good else runs[-1]
        return self.raw[key]

    def rate(self, r: dict, key: str = "wall") -> str:
        return f"{self.kb / r[key]:.0f} KB/s ({r[key]:.2f} s)" if "error" not in r else r["error"]
