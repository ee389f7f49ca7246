"""Length-preserving text normalisation.

Every function here returns a string of exactly the same length as its input, so
that an offset found in the normalised copy is the same offset in the original
text (``Document.text``). Extractors match against ``Document.simplified`` (or
``normalize_for_matching`` of it) and report offsets into ``Document.text``.

- :func:`to_simplified` converts traditional to simplified Chinese with OpenCC's
  ``t2s`` tables: character by character (first candidate of
  ``TSCharacters.txt``), corrected by the phrases of ``TSPhrases.txt`` (all of which
  keep their length, e.g. ``瞭解`` → ``了解``, ``乾隆`` keeps ``乾``).
- :func:`normalize_for_matching` folds full-width ASCII (``１２３ＡＢＣ，：（``),
  the ideographic space and other compatibility characters to their NFKC form,
  but only where NFKC gives exactly one character.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

__all__ = ["to_simplified", "normalize_for_matching"]


def _opencc_dictionary_dir() -> str:
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - dependency of the project
        raise ImportError("pip install opencc-python-reimplemented") from exc
    return os.path.join(os.path.dirname(opencc.__file__), "dictionary")


def _read_table(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    with open(os.path.join(_opencc_dictionary_dir(), name), encoding="utf-8") as f:
        for line in f:
            key, _, values = line.rstrip("\n").partition("\t")
            value = values.split(" ")[0] if values else ""
            # Only length-preserving entries: offsets must survive the conversion.
            if key and value and len(key) == len(value):
                table[key] = value
    return table


@lru_cache(maxsize=1)
def _tables():
    chars = _read_table("TSCharacters.txt")
    char_map = {ord(k): v for k, v in chars.items() if k != v}
    phrases: dict[str, str] = {}
    trigger: set[str] = set()
    for key, value in _read_table("TSPhrases.txt").items():
        # Positions where the phrase disagrees with the character table are the only
        # ones where it changes anything; a phrase that never disagrees is dropped.
        diff = {key[i] for i in range(len(key)) if value[i] != chars.get(key[i], key[i])}
        if diff:
            phrases[key] = value
            trigger |= diff
    trigger_re = (
        re.compile("[" + "".join(re.escape(c) for c in sorted(trigger)) + "]") if trigger else None
    )
    # trigger character -> [(phrase, position of the character in it)]
    index: dict[str, list[tuple[str, int]]] = {}
    for key in phrases:
        for i, c in enumerate(key):
            if c in trigger:
                index.setdefault(c, []).append((key, i))
    return char_map, phrases, trigger_re, index


def to_simplified(text: str) -> str:
    """Simplified-Chinese copy of ``text`` with the same length.

    >>> to_simplified("臺灣工會聯合會瞭解")
    '台湾工会联合会了解'
    """
    char_map, phrases, trigger_re, index = _tables()
    out = text.translate(char_map)
    if trigger_re is None:
        return out
    hits = [m.start() for m in trigger_re.finditer(text)]
    if not hits:
        return out
    chars = list(out)
    covered_to = 0
    for p in hits:
        if p < covered_to:
            continue
        best = None
        for key, i in index.get(text[p], ()):
            start = p - i
            if start < covered_to or text[start : start + len(key)] != key:
                continue
            # earliest start, then longest: close to OpenCC's forward maximum matching
            if best is None or (start, -len(key)) < (best[0], -len(best[1])):
                best = (start, key)
        if best:
            start, key = best
            chars[start : start + len(key)] = phrases[key]
            covered_to = start + len(key)
    return "".join(chars)


@lru_cache(maxsize=1)
def _nfkc_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # BMP plus the supplementary planes that hold compatibility forms
    # (mathematical alphanumerics, enclosed alphanumerics, CJK compatibility ideographs).
    for cp in (
        list(range(0x80, 0x10000))
        + list(range(0x1D400, 0x1D800))
        + list(range(0x1F100, 0x1F200))
        + list(range(0x2F800, 0x2FA20))
    ):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        n = unicodedata.normalize("NFKC", c)
        if n != c and len(n) == 1:
            table[cp] = n
    return table


def normalize_for_matching(text: str) -> str:
    """``text`` with full-width ASCII and other compatibility characters folded to
    their NFKC form, one character for one character (same length as ``text``).

    Characters whose NFKC form is longer or empty (``㈠`` → ``(一)``) are kept.

    >>> normalize_for_matching("２０２４年，ＡＢＣ（工会）")
    '2024年,ABC(工会)'
    """
    return text.translate(_nfkc_table())
