"""Reported spread: a sentence that says a programme travelled from one place to another.

In: the Place spans (``data.level``), the TradeUnion spans (``data.place``), the
Programme spans, the entity table.
Out: :class:`~extract.records.ReportedPath` records (from place → to place, the
programme, the cue's class as ``kind`` and the sentence as evidence), and the starts of
the place spans a programme was learned *from*, which the ADOPTED_IN step passes over
(the place learned from did not adopt the programme by that sentence).

The cues and the direction each gives are in ``data/spread_cues.txt``:
甲学习借鉴乙…经验 (乙 → 甲), 甲…推广到乙 (甲 → 乙), 甲…在全省推广 (甲 → 甲's province),
由甲首创 (甲 → the other place of the sentence). A sentence without a programme with a
name of its own reports nothing: the path needs the programme it carried.
"""

from __future__ import annotations

import re

from .adopted_in import in_dateline
from .context import DocContext, Span
from .entities import EntityTable
from .records import Entity, ReportedPath
from .resources import alternation, load_sections

_CUES = load_sections("spread_cues.txt")


def _pairs(section: str) -> dict[str, str]:
    return dict(line.split() for line in _CUES[section])


_SOURCE_AFTER = _pairs("source_after")
_TARGET_AFTER = _pairs("target_after")
_SCOPE = _pairs("scope")
_ORIGIN = _pairs("origin")
_SCOPE_LEVEL = _pairs("scope_levels")
_SCOPE_WORD = "全(?P<scope>" + alternation(_SCOPE_LEVEL) + ")"
_CUE_RE = re.compile(
    "(?P<cue>"
    + alternation([*_SOURCE_AFTER, *_TARGET_AFTER], longest_first=True)
    + ")"
    + "|"
    + _SCOPE_WORD
    + "(?:"
    + alternation(_CUES["scope_fillers"])
    + ")*(?P<scue>"
    + alternation(_SCOPE, longest_first=True)
    + ")"
    "|由(?P<origin>[^，,。；;]{1,20}?)(?P<ocue>" + alternation(_ORIGIN) + ")"
)
_SCOPE_AFTER = re.compile(_SCOPE_WORD)
_MODEL_WORDS = re.compile(alternation(_CUES["model_words"]))
_CLAUSE_END = re.compile(r"[，,。；;！？!?]")


class _Found:
    """The places of the sentence, as (start, end, entity), and the sentence's programmes."""

    def __init__(self, ctx: DocContext, table: EntityTable, s_start: int, s_end: int):
        self.places: list[tuple[int, int, Entity]] = []
        for s in ctx.spans_in(s_start, s_end, ("Place", "TradeUnion")):
            ent = _place_entity(ctx, table, s)
            if ent is not None and not (s.type == "Place" and in_dateline(ctx.text, s)):
                self.places.append((s.start, s.end, ent))
        self.programmes = [
            p
            for p in ctx.spans_in(s_start, s_end, ("Programme",))
            if table.of(p) is not None and not p.data.optional
        ]

    def before(self, pos: int) -> tuple[int, int, Entity] | None:
        cands = [p for p in self.places if p[1] <= pos]
        return max(cands, key=lambda p: p[1]) if cands else None

    def after(self, pos: int, hi: int) -> list[tuple[int, int, Entity]]:
        """The first place in ``[pos, hi)`` with the places written right after it
        (嘉兴市平湖市), most local last; empty when there is none."""
        run: list[tuple[int, int, Entity]] = []
        for p in sorted(q for q in self.places if pos <= q[0] < hi):
            if run and p[0] > run[-1][1]:
                break
            if not run or p[0] == run[-1][1]:
                run.append(p)
        return run

    def programme(self, pos: int) -> Span | None:
        return min(self.programmes, key=lambda p: abs(p.start - pos), default=None)


def _place_entity(ctx: DocContext, table: EntityTable, s: Span) -> Entity | None:
    if s.type == "Place":
        return table.of(s)
    if not s.data.place or s.data.level == "enterprise":
        return None
    ps = ctx.first_span("Place", s.data.place)
    return table.of(ps) if ps is not None else None


def reported_paths(ctx: DocContext, table: EntityTable) -> tuple[list[ReportedPath], set[int]]:
    """The paths the text reports, and the starts of the places learned from."""
    out: dict[tuple[str, str, str], ReportedPath] = {}
    learned_from: set[int] = set()
    for m in _CUE_RE.finditer(ctx.text):
        s_start, s_end = ctx.sentence_of(m.start())
        found = _Found(ctx, table, s_start, s_end)
        prog = found.programme(m.start())
        if prog is None:
            continue
        ends = _ends(ctx, found, m, s_end)
        if ends is None:
            continue
        (src, src_starts), (dst_id, dst_name), kind = ends
        if src.id == dst_id:
            continue
        if m["cue"] in _SOURCE_AFTER or m["ocue"]:
            learned_from.update(src_starts)
        key = (table[prog].id, src.id, dst_id)
        if key not in out:
            out[key] = ReportedPath(
                table[prog], src.id, src.name, dst_id, dst_name, kind, ctx.evidence(m.start())
            )
    return list(out.values()), learned_from


def _clause_end(text: str, pos: int, s_end: int) -> int:
    m = _CLAUSE_END.search(text, pos, s_end)
    return m.start() if m else s_end


def _ends(ctx: DocContext, found: _Found, m: re.Match, s_end: int):
    """``((source entity, the starts of its spans), (target id, target name), kind)`` for
    one cue, or None."""
    text = ctx.text
    if m["scope"]:
        before = found.before(m.start())
        return _scoped(before, m["scope"], _SCOPE[m["scue"]])
    if m["ocue"]:
        src = found.after(m.start("origin"), m.end("origin"))
        if not src:
            return None
        others = [p for p in found.places if p not in src and p[2].id != src[-1][2].id]
        dst = min(others, key=lambda p: (p[0] < m.end(), -p[0]), default=None)
        if dst is None:
            return None
        return (src[-1][2], [p[0] for p in src]), (dst[2].id, dst[2].name), "originated"
    cue, here = m["cue"], found.before(m.start())
    clause = _clause_end(text, m.end(), s_end)
    there = found.after(m.end(), clause)
    if cue in _TARGET_AFTER:
        scope = _SCOPE_AFTER.match(text, m.end())
        if scope:
            return _scoped(here, scope["scope"], _TARGET_AFTER[cue])
        if here is None or not there:
            return None
        return (here[2], [here[0]]), (there[-1][2].id, there[-1][2].name), _TARGET_AFTER[cue]
    if here is None or not there or not _names_what(ctx, found, there[-1][1], clause):
        return None
    return (there[-1][2], [p[0] for p in there]), (here[2].id, here[2].name), _SOURCE_AFTER[cue]


def _names_what(ctx: DocContext, found: _Found, pos: int, clause: int) -> bool:
    """Whether what follows the source place in its clause names what was taken from it:
    a model word (经验, 做法, 模式) or the programme."""
    return bool(_MODEL_WORDS.search(ctx.text, pos, clause)) or any(
        pos <= p.start < clause for p in found.programmes
    )


def _scoped(before: tuple[int, int, Entity] | None, scope: str, kind: str):
    """The source before a 全省 / 全市 cue and its ancestor of that level (``scope``: 省,
    市, 区 or 县). A source named with that word (平湖市…在全市推广: a county-level city's
    own territory) is the scope itself: no path."""
    if before is None or before[2].name.endswith(scope):
        return None
    src = before[2]
    for anc in src.props.get("chain") or []:
        if anc.get("level") == _SCOPE_LEVEL[scope] and anc.get("id"):
            return (src, [before[0]]), (anc["id"], anc.get("name") or ""), kind
    return None
