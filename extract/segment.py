"""Word segmentation with jieba's dictionary, and that dictionary's counts and tags.

Two segmenters are available; both cut with jieba's dictionary (``jieba/dict.txt``) and
jieba's HMM for unknown words:

``rjieba`` (the default)
    jieba-rs, a Rust port of jieba, through the ``rjieba`` binding: about 30 times
    faster, and it loads in 0.1 s where ``jieba.initialize()`` takes 0.55 s. Its
    built-in dictionary is jieba's ``dict.txt``. One difference from jieba is
    corrected here: inside a run of unknown characters jieba splits a non-Chinese
    stretch such as ``2023-05-12`` or ``qq.com`` into ``2023 - 05 - 12`` and
    ``qq . com``, and jieba-rs keeps it whole; such tokens are split again the way
    jieba does. Left as it is: when the HMM finds two readings of a run of unknown
    Chinese characters equally likely, the two may break the tie differently (1 or 2
    in 100,000 random strings, none in the corpora).
``jieba``
    jieba itself (``jieba.lcut``), pure Python.

Choose with ``Extractor(segmenter=...)`` or the ``UNIONKG_SEGMENTER`` environment
variable (``rjieba`` or ``jieba``). When rjieba cannot be imported, ``rjieba`` falls
back to jieba with one warning. See docs/dependencies.md and docs/performance.md.

:func:`load_dictionary` reads jieba's ``dict.txt`` without building jieba's tokenizer
(0.03 s instead of 0.55 s for ``jieba.initialize()`` and 0.23 s for ``import
jieba.posseg``). Its :class:`WordFreq` answers like ``jieba.dt.FREQ`` and its ``tags`` like
``jieba.posseg.dt.word_tag_tab``; a word is looked up, when first asked for, among the
lines that start with its first character.
"""

from __future__ import annotations

import bisect
import importlib.util
import logging
import os
import re
import warnings
from collections.abc import Mapping
from itertools import accumulate
from pathlib import Path

from .errors import ExtractError
from .resources import load_sections

SEGMENTERS = ("rjieba", "jieba")
DEFAULT_SEGMENTER = "rjieba"
ENV_VAR = "UNIONKG_SEGMENTER"

# jieba's own patterns (jieba/__init__.py, jieba/finalseg/__init__.py)
_BLOCK_CHARS = r"a-zA-Z0-9+#&._%\-"
_RE_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # finalseg.re_skip
# a stretch of non-Chinese block characters with a symbol in it, where jieba-rs may keep
# together what jieba's HMM splits
_RE_SUSPECT = re.compile(rf"[{_BLOCK_CHARS}]*[+#&._%\-][{_BLOCK_CHARS}]*")
_RE_NONHAN_BLOCK = re.compile(rf"[{_BLOCK_CHARS}]+")


FUNCTION_TAGS = load_sections("model_tags.txt")["function_word_prefixes"]
"""Prefixes of jieba's tags for function words (model_tags.txt): prepositions, conjunctions, adverbs,
pronouns, particles and interjections (于, 和, 曾, 何). A character jieba tags so is too
often an ordinary word to be taken for a surname on weak evidence."""


class SegmenterError(ExtractError, ValueError):
    """An unknown segmenter name (argument or ``$UNIONKG_SEGMENTER``)."""


def segmenter_name(name: str | None = None) -> str:
    """The segmenter to use: ``name``, else ``$UNIONKG_SEGMENTER``, else ``rjieba``."""
    chosen = (name or os.environ.get(ENV_VAR) or DEFAULT_SEGMENTER).strip().lower()
    if chosen not in SEGMENTERS:
        src = "segmenter" if name else ENV_VAR
        raise SegmenterError(f"unknown {src} {chosen!r}: use one of {', '.join(SEGMENTERS)}")
    return chosen


# --------------------------------------------------------------------------- dictionary


def dictionary_path() -> Path:
    """jieba's main dictionary, ``dict.txt`` in the installed jieba package (found without
    importing jieba)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(
            "jieba is not installed (pip install jieba): unionkg reads its dictionary"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


class WordFreq:
    """jieba's ``FREQ`` table, answered from the dictionary text: a dictionary word maps to
    its count, a proper prefix of a word that is not itself a word maps to 0 (so ``in``
    is true for it, as in jieba), anything else is absent.

    Supports ``in``, ``[]`` and ``get``, the operations the extractors use. Each word
    asked for is looked up once in the lines that share its first character (a string
    search, no parsing of the rest) and remembered."""

    __slots__ = ("_blocks", "_memo")

    def __init__(self, blocks: dict[str, str]):
        self._blocks = blocks  # first character -> "\n" + its dict.txt lines, in file order
        self._memo: dict[str, tuple[int, str | None] | None] = {}

    def _entry(self, word: str) -> tuple[int, str | None] | None:
        """``(count, tag)`` for a word, ``(0, None)`` for a prefix, None otherwise."""
        if word in self._memo:
            return self._memo[word]
        e: tuple[int, str | None] | None = None
        block = self._blocks.get(word[:1]) if word else None
        if block is not None:
            # the last line wins, as in jieba.Tokenizer.gen_pfdict and posseg.load_word_tag
            i = block.rfind("\n" + word + " ")
            if i >= 0:
                j = i + len(word) + 2
                k = block.find("\n", j)
                fields = block[j:k].split(" ")
                e = (int(fields[0]), fields[1] if len(fields) > 1 else None)
            elif block.find("\n" + word) >= 0:
                e = (0, None)
        self._memo[word] = e
        return e

    def get(self, word: str, default=None):
        e = self._entry(word)
        return default if e is None else e[0]

    def __contains__(self, word) -> bool:
        return self._entry(word) is not None

    def __getitem__(self, word: str) -> int:
        e = self._entry(word)
        if e is None:
            raise KeyError(word)
        return e[0]

    def tag(self, word: str) -> str | None:
        """jieba's part-of-speech tag of a dictionary word (``ns`` for a place name)."""
        e = self._entry(word)
        return None if e is None else e[1]


class WordTags:
    """jieba's word-tag table (``jieba.posseg.dt.word_tag_tab``), backed by a
    :class:`WordFreq`: ``tags.get(word)`` is the word's tag, or ``default``."""

    __slots__ = ("_words",)

    def __init__(self, words: WordFreq):
        self._words = words

    def get(self, word: str, default=None):
        t = self._words.tag(word)
        return default if t is None else t

    def __contains__(self, word) -> bool:
        return self._words.tag(word) is not None

    def __getitem__(self, word: str) -> str:
        t = self._words.tag(word)
        if t is None:
            raise KeyError(word)
        return t


# what the finders accept as word counts and word tags: a Dictionary's views or a plain mapping
Freq = Mapping[str, int] | WordFreq
Tags = Mapping[str, str] | WordTags


class Dictionary:
    """jieba's ``dict.txt``: ``freq`` (like ``jieba.dt.FREQ``) and ``tags`` (like
    ``jieba.posseg.dt.word_tag_tab``)."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else dictionary_path()
        text = self.path.read_text(encoding="utf-8")
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        if not text.endswith("\n"):
            text += "\n"
        runs: dict[str, list[str]] = {}
        # runs of consecutive lines that share their first character (dict.txt keeps
        # most words of one first character together; 11,783 runs for 11,772 characters)
        for m in re.finditer(r"(.)[^\n]*\n(?:\1[^\n]*\n)*", text):
            runs.setdefault(m.group(1), []).append(m.group())
        self.freq = WordFreq({c: "\n" + "".join(r) for c, r in runs.items()})
        self.tags = WordTags(self.freq)

    def is_word(self, word: str) -> bool:
        """True for a word jieba's segmenter can produce from the dictionary (count > 0)."""
        return bool(self.freq.get(word))


_dictionary: Dictionary | None = None


def load_dictionary() -> Dictionary:
    """jieba's dictionary, read once per process."""
    global _dictionary
    if _dictionary is None:
        _dictionary = Dictionary()
    return _dictionary


# --------------------------------------------------------------------------- segmenters


class Segmenter:
    """Cuts text into words. ``cut(text)`` is ``jieba.lcut(text)``; ``cut(text, hmm=False)``
    is ``jieba.lcut(text, HMM=False)``."""

    name = ""

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        raise NotImplementedError

    def bounds(self, text: str, offset: int = 0) -> list[int]:
        """Token boundaries of ``cut(text)`` as offsets (``offset`` added): the start of
        the first token, then the end of each token."""
        return list(accumulate(map(len, self.cut(text)), initial=offset))

    def __repr__(self):
        return f"<{type(self).__name__} {self.name}>"


class JiebaSegmenter(Segmenter):
    name = "jieba"

    def __init__(self):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        self._lcut = jieba.lcut

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        return self._lcut(text, HMM=hmm)


class RjiebaSegmenter(Segmenter):
    name = "rjieba"

    def __init__(self, dictionary: Dictionary | None = None):
        import rjieba

        self._cut = rjieba.cut
        self._dictionary = dictionary

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        words = self._cut(text, hmm)
        if hmm and _RE_SUSPECT.search(text):
            fixed = self._resplit(text, words, list(accumulate(map(len, words), initial=0)), 0)
            if fixed is not None:
                return fixed
        return words

    def bounds(self, text: str, offset: int = 0) -> list[int]:
        words = self._cut(text, True)
        bounds = list(accumulate(map(len, words), initial=offset))
        if _RE_SUSPECT.search(text):
            fixed = self._resplit(text, words, bounds, offset)
            if fixed is not None:
                bounds = list(accumulate(map(len, fixed), initial=offset))
        return bounds

    def _resplit(
        self, text: str, words: list[str], bounds: list[int], offset: int
    ) -> list[str] | None:
        """The tokens again, with those jieba-rs keeps whole and jieba's HMM splits split
        as jieba does: a token of non-Chinese block characters with a symbol in it
        (``2023-05-12``) that is not a dictionary word is cut into its pieces by
        ``finalseg.re_skip`` (``2023 - 05 - 12``). None when no token changes.
        ``bounds`` are the token boundaries plus ``offset``."""
        fix: list[int] = []
        n = len(words)
        for m in _RE_SUSPECT.finditer(text):
            if m.end() - m.start() < 2:
                continue
            i = bisect.bisect_right(bounds, m.start() + offset) - 1
            stop = m.end() + offset
            while i < n and bounds[i] < stop:
                w = words[i]
                if len(w) > 1 and _RE_NONHAN_BLOCK.fullmatch(w) and (not fix or fix[-1] != i):
                    fix.append(i)
                i += 1
        if not fix:
            return None
        dictionary = self._dictionary or load_dictionary()
        out: list[str] = []
        last = 0
        for i in fix:
            if dictionary.is_word(words[i]):
                continue
            pieces = [x for x in _RE_SKIP.split(words[i]) if x]
            if len(pieces) == 1:
                continue
            out.extend(words[last:i])
            out.extend(pieces)
            last = i + 1
        if last == 0:
            return None
        out.extend(words[last:])
        return out


_segmenters: dict[str, Segmenter] = {}


def get_segmenter(name: str | None = None) -> Segmenter:
    """The segmenter called ``name`` (see :func:`segmenter_name`), built once per process.

    ``rjieba`` falls back to jieba, with one warning, when rjieba cannot be imported."""
    chosen = segmenter_name(name)
    seg = _segmenters.get(chosen)
    if seg is not None:
        return seg
    if chosen == "rjieba":
        try:
            seg = RjiebaSegmenter()
        except ImportError as exc:
            warnings.warn(
                f"rjieba cannot be imported ({exc}); segmenting with jieba instead, about "
                "3 times slower (pip install rjieba)",
                RuntimeWarning,
                stacklevel=2,
            )
            seg = get_segmenter("jieba")
    else:
        seg = JiebaSegmenter()
    _segmenters[chosen] = seg
    return seg
