"""Extraction time of one (long) document, the call alone: the model and dictionaries
are loaded, and a short document extracted, before the clock starts.

    python -m bench.children.one_document FILE fast|ner
"""

from __future__ import annotations

import json
import sys
import time

from extract.pipeline import Extractor
from extract.records import Document


def main(argv: list[str]) -> None:
    ex = Extractor(fast=argv[1] == "fast")
    ex(Document("warm", "本报讯 嘉兴市总工会打造“连心舱”。"))
    with open(argv[0], encoding="utf-8") as f:
        text = f.read()
    t = time.perf_counter()
    x = ex(Document("long", text))
    dt = time.perf_counter() - t
    figures = {
        "seconds": dt,
        "chars": len(text),
        "entities": len(x.entities),
        "relations": len(x.relations),
        "outcomes": len(x.outcomes),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
