"""Issue 14: extraction is deterministic in both modes. Two runs with different
``PYTHONHASHSEED``, and ``--jobs 1`` against ``--jobs 2``, write byte-identical
extractions, with the NER model (default) and without it (``--fast``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
SHARED = REPO.parent / "shared"


def _extract(out: Path, *, seed: str, jobs: int, fast: bool) -> bytes:
    corpus = [str(EXAMPLES)]
    if (SHARED / "corpus" / "dev2").is_dir():
        corpus.append(str(SHARED / "corpus" / "dev2"))
    env = {**os.environ, "PYTHONHASHSEED": seed}
    cmd = [
        sys.executable,
        "-m",
        "unionkg.cli",
        "extract",
        *corpus,
        "-o",
        str(out),
        "--jobs",
        str(jobs),
    ]
    if fast:
        cmd.append("--fast")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("fast", [False, True], ids=["ner", "fast"])
def test_hash_seed_and_jobs_do_not_change_the_bytes(tmp_path, fast):
    a = _extract(tmp_path / "a.jsonl", seed="1", jobs=1, fast=fast)
    b = _extract(tmp_path / "b.jsonl", seed="2", jobs=2, fast=fast)
    assert a == b
    assert a.count(b"\n") >= 10


@pytest.mark.slow
def test_the_modes_differ_and_say_so(tmp_path):
    """The mode is part of the extractor version, so a build notices a switch."""
    import json

    ner = _extract(tmp_path / "n.jsonl", seed="0", jobs=1, fast=False).decode("utf-8").splitlines()
    fast = _extract(tmp_path / "f.jsonl", seed="0", jobs=1, fast=True).decode("utf-8").splitlines()
    v_ner = {json.loads(x)["source"]["extractor"] for x in ner}
    v_fast = {json.loads(x)["source"]["extractor"] for x in fast}
    assert len(v_ner) == len(v_fast) == 1 and v_ner != v_fast
