"""Relation step ADOPTED_IN: a programme taken up in a place, with the year when the
text gives it.

In: the RUNS step's :class:`~extract.runs.ProgrammeUnion` records, the Place spans
(``data.level``), the Organization spans, the entity table.
Out: ADOPTED_IN relations (programme → place, with ``year`` and ``year_basis``:
``"stated"`` when the sentence states the year, ``"reported"`` when the year is that of
the article's date, None when neither is known).
"""

from __future__ import annotations

import re

from .articles import NEWS_OUTLETS
from .context import LIST_GAP, DocContext, Span
from .entities import EntityTable, place_within
from .orgs import NATIONAL
from .programmes import COUNT, COUNT_AFTER
from .records import Entity
from .relation_set import RelationSet
from .resources import alternation, load_sections
from .runs import ProgrammeUnion

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# 今年, 去年 …: years relative to the article's date (data/date_cues.txt)
_REL_YEAR = {
    w: int(n) for w, n in (line.split() for line in load_sections("date_cues.txt")["relative_year"])
}
# a place in a dateline (本报杭州讯, 新华社北京3月1日电) says where the report was filed
# (data/articles.txt [dateline_before], and the national outlets)
_DATELINE_BEFORE = re.compile(
    "(?:"
    + alternation(load_sections("articles.txt")["dateline_before"])
    + "|"
    + NEWS_OUTLETS
    + ")$"
)
_DATELINE_AFTER = re.compile(r"(?:\d{1,2}月\d{1,2}日)?(?:电|讯)")
_DATELINE_REACH = 200
"""How far into an article (characters, its headline included) its dateline may stand."""
_CUES = load_sections("programme_cues.txt")
# verbs of a national launch (data/programme_cues.txt)
_NATIONAL_LAUNCH = re.compile(alternation(_CUES["national_launch"]))
# a count of sites before or after a programme (建起56个工会驿站, “某某屋”5家): set up
# across its union's area, so the union's place stays an adoption place
_COUNTED_BEFORE = re.compile(COUNT + r"[“「]?$")
_COUNTED_AFTER = re.compile(r"[”」]?" + COUNT_AFTER)
# the most local level first: a programme is adopted where the sentence is most precise
_LEVEL_ORDER = {"street": 0, "town": 0, "zone": 1, "county": 2, "city": 3, "province": 4}


def adopted_in(
    ctx: DocContext,
    table: EntityTable,
    found: RelationSet,
    runners: list[ProgrammeUnion],
    learned_from: frozenset[int] | set[int] = frozenset(),
) -> None:
    """Each programme mention is adopted in the most local place its sentence names, else
    in the place of the union that runs it, unless the text places the programme in a
    place inside that one (a town of the union's county); with the year of the sentence,
    else of the article's date. ``learned_from``: starts of places the text says a
    programme was learned from (extract/spread_reports.py); they adopt nothing by that
    sentence."""
    stated: dict[str, list[Entity]] = {}  # programme id -> the places its sentences name
    found_places = []
    placed: dict[Span, tuple[list[Entity], bool]] = {}
    for r in runners:
        if r.host is not None and r.host in placed:
            where, of_union = placed[r.host]  # set up inside its host, where the host is
        else:
            where, of_union = _adoption_places(ctx, r.programme, r.union, table, learned_from)
        placed[r.programme] = where, of_union
        for place in where:
            found_places.append((r.programme, place, of_union))
            if not of_union:
                stated.setdefault(table[r.programme].id, []).append(place)
    for p, place, of_union in found_places:
        inside = stated.get(table[p].id, []) if of_union and not _counted(ctx, p) else []
        if place not in inside and any(place_within(i, place) for i in inside):
            continue  # 织里镇 rather than 吴兴区: the most specific place the text supports
        year, basis = _year(ctx, p.start)
        found.relate("ADOPTED_IN", table[p], place, p.start, p.end, year=year, year_basis=basis)


def _counted(ctx: DocContext, p: Span) -> bool:
    """Whether a count of sites stands right before or after the programme ``p``."""
    return bool(
        _COUNTED_BEFORE.search(ctx.text, max(0, p.start - 8), p.start)
        or _COUNTED_AFTER.match(ctx.text, p.end)
    )


def _adoption_places(
    ctx: DocContext,
    p: Span,
    union: Span | None,
    table: EntityTable,
    learned_from: frozenset[int] | set[int],
) -> tuple[list[Entity], bool]:
    """The places of a programme mention, and whether they are only the place of a union
    (the sentence naming no other): the most local place of its sentence, with the places
    of its level listed with it before the programme (到甲区、乙区、丙区开展…: each of them)."""
    place, of_union, listed = _adoption_place(ctx, p, union, table, learned_from)
    if place is None:
        return [], False
    return [place] + [e for e in listed if e is not None and e != place], of_union


def _adoption_place(
    ctx: DocContext,
    p: Span,
    union: Span | None,
    table: EntityTable,
    learned_from: frozenset[int] | set[int],
) -> tuple[Entity | None, bool, list[Entity | None]]:
    """The place of a programme mention, whether it is only the place of a union (the
    sentence naming no other), and the places listed with it."""
    if (
        union is not None
        and union.key == NATIONAL
        and union.start < p.start
        and _NATIONAL_LAUNCH.search(ctx.text, union.end, p.start)
    ):
        # 全国总工会…启动“司机之家”建设: a national launch, not an adoption in the other
        # places the sentence names
        return None, False, []
    s_start, s_end = ctx.sentence_of(p.start)
    places = ctx.spans_in(s_start, s_end, ("Place",))
    # places that are only part of another body's name (公司, 报) don't locate a programme,
    # unless the body is where it happens (在某镇某公司启动…)
    places = [
        s
        for s in places
        if not in_dateline(ctx.text, s)
        and not _in_title(ctx.text, s, s_start)
        and s.start not in learned_from
        and (
            not ctx.covered(s.start, s.end, ("Organization",))
            or _venue_body(ctx, s, p)
            or _subject_body(ctx, s, p)
        )
    ]
    if places:
        best = min(places, key=lambda s: (_LEVEL_ORDER.get(s.data.level or "", 5), -s.start))
        # a place that only opens a union's name (吴兴区总工会) is that union's place
        of_union = ctx.covered(best.start, best.end, ("TradeUnion",))
        listed = (
            [table.get("Place", s.key) for s in _listed(ctx, best, places)]
            if best.end <= p.start and not of_union
            else []
        )
        return table.get("Place", best.key), of_union, listed
    if union is not None and union.data.place and union.data.level not in ("enterprise",):
        ps = ctx.first_span("Place", union.data.place)
        if ps is not None:
            return table.get("Place", ps.key), True, []
    # else the place of the article's dateline (新华社武汉3月1日电: filed from there)
    dateline = _dateline_place(ctx, p.start)
    if dateline is None:
        return None, False, []
    return table.get("Place", dateline.key), True, []


def _listed(ctx: DocContext, best: Span, places: list[Span]) -> list[Span]:
    """The places of ``best``'s level listed right before and after it, one list word
    between each two (甲区、乙区和丙区)."""
    i = places.index(best)
    out = []
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(places):
            a, b = sorted((places[j], places[j + step]), key=lambda s: s.start)
            if b.data.level != best.data.level or not LIST_GAP.fullmatch(ctx.text[a.end : b.start]):
                break
            j += step
            out.append(places[j])
    return out


def _in_title(text: str, s: Span, s_start: int) -> bool:
    """Whether the place ``s`` stands inside a document's title in its sentence
    (《某省实施〈工会法〉办法》): the place of a law or plan, not of the programme."""
    opened = text.rfind("《", s_start, s.start)
    return opened >= 0 and text.find("》", opened, s.start) < 0


def _dateline_place(ctx: DocContext, pos: int) -> Span | None:
    """The place of the dateline of the article at ``pos``, if it has one near its start."""
    a_start, a_end = ctx.article_span(pos)
    memo_key = ("dateline_place", a_start, ctx.version)
    if memo_key not in ctx.memo:
        head = ctx.spans_in(a_start, min(a_end, a_start + _DATELINE_REACH), ("Place",))
        ctx.memo[memo_key] = next((s for s in head if in_dateline(ctx.text, s)), None)
    return ctx.memo[memo_key]


def _year(ctx: DocContext, pos: int) -> tuple[int | None, str | None]:
    """The year and its basis: the last year named before ``pos`` in its sentence (2023年),
    else a relative year (今年, 去年) counted from the article's date, both ``"stated"``;
    else the year of the article's date, ``"reported"``; else ``(None, None)``."""
    s_start, _ = ctx.sentence_of(pos)
    m = None
    for m in _YEAR.finditer(ctx.text, s_start, pos):  # noqa: B007 - the last match is wanted
        pass
    if m is not None:
        return int(m.group(1)), "stated"
    art = ctx.articles[ctx.article_of(pos)]
    date = art.date or ctx.doc.date
    if not date:
        return None, None
    for word, delta in _REL_YEAR.items():
        if word in ctx.text[s_start:pos]:
            return int(date[:4]) + delta, "stated"
    return int(date[:4]), "reported"


def _venue_body(ctx: DocContext, place: Span, p: Span) -> bool:
    """Whether ``place`` opens the name of an organisation that follows 在 in the clause of
    the programme ``p`` (在某镇某公司启动“…”): the body is the venue, and its place is
    where the programme happens."""
    if ctx.text[place.start - 1 : place.start] != "在":
        return False
    lo, hi = (place.end, p.start) if place.end <= p.start else (p.end, place.start)
    if re.search(r"[，,；;。：:]", ctx.text[lo:hi]):
        return False
    return any(
        o.start == place.start
        for o in ctx.spans_in(place.start, place.start + 1, ("Organization",))
    )


def _subject_body(ctx: DocContext, place: Span, p: Span) -> bool:
    """Whether ``place`` is inside the name of an organisation that opens the clause of the
    programme ``p`` (日前，某市供电公司“…”竞赛启动): the body runs it where it is."""
    lo = ctx.clause_start(p.start)
    return any(
        o.start <= place.start and place.end <= o.end <= p.start
        for o in ctx.spans_in(lo, lo + 1, ("Organization",))
    )


def in_dateline(text: str, s: Span) -> bool:
    """Whether the place ``s`` names where a report was filed: 本报杭州讯, 新华社北京3月1日电."""
    return bool(
        _DATELINE_BEFORE.search(text, max(0, s.start - 4), s.start)
        and _DATELINE_AFTER.match(text, s.end)
    )
