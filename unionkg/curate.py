"""``curate``: write and show the corrections of an output folder (docs/curation.md).

Entities are named by id (``Label:name``) or by name or alias; a name is looked up in
the graph the last build stored, and a name that fits several entities is refused with
the candidates listed. The file is ``DIR/corrections.toml``, or the one given (then the
output folder is only read, to look names up, and need not exist)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from graph import GraphError, embedded_db_path, open_store
from graph.curate import Correction

from . import corrections as cfile
from .curation import corrections_file
from .safety import OutputError, check_output, is_marked

_ENDPOINTS = {"RUNS": ("TradeUnion", "Programme"), "ADOPTED_IN": ("Programme", "Place")}
_SHOWN = 6  # candidates named when a name is ambiguous


class CurateError(OutputError):
    """A correction that cannot be written: an unknown or ambiguous name, a bad number."""


def target(out_dir: str | os.PathLike[str], given: str | os.PathLike[str] | None) -> Path:
    """The corrections file ``curate`` writes: ``given``, else the output folder's, which
    must be a unionkg output folder (it is never written otherwise)."""
    out = Path(out_dir)
    if given is not None:
        return Path(given)
    check_output(out)
    return corrections_file(out)


class Names:
    """Looks names up in the graph the last build stored in ``out``."""

    def __init__(self, out: Path):
        self.out = out
        self.stored = is_marked(out) and embedded_db_path(out).exists()

    def _candidates(self, text: str) -> list[dict]:
        if not self.stored:
            return []
        query = (
            "MATCH (n) WHERE n.id = $x OR n.name = $x OR list_contains(n.aliases, $x) "
            "RETURN n.id AS id, label(n) AS label, n.name AS name"
        )
        try:
            with open_store(self.out, read_only=True) as store:
                rows = store.query(query, {"x": text})
        except GraphError as exc:
            raise CurateError(f"cannot look {text!r} up in {self.out}: {exc}") from None
        return [r for r in rows if r["label"] != "Document"]

    def entity(self, text: str, label: str | None = None) -> str:
        """The id of the entity ``text`` names (of ``label`` when given). Spaces around
        the text and around an id's colon (``Programme: 连心舱``) are no part of it."""
        text = text.strip()
        head, colon, rest = text.partition(":")
        if colon and head.strip() in cfile.ID_LABELS:
            text = f"{head.strip()}:{rest.strip()}"
        rows = [r for r in self._candidates(text) if label in (None, r["label"])]
        for tier in (
            [r for r in rows if r["id"] == text],
            [r for r in rows if r["name"] == text],
            rows,
        ):
            ids = sorted({r["id"] for r in tier})
            if len(ids) == 1:
                return ids[0]
            if len(ids) > 1:
                more = f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else ""
                raise CurateError(
                    f"{text!r} names {len(ids)} entities: {', '.join(ids[:_SHOWN])}{more}; "
                    "give one of these ids instead"
                )
        if text.split(":", 1)[0] in cfile.ID_LABELS and ":" in text:
            return text  # an id no build has stored yet: kept, stale until one finds it
        what = f"{label} " if label else "entity "
        where = f"the graph in {self.out}" if self.stored else f"{self.out} (no graph built)"
        raise CurateError(
            f"no {what}named {text!r} in {where}; give its id (Label:name, as "
            "`unionkg query` shows it) if a build has yet to find it"
        )


# the years an adoption can have: from the first union federations to next year
_YEARS = (1900, datetime.date.today().year + 1)


def correction(
    names: Names, action: str, args: list[str], *, note: str = "", year: int | None = None
) -> Correction:
    """The correction ``curate ACTION ARG...`` asks for, names looked up in ``names``."""
    n = len(args)
    if action == "merge" and n == 2:
        entity = names.entity(args[0])
        label = entity.split(":", 1)[0]
        into = names.entity(args[1], label)
        if into == entity:
            raise CurateError(f"{args[0]!r} and {args[1]!r} are one node already ({entity})")
        return Correction("merge", entity=entity, into=into, note=note)
    if action == "rename" and n == 2:
        return Correction("rename", entity=names.entity(args[0]), name=args[1], note=note)
    if action in ("alias", "unalias") and n == 2:
        return Correction(action, entity=names.entity(args[0]), alias=args[1], note=note)
    if action == "reject" and n == 1:
        return Correction("reject", entity=names.entity(args[0]), note=note)
    if action == "add" and n == 2 and args[0].lower() == "programme":
        return Correction("programme", name=args[1], note=note)
    if action in ("reject", "add") and n == 3:
        if year is not None and not _YEARS[0] <= year <= _YEARS[1]:
            raise CurateError(f"--year {year} is no year of union work ({_YEARS[0]}–{_YEARS[1]})")
        kind = "relation" if action == "add" else "reject"
        rel = args[0].upper()
        if action == "add" and rel not in _ENDPOINTS:
            raise CurateError(
                f"curate add makes a RUNS or ADOPTED_IN relation, not {args[0]} "
                "(the graph's other relations follow from the text and the gazetteer)"
            )
        head_label, tail_label = _ENDPOINTS.get(rel, (None, None))
        head, tail = names.entity(args[1], head_label), names.entity(args[2], tail_label)
        return Correction(kind, type=rel, head=head, tail=tail, year=year, note=note)
    raise CurateError(f"curate {action} does not take {n} argument(s) (see --help)")


def checked(path: Path, c: Correction) -> Correction:
    """``c`` checked as the file's reader checks it (type, year, ids)."""
    return cfile.check(path, c.kind, c.fields(), None)


def add(path: Path, c: Correction) -> tuple[int, bool]:
    """Append ``c`` to the file at ``path``: (its number in ``list``, whether it is new)."""
    have = cfile.read(path)
    c = checked(path, c)
    for i, old in enumerate(have, 1):
        if old == c:
            return i, False
    cfile.append(path, c)
    return len(have) + 1, True


def drop(path: Path, numbers: list[int]) -> list[Correction]:
    """Delete the corrections numbered ``numbers`` (as ``list`` shows them)."""
    have = cfile.read(path)
    bad = [n for n in numbers if not 1 <= n <= len(have)]
    if bad:
        raise CurateError(
            f"{path} holds {len(have)} correction(s); there is no number {bad[0]} "
            "(`unionkg curate list` numbers them)"
        )
    return cfile.delete(path, set(numbers))
