"""Issue 6, markup: a corpus whose names, ids, titles and sentences carry HTML and
script payloads goes through ``unionkg build``; every page the build writes is then
opened in headless Chromium (offline, tests/viz_tests/conftest.py) and must show the
payloads as text and never run or insert them. Skipped without Playwright/Chromium
unless CI is set."""

from __future__ import annotations

import json

import pytest
from synthetic_reports import FACTS, jsonl_line  # tests/synthetic_reports.py

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
CLOSE = "</script>"
SVG = "\"'><svg onload=alert(1)>"
PAYLOADS = (SCRIPT, IMG, CLOSE, SVG)
# Programme names in quotes with a telling tail: the extractor keeps them, markup and all
PROG_SCRIPT = "<script>之家"
PROG_SVG = "<svg>之家"


def _sentences(f, programme, payload):
    return (
        f"{f.year}年，{payload}{f.union}在{f.district}推出“{programme}”，{payload}为快递小哥提供休息服务。"
        f"{f.union}主席{f.person}{payload}介绍，目前已建成驿站12个。{payload}"
    )


@pytest.fixture(scope="module")
def evil_build(tmp_path_factory, cli):
    root = tmp_path_factory.mktemp("markup")
    corpus = root / "corpus"
    corpus.mkdir()
    f1, f2, f3 = FACTS["shaoxing"], FACTS["huzhou"], FACTS["wenzhou"]
    # the same programme in two places: it gets a spread map of its own
    (corpus / "evil.jsonl").write_text(
        "".join(
            [
                jsonl_line(
                    id=SCRIPT, title=SCRIPT + IMG, source=SVG, text=_sentences(f1, PROG_SCRIPT, IMG)
                ),
                jsonl_line(id=IMG, title=CLOSE + SVG, text=_sentences(f2, PROG_SCRIPT, SVG)),
                jsonl_line(id=SVG, title=IMG, text=_sentences(f3, PROG_SVG, SCRIPT)),
                jsonl_line(
                    id=CLOSE,
                    title=CLOSE,
                    text=_sentences(FACTS["taizhou"], "启航书屋", CLOSE + IMG),
                ),
            ]
        ),
        encoding="utf-8",
    )
    (corpus / "<svg onload=alert(1)>报道.txt").write_text(
        _sentences(FACTS["quzhou"], PROG_SVG, SVG), encoding="utf-8"
    )
    out = root / "out"
    r = cli("build", corpus, "--out", out)
    assert r.exit_code == 0, r.stderr
    return out


def test_the_payloads_reach_the_extractions(evil_build):
    recs = {
        json.loads(x)["doc_id"]: json.loads(x)
        for x in (evil_build / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert {SCRIPT, IMG, CLOSE, SVG, "<svg onload=alert(1)>报道"} == set(recs)
    names = {(e["type"], e["name"]) for r in recs.values() for e in r["entities"]}
    # programme names keep their markup …
    assert {("Programme", PROG_SCRIPT), ("Programme", PROG_SVG)} <= names
    runs = {
        (x["head"], x["tail"]) for r in recs.values() for x in r["relations"] if x["type"] == "RUNS"
    }
    assert {
        ("绍兴市总工会", PROG_SCRIPT),
        ("湖州市总工会", PROG_SCRIPT),
        ("温州市总工会", PROG_SVG),
    } <= runs
    # … union and person names are Chinese characters only: the payload next to them stays out
    for label, name in names:
        if label in ("TradeUnion", "Person", "Place"):
            assert "<" not in name and ">" not in name, name
    assert ("Person", "陈明远") in names and ("TradeUnion", "绍兴市总工会") in names
    # evidence sentences carry every payload whole
    sentences = {m["sentence"] for r in recs.values() for e in r["entities"] for m in e["mentions"]}
    for p in PAYLOADS:
        assert any(p in s for s in sentences), p


def test_no_page_runs_or_inserts_the_markup(evil_build, open_page):
    pages = sorted((evil_build / "maps").glob("*.html"))
    report = json.loads((evil_build / "report.json").read_text(encoding="utf-8"))
    assert {f"maps/{p.name}" for p in pages} == set(report["maps"])
    assert any(p.name.startswith("spread-") for p in pages)  # the <script>之家 spread map
    assert len(pages) >= 3
    seen_text = ""
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        for p in (SCRIPT, IMG, "<svg onload", PROG_SCRIPT, PROG_SVG):
            assert p not in raw, (path.name, p)  # escaped everywhere in the file
        opened = open_page(path)
        page = opened.page
        dialogs = []
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        page.reload()  # load again with the dialog listener in place
        page.wait_for_function("window.unionkg && window.unionkg.ready === true", timeout=120_000)
        texts = page.evaluate("""() => {
          const u = window.unionkg, out = [];
          const panel = () => document.getElementById('ukg-panel').textContent;
          for (const id of u.nodes.getIds()) { u.showNode(id); out.push(panel()); }
          for (const id of u.edges.getIds()) { u.showEdge(id); out.push(panel()); }
          return out.join('\\n');
        }""")
        if path.name == "index.html":
            page.fill("#ukg-search", "之家")
            assert PROG_SCRIPT in page.locator("#ukg-results .ukg-result-name").all_text_contents()
        page.wait_for_timeout(200)
        assert dialogs == [], (path.name, dialogs)
        assert page.evaluate("window.__pwned") is None
        injected = page.evaluate("""() => ({
          media: document.querySelectorAll('img, iframe, object, embed, svg').length,
          handlers: [...document.querySelectorAll('*')].filter(
              e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).map(e => e.tagName),
          scripts: [...document.scripts].map(s => s.id || s.type || (s.src ? 'src' : 'inline')),
          alerts: [...document.scripts].filter(s => s.textContent.trim() === 'alert(1)').length,
        })""")
        assert injected["media"] == 0 and injected["handlers"] == [] and injected["alerts"] == 0, (
            path.name,
            injected,
        )
        assert len(injected["scripts"]) == 3, (
            path.name,
            injected["scripts"],
        )  # the page's own, as in test_viz_browser
        # the markup is shown, as text, where the names and sentences are
        assert [p for p in PAYLOADS if p in texts], path.name
        if path.name == "index.html":
            for p in PAYLOADS + (PROG_SCRIPT, PROG_SVG):
                assert p in texts, (path.name, p)
        if path.name.startswith("spread-"):
            prog = PROG_SCRIPT if path.name.startswith("spread-script-") else PROG_SVG
            assert prog in page.title() and prog in texts, path.name
        seen_text += texts
        opened.assert_clean()
    for p in PAYLOADS + (PROG_SVG,):
        assert p in seen_text, p
