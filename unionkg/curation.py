"""Curation in a build: the user's corrections (``corrections.toml``) applied to every
graph a build, a remove, an export or a map makes from an output folder, after
extraction and before the store is written (docs/curation.md).

The programme names a correction adds are looked for in the texts the build read; where
they were found is kept in ``programme-finds.json``, so that a ``remove`` (which has no
texts) and the documents an ``--add`` build keeps find them again."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graph.curate import Applied, Correction, Finds, apply_corrections

from . import corrections as cfile
from .files import atomic_write
from .outdir import FINDS, MARKER

_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
_WINDOW = 120  # characters kept on each side of a name when its sentence has no end nearby
_PER_DOC = 5  # sentences kept per document and name


@dataclass
class Curation:
    """The corrections a build applies: from ``file`` (whose SHA-256 is ``sha256``, None
    when there is no such file)."""

    file: Path
    sha256: str | None
    corrections: list[Correction]


def corrections_file(out: Path, given: str | os.PathLike[str] | None = None) -> Path:
    """``given``, else the file a build of ``out`` was last given, else
    ``out/corrections.toml``. A remembered file that has gone is an error
    (:class:`~unionkg.corrections.CorrectionsError`): without it every correction would be
    dropped, or written where no build reads it."""
    if given is not None:
        return Path(given)
    used = _marker(out).get("corrections")
    if not (isinstance(used, str) and used):
        return out / cfile.CORRECTIONS
    if not Path(used).is_file():
        raise cfile.CorrectionsError(
            f"the corrections file the builds of {out} use, {used}, is gone: put it back, "
            "or give --corrections FILE (a build without it would drop every correction)"
        )
    return Path(used)


def _marker(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(out: Path, given: str | os.PathLike[str]) -> None:
    """Record in the output folder's marker that its builds take their corrections from
    ``given`` (later builds, removes, exports and ``curate`` use it)."""
    data = _marker(out)
    path = str(Path(given).resolve())
    if data and data.get("corrections") != path:
        data["corrections"] = path
        atomic_write(out / MARKER, lambda f: f.write(json.dumps(data, indent=1) + "\n"))


def load(out: Path, given: str | os.PathLike[str] | None = None) -> Curation:
    """Read the corrections for ``out``; :class:`~unionkg.corrections.CorrectionsError`
    when the file is amiss (before the build writes anything)."""
    path = corrections_file(out, given)
    if given is not None and not path.is_file():
        raise cfile.CorrectionsError(
            f"no corrections file at {given}; write one with `unionkg curate ... "
            f"--corrections {given}`, or leave --corrections out"
        )
    return Curation(path, cfile.sha256(path), cfile.read(path))


def _sentence(text: str, start: int, end: int) -> str:
    left = max(start - _WINDOW, 0)
    right = min(end + _WINDOW, len(text))
    before = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    after = _SENTENCE_END.search(text, end, right)
    return text[before[-1] if before else left : after.end() if after else right].strip()


def find_programmes(names: Collection[str], texts: dict[str, str]) -> Finds:
    """Where each name occurs in each text: name → doc_id → sentences (at most a few)."""
    finds: Finds = {name: {} for name in names}
    for doc_id, text in texts.items():
        for name in names:
            sentences: list[str] = []
            i = text.find(name)
            while i >= 0 and len(sentences) < _PER_DOC:
                s = _sentence(text, i, i + len(name))
                if s not in sentences:
                    sentences.append(s)
                i = text.find(name, i + len(name))
            if sentences:
                finds[name][doc_id] = sentences
    return finds


def _old_finds(out: Path) -> Finds:
    try:
        data = json.loads((out / FINDS).read_text(encoding="utf-8"))
        finds = data["finds"]
        return finds if isinstance(finds, dict) else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # only a cache: a damaged one is looked for again at the next build


def curate(
    G: nx.MultiDiGraph,
    out: Path,
    cur: Curation,
    *,
    texts: dict[str, str] | None = None,
    write: bool = False,
) -> tuple[nx.MultiDiGraph, list[Applied]]:
    """Apply ``cur`` to ``G``; programme names are looked for in ``texts`` and, for the
    documents of ``G`` without a text here, taken from ``programme-finds.json`` (which
    ``write`` rewrites)."""
    names = sorted({c.name for c in cur.corrections if c.kind == "programme"})
    finds: Finds = {}
    if names:
        texts = texts or {}
        old = _old_finds(out)
        finds = find_programmes(names, texts)
        for name in names:
            for doc_id, sentences in (old.get(name) or {}).items():
                if doc_id not in texts and f"Document:{doc_id}" in G:
                    finds[name][doc_id] = sentences
        if write:
            data = {
                "about": "where the programme names of the corrections were found",
                "finds": finds,
            }
            atomic_write(
                out / FINDS, lambda f: f.write(json.dumps(data, ensure_ascii=False, indent=1))
            )
    return apply_corrections(G, cur.corrections, finds)


def report(cur: Curation, applied: Iterable[Applied]) -> dict[str, Any]:
    """The ``curation`` part of ``report.json``."""
    done = [a.to_json() for a in applied]
    return {
        "file": str(cur.file.resolve()) if cur.sha256 else str(cur.file),
        "sha256": cur.sha256,
        "corrections": done,
        "changed": sum(a["changed"] for a in done),
        "stale": sum(1 for a in done if "stale" in a),
    }


def summary(rep: dict[str, Any] | None) -> tuple[list[str], list[str]]:
    """(lines for stdout, warnings for stderr) about the corrections of a build."""
    if not rep or not rep.get("corrections"):
        return [], []
    done = rep["corrections"]
    lines = [
        f"curation: {len(done)} correction(s) from {rep['file']} changed {rep['changed']} "
        f"item(s); {rep['stale']} match nothing"
    ]
    warnings = []
    for n, a in enumerate(done, 1):
        c = Correction(**{k: v for k, v in a.items() if k not in ("changed", "what", "stale")})
        if "stale" in a:
            warnings.append(
                f"warning: correction {n} (line {a['line']}: {c.describe()}) matches nothing: "
                f"{a['stale']}; `unionkg curate drop {n}` deletes it"
            )
        else:
            what = f" ({a['what']})" if a.get("what") else ""
            lines.append(f"  {n}. {c.describe()}: {a['changed']} changed{what}")
    return lines, warnings
