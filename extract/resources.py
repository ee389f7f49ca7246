"""The word lists and lexicons under ``extract/data/``.

Every file starts with a header of ``#`` lines saying what it holds and where the
knowledge comes from; :func:`load_lines` and :func:`load_sections` skip those lines.
A file of several lists divides them with ``[section]`` lines.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def data_path(name: str) -> Path:
    """The path of a file under ``extract/data/``."""
    return DATA_DIR / name


def load_lines(name: str) -> list[str]:
    """The non-blank lines of a file under ``extract/data/``, stripped, in file order,
    without ``#`` comment lines."""
    return [
        s
        for s in (line.strip() for line in data_path(name).read_text(encoding="utf-8").splitlines())
        if s and not s.startswith("#")
    ]


def alternation(words, *, longest_first: bool = False) -> str:
    """A regular-expression alternation of ``words`` (escaped), in their order or, with
    ``longest_first``, longest first (so that 专项行动 is tried before 行动)."""
    words = sorted(words, key=len, reverse=True) if longest_first else list(words)
    return "|".join(map(re.escape, words))


_FEW_WORDS = 16
"""Up to this many words, :func:`find_words` searches each with ``str.find``; more, one
regular expression (a document's names: compiling a pattern for a handful of words costs
more than the search itself)."""


def find_words(text: str, words) -> list[tuple[int, int]]:
    """Where ``words`` occur in ``text``, leftmost first and at one position the longest,
    none overlapping another: what ``finditer`` over their longest-first alternation
    finds, as ``(start, end)`` pairs."""
    words = [w for w in words if w]
    if len(words) > _FEW_WORDS:
        pattern = re.compile(alternation(sorted(words, key=lambda w: (-len(w), w))))
        return [m.span() for m in pattern.finditer(text)]
    found = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            found.append((i, i + len(w)))
            i = text.find(w, i + 1)
    found.sort(key=lambda x: (x[0], x[0] - x[1]))
    out: list[tuple[int, int]] = []
    end = 0
    for s, e in found:
        if s >= end:
            out.append((s, e))
            end = e
    return out


@cache
def load_sections(name: str) -> dict[str, tuple[str, ...]]:
    """The ``[section]`` lists of a file under ``extract/data/``: section name → its
    lines (stripped, ``#`` comments and blank lines left out). Raises ``ValueError`` for
    a line before the first section."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for n, line in enumerate(data_path(name).read_text(encoding="utf-8").splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("[") and s.endswith("]"):
            current = out.setdefault(s[1:-1].strip(), [])
        elif current is None:
            raise ValueError(f"{data_path(name)}:{n}: a line before the first [section]")
        else:
            current.append(s)
    return {k: tuple(v) for k, v in out.items()}
