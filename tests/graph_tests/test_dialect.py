"""Neo4j spellings on the embedded store (issue 16, item 5): columns named as written,
``type(r)``, ``labels(n)`` / ``labels(n)[0]``, ``CALL db.labels()``,
``db.relationshipTypes()``, reserved words as aliases — translated by graph/dialect.py
and answered as Neo4j answers them, or refused in one line that gives the form that
works; strings and comments are left alone and the read-only check is not weakened."""

from __future__ import annotations

import pytest

from graph import QueryError, ReadOnlyError
from graph.dialect import RESERVED, translate


def _one_line(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert "\n" not in msg
    return msg


# -- result columns named as written ----------------------------------------------------------
def test_unaliased_columns_are_named_as_written(ro_store):
    rows = ro_store.query(
        "MATCH (n:Programme)-[a:ADOPTED_IN]->(pl:Place) "
        "RETURN n.name, count(*), size(n.doc_ids), pl ORDER BY count(*) DESC LIMIT 1"
    )
    assert list(rows[0]) == ["n.name", "count(*)", "size(n.doc_ids)", "pl"]
    assert rows[0]["count(*)"] >= 1


def test_aliased_columns_and_return_star_keep_their_names(ro_store):
    rows = ro_store.query("MATCH (n:Programme) RETURN n.name AS name, n.id LIMIT 1")
    assert list(rows[0]) == ["name", "n.id"]
    star = ro_store.query("MATCH (n:Programme) WITH n.name AS x RETURN * LIMIT 1")
    assert list(star[0]) == ["x"]


def test_distinct_union_skip_limit_still_work(ro_store):
    rows = ro_store.query(
        "MATCH (n:Programme) RETURN DISTINCT n.name ORDER BY n.name SKIP 0 LIMIT 2 "
        "UNION MATCH (n:TradeUnion) RETURN n.name"
    )
    assert rows and all(list(r) == ["n.name"] for r in rows)


# -- type(r), labels(n) ------------------------------------------------------------------------
def test_type_of_a_relationship(ro_store):
    rows = ro_store.query("MATCH ()-[r:RUNS]->() RETURN type(r) LIMIT 1")
    assert rows == [{"type(r)": "RUNS"}]
    assert ro_store.query("MATCH ()-[r]->() WHERE TYPE(r) = 'RUNS' RETURN count(*) AS n")[0]["n"]


def test_labels_is_a_list_and_labels_0_its_first_element(ro_store):
    rows = ro_store.query("MATCH (n:TradeUnion) RETURN labels(n), labels(n)[0] LIMIT 1")
    assert rows == [{"labels(n)": ["TradeUnion"], "labels(n)[0]": "TradeUnion"}]
    n = ro_store.query("MATCH (n) WHERE 'TradeUnion' IN labels(n) RETURN count(*) AS n")[0]["n"]
    assert n == ro_store.query("MATCH (n:TradeUnion) RETURN count(*) AS n")[0]["n"] > 0


def test_a_0_based_index_fails_in_one_line_giving_the_1_based_form(ro_store):
    with pytest.raises(QueryError) as exc:
        ro_store.query("MATCH ()-[r:RUNS]->() RETURN r.evidence[0] AS first")
    assert "1-based" in _one_line(exc) and "x[1]" in str(exc.value)


# -- CALL db.labels(), db.relationshipTypes() ------------------------------------------------------
def test_call_db_labels(ro_store):
    rows = ro_store.query("CALL db.labels()")
    labels = [r["label"] for r in rows]
    assert "TradeUnion" in labels and "Programme" in labels and "RUNS" not in labels
    assert labels == sorted(labels)
    yielded = ro_store.query("CALL db.labels() YIELD label WHERE label = 'Place' RETURN label")
    assert yielded == [{"label": "Place"}]


def test_call_db_relationship_types(ro_store):
    rows = ro_store.query("CALL db.relationshipTypes() YIELD relationshipType")
    types = {r["relationshipType"] for r in rows}
    assert {"RUNS", "ADOPTED_IN"} <= types and "TradeUnion" not in types


def test_other_db_procedures_fail_in_one_line_naming_the_catalogue(ro_store):
    with pytest.raises(QueryError) as exc:
        ro_store.query("CALL db.propertyKeys()")
    assert "show_tables()" in _one_line(exc) and "db.propertyKeys" in str(exc.value)
    with pytest.raises(QueryError) as exc:
        ro_store.query("CALL db.labels() YIELD label AS l RETURN l")
    assert "YIELD label" in _one_line(exc)


# -- reserved words as aliases --------------------------------------------------------------------
@pytest.mark.parametrize("word", ["union", "order", "end", "where"])
def test_a_reserved_word_as_an_alias(ro_store, word):
    assert word.upper() in RESERVED
    rows = ro_store.query(
        f"MATCH (n:Programme) WITH n.name AS {word} RETURN {word}, size({word}) AS k "
        f"ORDER BY {word} LIMIT 2"
    )
    assert rows and list(rows[0]) == [word, "k"]
    assert rows == sorted(rows, key=lambda r: r[word])


def test_reserved_word_used_as_a_name_elsewhere_gets_a_one_line_hint(ro_store):
    # `order` is never defined with AS here, so nothing is translated; the error says how
    with pytest.raises(QueryError) as exc:
        ro_store.query("MATCH (order:Programme) RETURN order.name AS n")
    msg = _one_line(exc)
    assert "`order`" in msg and "expecting" not in msg


# -- what translation leaves alone -----------------------------------------------------------------
def test_strings_and_comments_are_untouched():
    q = "MATCH (n) WHERE n.name = 'type(r) labels(n)[0] AS union' // type(r)\nRETURN n.name AS x"
    assert translate(q) == q
    q2 = "MATCH (n) /* CALL db.labels() */ RETURN n.`type`(1) AS x"
    assert translate(q2) == q2


def test_property_and_map_keys_named_type_are_not_functions():
    q = "MATCH (n {type: 1}) WHERE n.type = 'a' RETURN n.type AS type"
    assert translate(q) == q


def test_a_string_parameter_is_not_touched(ro_store):
    rows = ro_store.query(
        "MATCH (n:Programme) WHERE n.name <> $s RETURN $s AS s LIMIT 1", {"s": "type(r)"}
    )
    assert rows == [{"s": "type(r)"}]


def test_a_backtick_in_an_unaliased_expression_is_kept_in_its_name(ro_store):
    rows = ro_store.query("MATCH (n:Programme) RETURN n.`name` LIMIT 1")
    assert list(rows[0]) == ["n.`name`"]


# -- the read-only check sees both spellings -------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) RETURN type(n) AS t UNION MATCH (n) SET n.name = 'x' RETURN n.name AS t",
        "CALL db.labels() YIELD label MATCH (n) DETACH DELETE n RETURN label",
        "MATCH (n) WITH n AS union CREATE (m:Place {id: 'x'}) RETURN labels(m)",
        "CALL db.labels() YIELD label COPY (RETURN 1) TO '/tmp/x.csv'",
    ],
)
def test_translation_never_lets_a_write_through(ro_store, query):
    before = ro_store.query("MATCH (n) RETURN count(*) AS n")
    with pytest.raises(ReadOnlyError):
        ro_store.query(query)
    assert ro_store.query("MATCH (n) RETURN count(*) AS n") == before


def test_write_queries_are_translated_too(store):
    rows = store.query(
        "CREATE (p:Programme {id: 'Programme:x', name: 'x'}) RETURN labels(p), p.name",
        write=True,
    )
    assert rows == [{"labels(p)": ["Programme"], "p.name": "x"}]


def test_shortest_path_fails_in_one_line_giving_the_form_that_works(ro_store):
    with pytest.raises(QueryError) as exc:
        ro_store.query("MATCH p = shortestPath((a:TradeUnion)-[*..10]-(b:Place)) RETURN p")
    assert "[* SHORTEST 1..10]" in _one_line(exc)
