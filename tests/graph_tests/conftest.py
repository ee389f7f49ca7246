"""Shared fixtures for the graph tests: the sample extractions, their graph, and
embedded stores built from them under ``tmp_path``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import graph

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
