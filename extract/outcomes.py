"""Outcome extractor: reported figures with a unit, and the union or programme they belong to.

A figure is a number (Arabic or Chinese, with 万/亿 and a hedge 余/多/近/超) followed
by a measure word from :data:`UNITS`. Dates, ages, durations, ordinals (第3), the
numeral 一 (一个, 一起), bare counts in one Chinese digit (五位一体), vague amounts
(数百), size classes (百人以上企业) and numbers inside names are skipped. ``万人`` is
written as 人 with the value multiplied (guidelines).

Subject: a programme the figure counts; one named in the figure's clause, named again
by its head noun, or the topic of its sentence (launched, 这次…, …仪式举行); the
programme of the section's heading; the union of the figure's clause, else of its
sentence; the paragraph's; else the union the article is about (the order in full:
docs/extraction.md). Articles that name no union report no outcomes.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from .context import CLAUSE_MARKS, DocContext, Span
from .numbers import NUMBER_PATTERN, parse_number
from .programmes import LAUNCH_RE
from .resources import alternation, load_sections

_UNIT_DATA = load_sections("units.txt")
_PROGRAMME_CUES = load_sections("programme_cues.txt")
UNITS = _UNIT_DATA["units"]
"""Measure words of an outcome figure (data/units.txt)."""
_FIG = re.compile(
    NUMBER_PATTERN + r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r"|％)"
    r"(?P<hedge2>\(次\)|（次）)?"
)
# a unit followed by one of these is part of another word (个月, 人民, 家长)
_BAD_AFTER = {
    parts[0]: tuple(parts[1:]) for parts in (line.split() for line in _UNIT_DATA["not_after"])
}


# words after a place that make a figure a statistic about it (某镇有…)
_PLACE_HAS = tuple(_UNIT_DATA["place_has"])
_DESCRIPTIVE = frozenset(_UNIT_DATA["descriptive_numerals"])
_VAGUE = re.compile("(?:" + alternation(_UNIT_DATA["vague_before"]) + ")[十百千万]")
_THRESHOLD = re.compile("(?:" + alternation(_UNIT_DATA["threshold_after"]) + r")的?[\u4e00-\u9fff]")
_QUOTA = re.compile("(?:" + alternation(_UNIT_DATA["quota_before"]) + ")$")
_BOUND = re.compile("[(（](?:" + alternation(_UNIT_DATA["bound_before"]) + ")$")


_REACH = 2000
"""How far back (characters) from a figure its subject is looked for in its paragraph."""


def _not_a_figure(text: str, m: re.Match, unit: str) -> bool:
    """Whether the match is no figure: an ordinal, a date's part, 一, a year in Chinese
    digits, a unit that begins another word (个月), a count in one Chinese digit (五位一体),
    a vague amount (数百家), a size class (百人以上企业), a range's bound in brackets
    ((含3万元)) or a prize class's quota (一等奖1名)."""
    num, s = m.group("num"), m.start("num")
    if s and (text[s - 1] in "第第周·.-—/:：" or text[s - 1].isdigit()):
        return True
    if num == "一":
        return True
    hedged = m.group("mult") or m.group("hedge0") or m.group("hedge")
    if not m.group("mult") and re.fullmatch(r"[零〇一二两三四五六七八九]+", num) and len(num) > 1:
        return True  # 二〇二三 is a year
    if num in _DESCRIPTIVE and not hedged:
        return True
    if s and _VAGUE.match(text, s - 1):
        return True
    if _BOUND.search(text, max(0, s - 3), s):  # (含3万元): a range's bound
        return True
    if _QUOTA.search(text, max(0, s - 3), s):  # 一等奖1名: a prize class's quota
        return True
    after = text[m.end() : m.end() + 3]
    if any(after.startswith(b) for b in _BAD_AFTER.get(unit, ())):
        return True
    if unit != "%" and _THRESHOLD.match(text, m.end()):
        return True
    return unit == "起" and not num[0].isdigit()


class OutcomeFinder:
    def __call__(self, ctx: DocContext) -> list[dict]:
        text = ctx.text
        out: list[dict[str, Any]] = []
        for m in _FIG.finditer(text):
            num, unit = m.group("num"), m.group("unit").replace("％", "%")
            if _not_a_figure(text, m, unit):
                continue
            if m.group("hedge2"):  # 1600余人(次): 人次
                unit += "次"
            # inside a name or a quote: 365职工健康服务卡, “5·20”
            if ctx.covered(
                m.start("num"),
                m.end(),
                ("Programme", "TradeUnion", "Organization", "Place", "Person"),
            ):
                continue
            value = parse_number(num, m.group("mult"))
            if value is None:
                continue
            if unit == "%" and value > 1000:
                continue
            if self._place_statistic(ctx, m.start()):
                continue
            subject = self._subject(ctx, m.start(), m.end())
            if subject is None:
                continue
            qualifier = (
                (m.group("pre") or "") + (m.group("hedge0") or "") + (m.group("hedge") or "")
            )
            out.append(
                {
                    "start": m.start(),
                    "end": m.end(),
                    "value": value,
                    "unit": unit,
                    "text": text[m.start() : m.end()],
                    "qualifier": qualifier,
                    "subject": subject,
                }
            )
        # a headline repeats a figure of its story (全国已有419家“司机之家”), perhaps with
        # another measure word (确定158家… over 158个托管班): report it once
        keys = [(o["value"], ctx.article_of(o["start"])) for o in out]
        heads = [_in_heading(ctx, o["start"]) for o in out]
        body = {k for k, head in zip(keys, heads, strict=False) if not head}
        return [o for o, k, head in zip(out, keys, heads, strict=False) if not (head and k in body)]

    @staticmethod
    def _place_statistic(ctx: DocContext, pos: int) -> bool:
        """A figure about a place, not a union's result: the sentence opens with a place
        that 有/现有 something (某镇有外来务工人员近30万人) and names no union or programme."""
        s_start, s_end = ctx.sentence_of(pos)
        in_sent = ctx.spans_in(s_start, s_end, ("Place", "TradeUnion", "Programme"))
        first = in_sent[0] if in_sent else None
        if first is None or first.type != "Place" or ctx.text[s_start : first.start].strip():
            return False
        if not ctx.text.startswith(_PLACE_HAS, first.end):
            return False
        return not any(s.type in ("TradeUnion", "Programme") for s in in_sent)

    def _subject(self, ctx: DocContext, pos: int, end: int) -> Span | None:
        s_start, _ = ctx.sentence_of(pos)
        # the paragraph, and the sentence, at most _REACH back: a page with no line breaks
        # or no sentence ends would make each figure scan it all (quadratic in its length)
        s_start = max(s_start, pos - _REACH)
        p_start = max(ctx.paragraph_of(pos)[0], pos - _REACH)
        a_start, a_end = ctx.article_span(pos)
        c_start = ctx.clause_start(pos, s_start)
        cands = [
            s
            for s in ctx.spans_in(min(s_start, p_start), pos, ("Programme", "TradeUnion"))
            if not s.data.optional and (s.type == "TradeUnion" or _named(s))
        ]
        # the figure counts the programme's own units: 58个路段工会, 全国已有419家“司机之家”
        counted = _counted_programme(ctx, pos, end) or _programme_before_count(ctx, pos, end)
        if counted is not None:
            return counted
        # a programme named in the figure's own clause (康乃馨志愿服务活动252场), unless the
        # figure counts a list it is part of (“甲”、“乙”等5个品牌工作室)
        in_clause = [
            s
            for s in cands
            if s.type == "Programme" and s.start >= c_start and "等" not in ctx.text[s.end : pos]
        ]
        if in_clause:
            return in_clause[-1]
        # the facility named again by its head noun (这座…中心, 工作站已调解…): the programme
        # the article named with that head before
        named_again = _named_by_head_noun(ctx, s_start, c_start, pos, a_start, a_end)
        if named_again is not None:
            return named_again
        # a programme the sentence launches before the figure (…建起200多家户外劳动者服务站点，
        # …等10多项服务): its result, unless the figure counts members or a list
        launched = _launched_before(ctx, cands, s_start, c_start, pos)
        if launched is not None:
            return launched
        # a sentence opening with a demonstrative and an event's noun (这次活动由…筹集资金…):
        # the event the article is about
        event = _event_anaphor(ctx, s_start, pos, a_start)
        if event is not None:
            return event
        # the programme a section is about (a heading naming it), unless a union other than
        # the article's acts in the figure's clause (某州总工会筹集100万元…)
        topic = section_topic(ctx, pos)
        if topic is not None and not _other_union_in_clause(ctx, cands, c_start, a_start, a_end):
            return topic
        return _beyond_the_clause(ctx, cands, pos, end, (s_start, c_start, p_start, a_start, a_end))


def _beyond_the_clause(
    ctx: DocContext, cands: list[Span], pos: int, end: int, bounds: tuple[int, ...]
) -> Span | None:
    """The subject when no programme of the figure's clause, its sentence's topic or its
    section's heading is: the union the sentence is about, else the sentence's or the
    paragraph's last candidate, else the article's union. ``bounds``: the starts of the
    figure's sentence, clause and paragraph, and its article's bounds."""
    s_start, c_start, p_start, a_start, a_end = bounds
    # beyond the clause, the union the sentence is about (江都工会…实施“…”引导工程…,
    # 截至目前,已入会货车司机达2295人): a programme only when no union is named
    in_sent = [s for s in cands if s.start >= s_start]
    unions = [s for s in in_sent if s.type == "TradeUnion"]
    # the programme the paragraph opened with (“某某”活动旨在…), when only the article's
    # union acts in this sentence (省总工会10多年来累计筹集资金2.37亿元)
    opening = _paragraph_topic(ctx, cands, p_start, s_start)
    focus = focus_union(ctx, a_start, a_end)
    if opening is not None and all(focus is not None and u.key == focus.key for u in unions):
        return opening
    own = [s for s in unions if s.start >= c_start]
    if own:  # 感谢乙市总工会对该行业105名职工的救助: the union of the figure's clause
        return own[-1]
    if unions:
        return unions[0]
    if in_sent:
        return in_sent[-1]
    # a lead figure (20余名司机比技术……日前，某公司工会组织…): the union named after it
    after = ctx.spans_in(end, ctx.sentence_of(pos)[1], ("TradeUnion",))
    if after:
        return after[0]
    in_par = [s for s in cands if s.start >= p_start]
    if in_par and not _COUNTS_UNIONS.match(ctx.text, end):
        return in_par[-1]
    # a count of unions (已建成…51个新业态工会组织): the union the article is about
    return focus_union(ctx, a_start, a_end)


def _paragraph_topic(ctx: DocContext, cands: list[Span], p_start: int, s_start: int) -> Span | None:
    """The programme an earlier sentence of the paragraph opens with as its subject
    (“某某”活动旨在…。省总工会10多年来累计筹集资金2.37亿元…)."""
    for s in cands:
        if s.type == "Programme" and p_start <= s.start < s_start:
            if not ctx.text[ctx.sentence_of(s.start)[0] : s.start].strip(_QUOTES + " "):
                return s
    return None


def _other_union_in_clause(
    ctx: DocContext, cands: list[Span], c_start: int, a_start: int, a_end: int
) -> bool:
    focus = focus_union(ctx, a_start, a_end)
    return any(
        u.type == "TradeUnion" and u.start >= c_start and (focus is None or u.key != focus.key)
        for u in cands
    )


# short lines that are not section headings: bylines, boxes, captions (data/articles.txt
# [not_heading_words], [not_heading_spaced] with any spacing, [not_heading_line_ends]), and
# lines that open with a bracket
_ARTICLE_WORDS = load_sections("articles.txt")
_NOT_HEADING = re.compile(
    "|".join(
        [
            alternation(_ARTICLE_WORDS["not_heading_words"]),
            *(r"\s*".join(map(re.escape, w)) for w in _ARTICLE_WORDS["not_heading_spaced"]),
            rf"(?:{alternation(_ARTICLE_WORDS['not_heading_line_ends'])})$",
            r"^[(（【]",
        ]
    )
)
# tails of a facility programme: counted directly it is the subject even when generic
_FACILITY_TAILS = load_sections("programme_names.txt")["counted_facility_tails"]
_QUOTES = '“”‘’"「」'
_HEADING_END = "。！？!?；;，,：:…"


def _named(s: Span) -> bool:
    """A programme the text treats as a name: with a telling tail or in the lexicon, or
    quoted more than once (not a phrase quoted once after 打造)."""
    return bool(s.data.strong or s.data.recurring)


# a launch verb right before a count of units (建成12家“…”): what it counts was set up
_BUILT_COUNT = re.compile("(?:" + LAUNCH_RE.pattern + ")了?$")


_COUNT_AFTER = re.compile(r"[”’\"]?" + _FIG.pattern)


def _counted_programme(ctx: DocContext, pos: int, end: int) -> Span | None:
    """A programme right after the figure in the same clause, with only name-like words
    between (8个镇街工会会员代表“云履职”应用场景)."""
    named = _NAMING.match(ctx.text, end)
    built = _BUILT_COUNT.search(ctx.text, max(0, pos - 5), pos) and ctx.text[pos:end].endswith(
        _COUNT_UNITS
    )
    for s in ctx.spans_in(end, end + 11, ("Programme",)):
        between = ctx.text[end : s.start]
        if re.search(r"[，,；;。：:、的是在和与及]|等", between) or not (_named(s) or built):
            return None
        if named is not None:  # 13家获评某市劳模创新工作室: the title the units received
            between = _strip_places(ctx, named.end(), s.start)
        else:  # 5家某区区级“…工作室”: the places and the level of the title are no words between
            between = _LEVEL.sub("", _strip_places(ctx, end, s.start))
        if s.data.optional and not (
            len(between) <= 2 and ctx.text[s.start : s.end].strip(_QUOTES).endswith(_FACILITY_TAILS)
        ):
            return None  # a generic activity counts only as a facility counted right here (5家劳模创新工作室)
        return s
    return None


# the units counted (up to four characters: 企业, 单位), then a verb of naming
_NAMING = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:" + alternation(_PROGRAMME_CUES["naming"], longest_first=True) + ")"
)


# the level of a title after its place (区级, 省级, 国家级), and quotes
# ([title_levels] in data/programme_names.txt)
_LEVEL = re.compile(
    rf"^(?:{alternation(load_sections('programme_names.txt')['title_levels'])})级|[“”‘’\"]"
)


def _strip_places(ctx: DocContext, start: int, end: int) -> str:
    """The text of ``[start, end)`` without the places that open it (某市|示范性)."""
    pos = start
    for p in ctx.spans_in(start, end, ("Place",)):
        if p.start == pos:
            pos = p.end
    return ctx.text[pos:end]


# a programme named as the venue of an action (在某某驿站为骑手发放…) is where the
# sentence's launched activity happens, not what the figure is about
_VENUE_BEFORE = re.compile(r"在[\u4e00-\u9fff]{0,6}$")
# a demonstrative right before a programme (这次“某某”活动): the sentence's topic
_TOPIC_BEFORE = re.compile("(?:" + alternation(_PROGRAMME_CUES["outcome_topic"]) + r")[“‘\"]?$")
# an event's noun, then a verb reporting it held, at the end of a clause (…仪式举行，)
_HELD_AFTER = re.compile(
    r"[”’\"]?[\u4e00-\u9fff]{0,4}?(?:" + alternation(_PROGRAMME_CUES["event_held"]) + r")[，,；;]"
)
_MEMBERS = re.compile(alternation(_UNIT_DATA["membership_words"]))


def _launched_before(
    ctx: DocContext, cands: list[Span], s_start: int, c_start: int, pos: int
) -> Span | None:
    """The last programme of the sentence before the figure's clause that a launch verb
    stands right before (within 8 characters), when the figure's clause counts no members
    (入会, 会员) and the programme is not one of a 等-list."""
    # a name quoted once counts when a launch verb stands right before it (举办“某某”联谊会)
    launched = [
        s
        for s in ctx.spans_in(s_start, c_start, ("Programme",))
        if not s.data.optional
        and not _named(s)
        and _BUILT_COUNT.search(ctx.text, max(s_start, s.start - 5), s.start)
        and not _COUNT_AFTER.match(ctx.text, s.end)  # 打造“某某”221个: things made, no event
    ]
    progs = [
        s
        for s in sorted(cands + launched, key=lambda s: s.start)
        if s.type == "Programme"
        and s_start <= s.start
        and s.end <= c_start
        and not _VENUE_BEFORE.search(ctx.text, max(s_start, s.start - 8), s.start)
    ]
    if not progs:
        return None
    p = progs[-1]
    if not (
        LAUNCH_RE.search(ctx.text, max(s_start, p.start - 8), p.start)
        or _TOPIC_BEFORE.search(ctx.text, max(s_start, p.start - 3), p.start)
        or _HELD_AFTER.match(ctx.text, p.end)
    ):
        return None
    if _MEMBERS.search(ctx.text, c_start, pos + 8) or "等" in ctx.text[p.end : p.end + 3]:
        return None
    unions = [u for u in cands if u.type == "TradeUnion" and s_start <= u.start < pos]
    before = {u.key for u in unions if u.start < p.start}
    focus = focus_union(ctx, *ctx.article_span(pos))
    if focus is not None:  # the union the article is about acting again is no other union
        before.add(focus.key)
    if any(u.start > p.end and u.key not in before for u in unions):
        return None  # another union acts after the programme
    return p


# a demonstrative and a generic event noun opening a sentence (此次活动共…): the article's event
_EVENT_ANAPHOR = re.compile(
    r"\s*(?:"
    + alternation(_PROGRAMME_CUES["outcome_topic"])
    + ")(?:"
    + alternation(_PROGRAMME_CUES["outcome_event_nouns"])
    + ")|\\s*(?:"
    + alternation(_PROGRAMME_CUES["outcome_scene"])
    + ")[，,]"
)


def _event_anaphor(ctx: DocContext, s_start: int, pos: int, a_start: int) -> Span | None:
    """The event a sentence opening with 这次活动/此次竞赛 refers to: the programme its
    article's headline names, else the last named programme before the sentence."""
    m = _EVENT_ANAPHOR.match(ctx.text, s_start)
    if m is None or m.end() > pos:
        return None
    headline = _headline_of(ctx, a_start, s_start)
    if headline is not None:
        progs = _heading_programmes(ctx, *headline)
        if progs:
            return progs[0]
    return next(
        (
            s
            for s in ctx.iter_spans(a_start, s_start, ("Programme",), reverse=True)
            if _named(s) and not s.data.optional
        ),
        None,
    )


def _headline_of(ctx: DocContext, a_start: int, before: int) -> tuple[int, int] | None:
    """The headline of the article that starts at ``a_start``, if it starts before
    ``before``: found by bisection among the document's heading lines, looking no further
    than the first heading line that has text above it in the article."""
    ends, lines = _headings(ctx)
    i = bisect.bisect_left(ends, a_start)
    while i < len(lines) and lines[i][0] < a_start:
        i += 1
    # a later heading line has this one above it, so it is no headline either
    if i < len(lines) and lines[i][0] < before and _is_headline(ctx, lines[i][0]):
        return lines[i]
    return None


# the counted noun of a figure's clause is a union (51个新业态工会组织, 18家企业工会)
_COUNTS_UNIONS = re.compile(r"[^，,；;。：:、]{0,8}?工会")
_DEMONSTRATIVE = alternation(_PROGRAMME_CUES["demonstratives"])


def _head_index(ctx: DocContext, a_start: int, a_end: int) -> tuple[dict, re.Pattern | None]:
    """The article's named programmes by head noun (their last two and three characters):
    head → (starts, spans) in text order; and one pattern for a demonstrative followed by
    any of these heads. Built once per article and state of the spans."""
    key = ("heads", a_start, ctx.type_version.get("Programme", 0))
    found = ctx.memo.get(key)
    if found is None:
        heads: dict[str, tuple[list[int], list[Span]]] = {}
        for p in ctx.spans_in(a_start, a_end, ("Programme",)):
            if p.data.optional or len(p.key) < 4:
                continue
            for n in (3, 2):
                starts, spans = heads.setdefault(p.key[-n:], ([], []))
                starts.append(p.start)
                spans.append(p)
        pattern = (
            _heads_pattern(tuple(sorted(heads, key=lambda h: (-len(h), h)))) if heads else None
        )
        found = ctx.memo[key] = (heads, pattern)
    return found


@functools.lru_cache(maxsize=256)
def _heads_pattern(heads: tuple[str, ...]) -> re.Pattern:
    """A demonstrative followed by any of ``heads`` (longest first); compiled once per set
    of heads (articles of one corpus share them, and compiling each figure's pattern anew
    pushed the module patterns out of re's own cache)."""
    return re.compile(
        rf"(?:{_DEMONSTRATIVE})[^，。；！？\n]{{0,24}}?(" + "|".join(map(re.escape, heads)) + ")"
    )


def _named_by_head_noun(
    ctx: DocContext, s_start: int, c_start: int, pos: int, a_start: int, a_end: int
) -> Span | None:
    """A programme the article named before, referred to again by the last two or three
    characters of its name: after a demonstrative in the figure's sentence (这座在…建成的
    中心，建筑面积约1000平方米) or at the start of a clause of the figure's sentence
    (截至目前，工作站已调解案件100余起)."""
    heads, pattern = _head_index(ctx, a_start, a_end)
    if not heads:
        return None

    def latest(h: str) -> Span | None:
        """The last programme with head ``h`` named before the figure's sentence."""
        entry = heads.get(h)
        if entry is None:
            return None
        i = bisect.bisect_left(entry[0], s_start)
        return entry[1][i - 1] if i else None

    text = ctx.text
    # the start of each clause of the sentence up to the figure's own: the subject of an
    # earlier clause carries over (工作站已调解…100余起，为职工挽回…300余万元)
    starts = [s_start] + [i + 1 for i in range(s_start, c_start) if text[i] in CLAUSE_MARKS]
    for start in reversed(starts):
        for n in (3, 2):
            if start + n <= pos:
                p = latest(text[start : start + n])
                if p is not None:
                    return p
    if pattern is not None:
        for m in pattern.finditer(text, s_start, pos):
            p = latest(m.group(1))
            if p is not None:
                return p
    return None


# measure words of a count of what a union sets up (programme_cues.txt)
_COUNT_UNITS = _PROGRAMME_CUES["count_units"] + _PROGRAMME_CUES["count_units_more"]


def _programme_before_count(ctx: DocContext, pos: int, end: int) -> Span | None:
    """A programme right before a count of units (“爱心妈咪屋”5家, 劳模创新工作室189家,
    “母婴休息室”共2个): the figure counts the programme, named or generic."""
    if not ctx.text[pos:end].endswith(_COUNT_UNITS):
        return None
    for s in reversed(ctx.spans_in(pos - 20, pos, ("Programme",))):
        between = ctx.text[s.end : pos]
        if (
            s.end <= pos
            and len(between) <= 2
            and not re.search(r"[，,；;。：:、的是在和与及等]", between)
        ):
            return s
    return None


def _headings(ctx: DocContext) -> tuple[list[int], list[tuple[int, int]]]:
    """The lines that read as headings (short, no closing punctuation, not a byline or a
    box), as ``(start, end)`` in text order, with their ends for bisection. Found once per
    document."""
    found = ctx.memo.get("headings")
    if found is None:
        lines = [
            (m.start(), m.end())
            for m in re.finditer(r"[^\n]+", ctx.text)
            if _is_heading(m.group().strip())
        ]
        found = ctx.memo["headings"] = ([e for _, e in lines], lines)
    return found


def _is_heading(line: str) -> bool:
    return 4 <= len(line) <= 32 and line[-1] not in _HEADING_END and not _NOT_HEADING.search(line)


def _in_heading(ctx: DocContext, pos: int) -> bool:
    ends, lines = _headings(ctx)
    i = bisect.bisect_right(ends, pos)
    return i < len(lines) and lines[i][0] <= pos


def section_topic(ctx: DocContext, pos: int) -> Span | None:
    """The programme named in the heading of the section holding ``pos``: the nearest
    heading line before its line, in its article, when that heading names a programme."""
    ends, lines = _headings(ctx)
    i = bisect.bisect_left(ends, ctx.text.rfind("\n", 0, pos) + 1) - 1  # ends before pos's line
    if i < 0 or lines[i][0] < ctx.article_span(pos)[0]:
        return None
    progs = _heading_programmes(ctx, *lines[i])
    # a subtitle under the headline (a blank line between) names none: the headline's
    while not progs and i > 0 and not ctx.text[lines[i - 1][1] : lines[i][0]].strip():
        i -= 1
        progs = _heading_programmes(ctx, *lines[i])
    if not progs:
        return None
    start = lines[i][0]
    topic = progs[0]
    if _is_headline(ctx, start):
        # the headline names the news (a campaign launched), not the topic of every
        # paragraph under it: only of one that names the programme or its head noun
        p_start, p_end = ctx.paragraph_of(pos)
        if (
            not any(s.key == topic.key for s in ctx.spans_in(p_start, p_end, ("Programme",)))
            and topic.key[-2:] not in ctx.text[p_start:p_end]
        ):
            return None
    return topic


def _heading_programmes(ctx: DocContext, start: int, end: int) -> list[Span]:
    return [
        s for s in ctx.spans_in(start, end, ("Programme",)) if _named(s) and not s.data.optional
    ]


# a newspaper's page line: 工人日报 2025年2月28日 星期五 第2版 要闻
_PAGE_LINE = re.compile(r"第\s*\d+\s*版|星期[一二三四五六日天]")


def _is_headline(ctx: DocContext, line_start: int) -> bool:
    """Whether the line at ``line_start`` is its article's headline: nothing but blank
    lines and a newspaper's page line stand between the article's start and it."""
    a_start = ctx.article_span(line_start)[0]
    before = ctx.text[a_start:line_start]
    return all(not ln.strip() or _PAGE_LINE.search(ln) for ln in before.split("\n"))


def focus_union(ctx: DocContext, a_start: int, a_end: int) -> Span | None:
    """The union an article is about: the one named most often in it (first on ties)."""
    memo_key = ("focus", a_start, a_end, ctx.version)
    if memo_key not in ctx.memo:
        ctx.memo[memo_key] = _focus_union(ctx, a_start, a_end)
    return ctx.memo[memo_key]


def _focus_union(ctx: DocContext, a_start: int, a_end: int) -> Span | None:
    counts: dict[str, list[Span]] = {}
    for s in ctx.spans_in(a_start, a_end, ("TradeUnion",)):
        if s.data.level != "body":
            counts.setdefault(s.key, []).append(s)
    if not counts:
        return None
    best = max(counts.values(), key=lambda v: (len(v), -v[0].start))
    if best[0].key == "中华全国总工会" and len(counts) > 1:
        others = [v for v in counts.values() if v[0].key != "中华全国总工会"]
        other = max(others, key=lambda v: (len(v), -v[0].start))
        if len(other) >= len(best) - 1:
            return other[0]
    return best[0]
