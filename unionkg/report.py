"""A build's report: what it did (counts, skipped items, timings, notes) and what it
made, saved as ``report.json`` last, so that the next build can trust what it names."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files import atomic_write
from .outdir import REPORT

if TYPE_CHECKING:
    from .changes import Changes


@dataclass
class BuildReport:
    """What a build did: counts and every skipped item."""

    documents: int = 0
    extracted: int = 0
    reused: int = 0
    articles: int = 0
    entities: dict = field(default_factory=dict)
    relations: dict = field(default_factory=dict)
    outcomes: int = 0
    graph: dict = field(default_factory=dict)
    store: str = ""
    maps: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    seconds: dict = field(default_factory=dict)
    extractor: str = ""
    """:func:`extractor_version` of this build."""
    builder: str = ""
    """:func:`builder_version` of this build: the code that made the graph, the store and
    the maps from the extractions. An unchanged corpus is built again when it changed."""
    extractions_sha256: str = ""
    """SHA-256 of the ``extractions.jsonl`` the store and the maps were made from."""
    store_fingerprint: dict = field(default_factory=dict)
    """What the store holds: ``counts`` (nodes per label, relationships per type, as
    ``Store.counts()``) and ``sha256`` of the graph's node ids and edge keys. An unchanged
    rebuild trusts the store only when its counts still match."""
    notes: list = field(default_factory=list)
    """What the build repaired or chose, in words (a store written again, and why)."""
    changes: Changes | None = None
    """:class:`unionkg.changes.Changes`: documents added, updated, unchanged, removed,
    kept (``add``) and left out (removed earlier)."""
    cwd: str = ""
    """The folder the build ran in: the corpus paths it was given (and the Document nodes
    keep) are relative to it; a query page reads "show in article" texts from there."""
    curation: dict | None = None
    """The corrections applied (docs/curation.md): ``file``, its ``sha256``, and for each
    correction what it ``changed`` or why it is ``stale``."""

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "extracted": self.extracted,
            "reused": self.reused,
            "articles": self.articles,
            "entities": self.entities,
            "relations": self.relations,
            "outcomes": self.outcomes,
            "graph": self.graph,
            "store": self.store,
            "maps": self.maps,
            "skipped": self.skipped,
            "seconds": self.seconds,
            "extractor": self.extractor,
            "builder": self.builder,
            "extractions_sha256": self.extractions_sha256,
            "store_fingerprint": self.store_fingerprint,
            "notes": self.notes,
            "changes": self.changes.to_json() if self.changes is not None else None,
            "curation": self.curation,
            "cwd": self.cwd,
        }


def last_report(out_dir: Path) -> dict[str, Any] | None:
    """The ``report.json`` of the last complete build in ``out_dir``, or None."""
    try:
        last = json.loads((out_dir / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return last if isinstance(last, dict) else None


def write_report(out: Path, report: BuildReport) -> None:
    atomic_write(
        out / REPORT, lambda f: json.dump(report.to_json(), f, ensure_ascii=False, indent=1)
    )


def summarise(report: BuildReport, records: list[dict]) -> None:
    """Count the articles, entities and relations by type, and outcomes, of ``records``."""
    ents: Counter[str] = Counter()
    rels: Counter[str] = Counter()
    for r in records:
        report.articles += len(r.get("articles", [])) or 1
        ents.update(e["type"] for e in r["entities"])
        rels.update(x["type"] for x in r["relations"])
        report.outcomes += len(r["outcomes"])
    report.entities = dict(sorted(ents.items()))
    report.relations = dict(sorted(rels.items()))
