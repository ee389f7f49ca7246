"""The evidence panel on the seeds (../shared/corpus/seeds), built as a build would
with the extraction records and the texts: the programme with the most evidence
names its articles by headline, lists each sentence once, and "show in article"
highlights the sentence in the article's text."""

from __future__ import annotations

from pathlib import Path

import pytest

import viz

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def seeds_explorer(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"no seeds corpus at {SEEDS}")
    from extract.reader import read_corpus
    from graph import build_graph
    from unionkg.api import extract

    docs = list(read_corpus(SEEDS))
    records = list(extract(docs))
    G = build_graph(records)
    texts = {d.doc_id: d.text for d in docs}
    out = tmp_path_factory.mktemp("seeds")
    index = viz.write_maps(G, out, records=records, texts=texts)[0]
    ranked = sorted(
        (n for n in G if G.nodes[n].get("label") == "Programme"),
        key=lambda n: -sum(len(d.get("evidence") or ()) for *_e, d in G.edges(n, data=True)),
    )
    # What a panel may head an article with: its headline, or (none found) its
    # opening words, never the document's id.
    heads = set()
    for r in records:
        for a in r["articles"]:
            line = next(
                x for x in texts[r["doc_id"]][a["start"] : a["end"]].splitlines() if x.strip()
            )
            heads.add(a.get("title") or viz.graphdata.clip(line.strip(), 40))
    return index, ranked[0], heads


def test_seeds_panel_by_headline_once_and_show_in_article(seeds_explorer, open_page):
    index, programme, titles = seeds_explorer
    opened = open_page(index)
    page = opened.page
    assert page.evaluate("(id) => window.unionkg.showNode(window.unionkg.idOf(id))", programme)
    panel = page.locator("#ukg-panel")
    heads = panel.locator(".ukg-headline").all_text_contents()
    assert heads and all(h in titles for h in heads), heads
    sentences = panel.locator(".ukg-sentence").all_text_contents()
    assert len(sentences) == len(set(sentences)) > 1
    first = panel.locator(".ukg-article").first
    sentence = first.locator(".ukg-sentence").first.text_content()
    first.locator(".ukg-open").first.click()
    viewer = page.locator("#ukg-viewer")
    assert viewer.locator(".ukg-viewer-title").text_content() == heads[0]
    assert "".join(viewer.locator("mark.ukg-hl").all_text_contents()) == sentence
    assert viewer.locator("mark.ukg-ent").count() > 0
    opened.assert_clean()
