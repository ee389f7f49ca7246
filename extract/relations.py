"""Relations between the entities of one document: LOCATED_IN (a union and its place),
HOLDS_POSITION (a person's post in a union or organisation), RUNS (a union runs a
programme) and ADOPTED_IN (a programme in a place, with the year when the text gives
it). Read off the spans the candidate steps found, once they are resolved
(extract/pipeline.py); docs/extraction.md says which cues each relation uses.
"""

from __future__ import annotations

import re

from .articles import NEWS_OUTLETS
from .context import DocContext, Span
from .entities import EntityTable
from .outcomes import focus_union
from .programmes import LAUNCH_VERBS
from .records import Entity, Relation
from .resources import alternation, load_sections

MAX_EVIDENCE_PER_RELATION = 50
"""Evidence sentences a relation keeps per document; the others are counted in
``Relation.evidence_more`` (a relation stated on every page of a long document would
otherwise carry every sentence)."""

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_REL_YEAR = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
# a place in a dateline (本报杭州讯, 新华社北京3月1日电) says where the report was filed
_DATELINE_BEFORE = re.compile(r"(?:本报|本刊|日报|" + NEWS_OUTLETS + r")$")
_DATELINE_AFTER = re.compile(r"(?:\d{1,2}月\d{1,2}日)?(?:电|讯)")
# a body's department between its name and a post: 办公室, 网络宣教和职工服务部 …
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{2,12}(?:部|处|科|室|办公室|中心)")
_JOINT = re.compile(r"共同|联合(?!会|工会)|携手|合作")
# verbs by which a union launches, runs or funds a programme (data/programme_cues.txt)
_RUN_VERBS = re.compile(
    alternation(LAUNCH_VERBS + load_sections("programme_cues.txt")["run"], longest_first=True)
)

# verbs of visitors looking at a programme (data/programme_cues.txt)
_VISIT_VERBS = re.compile(alternation(load_sections("programme_cues.txt")["visit"]))


class _Relations:
    """The relations found so far, each with one evidence sentence per sentence that
    states it (at most :data:`MAX_EVIDENCE_PER_RELATION`, the rest counted)."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.by_key: dict[tuple, Relation] = {}
        self._ev_starts: dict[tuple, set[int]] = {}

    def relate(
        self,
        rtype: str,
        head: Entity | None,
        tail: Entity | None,
        pos: int,
        end: int | None = None,
        **kw,
    ) -> Relation | None:
        ctx = self.ctx
        if head is None or tail is None or head is tail:
            return None
        key = (rtype, head.id, tail.id, kw.get("title") or "")
        r = self.by_key.get(key)
        if r is None:
            r = Relation(rtype, head, tail, **kw)
            self.by_key[key] = r
        elif rtype == "ADOPTED_IN" and kw.get("year") and (r.year is None or kw["year"] < r.year):
            r.year = kw["year"]
        seen = self._ev_starts.setdefault(key, set())
        s_start = ctx.sentence_of(pos)[0]
        if s_start not in seen:  # one evidence per sentence (a set: no scan per mention)
            seen.add(s_start)
            if len(r.evidence) < MAX_EVIDENCE_PER_RELATION:
                r.evidence.append(ctx.evidence(pos, end))
            else:
                r.evidence_more += 1
        return r


class RelationFinder:
    """Finds the relations of one document. ``titles``: post titles, longest first (the
    person step's, from data/titles.txt)."""

    def __init__(self, titles: list[str]):
        self.titles = titles

    def __call__(self, ctx: DocContext, table: EntityTable) -> list[Relation]:
        """The relations, ordered by the start of their first evidence, then by type."""
        found = _Relations(ctx)
        relate = found.relate
        unions = ctx.of_type("TradeUnion")
        programmes = ctx.of_type("Programme")
        # LOCATED_IN
        for s in unions:
            place = s.data.place
            if place and table.get("Place", place) is not None:
                relate("LOCATED_IN", table[s], table.get("Place", place), s.start, s.end)
        # HOLDS_POSITION
        held: dict[int, Span] = {}  # a person's span → the body of its first post
        body: Span | None
        for s in ctx.of_type("Person"):
            person = table[s]
            if s.data.byline and s.data.body:
                org = table.get("Organization", s.data.body)
                if org:
                    relate("HOLDS_POSITION", person, org, s.start, s.end, title=s.data.title)
                continue
            if s.data.title_start is None:
                inside = self._post_in_brackets(ctx, s)  # 王某（某市总工会主席）
                if inside is not None:
                    body, title = inside
                    relate("HOLDS_POSITION", person, table[body], s.start, body.end, title=title)
                continue
            pos, title = s.data.title_start, s.data.title or ""
            if self._body_before(ctx, pos) is None:
                # 某市总工会党组书记、常务副主席甲，副主席乙: the post is in the body of the
                # name listed right before
                body = self._listed_body(ctx, pos, held)
                if body is not None:
                    relate("HOLDS_POSITION", person, table[body], s.start, s.end, title=title)
                    held[id(s)] = body
                    continue
                # 某镇党委委员、某某组织书记甲: the post named first in the chain is in a body
                first = self._chain_post(ctx, pos)
                if first is not None:
                    body, first_title = first
                    relate(
                        "HOLDS_POSITION", person, table[body], body.start, s.end, title=first_title
                    )
                    held[id(s)] = body
                continue
            for _ in range(3):
                body = self._body_before(ctx, pos)
                if body is None:
                    break
                held.setdefault(id(s), body)
                relate("HOLDS_POSITION", person, table[body], body.start, s.end, title=title)
                # 平湖市政协副主席、市总工会主席许静: another title and body before
                if ctx.text[body.start - 1 : body.start] != "、":
                    break
                m = re.search(
                    r"([\u4e00-\u9fff]{1,8})、$", ctx.text[max(0, body.start - 9) : body.start]
                )
                if not m:
                    break
                prev_title = next((t for t in self.titles if m.group(1).endswith(t)), None)
                if not prev_title:
                    break
                pos = body.start - 1 - len(prev_title)
                title = prev_title
        # RUNS and ADOPTED_IN
        for p in programmes:
            if table.of(p) is None:
                continue
            prog = table[p]
            s_start, s_end = ctx.sentence_of(p.start)
            a_start, a_end = ctx.article_span(p.start)
            in_sent = [
                u for u in ctx.spans_in(s_start, s_end, ("TradeUnion",)) if u.data.level != "body"
            ]
            before = [u for u in in_sent if u.start < p.start]
            union = before[-1] if before else (in_sent[0] if in_sent else None)
            if (
                union is None
                and (p.data.strong or p.data.quoted)
                and not _VISIT_VERBS.search(ctx.text, s_start, p.start)
            ):
                union = focus_union(ctx, a_start, a_end)
                if union is not None and not _RUN_VERBS.search(ctx.text, s_start, p.start):
                    union = None if p.data.lexicon else union
            if union is not None and not p.data.optional:
                relate("RUNS", table[union], prog, p.start, p.end)
                # 甲总工会与乙总工会共同建设…: every union listed with it acts together
                for other in self._joint_unions(ctx, before, union, p):
                    relate("RUNS", table[other], prog, p.start, p.end)
            place = self._adoption_place(ctx, p, union, table)
            if place is not None:
                year = self._year(ctx, p.start)
                relate("ADOPTED_IN", prog, place, p.start, p.end, year=year)
        return sorted(
            found.by_key.values(), key=lambda r: (r.evidence[0].start if r.evidence else 0, r.type)
        )

    def _body_before(self, ctx: DocContext, pos: int) -> Span | None:
        """The union or organisation named right before a title at ``pos`` (a few name-like
        characters may stand between: 供电公司配电不停电作业室班长)."""
        best = None
        for s in ctx.spans_in(pos - 14 - ctx.max_span, pos, ("TradeUnion", "Organization")):
            if s.end <= pos and pos - s.end <= 14:
                between = ctx.text[s.end : pos]
                if not re.fullmatch(r"[\u4e00-\u9fff]*", between):
                    continue
                # a department of the body may hold 和 (网络宣教和职工服务部部长); else a few
                # name characters with no function word
                department = bool(_DEPARTMENT.fullmatch(between))
                if department or (len(between) <= 10 and not re.search(r"[的和与及在为]", between)):
                    if (
                        best is None
                        or s.end > best.end
                        or (s.end == best.end and s.start < best.start)
                    ):
                        best = s
        return best

    @staticmethod
    def _joint_unions(ctx: DocContext, before: list[Span], union: Span, p: Span) -> list[Span]:
        """The unions listed right before ``union`` (joined by 、, 和, 与, 及, 同) when a
        word of joint action stands between them and the programme (共同, 联合, 携手,
        合作)."""
        if union not in before or not _JOINT.search(ctx.text, union.end, p.start):
            return []
        out, cur = [], union
        for u in reversed(before[: before.index(union)]):
            if not re.fullmatch(r"[、和与及同]|以及", ctx.text[u.end : cur.start]):
                break
            out.append(u)
            cur = u
        return out

    def _chain_post(self, ctx: DocContext, title_start: int) -> tuple[Span, str] | None:
        """The body and post that open a chain of posts ending at ``title_start`` when the
        last post names no body: ``<body><title>、…<title><name>`` (the clause's first
        post, up to 20 characters back)."""
        text = ctx.text
        lo = max(ctx.sentence_of(title_start)[0], title_start - 20)
        cut = text.rfind("、", lo, title_start)
        if cut < 0 or re.search(r"[，,；;。：:]", text[cut:title_start]):
            return None
        before = text[max(lo, cut - 8) : cut]
        title = next((t for t in self.titles if before.endswith(t)), None)
        if title is None:
            return None
        body = self._body_before(ctx, cut - len(title))
        if body is None or body.end != cut - len(title):
            return None
        return body, title

    def _listed_body(self, ctx: DocContext, title_start: int, held: dict[int, Span]) -> Span | None:
        """The body of the person named right before a post title that follows a comma
        or 、 (…常务副主席甲，副主席乙): the post is in the same body."""
        if ctx.text[title_start - 1 : title_start] not in ("，", "、", ",") or title_start < 2:
            return None
        for p in ctx.spans_ending_at(title_start - 1, ("Person",)):
            if id(p) in held:
                return held[id(p)]
        return None

    def _post_in_brackets(self, ctx: DocContext, s: Span) -> tuple[Span, str] | None:
        """A body and a post in brackets right after a name: 王某（某市总工会副主席）."""
        if ctx.text[s.end : s.end + 1] not in ("（", "("):
            return None
        close = next(
            (i for i in range(s.end + 1, min(len(ctx.text), s.end + 40)) if ctx.text[i] in "）)"),
            None,
        )
        if close is None:
            return None
        bodies = [
            b
            for b in ctx.spans_in(s.end + 1, s.end + 2, ("TradeUnion", "Organization"))
            if b.end < close
        ]
        if not bodies:
            return None
        body = max(bodies, key=lambda b: b.end)
        title = ctx.text[body.end : close]
        if not any(title.endswith(t) for t in self.titles):
            return None
        return body, title

    def _adoption_place(self, ctx: DocContext, p: Span, union: Span | None, table: EntityTable):
        if (
            union is not None
            and union.key == "中华全国总工会"
            and union.start < p.start
            and re.search("启动|发起|部署|推出|试点", ctx.text[union.end : p.start])
        ):
            # 全国总工会…启动“司机之家”建设: a national launch, not an adoption in the other
            # places the sentence names
            return None
        s_start, s_end = ctx.sentence_of(p.start)
        places = ctx.spans_in(s_start, s_end, ("Place",))
        # places that are only part of another body's name (公司, 报) don't locate a programme,
        # unless the body is where it happens (在某镇某公司启动…)
        places = [
            s
            for s in places
            if not _in_dateline(ctx.text, s)
            and (not ctx.covered(s.start, s.end, ("Organization",)) or _venue_body(ctx, s, p))
        ]
        order = {"street": 0, "town": 0, "zone": 1, "county": 2, "city": 3, "province": 4}
        if places:
            best = min(places, key=lambda s: (order.get(s.data.level or "", 5), -s.start))
            return table.get("Place", best.key)
        if union is not None and union.data.place and union.data.level not in ("enterprise",):
            ps = ctx.first_span("Place", union.data.place)
            if ps is not None:
                return table.get("Place", ps.key)
        return None

    def _year(self, ctx: DocContext, pos: int) -> int | None:
        s_start, _ = ctx.sentence_of(pos)
        m = None
        for m in _YEAR.finditer(ctx.text, s_start, pos):  # noqa: B007 - the last match is wanted
            pass
        if m is not None:
            return int(m.group(1))
        art = ctx.articles[ctx.article_of(pos)]
        date = art.date or ctx.doc.date
        if date:
            for word, delta in _REL_YEAR.items():
                if word in ctx.text[s_start:pos]:
                    return int(date[:4]) + delta
        return None


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


def _in_dateline(text: str, s: Span) -> bool:
    """Whether the place ``s`` names where a report was filed: 本报杭州讯, 新华社北京3月1日电."""
    return bool(
        _DATELINE_BEFORE.search(text, max(0, s.start - 4), s.start)
        and _DATELINE_AFTER.match(text, s.end)
    )
