"""Places and people on sentences written for these tests (not taken from any source):
classes of error seen on articles the rules were not built on."""

import pytest

from extract.gazetteer import load_gazetteer, short_forms


def names(x, etype):
    return {e["name"] for e in x["entities"] if e["type"] == etype}


# -- autonomous divisions ------------------------------------------------------------------
@pytest.mark.parametrize(
    "name,level,forms",
    [
        ("恩施土家族苗族自治州", "city", ["恩施", "恩施州"]),
        # a one-character ethnic name (回族) and two in a row (苗族侗族)
        ("临夏回族自治州", "city", ["临夏", "临夏州"]),
        ("黔东南苗族侗族自治州", "city", ["黔东南", "黔东南州"]),
        # an ethnic name written without 族 (哈萨克, 蒙古)
        ("伊犁哈萨克自治州", "city", ["伊犁", "伊犁州"]),
        ("长阳土家族自治县", "county", ["长阳", "长阳县"]),
        # a banner named after its people only
        ("鄂温克族自治旗", "county", ["鄂温克", "鄂温克旗"]),
    ],
)
def test_autonomous_short_forms(name, level, forms):
    assert short_forms(name, level) == forms


def test_a_prefecture_short_form_with_zhou_is_the_prefecture(run):
    # 甘孜州 and 临夏州 are the prefectures, not the county 甘孜县 or the city 临夏市
    x = run("四川甘孜州总工会筹集资金慰问职工。")
    assert names(x, "Place") == {"四川省", "甘孜藏族自治州"}
    assert "甘孜藏族自治州总工会" in names(x, "TradeUnion")
    x = run("这是临夏州第一个设在政务服务中心的职工书屋。")
    assert names(x, "Place") == {"临夏回族自治州"}
    g = load_gazetteer()
    assert [g.division(c).name for c in g.candidates("大理")][0] == "大理白族自治州"


# -- the model's reading of a short form -------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "工会搭建了线上福利商城，职工可在商城下单。",  # 商城/n: a mall, not 商城县
        "普惠工作融入促消费、惠民生等核心部署。",  # 惠/v 民生/n: 惠民 crosses a word
        "职工们体验了新安理学和徽派版画。",  # 新安理学/a: inside a common word
    ],
)
def test_a_short_form_the_model_reads_as_a_common_word_is_no_place(run, text):
    assert names(run(text), "Place") == set()


def test_a_short_form_the_model_tags_loc_is_a_place(run):
    # jieba knows 大连 as a frequent word; the model tags it LOC
    assert names(run("推动大连全市产业工人队伍建设。"), "Place") == {"大连市"}
    # not a common noun or direction word the model tags LOC (运河, 南部)
    assert names(run("沧州市总与运河沿岸县区工会合作。"), "Place") == {"沧州市"}
    # the full name stays a place
    assert names(run("信阳商城县总工会开展送清凉活动。"), "Place") == {"信阳市", "商城县"}


# -- people ------------------------------------------------------------------------------
def test_a_name_in_parts_joined_by_a_dot_is_kept_whole(run):
    assert names(run("网约车司机艾麦尔·图尔荪向记者展示会员证。"), "Person") == {"艾麦尔·图尔荪"}


def test_a_name_with_no_listed_surname_after_a_title(run):
    # Tibetan and Mongolian names: the model's PER word right after a role or title
    assert "央宗" in names(run("中午时分,环卫工人央宗来到服务站点歇脚。"), "Person")
    # the model glued the title's last character to the name (劳动模|范乌云…)
    x = run("活动中,全国劳动模范乌云白力格分享了从普通牧民到全国劳模的奋斗历程。")
    assert names(x, "Person") == {"乌云白力格"}


@pytest.mark.parametrize(
    "text",
    [
        "“凉都严选”职工普惠平台上线，成为了职工普惠会员。",  # 普惠/a after 职工
        "打造集服务于一体的服务职工云平台。",  # 云/n 平台/n after 职工
        "作者: 杜元元    来源: 某某区融媒体中心",  # 来源: is the next label of the byline
    ],
)
def test_common_words_after_a_role_word_or_in_a_byline_are_no_names(run, text):
    assert names(run(text), "Person") <= {"杜元元"}


# -- renamed divisions ---------------------------------------------------------------------
def test_a_renamed_division_has_its_new_name_and_keeps_the_old(run):
    g = load_gazetteer()
    # 横县 became 横州市: both names, and the short form, find the one division
    assert {g.division(c).name for n in ("横州市", "横县", "横州") for c in g.candidates(n)} == {
        "横州市"
    }
    x = run("贵州省盘州市总工会为环卫工人送清凉。")
    assert names(x, "Place") == {"贵州省", "盘州市"}
    assert "盘州市总工会" in names(x, "TradeUnion")


# -- scenic descriptions -----------------------------------------------------------------
def test_an_old_town_after_a_place_and_a_village_name_are_no_place_or_person(run):
    # 徽州古城: the old town of 徽州, not 古城区; 唐模古村落: the model's 唐模古 ends inside 古村落
    x = run("组织职工走访了唐模古村落、徽州古城等疗休养点。")
    assert "古城区" not in names(x, "Place")
    assert names(x, "Person") == set()
    # a place inside a place of its chain stays one
    assert {"湖州市", "吴兴区"} <= names(run("浙江湖州吴兴区总工会开展活动。"), "Place")


def test_a_name_in_brackets_closing_a_paragraph_is_its_author(run):
    # the surname 向 is also a preposition: a signature is a name all the same
    x = run("服务队将持续深入高温岗位，活动一直延续到8月。（向素玉）\n下一篇")
    assert names(x, "Person") == {"向素玉"}
    # a body in brackets is no name
    x = run("活动一直延续到8月。（某某区总工会）\n")
    assert names(x, "Person") == set()


def test_a_single_word_before_deng_that_the_model_reads_as_words_is_no_name(run):
    # 和/c 年审/vn 等: a conjunction and a noun, not a name 和某某 before 等
    assert names(run("提供法律维权、车辆维修和年审等24类75项服务。"), "Person") == set()
    assert names(run("工会慰问了张建国等3名职工。"), "Person") == {"张建国"}


def test_a_short_form_inside_a_jieba_word_that_the_model_tags_loc(run):
    # jieba reads 吉林长春 as one word; the model tags 吉林 LOC
    x = run("本报讯 在吉林长春冰雪新天地门前，一座集装箱驿站开门迎客。")
    assert "吉林省" in names(x, "Place")


def test_a_paper_named_by_its_city_names_the_city_even_when_the_name_is_a_word(run):
    # jieba knows 桂林 as a frequent word (tagged a personal name): before a paper's tail
    # it names the city, and the bare 市总工会 is that city's
    x = run("时间:2022年08月04日 来源:桂林日报\n\n本报讯 近日,市总工会开展慰问活动。")
    names = {(e["type"], e["name"]) for e in x["entities"]}
    assert ("Place", "桂林市") in names and ("TradeUnion", "桂林市总工会") in names
