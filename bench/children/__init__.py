"""The programs the benchmarks time, one module each, run as child processes:

    python -m bench.children.<name> ARG ...

with the project's root as the working directory and on ``PYTHONPATH``. Each prints
one JSON object as its last line of stdout. Importing this package records ``T0``
before the child module's own imports run, so a child's ``startup`` figure counts
them (the interpreter's own start is in the parent's ``wall``).

Nothing here is imported by the parent (``bench/run.py``): a parent that imported
the project would grow, and its children inherit its peak RSS at exec.
"""

from __future__ import annotations

import json
import os
import resource
import time
from typing import Any

T0 = time.perf_counter()


def done(**figures: Any) -> None:
    """Print ``figures`` plus the process's own peak RSS as one JSON line."""
    figures["self_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(figures))


def read_texts(folder: str) -> list[str]:
    """The text of every file in ``folder``, in name order."""
    texts = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            texts.append(f.read())
    return texts
