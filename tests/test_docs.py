"""The docs match the code: docs/cli.md is the parser's help (regenerate it with
``.venv/bin/python tests/test_docs.py``), the Cypher blocks of docs/*.md run, and
the example in docs/api.md runs.

docs/schema.md and docs/cypher.md are covered by tests/graph_tests/test_docs_queries.py
(on the fixture graph); here every other docs file, on a build of the seeds and
examples/corpus."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
CLI_MD = DOCS / "cli.md"
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.M | re.S)
COVERED_ELSEWHERE = {"schema.md", "cypher.md"}  # tests/graph_tests/test_docs_queries.py

if str(REPO) not in sys.path[:1]:  # when run as a script from tests/
    sys.path.insert(0, str(REPO))

from unionkg.cli import make_parser  # noqa: E402


def _subparsers(parser):
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices


def _help(parser) -> str:
    # a fixed width, so the file does not depend on the terminal it was made in
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "88"
    try:
        return parser.format_help().rstrip() + "\n"
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


def render_cli_md() -> str:
    """docs/cli.md, made from the parser."""
    parser = make_parser()
    parts = [
        "# Command line reference\n",
        "<!-- Generated from the parser by tests/test_docs.py (render_cli_md); do not edit by hand.\n"
        "     Regenerate: .venv/bin/python tests/test_docs.py -->\n",
        "`unionkg` has one command per step; each is a thin layer over a function of\n"
        "`unionkg.api` (docs/api.md). Known errors are printed as one line on stderr\n"
        "with exit status 1; bad arguments too. `python -m unionkg` works the same.\n",
        "Commands: "
        + ", ".join(f"[`{name}`](#unionkg-{name})" for name in _subparsers(parser))
        + ".\n",
        "## unionkg\n",
        "```\n" + _help(parser) + "```\n",
    ]
    for name, sub in _subparsers(parser).items():
        parts.append(f"## unionkg {name}\n")
        parts.append("```\n" + _help(sub) + "```\n")
    return "\n".join(parts)


def test_cli_md_is_the_current_help():
    assert CLI_MD.read_text(encoding="utf-8") == render_cli_md(), (
        "docs/cli.md is stale: run .venv/bin/python tests/test_docs.py"
    )


@pytest.mark.parametrize("command", list(_subparsers(make_parser())))
def test_every_command_is_documented(command):
    text = CLI_MD.read_text(encoding="utf-8")
    assert f"## unionkg {command}\n" in text
    assert _help(_subparsers(make_parser())[command]) in text


# -- Cypher blocks ----------------------------------------------------------------------------
def cypher_blocks() -> list[tuple[str, str]]:
    out = []
    for doc in sorted(DOCS.glob("*.md")):
        if doc.name in COVERED_ELSEWHERE:
            continue
        for m in FENCE.finditer(doc.read_text(encoding="utf-8")):
            dialect = m.group(2).strip()
            if m.group(1) == "cypher" and dialect in ("", "ladybug"):
                out.append((doc.name, m.group(3).strip()))
    return out


BLOCKS = cypher_blocks()


def test_there_are_cypher_blocks_to_check():
    assert BLOCKS


@pytest.mark.parametrize("doc,text", BLOCKS, ids=[f"{d}:{i}" for i, (d, _) in enumerate(BLOCKS)])
def test_cypher_block_runs(full_built, doc, text):
    from graph import open_store

    m = re.search(r"^// params: (\{.*\})$", text, re.M)
    with open_store(full_built, read_only=True) as store:
        rows = store.query(text, json.loads(m.group(1)) if m else {})
    if "// may be empty" not in text:
        assert rows, f"{doc}: no rows from\n{text}"


# -- the example in docs/api.md -----------------------------------------------------------------
def python_blocks(doc: str) -> str:
    text = (DOCS / doc).read_text(encoding="utf-8")
    return "\n".join(m.group(3) for m in FENCE.finditer(text) if m.group(1) == "python")


@pytest.mark.slow
@pytest.mark.slow
def test_api_md_example_runs(tmp_path, monkeypatch):
    code = python_blocks("api.md")
    assert "api.build(" in code and "api.remove(" in code
    shutil.copytree(REPO / "examples" / "corpus", tmp_path / "examples" / "corpus")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(DOCS / "api.md"), "exec"), {"__name__": "__docs__"})
    assert "documents," in out.getvalue()
    assert (tmp_path / "out" / "maps" / "index.html").exists()
    assert (tmp_path / "step" / "graph.graphml").exists()
    assert not (REPO / "step").exists()


if __name__ == "__main__":
    CLI_MD.write_text(render_cli_md(), encoding="utf-8")
    print(f"wrote {CLI_MD}")
