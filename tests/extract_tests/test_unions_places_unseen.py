"""Union and place shapes found on unseen web articles (round four): short sentences and
invented names written for these tests, one class per test."""

import pytest

from extract.pipeline import Extractor
from extract.records import Document


def names(x, etype):
    return {e["name"] for e in x["entities"] if e["type"] == etype}


def rels(x, rtype):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == rtype}


def test_a_streets_union_keeps_the_name_it_is_written_with(run):
    x = run(
        "东山街道工会联合会走访慰问了辖区快递员。东山街道工会主席李明出席。"
        "西港街道工会委员会指导社区建起了职工之家。青山镇工会为职工送清凉。"
    )
    unions = names(x, "TradeUnion")
    assert {"东山街道工会联合会", "西港街道工会委员会", "青山镇总工会"} <= unions, unions
    assert not {"东山街道总工会", "西港街道总工会"} & unions
    assert ("东山街道工会联合会", "东山街道") in rels(x, "LOCATED_IN")
    assert ("李明", "东山街道工会联合会") in rels(x, "HOLDS_POSITION")


def test_a_citys_and_a_countys_union_of_one_short_name_stay_two(run):
    x = run("长沙市总联合芙蓉区总、长沙县总、星沙汽车集团工会开展慰问。")
    unions = names(x, "TradeUnion")
    assert {"长沙市总工会", "长沙县总工会"} <= unions, unions
    assert ("长沙县总工会", "长沙县") in rels(x, "LOCATED_IN")


def test_a_branch_named_with_and_without_its_level_character_is_one(run):
    x = run("国网宣城市供电公司工会举办活动。国网宣城供电公司工会主席王某出席。")
    assert [u for u in names(x, "TradeUnion") if "供电公司" in u] == ["国网宣城市供电公司工会"]


def test_a_lists_bullet_is_no_part_of_a_name_after_it(run):
    x = run("工会动态\n△西安电机厂工会举办职工运动会。\n▲富县饲料公司开展技能比武。")
    assert "西安电机厂工会" in names(x, "TradeUnion")
    assert {"西安市", "富县"} <= names(x, "Place")
    assert "富县饲料公司" in names(x, "Organization")


def test_a_bodys_union_keeps_the_short_form_of_its_place_as_written(run):
    x = run("城固车务段工会举办安全知识讲座。重庆建筑职院工会开放了母婴室。")
    unions = names(x, "TradeUnion")
    assert {"城固车务段工会", "重庆建筑职院工会"} <= unions, unions
    assert ("城固车务段工会", "城固县") in rels(x, "LOCATED_IN")


def test_a_federation_is_where_its_leading_places_are(run):
    x = run("近日，南平市江苏商会工会联合会召开第一届会员代表大会。")
    assert ("南平市江苏商会工会联合会", "南平市") in rels(x, "LOCATED_IN")


def test_province_union_of_a_city_article_naming_another_province(run):
    x = run("南平市江苏商会工会联合会在延平区召开会员大会，省总工会副主席李建华到会祝贺。")
    unions = names(x, "TradeUnion")
    assert "福建省总工会" in unions and "江苏省总工会" not in unions, unions


def test_divisions_created_since_the_gazetteer_was_made(run):
    x = run("深圳市光明区总工会举办职工运动会。临平区总工会为快递员送清凉。")
    assert {"光明区", "临平区"} <= names(x, "Place")
    assert ("临平区总工会", "临平区") in rels(x, "LOCATED_IN")
    chain = {e["name"]: e["props"].get("chain") for e in x["entities"] if e["type"] == "Place"}
    assert [c["name"] for c in chain["临平区"]][:2] == ["杭州市", "浙江省"]


@pytest.fixture(scope="module")
def fast():
    return Extractor(fast=True)


def test_union_work_of_a_district_is_no_union_in_either_mode(run, fast):
    text = "市总工会副主席王建华赴余杭区调研工会工作，听取了汇报。"
    for x in (run(text), fast(Document(doc_id="t", text=text)).to_json()):
        assert not {u for u in names(x, "TradeUnion") if "调研" in u}


def test_a_zones_other_name_in_brackets(run):
    x = run("江西赣江新区(南昌经开区)总工会获评先进单位。")
    assert {"赣江新区", "南昌经开区"} <= names(x, "Place"), names(x, "Place")


def test_a_town_whose_name_starts_with_a_function_character(run):
    x = run("福建永安市向阳镇的茶农参加培训。桐乡市和嘉兴市的职工参加活动。")
    places = names(x, "Place")
    assert "向阳镇" in places, places
    assert not {p for p in places if p.startswith("和")}, places


def test_a_town_named_by_an_ordinary_word_in_a_list_of_towns(run):
    x = run("服务队深入到外来工集中的石岭镇、团结镇和龙泉驿镇等地。他们走进城镇和乡村。")
    places = names(x, "Place")
    assert {"石岭镇", "团结镇"} <= places, places
    assert "城镇" not in places


def test_a_national_companys_branch_named_by_its_province(run):
    x = run("中国联通云南有限公司大理分公司营业厅设立了爱心驿站。玖玖华安出租车公司工会成立。")
    places = names(x, "Place")
    assert "云南省" in places, places
    assert "华安县" not in places


def test_a_county_of_one_character_before_its_union(run):
    x = run("赵县总工会为环卫工人送去清凉。副主任王立新和县总工会班子成员参加。")
    assert ("赵县总工会", "赵县") in rels(x, "LOCATED_IN")
    assert "和县" not in names(x, "Place")


def test_the_tail_of_a_provinces_name_in_an_article_about_it(run):
    x = run("黑龙江省总工会表彰了一批“龙江工匠”，号召职工在龙江振兴中建功立业。")
    assert names(x, "Place") == {"黑龙江省"}, names(x, "Place")


def test_a_union_shortened_to_the_first_characters_of_its_words(run):
    x = run("江苏省轻工纺织工会举办技能竞赛。省轻纺工会主席王建华为获奖选手颁奖。")
    assert names(x, "TradeUnion") == {"江苏省轻工纺织工会"}, names(x, "TradeUnion")
    assert ("王建华", "江苏省轻工纺织工会") in rels(x, "HOLDS_POSITION")


def test_a_sector_union_of_a_county_named_by_a_demonstrative(run, fast):
    text = "赵县总工会举办培训班。赞皇县一家企业职工患病，该县教育系统工会组织职工捐款。"
    for x in (run(text), fast(Document(doc_id="t", text=text)).to_json()):
        assert ("赞皇县教育系统工会", "赞皇县") in rels(x, "LOCATED_IN")


def test_a_province_and_a_county_not_read_as_a_county_across_them(run):
    x = run("甘肃宁县举行劳务输转仪式。河北肃宁县总工会为职工送温暖。")
    places = names(x, "Place")
    assert {"甘肃省", "宁县", "河北省", "肃宁县"} <= places, places
    assert ("肃宁县总工会", "肃宁县") in rels(x, "LOCATED_IN")


def test_an_autonomous_regions_short_name_with_its_level_word(run):
    x = run("本报讯 广西自治区总工会到南宁市调研。")
    assert "广西壮族自治区总工会" in names(x, "TradeUnion")
    assert ("广西壮族自治区总工会", "广西壮族自治区") in rels(x, "LOCATED_IN")


def test_a_verb_before_a_zone_suffix_names_no_zone_even_before_a_union(run):
    x = run("会议审议通过经开区工会工作报告，总结经开区工会工作。芜湖经开区总工会召开大会。")
    assert names(x, "TradeUnion") == {"芜湖经开区总工会"}
    assert not {p for p in names(x, "Place") if p.startswith(("通过", "总结"))}
    # a preposition glued before the zone (托管班由|经开区总工会主办)
    x = run("本报讯 绵阳经开区总工会开展活动。职工子女托管班由经开区总工会主办。")
    assert not {n for n in names(x, "TradeUnion") if n.startswith("班由")}


def test_a_union_and_a_preposition_between_a_city_and_a_zone_suffix_name_no_zone(run):
    x = run("宜昌市总工会在高新区设立“宜昌市职工法律服务站”。")
    assert names(x, "Place") == {"宜昌市"}
    assert ("宜昌市职工法律服务站", "宜昌市") in rels(x, "ADOPTED_IN")
    # a town whose name ends in a function character is still a town
    y = run("宜昌市太和镇总工会开展活动。")
    assert "太和镇" in names(y, "Place")


def test_a_renamed_county_is_one_division_named_as_the_text_writes_it(run):
    old = run("本报讯 宜宾县总工会开展送温暖活动。")
    new = run("本报讯 宜宾市叙州区总工会开展送温暖活动。")
    place = {e["name"]: e["id"] for x in (old, new) for e in x["entities"] if e["type"] == "Place"}
    assert place["宜宾县"] == place["叙州区"]  # one division, by its code
    assert ("宜宾县总工会", "宜宾县") in rels(old, "LOCATED_IN")
    assert ("叙州区总工会", "叙州区") in rels(new, "LOCATED_IN")


def test_a_national_papers_name_holds_no_place(run):
    # 光明 is also a district's short form (深圳市光明区)
    x = run("来源: 光明日报\n\n本报讯（记者 耿建华）河北省总工会开展送温暖活动。")
    assert "光明日报" in names(x, "Organization")
    assert names(x, "Place") == {"河北省"}


def test_a_name_from_before_the_gazetteer_finds_its_division_as_written(run):
    # 武鸣县 became 武鸣区 in 2015, before the gazetteer's list was made
    x = run("本报讯 南宁市武鸣县总工会开展送清凉活动。")
    assert ("武鸣县总工会", "武鸣县") in rels(x, "LOCATED_IN")
    place = next(e for e in x["entities"] if e["name"] == "武鸣县")
    assert place["id"] == next(
        e["id"] for e in run("武鸣区总工会开展活动。")["entities"] if e["name"] == "武鸣区"
    )


def test_a_citys_short_form_only_inside_quotes_far_from_the_articles_places_is_a_word(run):
    # 安康 (安康市, 陕西) in a motto of a report from 湖北
    x = run("宜昌市总工会发布了“法治护航”“安康守护”等七大主题行动。")
    assert "安康市" not in names(x, "Place")
    assert ("安康守护", "宜昌市") in rels(x, "ADOPTED_IN")
    # outside quotes the city stays
    assert "安康市" in names(run("宜昌市总工会组织劳模赴安康疗休养。"), "Place")


def test_a_countys_short_form_far_from_the_articles_places_is_a_word(run):
    # 惠民 (惠民县, 山东) in a report from 贵州: 职工惠民工程 is a scheme, no county
    x = run("本报讯 黔西南州总工会实施“5好品行职工惠民工程”，服务全州职工。")
    assert "惠民县" not in names(x, "Place")
    # written in full, or with its own province, it is the county
    assert "惠民县" in names(run("山东省滨州市惠民县总工会开展送清凉活动。"), "Place")
    # travelled to, named with other places: the county, wherever the article is from
    x = run("本报讯 辽宁省总工会组织劳模赴锦州和北戴河疗休养。")
    assert "北戴河区" in names(x, "Place")
