"""Each extractor on short sentences written for these tests (not taken from any source)."""

import pytest

from extract.gazetteer import load_gazetteer, short_form, short_forms
from extract.numbers import chinese_to_int, parse_number


def names(x, etype):
    return {e["name"] for e in x["entities"] if e["type"] == etype}


def rels(x, rtype):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == rtype}


# -- numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "num,mult,value",
    [
        ("2949", None, 2949),
        ("2.0356", "亿", 203560000),
        ("5", "万", 50000),
        ("1.1", "万", 11000),
        ("三十", None, 30),
        ("百", None, 100),
        ("两", None, 2),
        ("一百二十", None, 120),
        ("87.3", None, 87.3),
        ("8190", "万", 81900000),
    ],
)
def test_parse_number(num, mult, value):
    assert parse_number(num, mult) == pytest.approx(value)


def test_chinese_numeral_rejects_garbage():
    assert chinese_to_int("三x") is None


# -- gazetteer ---------------------------------------------------------------------------
def test_gazetteer_chain_and_coordinates():
    g = load_gazetteer()
    code = g.full["宁波市"][0]
    chain = [d.name for d in g.chain(g.full["余姚市"][0])]
    assert chain == ["宁波市", "浙江省"]
    assert g.get(code).lon and g.get(code).lat
    assert len(g.full["鼓楼区"]) > 1  # ambiguous names keep every candidate


@pytest.mark.parametrize(
    "name,level,short",
    [
        ("广西壮族自治区", "province", "广西"),
        ("湖南省", "province", "湖南"),
        ("绍兴市", "city", "绍兴"),
        ("余姚市", "county", "余姚"),
        ("恩施土家族苗族自治州", "city", "恩施"),
        ("城区", "county", None),
    ],
)
def test_short_forms(name, level, short):
    assert short_form(name, level) == short


# -- places ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name,short",
    [
        ("恩施土家族苗族自治州", "恩施州"),
        ("黔东南苗族侗族自治州", "黔东南州"),
        ("巴音郭楞蒙古自治州", "巴音郭楞州"),
        ("嘉兴市", None),
    ],
)
def test_prefecture_short_forms(name, short):
    forms = short_forms(name, "city")
    if short:
        assert short in forms
    else:
        assert not any(f.endswith("州") for f in forms)


def test_places_full_short_and_parent_chain(run):
    x = run("湖南常德鼎城区总工会近日在石门县举办培训。")
    assert {"湖南省", "常德市", "鼎城区", "石门县"} <= names(x, "Place")
    place = next(e for e in x["entities"] if e["name"] == "鼎城区")
    assert [c["name"] for c in place["props"]["chain"]] == ["常德市", "湖南省"]
    assert place["props"]["lon"] is not None


def test_ordinary_words_are_not_places(run):
    x = run("公安部门与资源管理单位合作,比如延长服务时间。")
    assert names(x, "Place") == set()


def test_ambiguous_district_resolved_by_neighbours(run):
    x = run("福建省福州市鼓楼区总工会为职工送清凉。")
    ent = next(e for e in x["entities"] if e["name"] == "鼓楼区")
    assert ent["props"]["chain"][0]["name"] == "福州市"


def test_town_attached_to_county(run):
    x = run("余姚市总工会在梁弄镇建起一座职工书屋。")
    town = next(e for e in x["entities"] if e["name"] == "梁弄镇")
    assert town["props"]["level"] == "town"
    assert town["props"]["chain"][0]["name"] == "余姚市"


def test_short_form_after_a_surname_is_a_given_name(run):
    # 永康 (永康市) and 德清 (德清县) as the given names of 李永康 and 张德清
    assert names(run("卡车司机李永康刚卸完货。"), "Place") == set()
    assert names(run("快递员张德清刚送完件。"), "Place") == set()
    # not after a word that merely ends in a surname character (运营方 is no 方)
    assert names(run("他常去永康出差。"), "Place") == {"永康市"}
    assert "深圳市" in names(run("项目由运营方深圳一家企业负责。"), "Place")


def test_town_name_keeps_the_characters_jieba_cuts_off(run):
    # jieba cuts 北/七家/镇 and 黄花岗/街道: the name is not 七家镇 or 花岗街道
    x = run("区总工会在北七家镇和黄花岗街道各建起一座驿站。")
    assert names(x, "Place") == {"北七家镇", "黄花岗街道"}
    # a function word before the name is not part of it
    assert names(run("驿站设在原龙山街道办事处旧址。"), "Place") == {"龙山街道"}


def test_short_form_inside_a_town_name_is_not_the_county(run):
    # 东光 (东光县) + 港镇: the town 东光港镇, not the county
    x = run("市总工会在东光港镇建起第二个驿站。")
    assert names(x, "Place") == {"东光港镇"}


# -- unions ------------------------------------------------------------------------------
def test_union_forms_and_anaphora(run):
    x = run("绍兴市总工会今年推出新举措。市总工会主席赵明远表示,绍兴市总将继续加大投入。")
    assert names(x, "TradeUnion") == {"绍兴市总工会"}
    assert ("绍兴市总工会", "绍兴市") in rels(x, "LOCATED_IN")
    assert ("赵明远", "绍兴市总工会") in rels(x, "HOLDS_POSITION")


def test_an_anaphor_takes_the_place_named_earlier_in_its_sentence(run):
    x = run(
        "义乌市总工会举办职工运动会。运动会由金华市委常委、市总工会主席赵明远主持,"
        "义乌市总工会主席钱立新致辞。"
    )
    assert ("赵明远", "金华市总工会") in rels(x, "HOLDS_POSITION")
    assert ("钱立新", "义乌市总工会") in rels(x, "HOLDS_POSITION")


def test_national_enterprise_and_federation_unions(run):
    x = run("全国总工会表彰了宁波海天精工机械有限公司工会和宁波市快递行业工会联合会。")
    got = names(x, "TradeUnion")
    assert "中华全国总工会" in got
    assert "宁波海天精工机械有限公司工会" in got
    assert "宁波市快递行业工会联合会" in got


def test_generic_unions_are_not_entities(run):
    x = run("各级工会和基层工会要关心职工。")
    assert names(x, "TradeUnion") == set()


# -- programmes --------------------------------------------------------------------------
def test_quoted_programme_with_tail_and_lexicon(run):
    x = run("嘉善县总工会打造“暖蜂驿站”服务品牌,并在全县建成12家货车司机之家。")
    progs = names(x, "Programme")
    assert "暖蜂驿站" in progs and "司机之家" in progs
    assert ("嘉善县总工会", "暖蜂驿站") in rels(x, "RUNS")
    assert ("司机之家", "嘉善县") in rels(x, "ADOPTED_IN")


def test_quoted_slogans_are_not_programmes(run):
    x = run("工会要当好职工的“娘家人”,打通服务“最后一公里”,我们说“一定要办好”。")
    assert names(x, "Programme") == set()


def test_adoption_year_only_when_stated(run):
    x = run("2019年,衢州市总工会启动“衢工惠”行动。衢州市总工会还推出“匠心课堂”项目。")
    years = {r["head"]: r.get("year") for r in x["relations"] if r["type"] == "ADOPTED_IN"}
    assert years.get("衢工惠行动") == 2019
    assert years.get("匠心课堂") is None


def test_two_part_and_single_quoted_names_before_a_tail(run):
    x = run(
        "金华市总工会探索“先建站后建会,先服务再覆盖”模式。她说:“我们用‘一看二问三回访’工作法帮扶职工。”"
    )
    progs = names(x, "Programme")
    assert "先建站后建会模式" in progs
    assert "一看二问三回访" in progs


def test_a_quoted_motto_of_parts_before_a_campaign_tail_names_it(run):
    x = run("湖州市总工会启动“学技能、比贡献，人人争先锋”劳动竞赛,全市80家企业参加。")
    assert "学技能、比贡献，人人争先锋" in names(x, "Programme")
    y = run("湖州市总工会要求各级工会做到“早发现、早处置”,切实维护职工权益。")
    assert names(y, "Programme") == set()


def test_a_name_with_one_quoted_character_is_a_programme_when_launched(run):
    x = run("4月1日,湖州市总工会举办乐“骑”同行暨骑手入会活动。湖州市总“凉”享一夏活动正式开启。")
    assert {"乐骑同行", "凉享一夏"} <= names(x, "Programme")
    y = run("湖州市总工会聚焦“她”需求,带动女职工向“新”而行。")
    assert names(y, "Programme") == set()


def test_plan_document_names_its_programme(run):
    x = run("绍兴市柯桥区总工会印发《柯桥区快递小哥入会攻坚行动实施方案》。")
    assert "快递小哥入会攻坚行动" in names(x, "Programme")


def test_form_modifier_makes_a_named_variant_of_a_lexicon_programme(run):
    x = run("台州市总工会建成流动电子职工书屋和共享职工之家,还在各乡镇推进职工书屋建设。")
    progs = names(x, "Programme")
    assert {"流动电子职工书屋", "共享职工之家", "职工书屋"} <= progs
    # a verb in front is not part of the name
    assert not any(p.startswith("推进") for p in progs)


def test_quoted_words_that_are_no_programme(run):
    x = run(
        "衢州市总工会把建会工作作为“党组成员”重点任务,依托“衢州市工人文化宫”微信公众号宣传,"
        "欢迎职工“比一比”,成为比学赶超的“大舞台”。"
    )
    assert names(x, "Programme") == set()


def test_quoted_names_listed_as_activities(run):
    x = run("舟山市总工会广泛开展“渔嫂巧手助企行”“海岛工匠讲堂进渔村”等活动。")
    assert "渔嫂巧手助企行" in names(x, "Programme")


def test_a_quoted_name_counted_as_facilities_is_a_programme(run):
    x = run("湖州市总工会今年新建市级标准化“暖心哺乳屋”5家,另有“彩虹小站”共12个。")
    progs = names(x, "Programme")
    assert {"暖心哺乳屋", "彩虹小站"} <= progs
    y = run("湖州市总工会说,这是“好日子”3个月来最忙的一天。")
    assert "好日子" not in names(y, "Programme")


def test_a_quoted_name_named_again_without_quotes_is_the_same_programme(run):
    x = run("湖州市总工会调研“清溪职工驿站”建设情况。截至目前,湖州市已建成清溪职工驿站24个。")
    assert "职工驿站" not in names(x, "Programme")
    assert {o["subject"] for o in x["outcomes"]} == {"清溪职工驿站"}


def test_an_event_headed_by_its_place_keeps_the_place(run):
    x = run("9月1日,2023年湖州市职工职业技能大赛在吴兴区开幕,湖州市总工会主办。")
    assert "湖州市职工职业技能大赛" in names(x, "Programme")
    y = run("11月2日,湖州市“清风杯”知识竞赛在吴兴区举行,湖州市总工会主办。")
    assert "湖州市清风杯知识竞赛" in names(y, "Programme")


def test_volunteer_service_programme_and_union_posts_as_tails(run):
    x = run("丽水市总工会积极探索建立乡镇工会会员代表常任制,开展畲乡志愿服务活动80场。")
    progs = names(x, "Programme")
    assert "畲乡志愿服务" in progs
    assert any(p.endswith("会员代表常任制") for p in progs)


def test_a_programme_visitors_look_at_is_not_the_article_unions(run):
    text = (
        "湖州市总工会到德清县调研职工服务工作。"
        "调研组一行来到德清县,实地察看“清风驿站”“骑手小屋”,详细询问运行情况。"
    )
    assert not {t for _, t in rels(run(text), "RUNS")} & {"清风驿站", "骑手小屋"}


def test_a_venue_body_locates_the_programme_launched_there(run):
    x = run("5月8日,长兴县总工会在泗安镇永昌纺织有限公司启动“匠心杯”劳动竞赛。")
    assert {t for _, t in rels(x, "ADOPTED_IN")} == {"泗安镇"}


def test_a_national_launch_is_no_adoption_in_the_places_around_it(run):
    x = run(
        "丽水市总工会主席说,自2018年中华全国总工会启动“司机之家”建设以来,这项工作已在青田县推开。"
    )
    years = {
        (r["head"], r["tail"]): r.get("year") for r in x["relations"] if r["type"] == "ADOPTED_IN"
    }
    assert ("司机之家", "青田县") not in years


# -- people ------------------------------------------------------------------------------
def test_people_titles_bylines_and_lists(run):
    x = run(
        "本报讯(记者林晓雯 通讯员蒋一鸣)丽水市总工会党组书记、常务副主席冯建国介绍,"
        "调研组成员:邹文杰 钱小梅\n《浙江工人日报》记者潘立群)"
    )
    people = names(x, "Person")
    assert {"林晓雯", "蒋一鸣", "冯建国", "邹文杰", "钱小梅", "潘立群"} <= people
    assert ("冯建国", "丽水市总工会") in rels(x, "HOLDS_POSITION")
    assert ("潘立群", "浙江工人日报") in rels(x, "HOLDS_POSITION")


def test_the_first_post_of_a_chain_is_in_the_body_named_with_it(run):
    x = run("揭牌仪式在长兴县泗安镇举行,泗安镇党委委员、镇“两新”组织党委书记钱立新出席。")
    assert ("钱立新", "泗安镇党委") in rels(x, "HOLDS_POSITION")


def test_words_after_role_nouns_are_not_names(run):
    x = run(
        "台州市总工会坚持为职工常态化开展服务,职工满意率达99%,为外来务工人员推出新举措,货车司机邵建平说很满意。"
    )
    assert names(x, "Person") == {"邵建平"}


def test_anonymised_people_kept_out(run):
    x = run("职工王某军向工会反映了问题。")
    assert "王某军" not in names(x, "Person")


# -- outcomes ----------------------------------------------------------------------------
def test_outcomes_values_units_and_subject(run):
    x = run(
        "温州市总工会今年累计投入1.2亿元,服务职工5万余名,满意率达98.5%,并于2023年建成三十余家驿站。"
    )
    got = {(o["value"], o["unit"]) for o in x["outcomes"]}
    assert {(120000000, "元"), (50000, "名"), (98.5, "%"), (30, "家")} <= got
    assert all(o["subject"] == "温州市总工会" for o in x["outcomes"])
    assert not any(o["unit"] == "年" for o in x["outcomes"])


def _subjects(x):
    return {(o["value"], o["unit"]): o["subject"] for o in x["outcomes"]}


def test_outcome_subject_from_the_section_heading(run):
    text = (
        "嘉兴市总工会深化基层服务\n\n一间“暖心屋”守护新就业群体\n\n"
        "针对新就业群体维权难,嘉兴市总工会创新打造“暖心屋”工作室。\n\n"
        "嘉兴市总工会联合多部门组建由6名调解员组成的团队,全年接待职工诉求85起。"
    )
    subj = _subjects(run(text))
    assert subj[(6, "名")] == "暖心屋" and subj[(85, "起")] == "暖心屋"


def test_outcome_subject_is_the_activity_launched_not_its_venue_or_the_heading(run):
    text = (
        "湖州:爱心驿站里飘出粽香\n\n"
        "日前,吴兴区总工会开展“粽情端午 暖心相伴”活动,在城东爱心驿站为环卫工人发放粽子,"
        "300多份礼品很快被领完。"
    )
    assert _subjects(run(text))[(300, "份")] == "粽情端午 暖心相伴"


def test_outcome_subject_counted_programme_and_own_clause(run):
    x = run("湖州市总工会全年建成36个“暖心小屋”,并开展红船志愿服务活动120场。")
    subj = _subjects(x)
    assert subj[(36, "个")] == "暖心小屋"
    assert subj[(120, "场")] == "红船志愿服务"


def test_a_count_of_units_receiving_a_title_counts_that_programme(run):
    x = run("湖州市总工会公布命名结果:今年12家企业获评湖州市劳模创新工作室。")
    assert _subjects(x)[(12, "家")] == "劳模创新工作室"


def test_outcome_subject_is_the_union_beyond_the_programme_clause(run):
    x = run("宁波市总工会实施“快递小哥入会”引导工程,通过走访宣传,截至目前,已入会快递员达1800人。")
    assert _subjects(x)[(1800, "人")] == "宁波市总工会"


def test_outcome_subject_is_the_union_the_sentence_opens_with(run):
    x = run(
        "宁波市总工会为快递员入会搭桥,成立宁波市快递行业工会联合会,截至目前,已入会快递员达1800人。"
    )
    assert _subjects(x)[(1800, "人")] == "宁波市总工会"


def test_place_statistics_and_list_counts_are_not_outcomes(run):
    x = run(
        "温岭市有外来务工人员近20万人,企业超过8000家。台州市总工会从安全、技能、权益三个方面开展服务。"
    )
    got = {(o["value"], o["unit"]) for o in x["outcomes"]}
    assert (200000, "人") not in got and (8000, "家") not in got and (3, "个") not in got


def test_evidence_and_offsets_point_into_the_original(run):
    text = "杭州市總工會推出“新業態驛站”項目。"  # traditional characters
    x = run(text)
    union = next(e for e in x["entities"] if e["type"] == "TradeUnion")
    assert union["name"] == "杭州市总工会"
    m = union["mentions"][0]
    assert text[m["start"] : m["end"]] == m["text"] == "杭州市總工會"


# -- evidence ------------------------------------------------------------------------------
def test_evidence_of_a_page_without_sentence_ends_is_a_window_around_the_fact(run):
    from extract.context import MAX_EVIDENCE

    filler = "他们在这里认真工作并且" * 400  # 4,400 characters with no sentence end
    fact = "宁波市总工会开展职工书屋建设"
    x = run(filler + fact + filler)
    runs = [r for r in x["relations"] if r["type"] == "RUNS"]
    assert runs and all(r["head"] == "宁波市总工会" for r in runs)
    for r in runs:
        for ev in r["evidence"]:
            assert fact in ev["sentence"] and len(ev["sentence"]) <= MAX_EVIDENCE
            assert ev["end"] - ev["start"] <= MAX_EVIDENCE
    # a fact at the very start of the page gets the first MAX_EVIDENCE characters
    x = run(fact + filler)
    ev = [r for r in x["relations"] if r["type"] == "RUNS"][0]["evidence"][0]
    assert ev["sentence"].startswith(fact) and len(ev["sentence"]) == MAX_EVIDENCE


def test_the_place_of_a_dateline_is_no_adoption_place(run):
    x = run("本报成都讯 2020年，四川省总工会在全省推广“职工书屋”建设。")
    adopted = {
        (r["head"], r["tail"], r.get("year")) for r in x["relations"] if r["type"] == "ADOPTED_IN"
    }
    assert adopted == {("职工书屋", "四川省", 2020)}
    x = run("新华社武汉3月1日电 武汉市总工会今年在江岸区建成“爱心驿站”。")
    assert ("爱心驿站", "江岸区") in rels(x, "ADOPTED_IN")


def test_unions_that_act_together_all_run_the_programme(run):
    x = run("本报讯 近日，苏州市总工会与吴中区总工会共同建设的“暖蜂驿站”正式启用。")
    assert {("苏州市总工会", "暖蜂驿站"), ("吴中区总工会", "暖蜂驿站")} <= rels(x, "RUNS")


def test_posts_in_brackets_and_in_lists(run):
    x = run("本报讯 昨天，盐城市总工会召开会议，王建国（盐城市总工会主席）表示，要做好服务。")
    assert ("王建国", "盐城市总工会") in rels(x, "HOLDS_POSITION")
    x = run("盐城市总工会党组书记、常务副主席孙立新，副主席周敏等参加。")
    assert {("孙立新", "盐城市总工会"), ("周敏", "盐城市总工会")} <= rels(x, "HOLDS_POSITION")


def test_hedged_figures_with_a_multiplier(run):
    x = run("本报讯 6月，南京市总工会启动“清凉行动”，投入资金300余万元，服务职工20多万人次。")
    figures = {(o["value"], o["unit"]) for o in x["outcomes"]}
    assert {(3_000_000, "元"), (200_000, "人次")} <= figures


def test_evidence_per_relation_is_capped_and_the_rest_counted(run):
    from extract.pipeline import MAX_EVIDENCE_PER_RELATION

    text = "".join(
        f"第{i}条：宁波市总工会开展“职工书屋”建设。" for i in range(MAX_EVIDENCE_PER_RELATION + 7)
    )
    x = run(text)
    runs = [r for r in x["relations"] if r["type"] == "RUNS"]
    assert len(runs) == 1
    assert len(runs[0]["evidence"]) == MAX_EVIDENCE_PER_RELATION and runs[0]["evidence_more"] == 7
    assert len({e["start"] for e in runs[0]["evidence"]}) == MAX_EVIDENCE_PER_RELATION


def test_a_headline_programme_is_the_topic_only_of_paragraphs_that_name_it(run):
    text = (
        "工人日报 2025年3月1日 星期六 第2版 要闻\n\n"
        "南京市“暖心驿站建设行动”启动\n\n"
        "本报讯 3月1日，南京市总工会启动“暖心驿站建设行动”，今年新建驿站50个。\n\n"
        "据介绍，去年全市新签集体合同3000份，覆盖职工20万人。"
    )
    subj = _subjects(run(text))
    assert subj[(3000, "份")] != "暖心驿站建设行动" and subj[(200000, "人")] != "暖心驿站建设行动"
    assert subj[(50, "个")] == "暖心驿站建设行动"


def test_a_facility_named_again_by_its_head_noun_is_the_subject(run):
    text = (
        "本报讯 今年，盐城市总工会与区法院联合设立盐都区劳动争议调解工作站。\n\n"
        "截至目前，工作站已成功调解案件100余起，为职工挽回经济损失300余万元。"
    )
    subj = _subjects(run(text))
    assert subj[(100, "起")] == subj[(3_000_000, "元")] == "劳动争议调解工作站"


def test_a_short_form_in_brackets_names_the_same_body(run):
    x = run(
        "本报讯 6月24日，湖北省总工会在湖北交通投资集团有限公司（湖北交投集团）安陆服务区举行活动。"
        "湖北交投集团工会主席张明出席。"
    )
    orgs = [e for e in x["entities"] if e["type"] == "Organization"]
    assert [e["name"] for e in orgs] == ["湖北交通投资集团有限公司"]
    assert "湖北交投集团" in orgs[0]["aliases"]


def test_names_differing_only_by_a_level_character_are_one_body(run):
    x = run("本报讯 这座驿站由铁塔宣城分公司与宣州区总工会合作建成。铁塔宣城市分公司负责日常维护。")
    orgs = [e["name"] for e in x["entities"] if e["type"] == "Organization"]
    assert orgs == ["铁塔宣城分公司"]


def test_posts_in_a_department_and_bylines_with_an_unbracketed_paper(run):
    x = run(
        "本报讯 会上，驻马店市总工会网络宣教和职工服务部部长杨中启介绍了情况。\n\n（甘肃工人报记者 李成章）"
    )
    held = rels(x, "HOLDS_POSITION")
    assert ("杨中启", "驻马店市总工会") in held
    assert ("李成章", "甘肃工人报") in held
