"""Per-document working state shared by the extractors.

:class:`DocContext` holds the simplified text (same length as the original, so
offsets agree), the articles, the sentence spans, the jieba token boundaries (one
segmentation pass per document) and the mentions found so far. Extractors add
:class:`Span` objects to it; the relation and outcome steps read them back.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from .records import Article, Document, Evidence

@dataclass
class Span:
    """A mention found in the text: ``text[start:end]`` denotes entity ``key``."""

    type: str
    start: int
    end: int
    key: str
    """Canonical name (the entity it denotes, within this document)."""
    data: dict[str, Any] = field(default_factory=dict)
    """Extractor-specific details: place adcode and level, union level, etc."""


@dataclass
class DocContext:
    doc: Document
    text: str
    """Simplified copy of ``doc.text`` (same length)."""
    articles: list[Article]
    sent_starts: list[int] = field(default_factory=list)
    sent_ends: list[int] = field(default_factory=list)
    boundaries: set[int] = field(default_factory=set)
    """Offsets where a jieba token starts or ends."""
    words: list[tuple[int, int]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    art_starts: list[int] = field(default_factory=list)

    def __post_init__(self):
        self.art_starts = [a.start for a in self.articles]

    # -- positions ---------------------------------------------------------------
    def article_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.art_starts, pos) - 1
        return max(i, 0)

    def article_span(self, pos: int) -> tuple[int, int]:
        a = self.articles[self.article_of(pos)]
        return a.start, a.end

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i < 0:
            return 0, len(self.text)
        return self.sent_starts[i], self.sent_ends[i]

    def sentence_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.sent_starts, pos) - 1, 0)

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        s = self.text.rfind("\n", 0, pos) + 1
        e = self.text.find("\n", pos)
        return s, (len(self.text) if e < 0 else e)

    def evidence(self, pos: int, end: int | None = None) -> Evidence:
        s, e = self.sentence_of(pos)
        if end is not None and end > e:
            e = self.sentence_of(end - 1)[1]
        raw = self.doc.text[s:e].strip()
        return Evidence(sentence=raw, start=s, end=e, article=self.article_of(pos))

    # -- spans ---------------------------------------------------------------------
    def add(self, span: Span) -> Span:
        self.spans.append(span)
        return span

    def of_type(self, *types: str) -> list[Span]:
        return sorted((s for s in self.spans if s.type in types), key=lambda s: (s.start, -s.end))

    def covered(self, start: int, end: int, types: tuple[str, ...] | None = None) -> bool:
        """True when ``[start, end)`` overlaps a span already found (of ``types``)."""
        for s in self.spans:
            if (types is None or s.type in types) and s.start < end and start < s.end:
                return True
        return False

