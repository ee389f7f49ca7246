"""Open a graph store: the one place that knows both stores.

:func:`open_store` picks the embedded store (:class:`graph.embedded_store.EmbeddedStore`,
LadybugDB, a file under the output directory) or the Neo4j store
(:class:`graph.neo4j_store.Neo4jStore`) from its arguments and the environment.
Both subclass :class:`graph.store_base.Store`.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from .embedded_store import EmbeddedStore
from .errors import StoreError
from .neo4j_store import Neo4jStore
from .store_base import DEFAULT_BATCH_SIZE, Store

__all__ = [
    "EMBEDDED_DB_NAME",
    "NEO4J_SCHEMES",
    "Store",
    "check_neo4j_uri",
    "embedded_db_path",
    "open_store",
]

EMBEDDED_DB_NAME = "graph.lbug"
"""File name of the embedded database inside the output directory (LadybugDB
keeps its database in one file, plus a ``.wal`` file next to it while open)."""

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def embedded_db_path(out_dir: str | Path) -> Path:
    """Where the embedded database of an output directory lives."""
    return Path(out_dir) / EMBEDDED_DB_NAME


def check_neo4j_uri(uri: str) -> str:
    """``uri`` if it is a Neo4j URI the driver can use (``scheme://host[:port]``), else a
    :class:`StoreError` in one line that never repeats a password or a query string."""
    example = "e.g. neo4j://localhost:7687"
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        raise StoreError(
            f"the Neo4j URI's port is not a number from 0 to 65535; {example}"
        ) from None
    if parts.scheme not in NEO4J_SCHEMES:
        raise StoreError(
            "unsupported Neo4j URI scheme"
            + (f" {parts.scheme!r}" if parts.scheme else "")
            + "; use one of "
            + ", ".join(f"{s}://" for s in NEO4J_SCHEMES)
            + f" ({example})"
        )
    host = parts.hostname or ""
    shown = f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")
    if parts.username is not None or parts.password is not None:
        raise StoreError(
            f"the Neo4j URI {shown} must not hold a user name or password: "
            "set NEO4J_USERNAME and NEO4J_PASSWORD instead"
        )
    if parts.query or parts.fragment or parts.path.strip("/"):
        raise StoreError(
            f"the Neo4j URI {shown} must be scheme://host[:port], with no path or "
            "?query (credentials go in NEO4J_USERNAME and NEO4J_PASSWORD, the database "
            "in NEO4J_DATABASE)"
        )
    if not host:
        raise StoreError(f"the Neo4j URI names no host; {example}")
    return uri


def open_store(
    out_dir: str | Path | None = None,
    *,
    neo4j_uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    read_only: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Store:
    """Open the embedded store under ``out_dir`` or, with a Neo4j URI, a Neo4j store.

    The Neo4j store is chosen when ``neo4j_uri`` is given, or when ``out_dir`` is
    not and ``NEO4J_URI`` is set; ``user``, ``password`` and ``database`` default
    to ``NEO4J_USERNAME`` (else ``neo4j``), ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``.
    The embedded database is ``<out_dir>/graph.lbug``; ``read_only=True`` opens it
    read-only (it must exist)."""
    if neo4j_uri is None and out_dir is None:
        neo4j_uri = os.environ.get("NEO4J_URI") or None
    if neo4j_uri:
        check_neo4j_uri(neo4j_uri)
        return Neo4jStore(
            neo4j_uri,
            user=user or os.environ.get("NEO4J_USERNAME") or "neo4j",
            password=password if password is not None else os.environ.get("NEO4J_PASSWORD", ""),
            database=database or os.environ.get("NEO4J_DATABASE") or None,
            read_only=read_only,
            batch_size=batch_size,
        )
    if out_dir is None:
        raise StoreError(
            "no graph store chosen: give an output directory for the embedded "
            "store, or a Neo4j URI (--neo4j-uri or NEO4J_URI)"
        )
    return EmbeddedStore(embedded_db_path(out_dir), read_only=read_only, batch_size=batch_size)
