"""What the command line prints: progress on stderr (:mod:`unionkg.progress`), and rows of query results
as a table (Chinese characters take two columns), JSON or CSV (cells a spreadsheet
would run as formulas are defused)."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from typing import Any

from .progress import Progress

__all__ = ["Progress", "print_rows"]


def _width(s: str) -> int:
    """Display width: Chinese characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @ first: names come from
    the text) gets a leading ' as OWASP recommends; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def print_rows(rows: list[dict], fmt: str) -> None:
    """Print ``rows`` (dicts with the same keys) as ``fmt``: ``table``, ``json`` or ``csv``."""
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    cols = list(rows[0].keys()) if rows else []
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([_csv_cell(c) for c in cols])
        for r in rows:
            w.writerow(
                [
                    _csv_cell(
                        json.dumps(r[c], ensure_ascii=False)
                        if isinstance(r[c], (list, dict))
                        else r[c]
                    )
                    for c in cols
                ]
            )
        sys.stdout.write(buf.getvalue())
        return

    def cell(v: Any) -> str:
        s = (
            json.dumps(v, ensure_ascii=False)
            if isinstance(v, (list, dict))
            else ("" if v is None else str(v))
        )
        return s if len(s) <= 80 else s[:77] + "..."

    table = [[cell(r[c]) for c in cols] for r in rows]
    widths = [max([_width(c)] + [_width(t[i]) for t in table]) for i, c in enumerate(cols)]
    print(" | ".join(_pad(c, w) for c, w in zip(cols, widths, strict=False)))
    print("-+-".join("-" * w for w in widths))
    for t in table:
        print(" | ".join(_pad(v, w) for v, w in zip(t, widths, strict=False)))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
