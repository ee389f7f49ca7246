"""Every Cypher example in docs/schema.md and docs/cypher.md runs on the embedded
store built from the fixture, and returns rows unless marked ``// may be empty``.

Fences: ``cypher`` (both stores) and ``cypher ladybug`` run here; ``cypher neo4j``
blocks run only in tests/neo4j_live/test_neo4j_live.py. A ``// params: {json}``
line gives the parameters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
FENCE = re.compile(r"^```cypher( [a-z0-9]+)?\n(.*?)^```", re.M | re.S)


def cypher_blocks(dialect: str) -> list[tuple[str, str, str]]:
    """``(doc name, info, text)`` of the blocks that run on ``dialect`` (ladybug or neo4j)."""
    out = []
    for doc in ("schema.md", "cypher.md"):
        for m in FENCE.finditer((DOCS / doc).read_text(encoding="utf-8")):
            info = (m.group(1) or "").strip()
            if info in ("", dialect):
                out.append((doc, info or "cypher", m.group(2).strip()))
    return out


def params_of(text: str) -> dict:
    m = re.search(r"^// params: (\{.*\})$", text, re.M)
    return json.loads(m.group(1)) if m else {}


BLOCKS = cypher_blocks("ladybug")


def test_the_cookbook_has_at_least_15_questions():
    cookbook = (DOCS / "cypher.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^## \d+\.", cookbook, re.M)) >= 15
    assert sum(doc == "cypher.md" for doc, _, _ in BLOCKS) >= 15


@pytest.mark.parametrize(
    "doc,info,text", BLOCKS, ids=[f"{d}:{i}" for i, (d, _, _) in enumerate(BLOCKS)]
)
def test_doc_query_runs_on_the_fixture_store(ro_store, doc, info, text):
    rows = ro_store.query(text, params_of(text))
    json.dumps(rows, ensure_ascii=False)
    if "// may be empty" not in text:
        assert rows, f"{doc}: this example returned no rows on the fixture:\n{text}"
