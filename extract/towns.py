"""Towns, streets and zones (织里镇, 当湖街道, 大江东产业集聚区): the last rule of the place
step (extract/places.py calls :class:`TownFinder` once the divisions are found).

A name of two to four characters before a suffix (镇, 乡, 街道, 新区, 开发区 …), accepted
when a county or city is named right before it, when a union or government word follows,
or when the name is not an ordinary word; attached to the nearest county named before it
in the article. The rules, one function each:

- :func:`_name_start`: where the name starts (after a place named right before, else the
  last two characters, taking back what jieba cut off);
- :meth:`TownFinder._accepted`: whether the name is a town's (no common noun, no venue,
  no division running into the suffix, no ordinary word);
- :meth:`TownFinder._cores`: the core of a town's name stands for the town later on
  (大江东总工会);
- :meth:`TownFinder._division_cores`: a division's short form that is the core of a town
  the article names in full stands for that town (平湖 beside 平湖街道).

A division's short form inside the town's name is dropped by the resolution rules of
extract/resolve.py (:func:`~extract.resolve.town_over_short_forms`,
:func:`~extract.resolve.replace_place`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import resolve
from .context import DocContext, Span, SpanData
from .resources import alternation, find_words, load_sections
from .segment import Freq, Tags

_PLACES = load_sections("places.txt")
_SUFFIX_ROWS = [line.split() for line in _PLACES["town_suffixes"]]
_LEVEL_OF_SUFFIX = {row[0]: row[1] for row in _SUFFIX_ROWS}
_SUFFIX_NEEDS_PLACE = frozenset(row[0] for row in _SUFFIX_ROWS if "needs-place" in row[2:])
_TOWN_RE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,4}?)(?P<suf>"
    + alternation(_LEVEL_OF_SUFFIX, longest_first=True)
    + ")"
)
_TOWN_STOP_FIRST = set("".join(_PLACES["town_stop_first"]))
_TOWN_STOP = frozenset(_PLACES["town_stop"])
# one-character words that stand before a town's name without being part of it: the stop
# characters above, and verbs and adverbs of place, motion and time (在/赴/原/又 龙山镇)
_TOWN_PARTICLES = frozenset("".join(_PLACES["town_particles"]))
_TOWN_NOT_NAME = _TOWN_STOP_FIRST | set("".join(_PLACES["town_not_name"]))
_VENUE_AFTER = _PLACES["venue_after"]
_TOWN_ANCHOR_AFTER = _PLACES["town_anchor_after"]
# function characters that end a clause's word before a name, not start one ([function_chars])
_NOT_AFTER_PLACE = "".join(_PLACES["function_chars"])
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# jieba's tags of a verb: a word before a town suffix that is one names no town (共有|镇)
_VERB_TAGS = frozenset(load_sections("model_tags.txt")["town_verb_before_jieba"])
# jieba's tags of a word that is no zone's name before a zone suffix, even before a union
_ZONE_NOT_CORE = frozenset(load_sections("model_tags.txt")["zone_not_core_jieba"])


@dataclass(frozen=True, slots=True)
class _NameStart:
    """Where a town's name starts, and why."""

    start: int
    prev: bool
    """A place is named right before the name (a county or city)."""
    anchored: bool
    """The name follows that place."""
    joined: bool
    """The name was carried across a jieba word boundary on purpose."""


@dataclass(frozen=True, slots=True)
class _Town:
    name: str
    level: str
    parent: str | None


def _clause_between(ctx: DocContext, start: int, suf_start: int) -> bool:
    """Whether the words between a place and a suffix are a clause, not a name: a union's
    name (某市总工会在|高新区) or a function character standing as a word of its own
    right before the suffix (…在|开发区)."""
    if "工会" in ctx.text[start:suf_start]:
        return True
    last = suf_start - 1
    return ctx.text[last] in _NOT_AFTER_PLACE and (last, suf_start) in ctx.words_ending_in(
        last, suf_start
    )


def _name_start(ctx: DocContext, m: re.Match[str]) -> _NameStart | None:
    """The name: what follows a place named right before, else the last two characters,
    with what jieba cut off (None: the suffix ends a common noun)."""
    text, suf, suf_start = ctx.text, m.group("suf"), m.start("suf")
    prev = [
        s
        for s in ctx.spans_in(suf_start - 4 - ctx.max_span, suf_start - 2, ("Place",))
        if suf_start - 4 <= s.end <= suf_start - 2
    ]
    if (
        prev
        and 2 <= suf_start - prev[-1].end <= 4
        and (
            text[prev[-1].end] not in _NOT_AFTER_PLACE
            # 某市和平镇: a function character that starts a word of the name (和平|镇, 向阳镇)
            or any(w[0] == prev[-1].end for w in ctx.words_ending_in(suf_start - 1, m.end()))
        )
        and _CJK_RUN.fullmatch(text, prev[-1].end, suf_start)  # not 某新区(某某高新区)
        and not _clause_between(ctx, prev[-1].end, suf_start)
    ):
        return _NameStart(prev[-1].end, True, True, False)
    start = suf_start - 2
    # jieba's word before the suffix; a one-character word joins the word before it
    # (独山/港/镇 → 独山港镇: the short form 独山 is part of the town's name)
    ends = {we: ws for ws, we in ctx.words_ending_in(suf_start - 8, suf_start)}
    ws = ends.get(suf_start)
    if ws is not None and suf_start - ws == 1 and ends.get(ws) is not None:
        pws = ends[ws]
        if 3 <= suf_start - pws <= 4 and any(
            not sp.data.full for sp in ctx.spans_in(pws, pws + 1, ("Place",))
        ):
            start = pws
    if start == suf_start - 2 and not (start in ctx.boundaries or start - 1 < 0):
        # the two characters begin inside a jieba word: the name begins where that word
        # does (黄花岗/街道, 东光/港镇, 马驹桥/镇建站), or it is no town (a name inside a
        # longer word)
        ws, we = ctx.words_ending_in(start, suf_start + 8)[0]
        rest = text[we:suf_start]  # what stands between that word and the suffix
        if suf_start - ws > 4 or (rest and (rest in _TOWN_NOT_NAME or rest + suf in _TOWN_STOP)):
            return None  # 服装/小镇: the suffix ends a common noun
        return _NameStart(ws, bool(prev), False, True)
    if (
        start == suf_start - 2
        and _LEVEL_OF_SUFFIX[suf] != "zone"
        and start - 1 in ctx.boundaries
        and start + 1 not in ctx.boundaries
        and text[start - 1] not in _TOWN_NOT_NAME
        and "\u4e00" <= text[start - 1] <= "\u9fff"
    ):
        # a one-character word that is no function word or verb of place before a
        # two-character name is the name's first character (北/七家/镇)
        return _NameStart(start - 1, bool(prev), False, True)
    return _NameStart(start, bool(prev), False, False)


class TownFinder:
    """Adds the towns, streets and zones of a document (after the divisions)."""

    def __init__(self, word_freq: Freq, word_tags: Tags | None = None):
        self.freq = word_freq
        self.tags = word_tags or {}

    def __call__(self, ctx: DocContext) -> None:
        text = ctx.text
        cores: dict[str, _Town] = {}
        known_cores: dict[str, _Town] = {}  # two-character cores that are dictionary words
        county_index = _county_index(ctx)
        pending = []
        for m in _TOWN_RE.finditer(text):
            at = _name_start(ctx, m)
            if at is None:
                continue
            clash = self._accepted(ctx, m, at)
            if clash is None:
                pending.append((m, at))
                continue
            self._add(ctx, m, at, clash, county_index, (cores, known_cores))
        for m, at in pending:
            # 甲镇、乙镇和丙镇: an ordinary word before the suffix, listed beside a town
            if _listed_beside_town(ctx, m, at):
                clash = self._accepted(ctx, m, at, listed=True)
                if clash is not None:
                    self._add(ctx, m, at, clash, county_index, (cores, known_cores))
        self._cores(ctx, cores)
        if known_cores:
            self._division_cores(ctx, known_cores)

    def _add(self, ctx: DocContext, m: re.Match[str], at: _NameStart, clash, index, out) -> None:
        """Adds the town of ``m`` named from ``at.start``, and records its name's core."""
        cores, known_cores = out
        start, suf = at.start, m.group("suf")
        level = _LEVEL_OF_SUFFIX.get(suf, "zone")
        # a zone named by a division (某市经济技术开发区) lies in it
        own = next(
            (
                s.data.adcode
                for s in clash
                if level == "zone" and s.data.adcode and (s.start, s.end) == (start, m.start("suf"))
            ),
            None,
        )
        resolve.town_over_short_forms(ctx, clash)
        name_core = ctx.text[start : m.start("suf")]
        name = name_core + suf
        town = _Town(name, level, own or _parent_county(ctx, start, index))
        ctx.add(Span("Place", start, m.end(), name, _town_data(town, name, True)))
        if len(name_core) >= 3 or (len(name_core) == 2 and self.freq.get(name_core) is None):
            cores[name_core] = town
        elif len(name_core) == 2:
            known_cores[name_core] = town

    def _accepted(
        self, ctx: DocContext, m: re.Match[str], at: _NameStart, listed: bool = False
    ) -> list[Span] | None:
        """The division short forms inside the name, when the name is a town's; None when
        it is not (a common noun, a venue, a division running into the suffix, an
        ordinary word unless ``listed`` beside a town)."""
        text, suf, suf_start, start = ctx.text, m.group("suf"), m.start("suf"), at.start
        name_core = text[start:suf_start]
        if len(name_core) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", name_core):
            return None
        name = name_core + suf
        model = _model_names(ctx, start, m.end())
        if (
            name in _TOWN_STOP
            or name_core in _TOWN_STOP
            or (name_core[0] in _TOWN_STOP_FIRST and not at.anchored)
            or any(c in _TOWN_PARTICLES for c in name_core)
        ):
            return None
        if text.startswith("街", m.end()) and suf == "镇":
            return None  # 镇街: towns and streets as a kind
        if text.startswith(_VENUE_AFTER, m.end()):
            return None  # 某某乡广场: a venue's name
        clash = [
            s for s in ctx.spans_in(start - ctx.max_span, m.end(), ("Place",)) if start < s.end
        ]
        # already a town, or a division whose name runs into the suffix (平湖市 of 平湖市镇…)
        if any(not s.data.adcode or s.start < start or s.end > suf_start for s in clash):
            return None
        # jieba splits 若把镇 as 若/把/镇: a name is one word (林埭镇) or two (当湖/街道)
        absorbed = any(not sp.data.full for sp in ctx.spans_in(start, start + 1, ("Place",)))
        anchored = at.anchored or text[m.end() : m.end() + 4].startswith(_TOWN_ANCHOR_AFTER)
        # 定|城镇|总工会: jieba glued the name's last character to the suffix (城镇, a common
        # noun), and a union or a party committee after the name shows it is a town's
        glued = anchored and (suf_start - 1, m.end()) in ctx.words_ending_in(suf_start, m.end())
        inner = [b for b in range(start + 1, suf_start) if b in ctx.boundaries]
        if (
            not at.anchored
            and not absorbed
            and not at.joined
            and not model
            and inner
            and not (glued and inner == [suf_start - 1])
        ):
            return None
        if (
            _LEVEL_OF_SUFFIX[suf] == "zone"
            and text[start - 1 : start] in "(（"
            and text[m.end() : m.end() + 1] in ")）"
            and any(s.data.adcode and (s.start, s.end) == (start, suf_start) for s in clash)
        ):
            # a zone's other name in brackets, by its city (某新区(某市高新区)总工会)
            return clash
        core_tag = self.tags.get(name_core) or ""
        if (
            suf in _SUFFIX_NEEDS_PLACE
            and not at.prev
            and (
                core_tag in _ZONE_NOT_CORE
                or (self.freq.get(name_core, 0) > 2000 and not core_tag.startswith("ns"))
                or name_core[-1] in _NOT_AFTER_PLACE  # 托管班由|经开区总工会主办
            )
        ):
            return None  # 审议通过|经开区工会工作报告: a verb or a common word, no zone's name
        if not anchored and not listed:
            # an ordinary word (城镇, 集镇, 新区) is not a name
            if self.freq.get(name, 0) > 50 or self.freq.get(name_core, 0) > 2000:
                return None
            if self.tags.get(name_core) in _VERB_TAGS:
                return None  # 我区共有|镇、街道: a verb before the suffix
            if suf in _SUFFIX_NEEDS_PLACE and not at.prev:
                return None
        return clash

    @staticmethod
    def _cores(ctx: DocContext, cores: dict[str, _Town]) -> None:
        """The core of a town or zone name stands for it later on (大江东总工会, 织里的企业)."""
        for core, town in cores.items():
            for start, end in find_words(ctx.text, (core,)):
                resolve.town_core_over_short_forms(ctx, start, end)
                if not ctx.covered(start, end, ("Place",)):
                    ctx.add(Span("Place", start, end, town.name, _town_data(town, core, False)))

    @staticmethod
    def _division_cores(ctx: DocContext, known_cores: dict[str, _Town]) -> None:
        """A division's short form that is the core of a town or street the article names
        in full stands for that town (平湖 beside 平湖街道 is not 平湖市)."""
        places = ctx.of_type("Place")
        towns_in = {
            (ctx.article_of(t.start), t.key) for t in places if t.data.full and not t.data.adcode
        }
        for s in [s for s in places if not s.data.full and s.data.adcode]:
            surface = ctx.text[s.start : s.end]
            if (
                surface in known_cores
                and (ctx.article_of(s.start), known_cores[surface].name) in towns_in
            ):
                town = known_cores[surface]
                resolve.replace_place(
                    ctx,
                    s,
                    Span("Place", s.start, s.end, town.name, _town_data(town, surface, False)),
                )


def _listed_beside_town(ctx: DocContext, m: re.Match[str], at: _NameStart) -> bool:
    """Whether the name ``[at.start, m.end())`` stands in a list right after or before a
    town or street of the same level (朝阳镇、幸福镇和…镇)."""
    text, level = ctx.text, _LEVEL_OF_SUFFIX[m.group("suf")]
    if level == "zone":
        return False

    def town(s: Span) -> bool:
        return s.data.adcode is None and s.data.level == level and s.data.full

    if text[at.start - 1 : at.start] == "、" and any(
        town(s) for s in ctx.spans_ending_at(at.start - 1, ("Place",))
    ):
        return True
    return text[m.end() : m.end() + 1] in ("、", "和", "及") and any(
        town(s) and s.start == m.end() + 1
        for s in ctx.spans_in(m.end() + 1, m.end() + 2, ("Place",))
    )


def _model_names(ctx: DocContext, start: int, end: int) -> bool:
    """Whether the NER model reads ``[start, end)`` as the start of one place's or body's
    name (殿前街道/LOC, 定城镇总工会/ORG): a town's name that jieba cuts across (殿|前|街道,
    定|城镇) is still one."""
    w = ctx.model_word_at(start)
    return w is not None and w.label in ("LOC", "ORG") and w.end >= end


def _town_data(town: _Town, surface: str, full: bool) -> SpanData:
    return SpanData(adcode=None, level=town.level, parent=town.parent, surface=surface, full=full)


def _parent_county(ctx: DocContext, pos: int, index: dict) -> str | None:
    """The adcode of the nearest county (else city) named before ``pos`` in its article:
    the last county mention before it, else the last city mention. A county or city
    named right before the town (东莞市厚街镇: a city with no counties) is its parent
    whatever was named earlier. ``index`` (from :func:`_county_index`) holds the mentions
    by level; one removed since is skipped."""
    for s in ctx.spans_ending_at(pos, ("Place",)):
        if s.data.adcode and s.data.level in ("county", "city") and ctx.alive(s):
            return s.data.adcode
    a_start, _ = ctx.article_span(pos)
    for level in ("county", "city"):
        starts, spans = index[level]
        i = bisect.bisect_left(starts, pos)
        while i > 0 and starts[i - 1] >= a_start:
            i -= 1
            if ctx.alive(spans[i]):
                return spans[i].data.adcode
    return None


def _county_index(ctx: DocContext) -> dict:
    """The county and city mentions found so far, by start (for :func:`_parent_county`)."""
    index: dict = {"county": ([], []), "city": ([], [])}
    for s in ctx.of_type("Place"):
        level = s.data.level
        if s.data.adcode and level in index:
            index[level][0].append(s.start)
            index[level][1].append(s)
    return index
