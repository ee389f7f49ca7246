"""Extraction time of one long document, in both modes: is time per MB flat?

    .venv/bin/python bench/long_doc.py                 # 0.2, 1, 5 and 20 MB, both modes
    .venv/bin/python bench/long_doc.py --sizes 0.2 1   # quicker

Issue 13 asks that one document of 0.2, 1, 5 and 20 MB extract in time proportional to
its size: seconds per MB within 1.5× of each other. Each document is made of the source
corpora's paragraphs (default ../shared/corpus/seeds and examples/corpus), each
paragraph prefixed with a running number so that no two sentences are the same (the NER
step tags a repeated chunk once, which a real archive rarely offers). Each size and
mode runs in its own child process (``python -m bench.children.one_document``); the
time is the extraction call alone (the model and dictionaries are loaded before). One
markdown table goes to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "examples" / "corpus"]
TARGET_SPREAD = 1.5  # slowest seconds/MB over fastest, at most


def paragraphs(corpora: list[Path]) -> list[str]:
    """The paragraphs of every .txt file of the source corpora."""
    out: list[str] = []
    for folder in corpora:
        if not folder.is_dir():
            print(f"note: {folder} not found, left out", file=sys.stderr)
            continue
        for f in sorted(folder.glob("*.txt")):
            out.extend(p.strip() for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip())
    return out


def make_document(paras: list[str], megabytes: float, path: Path) -> int:
    """A document of about ``megabytes`` MB (UTF-8) with every paragraph made distinct."""
    target = int(megabytes * 1_000_000)
    size, k = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while size < target:
            p = f"{k}. " + paras[k % len(paras)] + "\n\n"
            f.write(p)
            size += len(p.encode("utf-8"))
            k += 1
    return size


def time_one(
    path: Path, size: int, mb: float, mode: str, time_box: float
) -> tuple[tuple, float | None]:
    """Extract the document at ``path`` (``size`` bytes, about ``mb`` MB) in a child
    process: the table row and the seconds per MB (None when it failed or was
    time-boxed)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    print(f"{mode} {mb} MB ...", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.children.one_document", str(path), mode],
            capture_output=True,
            text=True,
            timeout=time_box,
            cwd=ROOT,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return (mode, mb, f"time-boxed after {time_box:.0f} s", "", ""), None
    if proc.returncode != 0:
        return (mode, mb, "failed: " + proc.stderr.strip().splitlines()[-1], "", ""), None
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    per_mb = r["seconds"] / (size / 1e6)
    row = (
        mode,
        mb,
        f"{r['seconds']:.1f} s ({r['chars']:,} characters)",
        f"{per_mb:.2f} s/MB",
        f"{r['entities']} entities, {r['relations']} relations; process "
        f"{time.perf_counter() - t0:.0f} s",
    )
    return row, per_mb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: python bench/long_doc.py --sizes 0.2 1 5 20",
    )
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.2, 1, 5, 20], metavar="MB")
    ap.add_argument("--modes", nargs="+", choices=("fast", "ner"), default=["fast", "ner"])
    ap.add_argument("--corpus", action="append", type=Path, help="source corpus (repeatable)")
    ap.add_argument(
        "--time-box", type=float, default=1800.0, help="seconds one extraction may take"
    )
    opts = ap.parse_args(argv)
    paras = paragraphs(opts.corpus or DEFAULT_CORPORA)
    if not paras:
        print("no source paragraphs found", file=sys.stderr)
        return 1
    rows: list[tuple] = []
    with tempfile.TemporaryDirectory(prefix="unionkg-longdoc-") as tmp:
        docs = {}
        for mb in opts.sizes:
            path = Path(tmp) / f"doc-{mb}.txt"
            docs[mb] = (path, make_document(paras, mb, path))
        for mode in opts.modes:
            per_mb = {}
            for mb in opts.sizes:
                row, seconds_per_mb = time_one(*docs[mb], mb, mode, opts.time_box)
                rows.append(row)
                if seconds_per_mb is not None:
                    per_mb[mb] = seconds_per_mb
            if len(per_mb) >= 2:
                spread = max(per_mb.values()) / min(per_mb.values())
                verdict = "met" if spread <= TARGET_SPREAD else "not met"
                rows.append(
                    (
                        mode,
                        "all",
                        f"slowest/fastest s/MB = {spread:.2f}×",
                        f"≤ {TARGET_SPREAD}×",
                        verdict,
                    )
                )
    print("| mode | MB | extraction | time per MB | notes |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
