"""Read-only queries (issue 13, defects 1 and 2): every clause that writes, touches a
file, an extension, an attached database or a setting is refused behind PROFILE,
EXPLAIN, comments, odd case and spacing — and nothing is read, written or loaded."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from graph import QueryError, ReadOnlyError
from graph.readonly import check_read_only, tokenize

# The file-touching and extension clauses LadybugDB documents, plus writes and settings.
# {out} must never be created, {src} is a readable CSV, {so} a library whose
# constructor creates {marker}.
ATTEMPTS = [
    "COPY (RETURN 'x' AS a) TO '{out}'",
    "COPY TradeUnion FROM '{src}'",
    "LOAD FROM '{src}' (file_format='csv', header=false, delim=':') RETURN *",
    "LOAD WITH HEADERS (a STRING) FROM '{src}' RETURN *",
    "LOAD FROM '{src}' RETURN * ",
    "MATCH (n:TradeUnion) WITH n LOAD FROM '{src}' RETURN *",
    "CALL {{ LOAD FROM '{src}' RETURN * }} RETURN 1",
    "LOAD EXTENSION '{so}'",
    "LOAD '{so}'",
    "INSTALL json",
    "FORCE INSTALL json",
    "UNINSTALL json",
    "UPDATE json",
    "EXPORT DATABASE '{out}'",
    "IMPORT DATABASE '{src}'",
    "ATTACH '{out}' AS other (dbtype lbug)",
    "DETACH other",
    "USE other",
    "CALL threads=1",
    "CALL enable_semi_mask=false",
    "CALL export_csv('{out}')",
    "MATCH (n) SET n.name = 'x'",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) WITH n CREATE (:TradeUnion {{id: 'x'}})",
    "MERGE (n:TradeUnion {{id: 'x'}})",
    "UNWIND [1] AS x CREATE (:TradeUnion {{id: 'y'}})",
    "CHECKPOINT",
    "BEGIN TRANSACTION",
    "RETURN 1; COPY (RETURN 1) TO '{out}'",
]

WRAPPERS = {
    "plain": lambda s: s,
    "profile": lambda s: "PROFILE " + s,
    "explain": lambda s: "EXPLAIN " + s,
    "comments": lambda s: "/* a comment */ // another\nprofile /* x */ " + s,
    "odd spacing": lambda s: " \n\t PrOfIlE \t\n\n " + s.replace(" ", "\n  ", 1),
    "lower case": lambda s: "explain " + s[0].lower() + s[1:],
}

READS = [
    "MATCH (u:TradeUnion) RETURN u.name AS n ORDER BY n",
    "PROFILE MATCH (u:TradeUnion) RETURN count(u) AS n",
    "EXPLAIN MATCH (u:TradeUnion) RETURN u.name",
    "MATCH (u:TradeUnion) WHERE u.name <> 'COPY (RETURN 1) TO \\'x\\'' RETURN u.name AS n",
    "// DELETE everything? no.\nMATCH (u:TradeUnion) RETURN u.name AS n",
    "MATCH (u:TradeUnion) RETURN u.name AS `set`",
    "OPTIONAL MATCH (u:TradeUnion) RETURN u.name AS n;",
    "UNWIND [1, 2] AS x RETURN x",
    "WITH 1 AS x RETURN x",
    "CALL show_tables() RETURN *",
    "MATCH (u:TradeUnion) WHERE u.name STARTS WITH '嘉' RETURN CASE WHEN true THEN 1 END AS x",
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("ro-attempts")
    src = d / "source.csv"
    src.write_text("secret:line\n", encoding="utf-8")
    marker = d / "extension-constructor-ran"
    so = d / "evil.lbug_extension"
    cc = shutil.which("cc") or shutil.which("gcc")
    assert cc, (
        "a C compiler is needed to build the test extension (gcc is on every machine kind here)"
    )
    c = d / "evil.c"
    c.write_text(
        "#include <stdio.h>\n__attribute__((constructor)) static void ran(void) {"
        f' FILE *f = fopen("{marker}", "w"); if (f) fclose(f); }}\n'
    )
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(so), str(c)], check=True)
    return {"out": d / "must-not-exist", "src": src, "so": so, "marker": marker}


@pytest.mark.parametrize("wrapper", list(WRAPPERS))
@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_bypass_attempt_is_refused_and_touches_nothing(ro_store, files, attempt, wrapper):
    statement = WRAPPERS[wrapper](attempt.format(**files))
    before = ro_store.counts()
    with pytest.raises((ReadOnlyError, QueryError)) as info:
        ro_store.query(statement)
    message = str(info.value)
    assert "secret:line" not in message
    assert not files["out"].exists(), "a refused query wrote a file"
    assert not files["marker"].exists(), "a refused query loaded a shared library"
    assert ro_store.counts() == before


@pytest.mark.parametrize("attempt", ATTEMPTS[:8])
def test_bypass_is_refused_on_a_read_write_store_too(store, files, attempt):
    with pytest.raises((ReadOnlyError, QueryError)):
        store.query("PROFILE " + attempt.format(**files))
    assert not files["out"].exists()
    assert not files["marker"].exists()


@pytest.mark.parametrize("statement", READS)
def test_reading_queries_still_run(ro_store, statement):
    check_read_only(statement)
    assert isinstance(ro_store.query(statement), list)


def test_the_refusal_names_the_clause_and_the_way_out(ro_store, files):
    with pytest.raises(ReadOnlyError, match=r"COPY .*; pass write=True to allow it"):
        ro_store.query("PROFILE COPY (RETURN 1) TO '{out}'".format(**files))
    with pytest.raises(ReadOnlyError, match=r"CALL threads"):
        ro_store.query("CALL threads=1")


def test_tokenizer_keeps_strings_names_and_comments_apart():
    kinds = [
        (t.kind, t.text)
        for t in tokenize("MATCH (n:`a``b`) /* COPY */ WHERE n.x = 'it''s' // LOAD\nRETURN $p")
    ]
    assert ("name", "a``b") in kinds
    assert ("param", "$p") in kinds
    assert not any(text in ("COPY", "LOAD") for _, text in kinds)
    with pytest.raises(QueryError, match="unterminated string"):
        tokenize("RETURN 'open")
    with pytest.raises(QueryError, match="unterminated comment"):
        tokenize("RETURN 1 /* open")


def test_cli_query_refuses_profile_copy(built, tmp_path, cli):
    """The reported reproductions: `unionkg query "PROFILE COPY … TO 'f.csv'"` exited 0
    and wrote the file; `LOAD FROM '/etc/passwd' …` printed it."""
    target = tmp_path / "f.csv"
    r = cli("query", "--out", built, f"PROFILE COPY (RETURN 'x' AS a) TO '{target}'")
    assert r.exit_code != 0
    assert not target.exists()
    assert "--write" in r.stderr
    r = cli(
        "query",
        "--out",
        built,
        "LOAD FROM '/etc/passwd' (file_format='csv', header=false, delim=':') RETURN *",
    )
    assert r.exit_code != 0
    assert "root" not in r.stdout


# -- the way out, phrased for the interface in use (issue 16, item 5) ------------------------------
@pytest.mark.parametrize(
    "statement",
    ["MATCH (n) SET n.name = 'x'", "CALL threads=1", "CREATE (n:Place {id: 'x'})"],
)
def test_the_api_refusal_says_write_true_and_the_cli_refusal_says_write(
    ro_store, built, cli, statement
):
    with pytest.raises(ReadOnlyError) as exc:
        ro_store.query(statement)
    assert "write=True" in str(exc.value) and "--write" not in str(exc.value)
    assert "--write" in exc.value.cli_message and "write=True" not in exc.value.cli_message
    r = cli("query", "--out", built, statement)
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "rerun with --write" in r.stderr and "write=True" not in r.stderr


def test_a_write_to_a_read_only_store_says_read_only_not_write_flag(ro_store):
    with pytest.raises(ReadOnlyError) as exc:
        ro_store.query("MATCH (n) RETURN n LIMIT 1", write=True)
    assert "read_only=True" in str(exc.value) and "--write" not in str(exc.value)
    with pytest.raises(ReadOnlyError) as exc:
        ro_store.write(ro_store.read_graph())
    assert "--write" not in str(exc.value)
