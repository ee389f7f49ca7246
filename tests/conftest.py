"""Shared fixtures: one build of the sample corpus per session, the ../shared folder,
and ``run()``, which calls the CLI in-process like a test runner (exit code, stdout,
stderr)."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
SHARED = REPO.parent / "shared"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run(*args) -> Result:
    """``unionkg ARGS…`` in this process; argparse exits become exit codes."""
    from unionkg.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def cli():
    return run


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared not found (tests that read the seed corpus need it beside the repo)")
    return SHARED


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """``unionkg build examples/corpus`` into a session tmp dir (read it, don't change it)."""
    out = tmp_path_factory.mktemp("built") / "out"
    r = run("build", EXAMPLES, "--out", out)
    assert r.exit_code == 0, r.stderr
    return out


@pytest.fixture(scope="session")
def seeds_built(tmp_path_factory, shared_dir) -> Path:
    """``unionkg build ../shared/corpus/seeds --no-maps`` (read it, don't change it)."""
    out = tmp_path_factory.mktemp("seeds") / "out"
    r = run("build", shared_dir / "corpus" / "seeds", "--out", out, "--no-maps")
    assert r.exit_code == 0, r.stderr
    return out


@pytest.fixture(scope="session")
def full_built(tmp_path_factory, shared_dir) -> Path:
    """``unionkg build ../shared/corpus/seeds examples/corpus`` (read it, don't change it)."""
    out = tmp_path_factory.mktemp("full") / "out"
    r = run("build", shared_dir / "corpus" / "seeds", EXAMPLES, "--out", out, "--no-maps")
    assert r.exit_code == 0, r.stderr
    return out
