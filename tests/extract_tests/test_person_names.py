"""Person names that jieba cuts into pieces or that stand by cues other than a post title
(short sentences and invented names written for these tests)."""

import pytest

from extract.pipeline import Extractor
from extract.records import Document


def people(x):
    return {e["name"] for e in x["entities"] if e["type"] == "Person"}


@pytest.mark.parametrize(
    "text,name",
    [
        # jieba cuts 李业|建向: the name ends before 向, not after 业
        ("司机李业建向工会反映了问题。", "李业建"),
        # 柳|美丽|最近: a given name that is a dictionary word, before another word
        ("“优秀调解员”柳美丽最近忙于调解。", "柳美丽"),
        # 孙成|喜|报道: a byline name stops before 报道
        ("本报讯 通讯员孙成喜报道 近日,区总工会开展慰问。", "孙成喜"),
    ],
)
def test_split_three_character_names(run, text, name):
    found = people(run(text))
    assert name in found
    assert not {n for n in found if n != name and name.startswith(n)}  # not 李业, 孙成


def test_function_word_surname_needs_more_than_a_split_reading(run):
    # 工人和|货车|司机: 和 is a conjunction, not the surname of 和货车
    x = run("驿站每天接待装卸工人和货车司机百余人次,司机李业建向工会反映了问题。")
    assert people(x) == {"李业建"}


def test_photo_position_marks_a_name(run):
    assert "孟庆安" in people(run("劳动模范代表孟庆安(右二)正式入住新居。"))


def test_source_line_names_author_and_paper(run):
    x = run("守正创新,才能行稳致远。\n(《江南工人报》陶文彬)")
    assert "陶文彬" in people(x)
    assert ("陶文彬", "江南工人报") in {
        (r["head"], r["tail"]) for r in x["relations"] if r["type"] == "HOLDS_POSITION"
    }


def test_surnames_missing_from_the_shared_list(run):
    assert "赖明轩" in people(run("本报讯(记者赖明轩)日前,市总工会召开会议。"))


def test_leader_name_known_to_jieba(run):
    assert "习近平" in people(run("职工们认真学习习近平总书记的重要讲话。"))


def test_more_role_words(run):
    assert "林若溪" in people(run("主播林若溪的声音广为职工所熟识。"))


@pytest.mark.parametrize(
    "text,name",
    [
        # 柯|长平|等人: 平等 is a word, but 等人 closes the list; 柯 read as an adverb
        # by jieba is a surname right after a post title
        ("某某公司党委副书记、工会副主席尤长平等人陪同调研。", "尤长平"),
        # a name in a byline that the rules would cut before a character that ends no
        # word (李建|强 between spaces): the model's whole name
        ("(通讯员 李志强 王海涛)3月2日,某县总工会举行活动。", "李志强"),
        # a rare surname of the national census (卯) after a post title
        ("省总工会党组成员、副主席卯晓东出席会议并讲话。", "卯晓东"),
    ],
)
def test_names_not_cut_short(run, text, name):
    found = people(run(text))
    assert name in found
    assert not {n for n in found if n != name and (name.startswith(n) or name.endswith(n))}


def test_dotted_name_kept_whole_where_the_model_stops_at_the_dot(run):
    x = run("省委常委、省总工会主席阿力木江·托合提,省总工会副主席王建平出席。")
    found = people(x)
    assert "阿力木江·托合提" in found
    assert "阿力木江" not in found


def test_author_field_holding_an_outlet_is_no_person(run):
    x = run("标题\n时间:2024-12-10 来源:某某新闻 作者:阳光网\n正文。")
    assert "阳光网" not in people(x)


def test_photo_label_written_with_a_space(run):
    x = run("工会举行活动。\n\n摄 影:林晓帆\n")
    assert "林晓帆" in people(x)


def test_conjunction_after_a_title_starts_no_name_in_fast_mode():
    # 和 after a title is a conjunction (no model in fast mode to say so); an adverb
    # surname (尤) after a title is a surname in both modes
    fast = Extractor(fast=True)
    x = fast(Document(doc_id="t", text="工会主席和快递小哥交流,工会副主席尤长平等人热情接待。"))
    found = people(x.to_json())
    assert "尤长平" in found
    assert not {n for n in found if n.startswith("和")}


def test_byline_names_set_off_by_spaces_may_hold_rare_given_characters(run):
    # 书 seldom stands in a given name (某书记), but a byline's chunk set off by a space is one
    x = run("中工网讯(记者高柱 通讯员闵书文 江北春)日前,四川某集团工会举行活动。")
    assert {"闵书文", "江北春"} <= people(x)
    # a chunk that runs on into the text is read by the other rules
    assert "闵书文近" not in people(x)


def test_a_name_the_model_cuts_is_whole_when_it_recurs(run):
    # the model reads 郑荣|新赴: the three characters stand again before other words
    x = run(
        "8月2日,杭州市总工会党组书记、常务副主席郑荣新赴钱塘区调研工会工作。"
        "座谈会上,郑荣新听取了汇报。郑荣新指出,要做好服务。"
    )
    assert "郑荣新" in people(x)
    assert "郑荣" not in people(x)


def test_a_surname_and_a_post_the_model_reads_as_a_name_is_none(run):
    # the model reads 姚律师 as PER: a surname and a post, left out like 老宋
    x = run("张先生向律师姚锐咨询了问题。听了姚律师的讲解,他明白了。")
    assert "姚锐" in people(x)
    assert "姚律师" not in people(x)


def test_a_name_after_a_role_word_jieba_glues_to_the_surname(run):
    # jieba: 快递|员史|国柱; the model reads 史国柱 as PER right after the role word
    assert "史国柱" in people(run("快递员史国柱说:“工会的关怀让我们更有动力。”"))


def test_a_bracketed_name_alone_on_a_line_signs_an_item(run):
    x = run("△某区总工会开展技能竞赛,职工踊跃参加。\n(付建中)\n△某厂工会举办演讲会。")
    assert "付建中" in people(x)
    # a body in brackets alone on a line is no person
    x = run("△某区总工会开展技能竞赛,职工踊跃参加。\n(某区总工会)\n")
    assert not people(x)


def _recurs_by_scan(text: str, name: str) -> bool:
    """What people._recurs answers, by a scan of the whole text (its former code)."""
    after: set[str] = set()
    i = text.find(name)
    while i >= 0 and len(after) < 2:
        after.add(text[i + len(name) : i + len(name) + 1])
        i = text.find(name, i + 1)
    return len(after) >= 2


def test_recurs_through_the_pair_index_answers_as_a_scan_of_the_text():
    import random

    from extract.context import DocContext
    from extract.people import _recurs

    rng = random.Random(20261203)
    alphabet = "郑荣新赴指出甲乙,。"  # few characters: names overlap and recur often
    for _ in range(40):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 300)))
        ctx = DocContext(Document("t", text), text, [])
        names = {"", "郑", text[-3:], text[:2], "郑郑郑", "荣荣"}
        names |= {
            "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 5))) for _ in range(60)
        }
        for name in sorted(names):
            assert _recurs(ctx, name) == _recurs_by_scan(text, name), (text, name)
            assert _recurs(ctx, name) == _recurs_by_scan(text, name)  # memoised: the same
        assert "pair_starts" in ctx.memo  # the first names by a scan, the others by the index
    # both answers occur (the check is not vacuous)
    assert {_recurs_by_scan("甲乙丙甲乙丁", "甲乙"), _recurs_by_scan("甲乙丙甲乙丙", "甲乙")} == {
        True,
        False,
    }


@pytest.mark.parametrize(
    "text,name,not_name",
    [
        # the model reads 马建|中|要求: a direction word between a name and a verb is the
        # name's last character, not "in"
        ("省总工会常务副主席马建中要求，各级工会要运用市场机制。", "马建中", "马建"),
        ("区总工会副主席周立中强调，要做好帮扶工作。", "周立中", "周立"),
    ],
)
def test_a_direction_word_before_a_verb_ends_the_name(run, text, name, not_name):
    found = people(run(text))
    assert name in found and not_name not in found


def test_a_photo_credit_glued_to_a_byline_name_is_no_part_of_it(run):
    assert people(run("命名大会现场  记者 王小玮摄\n\n表彰会现场。")) == {"王小玮"}


def test_a_verb_with_an_aspect_particle_before_a_street_word_names_no_street(run):
    x = run("大屏幕循环播放着街道总工会自办网站的内容。")
    assert not [e for e in x["entities"] if e["type"] in ("Place", "TradeUnion")]
