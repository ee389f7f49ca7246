"""Unions and organisations in the shapes Chinese news names them (short sentences and
invented names written for these tests)."""

import pytest

from extract.pipeline import Extractor
from extract.records import Document


def names(x, etype):
    return {e["name"] for e in x["entities"] if e["type"] == etype}


def rels(x, rtype):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == rtype}


def test_verbs_adverbs_and_dates_before_a_name_are_no_part_of_it(run):
    x = run(
        "会上，东湖区总工会宣布将积极引导东湖区物流企业协会联合工会加强建设，扩大联合工会影响。"
        "2023年河北省沧州市便民服务中心工会获评先进。比赛将授予北辰集团技术能手称号。"
    )
    unions = names(x, "TradeUnion")
    assert not {u for u in unions if u.startswith(("积极", "引导", "扩大", "年"))}, unions
    assert "授予北辰集团" not in names(x, "Organization")
    assert "北辰集团" in names(x, "Organization")


def test_a_union_named_by_a_pronoun_is_no_new_union(run):
    x = run("南湖区网约车司机联合工会成立。这家联合工会已吸纳会员300名。")
    assert names(x, "TradeUnion") == {"南湖区网约车司机联合工会"}


def test_a_unit_named_by_a_bare_level_character_is_of_the_articles_place(run):
    x = run("湖南省总工会副主席王某出席。省交通建设集团工会主席李某介绍了情况。")
    assert ("湖南省交通建设集团工会", "湖南省") in rels(x, "LOCATED_IN")


def test_the_regions_union_of_an_article_that_names_only_its_city(run):
    x = run("网约车司机集体加入乌鲁木齐市总工会。自治区总工会副主席汤建军出席并讲话。")
    assert "新疆维吾尔自治区总工会" in names(x, "TradeUnion")
    assert ("汤建军", "新疆维吾尔自治区总工会") in rels(x, "HOLDS_POSITION")


def test_an_autonomous_prefecture_by_its_short_form_with_zhou(run):
    x = run("春节期间，四川凉山州总工会筹集资金慰问职工。")
    assert names(x, "TradeUnion") == {"凉山彝族自治州总工会"}
    assert ("凉山彝族自治州总工会", "凉山彝族自治州") in rels(x, "LOCATED_IN")


def test_a_reporter_of_a_paper_named_with_its_channel_or_its_site(run):
    x = run(
        "职工们感受到了温暖。(工人日报客户端记者 张建军)\n"
        "中工网讯(工人日报-中工网记者李明华)10月16日，环卫工走进超市。"
    )
    got = rels(x, "HOLDS_POSITION")
    assert ("张建军", "工人日报") in got
    assert ("李明华", "工人日报") in got and ("李明华", "中工网") not in got


def test_a_union_named_again_without_its_owners_short_name_is_the_same(run):
    x = run("港投物流中心工会联合会今天成立。物流中心工会联合会将为货车司机服务。")
    assert names(x, "TradeUnion") == {"港投物流中心工会联合会"}


def test_national_industrial_unions_and_their_local_committees(run):
    x = run("全国铁路总工会宣传部部长孙立军出席。中国金融工会嘉兴市委员会、嘉兴银行工会获评先进。")
    unions = names(x, "TradeUnion")
    assert "中华全国铁路总工会" in unions
    assert ("孙立军", "中华全国铁路总工会") in rels(x, "HOLDS_POSITION")
    assert ("中国金融工会嘉兴市委员会", "嘉兴市") in rels(x, "LOCATED_IN")


def test_a_unions_department_by_its_short_form_is_no_organisation(run):
    x = run("江苏省总工会副主席王树华出席。省总网络工作部部长李建明主持。")
    assert not {o for o in names(x, "Organization") if "网络工作部" in o}


def test_names_listed_after_one_title_share_the_post(run):
    x = run("泉州市总工会副主席王立新、李红梅出席活动。")
    assert ("李红梅", "泉州市总工会") in rels(x, "HOLDS_POSITION")


def test_a_post_named_after_the_name_with_the_body_before_it(run):
    x = run("福州市总工会崔志华副调研员带领工作人员到企业调研。")
    assert ("崔志华", "福州市总工会") in rels(x, "HOLDS_POSITION")
    y = run("福州市总工会崔志华主席团成员到企业调研。")
    assert not rels(y, "HOLDS_POSITION")


def test_a_zones_union_by_its_short_form_or_with_its_district_in_brackets(run):
    zone = "南昌经济技术开发区"
    x = run("活动在南昌经济技术开发区(青山湖区)举行。经开区(青区)总工会已召集3家企业。")
    assert (zone + "总工会", zone) in rels(x, "LOCATED_IN")
    y = run("南昌经济技术开发区(青山湖区)总工会召集3家企业。")
    assert names(y, "TradeUnion") == {zone + "总工会"}


def test_a_first_of_its_kind_description_names_no_union(run):
    x = run("南湖区快递行业工会联合会成立，这是嘉兴首家区域性快递行业工会联合会。")
    assert names(x, "TradeUnion") == {"南湖区快递行业工会联合会"}


def test_a_union_of_a_department_named_by_two_fields_joined_by_he(run):
    x = run("南阳市行政审批和便民服务局工会主席何某介绍了情况。市总工会和市教育局联合开展活动。")
    assert "南阳市行政审批和便民服务局工会" in names(x, "TradeUnion")
    assert ("南阳市行政审批和便民服务局工会", "南阳市") in rels(x, "LOCATED_IN")
    assert not {u for u in names(x, "TradeUnion") if "和市" in u or u.startswith("便民")}


def test_a_named_communitys_union_is_named_by_the_community(run):
    x = run("活动由东区总工会、银江镇福康社区工会委员会联合开展。银江镇福康社区工会主席王敏介绍。")
    assert "福康社区工会" in names(x, "TradeUnion")
    assert ("福康社区工会", "银江镇") in rels(x, "LOCATED_IN")
    assert ("王敏", "福康社区工会") in rels(x, "HOLDS_POSITION")


def test_a_community_union_as_a_kind_or_inside_a_facilitys_name_is_none(run):
    x = run("银江镇各社区工会积极行动。在红云街道银湖社区工会驿站，环卫工人可以休息。")
    assert not {u for u in names(x, "TradeUnion") if "社区" in u}


def test_a_branch_of_a_units_union_is_the_union_named(run):
    x = run(
        "南阳烟草南阳市有限公司工会委员会邓州市分会、南阳电力有限公司工会小组获得称号。"
        "南阳电力有限公司工会委员会委员王敏介绍。"
    )
    unions = names(x, "TradeUnion")
    assert {"南阳烟草南阳市有限公司工会委员会邓州市分会", "南阳电力有限公司工会小组"} <= unions
    assert ("南阳烟草南阳市有限公司工会委员会邓州市分会", "邓州市") in rels(x, "LOCATED_IN")
    assert ("王敏", "南阳电力有限公司工会") in rels(x, "HOLDS_POSITION")


def test_a_role_noun_before_a_units_name_is_no_part_of_its_union(run):
    x = run("站点运营方南阳市顺达物业有限公司工会负责日常管理。")
    assert names(x, "TradeUnion") == {"南阳市顺达物业有限公司工会"}


@pytest.fixture(scope="module")
def run_fast():
    extractor = Extractor(fast=True)
    return lambda text: extractor(Document(doc_id="t", text=text)).to_json()


def test_fast_mode_a_sector_unions_words_hold_no_verb_or_adverb(run_fast):
    x = run_fast("宁夏回族自治区网约车司机陆续加入工会。盐田区两级工会积极行动。")
    assert names(x, "TradeUnion") == set()
    assert names(run_fast("陕西省财贸金融轻工工会开展活动。"), "TradeUnion") == {
        "陕西省财贸金融轻工工会"
    }


def test_fast_mode_a_provincial_workers_daily_named_by_its_place(run_fast):
    x = run_fast("活动让职工感受到温暖。(河南工人日报记者 胡小艺)")
    assert ("胡小艺", "河南工人日报") in rels(x, "HOLDS_POSITION")


def test_fast_mode_a_union_of_a_department_named_by_two_fields(run_fast):
    x = run_fast("南阳市科学技术和工业信息化局工会组织职工参加培训。")
    assert "南阳市科学技术和工业信息化局工会" in names(x, "TradeUnion")


def test_fast_mode_a_titled_name_jieba_lists_as_a_rare_name(run_fast):
    # 赵军 is in jieba's dictionary as a person's name (nr), more often than an ordinary
    # name would be, but rarely enough to be a name after a title
    x = run_fast("南阳市总工会党组成员、副主席赵军，出席活动并讲话。")
    assert ("赵军", "南阳市总工会") in rels(x, "HOLDS_POSITION")
    assert "高峰" not in names(run_fast("南阳市总工会迎来入会高峰。"), "Person")


@pytest.mark.parametrize(
    "text,union",
    [
        # 州总工会 with no prefecture named: the prefecture the article's county lies in
        ("州总工会到麻江县某水库项目工地开展“送清凉”活动。", "黔东南苗族侗族自治州总工会"),
        ("市总工会到海盐县某工地开展慰问活动。", "嘉兴市总工会"),
    ],
)
def test_a_bare_level_union_takes_the_prefecture_of_the_article_s_counties(run, text, union):
    names = {e["name"] for e in run(text)["entities"] if e["type"] == "TradeUnion"}
    assert names == {union}


def test_counties_of_two_prefectures_name_no_bare_city_union(run):
    x = run("市总工会到海盐县和萧山区开展慰问活动。")
    assert not [e for e in x["entities"] if e["type"] == "TradeUnion"]


def test_a_community_named_by_a_common_word_opening_a_clause_has_its_union(run):
    x = run("城东街道工会开展主题活动。友谊社区工会主席顾某某与农民工交流。")
    unions = {e["name"] for e in x["entities"] if e["type"] == "TradeUnion"}
    assert "友谊社区工会" in unions
    located = {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == "LOCATED_IN"}
    assert ("友谊社区工会", "城东街道") in located
    # a union that only names a thing (某社区工会驿站), and 各社区工会, are none
    y = run("开展主题活动。幸福社区工会驿站正式启用。各社区工会要做好服务。")
    assert not [e for e in y["entities"] if e["type"] == "TradeUnion"]


def test_places_listed_before_a_union_share_its_tail(run):
    x = run("省总工会向济南、青岛、威海市总工会下拨资金。")
    unions = {e["name"] for e in x["entities"] if e["type"] == "TradeUnion"}
    assert {"济南市总工会", "青岛市总工会", "威海市总工会"} <= unions
    located = {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == "LOCATED_IN"}
    assert ("青岛市总工会", "青岛市") in located
    # a place of another level before the union is no item of the list
    y = run("在嘉兴、平湖市总工会的支持下开展活动。")
    assert "嘉兴市总工会" not in {e["name"] for e in y["entities"]}


def test_a_count_of_bare_level_unions_names_none(run):
    for text in ["济南、青岛、淄博等7市总工会联合举办招聘会。", "全省十三个县总工会参加。"]:
        assert not [e for e in run(text)["entities"] if e["type"] == "TradeUnion"], text


def test_words_before_a_union_word_and_a_platform_name_the_platform(run):
    x = run("市总工会推出咸阳智慧工会平台，职工可在线入会。")
    assert {e["name"] for e in x["entities"] if e["type"] == "TradeUnion"} == {"咸阳市总工会"}
