"""extract/ as a declared pipeline of typed steps (issue 14, item 3): typed span details,
one named step per relation type, resolve the only step that removes spans.
Texts written for these tests (not taken from any source)."""

import ast
import dataclasses
from pathlib import Path

import pytest

from extract.adopted_in import adopted_in
from extract.context import Span, SpanData
from extract.entities import EntityTable
from extract.holds_position import HoldsPosition
from extract.located_in import located_in
from extract.records import Document
from extract.relation_set import RelationSet
from extract.runs import runs

EXTRACT = Path(__file__).resolve().parents[2] / "extract"

TEXT = (
    "本报讯 绍兴市总工会党组书记、常务副主席赵明远介绍，2023年绍兴市总工会在柯桥区"
    "启动“暖蜂驿站”建设，已建成12个。"
)


def test_span_details_are_declared_fields():
    s = Span("Place", 0, 2, "绍兴市")
    assert isinstance(s.data, SpanData)
    assert s.data.adcode is None and s.data.aliases == []
    with pytest.raises(AttributeError):
        s.data.adcod = "330600"  # type: ignore[attr-defined]  # slotted: a typo fails
    names = {f.name for f in dataclasses.fields(SpanData)}
    assert {"adcode", "level", "place", "kind", "optional", "title_start"} <= names


def _resolved(extractor, text):
    doc = Document(doc_id="t", text=text)
    ctx = extractor.context(doc)
    for _name, step in extractor.steps:
        step(ctx)
    extractor.resolve(ctx)
    return ctx, EntityTable.from_spans(ctx, extractor.gazetteer)


def test_relation_steps_each_give_their_type_and_together_the_finder_s(extractor):
    ctx, table = _resolved(extractor, TEXT)
    by_step = {}
    for name, step in [
        ("LOCATED_IN", located_in),
        ("HOLDS_POSITION", HoldsPosition(extractor.people.titles)),
    ]:
        found = RelationSet(ctx)
        step(ctx, table, found)
        by_step[name] = found.in_order()
    found = RelationSet(ctx)
    runners = runs(ctx, table, found)
    by_step["RUNS"] = found.in_order()
    found = RelationSet(ctx)
    adopted_in(ctx, table, found, runners)
    by_step["ADOPTED_IN"] = found.in_order()
    for rtype, rels in by_step.items():
        assert rels, rtype
        assert {r.type for r in rels} == {rtype}
    assert any(r.year == 2023 for r in by_step["ADOPTED_IN"])
    whole, paths = extractor.relations(ctx, table)
    assert paths == []  # the text reports no spread path
    assert sorted((r.type, r.head.id, r.tail.id) for r in whole) == sorted(
        (r.type, r.head.id, r.tail.id) for rels in by_step.values() for r in rels
    )
    assert [p.programme.key for p in runners] == ["暖蜂驿站"]


def _removers(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "remove"
        and isinstance(n.func.value, ast.Name)
        and n.func.value.id == "ctx"
    ]


def test_only_resolve_removes_spans():
    offenders = {
        p.name: _removers(p)
        for p in sorted(EXTRACT.glob("*.py"))
        if p.name != "resolve.py" and _removers(p)
    }
    assert not offenders, f"ctx.remove outside extract/resolve.py: {offenders}"
    assert _removers(EXTRACT / "resolve.py")


def test_one_list_of_news_outlets(run):
    """The outlets whose datelines name a place are organisations when named bare: one list
    (articles.NEWS_OUTLETS) for both."""
    from extract.articles import NEWS_OUTLETS

    outlet = NEWS_OUTLETS.split("|")[1]
    x = run(f"嘉兴市总工会启动“暖蜂驿站”建设。（{outlet}）")
    assert ("Organization", outlet) in {(e["type"], e["name"]) for e in x["entities"]}


def test_cue_words_of_a_national_launch_are_data():
    from extract.resources import load_sections

    assert "启动" in load_sections("programme_cues.txt")["national_launch"]
    assert "启动" not in (EXTRACT / "adopted_in.py").read_text(encoding="utf-8").split('"""')[-1]
