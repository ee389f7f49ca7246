"""What the explorer's search box needs, computed in Python so the page needs no
network and no converter: each node's search key (its name and aliases, NFKC,
case-folded, in simplified characters) and the table that folds the characters a
user may type (traditional forms of the characters in the graph's names) to the
simplified ones. Also which aliases the panel shows: junk aliases (a name plus
品牌/项目, names with quote marks; rules in ``viz/data/junk-aliases.txt``) are not.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib import resources

__all__ = ["search_key", "char_table", "shown_aliases", "junk_rules"]


@cache
def _converters():  # noqa: ANN202 - opencc has no type hints
    from opencc import OpenCC

    return OpenCC("t2s"), OpenCC("s2t")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def simplified(text: str) -> str:
    """``text`` NFKC, case-folded, traditional characters made simplified."""
    return _converters()[0].convert(_fold(text))


def search_key(name: str, aliases: Iterable[str]) -> str:
    """One string the page searches: name and aliases, folded, joined by NUL."""
    forms = [simplified(str(x)) for x in (name, *aliases) if x]
    return "\u0000".join(dict.fromkeys(forms))


def char_table(names: Iterable[str]) -> dict[str, str]:
    """Character -> simplified character, for every character a user may type to
    find one of ``names`` in traditional spelling: the characters of the names and
    of their traditional forms (word by word and character by character) that
    simplify to another character. The page folds a query with it, one character
    at a time, and then compares it with the search keys."""
    t2s, s2t = _converters()
    chars: set[str] = set()
    for name in names:
        folded = _fold(str(name))
        chars.update(folded)
        chars.update(s2t.convert(folded))
    for ch in list(chars):
        chars.update(s2t.convert(ch))
    table = {}
    for ch in sorted(chars):
        simple = t2s.convert(ch)
        if len(simple) == 1 and simple != ch:
            table[ch] = simple
    return table


@cache
def junk_rules() -> tuple[tuple[str, ...], frozenset[str]]:
    """(suffixes, quote characters) from ``viz/data/junk-aliases.txt``."""
    text = resources.files("viz").joinpath("data", "junk-aliases.txt").read_text("utf-8")
    suffixes, quotes = [], set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _tab, value = line.partition("\t")
        if kind == "suffix" and value:
            suffixes.append(value)
        elif kind == "quote" and value:
            quotes.add(value)
    # Longest suffix first, so "品牌项目" is tried before "项目".
    return tuple(sorted(suffixes, key=len, reverse=True)), frozenset(quotes)


def shown_aliases(name: str, aliases: Iterable[str]) -> list[str]:
    """``aliases`` without the junk ones: those holding a quote mark, and those that
    are the name or another alias plus a suffix of the rules."""
    suffixes, quotes = junk_rules()
    aliases = [str(a) for a in aliases if a]
    names = {str(name), *aliases}
    out = []
    for alias in aliases:
        if any(q in alias for q in quotes):
            continue
        if any(alias.endswith(s) and alias[: -len(s)] in names for s in suffixes):
            continue
        out.append(alias)
    return out
