"""Relation step HOLDS_POSITION: a person's post in a union or organisation.

In: the Person spans (``data.title``, ``data.title_start``, ``data.body``,
``data.byline``, set by people.py), the TradeUnion and Organization spans, the entity
table and the post titles (data/titles.txt, longest first).
Out: HOLDS_POSITION relations (person → body, with the post's ``title``).
"""

from __future__ import annotations

import re

from .context import CLAUSE_MARKS, DocContext, Span
from .entities import EntityTable
from .relation_set import RelationSet
from .resources import alternation, load_sections

_CUES = load_sections("people.txt")
# what joins a name to the post that follows it: a comma, or a verb of holding a post or
# of being elected to one
_POST_LINK = (
    "[，,]|(?:同志)?(?:"
    + alternation(_CUES["post_verbs"] + _CUES["election_verbs"], longest_first=True)
    + ")"
)
# verbs before a name that give it the post after 为 (选举王某为某市总工会主席)
_APPOINTED = re.compile("(?:" + alternation(_CUES["appoint_verbs"]) + ")了?$")
# 作为 before a body and its post: the clause that opens a sentence about a person
_AS_POST = re.compile("(" + alternation(_CUES["post_as"]) + ")[^，,。；;]{2,28}$")
# a body's department between its name and a post: 办公室, 网络宣教和职工服务部 …
# characters that start the words after a post named after a name (某某副调研员带领|一行|到 …)
_AFTER_POST = set("".join(_CUES["after_post"]))
_COMMITTEES = frozenset(_CUES["body_committees"])
# characters that end a clause's word, not a body's name, before a bare 工会 post (由工会主席)
_FUNCTION_CHARS = frozenset("".join(_CUES["function_chars"]))
# posts of a government that name their body themselves (副市长): not the listed one's
_GOVERNMENT_POSTS = frozenset(_CUES["government_posts"])
# a kind word standing alone for the body of that kind named before (集团党委书记)
_BODY_ANAPHOR = re.compile(
    r"(?<![\u4e00-\u9fff])(?:" + alternation(_CUES["body_anaphors"], longest_first=True) + ")$"
)
# a name (and the names listed after it) elected to a post of the bare 工会 or 总工会, or
# to a bare post (甲当选总工会主席，乙、丙当选副主席)
_ELECTED = re.compile(
    r"(?:、[\u4e00-\u9fff]{2,3})*(?:同志)?(?:"
    + alternation(_CUES["election_verbs"], longest_first=True)
    + r")(?P<union>总?工会)?(?P<post>[\u4e00-\u9fff]{1,16}?)(?=[，,。；;、]|$)"
)
# the posts a name may be elected to with no body named (甲当选副主席): the union's
_BARE_ELECTED = frozenset(_CUES["elected_bare_posts"])
# the term and committee between 工会 and the post (第一届委员会, 第一届经费审查委员会)
_TERM = re.compile(r"(?:第[一二三四五六七八九十\d]{1,3}届)?(?:[\u4e00-\u9fff]{0,6}委员会)?")
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{2,12}(?:" + alternation(_CUES["department_tails"]) + ")")


class HoldsPosition:
    """Finds the posts of the people of one document. ``titles``: post titles, longest
    first (the person step's, from data/titles.txt)."""

    def __init__(self, titles: list[str]):
        self.titles = titles

    def _title_ending(self, text: str) -> str | None:
        """The longest post title ``text`` ends with, if any."""
        return next((t for t in self.titles if text.endswith(t)), None)

    def __call__(self, ctx: DocContext, table: EntityTable, found: RelationSet) -> None:
        held: dict[int, Span] = {}  # a person's span → the body of its first post
        for s in ctx.of_type("Person"):
            if s.data.byline and s.data.body:
                org = table.get("Organization", s.data.body)
                if org:
                    found.relate(
                        "HOLDS_POSITION", table[s], org, s.start, s.end, title=s.data.title
                    )
            elif s.data.title_start is None:
                # 王某（某市总工会主席）, 王某，某市总工会主席，
                inside = (
                    self._post_in_brackets(ctx, s)
                    or self._post_after_comma(ctx, s)
                    or self._post_before_comma(ctx, s)
                    or self._post_around(ctx, s)
                    or self._elected(ctx, s)
                )
                if inside is not None:
                    body, title = inside
                    found.relate(
                        "HOLDS_POSITION", table[s], table[body], s.start, body.end, title=title
                    )
                else:
                    self._shared_post(ctx, table, found, s, held)
            elif self._body_before(ctx, s.data.title_start) is None:
                self._post_of_list(ctx, table, found, s, s.data.title_start, held)
            else:
                self._posts_before(ctx, table, found, s, s.data.title_start, held)

    def _shared_post(
        self,
        ctx: DocContext,
        table: EntityTable,
        found: RelationSet,
        s: Span,
        held: dict[int, Span],
    ) -> None:
        """A bare name listed with 、 right after a titled one shares its post
        (某市总工会副主席甲、乙): the same body and title."""
        if ctx.text[s.start - 1 : s.start] != "、" or s.data.byline:
            return
        prev = ctx.spans_ending_at(s.start - 1, ("Person",))
        p = next((p for p in prev if id(p) in held and p.data.title), None)
        if p is None:
            return
        body = held[id(p)]
        found.relate("HOLDS_POSITION", table[s], table[body], s.start, s.end, title=p.data.title)
        held[id(s)] = body
        s.data.title = p.data.title  # the next name of the list shares it too

    def _post_of_list(
        self,
        ctx: DocContext,
        table: EntityTable,
        found: RelationSet,
        s: Span,
        pos: int,
        held: dict[int, Span],
    ) -> None:
        """A title with no body right before it: the body of the name listed before
        (某市总工会党组书记、常务副主席甲，副主席乙), else of the first post of the chain
        (某镇党委委员、某某组织书记甲)."""
        person, title = table[s], s.data.title
        body = None if title in _GOVERNMENT_POSTS else self._listed_body(ctx, pos, held)
        if body is not None:
            found.relate("HOLDS_POSITION", person, table[body], s.start, s.end, title=title)
            held[id(s)] = body
            return
        union = self._union_before_comma(ctx, pos, title)
        named = (union, union.start) if union is not None else self._named_before(ctx, pos)
        if named is not None:
            body, start = named
            found.relate("HOLDS_POSITION", person, table[body], start, s.end, title=title)
            held[id(s)] = body
            return
        first = self._chain_post(ctx, pos)
        if first is not None:
            body, first_title = first
            found.relate(
                "HOLDS_POSITION", person, table[body], body.start, s.end, title=first_title
            )
            held[id(s)] = body
            union = self._bare_union(ctx, pos, title, body)
            if union is not None:
                found.relate("HOLDS_POSITION", person, table[union], body.start, s.end, title=title)
            return
        own = self._own_union(ctx, pos, title)
        if own is not None:
            found.relate("HOLDS_POSITION", person, table[own], s.start, s.end, title=title)
            held[id(s)] = own

    @staticmethod
    def _own_union(ctx: DocContext, pos: int, title: str | None) -> Span | None:
        """The union a bare union post names (会议由工会主席甲主持, 公司工会主席乙): with
        nothing but a kind word (``[body_anaphors]``: 公司, 集团) or nothing before 工会,
        the one enterprise union the article names, when it names exactly one."""
        if not title or not title.startswith("工会"):
            return None
        before = ctx.text[max(pos - 2, 0) : pos]
        if (
            re.search(r"[\u4e00-\u9fff]$", before)
            and before[-1] not in _FUNCTION_CHARS
            and not _BODY_ANAPHOR.search(before)
        ):
            return None  # a word before 工会 that is no kind word names some other body
        a_start, a_end = ctx.article_span(pos)
        key = ("one_enterprise_union", a_start, ctx.type_version.get("TradeUnion", 0))
        if key not in ctx.memo:  # once per article, not once per post
            unions = {
                u.key: u
                for u in ctx.spans_in(a_start, a_end, ("TradeUnion",))
                if u.data.level == "enterprise"
            }
            ctx.memo[key] = next(iter(unions.values())) if len(unions) == 1 else None
        return ctx.memo[key]

    def _clause_of_posts(self, ctx: DocContext, comma: int) -> tuple[Span, str] | None:
        """The body and posts of a clause that is nothing but a body and its chain of posts,
        ending at ``comma`` (the clause before a body's post and a name: 某区人大常委会党组
        副书记、副主任，区总工会主席甲)."""
        start = ctx.clause_start(comma)
        bodies = [
            b
            for b in ctx.spans_in(start, start + 1, ("TradeUnion", "Organization"))
            if b.start == start
        ]
        if not bodies or ctx.spans_in(start, comma, ("Person",)):
            return None
        body = max(bodies, key=lambda b: b.end)
        posts = ctx.text[body.end : comma]
        parts = posts.split("、")
        if not posts or not all(p and self._title_ending(p) for p in parts):
            return None
        return body, posts

    @staticmethod
    def _bare_union(ctx: DocContext, pos: int, title: str | None, body: Span) -> Span | None:
        """The union a bare 总工会 or 工会 in a chain of posts names (县人大常委会副主任、
        总工会主席甲): the place's general union that opens the chain's first body names,
        when the document names it."""
        if not title or not title.startswith("工会"):
            return None
        cut = ctx.text.rfind("、", body.end, pos)
        if cut < 0 or ctx.text[cut + 1 : pos] not in ("", "总"):
            return None
        unions = ctx.memo.get("general_unions")
        if unions is None:  # (place, its general union), longest place first; once per document
            first: dict[str, Span] = {}
            for u in ctx.of_type("TradeUnion"):
                if u.data.place and u.key == u.data.place + "总工会":
                    first.setdefault(u.data.place, u)
            unions = ctx.memo["general_unions"] = sorted(first.items(), key=lambda x: -len(x[0]))
        return next((u for place, u in unions if body.key.startswith(place)), None)

    def _posts_before(
        self,
        ctx: DocContext,
        table: EntityTable,
        found: RelationSet,
        s: Span,
        pos: int,
        held: dict[int, Span],
    ) -> None:
        """The body right before the title, and up to two more posts listed before it
        (平湖市政协副主席、市总工会主席许静)."""
        person, title = table[s], s.data.title
        for _ in range(3):
            body = self._body_before(ctx, pos)
            if body is None:
                break
            held.setdefault(id(s), body)
            found.relate("HOLDS_POSITION", person, table[body], body.start, s.end, title=title)
            if ctx.text[body.start - 1 : body.start] in "，,":
                first = self._clause_of_posts(ctx, body.start - 1)
                if first is not None:  # 某区人大常委会副主任，区总工会主席甲
                    found.relate(
                        "HOLDS_POSITION",
                        person,
                        table[first[0]],
                        first[0].start,
                        s.end,
                        title=first[1],
                    )
                break
            if ctx.text[body.start - 1 : body.start] != "、":
                break
            m = re.search(
                r"([\u4e00-\u9fff]{1,8})、$", ctx.text[max(0, body.start - 9) : body.start]
            )
            if not m:
                break
            prev_title = self._title_ending(m.group(1))
            if not prev_title:
                break
            pos = body.start - 1 - len(prev_title)
            # 某省总工会副主席、: the title 工会副主席 reaches into the body's name; the
            # post is what follows the body (副主席)
            inner = [
                b.end
                for b in ctx.spans_in(pos - ctx.max_span, pos + 1, ("TradeUnion", "Organization"))
                if b.start < pos < b.end < body.start - 1
            ]
            if inner:
                pos = max(inner)
                prev_title = ctx.text[pos : body.start - 1]
            pos, title = self._chain_back(ctx, pos, prev_title)

    def _chain_back(self, ctx: DocContext, pos: int, title: str) -> tuple[int, str]:
        """The start and the whole chain of posts of one body that ends with ``title`` at
        ``pos`` (某省总工会党组成员、副主席、某产业工会主席: 党组成员、副主席)."""
        for _ in range(3):
            if ctx.text[pos - 1 : pos] != "、" or ctx.spans_ending_at(
                pos - 1, ("TradeUnion", "Organization")
            ):
                break
            before = ctx.text[max(0, pos - 9) : pos - 1]
            prev = self._title_ending(before)
            if prev is None:
                break
            pos, title = pos - 1 - len(prev), prev + "、" + title
        return pos, title

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
    def _union_before_comma(ctx: DocContext, pos: int, title: str | None) -> Span | None:
        """The union named right before a comma that a union's own post follows: 某某联合
        工会，工会主席王某 (the post names 工会, the union is the one just named)."""
        if not title or not title.startswith("工会") or ctx.text[pos - 1 : pos] not in "，,":
            return None
        unions = ctx.spans_ending_at(pos - 1, ("TradeUnion",))
        return max(unions, key=lambda u: u.end - u.start) if unions else None

    @staticmethod
    def _named_before(ctx: DocContext, pos: int) -> tuple[Span, int] | None:
        """The organisation a bare kind word right before the title at ``pos`` stands for:
        the last one of the article before it whose name ends in that word (某某控股集团 …
        集团党委书记、董事长王某)."""
        m = _BODY_ANAPHOR.search(ctx.text, max(0, pos - 4), pos)
        if m is None:
            return None
        a_start = ctx.article_span(pos)[0]
        for o in ctx.iter_spans(a_start, m.start(), ("Organization",), reverse=True):
            if o.key.endswith(m.group(0)) and o.end <= m.start():
                return o, m.start()
        return None

    def _chain_post(self, ctx: DocContext, title_start: int) -> tuple[Span, str] | None:
        """The body and post that open a chain of posts ending at ``title_start`` when the
        last post names no body: ``<body><title>、…<title><name>`` (the clause's first
        post, up to 20 characters back)."""
        text = ctx.text
        lo = max(ctx.sentence_of(title_start)[0], title_start - 20)
        cut = text.rfind("、", lo, title_start)
        # only post words stand between (quotes allowed: 镇“两新”组织书记): no other
        # punctuation, no bracket, no other person
        if cut < 0 or not re.fullmatch(r"[\u4e00-\u9fff“”‘’\"]*", text[cut + 1 : title_start]):
            return None
        if ctx.spans_in(cut + 1, title_start, ("Person",)):
            return None
        before = text[max(lo, cut - 8) : cut]
        # the longest title the body closes (工会副主席 is a title, but 某局工会 is the body)
        for title in (t for t in self.titles if before.endswith(t)):
            # and the posts of that body listed before it (党组副书记、副主席、…)
            p, chain = self._chain_back(ctx, cut - len(title), title)
            body = self._body_before(ctx, p)
            if body is not None and (body.end == p or text[body.end : p] in _COMMITTEES):
                return body, chain
        return None

    def _listed_body(self, ctx: DocContext, title_start: int, held: dict[int, Span]) -> Span | None:
        """The body of the person named right before a post title that follows a comma
        or 、 (…常务副主席甲，副主席乙): the post is in the same body."""
        if ctx.text[title_start - 1 : title_start] not in ("，", "、", ",") or title_start < 2:
            return None
        for p in ctx.spans_ending_at(title_start - 1, ("Person",)):
            if id(p) in held:
                return held[id(p)]
        return None

    def _post_after_comma(self, ctx: DocContext, s: Span) -> tuple[Span, str] | None:
        """A body and a post right after a name, set off by a comma or joined by a verb of
        holding a post: 王某，某市总工会女职工部部长，…; 王某担任某区总工会副主席 (the post
        ends the clause, or a 、 chain of posts of that body: 党组书记、常务副主席)."""
        lead = re.match(_POST_LINK, ctx.text[s.end : s.end + 8])
        if lead is None and ctx.text[s.end : s.end + 1] == "为":
            # 大会选举王某为某市总工会主席: appointed or elected to the post after 为
            lo = max(s.start - 4, 0)
            if _APPOINTED.search(ctx.text, lo, s.start):
                lead = re.match("为", ctx.text[s.end : s.end + 1])
        if lead is None:
            return None
        start = s.end + lead.end()
        bodies = ctx.spans_in(start, start + 1, ("TradeUnion", "Organization"))
        if not bodies:
            return None
        body = max(bodies, key=lambda b: b.end)
        m = re.match(
            r"[\u4e00-\u9fff]{1,16}?(?=[，,。；;、]|$)", ctx.text[body.end : body.end + 17]
        )
        if not m:
            return None
        post = m.group(0)
        title = self._title_ending(post)
        if title is None:
            return None
        between = post[: -len(title)]
        if between and not _DEPARTMENT.fullmatch(between):
            return None
        if self._next_person_titled(ctx, body.end + len(post)):
            return None  # 甲，某区人大常委会副主任、区总工会主席乙: the posts are 乙's
        return body, post

    @staticmethod
    def _next_person_titled(ctx: DocContext, pos: int) -> bool:
        """Whether a chain of posts going on at ``pos`` (、…) ends in a person's name in
        its clause: the posts before are that person's."""
        if ctx.text[pos : pos + 1] != "、":
            return False
        s_end = ctx.sentence_of(pos)[1]
        end = min([s_end] + [i for c in CLAUSE_MARKS if (i := ctx.text.find(c, pos, s_end)) >= 0])
        return any(p.data.title_start is not None for p in ctx.spans_in(pos, end, ("Person",)))

    def _elected(self, ctx: DocContext, s: Span) -> tuple[Span, str] | None:
        """A post a name is elected to in the union the report is about, named by the bare
        word 工会 or 总工会 or by the post alone (甲、乙同志当选为工会第一届委员会副主席,
        丙当选副主席): the last union named before."""
        m = _ELECTED.match(ctx.text, s.end)
        if m is None:
            return None
        post = m.group("post")
        title = self._title_ending(post)
        if not m.group("union") and post not in _BARE_ELECTED:
            return None  # 当选全国劳动模范: an honour, no post
        if title is None or not _TERM.fullmatch(post[: -len(title)]):
            return None
        a_start = ctx.article_span(s.start)[0]
        union = next(ctx.iter_spans(a_start, s.start, ("TradeUnion",), reverse=True), None)
        return (union, title) if union is not None else None

    def _post_before_comma(self, ctx: DocContext, s: Span) -> tuple[Span, str] | None:
        """A body and a post in an 作为 clause right before the name: 作为某市总工会副主席，王某…"""
        if ctx.text[s.start - 1 : s.start] not in ("，", ","):
            return None
        lo = ctx.sentence_of(s.start)[0]
        m = _AS_POST.search(ctx.text, max(lo, s.start - 30), s.start - 1)
        if m is None or m.end() != s.start - 1:
            return None
        bodies = ctx.spans_in(m.end(1), m.end(1) + 1, ("TradeUnion", "Organization"))
        if not bodies:
            return None
        body = max(bodies, key=lambda b: b.end)
        post = ctx.text[body.end : s.start - 1]
        title = self._title_ending(post)
        between = post[: -len(title)] if title else None
        if title is None or (between and not _DEPARTMENT.fullmatch(between)):
            return None
        return body, post

    def _post_around(self, ctx: DocContext, s: Span) -> tuple[Span, str] | None:
        """A body right before a name and the post right after it: 某市总工会王某副调研员."""
        bodies = ctx.spans_ending_at(s.start, ("TradeUnion", "Organization"))
        if not bodies:
            return None
        after = ctx.text[s.end : s.end + 12]
        vice = "副" if after.startswith("副") else ""
        title = next((t for t in self.titles if after.startswith(t, len(vice))), None)
        if title is None:
            return None
        title = vice + title
        nxt = after[len(title) : len(title) + 1]
        if re.match(r"[\u4e00-\u9fff]", nxt) and nxt not in _AFTER_POST:
            return None  # the title goes on into another word
        return max(bodies, key=lambda b: b.end - b.start), title

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
