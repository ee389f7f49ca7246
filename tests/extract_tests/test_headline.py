"""The Document title (issue 16, item 5): the metadata title, else the file's headline
line (the first non-empty line when it reads as a headline), else the headline of its
only article. It goes into ``source.title`` and the Document node, never into the
content hash. The texts are short ones written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.articles import split_articles
from extract.headline import document_title
from extract.records import Document
from extract.textnorm import to_simplified

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"

BODY = "某市总工会今年新建服务站点十二个,为户外劳动者提供饮水、休息和充电服务。"


def title_of(text: str, **kw) -> str:
    d = Document(doc_id="t", text=text, simplified=to_simplified(text), **kw)
    return document_title(d, split_articles(d))


@pytest.mark.parametrize(
    "text,expected",
    [
        (f"某市总工会:服务站点开进园区\n\n{BODY}\n", "某市总工会:服务站点开进园区"),
        (f"\n\n  某市服务站点全覆盖  \n\n{BODY}\n", "某市服务站点全覆盖"),
        # a date line above the headline is passed over
        (f"2023-05-12\n\n某区首批服务站点启用\n\n{BODY}\n", "某区首批服务站点启用"),
        # a body sentence first: no headline line, one article without a headline
        (f"{BODY}\n\n{BODY}\n", ""),
        # a section tag is not a headline
        (f"【工会动态】\n\n{BODY}\n", ""),
    ],
)
def test_the_headline_line_is_the_title(text, expected):
    assert title_of(text) == expected


def test_the_metadata_title_wins():
    assert title_of(f"某市服务站点全覆盖\n\n{BODY}", title="元数据标题") == "元数据标题"


def test_the_title_is_in_the_record_but_not_in_the_content_hash(extractor):
    text = f"某市总工会:服务站点开进园区\n\n{BODY}\n"
    d = Document(doc_id="t", text=text)
    plain_hash = d.sha256
    rec = extractor(d).to_json()
    assert rec["source"]["title"] == "某市总工会:服务站点开进园区"
    assert rec["source"]["sha256"] == plain_hash  # an unchanged rebuild still reuses it
    assert rec["articles"][0]["title"] == "某市总工会:服务站点开进园区"


def test_document_nodes_of_a_build_have_their_titles(built):
    """Every sample file starts with its headline (after a date line in one): its
    Document node carries it; the JSONL lines carry their title field."""
    from graph import open_store

    with open_store(built, read_only=True) as store:
        rows = store.query("MATCH (d:Document) RETURN d.id AS id, d.title AS title, d.name AS n")
    titles = {r["id"].split(":", 1)[1]: r for r in rows}
    for path in sorted(EXAMPLES.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        first = next(ln for ln in lines if any(c.isalpha() for c in ln))
        assert titles[path.stem]["title"] == first == titles[path.stem]["n"]
    for line in (EXAMPLES / "more_reports.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        assert titles[obj["id"]]["title"] == obj["title"]
