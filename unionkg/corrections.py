"""The corrections file (``corrections.toml`` in the output folder, or ``--corrections
FILE``): read with the standard library's ``tomllib``, checked entry by entry, and
written back in a restricted TOML of its own (one ``[[kind]]`` table per correction,
``key = "string"`` or ``key = integer`` lines), so that a diff shows one correction per
hunk (docs/curation.md)."""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from graph.curate import ADDABLE, KINDS, REJECTABLE, Correction
from graph.cypher import NODE_LABELS

from .files import atomic_write
from .outdir import CORRECTIONS
from .safety import OutputError

__all__ = [
    "CORRECTIONS",
    "ID_LABELS",
    "CorrectionsError",
    "append",
    "check",
    "delete",
    "dumps",
    "parse",
    "read",
    "sha256",
    "toml_string",
    "write",
]

HEADER = """\
# unionkg corrections: applied at the end of every build of this output folder, after
# extraction, so that they survive rebuilds (docs/curation.md). Edit them with
# `unionkg curate ...` or by hand: one [[kind]] table per correction; entities by id.
"""

_HEADER_LINE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(#.*)?$")
_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)$")
ID_LABELS = tuple(label for label in NODE_LABELS if label != "Document")


class CorrectionsError(OutputError):
    """The corrections file cannot be read or holds an entry that is not a correction."""


def sha256(path: Path) -> str | None:
    """SHA-256 of the file's bytes, None when there is none."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:  # a folder, no permission: said in one line, as read() does
        raise CorrectionsError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read(path: str | os.PathLike[str]) -> list[Correction]:
    """The corrections of ``path`` in file order; [] when there is no such file. Raises
    :class:`CorrectionsError`, naming the file and line, for anything else amiss."""
    path = Path(path)
    text = _text(path)
    return parse(text, path) if text is not None else []


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot be read ({exc})") from None


def parse(text: str, path: Path) -> list[Correction]:
    """The corrections of ``text``, the content of ``path`` (named in messages)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        at = _AT_LINE.search(msg)
        where = f"{path}:{at.group(1)}" if at else str(path)
        raise CorrectionsError(f"{where}: not valid TOML ({_AT_LINE.sub('', msg)})") from None
    lines = _header_lines(text)
    out = []
    for kind, entries in data.items():
        if kind not in KINDS:
            line = lines.get(kind, [None])[0]
            raise CorrectionsError(
                f"{_where(path, line)}: unknown correction [[{kind}]]; "
                f"the kinds are {', '.join(KINDS)}"
            )
        if not isinstance(entries, list):
            raise CorrectionsError(f"{path}: {kind} must be written as [[{kind}]] tables")
        found = lines.get(kind, [])
        for i, entry in enumerate(entries):
            line = found[i] if len(found) == len(entries) else None
            out.append(check(path, kind, entry, line))
    return sorted(out, key=lambda c: c.line if c.line is not None else 1 << 60)


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _header_lines(text: str) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        m = _HEADER_LINE.match(line)
        if m:
            lines.setdefault(m.group(1), []).append(n)
    return lines


def check(path: Path, kind: str, entry: Any, line: int | None) -> Correction:
    """The correction of one ``[[kind]]`` table of ``path``; :class:`CorrectionsError`
    naming the file and ``line`` when it is not one."""
    where = f"{_where(path, line)}: [[{kind}]]"
    if not isinstance(entry, dict):
        raise CorrectionsError(f"{where} must be a table")
    keys = set(entry) - {"note"}
    if tuple(sorted(keys)) not in {tuple(sorted(s)) for s in KINDS[kind]}:
        wanted = " or ".join(", ".join(s) for s in KINDS[kind])
        raise CorrectionsError(
            f"{where} needs {wanted} (and may have a note); it has {_keys(entry)}"
        )
    for key, value in entry.items():
        want = int if key == "year" else str
        if not isinstance(value, want) or isinstance(value, bool) or value == "":
            what = "a whole number" if want is int else "a non-empty string"
            raise CorrectionsError(f"{where}: {key} must be {what}")
    for key in ("entity", "into", "head", "tail"):
        if key in entry and entry[key].split(":", 1)[0] not in ID_LABELS:
            raise CorrectionsError(
                f"{where}: {key} {entry[key]!r} is not an entity id (Label:name, the label one "
                f"of {', '.join(ID_LABELS)})"
            )
    allowed = ADDABLE if kind == "relation" else REJECTABLE
    if "type" in entry and entry["type"] not in allowed:
        raise CorrectionsError(f"{where}: type must be one of {', '.join(allowed)}")
    if "year" in entry and entry.get("type") != "ADOPTED_IN":
        raise CorrectionsError(f"{where}: only an ADOPTED_IN relation has a year")
    return Correction(kind=kind, line=line, **entry)


def _keys(entry: dict) -> str:
    return ", ".join(sorted(entry)) or "nothing"


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string: backslash, quote and control characters escaped."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def table(c: Correction) -> str:
    """One correction as a ``[[kind]]`` table."""
    lines = [f"[[{c.kind}]]"]
    for key, value in c.fields().items():
        lines.append(f"{key} = {value if isinstance(value, int) else toml_string(value)}")
    return "\n".join(lines) + "\n"


def dumps(corrections: list[Correction]) -> str:
    """The text of a corrections file holding ``corrections``, in their order."""
    return "\n".join([HEADER, *map(table, corrections)])


def write(path: str | os.PathLike[str], corrections: list[Correction]) -> None:
    """Write ``corrections`` to ``path`` whole or not at all."""
    _replace(Path(path), dumps(corrections))


def _replace(path: Path, text: str) -> None:
    parse(text, path)  # never write what the next build could not read
    atomic_write(path, lambda f: f.write(text))


def append(path: str | os.PathLike[str], c: Correction) -> None:
    """Add ``c`` at the end of the file, leaving the rest as it is (comments too)."""
    path = Path(path)
    text = _text(path)
    if text is None:
        _replace(path, dumps([c]))
        return
    _replace(path, text + ("\n" if text.endswith("\n") else "\n\n") + table(c))


def _own_end(lines: list[str], start: int, end: int) -> int:
    """Where the table that starts at line ``start`` ends, if the next table starts at
    ``end``: the comments (and the blank lines among them) right before the next table
    are that table's, written above it, so they stay."""
    trailing = end
    while trailing > start + 1 and lines[trailing - 1].strip()[:1] in ("", "#"):
        trailing -= 1
    first_comment = next(
        (n for n in range(trailing, end) if lines[n].lstrip().startswith("#")), end
    )
    return first_comment


def delete(path: str | os.PathLike[str], numbers: set[int]) -> list[Correction]:
    """Delete the corrections numbered ``numbers`` (1 = the first in the file) and return
    them: their lines go, up to the comments written above the next table, and the rest
    stays as it is."""
    path = Path(path)
    text = _text(path) or ""
    have = parse(text, path)
    gone = [c for i, c in enumerate(have, 1) if i in numbers]
    if any(c.line is None for c in have):  # not every table has its own header: rewrite
        write(path, [c for i, c in enumerate(have, 1) if i not in numbers])
        return gone
    lines = text.splitlines(keepends=True)
    starts = [c.line - 1 for c in have if c.line is not None] + [len(lines)]
    cut = {
        n
        for i in range(len(have))
        if i + 1 in numbers
        for n in range(starts[i], _own_end(lines, starts[i], starts[i + 1]))
    }
    _replace(path, "".join(line for n, line in enumerate(lines) if n not in cut))
    return gone
