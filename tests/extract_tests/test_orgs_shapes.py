"""Unions, organisations and towns in shapes seen on unseen web articles (short sentences and
invented names written for these tests)."""

from extract.pipeline import Extractor
from extract.records import Document


def names(x, etype):
    return {e["name"] for e in x["entities"] if e["type"] == etype}


def rels(x, rtype):
    return {(r["head"], r["tail"]) for r in x["relations"] if r["type"] == rtype}


def test_a_town_name_the_segmenter_cuts_across_is_one_when_the_model_reads_it_whole(run):
    # jieba cuts 定|城镇 and 殿|前|街道
    x = run("上午，定城镇总工会成立大会召开。在殿前街道工会委员会的支持下，社区开展慰问。")
    assert {"定城镇", "殿前街道"} <= names(x, "Place")
    assert ("定城镇总工会", "定城镇") in rels(x, "LOCATED_IN")
    assert ("殿前街道工会委员会", "殿前街道") in rels(x, "LOCATED_IN")  # its name as written


def test_a_level_union_after_a_verb_or_particle_is_the_articles_union(run):
    # 提着|县总工会, 获得|县总工会: the county's union; 各市总工会 stays a kind
    x = run("某日，宁县集中办公区门前人头攒动。务工人员手中提着县总工会准备的礼包。")
    assert ("宁县总工会", "宁县") in rels(x, "LOCATED_IN")
    x = run("宁县一家企业获得县总工会资助。全省各市总工会负责人参加会议。")
    assert names(x, "TradeUnion") == {"宁县总工会"}


def test_a_verb_before_a_company_the_model_reads_whole_is_no_part_of_its_name(run):
    # a photo caption: 调研组|调研|某某集团有限公司
    x = run("调研组调研吉林隆玛特集团有限公司 金洪石 摄")
    assert names(x, "Organization") == {"吉林隆玛特集团有限公司"}


def test_a_company_of_a_group_is_named_whole(run):
    # 某集团 + a place + 股份有限公司: the group's company, not the group
    x = run("调研组一行来到吉林敖东药业集团延吉股份有限公司开展政策宣讲。")
    assert names(x, "Organization") == {"吉林敖东药业集团延吉股份有限公司"}


def test_a_verb_the_model_glues_after_a_government_body_is_no_part_of_it(run):
    # 某市文化旅游广电体育局|协办: the model reads the organiser verb into the body's name
    x = run("此次比赛由冷水江市总工会主办，冷水江市文化旅游广电体育局协办，经过17天角逐。")
    assert "冷水江市文化旅游广电体育局" in names(x, "Organization")


def test_a_provincial_papers_masthead_names_the_province_of_its_provincial_union(run):
    # jieba reads 浙江日报 as one word; the province's short form still names it
    x = run(
        "省总工会赴各地送温暖\n\n浙江日报 2013年01月08日\n\n本报讯 记者从省总工会了解到，慰问团赴各市走访。"
    )
    assert "浙江省" in names(x, "Place")
    assert ("浙江省总工会", "浙江省") in rels(x, "LOCATED_IN")


def test_a_companys_union_named_with_and_without_fen_and_its_group_is_one_union(run):
    # 某集团西南公司工会, 某集团西南分公司工会委员会, 西南公司工会: one enterprise union
    x = run(
        "——中国二十二冶集团西南公司工会为一线职工组织体检。10月27日，中国二十二冶集团西南分公司"
        "工会委员会联合社区医院开展体检。西南公司工会特别邀请医务人员上门服务。"
    )
    assert names(x, "TradeUnion") == {"中国二十二冶集团西南公司工会"}


def test_a_citys_union_with_its_level_written_twice_is_the_citys_union(run):
    # 某某市市总工会: the level character of the place written again before 总工会
    x = run("桂林市市总工会调研组到秀峰区调研。宁县县总工会主席张三出席。")
    assert names(x, "TradeUnion") == {"桂林市总工会", "宁县总工会"}
    assert ("张三", "宁县总工会") in rels(x, "HOLDS_POSITION")


def test_a_federation_whose_name_ends_in_a_part_in_brackets_is_found(run):
    # 某区农民工(散工)联合工会: the bracketed kind of workers is part of the name
    x = run("记者走进位于广场东路的南昌市西湖区农民工(散工)联合工会，工会负责人正在接待。")
    assert ("南昌市西湖区农民工(散工)联合工会", "西湖区") in rels(x, "LOCATED_IN")


def test_a_provincial_union_named_before_any_province_is_of_the_articles_province(run):
    # the first province named (直奔广东) is where the workers go; the places are in 湖北
    x = run(
        "省总工会送来大礼包 ——安陆市农民工直奔广东返岗\n\n3月24日，省总工会在安陆市开展送岗活动。"
        "孝感市委常委陈剑主持活动。来自安陆市各地的务工人员乘坐专车。\n\n省总工会副主席董永祥致辞。"
    )
    assert names(x, "TradeUnion") == {"湖北省总工会"}


def test_a_verb_before_a_town_suffix_names_no_town(run):
    # 我区共有|镇、街道: kinds of division counted, no town named 共有镇
    x = run("目前，我区共有镇、街道总工会13家。")
    assert not names(x, "Place")


def test_a_company_whose_name_opens_with_its_province_after_where_it_is(run):
    # 在某省某市|某省某某有限公司: the places before say where; the name opens with the province
    x = run("10月28日，在云南省昆明市云南京邦达物流科技有限公司分拣中心，货车司机做完了体检。")
    assert names(x, "Organization") == {"云南京邦达物流科技有限公司"}


def test_a_kind_of_union_or_an_attribute_is_no_sectors_union(run):
    # 省产业工会: the province's industrial unions as a kind; 贡献工会力量: 工会 is an attribute
    x = run("山东省总工会召开会议，省产业工会负责同志参加。全市为高质量发展贡献工会力量。")
    assert names(x, "TradeUnion") == {"山东省总工会"}


def test_a_listed_companys_short_name_and_union(run):
    # 某某股份 for 某某股份有限公司: its union is an enterprise union
    x = run("来自北汽股份的选手高晋生夺得冠军，这是记者昨天从北汽股份工会了解到的。")
    assert "北汽股份工会" in names(x, "TradeUnion")


def test_a_law_firm_whose_tail_the_model_runs_into_a_preposition(run):
    # 律师事务所 is a firm's tail; the model reads 某某律师事务所在 as one ORG (jieba: 所在)
    x = run("香坊区总工会携手黑龙江国安律师事务所在黎明街道穆家沟村召开活动。")
    assert "黑龙江国安律师事务所" in names(x, "Organization")
    assert not {n for n in names(x, "Organization") if n.endswith("在")}


def test_a_company_unit_named_right_after_its_company(run):
    # a branch (分公司) or a company opening with a place, right after the parent's name
    x = run(
        "国网河南省电力公司郑州供电公司、中国石油管道局工程有限公司第三工程分公司等14家单位将合作。"
    )
    orgs = names(x, "Organization")
    assert {"国网河南省电力公司郑州供电公司", "中国石油管道局工程有限公司第三工程分公司"} <= orgs
    assert "中国石油管道局工程有限公司" not in orgs
    # the parent alone stays the parent
    x = run("市总工会走访了国网河南省电力公司，慰问职工。")
    assert "国网河南省电力公司" in names(x, "Organization")


def test_a_bare_provincial_department_is_the_articles_provinces(run):
    # 厅 is a province's department: named bare, it is the article's province's
    x = run("本报讯 4月28日,甘肃省总工会联合农业农村厅、文化和旅游厅开展活动。")
    assert {"甘肃省农业农村厅", "甘肃省文化和旅游厅"} <= names(x, "Organization")
    x = run("本报讯 4月28日,宁夏回族自治区总工会联合农业农村厅开展活动。")
    assert "宁夏回族自治区农业农村厅" in names(x, "Organization")


def test_a_government_paired_with_its_party_committee_names_the_leadership(run):
    # 省委省政府, 市委、市政府: the source of a policy, not a body acting in the story
    x = run("山东省盐务局举办技能大赛。大赛是为了落实省委省政府人才强省战略。")
    assert not {n for n in names(x, "Organization") if n.endswith("政府")}
    x = run("济南市聚焦市委、市政府重大工作部署,每年组织开展劳动竞赛。")
    assert not {n for n in names(x, "Organization") if n.endswith("政府")}
    # a government named alone acts
    x = run("济南市政府与市总工会联合举办招聘会。")
    assert "济南市政府" in names(x, "Organization")


def test_a_list_bullet_is_no_part_of_a_name(run):
    # △ opens an item of a page of short items; the company's name starts after it
    x = run("△富县饲料公司工人李皎奇妻子有病,生活十分困难。")
    assert "富县饲料公司" in names(x, "Organization")
    assert not {n for n in names(x, "Organization") if n.startswith("△")}


def test_a_company_after_a_unions_system_starts_at_its_place(run):
    # 某产业工会系统|海南某某股份有限公司: the union's system names the sector
    x = run(
        "4月28日，海南省总工会慰问组到省财贸旅游烟草工会系统海南警盾安保股份有限公司送去慰问品。"
    )
    orgs = names(x, "Organization")
    assert "海南警盾安保股份有限公司" in orgs
    assert not {n for n in orgs if "工会" in n}


def test_a_paper_named_with_and_without_its_publisher_is_one_outlet(run):
    x = run(
        "青岛日报社/观海新闻11月29日讯 11月27日,市总工会开展活动。"
        "(青岛日报/观海新闻记者 刘萍 通讯员 杨忠召)"
    )
    papers = {n for n in names(x, "Organization") if "青岛日报" in n}
    assert len(papers) == 1
    assert ("刘萍", papers.pop()) in rels(x, "HOLDS_POSITION")


def test_a_government_named_short_is_the_official_one_the_article_names(run):
    x = run("市长某某某代表桐乡市人民政府作报告。会议研究了将改革列入市政府年度工作报告。")
    orgs = {e["name"] for e in x["entities"] if e["type"] == "Organization"}
    assert "桐乡市人民政府" in orgs and "桐乡市政府" not in orgs


def test_a_government_named_short_stays_so_when_the_article_never_names_it_in_full(run):
    x = run("会议研究了将改革列入平湖市政府年度工作报告。")
    assert "平湖市政府" in {e["name"] for e in x["entities"] if e["type"] == "Organization"}


def test_a_locative_before_a_place_ends_the_clause_before_a_company(run):
    x = run("在拔河大绳比赛中洛阳华宇汽车销售服务有限公司获得第一名。")
    orgs = {e["name"] for e in x["entities"] if e["type"] == "Organization"}
    assert orgs == {"洛阳华宇汽车销售服务有限公司"}


def test_a_companys_name_may_hold_he_right_after_its_short_place(run):
    # 四川|和|邦… reads as a conjunction to a cutter; a short place name then 和 opens the name
    x = run("会上，四川和兴投资集团有限公司介绍了情况。")
    assert "四川和兴投资集团有限公司" in names(x, "Organization")
    # a city's full name then 和 is a city and a company
    x = run("会上，宁波市和吉安集团签订了协议。")
    assert not {n for n in names(x, "Organization") if n.startswith("宁波市和")}


def test_a_demonstrative_and_a_level_word_open_no_company_name(run):
    x = run("在工会干部的指导下，该区北安城市服务有限公司清洁工填写了入会信息。")
    assert "北安城市服务有限公司" in names(x, "Organization")
    # 某 after them: a body the report does not name, in either mode
    text = "服务中心发现，该市某装饰材料公司职工离职后未获补偿。"
    fast = Extractor(fast=True)(Document(doc_id="t", text=text)).to_json()
    assert not names(run(text), "Organization") and not names(fast, "Organization")
