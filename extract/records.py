"""Records passed between the stages of unionkg.

A :class:`Document` goes into the extractors; an :class:`Extraction` comes out.
``Extraction.to_json()`` is the hand-off between ``extract`` and ``graph``: one
JSON object per document, one per line in ``extractions.jsonl`` (see
``docs/format.md``). The graph stage reads those dicts back, so every stage can
be rerun and tested from its input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES = ("TradeUnion", "Place", "Programme", "Person", "Organization")
"""Entity labels, the same in the gold files, the extraction JSONL and every store."""

RELATION_TYPES = ("RUNS", "HOLDS_POSITION", "ADOPTED_IN", "LOCATED_IN")
"""Fact relations the extractors emit. PART_OF, REPORTED, MENTIONS and SPREAD_TO
are added by the graph stage."""


@dataclass
class Article:
    """One article inside a document (a newspaper page holds several)."""

    index: int
    """Position of the article in its document, from 0."""
    start: int
    """Character offset of the article's first character in ``Document.text``."""
    end: int
    """Character offset one past the article's last character."""
    title: str = ""
    """Headline, when one could be recognised."""
    date: str | None = None
    """ISO date (``2024-12-20``) or year (``2024``) of the article, when known."""

    def to_json(self) -> dict:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "date": self.date,
        }


@dataclass
class Document:
    """One input document: a file, or one line of a JSONL file."""

    doc_id: str
    """File name without extension, or the ``id`` field of a JSONL line."""
    text: str
    """The text as written (traditional characters are kept; see ``simplified``)."""
    path: str = ""
    """Where it was read from (``file.jsonl:12`` for a JSONL line)."""
    title: str = ""
    date: str | None = None
    """Article date from metadata, ISO ``YYYY-MM-DD`` or ``YYYY``; None when unknown."""
    source: str = ""
    url: str = ""
    simplified: str | None = None
    """Simplified-Chinese copy of ``text`` with the same length (character by character),
    so offsets found in it are offsets into ``text``. None until the reader sets it."""
    articles: list[Article] = field(default_factory=list)
    headline: str = ""
    """The title found in the text when the metadata gives none (set by the extraction
    pipeline, :mod:`extract.headline`); not part of :attr:`sha256`."""

    @property
    def sha256(self) -> str:
        """Content hash used by incremental builds."""
        h = hashlib.sha256()
        for part in (self.doc_id, self.title, self.date or "", self.source, self.url, self.text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class Evidence:
    """Where a fact came from: the sentence and the character span in the document."""

    sentence: str
    start: int
    end: int
    article: int = 0

    def to_json(self) -> dict:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "article": self.article,
        }


@dataclass
class Mention:
    """A surface form of an entity at character offsets ``[start, end)`` of the document."""

    text: str
    start: int
    end: int
    sentence: str = ""
    article: int = 0

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "article": self.article,
        }


@dataclass
class Entity:
    """An entity of one document, with every mention of it."""

    id: str
    """Stable node id shared by every document (see ``entity_id``)."""
    type: str
    name: str
    """Canonical name in simplified Chinese (annotation guidelines)."""
    aliases: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)
    """Type-specific properties: places carry ``level``, ``adcode``, ``lon``, ``lat`` and
    ``chain`` (their ancestors, nearest first, each a dict with the same keys plus ``id``
    and ``name``); a person may carry ``optional`` when anonymised."""
    mentions: list[Mention] = field(default_factory=list)

    def to_json(self) -> dict:
        aliases = sorted({a for a in self.aliases if a and a != self.name})
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": aliases,
            "props": self.props,
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass
class Relation:
    """A fact between two entities of the same document."""

    type: str
    head: Entity
    tail: Entity
    title: str | None = None
    """HOLDS_POSITION: the post (主席, 记者 …)."""
    year: int | None = None
    """ADOPTED_IN: the year the text dates the adoption to, else the year of the article's
    date; None when neither is known."""
    year_basis: str | None = None
    """ADOPTED_IN: ``"stated"`` (the text states ``year``) or ``"reported"`` (``year`` is the
    article's); None with no year."""
    date: str | None = None
    """ADOPTED_IN: full ISO date when the text gives one."""
    evidence: list[Evidence] = field(default_factory=list)
    evidence_more: int = 0
    """Further sentences of the document that state the relation, beyond the evidence kept
    (``extract.pipeline.MAX_EVIDENCE_PER_RELATION``)."""

    @property
    def key(self) -> tuple:
        return (self.type, self.head.id, self.tail.id, self.title or "")

    def to_json(self) -> dict:
        d: dict[str, Any] = {
            "type": self.type,
            "head": self.head.name,
            "tail": self.tail.name,
            "head_id": self.head.id,
            "tail_id": self.tail.id,
        }
        if self.title:
            d["title"] = self.title
        if self.year is not None:
            d["year"] = self.year
            d["year_basis"] = self.year_basis
        if self.date:
            d["date"] = self.date
        d["evidence"] = [e.to_json() for e in self.evidence]
        if self.evidence_more:
            d["evidence_more"] = self.evidence_more
        return d


@dataclass
class ReportedPath:
    """A sentence that says a programme travelled from one place to another (学习借鉴…经验,
    推广到…): the spread the text itself reports (extract/spread_reports.py)."""

    programme: Entity
    from_id: str
    from_name: str
    to_id: str
    """May be a place the document names only through its gazetteer chain (全省)."""
    to_name: str
    kind: str
    """The cue's class: learned, copied, promoted, extended, originated."""
    evidence: Evidence

    def to_json(self) -> dict:
        return {
            "programme": self.programme.name,
            "programme_id": self.programme.id,
            "from": self.from_name,
            "from_id": self.from_id,
            "to": self.to_name,
            "to_id": self.to_id,
            "kind": self.kind,
            "evidence": self.evidence.to_json(),
        }


@dataclass
class Outcome:
    """A reported figure of a union or programme: 2949名, 2.0356亿元 …"""

    subject: Entity | None
    value: float
    """The number as a plain number (2.0356亿元 → 203560000)."""
    unit: str
    """Measure word without 余/多/近 (名, 家, 元, %, 人次 …)."""
    text: str
    """The figure as written in the text (``5万余名``)."""
    qualifier: str = ""
    """余, 多, 近, 超 … when the text hedges the figure."""
    evidence: Evidence | None = None

    @property
    def id(self) -> str:
        subj = self.subject.id if self.subject else ""
        raw = f"{subj}|{self.value:g}|{self.unit}|{self.evidence.sentence if self.evidence else self.text}"
        return "Outcome:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "id": self.id,
            "subject": self.subject.name if self.subject else "",
            "subject_id": self.subject.id if self.subject else "",
            "value": value,
            "unit": self.unit,
            "text": self.text,
            "qualifier": self.qualifier,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass
class Extraction:
    """Everything extracted from one document."""

    doc: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    spread: list[ReportedPath] = field(default_factory=list)
    """The spread paths the text reports (written only when there are some)."""

    def to_json(self) -> dict:
        d = self.doc
        return {
            "doc_id": d.doc_id,
            "source": {
                "path": d.path,
                "title": d.title or d.headline,
                "date": d.date,
                "source": d.source,
                "url": d.url,
                "sha256": d.sha256,
                "chars": len(d.text),
            },
            "articles": [a.to_json() for a in d.articles],
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
            "outcomes": [o.to_json() for o in self.outcomes],
        } | ({"spread": [p.to_json() for p in self.spread]} if self.spread else {})


def year_rank(year: int | None, basis: str | None) -> tuple[int, int]:
    """Which of two dated adoptions wins (the smaller): a stated year before a reported
    one, then the earlier year; no year last."""
    if year is None:
        return (2, 0)
    return (0 if basis == "stated" else 1, year)


def entity_id(etype: str, name: str, scope: str = "") -> str:
    """Stable node id: ``Type:name``; places use their adcode when the gazetteer knows it
    (``Place:330482``), people add the body or place that tells namesakes apart
    (``Person:许静@平湖市总工会``)."""
    return f"{etype}:{name}@{scope}" if scope else f"{etype}:{name}"
