"""Candidate step: facilities named after a person (某某劳模创新工作室, 某某调解工作室),
and service centres named after the zone or body they serve (某某合作区职工服务中心).

Runs after the person step, since it starts from the Person spans. A person's name, at
most 14 descriptive characters, then a tail of ``[person_named_tails]`` in
data/programme_names.txt make one programme named by the whole run; the guidelines count
such a studio as a named programme, while the family name inside it (劳模创新工作室) is
a generic facility. The shorter programmes inside the run give way to it
(:func:`extract.resolve.programme_over_inner`); the person stays a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import resolve
from .context import DocContext, Span, SpanData
from .resources import alternation, load_sections
from .segment import Tags

_NAMES = load_sections("programme_names.txt")
_STOP = "".join(_NAMES["name_stop_chars"])
_PLACE_TAILS = tuple(_NAMES["place_named_tails"])
_BODY_TAILS = tuple(_NAMES["body_named_tails"]) + _PLACE_TAILS
# the tag of the word after a name that makes the person act: no studio (model_tags.txt)
_TAGS = load_sections("model_tags.txt")
_ACTS = frozenset(_TAGS["facility_person_acts"])
_ACTS_JIEBA = frozenset(_TAGS["facility_person_acts_jieba"])
_TAILS = tuple(_NAMES["person_named_tails"])
# a place or a body between a name and a tail: the words between are a clause, not a name
_BODIES = ("Place", "Organization", "TradeUnion")
# conjunctions that join two nouns of a clause, never two words of a studio's name
_JOINS = "".join(_NAMES["facility_name_joins"])
# the marks around an item of a list (甲、乙和丙; a clause's start)
_LIST_MARKS = tuple("、，,：:；;和及与")
_AFTER_NAME = re.compile(
    rf"[\u4e00-\u9fff]{{0,14}}?(?:{alternation(_NAMES['person_named_tails'])})"
)


class PersonNamedFacilities:
    """Turns ``<person><descriptive words><studio tail>`` into one programme."""

    def __init__(
        self, word_tags: Tags | None = None, plausible: Callable[[str], bool] | None = None
    ):
        self.tags = word_tags or {}
        self.plausible = plausible
        """Whether a string is a plausible person's name (the person step's test): for
        the names in a list of studios that the person step does not read as names."""

    def _acts(self, ctx: DocContext, pos: int) -> bool:
        """Whether the word right after a name at ``pos`` is a verb (某某|参加): the person
        is a clause's subject. The model's tag, else jieba's in fast mode."""
        if ctx.model_words:
            word = ctx.model_word_at(pos)
            return word is not None and word.start == pos and word.label in _ACTS
        ends = [(ws, we) for ws, we in ctx.words_ending_in(pos, pos + 4) if ws == pos]
        return bool(ends) and self.tags.get(ctx.text[ends[0][0] : ends[0][1]]) in _ACTS_JIEBA

    def __call__(self, ctx: DocContext) -> None:
        text = ctx.text
        for p in ctx.of_type("Person"):
            if p.data.byline or p.data.credit or not ctx.alive(p):
                continue
            m = _AFTER_NAME.match(text, p.end)
            if m is None or any(c in _STOP for c in text[p.end : m.end()]):
                continue
            if self._acts(ctx, p.end):
                continue
            if any(c in _JOINS for c in text[p.end : m.end()]) or any(
                b.end <= m.end() for b in ctx.spans_in(p.end, m.end(), _BODIES)
            ):
                continue  # 甲一行赴某厂开展劳模创新工作室…, 甲及厂劳模创新工作室: a clause goes on
            inner = [s for s in ctx.spans_in(p.start, m.end(), ("Programme",)) if s.end <= m.end()]
            if any(s.start == p.start and not s.data.optional for s in inner):
                continue  # a tail rule already named the whole run
            name = text[p.start : m.end()]
            resolve.programme_over_inner(ctx, inner)
            ctx.add(Span("Programme", p.start, m.end(), name, SpanData(strong=True, tail=True)))
        if self.plausible is not None:
            self._listed(ctx, self.plausible)

    @staticmethod
    def _listed(ctx: DocContext, plausible: Callable[[str], bool]) -> None:
        """A list of studios each named by a person (甲劳模创新工作室、乙劳模创新工作室):
        a family of a studio tail found as such (the lexicon's 劳模创新工作室) right after a
        list mark, with a plausible name of two or three characters between, is that
        person's studio, although no cue made the name a person's."""
        text = ctx.text
        for fam in ctx.of_type("Programme"):
            if not (fam.data.lexicon and fam.data.optional) or not fam.key.endswith(_TAILS):
                continue
            if not text.startswith(_LIST_MARKS, fam.end) and fam.end < len(text):
                continue
            for size in (3, 2):
                start = fam.start - size
                if start < 1 or text[start - 1] not in _LIST_MARKS:
                    continue
                person = text[start : fam.start]
                if not plausible(person) or ctx.covered(start, fam.start):
                    continue
                resolve.programme_over_inner(ctx, [fam])
                ctx.add(
                    Span(
                        "Programme",
                        start,
                        fam.end,
                        person + fam.key,
                        SpanData(strong=True, tail=True),
                    )
                )
                break


class BodyNamedCentres:
    """Turns a model ORG word ``<zone or body><centre tail>`` into one programme.

    A service centre named by the area it serves (某某合作区职工服务中心) reads to the NER
    model as one organisation, and to the organisation rules as a body ending in 中心; the
    guidelines count it as a named union facility, with the generic family name
    (职工服务中心) as its alias. A division's own centre (某市职工服务中心) is the generic
    family, as the guidelines have it; a division's own academy (某省工匠学院) is an
    institution of its own. Tails: ``[body_named_tails]`` and ``[place_named_tails]`` in
    data/programme_names.txt.
    Nothing in fast mode, which has no model."""

    def __call__(self, ctx: DocContext) -> None:
        for w in ctx.model_entities("ORG"):
            name = ctx.text[w.start : w.end]
            tail = next((t for t in _BODY_TAILS if name.endswith(t)), None)
            if tail is None or len(name) < len(tail) + 2 or "工会" in name:
                continue
            head_end = w.end - len(tail)
            own = any(
                p.start == w.start and p.end == head_end
                for p in ctx.spans_in(w.start, head_end, ("Place",))
            )
            if own != (tail in _PLACE_TAILS):
                # a division's own centre (某市职工服务中心) is the generic family; an academy
                # is named by its division (某省工匠学院), else it is a kind (劳模工匠学院)
                continue
            inner = [
                s
                for s in ctx.spans_in(w.start, w.end, ("Organization", "Programme"))
                if s.start >= w.start and s.end <= w.end
            ]
            resolve.programme_over_inner(ctx, inner)
            data = SpanData(aliases=[tail], strong=True, tail=True)
            ctx.add(Span("Programme", w.start, w.end, name, data))
