"""Resolve: after the candidate steps, drop the spans that are part of another name and
merge the variants of one name (extract/pipeline.py runs it before relations).

A short place inside a person's name (纪清远 → 清远) or in the middle of a company's
name is no place mention; a union or organisation named once with places in front and
once without (山西大同铁路公安处工会, 大同铁路公安处工会) is one body.
"""

from __future__ import annotations

from .context import DocContext
from .gazetteer import Gazetteer


class Resolver:
    """Drops inner places and merges name variants in a :class:`DocContext`."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, ctx: DocContext) -> None:
        self._drop_inner_places(ctx)
        self._merge_variants(ctx)
        self._merge_bracketed_short_forms(ctx)
        self._merge_level_variants(ctx)

    def _merge_level_variants(self, ctx: DocContext) -> None:
        """Two names of one organisation that differ only by a level character after a
        place (某某宣城市分公司, 某某宣城分公司) are one body: the first named keeps its name."""
        spans = ctx.of_type("Organization")
        first: dict[str, str] = {}  # the name without the level character → the first name seen
        rename: dict[str, str] = {}
        for s in spans:
            for form in self._level_free_forms(s.key):
                if form in first and first[form] != s.key:
                    rename[s.key] = first[form]
                    break
            else:
                for form in self._level_free_forms(s.key):
                    first.setdefault(form, s.key)
        for s in spans:
            if s.key in rename:
                s.data.aliases = [*s.data.aliases, s.key]
                s.key = rename[s.key]

    def _level_free_forms(self, name: str) -> list[str]:
        """``name`` itself, and ``name`` without one 市/县/区 that follows a place's short form."""
        forms = [name]
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
        """山西大同铁路公安处工会 and 大同铁路公安处工会 are one body: a name that is another
        name with places in front of it takes the longer form."""
        for t in ("TradeUnion", "Organization"):
            spans = ctx.of_type(t)
            keys = {s.key for s in spans}
            rename: dict[str, str] = {}
            for s in spans:
                for k in keys:
                    if k != s.key and k.endswith(s.key) and len(s.key) >= 5:
                        if self._places_only(k[: len(k) - len(s.key)]) and len(k) > len(
                            rename.get(s.key, s.key)
                        ):
                            rename[s.key] = k
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

    def _drop_inner_places(self, ctx: DocContext) -> None:
        """A short place name inside a person's name (纪清远 → 清远) or in the middle of a
        company name (玖玖华安出租车 → 华安) is not a place mention."""
        for p in list(ctx.of_type("Place")):
            if p.data.full and len(p.key) > 2:
                continue
            if ctx.covered(p.start, p.end, ("Person",)):
                ctx.remove(p)
                continue
            for o in ctx.spans_in(p.start - ctx.max_span, p.start, ("Organization", "TradeUnion")):
                if p.end <= o.end:
                    if not ctx.spans_ending_at(p.start, ("Place",)):
                        ctx.remove(p)
                    break
