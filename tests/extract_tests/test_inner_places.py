"""Places inside organisation names: only the leading run of places (where the body is
registered) counts; a short form after it is part of the brand. Sentences written for
these tests (not taken from any source)."""


def names(x, etype):
    return {e["name"] for e in x["entities"] if e["type"] == etype}


def rels(x, rtype):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == rtype}


def mentions(x, name):
    return len(next(e for e in x["entities"] if e["name"] == name)["mentions"])


def test_brand_after_city_is_no_place_but_a_county_of_that_city_is(run):
    x = run("绍兴安吉纺织有限公司工会和湖州长兴纺织有限公司工会共同举办培训。")
    places = names(x, "Place")
    assert "绍兴市" in places and "安吉县" not in places  # 安吉 is not in 绍兴: a brand
    assert {"湖州市", "长兴县"} <= places  # 长兴 is in 湖州: where the company is
    located = rels(x, "LOCATED_IN")
    assert ("绍兴安吉纺织有限公司工会", "绍兴市") in located
    assert ("湖州长兴纺织有限公司工会", "长兴县") in located


def test_brand_in_company_name_leaves_the_place_named_elsewhere(run):
    x = run("宁波金华电器有限公司与金华的企业合作。温州龙游食品集团与衢州龙游县的企业合作。")
    assert {"宁波金华电器有限公司", "温州龙游食品集团"} <= names(x, "Organization")
    assert {"宁波市", "金华市", "温州市", "衢州市", "龙游县"} <= names(x, "Place")
    assert mentions(x, "金华市") == 1 and mentions(x, "龙游县") == 1  # not the brands


def test_brand_county_is_not_where_a_programme_is_adopted(run):
    x = run("绍兴安吉纺织有限公司工会开展“职工书屋”建设。")
    adopted = rels(x, "ADOPTED_IN")
    assert not any(tail == "安吉县" for _, tail in adopted)
    assert ("职工书屋", "绍兴市") in adopted


def test_a_town_named_right_after_a_city_belongs_to_that_city(run):
    # a city with no counties (东莞市) names the town's parent, whatever county came before
    x = run("宣州区总工会开展活动。1月13日，揭牌仪式在广东省东莞市厚街镇举行。")
    town = next(e for e in x["entities"] if e["name"] == "厚街镇")
    assert town["props"]["chain"][0]["name"] == "东莞市"
