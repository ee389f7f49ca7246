"""Read-only checking of Cypher statements, shared by both stores.

A query sent without ``write=True`` must neither change the graph nor touch
anything outside it: no file read or written (``LOAD FROM``, ``COPY … TO``,
``LOAD CSV``), no extension installed or loaded, no database attached, no
setting changed. A filter on the first keyword misses spellings such as
``PROFILE COPY …``, so the statement is tokenised for real (strings,
backtick-quoted names and comments taken out) and checked as a whole:

1. ``PROFILE`` and ``EXPLAIN`` in front are looked through.
2. The statement must start with a reading clause: ``MATCH``, ``OPTIONAL MATCH``,
   ``UNWIND``, ``WITH``, ``RETURN`` or ``CALL``.
3. No keyword that writes, touches files, extensions, transactions or settings
   may stand anywhere in it, in any clause or subquery (:data:`FORBIDDEN`).
4. ``CALL`` must open a subquery (``CALL { … }``) or name a procedure from
   :data:`READ_PROCEDURES` followed by ``(``.
5. One statement: nothing may follow a ``;``.

This is a second line of defence. The first is the engine's own: the embedded
store runs read queries inside ``BEGIN TRANSACTION READ ONLY`` (and ``unionkg
query`` opens the database read-only), Neo4j runs them in a READ-access session.
Neither engine stops ``COPY … TO`` or ``LOAD FROM`` reading or writing files
outside the database, nor extension loading, which is why this check exists.

A word used as a variable or alias that happens to be a forbidden keyword
(``MATCH (set:Programme)``) is refused too; quote it in backticks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import QueryError, ReadOnlyError

LEADING = frozenset({"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CALL"})
"""Keywords a read-only statement may start with (after PROFILE / EXPLAIN)."""

PREFIXES = frozenset({"PROFILE", "EXPLAIN"})

FORBIDDEN = frozenset(
    {
        # writing the graph or its schema
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "DROP",
        "ALTER",
        "RENAME",
        "FOREACH",
        # files, databases and extensions (LadybugDB: COPY FROM/TO, LOAD FROM, LOAD EXTENSION,
        # INSTALL, UNINSTALL, UPDATE, FORCE INSTALL, EXPORT/IMPORT DATABASE, ATTACH, DETACH, USE;
        # Neo4j: LOAD CSV, USE)
        "COPY",
        "LOAD",
        "EXPORT",
        "IMPORT",
        "INSTALL",
        "UNINSTALL",
        "UPDATE",
        "FORCE",
        "ATTACH",
        "USE",
        # transactions and administration
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "CHECKPOINT",
        "TRANSACTION",
        "TRANSACTIONS",
        "PERIODIC",
        "START",
        "STOP",
        "GRANT",
        "REVOKE",
        "DENY",
        "TERMINATE",
    }
)
"""Keywords refused anywhere in a read-only statement."""

READ_PROCEDURES = frozenset(
    {
        # LadybugDB catalogue functions
        "show_tables",
        "table_info",
        "show_connection",
        "db_version",
        "show_functions",
        "show_indexes",
        "show_sequences",
        "show_warnings",
        "show_loaded_extensions",
        "show_official_extensions",
        "current_setting",
        # Neo4j schema procedures
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "dbms.components",
    }
)
"""Procedures ``CALL`` may name in a read-only statement (lower case; matched without case)."""


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "name" (backtick-quoted), "string", "number", "param", "punct"
    text: str
    pos: int


def tokenize(statement: str) -> list[Token]:
    """The tokens of a Cypher statement; comments are dropped. Raises
    :class:`QueryError` on an unterminated string, name or comment."""
    tokens: list[Token] = []
    i, n = 0, len(statement)
    s = statement
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
        elif s.startswith("//", i):
            j = s.find("\n", i)
            i = n if j < 0 else j + 1
        elif s.startswith("/*", i):
            j = s.find("*/", i + 2)
            if j < 0:
                raise QueryError(f"unterminated comment at character {i + 1}")
            i = j + 2
        elif c in "'\"":
            j = i + 1
            while j < n and s[j] != c:
                j += 2 if s[j] == "\\" else 1
            if j >= n:
                raise QueryError(f"unterminated string at character {i + 1}")
            tokens.append(Token("string", s[i + 1 : j], i))
            i = j + 1
        elif c == "`":
            j = i + 1
            while True:
                j = s.find("`", j)
                if j < 0:
                    raise QueryError(f"unterminated `name` at character {i + 1}")
                if s.startswith("``", j):
                    j += 2
                    continue
                break
            tokens.append(Token("name", s[i + 1 : j], i))
            i = j + 1
        elif c == "_" or c.isalpha():
            j = i + 1
            while j < n and (s[j] == "_" or s[j].isalnum()):
                j += 1
            tokens.append(Token("word", s[i:j], i))
            i = j
        elif c.isdigit():
            j = i + 1
            while j < n and (s[j].isalnum() or s[j] == "."):
                j += 1
            tokens.append(Token("number", s[i:j], i))
            i = j
        elif c == "$":
            j = i + 1
            while j < n and (s[j] == "_" or s[j].isalnum()):
                j += 1
            tokens.append(Token("param", s[i:j], i))
            i = j
        else:
            tokens.append(Token("punct", c, i))
            i += 1
    return tokens


def _is_keyword(tokens: list[Token], k: int) -> bool:
    """A word in keyword position: not a property (``n.set``), label (``:Load``),
    map key (``{set: 1}``) or parameter."""
    prev = tokens[k - 1].text if k else ""
    nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return prev not in (".", ":") and nxt != ":"


def _procedure(tokens: list[Token], k: int) -> tuple[str, int]:
    """The dotted procedure name starting at token k, and the index after it."""
    parts = []
    while k < len(tokens) and tokens[k].kind in ("word", "name"):
        parts.append(tokens[k].text)
        if k + 1 < len(tokens) and tokens[k + 1].text == ".":
            k += 2
        else:
            k += 1
            break
    return ".".join(parts), k


def check_read_only(statement: str) -> None:
    """Raise :class:`ReadOnlyError` unless ``statement`` is a read-only query by the
    rules in this module's docstring; :class:`QueryError` if it cannot be tokenised."""
    tokens = tokenize(statement)
    for k, tok in enumerate(tokens):
        if tok.text == ";" and any(t.text != ";" for t in tokens[k + 1 :]):
            raise QueryError(
                "one statement per query: remove the `;` and run the statements one at a time"
            )
    tokens = [t for t in tokens if t.text != ";"]
    k = 0
    while k < len(tokens) and tokens[k].kind == "word" and tokens[k].text.upper() in PREFIXES:
        k += 1
    if k >= len(tokens):
        raise QueryError("empty query; give one Cypher statement")
    for j in range(k, len(tokens)):
        tok = tokens[j]
        if tok.kind != "word" or not _is_keyword(tokens, j):
            continue
        word = tok.text.upper()
        if word in FORBIDDEN:
            raise ReadOnlyError(
                f"{word} (at character {tok.pos + 1}) writes or touches files, "
                "extensions or transactions; a read-only query may not use it "
                "(quote a name that is spelled like it in backticks)"
            )
        if word == "CALL":
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if nxt is not None and nxt.text == "{":
                continue
            name, after = _procedure(tokens, j + 1)
            if (
                name.lower() not in READ_PROCEDURES
                or after >= len(tokens)
                or tokens[after].text != "("
            ):
                allowed = ", ".join(sorted(READ_PROCEDURES))
                raise ReadOnlyError(
                    f"CALL {name or '…'} is not a read-only procedure call; a "
                    f"read-only query may call {allowed}, or a subquery "
                    "CALL { … }"
                )
    first = tokens[k]
    if first.kind != "word" or first.text.upper() not in LEADING:
        raise ReadOnlyError(
            f"a read-only query starts with MATCH, OPTIONAL MATCH, UNWIND, WITH, "
            f"RETURN or CALL, not {first.text!r}"
        )
