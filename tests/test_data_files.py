"""Knowledge is data: every data file the code reads (cue words, role words, tails, units,
lexicons, thresholds) opens with a header that says what it holds and where the knowledge
comes from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_FILES = sorted(
    p
    for folder in ("extract/data", "graph/data", "viz/data")
    for p in (ROOT / folder).iterdir()
    if p.suffix in (".txt", ".jsonl")
    and p.name.isascii()
    and "LICENSE" not in p.name
    and "NOTICE" not in p.name
)


def test_the_data_folders_hold_files():
    assert len(DATA_FILES) >= 12


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_data_file_opens_with_a_header_naming_its_source(path):
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lower())
    text = " ".join(header)
    assert len(header) >= 2, f"{path.name}: no header of comment lines"
    named = re.search(r"source|comes? from", text)
    assert named, f"{path.name}: the header says not where its knowledge comes from"


@pytest.mark.parametrize(
    "path",
    [p for p in DATA_FILES if p.suffix == ".txt"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_a_section_is_written_once_and_holds_no_entry_twice(path):
    # a second [section] of the same name is merged into the first when read, so a copy
    # pasted twice passes unseen; say where
    seen: dict[str, int] = {}
    entries: dict[str, set[str]] = {}
    section = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if m := re.fullmatch(r"\[([^\]]+)\]", line.strip()):
            section = m[1]
            assert section not in seen, (
                f"{path.name}:{n}: [{section}] again (first at line {seen[section]})"
            )
            seen[section] = n
            entries[section] = set()
        elif section and line.strip() and not line.startswith("#"):
            assert line.strip() not in entries[section], (
                f"{path.name}:{n}: {line.strip()!r} twice in [{section}]"
            )
            entries[section].add(line.strip())
