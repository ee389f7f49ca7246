"""The extraction pipeline: one :class:`Extractor`, applied to one document at a time.

Steps run in a fixed order (GraphRAG-style list of ``(name, step)`` pairs): places,
organisations and unions, programmes, people; then relations and outcomes are read
off the spans. The segmenter (rjieba by default, or jieba: :mod:`extract.segment`)
cuts each article once with jieba's dictionary; every other step is a
regular-expression or automaton pass over the text, or a look-up in that dictionary's
counts and tags. ``Extractor()`` loads what it needs once per process.
"""
from __future__ import annotations

import logging
import re

from .articles import NEWS_OUTLETS, sentences, split_articles
from .context import DocContext, Span
from .gazetteer import load_gazetteer
from .ner import chunks, get_tagger
from .orgs import OrgFinder
from .outcomes import OutcomeFinder, focus_union
from .people import PersonFinder
from .places import PlaceFinder
from .programmes import LAUNCH_VERBS, ProgrammeFinder
from .records import Article, Document, Entity, Extraction, Mention, Outcome, Relation
from .resources import load_sections
from .segment import get_segmenter, load_dictionary

log = logging.getLogger(__name__)

MAX_EVIDENCE_PER_RELATION = 50
"""Evidence sentences a relation keeps per document; the others are counted in
``Relation.evidence_more`` (a relation stated on every page of a long document would
otherwise carry every sentence)."""

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_REL_YEAR = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
# a place in a dateline (本报杭州讯, 新华社北京3月1日电) says where the report was filed
_DATELINE_BEFORE = re.compile(r"(?:本报|本刊|日报|" + NEWS_OUTLETS + r")$")
_DATELINE_AFTER = re.compile(r"(?:\d{1,2}月\d{1,2}日)?(?:电|讯)")
_JOINT = re.compile(r"共同|联合(?!会|工会)|携手|合作")
# verbs by which a union launches, runs or funds a programme (data/programme_cues.txt)
_RUN_VERBS = re.compile("|".join(sorted(map(re.escape, LAUNCH_VERBS + load_sections("programme_cues.txt")["run"]),
                                        key=len, reverse=True)))


class Extractor:
    """Turns a :class:`Document` into an :class:`Extraction`. Build once, call per document.

    ``segmenter`` is ``"rjieba"`` or ``"jieba"`` (default: ``$UNIONKG_SEGMENTER``, else
    rjieba; see :mod:`extract.segment`). Word counts and tags come from jieba's
    dictionary whichever cuts. ``fast=True`` leaves out the statistical NER model
    (:mod:`extract.ner`): the rules alone propose names."""

    def __init__(self, segmenter: str | None = None, *, fast: bool = False):
        self.fast = fast
        self.tagger = None if fast else get_tagger()
        self.dictionary = load_dictionary()
        self.segmenter = get_segmenter(segmenter)
        freq = self.dictionary.freq
        tags = self.dictionary.tags
        self.gazetteer = load_gazetteer()
        self.people = PersonFinder(freq)
        self.steps = [
            ("places", PlaceFinder(self.gazetteer, freq, tags)),
            ("orgs", OrgFinder(freq, self.gazetteer, tags)),
            ("programmes", ProgrammeFinder(freq, self.people.titles)),
            ("people", self.people),
        ]
        self.outcomes = OutcomeFinder()

    # -- preparation ----------------------------------------------------------------
    def context(self, doc: Document) -> DocContext:
        text = doc.simplified
        if text is None or len(text) != len(doc.text):
            from .textnorm import to_simplified

            text = to_simplified(doc.text)
            doc.simplified = text
        if not doc.articles:
            doc.articles = split_articles(doc)
            if not doc.articles:
                doc.articles = [Article(0, 0, len(doc.text), doc.title, doc.date)]
        ctx = DocContext(doc, text, doc.articles)
        seg = self.segmenter
        for a in doc.articles:
            for s, e in sentences(text, a.start, a.end, segmenter=seg):
                ctx.sent_starts.append(s)
                ctx.sent_ends.append(e)
            bounds = seg.bounds(text[a.start:a.end], a.start)
            ctx.boundaries.update(bounds)
            ctx.words.extend(zip(bounds, bounds[1:]))
        if self.tagger is not None:
            pieces = [p for a in doc.articles for p in chunks(text, a.start, a.end)]
            ctx.set_model_words(self.tagger.tokens(text, pieces))
        return ctx

    def __call__(self, doc: Document) -> Extraction:
        ctx = self.context(doc)
        for _name, step in self.steps:
            step(ctx)
        return self.assemble(ctx)

    # -- assembly ---------------------------------------------------------------------
    def assemble(self, ctx: DocContext) -> Extraction:
        ents: dict[tuple[str, str], Entity] = {}
        span_ent: dict[int, Entity] = {}

        def mention(s: Span) -> Mention:
            ev = ctx.evidence(s.start)
            return Mention(ctx.doc.text[s.start:s.end], s.start, s.end, ev.sentence, ev.article)

        def entity_for(s: Span) -> Entity:
            k = (s.type, s.key)
            e = ents.get(k)
            if e is None:
                e = Entity(id=self._id(s), type=s.type, name=s.key)
                if s.type == "Place":
                    e.props = self._place_props(s)
                if s.data.get("optional"):
                    e.props["optional"] = True
                ents[k] = e
            e.mentions.append(mention(s))
            surface = ctx.doc.text[s.start:s.end]
            if surface != e.name:
                e.aliases.append(surface)
            for a in s.data.get("aliases", []):
                if a != e.name:
                    e.aliases.append(a)
            span_ent[id(s)] = e
            return e

        self._drop_inner_places(ctx)
        self._merge_variants(ctx)
        for s in sorted(ctx.spans, key=lambda s: (s.start, s.type)):
            # generic activities used as common nouns (职工之家, 工资集体协商): found so that
            # they block worse readings, but not reported as programmes
            if s.type == "Programme" and s.data.get("optional"):
                continue
            entity_for(s)
        # a union named by its place: make sure the place is an entity too
        for s in ctx.of_type("TradeUnion"):
            place = s.data.get("place")
            if place and ("Place", place) not in ents:
                ps = ctx.first_span("Place", place)
                if ps is not None:
                    entity_for(ps)
        # people: the scope that tells namesakes apart
        relations: dict[tuple, Relation] = {}

        ev_starts: dict[tuple, set[int]] = {}

        def relate(rtype, head: Entity, tail: Entity, pos: int, end: int | None = None, **kw):
            if head is None or tail is None or head is tail:
                return None
            key = (rtype, head.id, tail.id, kw.get("title") or "")
            r = relations.get(key)
            if r is None:
                r = Relation(rtype, head, tail, **kw)
                relations[key] = r
            elif rtype == "ADOPTED_IN" and kw.get("year") and (r.year is None or kw["year"] < r.year):
                r.year = kw["year"]
            seen = ev_starts.setdefault(key, set())
            s_start = ctx.sentence_of(pos)[0]
            if s_start not in seen:  # one evidence per sentence (a set: no scan per mention)
                seen.add(s_start)
                if len(r.evidence) < MAX_EVIDENCE_PER_RELATION:
                    r.evidence.append(ctx.evidence(pos, end))
                else:
                    r.evidence_more += 1
            return r

        unions = ctx.of_type("TradeUnion")
        programmes = ctx.of_type("Programme")
        # LOCATED_IN
        for s in unions:
            place = s.data.get("place")
            if place and ("Place", place) in ents:
                relate("LOCATED_IN", span_ent[id(s)], ents[("Place", place)], s.start, s.end)
        # HOLDS_POSITION
        held: dict[int, Span] = {}  # a person's span → the body of its first post
        for s in ctx.of_type("Person"):
            person = span_ent[id(s)]
            if s.data.get("byline") and s.data.get("body"):
                org = ents.get(("Organization", s.data["body"]))
                if org:
                    relate("HOLDS_POSITION", person, org, s.start, s.end, title=s.data["title"])
                continue
            if s.data.get("title_start") is None:
                inside = self._post_in_brackets(ctx, s)  # 王某（某市总工会主席）
                if inside is not None:
                    body, title = inside
                    relate("HOLDS_POSITION", person, span_ent[id(body)], s.start, body.end, title=title)
                continue
            pos, title = s.data["title_start"], s.data["title"]
            if self._body_before(ctx, pos) is None:
                # 某市总工会党组书记、常务副主席甲，副主席乙: the post is in the body of the
                # name listed right before
                body = self._listed_body(ctx, pos, held)
                if body is not None:
                    relate("HOLDS_POSITION", person, span_ent[id(body)], s.start, s.end, title=title)
                    held[id(s)] = body
                continue
            for _ in range(3):
                body = self._body_before(ctx, pos)
                if body is None:
                    break
                held.setdefault(id(s), body)
                relate("HOLDS_POSITION", person, span_ent[id(body)], body.start, s.end, title=title)
                # 平湖市政协副主席、市总工会主席许静: another title and body before
                if ctx.text[body.start - 1:body.start] != "、":
                    break
                m = re.search(r"([\u4e00-\u9fff]{1,8})、$", ctx.text[max(0, body.start - 9):body.start])
                if not m:
                    break
                prev_title = next((t for t in self.people.titles if m.group(1).endswith(t)), None)
                if not prev_title:
                    break
                pos = body.start - 1 - len(prev_title)
                title = prev_title
        # RUNS and ADOPTED_IN
        for p in programmes:
            if id(p) not in span_ent:
                continue
            prog = span_ent[id(p)]
            s_start, s_end = ctx.sentence_of(p.start)
            a_start, a_end = ctx.article_span(p.start)
            in_sent = [u for u in ctx.spans_in(s_start, s_end, ("TradeUnion",)) if u.data.get("level") != "body"]
            before = [u for u in in_sent if u.start < p.start]
            union = before[-1] if before else (in_sent[0] if in_sent else None)
            if union is None and (p.data.get("strong") or p.data.get("quoted")):
                union = focus_union(ctx, a_start, a_end)
                if union is not None and not _RUN_VERBS.search(ctx.text, s_start, p.start):
                    union = None if p.data.get("lexicon") else union
            if union is not None and not p.data.get("optional"):
                relate("RUNS", span_ent[id(union)], prog, p.start, p.end)
                # 甲总工会与乙总工会共同建设…: every union listed with it acts together
                for other in self._joint_unions(ctx, before, union, p):
                    relate("RUNS", span_ent[id(other)], prog, p.start, p.end)
            place = self._adoption_place(ctx, p, union, ents)
            if place is not None:
                year = self._year(ctx, p.start)
                relate("ADOPTED_IN", prog, place, p.start, p.end, year=year)
        extraction = Extraction(ctx.doc)
        extraction.entities = sorted(ents.values(), key=lambda e: (e.type, e.mentions[0].start if e.mentions else 0))
        extraction.relations = sorted(relations.values(), key=lambda r: (r.evidence[0].start if r.evidence else 0, r.type))
        # outcomes
        seen = set()
        for o in self.outcomes(ctx):
            subj = span_ent.get(id(o["subject"]))
            if subj is None:
                if not o["subject"].data.get("optional"):
                    continue
                # a generic facility counted by the figure (5家劳模创新工作室): reported,
                # marked optional, because the figure is about it
                subj = entity_for(o["subject"])
                if subj not in extraction.entities:
                    extraction.entities.append(subj)
            ev = ctx.evidence(o["start"])
            key = (subj.id, o["value"], o["unit"], o["start"])
            if key in seen:
                continue
            seen.add(key)
            extraction.outcomes.append(Outcome(subj, o["value"], o["unit"], ctx.doc.text[o["start"]:o["end"]],
                                               o["qualifier"], ev))
        for e in extraction.entities:
            e.aliases = sorted(set(e.aliases) - {e.name})
            if e.type == "Person":
                e.id = self._person_id(e, relations.values(), ctx)
        return extraction

    def _merge_variants(self, ctx: DocContext) -> None:
        """山西大同铁路公安处工会 and 大同铁路公安处工会 are one body: a name that is another
        name with places in front of it takes the longer form."""
        for t in ("TradeUnion", "Organization"):
            spans = ctx.of_type(t)
            keys = {s.key for s in spans}
            rename = {}
            for s in spans:
                for k in keys:
                    if k != s.key and k.endswith(s.key) and len(s.key) >= 5:
                        if self._places_only(k[: len(k) - len(s.key)]) and len(k) > len(rename.get(s.key, s.key)):
                            rename[s.key] = k
            for s in spans:
                if s.key in rename:
                    s.key = rename[s.key]

    def _places_only(self, text: str) -> bool:
        """True when ``text`` is a run of division names, full or short (山西, 浙江金华)."""
        i = 0
        while i < len(text):
            step = next((n for n in range(min(9, len(text) - i), 1, -1)
                         if self.gazetteer.candidates(text[i:i + n])), 0)
            if not step:
                return False
            i += step
        return bool(text)

    def _drop_inner_places(self, ctx: DocContext) -> None:
        """A short place name inside a person's name (纪清远 → 清远) or in the middle of a
        company name (玖玖华安出租车 → 华安) is not a place mention."""
        for p in list(ctx.of_type("Place")):
            if p.data.get("full") and len(p.key) > 2:
                continue
            if ctx.covered(p.start, p.end, ("Person",)):
                ctx.remove(p)
                continue
            for o in ctx.spans_in(p.start - ctx.max_span, p.start, ("Organization", "TradeUnion")):
                if p.end <= o.end:
                    if not ctx.spans_ending_at(p.start, ("Place",)):
                        ctx.remove(p)
                    break

    # -- helpers -------------------------------------------------------------------------
    def _id(self, s: Span) -> str:
        if s.type == "Place":
            if s.data.get("adcode"):
                return f"Place:{s.data['adcode']}"
            parent = s.data.get("parent")
            return f"Place:{parent}/{s.key}" if parent else f"Place:{s.key}"
        return f"{s.type}:{s.key}"

    def _place_props(self, s: Span) -> dict:
        gaz = self.gazetteer
        code = s.data.get("adcode") or s.data.get("parent")
        props = {"level": s.data.get("level"), "adcode": s.data.get("adcode"), "lon": None, "lat": None, "chain": []}
        if code:
            d = gaz.get(code)
            if s.data.get("adcode"):
                props["lon"], props["lat"] = d.lon, d.lat
                ancestors = gaz.chain(code)
            else:
                ancestors = [d, *gaz.chain(code)]
            props["chain"] = [{"id": a.id, "name": a.name, "level": a.level, "adcode": a.adcode, "lon": a.lon,
                               "lat": a.lat} for a in ancestors]
        return props

    def _body_before(self, ctx: DocContext, pos: int) -> Span | None:
        """The union or organisation named right before a title at ``pos`` (a few name-like
        characters may stand between: 供电公司配电不停电作业室班长)."""
        best = None
        for s in ctx.spans_in(pos - 10 - ctx.max_span, pos, ("TradeUnion", "Organization")):
            if s.end <= pos and pos - s.end <= 10:
                between = ctx.text[s.end:pos]
                if re.fullmatch(r"[\u4e00-\u9fff]*", between) and not re.search(r"[的和与及在为]", between):
                    if best is None or s.end > best.end or (s.end == best.end and s.start < best.start):
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
        for u in reversed(before[:before.index(union)]):
            if not re.fullmatch(r"[、和与及同]|以及", ctx.text[u.end:cur.start]):
                break
            out.append(u)
            cur = u
        return out

    def _listed_body(self, ctx: DocContext, title_start: int, held: dict[int, Span]) -> Span | None:
        """The body of the person named right before a post title that follows a comma
        or 、 (…常务副主席甲，副主席乙): the post is in the same body."""
        if ctx.text[title_start - 1:title_start] not in ("，", "、", ",") or title_start < 2:
            return None
        for p in ctx.spans_ending_at(title_start - 1, ("Person",)):
            if id(p) in held:
                return held[id(p)]
        return None

    def _post_in_brackets(self, ctx: DocContext, s: Span) -> tuple[Span, str] | None:
        """A body and a post in brackets right after a name: 王某（某市总工会副主席）."""
        if ctx.text[s.end:s.end + 1] not in ("（", "("):
            return None
        close = next((i for i in range(s.end + 1, min(len(ctx.text), s.end + 40)) if ctx.text[i] in "）)"), None)
        if close is None:
            return None
        bodies = [b for b in ctx.spans_in(s.end + 1, s.end + 2, ("TradeUnion", "Organization")) if b.end < close]
        if not bodies:
            return None
        body = max(bodies, key=lambda b: b.end)
        title = ctx.text[body.end:close]
        if not any(title.endswith(t) for t in self.people.titles):
            return None
        return body, title

    def _adoption_place(self, ctx: DocContext, p: Span, union: Span | None, ents: dict):
        if (union is not None and union.key == "中华全国总工会" and union.start < p.start
                and re.search("启动|发起|部署|推出|试点", ctx.text[union.end:p.start])):
            # 全国总工会…启动“司机之家”建设: a national launch, not an adoption in the other
            # places the sentence names
            return None
        s_start, s_end = ctx.sentence_of(p.start)
        places = ctx.spans_in(s_start, s_end, ("Place",))
        # places that are only part of another body's name (公司, 报) don't locate a programme
        places = [s for s in places if not ctx.covered(s.start, s.end, ("Organization",))
                  and not _in_dateline(ctx.text, s)]
        order = {"street": 0, "town": 0, "zone": 1, "county": 2, "city": 3, "province": 4}
        if places:
            best = min(places, key=lambda s: (order.get(s.data.get("level"), 5), -s.start))
            return ents.get(("Place", best.key))
        if union is not None and union.data.get("place") and union.data.get("level") not in ("enterprise",):
            ps = ctx.first_span("Place", union.data["place"])
            if ps is not None:
                return ents.get(("Place", ps.key))
        return None

    def _year(self, ctx: DocContext, pos: int) -> int | None:
        s_start, _ = ctx.sentence_of(pos)
        m = None
        for m in _YEAR.finditer(ctx.text, s_start, pos):
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

    def _person_id(self, e: Entity, relations, ctx: DocContext) -> str:
        bodies = sorted(r.tail.name for r in relations if r.type == "HOLDS_POSITION" and r.head is e)
        if bodies:
            return f"Person:{e.name}@{bodies[0]}"
        return f"Person:{e.name}@{ctx.doc.doc_id}"


def _in_dateline(text: str, s: Span) -> bool:
    """Whether the place ``s`` names where a report was filed: 本报杭州讯, 新华社北京3月1日电."""
    return bool(_DATELINE_BEFORE.search(text, max(0, s.start - 4), s.start)
                and _DATELINE_AFTER.match(text, s.end))
