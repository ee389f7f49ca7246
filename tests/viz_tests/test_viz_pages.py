"""viz without a browser: the written pages, lookups, file names, escaping, large graphs."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser

import pytest

import viz
from viz.graphdata import LARGE_GRAPH_NODES, node_years, year_of
from viz.templates import safe_href, script_json


class _Tags(HTMLParser):
    """Start tags as a browser's tokenizer sees them (script bodies are not parsed)."""

    def __init__(self, text):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def named(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]


def test_public_api_is_exported():
    for name in ["render_overview", "render_ego", "render_spread", "render_explorer", "write_maps"]:
        assert name in viz.__all__ and callable(getattr(viz, name))


# ------------------------------------------------------------------ escaping


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "<!-- x", "a & b > c", "\u2028\u2029", "平湖市总工会"],
)
def test_script_json_is_safe_inside_script_and_round_trips(value):
    text = script_json({"name": value})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == {"name": value}


def test_script_json_keeps_chinese_readable():
    assert "平湖市总工会" in script_json(["平湖市总工会"])


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:x",
        "https://cdn.example/x.html",
        "//evil.example/x",
        "data:text/html,x",
        "a\\b.html",
        "a\nb.html",
        "",
    ],
)
def test_unsafe_links_are_refused(href):
    with pytest.raises(viz.InvalidOptionError):
        safe_href(href)


def test_relative_links_are_percent_encoded():
    assert safe_href("spread-连心舱-1a2b.html") == "spread-%E8%BF%9E%E5%BF%83%E8%88%B1-1a2b.html"


# --------------------------------------------------------------- the map set


def test_write_maps_writes_index_overview_and_one_spread_map_per_programme(
    graph, tmp_path, read_page_data
):
    paths = viz.write_maps(graph, tmp_path / "maps")
    names = [p.name for p in paths]
    assert names[:2] == ["index.html", "overview.html"]
    spreads = names[2:]
    # 连心舱 is adopted in three places; 云履职 in one, so it gets no spread map.
    assert (
        len(spreads) == 1
        and spreads[0].startswith("spread-连心舱-")
        and spreads[0].endswith(".html")
    )
    assert all(p.parent == tmp_path / "maps" for p in paths)
    links = read_page_data(paths[0])["links"]
    assert {"text": "总览 Overview", "href": "overview.html"} in links
    assert any(link["text"].endswith("连心舱") for link in links)


def test_pages_reference_nothing_external(graph, tmp_path):
    paths = viz.write_maps(graph, tmp_path)
    paths.append(viz.render_ego(graph, "平湖市总工会", tmp_path / "ego.html"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        tags = _Tags(text)
        scripts = tags.named("script")
        assert len(scripts) == 3  # data block, vis-network, our runtime
        assert all("src" not in attrs for attrs in scripts)
        assert tags.named("link") == [] and tags.named("img") == [] and tags.named("iframe") == []
        for _tag, attrs in tags.tags:
            for value in attrs.values():
                assert not re.match(r"\s*(https?:)?//", value or ""), value
        assert "default-src 'none'" in text  # CSP: the browser itself refuses requests


@pytest.mark.parametrize("kind", ["explorer", "overview", "ego", "spread"])
def test_untrusted_text_never_appears_as_markup(evil_graph, xss_payload, tmp_path, kind):
    path = tmp_path / f"{kind}.html"
    if kind == "explorer":
        viz.render_explorer(evil_graph, path, {})
    elif kind == "overview":
        viz.render_overview(evil_graph, path, title="标题" + xss_payload)
    elif kind == "ego":
        viz.render_ego(evil_graph, "平湖市总工会" + xss_payload, path)
    else:
        viz.render_spread(evil_graph, "连心舱" + xss_payload, path)
    text = path.read_text(encoding="utf-8")
    assert "window.__pwned" in text  # the data is there ...
    assert "<script>window.__pwned" not in text  # ... but never as markup
    assert "<img" not in text
    tags = _Tags(text)
    assert len(tags.named("script")) == 3 and tags.named("img") == []
    assert text.count("</script>") == 3


def test_spread_file_names_are_safe(graph):
    G = graph.copy()
    for i, bad in enumerate(
        ["../../etc/passwd", "a/b\\c", "..", "CON", "<script>x</script>", "  "]
    ):
        nid = f"Programme:{bad}#{i}"
        G.add_node(nid, label="Programme", id=nid, name=bad, aliases=[], doc_ids=[])
        name = viz.spread_filename(G, nid)
        assert re.fullmatch(r"spread-[\w-]+-[0-9a-f]{8}\.html", name), name
        assert ".." not in name and "/" not in name and "\\" not in name


# ------------------------------------------------------------------- lookups


def test_ego_finds_by_id_name_and_alias(graph, tmp_path, read_page_data):
    for query in ["TradeUnion:平湖市总工会", "平湖市总工会", "平湖市总"]:
        path = viz.render_ego(graph, query, tmp_path / "ego.html")
        data = read_page_data(path)
        ids = {n["ukg"]["id"] for n in data["nodes"]}
        assert "TradeUnion:平湖市总工会" in ids and "Programme:连心舱" in ids


def test_ego_not_found_names_close_matches(graph, tmp_path):
    with pytest.raises(viz.NodeNotFoundError) as info:
        viz.render_ego(graph, "平湖总工会", tmp_path / "ego.html")
    assert info.value.matches[0] == "平湖市总工会"
    assert "平湖市总工会" in str(info.value)
    assert not (tmp_path / "ego.html").exists()


def test_ambiguous_name_lists_ids(graph, tmp_path):
    G = graph.copy()
    G.add_node(
        "Organization:平湖市总工会",
        label="Organization",
        id="Organization:平湖市总工会",
        name="平湖市总工会",
        aliases=[],
        doc_ids=[],
    )
    with pytest.raises(viz.AmbiguousNodeError) as info:
        viz.render_ego(G, "平湖市总工会", tmp_path / "ego.html")
    assert "Organization:平湖市总工会" in str(info.value)


@pytest.mark.parametrize("radius", [-1, 1.5, True, "2"])
def test_ego_rejects_bad_radius(graph, tmp_path, radius):
    with pytest.raises(viz.InvalidOptionError):
        viz.render_ego(graph, "平湖市总工会", tmp_path / "ego.html", radius=radius)


def test_spread_needs_a_programme_with_places(graph, tmp_path):
    with pytest.raises(viz.NodeNotFoundError):
        viz.render_spread(graph, "平湖市总工会", tmp_path / "s.html")  # a union, not a programme
    G = graph.copy()
    G.add_node(
        "Programme:空", label="Programme", id="Programme:空", name="空", aliases=[], doc_ids=[]
    )
    with pytest.raises(viz.NoAdoptionsError):
        viz.render_spread(G, "空", tmp_path / "s.html")


# ---------------------------------------------------------------- spread map


def test_spread_map_projects_coordinates(graph, tmp_path, read_page_data):
    data = read_page_data(viz.render_spread(graph, "Programme:连心舱", tmp_path / "s.html"))
    assert data["options"]["physics"]["enabled"] is False
    pos = {n["ukg"]["id"]: (n["x"], n["y"]) for n in data["nodes"] if not n.get("deco")}
    pinghu, changsha, street = (
        pos["Place:330482"],
        pos["Place:430100"],
        pos["Place:330482/当湖街道"],
    )
    assert pinghu[0] > changsha[0]  # Zhejiang east of Hunan
    assert pinghu[1] < changsha[1]  # further north is higher up (smaller y)
    assert street == pinghu  # no coordinates of its own: exactly on its parent's point
    marked = {n["ukg"]["id"]: n for n in data["nodes"] if not n.get("deco")}
    assert marked["Place:330482/当湖街道"]["ap"] is True  # ... and marked approximate
    assert marked["Place:330482/当湖街道"]["label"].startswith("≈")
    assert marked["Place:330482"]["ap"] is False
    assert all(n["fixed"] for n in data["nodes"])
    labels = {n["label"] for n in data["edges"]}
    # Old data without a basis is inferred; the path between the two places drawn on
    # one point has no length, and no label.
    assert labels == {"推断·邻近 +2年", ""}
    assert any(
        n.get("deco") and n["label"] == "江西省" for n in data["nodes"]
    )  # orientation labels
    years = [item["text"] for item in data["legend"]]
    assert years[:3] == ["2019", "2020", "2021"]


# ------------------------------------------------------------------- years


def test_year_definitions(graph):
    years = node_years(graph)
    assert years["Programme:连心舱"] == 2019  # ADOPTED_IN 2019
    assert (
        years["Place:430100"] == 2021
    )  # adopted / spread to in 2021, mentioned in a 2021 document
    assert years["TradeUnion:长沙市总工会"] == 2021  # from its document's date
    assert years["Place:330000"] is None  # only a gazetteer ancestor: undated, always shown
    assert year_of("2019-05-01") == 2019 and year_of(True) is None and year_of("n/a") is None


def test_explorer_payload_has_filters(graph, tmp_path, read_page_data):
    data = read_page_data(viz.render_explorer(graph, tmp_path / "index.html", {}))
    assert data["years"] == {"min": 2019, "max": 2022}
    assert [p[1] for p in data["provinces"]] == sorted(["浙江省", "湖南省"])
    assert [p[1] for p in data["programmes"]] == sorted(["云履职", "连心舱"])
    on = {t["key"]: t["on"] for t in data["types"]}
    assert on["Document"] is False and on["TradeUnion"] is True
    physics = data["options"]["physics"]
    assert physics["enabled"] is True and physics["stabilization"]["iterations"] == 200


# ------------------------------------------------------------- large graphs


@pytest.mark.slow
def test_large_explorer_uses_precomputed_positions(large_graph, tmp_path, read_page_data, capsys):
    assert large_graph.number_of_nodes() == 5000 > LARGE_GRAPH_NODES
    start = time.perf_counter()
    path = viz.render_explorer(large_graph, tmp_path / "index.html", {})
    seconds = time.perf_counter() - start
    data = read_page_data(path)
    assert data["options"]["physics"]["enabled"] is False
    assert data["layout"]["precomputed"] is True
    assert data["note"] and "5000" in data["note"]
    assert all(
        isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in data["nodes"]
    )
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 4900  # nodes do not pile up
    size = path.stat().st_size
    with capsys.disabled():
        print(f"\n[viz] 5,000-node explorer: {size / 1e6:.1f} MB written in {seconds:.1f} s")
    assert size < 20_000_000


def test_font_stacks_name_the_cjk_fonts_of_each_system_alike():
    import re

    from viz.style import FONT_FACE
    from viz.templates import static_text

    canvas = re.findall(r"'([^']+)'", FONT_FACE)
    css = re.search(r"body \{[^}]*font-family:([^;]+);", static_text("unionkg.css"), re.S)
    assert css
    assert re.findall(r'"([^"]+)"', css.group(1)) == canvas  # labels and text alike
    for font in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"):  # macOS, Windows, Linux
        assert font in canvas


def test_article_text_is_capped_per_article_and_per_page(graph, monkeypatch):
    from viz import sources

    monkeypatch.setattr(sources, "ARTICLE_CHARS", 10)
    monkeypatch.setattr(sources, "PAGE_TEXT_CHARS", 25)
    docs = ["doc-2019", "doc-2021", "doc-2022"]
    texts = {d: "甲" * 40 for d in docs}
    records = [
        {"doc_id": d, "articles": [{"start": 0, "end": 40, "title": f"T{d}", "date": None}]}
        for d in docs
    ]
    s = sources.Sources(graph, records, texts)
    out = s.payload([(d, 0) for d in docs], with_text=True)
    rows = [out["articles"][d]["0"] for d in docs]
    assert [r["title"] for r in rows] == [f"T{d}" for d in docs]
    assert [len(r.get("text", "")) for r in rows] == [10, 10, 5]  # 25 in all
    assert all(r["cut"] for r in rows)
    assert "25" in out["text_note"] and "1 articles" in out["text_note"]
    assert "text" not in s.payload([(docs[0], 0)], with_text=False)["articles"][docs[0]]["0"]
