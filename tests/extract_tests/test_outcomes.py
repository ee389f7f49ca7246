"""Outcome figures and their subjects on short sentences written for these tests (not
taken from any source)."""

import pytest


def _figures(x):
    return {(o["value"], o["unit"]) for o in x["outcomes"]}


def test_counts_in_one_chinese_digit_describe_rather_than_report(run):
    x = run(
        "德阳市总工会实施“五位一体”服务体系，组织二次协调会，职工分六组开展活动，"
        "共服务职工3000余名，建成十余家驿站。"
    )
    got = _figures(x)
    assert {(3000, "名"), (10, "家")} <= got
    assert not {(5, "位"), (2, "次"), (6, "组")} & got


def test_vague_amounts_size_classes_and_durations_are_no_figures(run):
    x = run(
        "德阳市总工会把优惠扩展到百余个项目，特约商户达数百家。"
        "全市百人以上建会企业建制率保持在90%以上。经过3个多月的比拼，120名选手进入决赛。"
    )
    got = _figures(x)
    assert {(100, "个"), (90, "%"), (120, "名")} <= got
    assert not {(100, "家"), (100, "人"), (3, "个")} & got


def test_goods_handed_out_are_counted_by_weight_and_box(run):
    x = run("德阳市总工会开展“夏日送清凉”活动，共送出绿豆500余斤、大米300公斤、防暑药品12箱。")
    assert {(500, "斤"), (300, "公斤"), (12, "箱")} <= _figures(x)


def test_the_quota_of_a_prize_class_is_no_result(run):
    x = run("德阳市总工会举办职工技能大赛，120名职工参赛，将评出一等奖2名、二等奖4名。")
    got = _figures(x)
    assert (120, "名") in got and not {(2, "名"), (4, "名")} & got


def test_a_range_bound_restated_in_brackets_is_no_second_figure(run):
    x = run("德阳市总工会筹集资金50万元，补助自付费用超过2万元（含2万元）的职工，每人5000元。")
    got = [(o["value"], o["unit"]) for o in x["outcomes"]]
    assert (500_000, "元") in got and got.count((20_000, "元")) == 1


def test_a_count_of_people_with_a_bracketed_times_is_in_person_times(run):
    x = run("德阳市总工会志愿服务队今年开展服务40场，参与1200余人(次)。")
    assert (1200, "人次") in _figures(x) and (1200, "人") not in _figures(x)


def test_a_headline_figure_repeated_in_the_story_with_another_unit_is_reported_once(run):
    x = run(
        "德阳市总工会确定36家职工爱心托管班\n\n"
        "近日，德阳市总工会印发通知，确定了36个托管班为职工爱心托管班。"
    )
    assert [(o["value"], o["unit"]) for o in x["outcomes"]] == [(36, "个")]


# text, figure, subject
SUBJECTS = {
    "the union of the figure's own clause, not the sentence's first": (
        "遂宁市总工会一行到德阳市总工会送上锦旗，感谢德阳市总工会对该行业96名职工的救助。",
        (96, "名"),
        "德阳市总工会",
    ),
    "with no union in its clause, the union the sentence opens with": (
        "宁波市总工会为快递员入会搭桥，截至目前，已入会快递员达1800人。",
        (1800, "人"),
        "宁波市总工会",
    ),
    "a programme after a demonstrative is its sentence's topic": (
        "德清县总工会这次“夏日送清凉”活动，共送出西瓜300余斤，总价值12000余元。",
        (12000, "元"),
        "夏日送清凉",
    ),
    "a count before a place, a level and a quoted facility": (
        "德阳市总工会日前为6家德阳市市级“劳模创新工作室”授牌。",
        (6, "家"),
        "劳模创新工作室",
    ),
    "a facility named again after a plural demonstrative": (
        "德阳市总工会建成12家“爱心修车点”。这些修车点为骑手提供检测服务，每次救援还可获得80元补助。",
        (80, "元"),
        "爱心修车点",
    ),
    "a count after a launch verb counts the quoted facility it sets up": (
        "德阳市总工会今年建成12家“爱心修车点”，为骑手提供检测服务。",
        (12, "家"),
        "爱心修车点",
    ),
    "an event quoted once after a launch verb gets its participants": (
        "德阳市总工会日前举办“携手同行·共创未来”2024年新就业形态劳动者联谊会，近百名劳动者代表参加。",
        (100, "名"),
        "携手同行·共创未来",
    ),
    "things made and counted after a quote are no event": (
        "德阳市总工会精心打造“金牌菜单”30个，全年开展宣讲200场。",
        (200, "场"),
        "德阳市总工会",
    ),
    "an event reported held gives its figures to the programme": (
        "本报讯 8月21日，德阳市总工会2024年金秋助学仪式举行，"
        "德阳市总工会为即将步入大学的150名困难职工子女每人发放助学金。",
        (150, "名"),
        "金秋助学",
    ),
    "another union acting after the event keeps its figure": (
        "本报讯 德阳市总工会2024年金秋助学仪式举行，遂宁市总工会为80名困难职工子女发放助学金。",
        (80, "名"),
        "遂宁市总工会",
    ),
    "a lead figure goes to the union named after it": (
        "德阳市总工会持续服务新就业形态劳动者。\n\n"
        "30余名快递员比速度、比服务……日前，遂宁市邮政快递行业工会组织开展了一次技能比武。",
        (30, "名"),
        "遂宁市邮政快递行业工会",
    ),
    "a subtitle under the headline leaves the headline's programme the topic": (
        "德阳市总工会打造“德工惠购”品牌\n\n全年服务职工60万人次\n\n"
        "近年来，德阳市总工会构建普惠福利体系，不断延伸服务链条，全年服务60万人次，"
        "带动消费3000万元。“德工惠购”已覆盖全市。",
        (30_000_000, "元"),
        "德工惠购",
    ),
    "another union than the article's in the figure's clause, under a headline topic": (
        "德阳市总工会打造“德工惠购”品牌\n\n德阳市总工会构建普惠福利体系，德阳市总工会不断延伸服务链条。\n\n"
        "春节期间，旌阳区总工会筹集50万元资金，推出“德工惠购”专场活动。",
        (500_000, "元"),
        "旌阳区总工会",
    ),
    "the programme a paragraph opens with, when only the article's union acts": (
        "德阳市总工会为困难职工子女发放助学金。\n\n"
        "“金秋助学”活动旨在帮助困难职工子女就学。德阳市总工会多年来累计筹集资金3000万元，"
        "资助困难职工子女2万余名。",
        (20000, "名"),
        "金秋助学",
    ),
    "a count of unions goes to the union the article is about": (
        "德阳市总工会推动新业态劳动者入会，德阳市总工会负责人到企业调研。\n\n"
        "德阳市快递行业工会联合会开展了慰问。截至目前，全市已建成快递、外卖等45个新业态工会组织。",
        (45, "个"),
        "德阳市总工会",
    ),
    "the article's union acting again leaves the launched programme": (
        "德阳市总工会推动职工阅读。\n\n全市推广的“德工书香驿站”，德阳市总工会利用读书节送书进企业，"
        "目前已有2万余名职工受益。",
        (20000, "名"),
        "德工书香驿站",
    ),
    "a sentence opening with 这次活动 gives its figures to the headline's event": (
        "德阳市总工会筹集资金开展“职工暖心关爱行动”\n\n"
        "本报讯 日前，德阳市总工会将在全市开展“职工暖心关爱行动”，帮助患病职工。\n\n"
        "这次活动由德阳市总工会筹集资金60万元，每名职工最高补助5000元。",
        (600_000, "元"),
        "职工暖心关爱行动",
    ),
    "a sentence placed at the ceremony gives its figures to the event reported before": (
        "德阳市快递员有了新家\n\n"
        "本报讯 日前，德阳市“快递员集中入会”仪式在市工人文化宫举行，德阳市总工会主席出席。\n\n"
        "仪式上，还为60名快递员颁发了“德阳市总工会会员证”。",
        (60, "名"),
        "快递员集中入会",
    ),
}


@pytest.mark.parametrize("case", SUBJECTS)
def test_outcome_subject(run, case):
    text, figure, subject = SUBJECTS[case]
    got = {(o["value"], o["unit"]): o["subject"] for o in run(text)["outcomes"]}
    assert got.get(figure) == subject, (case, got)


def test_counted_visits_of_households_and_cases_keep_their_unit(run):
    x = run("德阳市总工会今年走访慰问困难职工2790户次，办理法律援助710件次。")
    assert {(2790, "户次"), (710, "件次")} <= _figures(x)
