"""Single-process extraction of a folder, startup included.

python -m bench.children.extraction FOLDER SEGMENTER|- fast|ner
"""

from __future__ import annotations

import sys
import time

from bench.children import T0, done
from extract.pipeline import Extractor
from extract.reader import read_corpus


def main(argv: list[str]) -> None:
    folder, segmenter, mode = argv[0], argv[1] if len(argv) > 1 else "-", argv[2:3]
    ex = Extractor(segmenter=segmenter if segmenter != "-" else None, fast=mode == ["fast"])
    t1 = time.perf_counter()
    docs = list(read_corpus([folder]))
    t2 = time.perf_counter()
    n = 0
    for d in docs:
        x = ex(d)
        n += len(x.entities)
    t3 = time.perf_counter()
    done(
        startup=t1 - T0,
        read=t2 - t1,
        extract=t3 - t2,
        docs=len(docs),
        entities=n,
        segmenter=ex.segmenter.name,
        chars=sum(len(d.text) for d in docs),
        mode="fast" if ex.fast else "ner",
    )


if __name__ == "__main__":
    main(sys.argv[1:])
