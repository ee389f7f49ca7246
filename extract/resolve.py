"""Resolve: the only module that removes or merges spans (a test holds it so:
tests/extract_tests/test_pipeline_steps.py).

Two kinds of named rules:

- rules a candidate step applies as it goes, because a later candidate rule reads what
  they leave: a town's name over the division short forms inside it
  (:func:`town_over_short_forms`, :func:`town_core_over_short_forms`,
  :func:`replace_place`), a body's brand over a division short form in it
  (:func:`brand_short_form`), a known programme's name over the shorter ones inside it
  (:func:`programme_over_inner`);
- the resolve step (:class:`Resolver`, run by extract/pipeline.py after the candidate
  steps and before the relations): inner places dropped, name variants merged.

A short place inside a person's name (纪清远 → 清远) or in the middle of a company's
name is no place mention; a union or organisation named once with places in front and
once without (山西大同铁路公安处工会, 大同铁路公安处工会) is one body, and so is a union
shortened to the first characters of its words (某省轻纺工会, 某省轻工纺织工会).
"""

from __future__ import annotations

import re
from collections import Counter

from .context import LIST_GAP, DocContext, Span
from .gazetteer import Gazetteer
from .resources import alternation, load_sections

# what a paper's publisher adds to its name (某某日报社, 某某日报报业集团)
_PAPER_HOUSES = tuple(load_sections("organizations.txt")["paper_institution_tails"])
# a company word after a place's short form shows the place (某某杭州分公司): places.txt
_BRANCH_AFTER = load_sections("places.txt")["body_after"]
# verbs of going right before a place: it is travelled to ([destination_words])
_DESTINATION = tuple(load_sections("places.txt")["destination_words"])
# the national agencies and papers ([news_outlets]): a place word in their names names none
_NATIONAL_OUTLET = re.compile(
    alternation(load_sections("organizations.txt")["news_outlets"], longest_first=True)
)

# -- rules the candidate steps apply as they go ----------------------------------------
# A later candidate step reads what these leave (a town's name blocks a short form, a
# body's name its brand), so the candidate steps call them at the point they apply; they
# are the only other places where spans are removed.


def town_over_short_forms(ctx: DocContext, inside: list[Span]) -> None:
    """A division's short form inside a town's name (凤凰 of 凤凰镇) is not the division:
    the town (places step, extract/towns.py) takes its place."""
    for s in inside:
        ctx.remove(s)


def town_core_over_short_forms(ctx: DocContext, start: int, end: int) -> None:
    """A division's short form inside the core of a town's name named alone later on
    (江东 inside 大江东) is not the division (places step, extract/towns.py)."""
    for s in [
        s
        for s in ctx.spans_in(start - ctx.max_span, end, ("Place",))
        if not s.data.full and s.data.adcode and start < s.end
    ]:
        ctx.remove(s)


def replace_place(ctx: DocContext, old: Span, new: Span) -> None:
    """``new`` stands where ``old`` stood: a division's short form that is the core of a
    town the article names in full is that town (平湖 beside 平湖街道; extract/towns.py)."""
    ctx.remove(old)
    ctx.add(new)


def brand_short_form(ctx: DocContext, place: Span) -> None:
    """A division's short form after the leading run of places of a body's name, unrelated
    to the run's last place, is a word of the brand (平湖/嘉禾/光电科技有限公司: not 嘉禾县;
    orgs step, ``OrgFinder._name_places``)."""
    ctx.remove(place)


def programme_over_inner(ctx: DocContext, inner: list[Span]) -> None:
    """A programme named by a longer run takes the place of the spans found inside it: the
    lexicon's 职工驿站 inside 某某职工驿站 (programmes step,
    ``ProgrammeFinder._unquoted_repeats``), the family inside a studio named after a person
    (``PersonNamedFacilities``), the organisation and family inside a service centre named
    by its zone (``BodyNamedCentres``)."""
    for s in inner:
        ctx.remove(s)


# -- the resolve step -----------------------------------------------------------------


class Resolver:
    """Drops inner places and merges name variants in a :class:`DocContext`."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, ctx: DocContext) -> None:
        self._drop_inner_places(ctx)
        self._drop_stray_short_forms(ctx)
        self._merge_variants(ctx)
        self._merge_bracketed_short_forms(ctx)
        self._merge_level_variants(ctx)
        self._merge_abbreviations(ctx)

    def _merge_abbreviations(self, ctx: DocContext) -> None:
        """A union named by the first characters of the two-character words of another
        union's name, after the same places (某省轻纺工会 for 某省轻工纺织工会: the usual way
        Chinese shortens a name) is that union."""
        spans = ctx.of_type("TradeUnion")
        short: dict[str, str] = {}  # an abbreviated form → the full name
        for key in dict.fromkeys(s.key for s in spans):
            if not key.endswith("工会") or key.endswith("总工会"):
                continue
            for i in range(2, len(key) - 5):
                middle = key[i:-2]
                if len(middle) % 2 == 0 and self._places_only(key[:i]):
                    short.setdefault(key[:i] + middle[::2] + "工会", key)
        for s in spans:
            full = short.get(s.key)
            if full is not None and full != s.key:
                s.data.aliases = [*s.data.aliases, s.key]
                s.key = full

    def _merge_level_variants(self, ctx: DocContext) -> None:
        """Two names of one organisation or of its union that differ only by a level
        character after a place (某某宣城市分公司, 某某宣城分公司), or by 分 before 公司
        (某集团某某分公司工会, 某集团某某公司工会), or by a paper's publisher after its name
        (某某日报社, 某某日报), are one body: the first named keeps its name."""
        for t in ("Organization", "TradeUnion"):
            spans = ctx.of_type(t)
            names: set[str] = set()  # the names seen
            first: dict[str, str] = {}  # a shorter form → the first name seen that has it
            rename: dict[str, str] = {}
            for s in spans:
                if s.key in names:
                    continue
                # one name is the other less a character: 宜宾市总工会 and 宜宾县总工会,
                # each less its level character, are two bodies
                forms = self._level_free_forms(s.key)[1:]
                other = next((f for f in forms if f in names), None) or first.get(s.key)
                if other is not None:
                    rename[s.key] = other
                    continue
                names.add(s.key)
                for form in forms:
                    first.setdefault(form, s.key)
            for s in spans:
                if s.key in rename:
                    s.data.aliases = [*s.data.aliases, s.key]
                    s.key = rename[s.key]
            for p in ctx.of_type("Person"):
                if p.data.body in rename:
                    p.data.body = rename[p.data.body]  # a reporter's paper, by its new name

    def _level_free_forms(self, name: str) -> list[str]:
        """``name`` itself, ``name`` without one 市/县/区 that follows a place's short form,
        ``name`` with 公司 for 分公司, and a paper's name without its publisher's tail."""
        forms = [name]
        if "分公司" in name:
            forms.append(name.replace("分公司", "公司"))
        for tail in _PAPER_HOUSES:
            if name.endswith(tail) and name[: -len(tail)].endswith("报"):
                forms.append(name[: -len(tail)])  # 某某日报社 and 某某日报: one outlet
        for i, c in enumerate(name):
            if (
                c in "市县区"
                and i >= 2
                and any(self.gazetteer.candidates(name[j:i]) for j in range(max(0, i - 4), i - 1))
            ):
                forms.append(name[:i] + name[i + 1 :])
        return forms

    @staticmethod
    def _merge_bracketed_short_forms(ctx: DocContext) -> None:
        """A short form in brackets right after a body's full name names the same body
        (某某交通投资集团有限公司（某某交投集团）): its mentions take the full name."""
        rename: dict[tuple[str, str], str] = {}
        for t in ("Organization", "TradeUnion"):
            for full in ctx.of_type(t):
                if ctx.text[full.end : full.end + 1] not in ("（", "("):
                    continue
                for short in ctx.spans_in(full.end + 1, full.end + 2, (t,)):
                    if ctx.text[short.end : short.end + 1] in ("）", ")") and short.key != full.key:
                        rename[(t, short.key)] = full.key
        if not rename:
            return
        for s in ctx.spans:
            new = rename.get((s.type, s.key))
            if new is not None:
                if s.key not in s.data.aliases:
                    s.data.aliases = [*s.data.aliases, s.key]
                s.key = new

    def _merge_variants(self, ctx: DocContext) -> None:
        """山西大同铁路公安处工会 and 大同铁路公安处工会 are one body, and 某县某某行业职工技能
        竞赛 and 该县某某行业职工技能竞赛 one event: a name that is another name with places
        in front of it takes the longer form."""
        for t in ("TradeUnion", "Organization", "Programme"):
            spans = ctx.of_type(t)
            # every key by each of its proper endings of five characters or more: the longer
            # names of a key in one look-up, not a scan of all keys per span
            longer_of: dict[str, list[str]] = {}
            for k in dict.fromkeys(s.key for s in spans):
                for i in range(1, len(k) - 4):
                    longer_of.setdefault(k[i:], []).append(k)
            rename: dict[str, str] = {}
            for s in spans:
                longer = longer_of.get(s.key, [])
                for k in longer:
                    if len(s.key) >= 5 and self._places_only(k[: len(k) - len(s.key)]):
                        if len(k) > len(rename.get(s.key, s.key)):
                            rename[s.key] = k
                if (
                    t == "TradeUnion"
                    and s.key not in rename
                    and len(longer) == 1
                    and len(s.key) >= 6
                    and not s.data.place
                ):
                    # a union named once with its owner's short name and once without
                    # (某投集卡中心工会联合会, 集卡中心工会联合会): one union, when only one fits
                    rename[s.key] = longer[0]
            for s in spans:
                if s.key in rename:
                    s.key = rename[s.key]

    def _places_only(self, text: str) -> bool:
        """True when ``text`` is a run of division names, full or short (山西, 浙江金华)."""
        i = 0
        while i < len(text):
            step = next(
                (
                    n
                    for n in range(min(9, len(text) - i), 1, -1)
                    if self.gazetteer.candidates(text[i : i + n])
                ),
                0,
            )
            if not step:
                return False
            i += step
        return bool(text)

    def _drop_stray_short_forms(self, ctx: DocContext) -> None:
        """A county's short form (惠民, 滨海) in an article whose other places all lie in
        other provinces is a word, not the county (某某惠民工程 in a report from 贵州): only
        a full name or a place of its province makes it that county. So is a city's short
        form that stands only inside quotes (“安康守护”). One pass over the
        article's places (a count of the keys in each province, not a comparison of each
        key with every other)."""
        gaz = self.gazetteer
        for a_start, a_end in [(a.start, a.end) for a in ctx.articles] or [(0, len(ctx.text))]:
            mentions: dict[str, list[Span]] = {}
            provinces: dict[str, set[str]] = {}  # key -> provinces of its mentions
            for p in ctx.spans_in(a_start, a_end, ("Place",)):
                if not ctx.alive(p):
                    continue
                mentions.setdefault(p.key, []).append(p)
                code = p.data.adcode or p.data.parent
                prov = gaz.province_of(code) if code else None
                if prov is not None:
                    provinces.setdefault(p.key, set()).add(prov.adcode)
            keys_in: Counter[str] = Counter(prov for provs in provinces.values() for prov in provs)
            for key, spans in mentions.items():
                short = all(
                    (p.data.level == "county" or (p.data.level == "city" and _quoted(ctx, p)))
                    and not p.data.full
                    and p.data.adcode
                    for p in spans
                )
                own = provinces.get(key)
                # no other key places the article (provinces only this key's), or one shares
                # a province with it
                if not short or not own or len(provinces) < 2:
                    continue
                if any(keys_in[prov] > 1 for prov in own):
                    continue
                if any(self._destination(ctx, p) for p in spans):
                    continue  # 赴锦州和北戴河, 某地车务段工会: travelled to, or a union's place
                for p in spans:
                    ctx.remove(p)

    @staticmethod
    def _destination(ctx: DocContext, p: Span) -> bool:
        """Whether ``p`` follows a verb of going (赴, 到: places.txt [destination_words]),
        opens a union's name, or stands in a list of places (甲、乙和丙)."""
        if ctx.text.endswith(_DESTINATION, 0, p.start):
            return True
        if any(u.end > p.end for u in ctx.spans_in(p.start, p.start + 1, ("TradeUnion",))):
            return True  # 城固车务段工会: the place a union is named by
        before = [q for q in ctx.spans_ending_at(p.start - 1, ("Place",)) if q.key != p.key]
        after = [q for q in ctx.spans_in(p.end + 1, p.end + 2, ("Place",)) if q.key != p.key]
        return bool(
            (before and LIST_GAP.fullmatch(ctx.text[p.start - 1 : p.start]))
            or (after and LIST_GAP.fullmatch(ctx.text[p.end : p.end + 1]))
        )

    def _drop_inner_places(self, ctx: DocContext) -> None:
        """A short place name inside a person's name (纪清远 → 清远) or in the middle of a
        company name (玖玖华安出租车 → 华安) is not a place mention, unless a province or
        city names a branch (某某移动广西有限公司)."""
        for p in list(ctx.of_type("Place")):
            if p.data.full and len(p.key) > 2:
                continue
            if ctx.covered(p.start, p.end, ("Person",)):
                ctx.remove(p)
                continue
            if any(
                o.end >= p.end and _NATIONAL_OUTLET.fullmatch(o.key)
                for o in ctx.spans_in(p.start, p.start + 1, ("Organization",))
            ):
                ctx.remove(p)  # 光明日报: a national paper's name, no place in it
                continue
            for o in ctx.spans_in(p.start - ctx.max_span, p.start, ("Organization", "TradeUnion")):
                if p.end <= o.end:
                    # kept after another place, or as a province or city before a branch's
                    # tail (某某移动广西有限公司, 某某银行杭州分行: the branch of that place)
                    if not ctx.spans_ending_at(p.start, ("Place",)) and not (
                        p.data.level in ("province", "city")
                        and ctx.text.startswith(_BRANCH_AFTER, p.end)
                    ):
                        ctx.remove(p)
                    break


def _quoted(ctx: DocContext, p: Span) -> bool:
    """Whether ``p`` stands inside a pair of quotation marks (“某某守护”)."""
    text, lo = ctx.text, max(p.start - 24, 0)
    return (
        text.rfind("“", lo, p.start) > text.rfind("”", lo, p.start)
        and "”" in text[p.end : p.end + 24].split("“")[0]
    )
