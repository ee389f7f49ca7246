"""Unions, organisations and towns in shapes seen on unseen web articles (short sentences and
invented names written for these tests)."""


def names(x, etype):
    return {e["name"] for e in x["entities"] if e["type"] == etype}


def rels(x, rtype):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == rtype}


def test_a_town_name_the_segmenter_cuts_across_is_one_when_the_model_reads_it_whole(run):
    # jieba cuts 定|城镇 and 殿|前|街道
    x = run("上午，定城镇总工会成立大会召开。在殿前街道工会委员会的支持下，社区开展慰问。")
    assert {"定城镇", "殿前街道"} <= names(x, "Place")
    assert ("定城镇总工会", "定城镇") in rels(x, "LOCATED_IN")
    assert ("殿前街道总工会", "殿前街道") in rels(x, "LOCATED_IN")


def test_a_citys_union_with_its_level_written_twice_is_the_citys_union(run):
    # 某某市市总工会: the level character of the place written again before 总工会
    x = run("桂林市市总工会调研组到秀峰区调研。宁县县总工会主席张三出席。")
    assert names(x, "TradeUnion") == {"桂林市总工会", "宁县总工会"}
    assert ("张三", "宁县总工会") in rels(x, "HOLDS_POSITION")
