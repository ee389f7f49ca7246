"""The rjieba and jieba segmenters side by side, not timed: same tokens? same
extraction JSON? Document by document.

    python -m bench.children.segmenters FOLDER
"""

from __future__ import annotations

import copy
import json
import sys

from bench.children import done
from extract.pipeline import Extractor
from extract.reader import read_corpus


def main(argv: list[str]) -> None:
    docs = list(read_corpus([argv[0]]))
    a, b = Extractor(segmenter="rjieba"), Extractor(segmenter="jieba")
    same_tokens = same_json = 0
    differ = []
    for d in docs:
        text = d.simplified or d.text
        same_tokens += a.segmenter.cut(text) == b.segmenter.cut(text)
        ja = json.dumps(a(copy.deepcopy(d)).to_json(), ensure_ascii=False, sort_keys=True)
        jb = json.dumps(b(copy.deepcopy(d)).to_json(), ensure_ascii=False, sort_keys=True)
        same_json += ja == jb
        if ja != jb:
            differ.append(d.doc_id)
    done(
        docs=len(docs),
        same_tokens=same_tokens,
        same_json=same_json,
        differ=differ[:20],
        segmenters=[a.segmenter.name, b.segmenter.name],
    )


if __name__ == "__main__":
    main(sys.argv[1:])
