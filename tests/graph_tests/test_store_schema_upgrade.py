"""A store written by an older unionkg (tables without the columns the schema has since
gained, such as ADOPTED_IN.year_basis) is not written into: opening it for writing says
so in one line, and a build moves it aside (never deletes it) and writes a new one."""

from __future__ import annotations

import pytest

import graph
from graph import StoreError, embedded_db_path
from unionkg.build_store import store_for_writing
from unionkg.report import BuildReport


def _older_store(tmp_path, G):
    with graph.open_store(tmp_path) as store:
        store.write(G)
    import ladybug

    db = ladybug.Database(str(embedded_db_path(tmp_path)))
    ladybug.Connection(db).execute("ALTER TABLE ADOPTED_IN DROP year_basis")
    db.close()


def test_an_older_store_is_refused_for_writing_and_a_build_moves_it_aside(tmp_path, G):
    _older_store(tmp_path, G)
    with pytest.raises(StoreError, match="older unionkg.*ADOPTED_IN lacks year_basis"):
        graph.open_store(tmp_path)
    with graph.open_store(tmp_path, read_only=True) as store:  # still readable as it is
        assert store.counts()["relationships"]["ADOPTED_IN"] > 0
    report = BuildReport()
    with store_for_writing(tmp_path, None, report) as store:
        store.write(G)
        assert store.counts() == graph.graph_counts(G)
    assert any("older unionkg" in note for note in report.notes)
    assert list(tmp_path.glob(embedded_db_path(tmp_path).name + ".unreadable-*"))
