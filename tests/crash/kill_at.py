"""``python tests/crash/kill_at.py POINT ARGS…``: ``unionkg ARGS…`` that SIGKILLs itself
at the injection point POINT (unionkg/faults.py), as a crash or a power cut would.

tests/test_reliability.py kills builds with it at every point in turn:

- ``extract``: half the documents extracted;
- ``extractions``: extractions.jsonl written;
- ``store``: inside the store's write transaction, before its COMMIT;
- ``stored``: the store written;
- ``maps``: one page written (the next one's temporary file is left behind);
- ``report``: everything written but report.json.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# as `python -m unionkg` run from the repository: the repository first, not this folder
sys.path[0] = str(Path(__file__).resolve().parents[2])

from unionkg import faults  # noqa: E402
from unionkg.cli import main  # noqa: E402


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _die_on_call(obj: Any, name: str, when: Callable[[int, tuple], bool]) -> None:
    """``obj.name`` dies on the call for which ``when(n, args)`` (n counts the calls)."""
    real, calls = getattr(obj, name, None), [0]
    if real is None:
        return

    def wrapper(*args, **kwargs):
        calls[0] += 1
        if when(calls[0], args):
            _die()
        return real(*args, **kwargs)

    setattr(obj, name, wrapper)


def kill_at(point: str) -> faults.Handler:
    def handler(name: str, **context: Any) -> None:
        if name != point:
            return
        if name == "extract":
            if context["done"] == max(1, context["total"] // 2):
                _die()
        elif name == "store":
            _die_on_call(context["store"], "_execute", lambda n, args: args[:1] == ("COMMIT",))
        elif name == "maps":
            _die_on_call(os, "replace", lambda n, args: n == 2)
        else:
            _die()

    return handler


if __name__ == "__main__":
    faults.install(kill_at(sys.argv[1]))
    sys.exit(main(sys.argv[2:]))
