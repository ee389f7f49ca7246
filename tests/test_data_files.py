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
