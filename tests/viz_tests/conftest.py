"""Fixtures for the viz tests: hand-built graphs (docs/graph-model.md) and a headless
Chromium that refuses every non-file request.

Browser tests skip when Playwright or Chromium is missing, except when the ``CI``
environment variable is set: then they fail, because CI must run them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

CHROMIUM = os.environ.get("UNIONKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]

XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"></script>'


# ------------------------------------------------------------------ graphs


def _ev(doc_id, sentence):
    return {"doc_id": doc_id, "sentence": sentence}


def make_graph(evil: str = "") -> nx.MultiDiGraph:
    """A small graph in the shape graph.build_graph produces.

    ``evil`` is appended to every name, alias, doc id, sentence and free text, to
    test that untrusted strings never run.
    """
    e = evil
    G = nx.MultiDiGraph()

    def node(label, key, name, **props):
        nid = f"{label}:{key}"
        props.setdefault("aliases", [])
        props.setdefault("doc_ids", [])
        G.add_node(nid, label=label, id=nid, name=name, **props)
        return nid

    def edge(u, v, etype, key=None, evidence=(), doc_ids=None, **props):
        ev = [dict(x) for x in evidence]
        docs = sorted({x["doc_id"] for x in ev}) if doc_ids is None else sorted(doc_ids)
        G.add_edge(u, v, key=key or etype, type=etype, doc_ids=docs, evidence=ev, **props)

    d1, d2, d3 = f"doc-2019{e}", f"doc-2021{e}", f"doc-2022{e}"
    doc1 = node(
        "Document",
        d1,
        f"平湖新闻{e}",
        doc_ids=[d1],
        path=f"corpus/{d1}.txt",
        title=f"平湖市总工会连心舱{e}",
        date="2019-05-01",
        sha256="0" * 64,
    )
    doc2 = node(
        "Document",
        d2,
        f"长沙新闻{e}",
        doc_ids=[d2],
        path=f"corpus/{d2}.txt",
        title=f"长沙推广连心舱{e}",
        date="2021-03-02",
        sha256="1" * 64,
    )
    doc3 = node(
        "Document",
        d3,
        f"云履职新闻{e}",
        doc_ids=[d3],
        path=f"corpus/{d3}.txt",
        title=f"云履职{e}",
        date="2022-07-01",
        sha256="2" * 64,
    )

    def place(code, name, level, lon, lat, docs=()):
        return node(
            "Place",
            code,
            name + e,
            level=level,
            adcode=code.split("/")[0][:6],
            lon=lon,
            lat=lat,
            aliases=[name[:-1] + e] if len(name) > 2 else [],
            doc_ids=sorted(docs),
        )

    zj = place("330000", "浙江省", "province", 120.152585, 30.266597)
    jx = place("330400", "嘉兴市", "city", 120.755486, 30.746129)
    ph = place("330482", "平湖市", "county", 121.015142, 30.677233, [d1, d3])
    dh = node(
        "Place",
        f"330482/当湖街道{e}",
        f"当湖街道{e}",
        level="street",
        adcode=None,
        lon=None,
        lat=None,
        doc_ids=[d1],
    )
    hn = place("430000", "湖南省", "province", 112.9836, 28.112743)
    cs = place("430100", "长沙市", "city", 112.938814, 28.228209, [d2])
    for child, parent in [(jx, zj), (ph, jx), (dh, ph), (cs, hn)]:
        edge(child, parent, "PART_OF")

    phu = node(
        "TradeUnion",
        f"平湖市总工会{e}",
        f"平湖市总工会{e}",
        aliases=[f"市总工会{e}", f"平湖市总{e}"],
        doc_ids=[d1, d3],
    )
    csu = node("TradeUnion", f"长沙市总工会{e}", f"长沙市总工会{e}", doc_ids=[d2])
    lxc = node(
        "Programme", f"连心舱{e}", f"连心舱{e}", aliases=[f"职工连心舱{e}"], doc_ids=[d1, d2]
    )
    ylz = node("Programme", f"云履职{e}", f"云履职{e}", doc_ids=[d3])
    xj = node("Person", f"许静@平湖市总工会{e}", f"许静{e}", optional=False, doc_ids=[d1])
    hrs = node("Organization", f"平湖市人社局{e}", f"平湖市人社局{e}", doc_ids=[d1])
    out = node(
        "Outcome",
        "1a2b3c",
        f"73起{e}",
        value=73.0,
        unit="起",
        text=f"73起{e}",
        qualifier="",
        doc_ids=[d1],
    )

    s_runs = f"平湖市总工会在全市推出“连心舱”服务阵地。{e}"
    edge(phu, lxc, "RUNS", evidence=[_ev(d1, s_runs)])
    edge(csu, lxc, "RUNS", evidence=[_ev(d2, f"长沙市总工会学习借鉴连心舱经验。{e}")])
    edge(phu, ylz, "RUNS", evidence=[_ev(d3, f"平湖市总工会上线云履职平台。{e}")])
    edge(
        xj,
        phu,
        "HOLDS_POSITION",
        key=f"HOLDS_POSITION|主席{e}",
        title=f"主席{e}",
        evidence=[_ev(d1, f"平湖市总工会主席许静介绍了连心舱。{e}")],
    )
    edge(
        xj,
        hrs,
        "HOLDS_POSITION",
        key="HOLDS_POSITION|顾问",
        title="顾问",
        evidence=[_ev(d1, f"许静兼任人社局顾问。{e}")],
    )
    edge(phu, ph, "LOCATED_IN", evidence=[_ev(d1, f"平湖市总工会位于平湖市。{e}")])
    edge(csu, cs, "LOCATED_IN", evidence=[_ev(d2, f"长沙市总工会位于长沙市。{e}")])
    edge(
        lxc,
        ph,
        "ADOPTED_IN",
        year=2019,
        date="2019-04-01",
        evidence=[_ev(d1, f"2019年，连心舱在平湖市率先建成。{e}")],
    )
    edge(
        lxc,
        dh,
        "ADOPTED_IN",
        year=2020,
        date=None,
        evidence=[_ev(d1, f"2020年当湖街道建成连心舱。{e}")],
    )
    edge(
        lxc,
        cs,
        "ADOPTED_IN",
        year=2021,
        date=None,
        evidence=[_ev(d2, f"2021年长沙市引入连心舱。{e}")],
    )
    edge(
        ylz,
        ph,
        "ADOPTED_IN",
        year=2022,
        date=None,
        evidence=[_ev(d3, f"2022年平湖市推行云履职。{e}")],
    )
    edge(
        lxc,
        out,
        "REPORTED",
        value=73.0,
        unit="起",
        text=f"73起{e}",
        evidence=[_ev(d1, f"连心舱累计化解劳动纠纷73起。{e}")],
    )
    edge(
        ph,
        cs,
        "SPREAD_TO",
        key=f"SPREAD_TO|{lxc}",
        programme=lxc,
        programme_name=f"连心舱{e}",
        from_year=2019,
        to_year=2021,
        kind="neighbour",
        lag=2,
        evidence=[_ev(d2, f"长沙市学习平湖市连心舱经验。{e}")],
    )
    edge(
        ph,
        dh,
        "SPREAD_TO",
        key=f"SPREAD_TO|{lxc}",
        programme=lxc,
        programme_name=f"连心舱{e}",
        from_year=2019,
        to_year=2020,
        kind="hierarchical",
        lag=1,
        evidence=[],
    )
    # MENTIONS: to every entity but Outcomes, no evidence (docs/graph-model.md).
    for doc, targets in [
        (doc1, [phu, lxc, xj, hrs, ph, dh]),
        (doc2, [csu, lxc, cs]),
        (doc3, [phu, ylz, ph]),
    ]:
        for t in targets:
            edge(doc, t, "MENTIONS", doc_ids=G.nodes[doc]["doc_ids"])
    return G


def make_large_graph(n_nodes: int = 5000, seed: int = 1) -> nx.MultiDiGraph:
    """A synthetic graph of ``n_nodes`` nodes with the model's labels and edge types."""
    import random

    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    labels = ["TradeUnion", "Programme", "Place", "Person", "Organization", "Outcome", "Document"]
    weights = [20, 10, 15, 20, 10, 10, 15]
    by_label: dict[str, list[str]] = {lab: [] for lab in labels}
    for i in range(n_nodes):
        lab = rnd.choices(labels, weights)[0]
        nid = f"{lab}:n{i}"
        props = {
            "label": lab,
            "id": nid,
            "name": f"{lab[:2]}节点{i}",
            "aliases": [],
            "doc_ids": [f"d{i % 300}"],
        }
        if lab == "Place":
            props.update(
                level="county",
                adcode=f"{rnd.choice([33, 43, 44, 11])}{i % 10000:04d}",
                lon=110 + rnd.random() * 10,
                lat=25 + rnd.random() * 10,
            )
        if lab == "Document":
            props.update(date=f"{2015 + i % 9}-01-01", title=f"文档{i}")
        G.add_node(nid, **props)
        by_label[lab].append(nid)
    nodes = list(G)
    for _ in range(int(n_nodes * 1.6)):
        u, v = rnd.sample(nodes, 2)
        lu, lv = G.nodes[u]["label"], G.nodes[v]["label"]
        if lu == "Programme" and lv == "Place":
            G.add_edge(
                u,
                v,
                key="ADOPTED_IN",
                type="ADOPTED_IN",
                year=2015 + rnd.randrange(9),
                date=None,
                doc_ids=["d1"],
                evidence=[_ev("d1", f"{u}在{v}推行。")],
            )
        else:
            mention = lu == "Document"
            G.add_edge(
                u,
                v,
                key="MENTIONS" if mention else "RUNS",
                type="MENTIONS" if mention else "RUNS",
                doc_ids=["d2"],
                evidence=[]
                if mention
                else [_ev("d2", f"{u}与{v}有关的一句话，用来撑大页面体积。")],
            )
    return G


@pytest.fixture
def graph():
    return make_graph()


@pytest.fixture
def evil_graph():
    return make_graph(XSS)


# ----------------------------------------------------------------- browser


def _skip_or_fail(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _skip_or_fail(f"playwright is not installed ({exc}); pip install playwright")
    if not Path(CHROMIUM).exists():
        _skip_or_fail(
            f"no Chromium at {CHROMIUM} (set UNIONKG_CHROMIUM or apt-get install chromium)"
        )
    with sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        except Exception as exc:  # launch failures vary by platform
            _skip_or_fail(f"Chromium at {CHROMIUM} did not start: {exc}")
        yield b
        b.close()


@dataclass
class OpenedPage:
    page: object
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    blocked: list = field(default_factory=list)

    @property
    def non_file_requests(self):
        return [
            u for u in self.requests if not u.startswith(("file:", "data:", "about:"))
        ] + self.blocked

    def assert_clean(self):
        assert self.page_errors == [], self.page_errors
        assert self.console_errors == [], self.console_errors
        assert self.non_file_requests == [], self.non_file_requests


@pytest.fixture
def open_page(browser):
    """``open_page(path)`` -> OpenedPage: loads a page offline, recording console
    errors and every request; anything not file:/data: is aborted and recorded."""
    contexts = []

    def _open(path, *, wait_ready: bool = True, viewport=(1400, 900)) -> OpenedPage:
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(ctx)
        rec = OpenedPage(page=None)

        def route(r):
            url = r.request.url
            if url.startswith(("file:", "data:")):
                r.continue_()
            else:
                rec.blocked.append(url)
                r.abort()

        ctx.route("**/*", route)
        ctx.set_offline(True)
        page = ctx.new_page()
        page.on(
            "console", lambda m: rec.console_errors.append(m.text) if m.type == "error" else None
        )
        page.on("pageerror", lambda exc: rec.page_errors.append(str(exc)))
        page.on("request", lambda req: rec.requests.append(req.url))
        page.goto(Path(path).resolve().as_uri())
        if wait_ready:
            page.wait_for_function(
                "window.unionkg && window.unionkg.ready === true", timeout=120_000
            )
        rec.page = page
        return rec

    yield _open
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def large_graph():
    return make_large_graph(5000)


@pytest.fixture(scope="session")
def graph_of_600():
    """A synthetic graph of 600 nodes (read it, don't change it)."""
    return make_large_graph(600, seed=3)


@pytest.fixture
def xss_payload():
    return XSS


def page_data(path) -> dict:
    """The JSON block of a written page (for the non-browser tests)."""
    import json
    import re

    text = Path(path).read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="unionkg-data">(.*?)</script>', text, re.S)
    assert m, "page has no data block"
    return json.loads(m.group(1))


@pytest.fixture
def read_page_data():
    return page_data
