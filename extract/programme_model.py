"""A learned scorer of programme names that end in a tail (a candidate step, NER mode).

The rules of :mod:`extract.programmes` accept a name before a tail (…活动, …大赛, …中心)
on cues written for the text they were built on; on articles they have not seen they
miss about half the programmes. This step proposes names the rules left:

1. **Candidates** (:class:`DocView`): every stretch of text that ends in a tail of
   ``data/programme_names.txt [model_tails]`` and starts at a word boundary at most
   ``max_chars`` characters to its left, inside one clause (no mark of
   ``[model_stop_chars]``), with its quotation marks balanced; outside quotes, no word
   in it that the NER model tags as a function word or reads as a count (百万张), and no
   verb first
   (``data/model_tags.txt [programme_model_*]``).
2. **Features** (:func:`features`): the tail; lengths; quotes, a year, an edition,
   figures; the model's tags in and around the candidate; the words before, after,
   first and inside (a place, person, organisation or time by its class, not its text);
   which names the rules found next to it; how often the text repeats it.
3. **Score**: a logistic regression (weights and threshold in
   ``data/programme_model.txt``). At each tail the best candidate scoring at least the
   threshold is taken, the most probable first and none overlapping another; it is
   added unless it overlaps a name the rules found (a programme, union, organisation or
   person), or its name holds or is held in a programme's name the rules found.

The step runs in NER mode only: its features read the model's tags. The weights are
trained by ``python -m extract.programme_training`` (:mod:`extract.programme_training`) on annotated articles
in the format of ``../shared/gold``; a feature gets a weight only if it occurs in
``min_docs`` training documents, so the file holds words of the genre and the shapes of
names, not the names of any article. Same text and weights, same spans.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from .context import DocContext, Span, SpanData
from .programmes import ProgrammeFinder, canonical, is_count
from .resources import alternation, load_sections

MODEL_FILE = "programme_model.txt"

_NAMES = load_sections("programme_names.txt")
_TAGS = load_sections("model_tags.txt")
_TAIL_RE = re.compile(alternation(_NAMES["model_tails"], longest_first=True))
# a clause ends at a mark of [model_stop_chars] and at white space or a line break
_STOP = frozenset("".join(_NAMES["model_stop_chars"])) | frozenset(" \t\n\r\u3000")
_STOP_WORDS = frozenset("".join(_NAMES["unquoted_stop_chars"]))
_NOT_IN_NAME = frozenset(_TAGS["programme_model_not_in_name"])
_NO_START = frozenset(_TAGS["programme_model_no_start"])
_CLASSES = frozenset(_TAGS["programme_model_classes"])
_INSIDE = _TAGS["programme_model_inside"]
_OPEN, _CLOSE = "“「『", "”」』"
_QUOTE_CHARS = frozenset(_OPEN + _CLOSE + '"')
_YEAR = re.compile(r"\d{2,4}年")
_EDITION = re.compile(r"第[一二三四五六七八九十百\d]+[届期次]")
_KINDS = ("Place", "TradeUnion", "Organization", "Person", "Programme")
_BLOCKING = ("Programme", "TradeUnion", "Organization", "Person")


@dataclass(frozen=True)
class Model:
    """The weights file: feature → weight, and its settings."""

    weights: dict[str, float]
    threshold: float = 0.9
    """The least probability of a name the step adds."""
    max_chars: int = 24
    """The longest candidate, in characters."""
    min_docs: int = 3
    """Training: a feature's least number of documents to get a weight."""


def _bucket(n: int) -> str:
    return str(n) if n < 6 else ("6-9" if n < 10 else ("10-15" if n < 16 else "16+"))


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def norm_name(s: str) -> str:
    """A name as the scorer compares it: NFKC, no quotation marks, no white space."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(ch for ch in s if ch not in _QUOTE_CHARS and not ch.isspace())


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    tail: str


class DocView:
    """What the features read of one document: the words by start and end, the model's
    tag at each character, the quote depth at each offset, the words the rules would not
    put in a name, the names the rules found; and the candidates."""

    def __init__(
        self,
        text: str,
        words: Sequence[tuple[int, int]],
        tags: dict[int, str],
        *,
        max_chars: int = 24,
        not_name: Callable[[int, int], bool] | None = None,
        span_starts: dict[int, str] | None = None,
        span_ends: dict[int, str] | None = None,
        counts: frozenset[int] = frozenset(),
    ):
        self.text = text
        self.tags = tags
        self._not_name = not_name
        self._not_name_at: dict[int, bool] = {}
        self.span_starts = span_starts or {}
        self.span_ends = span_ends or {}
        self.by_start = {s: e for s, e in words}
        self.by_end = {e: s for s, e in words}
        self.starts = sorted(self.by_start)
        self.depth = self._depths(text)
        self.bad = self._bad(text, counts)
        self.candidates = list(self._candidates(max_chars))
        self.counts = Counter(norm_name(text[c.start : c.end]) for c in self.candidates)

    @classmethod
    def of(cls, ctx: DocContext, max_chars: int = 24) -> DocView:
        tags: dict[int, str] = {}
        for w in ctx.model_words:
            for k in range(w.start, w.end):
                tags[k] = w.label

        def not_name(ws: int, we: int) -> bool:
            return not ProgrammeFinder.name_word(ctx, ws, we)

        counts = frozenset(
            k for w in ctx.model_words if is_count(ctx.text, w) for k in range(w.start, w.end)
        )
        starts: dict[int, str] = {}
        ends: dict[int, str] = {}
        for sp in ctx.spans:
            if sp.type in _KINDS:
                starts.setdefault(sp.start, sp.type)
                ends.setdefault(sp.end, sp.type)
        return cls(
            ctx.text,
            ctx.words,
            tags,
            max_chars=max_chars,
            not_name=not_name,
            span_starts=starts,
            span_ends=ends,
            counts=counts,
        )

    @staticmethod
    def _depths(text: str) -> list[int]:
        """1 inside a quotation (a line break closes an unclosed one), else 0."""
        depth, q = [0] * (len(text) + 1), 0
        for i, ch in enumerate(text):
            depth[i] = q
            if ch in _OPEN:
                q = 1
            elif ch in _CLOSE or ch == "\n":
                q = 0
        depth[len(text)] = q
        return depth

    def _bad(self, text: str, counts: frozenset[int]) -> list[int]:
        """bad[i]: how many characters before ``i`` stand in no name (outside quotes, a
        function word by the model's tag, a one-character stop word, or a count: a
        character of ``counts``)."""
        bad = [0] * (len(text) + 1)
        for i, ch in enumerate(text):
            no = self.depth[i] == 0 and (
                self.tags.get(i) in _NOT_IN_NAME
                or (self.by_start.get(i) == i + 1 and ch in _STOP_WORDS)
                or i in counts
            )
            bad[i + 1] = bad[i] + no
        return bad

    def _candidates(self, max_chars: int) -> Iterator[Candidate]:
        text, depth = self.text, self.depth
        for m in _TAIL_RE.finditer(text):
            ts, e = m.start(), m.end()
            k = ts
            while k > 0 and k > e - max_chars and text[k - 1] not in _STOP:
                k -= 1
            lo = bisect.bisect_left(self.starts, k)
            hi = bisect.bisect_right(self.starts, ts)
            for i in range(lo, hi):
                s = self.starts[i]
                if (
                    e - s >= 2
                    and depth[s] == depth[e]
                    and self.bad[ts] == self.bad[s]
                    and not (depth[s] == 0 and self.tags.get(s) in _NO_START)
                    and _balanced(text[s:e])
                ):
                    yield Candidate(s, e, m.group())
            if ts not in self.by_start and depth[ts] == depth[e]:
                yield Candidate(ts, e, m.group())  # the tail begins inside a word

    def tag(self, i: int) -> str:
        return self.tags.get(i, "-")

    def not_name(self, start: int) -> bool:
        """Whether the rules keep the word starting at ``start`` out of an unquoted name
        (asked only of the words in candidates, once each)."""
        known = self._not_name_at.get(start)
        if known is None:
            end = self.by_start.get(start)
            known = bool(self._not_name and end is not None and self._not_name(start, end))
            self._not_name_at[start] = known
        return known

    def word(self, s: int, e: int) -> str:
        """The word at ``[s, e)`` as a feature: a name the model labels stands for its
        class (<LOC>), a word with figures for <NUM>."""
        for k in range(s, e):
            if self.tags.get(k) in _CLASSES:
                return "<" + self.tags[k] + ">"
        w = self.text[s:e]
        return "<NUM>" if any(ch.isdigit() for ch in w) else w


def features(v: DocView, c: Candidate) -> list[str]:
    """The features of candidate ``c``: strings, a weight each."""
    t, s, e, tail = v.text, c.start, c.end, c.tail
    core_end = e - len(tail)
    before, after, first = v.by_end.get(s), v.by_start.get(e), v.by_start.get(s)
    f = [
        "bias",
        "T=" + tail,
        "L=" + _bucket(e - s),
        "CL=" + _bucket(core_end - s),
        "PW=" + (v.word(before, s) if before is not None else t[max(0, s - 1) : s]),
        "PC=" + t[s - 1 : s],
        "PT=" + v.tag(s - 1),
        "NC=" + t[e : e + 1],
        "NW=" + (v.word(e, after) if after is not None else ""),
        "NT=" + v.tag(e),
        "FW=" + (v.word(s, first) if first is not None else t[s]),
        "FT=" + v.tag(s),
        f"Q={any(ch in _QUOTE_CHARS for ch in t[s:e])}",
        f"Q0={t[s] in _OPEN or t[s] == chr(34)}",
        f"QT={t[core_end - 1 : core_end] in (_CLOSE + chr(34))}",
        f"Y={bool(_YEAR.match(t, s))}",
        f"ED={bool(_EDITION.search(t, s, core_end))}",
        f"D={any(ch.isdigit() for ch in t[s:core_end])}",
    ]
    tags = Counter(v.tag(k) for k in range(s, core_end))
    f.append("NV=" + _bucket(tags.get("v", 0)))
    f.extend("has" + tg for tg in _INSIDE if tags.get(tg))
    f.append(f"LOC0={v.tag(s) == 'LOC'}")
    k, n_words, word_starts = s, 0, []
    while k < e:
        we = v.by_start.get(k)
        if we is None:
            k += 1
            continue
        f.append("IW=" + v.word(k, we))
        n_words += 1
        if k < core_end:
            word_starts.append(k)
        k = we
    f.append("NWD=" + _bucket(n_words))
    f.append("BAD=" + _bucket(min(2, sum(map(v.not_name, word_starts)))))
    f.append("S0=" + v.span_starts.get(s, "-"))
    f.append("E0=" + v.span_ends.get(s, "-"))
    f.append("REP=" + _bucket(v.counts[norm_name(t[s:e])]))
    f.append("T+PT=" + tail + v.tag(s - 1))
    f.append("T+L=" + tail + _bucket(e - s))
    f.append(f"T+Q={tail}{t[s] in _OPEN}")
    f.append(f"T+LT={tail}{v.tag(core_end - 1)}")
    return f


def probability(weights: dict[str, float], feats: list[str]) -> float:
    z = sum(weights.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def best_spans(v: DocView, model: Model) -> list[tuple[int, int, float]]:
    """``(start, end, probability)`` of the best candidate ending at each tail that scores
    at least the threshold: the most probable first, none overlapping one taken before;
    in text order."""
    best: dict[int, tuple[float, int]] = {}
    for c in v.candidates:
        p = probability(model.weights, features(v, c))
        if p >= model.threshold and (c.end not in best or p > best[c.end][0]):
            best[c.end] = (p, c.start)
    taken: list[tuple[int, int, float]] = []
    starts: list[int] = []  # the taken spans by start (they never overlap), and their ends
    ends: list[int] = []
    for p, neg_s, e in sorted(((p, -s, e) for e, (p, s) in best.items()), reverse=True):
        s = -neg_s
        i = bisect.bisect_left(starts, s)
        if (i < len(starts) and starts[i] < e) or (i and ends[i - 1] > s):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        taken.append((s, e, p))
    return sorted(taken)


# -- the weights file -------------------------------------------------------------------

ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(feature: str) -> str:
    """A feature as the weights file writes it: one a line, white space escaped."""
    return "".join(ESCAPES.get(ch, ch) for ch in feature)


def _unescape(written: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r", "t": "\t"}.get(m[1], m[1]), written)


@cache
def load_model(name: str = MODEL_FILE) -> Model:
    """The weights file ``data/<name>``: ``[settings]`` (``key value``) and
    ``[weights]`` (``feature<TAB>weight``)."""
    sec = load_sections(name)
    settings = dict(line.split(None, 1) for line in sec["settings"])
    weights = {}
    for line in sec["weights"]:
        feat, _, w = line.rpartition("\t")
        weights[_unescape(feat)] = float(w)
    return Model(
        weights,
        threshold=float(settings["threshold"]),
        max_chars=int(settings["max_chars"]),
        min_docs=int(settings["min_docs"]),
    )


class _Forms:
    """A set of names that answers, without a scan of them all, whether one holds or is
    held in a given name: every name's substrings are indexed (names are short)."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: set[str] = set()
        self.held: Counter[str] = Counter()  # substring -> how many names hold it
        for n in names:
            self.add(n)

    def add(self, name: str) -> None:
        if name in self.names:
            return
        self.names.add(name)
        self.held.update(_substrings(name))

    def related(self, name: str, *, itself: bool) -> bool:
        """Whether a name of the set holds ``name`` or is held in it; the same name
        counts only if ``itself``."""
        if name in self.names:
            return (
                itself
                or self.held[name] > 1
                or any(sub in self.names for sub in _substrings(name) if sub != name)
            )
        return self.held[name] > 0 or any(sub in self.names for sub in _substrings(name))


def _substrings(name: str) -> set[str]:
    return {name[i:j] for i in range(len(name)) for j in range(i + 1, len(name) + 1)}


class ProgrammeModel:
    """The step: adds the programmes the weights find and the rules did not. The weights
    are read at the first document (so that the trainer can build an Extractor before
    there are any)."""

    def __init__(self, name: str = MODEL_FILE) -> None:
        self.name = name

    @property
    def model(self) -> Model:
        return load_model(self.name)

    def __call__(self, ctx: DocContext) -> None:
        v = DocView.of(ctx, self.model.max_chars)
        known = _Forms(x.key for x in ctx.of_type("Programme"))
        added = _Forms()
        for s, e, _p in best_spans(v, self.model):
            surface = ctx.text[s:e]
            name = canonical(surface)
            if ctx.covered(s, e, _BLOCKING) or known.related(name, itself=True):
                continue  # the rules' reading stands
            if added.related(name, itself=False):
                continue  # a longer or shorter form of a name taken before
            data = SpanData(aliases=sorted({surface, name}), tail=True, model=True)
            ctx.add(Span("Programme", s, e, name, data))
            added.add(name)
