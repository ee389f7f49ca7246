"""RUNS and ADOPTED_IN on short sentences written for these tests (not taken from any
source): who runs a programme, and where it is adopted."""


def rels(x, rtype):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == rtype}


def test_a_union_honoured_with_a_title_does_not_run_it(run):
    x = run(
        "本报讯 宜昌市邮政公司工会、当阳市电力公司工会等3家单位工会荣获“全国模范职工之家”称号。"
    )
    assert not {h for h, _ in rels(x, "RUNS")} & {"宜昌市邮政公司工会", "当阳市电力公司工会"}
    x = run("本报讯 当阳市总工会开展“金秋助学”活动，荣获表彰。")
    assert ("当阳市总工会", "金秋助学") in rels(x, "RUNS")


def test_a_place_that_builds_a_programme_stands_for_its_union(run):
    x = run(
        "本报讯 宜昌市总工会到远安县调研，远安县总工会主席陪同。"
        "截至目前，远安县已建成“暖心驿站”24个。"
    )
    assert ("远安县总工会", "暖心驿站") in rels(x, "RUNS")
    assert ("宜昌市总工会", "暖心驿站") not in rels(x, "RUNS")


def test_a_programme_placed_in_a_town_is_not_also_adopted_in_its_unions_county(run):
    x = run(
        "本报讯 吴兴区总工会参与织里镇创新“车间夜话”工作。"
        "自“车间夜话”开展以来，吴兴区总工会已为2600家企业安装广播。"
    )
    assert ("车间夜话", "织里镇") in rels(x, "ADOPTED_IN")
    assert ("车间夜话", "吴兴区") not in rels(x, "ADOPTED_IN")


def test_sites_counted_across_the_union_area_keep_the_unions_place(run):
    x = run(
        "本报讯 吴兴区总工会在吴兴区织里镇建成“暖心驿站”。"
        "吴兴区总工会在户外劳动者聚集的地方建起56个“暖心驿站”。"
    )
    assert {("暖心驿站", "织里镇"), ("暖心驿站", "吴兴区")} <= rels(x, "ADOPTED_IN")


def test_a_place_that_builds_a_programme_is_not_the_article_unions_place(run):
    x = run("本报讯 杭州市总工会召开会议。淮南市已建成“暖心驿站”740家。")
    assert not rels(x, "RUNS")
    x = run("本报讯 杭州市总工会召开会议。今年在淮南市建成“暖心驿站”740家。")
    assert ("杭州市总工会", "暖心驿站") in rels(x, "RUNS")


def test_a_company_that_opens_the_clause_runs_its_own_programme(run):
    x = run(
        "本报讯 宜昌市总工会启动“岗位大比武”劳动竞赛，全市90家企业随即参赛："
        "宜昌三峡纺织有限公司开展“比技能 争先锋”劳动竞赛。"
    )
    assert rels(x, "RUNS") == {("宜昌市总工会", "岗位大比武")}


def test_co_organisers_joined_by_a_partner_word_or_listed_with_other_bodies(run):
    x = run("本报讯 宜昌市总工会联合西陵区总工会开展“清凉一夏”送清凉活动。")
    assert {("宜昌市总工会", "清凉一夏"), ("西陵区总工会", "清凉一夏")} <= rels(x, "RUNS")
    x = run("本报讯 宜昌市总工会、宜昌市人社局、西陵区总工会联合举办“金剪刀”技能竞赛。")
    assert {("宜昌市总工会", "金剪刀"), ("西陵区总工会", "金剪刀")} <= rels(x, "RUNS")
    # the second body's town opens it though the body's name leaves it out
    x = run("本报讯 由宜昌市西陵区总工会、窑湾街道夷陵社区工会联合开展的“清凉一夏”活动开始。")
    assert {("西陵区总工会", "清凉一夏"), ("夷陵社区工会", "清凉一夏")} <= rels(x, "RUNS")
    x = run("本报讯 宜昌市总工会指导西陵区总工会开展“清凉一夏”送清凉活动。")
    assert rels(x, "RUNS") == {("西陵区总工会", "清凉一夏")}


def test_a_union_something_is_sent_to_does_not_run_it(run):
    x = run("本报讯 兰州市总工会今年新建“暖心小屋”5家，另向甘肃省总工会推荐“母婴休息室”2家。")
    assert ("兰州市总工会", "母婴休息室") in rels(x, "RUNS")
    assert ("甘肃省总工会", "母婴休息室") not in rels(x, "RUNS")
    assert ("母婴休息室", "甘肃省") not in rels(x, "ADOPTED_IN")


def test_an_adoption_with_no_place_nor_union_takes_the_place_of_the_dateline(run):
    x = run("新华社武汉3月1日电 本市职工纷纷来到“爱心驿站”休息。")
    assert rels(x, "ADOPTED_IN") == {("爱心驿站", "武汉市")}
    x = run("本报讯 今年以来，“爱心驿站”服务职工1万人次。")
    assert not rels(x, "ADOPTED_IN")


def test_a_company_that_opens_the_clause_places_its_programme(run):
    x = run("本报讯 日前，国网宜昌市供电公司“安全月”竞赛启动仪式在该公司举行。")
    assert ("安全月竞赛", "宜昌市") in rels(x, "ADOPTED_IN")
    x = run("本报讯 日前，职工在国网宜昌市供电公司参观，并观看“安全月”竞赛。")
    assert not rels(x, "ADOPTED_IN")


def test_unions_whose_leaders_unveil_a_site_run_it(run):
    x = run(
        "本报讯 11月8日，东栅国际商贸合作区职工服务中心在某路揭牌。"
        "湖州市总工会副主席张明，吴兴区总工会主席李华，与街道负责人一起为中心揭牌。"
    )
    site = "东栅国际商贸合作区职工服务中心"
    assert {("湖州市总工会", site), ("吴兴区总工会", site)} <= rels(x, "RUNS")
    # a plaque for something no programme's name ends in is no site of one
    y = run(
        "本报讯 湖州市总工会建设的东栅国际商贸合作区职工服务中心启用。吴兴区总工会主席李华为基地揭牌。"
    )
    assert ("吴兴区总工会", site) not in rels(y, "RUNS")


def test_a_facility_set_up_inside_another_takes_its_runners_and_place(run):
    x = run(
        "本报讯 11月18日，东栅国际商贸合作区职工服务中心在织里镇揭牌。"
        "湖州市总工会副主席张明，吴兴区总工会主席李华，一起为中心揭牌。"
        "一楼还设有一处“暖新驿站”，外卖员路过时可以进来喝口水。"
    )
    assert {("湖州市总工会", "暖新驿站"), ("吴兴区总工会", "暖新驿站")} <= rels(x, "RUNS")
    adopted = rels(x, "ADOPTED_IN")
    host = {t for h, t in adopted if h == "东栅国际商贸合作区职工服务中心"}
    assert host and {t for h, t in adopted if h == "暖新驿站"} == host
    # without a verb of containing, the quoted name is the article's own, not the host's
    y = run(
        "本报讯 东栅国际商贸合作区职工服务中心在织里镇揭牌。吴兴区总工会主席李华为中心揭牌。"
        "湖州市启动“暖新驿站”建设。"
    )
    assert ("吴兴区总工会", "暖新驿站") not in rels(y, "RUNS")


def test_the_article_union_does_not_run_what_the_text_places_elsewhere(run):
    # a place outside the union's area, or a street inside it heading the event
    x = run(
        "本报讯 安新县总工会召开会议。安新县总工会主席王明出席。"
        "这是在容城县某镇进行的“焊工技能大比武”活动现场。"
    )
    assert not rels(x, "RUNS")
    x = run(
        "本报讯 保定市总工会在竞秀区召开会议，保定市总工会主席王明出席。"
        "会后，竞秀区韩村北路街道“同心聚力”职工拔河比赛随即开赛。"
    )
    assert not rels(x, "RUNS")
    x = run("本报讯 保定市总工会召开会议。会后，保定市“同心聚力”职工拔河比赛开赛。")
    assert rels(x, "RUNS") == {("保定市总工会", "同心聚力")}


def test_a_place_inside_a_documents_title_adopts_nothing(run):
    x = run(
        "本报讯 榆林市总工会开展“一法一办法”法治宣传活动。"
        "与此同时，“一法一办法”(《中华人民共和国工会法》及《陕西省实施〈中华人民共和国工会法〉"
        "办法》)法治宣传同步推进。"
    )
    assert ("一法一办法", "榆林市") in rels(x, "ADOPTED_IN")
    assert ("一法一办法", "陕西省") not in rels(x, "ADOPTED_IN")


def test_a_body_that_opens_the_clause_runs_its_programme_not_the_article_union(run):
    x = run(
        "本报讯 阳泉市总工会召开会议，阳泉市总工会主席王明出席。"
        "近日，阳泉市人社局举办“春暖阳泉”专场招聘会。"
    )
    assert not rels(x, "RUNS")


def test_a_programme_is_adopted_in_each_place_listed_before_it(run):
    x = run("本报讯 鄂州市总工会到华容区、梁子湖区和鄂城区,为女职工开展“暖心体检”活动。")
    assert {("暖心体检", p) for p in ("华容区", "梁子湖区", "鄂城区")} <= rels(x, "ADOPTED_IN")
    # places listed after the programme, in another clause, are not where it is
    x = run("本报讯 海口市总工会推进“职工活动中心”建设,推动秀英区、龙华区和美兰区完成阵地建设。")
    assert not {p for n, p in rels(x, "ADOPTED_IN") if n == "职工活动中心"} & {"秀英区", "龙华区"}


def test_a_programme_a_visitor_looks_into_is_not_the_articles_unions(run):
    x = run("本报讯 宁海市总工会开展活动。调研组一行还调研了“暖心小屋”的运行情况。")
    assert not {u for u, p in rels(x, "RUNS") if p == "暖心小屋"}


def test_a_first_person_place_word_is_the_articles_place_of_that_level(run):
    x = run(
        "宜昌日报讯 湖北省总工会推出“夏送凉茶”活动，启动仪式在宜昌市举行。"
        "近年来，我市各级工会开展“一瓶水传递爱”等活动。"
    )
    assert ("一瓶水传递爱", "宜昌市") in rels(x, "ADOPTED_IN")
    place = next(e for e in x["entities"] if e["name"] == "宜昌市")
    assert "我市" not in place["aliases"]  # a mention, not a name
