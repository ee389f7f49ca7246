"""Dated adoptions and the spread paths a text reports (issue 17 items 1 and 2), on short
reports written for these tests (no corpus text)."""

from __future__ import annotations

import pytest

from extract.records import Document
from graph import build_graph
from graph.spread import all_paths, find_programme


def _extract(extractor, text: str, doc_id: str = "t", date: str | None = None) -> dict:
    return extractor(Document(doc_id=doc_id, text=text, date=date)).to_json()


def _adopted(rec: dict) -> dict[str, tuple]:
    return {
        r["tail"]: (r.get("year"), r.get("year_basis"))
        for r in rec["relations"]
        if r["type"] == "ADOPTED_IN"
    }


PAGE = "常州工会报\n{date}\n\n常州市溧阳市“暖心书屋”建成\n\n本报讯 {lead}常州市总工会在溧阳市建成“暖心书屋”。\n"


@pytest.mark.parametrize("date", ["2022-05-10", "2022年5月10日"])
def test_adoption_dated_only_by_its_articles_date_line_is_reported(extractor, date):
    rec = _extract(extractor, PAGE.format(date=date, lead="日前，"))
    assert rec["articles"][0]["date"] == "2022-05-10"
    assert _adopted(rec)["溧阳市"] == (2022, "reported")


def test_stated_year_beats_the_article_date(extractor):
    rec = _extract(extractor, PAGE.format(date="2022-05-10", lead="2019年，"))
    assert _adopted(rec)["溧阳市"] == (2019, "stated")
    rec = _extract(extractor, PAGE.format(date="2022-05-10", lead="去年，"))
    assert _adopted(rec)["溧阳市"] == (2021, "stated")  # relative to the article's date


def test_undated_without_a_stated_year_or_an_article_date(extractor):
    rec = _extract(extractor, "常州市总工会在溧阳市建成“暖心书屋”。")
    assert _adopted(rec)["溧阳市"] == (None, None)
    assert "year_basis" not in next(r for r in rec["relations"] if r["type"] == "ADOPTED_IN")


def _spread(rec: dict) -> set[tuple[str, str, str]]:
    return {(p["from"], p["to"], p["kind"]) for p in rec.get("spread", [])}


@pytest.mark.parametrize(
    "text, path",
    [
        (
            "湖州市德清县总工会学习借鉴嘉兴市平湖市经验，在全县推出“悦读书屋”。",
            ("平湖市", "德清县", "learned"),
        ),
        (
            "丽水市总工会参照温州市鹿城区做法，建成“骑手之家”。",
            ("鹿城区", "丽水市", "copied"),
        ),
        (
            "温州市总工会把“骑手之家”推广到丽水市莲都区。",
            ("温州市", "莲都区", "promoted"),
        ),
        ("绍兴市柯桥区总工会打造的“暖蜂驿站”在全省推广。", ("柯桥区", "浙江省", "promoted")),
        (
            "绍兴市柯桥区总工会打造的“暖蜂驿站”在全省范围内大力推广。",
            ("柯桥区", "浙江省", "promoted"),
        ),
        ("杭州市萧山区总工会把“星光驿站”推广到全市。", ("萧山区", "杭州市", "promoted")),
        (
            "由宁波市余姚市首创的“同心驿站”已在舟山市定海区落地。",
            ("余姚市", "定海区", "originated"),
        ),
        (
            "台州市黄岩区总工会的“爱心服务站”已延伸至台州市路桥区。",
            ("黄岩区", "路桥区", "extended"),
        ),
    ],
)
def test_reported_path_in_the_texts_direction(extractor, text, path):
    rec = _extract(extractor, text)
    assert path in _spread(rec)
    (p,) = [p for p in rec["spread"] if (p["from"], p["to"], p["kind"]) == path]
    assert p["evidence"]["sentence"] == text and p["programme_id"].startswith("Programme:")


def test_no_path_without_a_programme_or_a_second_place(extractor):
    assert not _spread(_extract(extractor, "湖州市总工会学习借鉴平湖市经验，提升服务水平。"))
    assert not _spread(_extract(extractor, "浙江省总工会在全省推广“暖蜂驿站”。"))
    # 全市 of a county-level city is its own territory, not the prefecture above it
    assert not _spread(_extract(extractor, "嘉兴市平湖市总工会在全市推广“暖蜂驿站”。"))
    assert not _spread(_extract(extractor, "台州市黄岩区总工会把“爱心服务站”推广到全区。"))


def test_the_place_learned_from_adopts_nothing_by_that_sentence(extractor):
    rec = _extract(extractor, "湖州市德清县总工会学习借鉴嘉兴市平湖市经验，推出“悦读书屋”。")
    assert "平湖市" not in _adopted(rec) and "嘉兴市" not in _adopted(rec)
    assert "德清县" in _adopted(rec)


def test_reported_paths_in_the_graph_with_evidence_and_years(extractor):
    recs = [
        _extract(extractor, "2019年，温州市总工会在鹿城区推出“骑手之家”。", "a"),
        _extract(
            extractor,
            "丽水工会报\n2021-03-02\n\n日前，丽水市总工会学习借鉴温州市鹿城区经验，"
            "在莲都区建成“骑手之家”。",
            "b",
        ),
        _extract(extractor, "2020年，杭州市总工会在萧山区推出“骑手之家”。", "c"),
        _extract(extractor, "2022年，杭州市总工会在余杭区推出“骑手之家”。", "d"),
    ]
    G = build_graph(recs)
    paths = all_paths(G, find_programme(G, "骑手之家"))
    reported = [p for p in paths if p["basis"] == "reported"]
    assert [(p["from"], p["to"], p["kind"]) for p in reported] == [("鹿城区", "丽水市", "learned")]
    assert reported[0]["doc_ids"] == ["b"] and "学习借鉴" in reported[0]["evidence"][0]["sentence"]
    assert (reported[0]["from_year"], reported[0]["to_year"]) == (2019, 2021)
    # the place the text says it reached gets no inferred path as well
    inferred = [p for p in paths if p["basis"] == "inferred"]
    assert "莲都区" not in {p["to"] for p in inferred}
    assert {(p["from"], p["to"]) for p in inferred} == {("鹿城区", "萧山区"), ("萧山区", "余杭区")}
    assert all(0 < p["confidence"] <= 1 and p["distance_km"] > 0 for p in inferred)
    edges = [d for *_, d in G.edges(data=True) if d["type"] == "SPREAD_TO"]
    assert sorted(d["basis"] for d in edges) == ["inferred", "inferred", "reported"]


@pytest.mark.parametrize(
    "text, date",
    [
        (
            "常州市溧阳市“暖心书屋”建成\n发布时间：2022-05-10 10:23  来源：常州工会网\n\n",
            "2022-05-10",
        ),
        (
            "常州工会报  2022年5月10日  星期二  第3版\n\n常州市溧阳市“暖心书屋”建成\n\n",
            "2022-05-10",
        ),
        # a headline and its date line with no blank line between them (web copies)
        ("常州市溧阳市“暖心书屋”建成\n2022/05/10\n", "2022-05-10"),
        ("常州市溧阳市“暖心书屋”建成 2022.05.10\n", "2022-05-10"),
        (
            "常州市溧阳市“暖心书屋”建成\n发布时间：2022-05-10 10:23  来源：常州工会网\n",
            "2022-05-10",
        ),
        ("2022年5月10日起溧阳市书屋全天开放\n\n", None),  # a headline, not a date line
        ("常州市溧阳市“暖心书屋”建成\n\n时间：2022年5月10日，地点：溧阳市\n\n", None),
    ],
)
def test_date_lines_of_pages_and_web_articles(extractor, text, date):
    rec = _extract(extractor, text + "本报讯 日前，常州市总工会在溧阳市建成“暖心书屋”。\n")
    assert rec["articles"][0]["date"] == date
    if date:
        assert _adopted(rec)["溧阳市"] == (2022, "reported")
