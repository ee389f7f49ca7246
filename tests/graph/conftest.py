"""Shared fixtures for the graph tests: the sample extractions, their graph, and
embedded stores built from them under ``tmp_path``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

# tests/conftest.py puts tests/ on sys.path, where tests/graph/ would shadow the graph
# package as a namespace package (the editable install's finder comes later); put the
# repository first so `import graph` is the real package.
REPO = Path(__file__).resolve().parents[2]
if sys.path[:1] != [str(REPO)]:
    sys.path.insert(0, str(REPO))

import graph  # noqa: E402

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sample_extractions.jsonl"


@pytest.fixture(scope="session")
def extractions() -> list[dict]:
    return list(graph.load_extractions(FIXTURE))


@pytest.fixture()
def G(extractions):
    return graph.build_graph(json.loads(json.dumps(extractions)))


@pytest.fixture()
def store(tmp_path, G):
    with graph.open_store(tmp_path / "out") as s:
        s.write(G)
        yield s


@pytest.fixture(scope="session")
def ro_store_dir(tmp_path_factory, extractions):
    """An output directory holding the fixture graph, for read-only stores."""
    out = tmp_path_factory.mktemp("ro") / "out"
    with graph.open_store(out) as s:
        s.write(graph.build_graph(extractions))
    return out


@pytest.fixture(scope="session")
def ro_store(ro_store_dir):
    s = graph.open_store(ro_store_dir, read_only=True)
    yield s
    s.close()
