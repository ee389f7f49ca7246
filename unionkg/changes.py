"""What a build changes in its output folder, and what it must not change without being
told: documents added, updated, unchanged and removed; documents of earlier builds
that are not in this corpus (kept with ``add``, dropped with ``replace``, else the build
is refused); and the documents ``remove`` took out, which later builds leave out until
``restore`` (docs/output.md)."""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .files import atomic_write
from .outdir import REMOVED, exclusive
from .safety import OutputError, check_output

_SHOWN = 5  # ids named in a one-line message


class ForeignDocumentsError(OutputError):
    """The output folder holds documents that are not in the corpus being built, and
    neither ``add`` nor ``replace`` says what to do with them."""


def _some(ids: list[str]) -> str:
    more = f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else ""
    return ", ".join(ids[:_SHOWN]) + more


def removed_ids(out: Path) -> set[str]:
    """The documents ``remove`` took out of ``out`` and no ``restore`` brought back."""
    path = out / REMOVED
    if not path.exists():
        return set()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        ids = data["doc_ids"]
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise TypeError("doc_ids must be a list of strings")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OutputError(
            f"{path} is damaged ({exc}): it lists the documents removed from this graph; "
            "repair it or move it away"
        ) from None
    return set(ids)


def write_removed(out: Path, ids: Iterable[str]) -> None:
    data = {
        "about": "documents taken out with `unionkg remove`; builds leave them out "
        "until `unionkg restore DOC_ID`",
        "doc_ids": sorted(set(ids)),
    }
    atomic_write(
        out / REMOVED, lambda f: f.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    )


def restore(doc_ids: Iterable[str], out_dir: str | os.PathLike[str] = "out") -> dict:
    """Let later builds put back documents ``remove`` took out of ``out_dir``; the
    graph itself changes at the next build of a corpus that holds them."""
    out = check_output(out_dir)
    wanted = list(dict.fromkeys(doc_ids))
    with exclusive(out):
        removed = removed_ids(out)
        restored = [d for d in wanted if d in removed]
        if restored:
            write_removed(out, removed - set(restored))
    return {"restored": restored, "not_found": [d for d in wanted if d not in removed]}


@dataclass
class Changes:
    """What a build does to the documents of its output folder."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    """in the output before, not in this corpus: dropped (``replace``, or removed)"""
    kept: list[str] = field(default_factory=list)
    """in the output before, not in this corpus: kept (``add``)"""
    left_out: list[str] = field(default_factory=list)
    """in this corpus, but taken out by ``remove`` earlier"""

    def to_json(self) -> dict:
        lists = ("added", "updated", "removed", "kept", "left_out")
        return {
            **{k: len(getattr(self, k)) for k in ("added", "updated")},
            "unchanged": self.unchanged,
            **{k: len(getattr(self, k)) for k in ("removed", "kept", "left_out")},
            "ids": {k: getattr(self, k) for k in lists},
        }


def plan(
    out: Path,
    previous: Collection[str],
    read: Collection[str],
    removed: Collection[str],
    *,
    add: bool,
    replace: bool,
) -> Changes:
    """Decide what happens to the ``previous`` documents of ``out`` that are not among
    the ``read`` ones (kept, dropped, or :class:`ForeignDocumentsError`), and list the
    ``read`` ones that ``removed`` leaves out."""
    read_set = set(read)
    foreign = sorted(k for k in previous if k not in read_set)
    changes = Changes(left_out=sorted(k for k in read_set if k in removed))
    if foreign and not add and not replace:
        raise ForeignDocumentsError(
            f"{out} holds {len(foreign)} document(s) that are not in this corpus "
            f"({_some(foreign)}): pass --add to keep them and add this corpus, or --replace "
            "to make the graph mirror this corpus"
        )
    if add:
        changes.kept = [k for k in foreign if k not in removed]
    changes.removed = sorted(set(foreign) - set(changes.kept)) + sorted(
        k for k in changes.left_out if k in previous
    )
    return changes


def count(changes: Changes, previous: Collection[str], built: list[str], todo: set[str]) -> None:
    """Fill in added, updated and unchanged: ``built`` are this corpus's documents in the
    graph, ``todo`` those extracted (again)."""
    for k in built:
        if k not in previous:
            changes.added.append(k)
        elif k in todo:
            changes.updated.append(k)
        else:
            changes.unchanged += 1
    changes.added.sort()
    changes.updated.sort()


def summary(changes: Changes) -> str:
    """One line for the terminal."""
    line = (
        f"changes: {len(changes.added)} added, {len(changes.updated)} updated, "
        f"{changes.unchanged} unchanged, {len(changes.removed)} removed"
    )
    if changes.kept:
        line += f"; {len(changes.kept)} kept from earlier builds"
    if changes.left_out:
        line += (
            f"; {len(changes.left_out)} left out as removed earlier ({_some(changes.left_out)}: "
            "`unionkg restore DOC_ID` puts one back)"
        )
    return line
