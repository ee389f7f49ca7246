"""The synthetic corpus of bench/run.py: runs of consecutive paragraphs of the
source corpora, recombined with a seeded RNG."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from extract.reader import read_corpus


def source_paragraphs(corpora: list[Path]) -> tuple[list[list[str]], list[str]]:
    """Paragraph lists, one per source document (read with extract.reader, so JSONL
    articles count), and notes on corpora that were skipped."""
    notes: list[str] = []
    docs: list[list[str]] = []
    for c in corpora:
        if not c.exists():
            notes.append(f"corpus {c} not found; skipped")
            continue
        for d in read_corpus([c], on_skip=lambda s: notes.append(f"reader skipped {s}")):
            paras = [p.strip() for p in d.text.split("\n") if p.strip()]
            if paras:
                docs.append(paras)
    return docs, notes


def make_corpus(sources: list[list[str]], n: int, folder: Path, seed: int) -> int:
    """Write ``n`` documents of 2–4 runs of 1–4 consecutive paragraphs each (runs keep
    the sentence-to-sentence context the extractor relies on). Returns total bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        parts = []
        for _ in range(rng.randint(2, 4)):
            src = rng.choice(sources)
            k = rng.randint(1, min(4, len(src)))
            start = rng.randrange(len(src) - k + 1)
            parts.extend(src[start : start + k])
        data = ("\n\n".join(parts) + "\n").encode("utf-8")
        (folder / f"doc{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def subset(src: Path, dst: Path, n: int) -> int:
    """Copy the first ``n`` documents of ``src`` into ``dst``; return their bytes."""
    dst.mkdir(parents=True, exist_ok=True)
    total = 0
    for f in sorted(src.iterdir())[:n]:
        shutil.copy(f, dst / f.name)
        total += f.stat().st_size
    return total
