"""Per-document working state shared by the extractors.

:class:`DocContext` holds the simplified text (same length as the original, so
offsets agree), the articles, the sentence spans, the word boundaries (one
segmentation pass per article with jieba's dictionary, :mod:`extract.segment`) and the
mentions found so far. Extractors add
:class:`Span` objects to it; the relation and outcome steps read them back.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from sortedcontainers import SortedKeyList

from .ner import NerSpan
from .records import Article, Document, Evidence

MAX_EVIDENCE = 500
"""Longest evidence sentence, in characters; a longer one is cut to a window around the fact."""


def _window(s: int, e: int, lo: int, hi: int) -> tuple[int, int]:
    """``MAX_EVIDENCE`` characters of ``[s, e)`` with ``[lo, hi)`` in the middle (its
    start, if the fact itself is longer)."""
    hi = min(hi, lo + MAX_EVIDENCE)
    room = (MAX_EVIDENCE - (hi - lo)) // 2
    ws = max(s, lo - room)
    we = min(e, ws + MAX_EVIDENCE)
    return max(s, we - MAX_EVIDENCE), we


def _start(span: Span) -> int:
    return span.start


@dataclass(slots=True)
class SpanData:
    """What a candidate step found out about a mention, beyond its type, offsets and key.

    One record with declared fields, each left at its default by the steps it does not
    concern (the step that sets it is named). Read by resolve, entities, relations and
    outcomes; copied with :func:`dataclasses.replace`."""

    # -- every type
    aliases: list[str] = field(default_factory=list)
    """Other surface forms of the name (a quote's text, a variant merged by resolve)."""
    model: bool = False
    """Proposed by a statistical model: the NER model (orgs, people) or the learned
    programme scorer (programme_model)."""
    repeat: bool = False
    """A later mention of a name found before (programmes, people)."""
    # -- Place (places.py); ``level`` and ``parent`` also TradeUnion (orgs.py)
    adcode: str | None = None
    """The division's code; None for a town, street or zone not in the gazetteer."""
    level: str | None = None
    """Place: province, city, county, town, street, zone. TradeUnion: national,
    province … county, enterprise, sector, federation, body."""
    parent: str | None = None
    """Place: the adcode of the county (city) a town belongs to. TradeUnion: the union a
    body (女职工委员会) belongs to."""
    surface: str | None = None
    """Place: the text as written (a short form of ``key``)."""
    full: bool = False
    """Place: named in full (平湖市, 当湖街道), not by a short form (平湖)."""
    # -- TradeUnion (orgs.py); ``place`` also read for Programme subjects
    place: str | None = None
    """The key of the place the union is of."""
    place_span: Span | None = None
    """The place's span in the union's name."""
    org: str | None = None
    """An enterprise union's body (the name before 工会)."""
    anaphor: bool = False
    """市总工会, 区总: the article's place of that level."""
    # -- Organization (orgs.py)
    kind: str | None = None
    """government, public, company, media, newspaper … (data/organizations.txt)."""
    # -- Programme (programmes.py)
    quoted: bool = False
    """Named in quotes."""
    optional: bool = False
    """A generic activity (职工之家): blocks worse readings, not reported as a name."""
    strong: bool = False
    """A telling tail, a lexicon entry or a book title says it is a programme."""
    recurring: bool = False
    """The text comes back to it (a quoted name named again)."""
    lexicon: bool = False
    """Found through data/programmes.jsonl."""
    tail: bool = False
    """Found by its name's tail (…驿站, …竞赛)."""
    book: bool = False
    """A book title (《…》) with a programme's tail."""
    variant_of: str | None = None
    """The lexicon programme a named variant is a form of (流动电子职工书屋 → 职工书屋)."""
    # -- Person (people.py)
    title: str | None = None
    """The post title before the name (主席), or the byline's role (记者, 摄影)."""
    title_start: int | None = None
    """Where that title starts in the text."""
    body: str | None = None
    """A byline's organisation (the newspaper the reporter works for)."""
    byline: bool = False
    listed: bool = False
    """One of a list of names (a byline's or a credit's)."""
    credit: bool = False
    """A photo credit (甲 摄)."""
    local: bool = False
    """A byline of the paper itself (本报记者)."""
    alias: str | None = None
    """The form 老+surname by which the text names the person."""
    signature: bool = False
    """A signature at the end of an article."""
    speaker: bool = False
    """Named before a speech verb (说, 表示)."""


@dataclass(eq=False)  # spans compare by identity: two mentions are never the same object
class Span:
    """A mention found in the text: ``text[start:end]`` denotes entity ``key``."""

    type: str
    start: int
    end: int
    key: str
    """Canonical name (the entity it denotes, within this document)."""
    data: SpanData = field(default_factory=SpanData)
    """What the candidate step found out: place adcode and level, union level, etc."""


CLAUSE_MARKS = "，,；;：:。"
"""The marks that end a clause inside a sentence (:meth:`DocContext.clause_start`)."""
LIST_GAP = re.compile(r"[、和与及同]|以及")
"""What stands between two items of one list (甲、乙和丙): a list word, or 同."""


@dataclass
class DocContext:
    doc: Document
    text: str
    """Simplified copy of ``doc.text`` (same length)."""
    articles: list[Article]
    sent_starts: list[int] = field(default_factory=list)
    sent_ends: list[int] = field(default_factory=list)
    boundaries: set[int] = field(default_factory=set)
    """Offsets where a word starts or ends (the segmenter's tokens, jieba's dictionary)."""
    words: list[tuple[int, int]] = field(default_factory=list)
    _spans: dict[int, Span] = field(default_factory=dict, repr=False)
    version: int = 0
    """Changes with every span added or removed (a key for results computed from the spans)."""
    art_starts: list[int] = field(default_factory=list)
    _word_ends: list[int] = field(default_factory=list, repr=False)
    # the spans by start (ties in the order added), kept in step with ``spans`` by add()
    # and remove(): a sorted list of blocks, so that adding in the middle costs no shift of
    # every later span (a long document holds hundreds of thousands)
    _by_start: SortedKeyList = field(default_factory=lambda: SortedKeyList(key=_start), repr=False)
    _maxlen: int = field(default=0, repr=False)
    # the same, one list per type (a search for one type skips the others' spans), and a
    # counter per type that changes with every span of that type added or removed
    _by_type: dict[str, SortedKeyList] = field(default_factory=dict, repr=False)
    type_version: dict[str, int] = field(default_factory=dict, repr=False)
    memo: dict = field(default_factory=dict, repr=False)
    model_words: list[NerSpan] = field(default_factory=list, repr=False)
    """The NER model's words with their tags (:mod:`extract.ner`); empty in fast mode."""
    _model_at: dict[int, NerSpan] = field(default_factory=dict, repr=False)
    _model_starts: list[int] = field(default_factory=list, repr=False)
    """Results the extractors compute once per document (keyed by what they depend on)."""

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

    def clause_start(self, pos: int, lo: int | None = None) -> int:
        """Where the clause holding ``pos`` starts: right after the last clause mark
        (，；：。) between ``lo`` (default: the start of ``pos``'s sentence) and ``pos``."""
        if lo is None:
            lo = self.sentence_of(pos)[0]
        return max([lo] + [self.text.rfind(c, lo, pos) + 1 for c in CLAUSE_MARKS])

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        s = self.text.rfind("\n", 0, pos) + 1
        e = self.text.find("\n", pos)
        return s, (len(self.text) if e < 0 else e)

    def evidence(self, pos: int, end: int | None = None) -> Evidence:
        """The sentence around ``[pos, end)``, or, when it is longer than
        :data:`MAX_EVIDENCE` characters (a page with no sentence ends), a window of
        that many characters around the fact."""
        s, e = self.sentence_of(pos)
        if end is not None and end > e:
            e = self.sentence_of(end - 1)[1]
        if e - s > MAX_EVIDENCE:
            s, e = _window(s, e, pos, max(pos, end if end is not None else pos))
        raw = self.doc.text[s:e].strip()
        return Evidence(sentence=raw, start=s, end=e, article=self.article_of(pos))

    # -- the NER model's words --------------------------------------------------------
    def set_model_words(self, words: list[NerSpan]) -> None:
        self.model_words = words
        self._model_at = {w.start: w for w in words}
        self._model_starts = [w.start for w in words]

    def model_word_at(self, pos: int) -> NerSpan | None:
        """The model's word that starts at ``pos``, if one does (None in fast mode)."""
        return self._model_at.get(pos)

    def model_words_in(self, lo: int, hi: int) -> list[NerSpan]:
        """The model's words that overlap ``[lo, hi)``."""
        i = max(bisect.bisect_right(self._model_starts, lo) - 1, 0)
        j = bisect.bisect_left(self._model_starts, hi)
        return [w for w in self.model_words[i:j] if w.end > lo]

    def model_entities(self, *labels: str) -> list[NerSpan]:
        """The model's entity words with one of ``labels`` (PER, ORG, LOC, TIME), in order."""
        return [w for w in self.model_words if w.label in labels]

    # -- spans ---------------------------------------------------------------------
    @property
    def spans(self) -> list[Span]:
        """The spans found so far, in the order they were added."""
        return list(self._spans.values())

    def add(self, span: Span) -> Span:
        self._spans[id(span)] = span
        self.version += 1
        self._by_start.add(span)  # after the spans with the same start (insertion order)
        self._typed(span.type).add(span)
        self.type_version[span.type] = self.type_version.get(span.type, 0) + 1
        self._maxlen = max(self._maxlen, span.end - span.start)
        return span

    def alive(self, span: Span) -> bool:
        """Whether ``span`` is still among the spans (not removed)."""
        return id(span) in self._spans

    def remove(self, span: Span) -> None:
        del self._spans[id(span)]
        self.version += 1
        self._by_start.remove(span)
        self._typed(span.type).remove(span)
        self.type_version[span.type] += 1

    def _typed(self, type_: str) -> SortedKeyList:
        index = self._by_type.get(type_)
        if index is None:
            index = self._by_type[type_] = SortedKeyList(key=_start)
        return index

    @property
    def max_span(self) -> int:
        """The length of the longest span found so far."""
        return self._maxlen

    def first_span(self, type_: str, key: str) -> Span | None:
        """The first span (by start) of ``type_`` with canonical name ``key``."""
        memo_key = ("first", type_, self.version)
        table = self.memo.get(memo_key)
        if table is None:
            table = {}
            for s in self._by_start:
                if s.type == type_:
                    table.setdefault(s.key, s)
            self.memo[memo_key] = table
        return table.get(key)

    def spans_ending_at(self, pos: int, types: tuple[str, ...] | None = None) -> list[Span]:
        """The spans that end exactly at ``pos``."""
        return [s for s in self.spans_in(pos - self._maxlen, pos, types) if s.end == pos]

    def spans_in(self, lo: int, hi: int, types: tuple[str, ...] | None = None) -> list[Span]:
        """The spans that start in ``[lo, hi)``, by start (an index, not a scan)."""
        if types is not None and len(types) == 1:
            return list(self._typed(types[0]).irange_key(lo, hi, inclusive=(True, False)))
        found = self._by_start.irange_key(lo, hi, inclusive=(True, False))
        return [s for s in found if types is None or s.type in types]

    def iter_spans(
        self, lo: int, hi: int, types: tuple[str, ...] | None = None, reverse: bool = False
    ) -> Iterator[Span]:
        """The spans that start in ``[lo, hi)`` one by one, by start (last first with
        ``reverse``): for a search that stops at the first match."""
        if types is not None and len(types) == 1:
            index = self._typed(types[0])
            yield from index.irange_key(lo, hi, inclusive=(True, False), reverse=reverse)
            return
        for s in self._by_start.irange_key(lo, hi, inclusive=(True, False), reverse=reverse):
            if types is None or s.type in types:
                yield s

    def of_type(self, *types: str) -> list[Span]:
        return sorted(
            (s for s in self._spans.values() if s.type in types), key=lambda s: (s.start, -s.end)
        )

    def words_ending_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The words whose end lies in ``(lo, hi]``, in text order (a bisection: the
        extractors ask this once per cue, so a scan of all words would be quadratic)."""
        if len(self._word_ends) != len(self.words):
            self._word_ends = [e for _, e in self.words]
        i = bisect.bisect_right(self._word_ends, lo)
        j = bisect.bisect_right(self._word_ends, hi)
        return self.words[i:j]

    def covered(self, start: int, end: int, types: tuple[str, ...] | None = None) -> bool:
        """True when ``[start, end)`` overlaps a span already found (of ``types``)."""
        for s in self._by_start.irange_key(start - self._maxlen, end, inclusive=(True, False)):
            if start < s.end and (types is None or s.type in types):
                return True
        return False
