"""The extraction pipeline: one :class:`Extractor`, applied to one document at a time.

The steps, in order (docs/extraction.md draws them):

1. **context**: articles, sentences, the segmenter's words and, unless ``fast``, the
   NER model's words (:mod:`extract.ner`), in one :class:`~extract.context.DocContext`;
2. **candidates**: places, unions and organisations, programmes, people
   (``Extractor.steps``, GraphRAG-style ``(name, step)`` pairs), each adding spans
   with typed details (:class:`~extract.context.SpanData`); last, unless ``fast`` or
   ``learned=False``, the learned programme scorer (:mod:`extract.programme_model`);
3. **resolve** (:mod:`extract.resolve`, the only module that removes or merges spans):
   inner places dropped, name variants merged;
4. **entities** (:mod:`extract.entities`): one entity per type and canonical name;
5. **relations** (:mod:`extract.relations`): one step per type, located_in,
   holds_position, runs, adopted_in;
6. **outcomes** (:mod:`extract.outcomes`): figures and their subjects.

``Extractor()`` loads what it needs once per process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .articles import sentences, split_articles
from .context import DocContext
from .entities import EntityTable
from .gazetteer import load_gazetteer
from .headline import document_title
from .named_facilities import BodyNamedCentres, PersonNamedFacilities
from .ner import chunks, get_tagger
from .orgs import OrgFinder
from .outcomes import OutcomeFinder
from .people import PersonFinder
from .places import PlaceFinder
from .programme_model import ProgrammeModel
from .programmes import ProgrammeFinder
from .records import Article, Document, Extraction, Outcome
from .relations import MAX_EVIDENCE_PER_RELATION, RelationFinder
from .resolve import Resolver
from .segment import get_segmenter, load_dictionary

__all__ = ["Extractor", "MAX_EVIDENCE_PER_RELATION"]

log = logging.getLogger(__name__)


class Extractor:
    """Turns a :class:`Document` into an :class:`Extraction`. Build once, call per document.

    ``segmenter`` is ``"rjieba"`` or ``"jieba"`` (default: ``$UNIONKG_SEGMENTER``, else
    rjieba; see :mod:`extract.segment`). Word counts and tags come from jieba's
    dictionary whichever cuts. ``fast=True`` leaves out the statistical NER model
    (:mod:`extract.ner`): the rules alone propose names. In NER mode the learned
    programme scorer (:mod:`extract.programme_model`) runs after the rules;
    ``learned=False`` leaves it out (docs/extraction.md measures both)."""

    def __init__(self, segmenter: str | None = None, *, fast: bool = False, learned: bool = True):
        self.fast = fast
        self.tagger = None if fast else get_tagger()
        self.dictionary = load_dictionary()
        self.segmenter = get_segmenter(segmenter)
        freq = self.dictionary.freq
        tags = self.dictionary.tags
        self.gazetteer = load_gazetteer()
        self.people = PersonFinder(freq)
        self.steps: list[tuple[str, Callable[[DocContext], object]]] = [
            ("places", PlaceFinder(self.gazetteer, freq, tags)),
            ("orgs", OrgFinder(freq, self.gazetteer, tags)),
            ("programmes", ProgrammeFinder(freq, self.people.titles, tags)),
            ("people", self.people),
            ("named_facilities", PersonNamedFacilities(tags, self.people.plausible)),
            ("named_centres", BodyNamedCentres()),
        ]
        if learned and not fast:
            # the learned programme scorer: it reads the model's tags, so NER mode only
            self.steps.append(("programme_model", ProgrammeModel()))
        self.resolve = Resolver(self.gazetteer)
        self.relations = RelationFinder(self.people.titles)
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
        doc.headline = document_title(doc, doc.articles)
        ctx = DocContext(doc, text, doc.articles)
        seg = self.segmenter
        for a in doc.articles:
            for s, e in sentences(text, a.start, a.end, segmenter=seg):
                ctx.sent_starts.append(s)
                ctx.sent_ends.append(e)
            bounds = seg.bounds(text[a.start : a.end], a.start)
            ctx.boundaries.update(bounds)
            ctx.words.extend(zip(bounds, bounds[1:], strict=False))
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
        """Resolve the spans the candidate steps found, then make the entities, relations
        and outcomes of the document."""
        self.resolve(ctx)
        table = EntityTable.from_spans(ctx, self.gazetteer)
        relations, paths = self.relations(ctx, table)
        extraction = Extraction(ctx.doc)
        extraction.entities = table.in_order()
        extraction.relations = relations
        extraction.spread = paths
        seen = set()
        for o in self.outcomes(ctx):
            subj = table.of(o["subject"])
            if subj is None:
                if not o["subject"].data.optional:
                    continue
                # a generic facility counted by the figure (5家劳模创新工作室): reported,
                # marked optional, because the figure is about it
                subj = table.add(o["subject"])
                if subj not in extraction.entities:
                    extraction.entities.append(subj)
            ev = ctx.evidence(o["start"])
            key = (subj.id, o["value"], o["unit"], o["start"])
            if key in seen:
                continue
            seen.add(key)
            extraction.outcomes.append(
                Outcome(
                    subj,
                    o["value"],
                    o["unit"],
                    ctx.doc.text[o["start"] : o["end"]],
                    o["qualifier"],
                    ev,
                )
            )
        table.finish(extraction.entities, relations)
        return extraction
