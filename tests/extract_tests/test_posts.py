"""HOLDS_POSITION in the shapes news reports give a post (short sentences and invented
names written for these tests; the NER pipeline, since some need the model's names)."""

import pytest


def names(x, etype):
    return {e["name"] for e in x["entities"] if e["type"] == etype}


def posts(x):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == "HOLDS_POSITION"}


@pytest.mark.parametrize(
    "text,post",
    [
        # a photo caption's position mark after the titled name
        ("遵义市总工会主席孔繁荣（左二）为驿站揭牌。", ("孔繁荣", "遵义市总工会")),
        # 同志 after the titled name
        ("遵义市总工会主席孔繁荣同志出席。", ("孔繁荣", "遵义市总工会")),
        # a chain whose last post names a department of the body: 书记处书记
        ("湖南省总工会副主席、书记处书记刘明出席会议。", ("刘明", "湖南省总工会")),
        # a chain opened by a post in the union's own committee (委员会委员), or by a title
        # that holds 工会 itself (工会副主席) after a unit's union
        ("南阳市教育局工会委员会委员、经费审查委员会主任沈立出席。", ("沈立", "南阳市教育局工会")),
        ("南阳市教育局工会副主席、女职工委员会主任王敏出席。", ("王敏", "南阳市教育局工会")),
        # a role word after a body is a post even when the name is a dictionary word
        ("据绵阳市总工会负责人王建国介绍，活动覆盖全市。", ("王建国", "绵阳市总工会")),
        ("据绵阳市总工会相关负责人李志强介绍，活动覆盖全市。", ("李志强", "绵阳市总工会")),
        # the post set off by commas after the name
        ("王丽华，芜湖市总工会女职工部部长，从事工会工作十余年。", ("王丽华", "芜湖市总工会")),
        # a verb of holding a post between the name and the post
        (
            "张建国是襄阳市快递行业工会联合会主席，他介绍了情况。",
            ("张建国", "襄阳市快递行业工会联合会"),
        ),
        ("今年，李晓红担任樊城区总工会副主席。", ("李晓红", "樊城区总工会")),
        # elected or appointed to a named body's post
        ("会上，王刚同志当选为宜昌市总工会主席。", ("王刚", "宜昌市总工会")),
        ("大会选举王刚为宜昌市总工会主席。", ("王刚", "宜昌市总工会")),
        ("市委任命李强为宜都市总工会党组书记。", ("李强", "宜都市总工会")),
        # the post in an 作为 clause before the name
        ("作为襄阳市总工会副主席，陈明一直关注骑手权益。", ("陈明", "襄阳市总工会")),
        # a ministry of the State Council named with no place
        ("文化和旅游部副部长王建华出席会议。", ("王建华", "文化和旅游部")),
        ("退役军人事务部副部长刘志强出席会议。", ("刘志强", "退役军人事务部")),
    ],
)
def test_post_shapes(run, text, post):
    assert post in posts(run(text))


def test_a_two_character_name_before_a_leader_word_is_placed_where_it_stands(run):
    x = run("会上，王刚同志讲话。")
    (person,) = [e for e in x["entities"] if e["type"] == "Person"]
    assert [m["text"] for m in person["mentions"]] == ["王刚"]


def test_a_bare_union_post_is_held_in_the_articles_one_enterprise_union(run):
    x = run("宜昌兴发集团工会开展活动。会议由工会主席姚欣主持，公司工会副主席周敏讲话。")
    assert ("姚欣", "宜昌兴发集团工会") in posts(x)
    assert ("周敏", "宜昌兴发集团工会") in posts(x)
    # with no enterprise union, or two, the post names none
    assert posts(run("宜昌市总工会开展活动。会议由工会主席姚欣主持。")) == set()
    two = run("甲乙集团工会和丙丁公司工会开展活动。会议由工会主席姚欣主持。")
    assert not {p for p in posts(two) if p[0] == "姚欣"}


def test_an_honour_elected_to_is_no_post(run):
    assert posts(run("王刚当选全国劳动模范。")) == set()
    assert posts(run("王刚为宜昌市总工会主席送去慰问品。")) == set()


def test_a_chain_post_is_not_taken_across_another_person(run):
    # the 、 before 市总工会 opens the first person's chain, not the second's
    x = run("平湖市政协副主席、市总工会主席许静(左二)与外卖骑手陈杰(右二)交流。")
    assert not {p for p in posts(x) if p[0] == "陈杰"}


def test_a_name_is_not_cut_before_its_last_character(run):
    x = run("出席活动的有遵义市总工会主席孔繁荣，副主席何小平等。")
    assert ("何小平", "遵义市总工会") in posts(x)


def programmes(x):
    return {e["name"]: e.get("optional") for e in x["entities"] if e["type"] == "Programme"}


@pytest.mark.parametrize(
    "text,name",
    [
        ("某区总工会命名了杨立新劳模和工匠人才创新工作室。", "杨立新劳模和工匠人才创新工作室"),
        ("近日，王建华劳模创新工作室在襄阳揭牌成立。", "王建华劳模创新工作室"),
        ("刘芳省级职工信得过法律工作室为职工提供法律咨询。", "刘芳省级职工信得过法律工作室"),
    ],
)
def test_a_studio_named_after_a_person_is_a_named_programme(run, text, name):
    found = programmes(run(text))
    assert name in found and not found[name]
    assert "劳模创新工作室" not in found  # the family name inside is not a second programme


def test_a_clause_after_a_name_is_no_studio_name(run):
    assert not programmes(run("刘芳在工作室为职工提供法律咨询。"))


@pytest.mark.parametrize(
    "text,name",
    [
        ("某区总工会创新推出“1+3+N”服务模式。", "1+3+N服务模式"),
        ("某街道总工会搭建起「1+N」骑手服务网络，服务骑手。", "1+N骑手服务网络"),
    ],
)
def test_a_quoted_formula_takes_its_head_noun(run, text, name):
    found = programmes(run(text))
    assert name in found
    assert not {n for n in found if n != name and name.startswith(n)}  # not 1+N alone


def runs(x):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == "RUNS"}


@pytest.mark.parametrize(
    "text",
    [
        "近日，“职工关爱月”活动在襄阳市樊城区举行。活动由樊城区总工会主办，屏襄门街道总工会承办。",
        "由樊城区总工会主办、屏襄门街道总工会承办的“职工关爱月”活动日前举行。",
    ],
)
def test_every_organiser_runs_the_event(run, text):
    got = runs(run(text))
    assert {("樊城区总工会", "职工关爱月"), ("屏襄门街道总工会", "职工关爱月")} <= got


def test_a_guiding_union_is_no_organiser(run):
    x = run("“职工关爱月”活动由湖北省总工会指导，樊城区总工会主办。")
    assert ("湖北省总工会", "职工关爱月") not in runs(x)


def test_a_friendly_community_is_a_programme_without_quotes(run):
    assert "外卖骑手友好街区" in programmes(run("某区总工会在樊城区建设外卖骑手友好街区。"))


def test_a_peoples_organisation_by_its_short_name_holds_posts(run):
    assert ("褚红", "襄阳市妇联") in posts(run("襄阳市妇联主席褚红出席。"))


def test_a_clause_after_a_quote_is_no_alias_of_the_quoted_name(run):
    x = run("襄阳市总工会在“司机之家”内同步设立驿站，方便司机休息。")
    aliases = {a for e in x["entities"] if e["type"] == "Programme" for a in e["aliases"]}
    assert not {a for a in aliases if "设立" in a}


@pytest.mark.parametrize(
    "text,post",
    [
        ("湖北日报记者张丽报道。", ("张丽", "湖北日报")),  # a paper named by its place, bare
        ("襄阳市樊城区人民法院院长何平说，调解室已建成。", ("何平", "樊城区人民法院")),
    ],
)
def test_papers_and_courts_named_by_their_place(run, text, post):
    assert post in posts(run(text))


@pytest.mark.parametrize(
    "text,post",
    [
        # the paper or agency that opens the dateline is the reporters' (a bracketed byline
        # right after it)
        ("雪域日报拉萨5月2日讯(记者 张明远 扎西顿珠)日前,工会开展慰问。", ("张明远", "雪域日报")),
        ("中新网西宁4月3日电 (记者 李晓峰)当日,工会举行揭牌仪式。", ("李晓峰", "中新网")),
        ("每日某某网讯(通讯员 王建军)2月26日,某县举行招聘会。", ("王建军", "每日某某网")),
        # two outlets joined by a slash before the reporter's title
        ("(潍坊日报/观潮新闻记者 刘晓红 通讯员 杨晓东)", ("刘晓红", "潍坊日报")),
    ],
)
def test_reporter_of_the_dateline_paper(run, text, post):
    assert post in posts(run(text))


def test_bare_provincial_union_is_the_province_of_the_articles_places(run):
    # a headline's 省总工会 before any province is named: the province of most places,
    # not the one the workers travel to
    x = run(
        "省总工会送来大礼包\n3月24日,省总工会在安陆市开展活动。安陆市、孝感市的800名"
        "务工人员乘坐直达广东专车返岗。省总工会主席王建平出席。"
    )
    assert ("王建平", "湖北省总工会") in posts(x)
    assert not {p for p in posts(x) if p[1] == "广东省总工会"}


def test_further_reporter_of_a_papers_byline_shares_its_paper(run):
    # a reporter right after the paper's reporter is the paper's; a correspondent is not
    x = run("(《某某日报》记者余晓平 实习记者王晨阳 摄)")
    assert ("王晨阳", "某某日报") in posts(x)
    x = run("(潍坊日报记者 刘晓红 通讯员 杨晓东)")
    assert ("刘晓红", "潍坊日报") in posts(x)
    assert not {p for p in posts(x) if p[0] == "杨晓东"}


def test_union_post_after_the_union_just_named(run):
    x = run("记者来到南昌市西湖区总工会，工会副主席王晓东介绍了情况。")
    assert ("王晓东", "西湖区总工会") in posts(x)
    # a post of another kind after the comma is not the union's
    x = run("记者来到南昌市西湖区总工会，社区主任王晓东介绍了情况。")
    assert ("王晓东", "西湖区总工会") not in posts(x)


def test_town_union_and_party_committee_when_jieba_glues_the_name_to_the_suffix(run):
    # 碧|城镇|总工会: jieba reads 城镇 as a word; the union and the committee after the
    # name show it is a town's, and the posts there are held
    x = run("碧城镇总工会成立大会召开。碧城镇委书记、镇长符建国,碧城镇委副书记邱明出席。")
    assert ("符建国", "碧城镇委") in posts(x)
    assert ("邱明", "碧城镇委") in posts(x)
    assert any(e["name"] == "碧城镇总工会" for e in x["entities"])


def test_bare_kind_word_before_a_post_is_the_company_named_before(run):
    # 集团 alone before a chain of posts stands for the group the article named; the next
    # titled name of the list shares that body
    x = run(
        "城建控股集团荣获称号。市总工会副主席丁维明,集团党委书记、董事长周文强,"
        "党委副书记、工会主席刘顺华出席。"
    )
    assert ("周文强", "城建控股集团") in posts(x)
    assert ("刘顺华", "城建控股集团") in posts(x)
    # with no such body named before, no post
    assert not posts(run("集团党委书记、董事长周文强出席。"))


@pytest.mark.parametrize(
    "text,post",
    [
        # a rank or desk before 记者 (全媒体记者, 高级记者) and a paper's group (报业集团)
        (
            "本报讯 (甘肃日报报业集团全媒体记者 陈丽萍)4月28日,省总工会开展慰问活动。",
            ("陈丽萍", "甘肃日报报业集团"),
        ),
        # a news service opening the line before its ranked reporter
        ("某某新闻高级记者 王明华\n省总工会开展慰问活动。", ("王明华", "某某新闻")),
        # a channel named after a middle dot
        ("甘肃日报·陇原云记者:马晓芳\n省总工会开展慰问活动。", ("马晓芳", "甘肃日报")),
        # names with no title before the reporter in the dateline's bracket
        ("东北网3月2日讯(魏翠花 吴昌明 记者迟亦远)岁末年初,农民工返乡。", ("迟亦远", "东北网")),
    ],
)
def test_reporters_of_outlets(run, text, post):
    assert post in posts(run(text))


def test_untitled_names_in_a_dateline_bracket_hold_no_post(run):
    x = run("东北网3月2日讯(魏翠花 吴昌明 记者迟亦远)岁末年初,农民工返乡。")
    assert {p for p in posts(x) if p[0] in ("魏翠花", "吴昌明")} == set()


def test_a_government_post_after_another_persons_post_is_not_in_that_body(run):
    x = run("长沙市举行技能大赛颁奖仪式，市人大常委会副主任、市总工会主席张白林,副市长彭海涛出席。")
    assert ("张白林", "长沙市总工会") in posts(x)
    assert {p for p in posts(x) if p[0] == "彭海涛"} == set()
    # a union's post after the comma still shares the body
    x = run("长沙市总工会党组书记、常务副主席李红军，副主席王晓明出席。")
    assert ("王晓明", "长沙市总工会") in posts(x)


def test_a_chain_of_posts_of_one_body_before_another_body(run):
    # 党组成员、副主席 of the provincial union, then 主席 of an industrial union
    x = run("海南省总工会党组成员、副主席、省财贸旅游烟草工会主席何青山陪同慰问。")
    assert ("何青山", "海南省总工会") in posts(x)
    assert ("何青山", "海南省财贸旅游烟草工会") in posts(x)


def test_names_elected_to_a_post_of_the_bare_union_word(run):
    x = run(
        "定城镇总工会成立大会召开,会议选举产生了定城镇总工会第一届委员会。"
        "谢华明同志当选为工会第一届委员会主席,朱运生、王世平同志当选为工会第一届委员会副主席。"
    )
    assert {
        ("谢华明", "定城镇总工会"),
        ("朱运生", "定城镇总工会"),
        ("王世平", "定城镇总工会"),
    } <= posts(x)
    # with no union named before, no post
    assert not posts(run("谢华明同志当选为工会第一届委员会主席。"))


def test_a_bare_general_union_in_a_chain_is_the_union_of_the_first_bodys_place(run):
    # 县人大常委会副主任、总工会主席: the county's union, when the text names it
    x = run("石城县总工会开展慰问。县人大常委会副主任、总工会主席赵明华参加了活动。")
    assert {("赵明华", "石城县人大常委会"), ("赵明华", "石城县总工会")} <= posts(x)
    # no such union named: no guess
    x = run("县人大常委会副主任、总工会主席赵明华参加了活动。")
    assert not {p for p in posts(x) if p[1].endswith("总工会")}


def test_posts_after_a_comma_that_end_in_a_name_are_that_persons(run):
    # 副主席甲、乙, 区人大常委会副主任、区总工会主席丙: 乙 shares 甲's post; the chain after
    # the comma is 丙's, not an apposition of 乙
    x = run(
        "上海市长宁区总工会举办活动。市总工会副主席周丽、韩冰,"
        "区人大常委会副主任、区总工会主席孙志强出席。"
    )
    assert ("韩冰", "上海市总工会") in posts(x)
    assert not {p for p in posts(x) if p[0] == "韩冰" and "人大" in p[1]}
    assert ("孙志强", "长宁区总工会") in posts(x)


def test_a_chain_of_two_unions_posts_gives_both(run):
    # 某省总工会副主席、省某产业工会主席: 工会副主席 is a title too, but reaches into the name
    x = run("海南省总工会副主席、省农林水利工会主席陈海林带队来到琼中黎族苗族自治县。")
    assert {("陈海林", "海南省总工会"), ("陈海林", "海南省农林水利工会")} <= posts(x)


def test_a_clause_of_posts_before_a_comma_is_the_next_persons(run):
    x = run("门头沟区技能大赛闭幕。门头沟区人大常委会副主任,区总工会主席刘建军出席闭幕式。")
    assert {("刘建军", "门头沟区人大常委会"), ("刘建军", "门头沟区总工会")} <= posts(x)
    # a clause with more than a body and its posts before the comma is no chain
    x = run("门头沟区人大常委会召开会议,区总工会主席刘建军出席。")
    assert ("刘建军", "门头沟区人大常委会") not in posts(x)


def test_a_rank_in_brackets_between_title_and_name(run):
    x = run("霞山区总工会主席袁海军、副主席(正科级)余志超、副主席宁晓娜出席。")
    assert {("余志超", "霞山区总工会"), ("宁晓娜", "霞山区总工会")} <= posts(x)


def test_a_level_union_after_a_preposition_the_segmenter_glued(run):
    # 用市 is one word to the segmenter; the NER model reads 市总工会
    x = run("白银市总工会开展活动。用市总工会常务副主席张永刚的话来说，就是要做实。")
    assert ("张永刚", "白银市总工会") in posts(x)


@pytest.mark.parametrize(
    "line,person,paper",
    [
        ("来源:东川日报 记者 周明远", "周明远", "东川日报"),
        ("来源:东川晚报记者:赵海荣", "赵海荣", "东川晚报"),
        ("日期:2025-08-14 来源: 东川日报 作者:记者王海达", "王海达", "东川日报"),
    ],
)
def test_a_reporter_on_a_source_line_writes_for_its_paper(run, line, person, paper):
    x = run("东川市总工会开展活动。\n\n" + line + "\n")
    assert (person, paper) in posts(x)
    assert {r["title"] for r in x["relations"] if r["head"] == person} == {"记者"}


def test_an_author_on_a_source_line_without_a_reporters_title_holds_no_post(run):
    x = run("东川市总工会开展活动。\n\n来源:东川日报 作者:王海达\n")
    assert not {p for p in posts(x) if p[0] == "王海达"}


def test_names_elected_to_the_general_union_or_to_a_bare_post(run):
    x = run(
        "龙湖经开区总工会召开第二次代表大会。会上，王志强当选总工会主席，罗明、李海波当选副主席。"
    )
    want = {(n, "龙湖经开区总工会") for n in ("王志强", "罗明", "李海波")}
    assert want <= posts(x)
    # an honour is no post
    assert not posts(run("龙湖经开区总工会召开大会。张建华当选全国劳动模范。"))


def test_a_clause_between_a_name_and_a_studio_tail_names_no_studio(run):
    x = run(
        "近日，某酒业集团工会主席金海新一行赴蚌山卷烟厂开展劳模创新工作室交流活动，"
        "卷烟厂工会副主席安红及厂劳模创新工作室人员参加。"
    )
    assert not {n for n in programmes(x) if n.startswith(("金海新", "安红"))}


def test_the_head_of_a_group_named_after_a_bodys_post(run):
    x = run("“我们要把服务送到一线。”安平市司法局局长、律师服务团团长尚志勇说。")
    assert ("尚志勇", "安平市司法局") in posts(x)  # 团长 is a title closing the chain


def test_a_reporter_after_a_dateline_with_no_bracket_or_a_county_media_centre(run):
    x = run("宜昌日报讯 记者丁海令报道:8月3日,湖北省总工会活动在宜昌市启动。")
    assert ("丁海令", "宜昌日报") in posts(x)
    x = run("秭归县融媒体中心8月2日讯(记者 李思远)8月2日上午,秭归县总工会开展慰问。")
    assert ("李思远", "秭归县融媒体中心") in posts(x)
    # a line that runs into 电 (发电厂) is no dateline
    x = run("考察团一行先来到国网能源某某发电厂,参观了职工书屋。")
    assert not {o for o in names(x, "Organization") if o.startswith("考察团")}


def test_a_chain_of_three_posts_of_one_body_before_a_department_post(run):
    x = run("山东省总工会召开发布会。省总工会党组副书记、副主席、机关党委书记李海文通报情况。")
    assert ("李海文", "山东省总工会") in posts(x)


def test_a_city_union_in_an_article_about_the_citys_zone(run):
    # the zone named by its city lies in it: 市总工会 is that city's union
    x = run("芜湖经济技术开发区工会召开代表大会。市总工会党组书记、副主席曹海平莅临指导。")
    assert ("曹海平", "芜湖市总工会") in posts(x)
