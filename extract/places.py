"""Place extractor: divisions from the national gazetteer, plus towns, streets and zones.

Rules, in order:
1. Every full official name in the gazetteer (平湖市, 广西壮族自治区) is a place.
   Short forms (浙江, 嘉兴, 平湖) count only when they start and end on jieba token
   boundaries and are not followed by a word that makes them part of a road, park,
   school or similar (中山路, 平湖公园). A two-character short form right after a
   surname that jieba cuts off alone (李/永康) or glues to one character before
   it (员张/德清) is a given name, unless a union or company word follows.
   In NER mode the model's words decide too: a short form it reads as a common word, or
   as part of one (商城/n, 新安理学/a, 惠/v|民生/n), is none; one it tags LOC needs no
   jieba word boundaries (吉林长春) and no other context, unless jieba tags it a common
   noun or direction (运河, 南部); inside a longer LOC word after no division of its
   chain it is none (徽州古城: no 古城区).
2. Overlaps: longest match first, then earliest (the SpanRuler rule), except a match
   that cuts across a division and one inside it (甘肃宁县: 甘肃 + 宁县, not 肃宁县).
3. Ambiguous names (朝阳区 in 北京 and in 长春, 鼓楼区 in five cities) take the candidate
   whose ancestor or descendant is named elsewhere in the article, then the document;
   else the higher-level, lower-adcode candidate.
4. Towns, streets and zones (织里镇, 当湖街道, 大江东产业集聚区) are found by their suffix
   with a two- to four-character name, accepted when a county or city is named right
   before them, when a union or government word follows, or when the name is not an
   ordinary word; they are attached to the nearest county named before them in the
   article. The name takes back what jieba cut off: when its last two characters begin
   inside a word, the name begins with that word (黄花岗/街道, 东光/港镇: the town, so
   not the county 东光县), or it is no town when that makes it longer than four
   characters; a one-character word before a two-character town or street name is its
   first character (北/七家/镇) unless it is a function word or a verb of place
   (在, 赴, 原). (extract/towns.py, one function per rule.)
"""

from __future__ import annotations

import ahocorasick

from .context import DocContext, Span, SpanData
from .gazetteer import Gazetteer, load_gazetteer, short_forms
from .resources import load_lines, load_sections
from .segment import FUNCTION_TAGS, Freq, Tags
from .towns import TownFinder

# a short form that is a common word (jieba frequency above this) is not taken alone
_MAX_FREQ = {"province": 10**9, "city": 800, "county": 150}
_DISTRICT_MAX_FREQ = 50
# what may follow a short form and show it is not the division itself
_PLACES = load_sections("places.txt")
_TAGS = load_sections("model_tags.txt")
_NOT_PLACE_AFTER = _PLACES["not_place_after"]
# a two-character short form right after a surname is a given name (李永康 is no 永康市).
# Surnames here: the 30 commonest of data/surnames.txt (a frequency list) and those jieba
# tags as a personal name (nr); not those it tags as a preposition, conjunction, adverb,
# pronoun, particle or interjection (于, 向, 曾, 何). Other surnames are ordinary words
# too often (合作方/深圳, 出租车/杭州).
_COMMON_SURNAMES = 30
# a paper's name after a short form (浙江日报, jieba's one word): the paper of that place;
# the media tails of organizations.txt but the bare 报 and 报社
_PAPER_TAILS = tuple(t for t in load_sections("organizations.txt")["media"] if t[0] != "报")
# a union or company word after the short form shows a place (车/杭州/分公司)
_BODY_AFTER = _PLACES["body_after"]
# the union words a segmenter may glue a level character to ([union_after]), and what after a
# short form that is also an ordinary word shows it is a place ([short_form_after])
_UNION_AFTER = tuple(_PLACES["union_after"])
_SHORT_FORM_AFTER = tuple(_PLACES["short_form_after"])


# the model's parts of speech of common words (商城/n, 新安理学/a), and jieba's tags of nouns
# (运河/n, 南部/f): see model_tags.txt
_COMMON_TAGS = frozenset(_TAGS["place_common_words"])
_NOUN_TAGS = frozenset(_TAGS["place_nouns"])


def _model_reading(ctx: DocContext, start: int, end: int) -> str | None:
    """How the NER model reads a short form at ``[start, end)``: ``"place"`` when it tags
    exactly these characters LOC, ``"word"`` when it reads them as a common word or cuts a
    common word across their edge, else None (also in fast mode)."""
    words = ctx.model_words_in(start, end)
    if not words:
        return None
    if len(words) == 1 and (words[0].start, words[0].end) == (start, end):
        w = words[0]
        return "place" if w.label == "LOC" else "word" if w.label in _COMMON_TAGS else None
    for w in (words[0], words[-1]):
        if (w.start < start or w.end > end) and w.label in _COMMON_TAGS:
            return "word"
    return None


class PlaceFinder:
    """Finds places in a document. Build once (the automaton covers ~7,000 names)."""

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        word_freq: Freq | None = None,
        word_tags: Tags | None = None,
    ):
        self.gaz = gazetteer or load_gazetteer()
        self.freq = word_freq or {}
        self.tags = word_tags or {}
        self.towns = TownFinder(self.freq, self.tags)
        self.auto = ahocorasick.Automaton()
        for surface, is_full in self.gaz.surfaces():
            self.auto.add_word(surface, (surface, is_full))
        self.auto.make_automaton()
        # the last characters of a province's short form that are a division's short form
        # too (黑龙江 → 龙江): in an article naming the province they stand for it
        self.province_tails = {
            short[k:]: d.adcode
            for d in self.gaz.divisions.values()
            if d.level == "province"
            for short in short_forms(d.name, d.level)
            for k in range(1, len(short) - 1)
            if self.gaz.short.get(short[k:])
        }
        # surnames: those jieba tags as one (丁, 李, 陈), and the commonest whatever their tag
        # (张, 刘, 黄), less those jieba knows as function words (于, 何)
        singles = [n for n in load_lines("surnames.txt") if len(n) == 1]
        self.surnames = {
            n
            for i, n in enumerate(singles)
            if (i < _COMMON_SURNAMES or self.tags.get(n) == "nr")
            and not (self.tags.get(n) or "").startswith(FUNCTION_TAGS)
        }

    def __call__(self, ctx: DocContext) -> None:
        text = ctx.text
        found: list[tuple[int, int, str, bool, bool]] = []
        for end, (surface, is_full) in self.auto.iter(text):
            start = end - len(surface) + 1
            end += 1
            if text[start - 1 : start] in "“「‘" and text[end : end + 1] in "”」’" and start:
                continue  # “安康”: a word in quotes, not a place
            weak = self._short_reading(ctx, start, end, is_full)
            if weak is None:
                continue
            found.append((start, end, surface, is_full, weak))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        taken = bytearray(len(text) + 1)  # 1 where a longer reading was chosen
        chosen = []
        by_start: dict[int, list] = {}
        by_end: dict[int, list] = {}
        for f in found:
            by_start.setdefault(f[0], []).append(f)
            by_end.setdefault(f[1], []).append(f)
        for f in found:
            if any(taken[f[0] : f[1]]) or self._split_chain(f, by_start, by_end):
                continue
            taken[f[0] : f[1]] = b"\x01" * (f[1] - f[0])
            chosen.append(f)
        chosen.sort()
        # a short form that is also an ordinary word (公安, 大同, 凤凰) needs context: another
        # place right before or after it, a list of places around it, or a union word after it
        strong = [f for f in chosen if not f[4]]
        for _ in range(2):
            edges = {f[0] for f in strong} | {f[1] for f in strong}
            by_edge: dict[int, list] = {}
            for g in strong:
                by_edge.setdefault(g[0], []).append(g)
                by_edge.setdefault(g[1], []).append(g)
            in_strong = set(strong)
            for f in chosen:
                if not f[4] or f in in_strong:
                    continue
                before, after = text[max(0, f[0] - 1) : f[0]], text[f[1] : f[1] + 3]
                touching = [
                    g
                    for g in by_edge.get(f[0], []) + by_edge.get(f[1], [])
                    if g[1] == f[0] or g[0] == f[1]
                ]
                near = (
                    any(self._related(g[2], f[2]) for g in touching)
                    or (before in "、" and f[0] - 1 in edges)
                    or (after[:1] in "、和" and f[1] + 1 in edges)
                    or after.startswith(_SHORT_FORM_AFTER)
                )
                if near:
                    strong.append(f)
        strong.sort()
        self._resolve(ctx, [f[:4] for f in strong])
        self.towns(ctx)

    def _split_chain(self, f, by_start: dict[int, list], by_end: dict) -> bool:
        """Whether the match ``f`` cuts across two that name a division and one inside it
        (甘肃宁县: 甘肃 + 宁县, not 肃宁县 of another province)."""
        for k in range(f[0] + 1, f[1] - 1):
            for h in by_start.get(k, ()):
                if h[1] == f[1] and any(
                    g[0] < f[0] and self._related(g[2], h[2]) for g in by_end.get(k, ())
                ):
                    return True
        return False

    def _name_tail(self, ctx: DocContext, start: int, end: int) -> bool:
        """True when the two-character short form at ``[start, end)`` is the given name of a
        person: a common surname stands right before it, alone as a jieba word or at the
        end of a two-character word jieba made up (李/永康, 员张/德清), and no union or
        company word follows."""
        if end - start != 2 or start < 1:
            return False
        text = ctx.text
        if text[start - 1] not in self.surnames:
            return False
        word = ctx.words_ending_in(start - 1, start)
        if not word or word[-1][1] != start:
            return False
        ws = word[-1][0]
        if ws < start - 2 or (ws == start - 2 and self.freq.get(text[ws:start])):
            return False  # 浙江/嘉兴, 出租车/杭州: the character ends a longer word
        return not text.startswith(_BODY_AFTER, end)

    def _short_reading(self, ctx: DocContext, start: int, end: int, is_full: bool) -> bool | None:
        """Whether the match at ``[start, end)`` is weak (a short form that is also an
        ordinary word: it needs other places around it), or None when it is no place.
        Full names of three characters or more are strong."""
        surface = ctx.text[start:end]
        if is_full and len(surface) > 2:
            return False
        reading = _model_reading(ctx, start, end)
        if reading != "place" and (
            start not in ctx.boundaries
            or (
                end not in ctx.boundaries
                and not ctx.text.startswith(_PAPER_TAILS, end)
                and not self._suffix_glued(ctx, end, is_full)
            )
        ):
            return None  # on jieba's word boundaries (浙江|日报 too), or the model's LOC word
        if ctx.text.startswith(_NOT_PLACE_AFTER, end):
            return None
        if not is_full and self._name_tail(ctx, start, end):
            return None
        if reading == "word" or (reading is None and self._inside_loc(ctx, start, end)):
            return None
        if ctx.text.startswith(_PAPER_TAILS, end):
            return False  # 桂林|日报: a paper named by its place names the place
        return not self._short_ok(surface, is_full) and not (
            reading == "place" and self.tags.get(surface) not in _NOUN_TAGS
        )

    def _suffix_glued(self, ctx: DocContext, end: int, is_full: bool) -> bool:
        """Whether the segmenter glued a full name's level character to the union after it
        (富|县总工会: a county of one character and its suffix), the character being no
        function word (某某和|县总工会: and the county's union)."""
        return (
            is_full
            and end - 1 in ctx.boundaries
            and ctx.text.startswith(_UNION_AFTER, end)
            and not (self.tags.get(ctx.text[end - 2]) or "").startswith(FUNCTION_TAGS)
        )

    def _inside_loc(self, ctx: DocContext, start: int, end: int) -> bool:
        """True when the model tags a longer place that holds the short form at ``[start,
        end)`` after characters that end no division of its chain (徽州古城/LOC: 古城 is the old
        town of the place before it, not 古城区; 浙江湖州/LOC: 湖州 is in 浙江)."""
        words = ctx.model_words_in(start, end)
        if len(words) != 1 or words[0].label != "LOC" or words[0].start >= start:
            return False
        w = words[0]
        surface = ctx.text[start:end]
        return w.end >= end and not any(
            self._related(ctx.text[k:start], surface) for k in range(w.start, start - 1)
        )

    def _related(self, a: str, b: str) -> bool:
        """True when some reading of ``a`` is an ancestor or descendant of some reading of ``b``."""
        g = self.gaz
        return any(
            g.is_ancestor(x, y) or g.is_ancestor(y, x)
            for x in g.candidates(a)
            for y in g.candidates(b)
        )

    def _short_ok(self, surface: str, is_full: bool) -> bool:
        """True when a short form (or a two-character full name such as 城区) is a place on
        its own: jieba does not know it as a word, tags it as a place, or it is rare."""
        cands = self.gaz.candidates(surface)
        if not cands:
            return False
        d = self.gaz.division(cands[0])
        freq = self.freq.get(surface, 0)
        if d.level == "county" and d.name.endswith("区") and not is_full:
            return len(cands) == 1 and freq <= _DISTRICT_MAX_FREQ
        if surface not in self.freq or self.tags.get(surface) == "ns" or d.level == "province":
            return True
        return freq <= _MAX_FREQ["county" if is_full else d.level]

    # -- divisions -----------------------------------------------------------------
    def _resolve(self, ctx: DocContext, chosen) -> None:
        gaz = self.gaz
        unamb_art: dict[int, set[str]] = {}
        unamb_doc: set[str] = set()
        for start, _end, surface, _full in chosen:
            cands = gaz.candidates(surface)
            if len(cands) == 1:
                unamb_art.setdefault(ctx.article_of(start), set()).add(cands[0])
                unamb_doc.add(cands[0])

        def related(code: str, pool: set[str]) -> bool:
            return any(
                c != code and (gaz.is_ancestor(c, code) or gaz.is_ancestor(code, c)) for c in pool
            )

        for start, end, surface, is_full in chosen:
            cands = gaz.candidates(surface)
            if not cands:
                continue
            code = cands[0]
            tail_of = self.province_tails.get(surface)
            if tail_of and tail_of in unamb_art.get(ctx.article_of(start), set()):
                cands = [tail_of]  # 龙江 in an article about 黑龙江: the province
                code = tail_of
            if len(cands) > 1:
                pool = unamb_art.get(ctx.article_of(start), set())
                best = [c for c in cands if related(c, pool)] or [
                    c for c in cands if related(c, unamb_doc)
                ]
                # the names right before (浙江湖州吴兴区) decide first
                prev = ctx.spans_ending_at(start, ("Place",))
                if prev:
                    best = [
                        c for c in cands if gaz.is_ancestor(prev[-1].data.adcode or "", c)
                    ] or best
                if best:
                    code = best[0]
            d = gaz.division(code)
            # a former name written in full (宜宾县 for today's 叙州区) is the report's name
            # for the division: kept as written, the division (adcode) the same
            key = surface if is_full and surface in gaz.former else d.name
            ctx.add(
                Span(
                    "Place",
                    start,
                    end,
                    key,
                    SpanData(adcode=d.adcode, level=d.level, surface=surface, full=is_full),
                )
            )

    # -- towns, streets, zones -----------------------------------------------------------
