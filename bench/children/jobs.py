"""``api.extract`` of a folder with ``--jobs N``, timed in the call, writing one hash
per document so that the parent compares outputs without loading them (a big parent
would raise the peak RSS its later children inherit at exec).

    python -m bench.children.jobs FOLDER JOBS HASH_FILE fast|ner
"""

from __future__ import annotations

import hashlib
import json
import sys
import time

from bench.children import done
from extract.reader import read_corpus
from unionkg import api


def main(argv: list[str]) -> None:
    jobs = int(argv[1])
    fast = argv[3:4] == ["fast"]
    docs = list(read_corpus([argv[0]]))
    t1 = time.perf_counter()
    out = list(api.extract(docs, jobs=jobs, fast=fast))
    t2 = time.perf_counter()
    with open(argv[2], "w", encoding="utf-8") as f:
        for r in out:
            text = json.dumps(r, ensure_ascii=False, sort_keys=True)
            f.write(hashlib.sha256(text.encode()).hexdigest() + "\n")
    done(extract=t2 - t1, docs=len(out))


if __name__ == "__main__":
    main(sys.argv[1:])
