"""Every documented example command runs in bash, as written (issue 16, item 5).

The examples are collected from the parser's ``--help`` epilogs, from docs/cli.md
and from the ``bash`` blocks of README.md, and run one by one with ``bash -c`` in a
scratch folder that looks like a checkout: ``examples/corpus`` copied, ``../shared``
a link to the shared corpora, ``.venv/bin/unionkg`` the installed command. The build
examples run first (the first one builds ``out``; the others find it unchanged), the
``remove`` examples last, then ``restore``; README's ``python`` blocks after them.
Besides: every option has help text, every example line fits an 80-column terminal,
and the README's command table lists every command.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from unionkg.cli import make_parser

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
UNIONKG = Path(sys.executable).parent / "unionkg"

NOT_RUN = (
    re.compile(r"^python3 -m venv \.venv$"),
    re.compile(r"^\.venv/bin/pip install "),
    re.compile(r"^\.venv/bin/python -m pytest"),
    re.compile(r"^NEO4J_URI=\S+ NEO4J_PASSWORD=\S+ \.venv/bin/python -m pytest"),
)
"""README commands that are not unionkg examples (installing, running the tests)."""


def _subparsers(parser):
    return next(a for a in parser._actions if a.dest == "command").choices


def _commands(lines: list[str]) -> list[str]:
    """Shell commands of ``lines``: a line ending in a backslash, or inside an open
    single-quoted string, goes on with the next; comment lines are dropped."""
    out: list[str] = []
    cur = ""
    for line in lines:
        if not cur and (not line.strip() or line.lstrip().startswith("#")):
            continue
        cur = f"{cur}\n{line}" if cur else line.strip()
        if cur.endswith("\\") or cur.count("'") % 2:
            continue
        out.append(cur)
        cur = ""
    assert not cur, f"an example does not end: {cur!r}"
    return out


def _epilog_lines(text: str) -> list[str]:
    """The indented lines after ``example:`` / ``examples:`` up to the next blank line."""
    lines, taking = [], False
    for line in text.splitlines():
        if line.rstrip() in ("example:", "examples:"):
            taking = True
        elif taking and line.startswith("  "):
            lines.append(line[2:])
        else:
            taking = False
    return lines


def help_examples() -> list[str]:
    parser = make_parser()
    texts = [parser.epilog or ""] + [sp.epilog or "" for sp in _subparsers(parser).values()]
    return [c for t in texts for c in _commands(_epilog_lines(t))]


def cli_md_examples() -> list[str]:
    return _commands(_epilog_lines((REPO / "docs" / "cli.md").read_text(encoding="utf-8")))


def readme_commands() -> tuple[list[str], list[str]]:
    """(unionkg commands, other commands) of README.md's ``bash`` blocks; a line
    ``a && b`` is two commands."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```bash\n(.*?)^```", text, re.M | re.S)
    run, other = [], []
    for block in blocks:
        for cmd in _commands(block.splitlines()):
            for part in (p.strip() for p in cmd.split(" && ")):
                first = part.split()[0]
                (run if first in ("unionkg", ".venv/bin/unionkg") else other).append(part)
    return run, other


def examples() -> list[str]:
    seen: dict[str, None] = {}
    for cmd in help_examples() + cli_md_examples() + readme_commands()[0]:
        seen.setdefault(cmd)
    order = {"build": 0, "remove": 2, "restore": 3}  # restore puts back what remove took out
    return sorted(seen, key=lambda c: order.get(c.split()[1], 1))


EXAMPLES = examples()


def test_the_examples_were_found():
    names = {c.split()[1] for c in EXAMPLES}
    assert set(_subparsers(make_parser())) <= names, "every command has an example"
    assert set(cli_md_examples()) == set(help_examples())


def test_readme_commands_are_examples_or_known_set_up_steps():
    for cmd in readme_commands()[1]:
        assert any(p.search(cmd) for p in NOT_RUN), f"README command neither run nor known: {cmd}"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("examples")
    repo = root / "repo"
    shutil.copytree(REPO / "examples" / "corpus", repo / "examples" / "corpus")
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "unionkg").symlink_to(UNIONKG)
    if SHARED.is_dir():
        (root / "shared").symlink_to(SHARED)
    return repo


def _bash(cmd: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{UNIONKG.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("NEO4J_URI", None)
    return subprocess.run(
        ["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
@pytest.mark.parametrize("cmd", EXAMPLES)
def test_example_runs_as_written(scratch, cmd):
    if "../shared" in cmd and not SHARED.is_dir():
        pytest.skip("../shared not found (this example reads the seed corpus)")
    before = {p for p in scratch.rglob("*")}
    r = _bash(cmd, scratch)
    assert r.returncode == 0, f"{cmd}\nexit {r.returncode}\n{r.stderr[-2000:]}"
    assert "error" not in r.stderr.lower() and "Traceback" not in r.stderr, r.stderr
    made = {p for p in scratch.rglob("*")} - before
    if "--format json" in cmd and " -o " not in cmd:
        assert json.loads(r.stdout), f"{cmd}: empty JSON"
    elif " query " in f" {cmd} " and " -o " in cmd:  # it names the file it wrote
        written = scratch / r.stdout.strip()
        assert written.is_file() and written.stat().st_size > 0, f"{cmd}: {r.stdout!r}"
    elif " query " in f" {cmd} ":
        assert re.search(r"\(\d+ rows?\)", r.stdout) and "(0 rows)" not in r.stdout, r.stdout
    else:
        assert r.stdout.strip() or made, f"{cmd}: printed and wrote nothing"


@pytest.mark.slow
def test_readme_python_runs_as_written(scratch):
    """The README's ``python`` blocks, in the scratch folder once ``out`` is built."""
    if not (scratch / "out").is_dir():  # when run alone, without the build example
        assert _bash("unionkg build examples/corpus --out out", scratch).returncode == 0
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)
    assert blocks
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for block in blocks:
        r = subprocess.run(
            [sys.executable, "-c", block], cwd=scratch, env=env, capture_output=True, text=True
        )
        assert r.returncode == 0, f"{block}\n{r.stderr[-2000:]}"
        assert r.stdout.strip(), f"{block}: printed nothing"


# -- the help itself ---------------------------------------------------------------------------
def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("name", list(_subparsers(make_parser())))
def test_every_option_and_argument_has_help(name):
    sub = _subparsers(make_parser())[name]
    for action in sub._actions:
        assert action.help and action.help.strip(), (
            f"{name}: {action.option_strings or action.dest}"
        )


def test_every_example_line_fits_80_columns():
    parser = make_parser()
    for text in [parser.epilog or ""] + [sp.epilog or "" for sp in _subparsers(parser).values()]:
        for line in text.splitlines():
            assert _display_width(line) <= 80, f"too wide for a terminal: {line!r}"


def test_a_query_example_keeps_its_parameters_from_the_shell():
    for cmd in EXAMPLES:
        if " query " in f" {cmd} " and "$" in cmd:
            cypher = cmd.split("'")[1]
            assert "$" in cypher, f"$ outside single quotes: {cmd}"
            assert '"' not in cmd.split("'")[0], f"double quotes around the query: {cmd}"


def test_the_readme_table_lists_every_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in _subparsers(make_parser()):
        assert re.search(rf"^\| `unionkg {name}\b", readme, re.M), f"{name} missing"
