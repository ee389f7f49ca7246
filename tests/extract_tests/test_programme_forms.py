"""Programme forms of union news writing, on made-up sentences (issue 14)."""

import pytest


def programmes(x):
    return {e["name"] for e in x["entities"] if e["type"] == "Programme"}


def test_a_short_brand_before_a_tail_may_hold_a_function_character(run):
    # 都 is a function word elsewhere; before a platform tail the quote is a brand
    x = run("由某某县总工会联合打造的“山都优选”职工普惠平台,吸纳商户200余家。")
    assert "山都优选" in programmes(x)
    y = run("他说“都来看看”就好。")
    assert programmes(y) == set()


def test_a_size_word_and_a_family_noun_in_quotes_is_a_figure(run):
    x = run("某某县总工会让“小驿站”发挥“大作用”,让“大课堂”走进车间。")
    assert programmes(x) == set()


def test_a_word_with_a_plus_sign_runs_on_to_its_head_noun(run):
    x = run("某某省总工会在全省开展“互联网+”工会普惠性服务城市创建活动。")
    assert "互联网+工会普惠性服务" in programmes(x)
    assert "互联网+" not in programmes(x)


def test_an_unquoted_event_joined_by_ji_after_a_verb_of_holding(run):
    x = run("湖州市总工会举办了某某公司快递员集中入会仪式暨冬季关爱活动,50名快递员参加。")
    assert "某某公司快递员集中入会仪式暨冬季关爱活动" in programmes(x)
    assert ("湖州市总工会", "某某公司快递员集中入会仪式暨冬季关爱活动") in {
        (r["head"], r["tail"]) for r in x["relations"] if r["type"] == "RUNS"
    }


def test_an_unquoted_campaign_after_a_verb_of_holding_keeps_its_tail(run):
    x = run("某某市总工会将在全市范围内开展职工子女助学关爱行动,资助困难职工子女。")
    assert "职工子女助学关爱行动" in programmes(x)
    # an activity with no name of its own is not one
    y = run("某某市总工会开展女职工权益法律知识宣传普及活动。")
    assert programmes(y) == set()


def test_an_event_named_again_without_its_place_is_the_same_event(run):
    x = run(
        "5月,德清县总工会举办德清县木雕行业职工技能竞赛。"
        "6月,该县木雕行业职工技能竞赛决出10名技术能手。"
    )
    assert {p for p in programmes(x) if p.endswith("技能竞赛")} == {"德清县木雕行业职工技能竞赛"}


def test_a_tail_that_begins_inside_a_word_keeps_the_word(run):
    # the segmenter cuts 职业技能|竞赛: the name still runs left over the whole word
    x = run("6月1日,第三届江南片区纺织行业职业技能竞赛在某某厂开幕。")
    assert "江南片区纺织行业职业技能竞赛" in programmes(x)
    # the cut word alone before the tail is no name
    y = run("某某县总工会举办了全县职业技能竞赛。")
    assert programmes(y) == set()


def test_a_quoted_name_before_a_ceremony_is_the_event(run):
    x = run("12月5日,某某市“快递员集中入会”仪式在某某广场举行。")
    assert "快递员集中入会" in programmes(x)


# forms of programme names (the last session of 3 December): the text, the programmes
# found in it, and a union that runs one of them (None: not asserted)
_FORMS = [
    # a launch verb alone between a quote and 仪式: the ceremony launches the thing quoted
    (
        "宜昌市总工会“星光工坊”揭牌仪式暨座谈会昨日举行。",
        {"星光工坊"},
        ("宜昌市总工会", "星光工坊"),
    ),
    # a launched motto in the first person before a campaign's tail is a name ...
    ("宜昌市总工会启动“关爱农民工我们在行动”系列活动。", {"关爱农民工我们在行动"}, None),
    # ... but quoted speech with a pronoun stays speech
    ("他说：“我们在行动”，活动很好。", set(), None),
    # an unquoted project or campaign month launched keeps a place's short form glued on
    (
        "宜昌市总工会启动宜昌工匠培育工程，首批50名产业工人入选。",
        {"宜昌工匠培育工程"},
        ("宜昌市总工会", "宜昌工匠培育工程"),
    ),
    ("宜昌市总工会启动女职工维权关爱行动月。", {"女职工维权关爱行动月"}, None),
    # the place's full name in front is where it is held, not part of the name
    ("宜昌市总工会开展宜昌市职工关爱行动。", {"职工关爱行动"}, None),
    # a quote after a verb of serving a policy is no programme ...
    ("宜昌市总工会继续做好“六稳”“六保”工作，助力“美丽宜昌”建设。", set(), None),
    # ... but a system of work of its own after the quote is the union's
    ("宜昌市总工会结合落实“我和一线劳动者在一起”工作制度。", {"我和一线劳动者在一起"}, None),
    # a quoted station named by its union
    (
        "宜昌市总工会成立“宜昌市工会法律援助工作站”。",
        {"宜昌市工会法律援助工作站"},
        ("宜昌市总工会", "宜昌市工会法律援助工作站"),
    ),
    # a particle inside a word of a quoted name is no speech; standing alone it is
    ("宜昌市总工会表示，4400万元将用于“高原职工氧吧”项目。", {"高原职工氧吧"}, None),
    ("宜昌市总工会号召职工“一起来吧”。", set(), None),
    # troupes and alliances set up by a union
    ("宜昌市总工会组建全省工会系统首个工会律师服务团。", {"工会律师服务团"}, None),
    (
        "宜昌市总工会组织成立户外劳动者爱心联盟。",
        {"户外劳动者爱心联盟"},
        ("宜昌市总工会", "户外劳动者爱心联盟"),
    ),
    # a quoted numeral code runs on to the campaign's head noun after the quote
    (
        "宜昌市总工会为女职工开展免费“两癌”筛查活动，共筛查1200人。",
        {"两癌筛查"},
        ("宜昌市总工会", "两癌筛查"),
    ),
    ("宜都市总工会在全市推进“六好”乡镇工会建设。", {"六好乡镇工会建设"}, None),
]


@pytest.mark.parametrize("text,names,runner", _FORMS)
def test_programme_name_forms(run, text, names, runner):
    x = run(text)
    assert programmes(x) == names
    if runner is not None:
        assert runner in rels(x, "RUNS")


@pytest.mark.parametrize(
    "text,absent",
    [
        # a launch verb that goes on to another thing is no ceremony of the quoted one
        ("宜昌市总工会在“星光园区”内设立驿站。", "星光园区"),
        # a visitor's verb is no word of an unquoted name
        ("宜昌市总工会举办职工技能大赛，参与活动领导现场观摩技能竞赛。", "观摩"),
        # a code before a manner of serving, not a campaign's head, runs on to nothing
        ("宜昌市总工会为职工提供“一站式”贴心服务。", "一站式贴心服务"),
    ],
)
def test_programme_name_forms_that_name_nothing(run, text, absent):
    assert not {p for p in programmes(run(text)) if absent in p}


def test_a_long_union_formula_before_a_tail_is_a_programme(run):
    x = run("6月9日,某某县总工会启动“工会+法院+检察院+人社+司法+N”协调机制。")
    assert "工会+法院+检察院+人社+司法+N" in programmes(x)
    # a long formula without the union in it is a list of modes, not a name
    y = run("某某县总工会启动“线上+线下+社区+企业+学校+医院+N”协调机制。")
    assert programmes(y) == set()


def test_an_unquoted_formula_with_its_head_noun_is_a_programme(run):
    x = run("近年来嘉兴市总工会通过“四送”活动、6+X综合服务集市、技能竞赛等关爱货车司机。")
    assert "6+X综合服务集市" in programmes(x)
    assert ("嘉兴市总工会", "6+X综合服务集市") in {
        (r["head"], r["tail"]) for r in x["relations"] if r["type"] == "RUNS"
    }
    # a sum with no head noun names nothing
    assert programmes(run("2023年嘉兴市工业产值增长5+2个百分点。")) == set()


def test_a_centre_named_by_the_zone_it_serves_is_a_programme(run):
    x = run("11月18日，嘉兴市南湖区总工会在东栅国际商贸合作区职工服务中心举行揭牌仪式。")
    names = programmes(x)
    assert "东栅国际商贸合作区职工服务中心" in names, names
    orgs = {e["name"] for e in x["entities"] if e["type"] == "Organization"}
    assert "东栅国际商贸合作区职工服务中心" not in orgs
    # a division's own centre is the generic family, not a named one
    y = run("嘉兴市职工服务中心为职工提供法律咨询。")
    assert "嘉兴市职工服务中心" not in programmes(y)


def test_an_activity_headed_by_its_year_in_a_title_is_a_programme(run):
    x = run("近日,湖州市总工会举办“相约湖城 缘定今生”——2023年全市单身职工联谊会。")
    assert {"相约湖城 缘定今生", "单身职工联谊会"} <= programmes(x)
    runs = {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == "RUNS"}
    assert ("湖州市总工会", "单身职工联谊会") in runs
    y = run("由湖州市总工会开展的“快乐暑假”2024年暑期职工子女爱心托管班正式开班。")
    assert "暑期职工子女爱心托管班" in programmes(y)
    # a year in running text, not in a title or after a verb of holding, names nothing
    z = run("湖州市总工会表示2024年职工子女爱心托管班将更多。")
    assert "职工子女爱心托管班" not in programmes(z)


def test_a_quoted_title_with_a_subtitle_is_named_by_its_motto(run):
    x = run("这是碑林区总工会举办的“暖‘新’同行 快乐冬日——快递员冬送温暖暨趣味运动会”的一个环节。")
    assert "暖新同行快乐冬日" in programmes(x)
    runs = {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == "RUNS"}
    assert ("碑林区总工会", "暖新同行快乐冬日") in runs
    # a dash in quoted speech with no programme tail after it names nothing
    assert programmes(run("碑林区总工会主席说“我们都很好——请大家放心”。")) == set()


def test_a_community_before_a_site_is_where_the_brand_stands(run):
    x = run("远安县总工会在东庄坪社区暖新驿站准备了汤圆和姜茶。")
    assert "暖新驿站" in programmes(x)
    assert "东庄坪社区暖新驿站" not in programmes(x)
    runs = {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == "RUNS"}
    assert ("远安县总工会", "暖新驿站") in runs


def test_an_item_of_a_list_of_forms_is_no_programme(run):
    x = run("某某市总工会举办技能竞赛，采取理论考试、实作竞赛等形式。")
    assert "实作竞赛" not in programmes(x)
    # the same name as the object of a verb of holding stays a programme
    y = run("某某市总工会举办理论考试和实作竞赛。")
    assert "实作竞赛" in programmes(y)


def test_a_quote_before_a_demonstration_site_names_the_model(run):
    x = run("芝罘区总工会将区职工服务中心的法律工作站确定为区级“和谐枫林”示范点。")
    assert "和谐枫林" in programmes(x)
    runs = {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == "RUNS"}
    assert ("芝罘区总工会", "和谐枫林") in runs


def test_a_listed_kind_of_contest_held_by_a_place_is_that_places_event(run):
    # the bare kind (职工技能大赛) is a generic family; after a place it names one event,
    # and its edition (第三届) is left out of the name
    x = run("本报讯 某某县总工会举办第三届安新县职工技能大赛，200余名选手参赛。")
    assert "安新县职工技能大赛" in programmes(x)
    x = run("本报讯 某某县总工会举办安新县第二届职工职业技能大赛。")
    assert "安新县职工职业技能大赛" in programmes(x)
    x = run("本报讯 某某县总工会举办第三届职工技能大赛。")
    assert "职工技能大赛" not in programmes(x)


def test_contests_named_by_a_quote_or_a_place_before_their_kind(run):
    x = run("本报讯 由某某县总工会主办的“安新工匠杯”焊工技能比武落下帷幕。")
    assert "安新工匠杯" in programmes(x)
    x = run("本报讯 近日，安新县第五届职工运动会开幕。")
    assert "安新县职工运动会" in programmes(x)


def rels(x, rtype):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == rtype}


def test_a_seasonal_campaign_the_article_names_twice_is_its_programme(run):
    x = run("宜昌市总工会“送清凉”慰问活动启动仪式在此举行。此次“送清凉”活动组建了2个慰问小组。")
    assert "送清凉" in programmes(x)
    assert ("宜昌市总工会", "送清凉") in rels(x, "RUNS")
    # the figure stays the union's: the campaign is a generic family
    assert {o["subject"] for o in x["outcomes"]} == {"宜昌市总工会"}
    y = run("宜昌市总工会下拨资金用于送温暖活动。这次送温暖活动还包括送医疗。")
    assert ("宜昌市总工会", "送温暖") in rels(y, "RUNS")
    # named once in passing, the family stays generic and unreported
    z = run("宜昌市总工会开展送温暖活动,走访困难职工。")
    assert programmes(z) == set()
    # once is enough when quoted right after a launch verb: the activity is named
    w = run("宜昌市总工会开展“送清凉”慰问活动,走访一线职工。")
    assert ("宜昌市总工会", "送清凉") in rels(w, "RUNS")
    v = run("宜昌市总工会到各县开展“送清凉”关爱慰问活动。")
    assert ("宜昌市总工会", "送清凉") in rels(v, "RUNS")
    u = run("宜昌市总工会表示，要常态化开展“送温暖”等关爱活动。")
    assert ("宜昌市总工会", "送温暖") in rels(u, "RUNS")


def test_a_quoted_qualifier_before_a_generic_family_names_one_activity(run):
    x = run("宜昌市总工会把工资清欠作为“两节”送温暖活动的重要内容。")
    assert programmes(x) == {"两节送温暖"}


def test_a_first_person_motto_before_a_system_tail_is_a_name(run):
    x = run("宜昌市总工会要求各级工会落实“我和一线职工在一起”工作制度,多深入车间。")
    assert "我和一线职工在一起" in programmes(x)
    assert ("宜昌市总工会", "我和一线职工在一起") in rels(x, "RUNS")
    # speech stays speech: a second person, or no system tail after the quote
    y = run("他说:“我和你们在一起”工作就好做了。她说“我们一起干”。")
    assert programmes(y) == set()


def test_a_service_named_by_its_number_keeps_the_number(run):
    x = run("宜昌市总工会充分发挥“12351”职工维权热线和法律援助中心的作用。")
    assert "12351职工维权热线" in programmes(x)
    assert ("宜昌市总工会", "12351职工维权热线") in rels(x, "RUNS")
    # a listed form stays the lexicon's programme; a phone number names nothing
    y = run("职工可拨打12351热线求助,咨询电话0717123456。")
    assert programmes(y) == {"12351职工服务热线"}


def test_an_academy_named_by_its_place_is_a_programme_of_its_own(run):
    x = run("调研组实地调研了某某科技有限公司、武进工匠学院和竹缘工会驿站。")
    assert "武进工匠学院" in programmes(x)
    assert "武进工匠学院" not in {e["name"] for e in x["entities"] if e["type"] == "Organization"}
    assert ("武进工匠学院", "武进区") in rels(x, "ADOPTED_IN")
    # without a place the family is a kind of academy: generic, unreported
    y = run("整合“劳模工匠学院”“产业工人学院”等服务阵地资源,加强工匠学院建设。")
    assert programmes(y) == set()


def test_the_second_part_of_a_joined_title_launched_or_held_is_an_event(run):
    x = run(
        "本报讯 宜昌市总工会第五届职工文化艺术节闭幕式暨送春联回家乡迎新活动启动仪式在某广场举行。"
    )
    assert "送春联回家乡迎新活动" in programmes(x)
    assert ("宜昌市总工会", "送春联回家乡迎新活动") in rels(x, "RUNS")
    # a clause that goes on (的 as a word) names no event
    y = run("本报讯 宜昌市总工会闭幕式暨各单位的关爱活动在某广场举行。")
    assert not {p for p in programmes(y) if "关爱" in p}


def test_the_spring_employment_campaign_keeps_its_own_name(run):
    x = run("本报讯 宜昌市总工会联合市人社局开展2026年春风行动,送岗位到村。")
    assert "春风行动" in programmes(x)
    assert "春送岗位" not in programmes(x)


def test_a_quoted_brand_opening_with_a_unions_name_before_an_app_tail(run):
    x = run("宜昌市总工会推出“宜昌工会e”小程序,会员可在线办理入会。")
    assert "宜昌工会e" in programmes(x)
    assert ("宜昌市总工会", "宜昌工会e") in rels(x, "RUNS")
    # the union's own name in quotes, with nothing after it, is the union
    y = run("本报讯 “宜昌市总工会”小程序上线。")
    assert programmes(y) == set()


def test_a_quoted_list_of_aims_before_the_bare_word_work_names_nothing(run):
    x = run("宜昌市总工会努力把“尊重劳模、关爱劳模、学习劳模”工作做实做好。")
    assert programmes(x) == set()
    # a head noun between the list and the tail still names the model
    y = run("宜昌市总工会打造“区域谈底线、行业谈标准”协商模式。")
    assert "协商模式" in programmes(y)


def test_the_unions_open_formula_in_quotes_names_its_model(run):
    x = run("安平县总工会充分发挥“工会+”作用,与该县人社、法院形成合力。")
    assert "工会+" in programmes(x)
    assert ("安平县总工会", "工会+") in rels(x, "RUNS")
    y = run("某某街道工会以“工会+N”的方式开展多种活动。")
    assert "工会+N" in programmes(y)
    # a formula of fields (工会+劳动仲裁) with nothing to name it is a field of work
    z = run("某某街道工会在“工会+劳动仲裁”方面做了探索。")
    assert programmes(z) == set()


def test_a_balanced_motto_names_its_campaign_across_a_longer_description(run):
    # two phrases of four to six characters, joined by 、 · or a dot, then up to twelve
    # characters saying what the campaign is, then its tail
    x = run("青阳县总工会开展的“浓情中秋节、暖‘新’心相连”节前慰问新就业群体活动。")
    assert "浓情中秋节、暖新心相连" in programmes(x)
    assert ("青阳县总工会", "浓情中秋节、暖新心相连") in rels(x, "RUNS")
    y = run("宝鸡市总工会2022年度“工会伴你行·健康每一天”一线职工疗休养活动正式启动。")
    assert "工会伴你行·健康每一天" in programmes(y)
    z = run("雁塔区总工会召开了“学法用法.共创和谐”服务农民工公益法律服务行动启动仪式。")
    assert "学法用法.共创和谐" in programmes(z)
    # a stop word standing as a word of its own ends the description: no name
    w = run("雁塔区总工会认为“学法用法、共创和谐”是这次宣传活动的主题。")
    assert programmes(w) == set()


def test_a_competition_headed_by_its_year_after_a_verb_of_organising(run):
    x = run("宝鸡市总工会与宝鸡市交通运输局联合主办2023年宝鸡市网约车司机职业技能大赛。")
    assert "宝鸡市网约车司机职业技能大赛" in programmes(x)
    assert ("宝鸡市总工会", "宝鸡市网约车司机职业技能大赛") in rels(x, "RUNS")
    y = run("由宝鸡市总工会主办，各产业工会先后承办了2022年度行业职工技能比赛。")
    assert "行业职工技能比赛" in programmes(y)
    # a year in running text before a competition names nothing
    z = run("宝鸡市总工会在2023年职工技能比赛中获得组织奖。")
    assert programmes(z) == set()


def test_a_numeral_right_before_a_tail_counts_it(run):
    x = run("大赛围绕装备制造、电子信息、新材料三大赛道，共有200个项目晋级总决赛。")
    assert programmes(x) == set()
    # a name ending before the tail is still one
    y = run("宝鸡市总工会举办首届新材料行业职业技能大赛。")
    assert any(p.endswith("职业技能大赛") for p in programmes(y))


def test_a_person_who_acts_names_no_studio(run):
    x = run("市总工会党组成员、副主席王振国参加劳模工作室建设现场会并提出创建要求。")
    assert not any(p.startswith("王振国") for p in programmes(x))
    y = run("宝鸡市总工会为王建国劳模创新工作室授牌。")
    assert "王建国劳模创新工作室" in programmes(y)


def test_a_person_who_acts_names_no_studio_in_fast_mode():
    from extract.pipeline import Extractor
    from extract.records import Document

    fast = Extractor(fast=True)
    text = "市总工会党组成员、副主席王振国参加劳模工作室建设现场会并提出创建要求。"
    x = fast(Document(doc_id="t", text=text)).to_json()
    assert not any(p.startswith("王振国") for p in programmes(x))


def test_a_run_of_quotes_before_one_tail_names_every_item(run):
    x = run("座谈会上，王某听取了雁塔区总工会工作汇报，观摩了“雁塔技工”“雁塔文旅云”应用展示。")
    assert {"雁塔技工", "雁塔文旅云"} <= programmes(x)
    # a quote with no tail after its run names nothing
    y = run("座谈会上，王某说到了“雁塔技工”“雁塔文旅云”的区别。")
    assert programmes(y) == set()


def test_a_balanced_motto_right_before_a_name_tail_is_a_name(run):
    x = run("雁塔区总工会打造“同心相聚,共享幸福”品牌，助力新就业群体融入城市。")
    assert "同心相聚,共享幸福" in programmes(x)
    # before the bare word 工作 a list of aims still names nothing
    y = run("宜昌市总工会努力把“尊重劳模、关爱劳模”工作做实做好。")
    assert programmes(y) == set()


def test_a_code_of_figures_in_quotes_names_a_method(run):
    text = (
        "今年，宝鸡市总工会继续探索党建带工建“242”工作机制，促进了工会工作健康发展。"
        "某公司工会实行“242”机制，当好职工的娘家人。"
    )
    x = run(text)
    assert programmes(x) == {"242工作机制"}
    assert ("宝鸡市总工会", "242工作机制") in rels(x, "RUNS")
    # a figure in quotes with no method's tail is no name
    y = run("宝鸡市总工会开通“12”条服务。")
    assert programmes(y) == set()


def test_a_count_before_a_tail_is_no_part_of_the_name(run):
    # 发|百万张|职工服务卡: the numeral with its measure word counts the cards
    names = programmes(run("湖北省总工会今年将发百万张职工服务卡，每张卡可享受优惠。"))
    assert not any(n.startswith(("百万", "万张")) for n in names)


def test_a_grade_alone_before_a_tail_names_no_programme(run):
    # 三星级|工作室, 五星级|职工之家: the grade a rating gives sites of a family
    names = programmes(run("某区总工会公示三星级工作室5家、二星级创新工作室23个。"))
    assert not any("星级" in n for n in names)


def test_a_list_of_studios_each_named_by_a_person(run):
    # no cue makes 甲, 乙 persons; the list of one family's studios does
    x = run("其中，崔立文劳模创新工作室、孟晓飞劳模创新工作室入选三星级创新工作室。")
    assert {"崔立文劳模创新工作室", "孟晓飞劳模创新工作室"} <= programmes(x)
    # a family named alone, or after a place, stays the family
    y = run("全区共有劳模创新工作室、职工创新工作室20家，桐乡劳模创新工作室揭牌。")
    assert not any(n.startswith(("共有", "桐乡劳模")) for n in programmes(y))


@pytest.mark.parametrize(
    "text,names",
    [
        # 基地 and 服务圈 end a quoted name
        (
            "本报讯 安顺市总工会打造“15分钟职工服务圈”,并建成“职工疗休养基地”。",
            {"15分钟职工服务圈", "职工疗休养基地"},
        ),
        # a long quoted name right after a launch verb keeps its place and its audience
        (
            "本报讯 安顺市总工会联合市人民医院成立了“安顺市劳动模范和黔中工匠健康服务驿站”。",
            {"安顺市劳动模范和黔中工匠健康服务驿站"},
        ),
        # a quoted motto of parts before 工作方法 names it
        (
            "本报讯 赣南县总工会创新推出“三融入、三结合、三服务”工作方法，加快驿站建设。",
            {"三融入、三结合、三服务"},
        ),
    ],
)
def test_quoted_names_found_on_unseen_text(run, text, names):
    assert names <= programmes(run(text))


def test_a_quoted_name_before_a_lecture_hall_word(run):
    x = run("本报讯 福山市总工会邀请劳模走上“五月风”讲坛，开设“匠心”讲堂。")
    found = {e["name"]: e["aliases"] for e in x["entities"] if e["type"] == "Programme"}
    assert "五月风讲坛" in found["五月风"] and "匠心讲堂" in found["匠心"]


def test_an_edition_a_pronoun_or_an_attribute_alone_before_a_tail_names_nothing(run):
    x = run("本报讯 本届大赛延续了首届大赛的经验，决出团体奖、单项竞赛奖等奖项。")
    assert not programmes(x) & {"首届大赛", "本届大赛", "单项竞赛"}
    # a name of its own before the same tail still is one
    assert "工匠杯" in programmes(run("本报讯 宜昌市总工会举办“工匠杯”技能大赛。"))


def test_a_quoted_strategy_is_a_policy_not_a_programme(run):
    x = run("本报讯 某区总工会团结职工为深入实施“东拓西进”战略作出贡献。")
    assert "东拓西进" not in programmes(x)
