"""What ``Store.query()`` returns: :class:`QueryResult`, the rows of one Cypher query.

A result is the list of row dicts it always was (keyed by the RETURN column names, values
plain and JSON-serialisable), with what notebooks and other tools expect on top:
``to_df()`` (the neo4j driver's ``Result.to_df()``; ``get_as_df()`` as LadybugDB names
it) gives a pandas DataFrame, ``_repr_html_()`` shows it as a table in Jupyter, and
``to_networkx()`` rebuilds the nodes and relationships it returns as a graph of the
graph model (docs/graph-model.md).

For that every node value carries ``_label`` and its ``id`` property, and every
relationship value ``_type``, ``_src`` and ``_dst`` (the ids of its end nodes) and its
``key``. The stores resolve the ends with :class:`EndResolver`: an end node the query
did not return is fetched in the same transaction and kept in :attr:`QueryResult.ends`,
so that the graph of a result holding only relationships is whole.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

import networkx as nx

from .cypher import rows_to_graph
from .errors import QueryError

__all__ = ["QueryResult", "EndResolver", "PANDAS_HINT"]

PANDAS_HINT = "to_df() needs pandas: pip install 'unionkg[pandas]' (or pip install pandas)"
HTML_ROWS = 50
"""Rows ``_repr_html_`` shows; the table says how many more there are."""
HTML_CELL_CHARS = 200


def is_node(value: Any) -> bool:
    """Whether ``value`` is a node as the stores return it."""
    return isinstance(value, dict) and "_label" in value and "id" in value


def is_relationship(value: Any) -> bool:
    """Whether ``value`` is a relationship as the stores return it."""
    return isinstance(value, dict) and "_type" in value and "_src" in value


def graph_values(value: Any) -> Iterator[dict]:
    """The nodes and relationships inside one value: itself, a list, a map or a path."""
    if is_node(value) or is_relationship(value):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from graph_values(v)
    elif isinstance(value, list):
        for v in value:
            yield from graph_values(v)


class EndResolver:
    """Fills ``_src`` / ``_dst`` of the relationships of one result: the engine gives a
    relationship's ends as its own ids; the nodes of the result (``node``) and those
    fetched afterwards (``resolve``) turn them into the graph's node ids."""

    def __init__(self) -> None:
        self.known: dict[Hashable, dict] = {}
        self.pending: list[tuple[dict, Hashable, Hashable]] = []

    def node(self, engine_id: Hashable, value: dict) -> None:
        self.known.setdefault(engine_id, value)

    def relationship(self, value: dict, src: Hashable, dst: Hashable) -> None:
        self.pending.append((value, src, dst))

    def resolve(self, fetch: Callable[[list], dict[Hashable, dict]]) -> dict[str, dict]:
        """Fill the ends; ``fetch(engine ids)`` gives the nodes the result did not hold.
        Returns those nodes by graph id (:attr:`QueryResult.ends`)."""
        if not self.pending:
            return {}
        returned = {id(v) for v in self.known.values()}
        missing = sorted(
            {e for _, s, d in self.pending for e in (s, d)} - self.known.keys(), key=str
        )
        if missing:
            for engine_id, value in fetch(missing).items():
                self.known.setdefault(engine_id, value)
        ends: dict[str, dict] = {}
        for rel, src, dst in self.pending:
            for key, end in (("_src", src), ("_dst", dst)):
                node = self.known.get(end)
                rel[key] = node.get("id") if node is not None else None
                if node is not None and id(node) not in returned:
                    ends[str(node.get("id"))] = node
        return ends


def _cell(value: Any) -> str:
    text = (
        json.dumps(value, ensure_ascii=False)
        if isinstance(value, (list, dict))
        else ("" if value is None else str(value))
    )
    return text if len(text) <= HTML_CELL_CHARS else text[: HTML_CELL_CHARS - 1] + "…"


class QueryResult(list[dict[str, Any]]):
    """The rows of a query: a list of dicts, plus ``columns`` (the RETURN names, in
    order), ``ends`` (end nodes of returned relationships that the query did not
    return, by id) and the conversions below."""

    def __init__(
        self,
        rows: Iterable[dict[str, Any]] = (),
        columns: Iterable[str] | None = None,
        ends: dict[str, dict] | None = None,
    ) -> None:
        super().__init__(rows)
        self.columns = list(columns) if columns is not None else list(self[0] if self else [])
        self.ends = dict(ends or {})

    # ------------------------------------------------------------- tables

    def to_df(self) -> Any:
        """The rows as a pandas DataFrame, one column per RETURN name (nodes and
        relationships as dicts). Needs pandas (``pip install 'unionkg[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError(PANDAS_HINT) from None
        return pd.DataFrame(
            [[row.get(c) for c in self.columns] for row in self], columns=self.columns
        )

    get_as_df = to_df  # LadybugDB's (and Kùzu's) name

    def _repr_html_(self) -> str:
        """The first ``HTML_ROWS`` rows as an HTML table (Jupyter); every cell escaped."""
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.columns)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in self.columns)
            + "</tr>"
            for row in self[:HTML_ROWS]
        )
        more = len(self) - HTML_ROWS
        note = f"<p>{len(self)} rows; the first {HTML_ROWS} shown</p>" if more > 0 else ""
        count = f"<p>({len(self)} row{'s' if len(self) != 1 else ''})</p>" if more <= 0 else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}{count}"

    # -------------------------------------------------------------- graphs

    def graph_items(self) -> tuple[dict[str, dict], dict[tuple[str, str, str], dict]]:
        """The nodes (by id) and relationships (by ``(src, dst, key)``) the rows hold."""
        nodes: dict[str, dict] = {}
        rels: dict[tuple[str, str, str], dict] = {}
        for row in self:
            for value in graph_values(list(row.values())):
                if is_node(value):
                    nodes.setdefault(str(value["id"]), value)
                else:
                    key = (str(value["_src"]), str(value["_dst"]), str(value.get("key")))
                    rels.setdefault(key, value)
        return nodes, rels

    def has_graph(self) -> bool:
        """Whether the rows hold any node or relationship (not only values)."""
        nodes, rels = self.graph_items()
        return bool(nodes or rels)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The nodes and relationships of the result as a graph of the graph model (the
        ``MultiDiGraph`` of ``build_graph``, attributes as there), with the end nodes of
        every returned relationship. Raises :class:`QueryError` for a relationship whose
        end the store could not name."""
        nodes, rels = self.graph_items()
        for (src, dst, _key), rel in rels.items():
            for end in (src, dst):
                if end not in nodes and end in self.ends:
                    nodes[end] = self.ends[end]
                elif end not in nodes:
                    raise QueryError(
                        f"relationship {rel.get('_type')} {src}->{dst} has an end the store "
                        "did not name; return its nodes too (RETURN a, r, b)"
                    )
        by_label: dict[str, list[dict]] = {}
        for value in nodes.values():
            by_label.setdefault(str(value["_label"]), []).append(value)
        by_type: dict[tuple[str, str, str], list[dict]] = {}
        for (src, dst, _key), rel in rels.items():
            row = {**rel, "src": src, "dst": dst}
            by_type.setdefault((str(rel["_type"]), "", ""), []).append(row)
        return rows_to_graph(by_label, by_type)
