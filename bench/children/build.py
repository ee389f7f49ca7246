"""``api.build`` of a folder (jobs 1), startup included.

python -m bench.children.build FOLDER OUT maps|nomaps [fast]
"""

from __future__ import annotations

import sys
import time

from bench.children import T0, done
from unionkg import api


def main(argv: list[str]) -> None:
    t1 = time.perf_counter()
    fast = argv[3:] == ["fast"]
    r = api.build([argv[0]], argv[1], jobs=1, maps=argv[2] == "maps", fast=fast)
    t2 = time.perf_counter()
    done(
        startup=t1 - T0,
        build=t2 - t1,
        seconds=r.seconds,
        documents=r.documents,
        extracted=r.extracted,
        reused=r.reused,
        graph=r.graph,
        maps=len(r.maps),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
