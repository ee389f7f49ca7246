"""Relation step RUNS: a union runs a programme.

In: the Programme spans (``data.strong``, ``data.quoted``, ``data.lexicon``,
``data.optional``, set by programmes.py), the TradeUnion spans, the entity table.
Out: RUNS relations (union → programme), and for each programme that is an entity the
union the step settled on (:class:`ProgrammeUnion`, read by the ADOPTED_IN step).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import LIST_GAP, DocContext, Span
from .entities import EntityTable, place_within
from .outcomes import focus_union
from .programmes import LAUNCH_VERBS
from .relation_set import RelationSet
from .resources import alternation, load_sections

# prepositions that make a place the venue, not the subject (在某县, 到某区)
_PLACE_PREP = re.compile(
    "(?:" + alternation(load_sections("programme_cues.txt")["venue_prepositions"]) + ")$"
)
# verbs by which a union launches, runs or funds a programme (data/programme_cues.txt)
_RUN_VERBS = re.compile(
    alternation(LAUNCH_VERBS + load_sections("programme_cues.txt")["run"], longest_first=True)
)
_CUES = load_sections("programme_cues.txt")
# words of joint action (data/programme_cues.txt [joint]); 联合会, 联合工会 are names
_JOINT_WORDS = alternation(_CUES["joint"], longest_first=True)
_JOINT = re.compile(f"(?:{_JOINT_WORDS})(?!会|工会)")
_PARTNER_GAP = re.compile(f"(?:{_JOINT_WORDS})")
# organiser roles (主办, 承办) and the anaphors that open an organiser sentence (活动由…)
_ORGANISE = re.compile(alternation(_CUES["organise"], longest_first=True))
_ORGANISER_SENTENCE = re.compile(
    "(?:" + alternation(_CUES["event_anaphor"], longest_first=True) + ")由"
)
# verbs of visitors looking at a programme (data/programme_cues.txt)
_VISIT_VERBS = re.compile(alternation(load_sections("programme_cues.txt")["visit"]))
# 为中心揭牌: the unions of the sentence run the site the plaque is for
_UNVEIL = re.compile(
    r"为([\u4e00-\u9fff]{2,6}?)(?:" + alternation(_CUES["unveil"], longest_first=True) + ")"
)
_UNVEIL_DROP = tuple(_CUES["unveil_drop"])
# 中心…设有“某某驿站”: a facility set up inside another (data/programme_cues.txt)
_CONTAIN = re.compile(alternation(_CUES["contain"], longest_first=True))
# verbs by which a unit receives a programme's title (荣获“…”称号, 获评…)
_NAMING = re.compile(alternation(_CUES["naming"], longest_first=True))


@dataclass(frozen=True, slots=True)
class ProgrammeUnion:
    """A programme mention and the union that runs it (None: none found). The union is
    kept for a generic (optional) programme too, though it gets no RUNS relation."""

    programme: Span
    union: Span | None
    host: Span | None = None
    """The programme this one is set up inside (中心…设有“某某驿站”), whose place it takes."""


def runs(ctx: DocContext, table: EntityTable, found: RelationSet) -> list[ProgrammeUnion]:
    """The union of each programme mention (see :func:`_runner`); every union listed with
    it as acting together runs it too, and every union named as an organiser."""
    out: list[ProgrammeUnion] = []
    by_span: dict[Span, ProgrammeUnion] = {}
    for p in ctx.of_type("Programme"):
        if table.of(p) is None:
            continue
        prog = table[p]
        s_start, s_end = ctx.sentence_of(p.start)
        in_sent = [
            u for u in ctx.spans_in(s_start, s_end, ("TradeUnion",)) if u.data.level != "body"
        ]
        host = None if in_sent else _host(ctx, table, p)
        if host is not None and host in by_span:
            out.append(ProgrammeUnion(p, by_span[host].union, host))
            continue
        before = [u for u in in_sent if u.start < p.start]
        union = _runner(ctx, table, p, in_sent)
        if union is not None and not p.data.optional:
            found.relate("RUNS", table[union], prog, p.start, p.end)
            # 甲总工会与乙总工会共同建设…: every union listed with it acts together
            for other in _joint_unions(ctx, before, union, p):
                found.relate("RUNS", table[other], prog, p.start, p.end)
        out.append(ProgrammeUnion(p, union))
        by_span[p] = out[-1]
    _organisers(ctx, table, found)
    _unveilers(ctx, table, found)
    _hosted_runners(table, found, out)
    return out


def _host(ctx: DocContext, table: EntityTable, p: Span) -> Span | None:
    """The programme ``p`` is set up inside (中心…还设有一处“某某驿站”): with a verb of
    containing before ``p`` in its clause, the last programme with a name of its own that
    the article names before ``p``."""
    lo = ctx.clause_start(p.start)
    if not _CONTAIN.search(ctx.text, lo, p.start):
        return None
    a_start = ctx.article_span(p.start)[0]
    hosts = [
        h
        for h in _named_programmes(ctx, table, a_start, p.start)
        if table[h] is not table[p] and h.end <= p.start
    ]
    return hosts[-1] if hosts else None


def _hosted_runners(table: EntityTable, found: RelationSet, out: list[ProgrammeUnion]) -> None:
    """A programme set up inside another is run by every union that runs its host."""
    hosted = [r for r in out if r.host is not None and not r.programme.data.optional]
    if not hosted:
        return
    runners: dict[str, list] = {}
    for rel in list(found.by_key.values()):
        if rel.type == "RUNS":
            runners.setdefault(rel.tail.id, []).append(rel.head)
    for r in hosted:
        assert r.host is not None
        for union in runners.get(table[r.host].id, []):
            found.relate("RUNS", union, table[r.programme], r.programme.start, r.programme.end)


def _runner(ctx: DocContext, table: EntityTable, p: Span, in_sent: list[Span]) -> Span | None:
    """The union of the programme mention ``p``: the last union named before it in its
    sentence (unless that union receives the programme's title, or a company opens the
    programme's clause), else the first after it named as an organiser, else the first
    after it; with none in the sentence, the union of the place that is the clause's
    subject; else, for a programme with a name of its own that no visitor looks at, the
    union the article is about."""
    s_start = ctx.sentence_of(p.start)[0]
    # a union after 向 is where something is sent (向省总推荐…), not who acts
    before = [u for u in in_sent if u.start < p.start and ctx.text[u.start - 1 : u.start] != "向"]
    if before:
        last = before[-1]
        # 甲工会荣获“…”称号: honoured, not the runner; 甲总工会启动…：乙公司开展“…”
        return None if _receives(ctx, last, p) or _opened_by_body(ctx, p, last.end) else last
    if in_sent:
        # after the programme, an organiser (…由甲指导，乙主办) before any other union
        s_end = ctx.sentence_of(p.start)[1]
        return next((u for u in in_sent if _organises(ctx, u, s_end)), in_sent[0])
    if (subject := _subject_place(ctx, p, s_start)) is not None:
        # 某县已建成“…”24个: the union of the place that built it, if the article names
        # it; not the article's union, which belongs to another place
        return _union_of_place(ctx, subject, p)
    if not (p.data.strong or p.data.quoted) or _VISIT_VERBS.search(ctx.text, s_start, p.start):
        return None
    if _opened_by_body(ctx, p):
        return None  # 某市人社局举办“…”招聘会: the body's programme, not the article's union's
    union = focus_union(ctx, *ctx.article_span(p.start))
    run_verb = _RUN_VERBS.search(ctx.text, s_start, p.start) is not None
    if union is not None and p.data.lexicon and not run_verb:
        return None
    if union is not None and _elsewhere(ctx, table, p, union, run_verb):
        return None
    return union


def _elsewhere(ctx: DocContext, table: EntityTable, p: Span, union: Span, run_verb: bool) -> bool:
    """Whether the sentence of ``p`` places it away from the area of the article's union
    ``union``: with no verb of running (``run_verb``), it names places and none is the
    union's place, inside it or around it (在另一县某镇进行的…比武); or the place right
    before the programme lies inside the union's area (某街道“…”比赛: that place's event,
    not the union's)."""
    home = table.get("Place", union.data.place) if union.data.place else None
    if home is None:
        return False
    s_start, s_end = ctx.sentence_of(p.start)
    places = [
        e
        for s in ctx.spans_in(s_start, s_end, ("Place",))
        if not ctx.covered(s.start, s.end, ("TradeUnion", "Organization"))
        and (e := table.get("Place", s.key)) is not None
    ]
    if (
        not run_verb
        and places
        and not any(e is home or place_within(e, home) or place_within(home, e) for e in places)
    ):
        return True
    quote = 1 if ctx.text[p.start - 1 : p.start] in ("“", "「") else 0
    lead = ctx.spans_ending_at(p.start - quote, ("Place",))
    return any((e := table.get("Place", s.key)) is not None and place_within(e, home) for s in lead)


def _subject_place(ctx: DocContext, p: Span, s_start: int) -> Span | None:
    """The place that is the subject of the programme's clause (某县已建成“…”, 某区打造…):
    the last place of the clause before the programme, not inside a body's name nor after
    a preposition (在某县), with a verb of running between them."""
    lo = ctx.clause_start(p.start, s_start)
    places = [
        s
        for s in ctx.spans_in(lo, p.start, ("Place",))
        if not ctx.covered(s.start, s.end, ("TradeUnion", "Organization"))
    ]
    if not places or _PLACE_PREP.search(ctx.text, max(lo, places[-1].start - 2), places[-1].start):
        return None
    return places[-1] if _RUN_VERBS.search(ctx.text, places[-1].end, p.start) else None


def _union_of_place(ctx: DocContext, place: Span, p: Span) -> Span | None:
    """The first union of ``place`` that the article of ``p`` names."""
    a_start, a_end = ctx.article_span(p.start)
    memo_key = ("place_unions", a_start, ctx.version)
    by_place = ctx.memo.get(memo_key)
    if by_place is None:
        by_place = {}
        for u in ctx.spans_in(a_start, a_end, ("TradeUnion",)):
            if u.data.place and u.data.level not in ("body", "enterprise"):
                by_place.setdefault(u.data.place, u)
        ctx.memo[memo_key] = by_place
    return by_place.get(place.key)


def _opened_by_body(ctx: DocContext, p: Span, after: int | None = None) -> bool:
    """Whether an organisation opens the clause of the programme ``p``, its subject; with
    ``after`` (a union's end), only a clause that starts after that union (甲总工会启动…
    竞赛：乙公司开展“…”: the clause is about that body)."""
    lo = ctx.clause_start(p.start, after)
    if lo == after:
        return False
    return any(o.start == lo for o in ctx.spans_in(lo, p.start, ("Organization",)))


def _receives(ctx: DocContext, u: Span, p: Span) -> bool:
    """A verb of receiving a title stands between the union ``u`` and the programme ``p``
    in one clause (甲等5家单位工会荣获“…”称号)."""
    gap = ctx.text[u.end : p.start]
    return not re.search(r"[，,；;。：:]", gap) and _NAMING.search(gap) is not None


def _organisers(ctx: DocContext, table: EntityTable, found: RelationSet) -> None:
    """Every union named with an organiser role (甲主办，乙承办) runs the programme of
    its sentence; a sentence that opens with 活动由 speaks of the last programme of the
    sentence before."""
    for i, (s_start, s_end) in enumerate(zip(ctx.sent_starts, ctx.sent_ends, strict=False)):
        unions = [
            u
            for u in ctx.spans_in(s_start, s_end, ("TradeUnion",))
            if u.data.level != "body" and _organises(ctx, u, s_end)
        ]
        if not unions:
            continue
        progs = _named_programmes(ctx, table, s_start, s_end)
        head = ctx.text[s_start:s_end].lstrip()
        if not progs and i and _ORGANISER_SENTENCE.match(head):
            progs = _named_programmes(ctx, table, ctx.sent_starts[i - 1], ctx.sent_ends[i - 1])[-1:]
        for p in progs:
            for u in unions:
                found.relate("RUNS", table[u], table[p], u.start, u.end)


def _unveilers(ctx: DocContext, table: EntityTable, found: RelationSet) -> None:
    """Every union named before 为…揭牌 in its sentence (甲总工会主席某某…一起为中心揭牌)
    runs the site unveiled: the last programme up to the sentence, in its article, whose
    name or mention ends in the site's word (中心, 驿站)."""
    for m in _UNVEIL.finditer(ctx.text):
        word = m.group(1)
        while word.startswith(_UNVEIL_DROP) and len(word) > 2:
            word = word[1:]
        s_start = ctx.sentence_of(m.start())[0]
        unions = [
            u for u in ctx.spans_in(s_start, m.start(), ("TradeUnion",)) if u.data.level != "body"
        ]
        a_start = ctx.article_span(m.start())[0]
        sites = [
            p
            for p in _named_programmes(ctx, table, a_start, m.start())
            if table[p].name.endswith(word) or ctx.text[p.start : p.end].endswith(word)
        ]
        for u in unions if sites else []:
            found.relate("RUNS", table[u], table[sites[-1]], u.start, u.end)


def _organises(ctx: DocContext, u: Span, s_end: int) -> bool:
    """An organiser role follows the union within its clause (甲和乙主办, 甲主办、乙承办)."""
    clause = re.split(r"[，,；;。：:]", ctx.text[u.end : min(s_end, u.end + 14)], maxsplit=1)[0]
    m = _ORGANISE.search(clause)
    return m is not None and not re.search(r"[“”\"]", clause[: m.start()])


def _named_programmes(ctx: DocContext, table: EntityTable, lo: int, hi: int) -> list[Span]:
    return [
        p
        for p in ctx.spans_in(lo, hi, ("Programme",))
        if table.of(p) is not None and not p.data.optional
    ]


def _joint_unions(ctx: DocContext, before: list[Span], union: Span, p: Span) -> list[Span]:
    """The unions listed right before ``union`` (joined by 、, 和, 与, 及, 同, other bodies
    of the list passed over) when a word of joint action stands between them and the
    programme (共同, 联合, 携手: 甲、乙共同开展…) or between two of them (甲联合乙开展…)."""
    if union not in before:
        return []
    s_start = ctx.sentence_of(p.start)[0]
    bodies = [
        b
        for b in ctx.spans_in(s_start, union.start, ("TradeUnion", "Organization"))
        if b.data.level != "body"
    ]
    joint = _JOINT.search(ctx.text, union.end, p.start) is not None
    out, cur = [], union
    for b in reversed(bodies):
        if b.end > cur.start:
            continue  # a body inside the name of the next one
        gap = ctx.text[b.end : _place_prefix_start(ctx, b.end, cur.start)]
        if _PARTNER_GAP.fullmatch(gap):
            joint = True
        elif not LIST_GAP.fullmatch(gap):
            break
        if b.type == "TradeUnion":
            out.append(b)
        cur = b
    return out if joint else []


def _place_prefix_start(ctx: DocContext, lo: int, pos: int) -> int:
    """Where the places written right before a body at ``pos`` begin (甲总工会、某镇|某社区
    工会: the town opens the next body though its name leaves it out); ``pos`` if none."""
    while pos > lo:
        prev = [s for s in ctx.spans_ending_at(pos, ("Place",)) if s.start >= lo]
        if not prev:
            break
        pos = min(s.start for s in prev)
    return pos
