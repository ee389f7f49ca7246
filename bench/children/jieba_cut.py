"""``jieba.cut`` over every file of a folder, startup included: the baseline the
extraction is compared with.

    python -m bench.children.jieba_cut FOLDER hmm|nohmm
"""

from __future__ import annotations

import logging
import sys
import time

import jieba

from bench.children import T0, done, read_texts


def main(argv: list[str]) -> None:
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    hmm = argv[1] == "hmm"
    t1 = time.perf_counter()
    texts = read_texts(argv[0])
    t2 = time.perf_counter()
    words = 0
    for t in texts:
        for _w in jieba.cut(t, HMM=hmm):
            words += 1
    t3 = time.perf_counter()
    done(startup=t1 - T0, read=t2 - t1, cut=t3 - t2, words=words)


if __name__ == "__main__":
    main(sys.argv[1:])
