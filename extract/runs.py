"""Relation step RUNS: a union runs a programme.

In: the Programme spans (``data.strong``, ``data.quoted``, ``data.lexicon``,
``data.optional``, set by programmes.py), the TradeUnion spans, the entity table.
Out: RUNS relations (union → programme), and for each programme that is an entity the
union the step settled on (:class:`ProgrammeUnion`, read by the ADOPTED_IN step).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import DocContext, Span
from .entities import EntityTable
from .outcomes import focus_union
from .programmes import LAUNCH_VERBS
from .relation_set import RelationSet
from .resources import alternation, load_sections

_JOINT = re.compile(r"共同|联合(?!会|工会)|携手|合作")
# verbs by which a union launches, runs or funds a programme (data/programme_cues.txt)
_RUN_VERBS = re.compile(
    alternation(LAUNCH_VERBS + load_sections("programme_cues.txt")["run"], longest_first=True)
)
# verbs of visitors looking at a programme (data/programme_cues.txt)
_VISIT_VERBS = re.compile(alternation(load_sections("programme_cues.txt")["visit"]))


@dataclass(frozen=True, slots=True)
class ProgrammeUnion:
    """A programme mention and the union that runs it (None: none found). The union is
    kept for a generic (optional) programme too, though it gets no RUNS relation."""

    programme: Span
    union: Span | None


def runs(ctx: DocContext, table: EntityTable, found: RelationSet) -> list[ProgrammeUnion]:
    """The union of each programme mention: the last union named before it in its
    sentence, else the first after it; with none in the sentence, the union the article
    is about, for a programme with a name of its own that no visitor looks at."""
    out = []
    for p in ctx.of_type("Programme"):
        if table.of(p) is None:
            continue
        prog = table[p]
        s_start, s_end = ctx.sentence_of(p.start)
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
            union = focus_union(ctx, *ctx.article_span(p.start))
            if union is not None and not _RUN_VERBS.search(ctx.text, s_start, p.start):
                union = None if p.data.lexicon else union
        if union is not None and not p.data.optional:
            found.relate("RUNS", table[union], prog, p.start, p.end)
            # 甲总工会与乙总工会共同建设…: every union listed with it acts together
            for other in _joint_unions(ctx, before, union, p):
                found.relate("RUNS", table[other], prog, p.start, p.end)
        out.append(ProgrammeUnion(p, union))
    return out


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
