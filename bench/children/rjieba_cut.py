"""``rjieba.cut`` over every file of a folder, startup included.

python -m bench.children.rjieba_cut FOLDER
"""

from __future__ import annotations

import sys
import time

import rjieba

from bench.children import T0, done, read_texts


def main(argv: list[str]) -> None:
    rjieba.cut("预热")  # loads the dictionary
    t1 = time.perf_counter()
    texts = read_texts(argv[0])
    t2 = time.perf_counter()
    words = 0
    for t in texts:
        words += len(rjieba.cut(t))
    t3 = time.perf_counter()
    done(startup=t1 - T0, read=t2 - t1, cut=t3 - t2, words=words)


if __name__ == "__main__":
    main(sys.argv[1:])
