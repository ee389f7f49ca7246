"""Neo4j spellings in queries sent to the embedded store, translated to LadybugDB's.

People who know Cypher from Neo4j write it the Neo4j way. :func:`translate` rewrites
the common spellings into the form LadybugDB runs, so that they give Neo4j's answer:

* result columns are named as written (``RETURN labels(n), n.name`` gives the columns
  ``labels(n)`` and ``n.name``; LadybugDB would name the first
  ``LABEL(n._ID,[TradeUnion,…])``): each unaliased ``RETURN`` item gets
  ``AS `<its text>```;
* ``type(r)`` becomes ``label(r)``;
* ``labels(n)[0]`` becomes ``label(n)``, and ``labels(n)`` a one-element list
  ``[label(n)]``, as Neo4j returns (LadybugDB's ``labels(n)`` is one string);
* ``CALL db.labels()`` and ``CALL db.relationshipTypes()`` (optionally
  ``YIELD label`` / ``YIELD relationshipType``) read LadybugDB's catalogue,
  ``show_tables()``, under Neo4j's column names;
* an alias that is a reserved word in LadybugDB (``AS union``, ``AS order``) is
  quoted in backticks, where it is defined and where it is used as a name after
  that (``ORDER BY order``).

Other ``db.*`` procedures fail with one line giving the LadybugDB form.
:func:`explain_error` turns the engine's errors for Neo4j habits it cannot translate
(a 0-based list index, a reserved word used as a name elsewhere) into a one-line hint.

The statement is tokenised with :func:`graph.readonly.tokenize`, so strings, quoted
names and comments are never touched: every change is an edit at token positions of
the original text. Translation only renames functions, quotes names and reads the
catalogue; the store checks the translated statement with
:func:`graph.readonly.check_read_only` as well as the original.
"""

from __future__ import annotations

import re

from .errors import QueryError
from .readonly import Token, tokenize

RESERVED = frozenset(
    "ALL AND ANY ASC ASCENDING CASE CREATE DESC DESCENDING DISTINCT ELSE END ENDS EXISTS "
    "FALSE GROUP IN NONE NOT NULL ON OPTIONAL OR ORDER PROFILE SHORTEST SINGLE STARTS TABLE "
    "THEN TRUE UNION UNWIND WHEN WHERE WITH XOR".split()
)
"""Words LadybugDB 0.x refuses as a bare alias (``RETURN 1 AS <word>`` is a parser
error), found by trying each Cypher keyword on the engine; Neo4j accepts them."""

CATALOGUE = {
    "db.labels": ("NODE", "label"),
    "db.relationshiptypes": ("REL", "relationshipType"),
}
"""Neo4j catalogue procedures read from ``show_tables()``: the table type and the
column Neo4j names."""

_EXPRESSION_PUNCT = frozenset(",([{=<>+-*/%^")
_EXPRESSION_WORDS = frozenset(
    "RETURN WITH BY WHERE DISTINCT AND OR XOR NOT IN WHEN THEN ELSE CASE UNWIND".split()
)
"""What may stand just before a name that starts an expression."""
_CLAUSE_END = frozenset({"SKIP", "LIMIT", "UNION"})
_OPEN, _CLOSE = "([{", ")]}"

Edit = tuple[int, int, str]


def _end(tok: Token) -> int:
    """The position just after ``tok`` in the original text."""
    return tok.pos + len(tok.text) + (2 if tok.kind in ("string", "name") else 0)


def _word(tok: Token | None, *words: str) -> bool:
    return tok is not None and tok.kind == "word" and tok.text.upper() in words


def _closing(tokens: list[Token], k: int) -> int:
    """Index of the bracket closing the one at ``k`` (or the last token)."""
    depth = 0
    for j in range(k, len(tokens)):
        if tokens[j].kind == "punct" and tokens[j].text in _OPEN:
            depth += 1
        elif tokens[j].kind == "punct" and tokens[j].text in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _quote(text: str) -> str:
    return "`" + text.replace("`", "``") + "`"


def _functions(s: str, tokens: list[Token]) -> list[Edit]:
    """``type(r)`` → ``label(r)``, ``labels(n)[0]`` → ``label(n)``, ``labels(n)`` →
    ``[label(n)]``."""
    edits: list[Edit] = []
    k = 0
    while k < len(tokens):
        tok, prev = tokens[k], tokens[k - 1].text if k else ""
        call = (
            tok.kind == "word"
            and prev not in (".", ":")
            and k + 1 < len(tokens)
            and tokens[k + 1].text == "("
        )
        if call and tok.text.upper() == "TYPE":
            edits.append((tok.pos, _end(tok), "label"))
        elif call and tok.text.upper() == "LABELS":
            close = _closing(tokens, k + 1)
            inner = s[_end(tokens[k + 1]) : tokens[close].pos]
            idx = tokens[close + 1 : close + 4]
            if [t.text for t in idx] == ["[", "0", "]"]:
                edits.append((tok.pos, _end(idx[2]), f"label({inner})"))
                k = close + 4
                continue
            edits.append((tok.pos, _end(tokens[close]), f"[label({inner})]"))
            k = close + 1
            continue
        k += 1
    return edits


def _aliases(tokens: list[Token]) -> list[Edit]:
    """``AS union`` → ``AS `union```, and the alias where it is used later as a name
    (same spelling, in a place where an expression starts: ``ORDER BY union``,
    ``RETURN union``, ``union + 1``)."""
    edits: list[Edit] = []
    names: set[str] = set()
    for k, t in enumerate(tokens):
        if t.kind != "word" or not k or tokens[k - 1].text in (".", ":"):
            continue
        prev, nxt = tokens[k - 1], tokens[k + 1] if k + 1 < len(tokens) else None
        if t.text.upper() in RESERVED and _word(prev, "AS"):
            names.add(t.text)
        elif t.text not in names or (nxt is not None and (nxt.text in "(:" or _word(nxt, "BY"))):
            continue
        elif not (
            (prev.kind == "punct" and prev.text in _EXPRESSION_PUNCT)
            or _word(prev, *_EXPRESSION_WORDS)
        ):
            continue
        edits.append((t.pos, _end(t), _quote(t.text)))
    return edits


def _return_items(s: str, tokens: list[Token]) -> list[Edit]:
    """An ``AS `<text>``` after every unaliased expression of every ``RETURN``."""
    edits: list[Edit] = []
    for k, tok in enumerate(tokens):
        if not _word(tok, "RETURN") or (k and tokens[k - 1].text in (".", ":")):
            continue
        j = k + 1 + _word(tokens[k + 1] if k + 1 < len(tokens) else None, "DISTINCT")
        item: list[Token] = []
        depth = 0
        while j <= len(tokens):
            t = tokens[j] if j < len(tokens) else None
            if t is not None and t.kind == "punct" and t.text in _OPEN:
                depth += 1
            elif t is not None and t.kind == "punct" and t.text in _CLOSE:
                depth -= 1
            at_end = (
                t is None or depth < 0 or t.text == ";" or (depth == 0 and _ends(tokens, j, item))
            )
            if at_end or (depth == 0 and t is not None and t.text == ","):
                edits.extend(_alias_item(s, item))
                item = []
                if at_end:
                    break
            elif t is not None:
                item.append(t)
            j += 1
    return edits


def _ends(tokens: list[Token], j: int, item: list[Token]) -> bool:
    """Whether ``tokens[j]`` starts the clause after a RETURN's items (``ORDER BY``,
    ``SKIP``, ``LIMIT``, ``UNION``) rather than being a name spelled like it."""
    t, prev = tokens[j], tokens[j - 1]
    if t.kind != "word" or not item:
        return False
    if t.text.upper() == "ORDER":
        return _word(tokens[j + 1] if j + 1 < len(tokens) else None, "BY")
    return (
        t.text.upper() in _CLAUSE_END
        and not _word(prev, "AS", *_EXPRESSION_WORDS)
        and not (prev.kind == "punct" and prev.text in _EXPRESSION_PUNCT and len(item) > 1)
    )


def _alias_item(s: str, item: list[Token]) -> list[Edit]:
    if not item or (len(item) == 1 and item[0].kind in ("word", "name", "punct")):
        return []  # a variable, or `*`: already named as written
    depth = 0
    for t in item:
        depth += t.kind == "punct" and t.text in _OPEN
        depth -= t.kind == "punct" and t.text in _CLOSE
        if depth == 0 and _word(t, "AS"):
            return []
    end = _end(item[-1])
    return [(end, end, " AS " + _quote(s[item[0].pos : end]))]


def _catalogue(tokens: list[Token]) -> list[Edit]:
    """``CALL db.labels() [YIELD label]`` → ``show_tables()`` under Neo4j's column name."""
    edits: list[Edit] = []
    for k, tok in enumerate(tokens):
        if not _word(tok, "CALL") or k + 2 >= len(tokens) or tokens[k + 1].text.lower() != "db":
            continue
        name, j = ["db"], k + 2
        while j + 1 < len(tokens) and tokens[j].text == "." and tokens[j + 1].kind == "word":
            name.append(tokens[j + 1].text)
            j += 2
        proc = ".".join(name)
        if proc.lower() not in CATALOGUE or [t.text for t in tokens[j : j + 2]] != ["(", ")"]:
            raise QueryError(
                f"LadybugDB has no procedure {proc}; its catalogue is CALL show_tables() "
                "RETURN * (every table) and CALL table_info('Programme') RETURN * (a "
                "table's properties); db.labels() and db.relationshipTypes() also work"
            )
        kind, column = CATALOGUE[proc.lower()]
        stop = j + 2
        text = f"CALL show_tables() WHERE type = '{kind}' WITH name AS {column}"
        if _word(tokens[stop] if stop < len(tokens) else None, "YIELD"):
            yielded = tokens[stop + 1 : stop + 2]
            if [t.text for t in yielded] not in ([column], ["*"]) or _word(
                tokens[stop + 2] if stop + 2 < len(tokens) else None, "AS"
            ):
                raise QueryError(
                    f"{proc}() yields one column, {column}; write CALL {proc}() YIELD "
                    f"{column} (renaming it with AS is not supported here)"
                )
            stop += 2
        rest = [t for t in tokens[stop:] if t.text != ";"]
        if not rest:
            text += f" RETURN {column} ORDER BY {column}"
        edits.append((tok.pos, _end(tokens[stop - 1]), text))
    return edits


def translate(statement: str) -> str:
    """``statement`` with the Neo4j spellings of this module's docstring rewritten for
    LadybugDB; anything else is returned unchanged. Raises :class:`QueryError` for a
    Neo4j procedure that has no LadybugDB counterpart, or an unterminated string."""
    tokens = tokenize(statement)
    edits = _catalogue(tokens)
    if edits:
        # a catalogue call is replaced whole; the other rewrites apply to the rest
        tokens = [t for t in tokens if not any(a <= t.pos < b for a, b, _ in edits)]
    edits += _functions(statement, tokens) + _aliases(tokens) + _return_items(statement, tokens)
    out = statement
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + text + out[end:]
    return out


_MISMATCHED = re.compile(r"mismatched input '([^']*)'")
_INVALID = re.compile(r"Invalid input <[^>]*?(\w+)>")


def explain_error(message: str) -> str | None:
    """A one-line hint for an engine error a Neo4j habit causes, or ``None``; a parser
    error is cut to its first line, without the list of what the grammar expected."""
    if "List extract takes 1-based position" in message:
        return (
            "lists are 1-based in LadybugDB: x[1] is the first element (Neo4j's x[0]), "
            "x[-1] the last"
        )
    m = _MISMATCHED.search(message) or _INVALID.search(message)
    if m and m.group(1).upper() in RESERVED:
        word = m.group(1)
        return (
            f"{word} is a reserved word in LadybugDB: quote it in backticks (`{word}`) "
            "wherever it is used as a name"
        )
    if m and m.group(1).lower() in ("shortestpath", "allshortestpaths"):
        return (
            "shortestPath() is Neo4j's: LadybugDB writes a shortest path as a recursive "
            "relationship, MATCH p = (a)-[* SHORTEST 1..10]-(b) (docs/cypher.md)"
        )
    if m:
        where = re.search(r"\(line: \d+, offset: \d+\)", message)
        return f"syntax error at {m.group(1)!r}" + (f" {where.group(0)}" if where else "")
    return None
