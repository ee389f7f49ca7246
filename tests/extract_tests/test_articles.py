"""Tests for extract.articles: article splitting, article_at, sentences.

The tables are short texts written for the tests. The seed pages of
``../shared/corpus/seeds`` are read from disk (never copied here) and the tests on
them are skipped when that folder is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.articles import article_at, sentences, split_articles
from extract.errors import OffsetOutOfRange
from extract.records import Article, Document
from extract.textnorm import to_simplified

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


def doc(text: str, **kw) -> Document:
    return Document(doc_id="t", text=text, simplified=to_simplified(text), **kw)


def starts(text: str, **kw) -> list[str]:
    """Text of each article, stripped."""
    d = doc(text, **kw)
    arts = split_articles(d)
    check_cover(d, arts)
    return [text[a.start : a.end].strip() for a in arts]


def check_cover(d: Document, arts: list[Article]) -> None:
    assert arts, "at least one article"
    assert arts[0].start == 0 and arts[-1].end == len(d.text)
    for i, a in enumerate(arts):
        assert a.index == i and a.start <= a.end
        if i:
            assert a.start == arts[i - 1].end


BODY = "某市总工会开展送温暖活动,慰问困难职工120户,发放慰问金36万元。"
BODY2 = "活动期间,工会干部深入企业一线,倾听职工心声,解决实际困难15件。"

SPLITS = [
    # (case, text, expected article starts)
    ("one article, no cue", f"工会送温暖\n\n{BODY}\n\n{BODY2}", ["工会送温暖"]),
    (
        "column tags start articles",
        f"【工会动态】\n\n甲市工会送温暖\n\n{BODY}\n\n【基层风采】关键词:服务\n\n乙市工会办实事\n\n{BODY2}",
        ["【工会动态】", "【基层风采】"],
    ),
    (
        "dateline takes the headline block above it",
        f"甲市工会送温暖\n\n本报讯(记者张三)近日,{BODY}\n\n{BODY2}\n\n"
        f"乙市职工技能大赛开幕\n\n百名工匠同台竞技\n\n本报讯 (通讯员李四)日前,{BODY}",
        ["甲市工会送温暖", "乙市职工技能"],
    ),
    (
        "news-agency dateline",
        f"{BODY}\n\n丙省出台新规\n\n新华社北京3月1日电 {BODY2}",
        [BODY[:6], "丙省出台新规"],
    ),
    (
        "byline block before the body",
        f"{BODY}\n\n{BODY2}\n\n一条热线暖人心\n\n本报记者 王小明 本报通讯员 赵丽\n\n{BODY}",
        [BODY[:6], "一条热线暖人心"],
    ),
    (
        "square-bullet byline",
        f"{BODY}\n\n小小驿站大温暖\n\n■记者钱多多\n通讯员孙一、周二\n\n{BODY2}",
        [BODY[:6], "小小驿站大温暖"],
    ),
    (
        "byline without headline starts the article itself",
        f"{BODY}\n\n本报记者 王小明\n\n{BODY2}",
        [BODY[:6], "本报记者 王"],
    ),
    (
        "closing source line ends an article",
        f"{BODY}\n\n(《工人日报》记者张三)\n\n{BODY2}\n\n《劳动报》记者李四)\n\n职工书屋开放\n\n{BODY}",
        [BODY[:6], BODY2[:6], "职工书屋开放"],
    ),
    (
        "photo credit ends a caption, caption cut from the article before",
        f"{BODY}\n\n{BODY2}\n\n劳模喜迁新居\n\n{BODY} 本报通讯员 周五 摄\n\n{BODY2}",
        [BODY[:6], "劳模喜迁新居", BODY2[:6]],
    ),
    (
        "kicker line ending with a dash",
        f"{BODY}\n\n某市总工会深化改革,服务职工——\n\n职工有了新家园\n\n{BODY2}",
        [BODY[:6], "某市总工会深化"],
    ),
    (
        "unit:headline between body paragraphs, and bare author names",
        f"甲供电:开启安全月\n\n{BODY}\n\n王小明\n\n乙公路:猜灯谜 闹元宵\n\n{BODY2}\n\n丙电厂:拔河比赛\n\n{BODY}",
        ["甲供电:开启安", "乙公路:猜灯谜", "丙电厂:拔河比"],
    ),
    (
        "a colon label that is not a headline",
        f"{BODY}\n\n调研组成员:王一 李二\n\n{BODY2}",
        [BODY[:6]],
    ),
    (
        "two blank lines separate layout blocks",
        f"{BODY}\n\n{BODY2}\n\n\n\n职工画展开幕\n\n{BODY}\n\n{BODY2}\n\n{BODY}\n\n{BODY2}",
        [BODY[:6], "职工画展开幕"],
    ),
    (
        "two blank lines before every headline with its body under it",
        f"某报 2025年1月15日 第2版\n\n\n甲市驿站暖人心\n\n{BODY}\n\n\n乙县书屋开放\n\n{BODY2}"
        f"\n\n{BODY}\n\n\n丙区技能大赛开幕\n\n{BODY2}",
        ["某报 2025", "乙县书屋开放", "丙区技能大赛"],
    ),
    (
        "two blank lines before a subheading do not split when others stand elsewhere",
        f"甲市工会送温暖\n\n本报讯 {BODY}\n\n\n服务到一线\n\n{BODY2}\n\n\n{BODY}",
        ["甲市工会送温暖"],
    ),
    (
        "headline-only block is not an article of its own",
        f"【履职手记】\n\n\n\n{BODY}\n\n{BODY2}\n\n{BODY}\n\n{BODY2}\n\n{BODY}",
        ["【履职手记】"],
    ),
    (
        "reading tip box stays in its article",
        f"某市工会送温暖——\n\n职工有了新家园\n\n阅读提示\n\n{BODY}\n\n{BODY2}",
        ["某市工会送温暖"],
    ),
    (
        "subheadings do not split",
        f"甲市工会送温暖\n\n本报讯 {BODY}\n\n服务到一线\n\n{BODY2}\n\n关爱无止境\n\n{BODY}",
        ["甲市工会送温暖"],
    ),
    (
        "leading blank lines belong to the first article",
        f"\n\n\n甲市工会送温暖\n\n本报讯 {BODY}",
        ["甲市工会送温暖"],
    ),
]


@pytest.mark.parametrize("case, text, expected", SPLITS, ids=[c[0] for c in SPLITS])
def test_split_articles(case, text, expected):
    got = starts(text)
    assert [g[: len(e)] for g, e in zip(got, expected, strict=False)] == expected and len(
        got
    ) == len(expected)


@pytest.mark.parametrize("text", ["", "   \n\n ", "只有一行", BODY * 3])
def test_degenerate_texts_give_one_article(text):
    arts = split_articles(doc(text))
    assert len(arts) == 1
    check_cover(doc(text), arts)


def test_jsonl_document_is_one_article_with_its_title():
    text = f"【工会动态】\n\n甲\n\n本报讯 {BODY}\n\n乙市\n\n本报讯 {BODY2}"
    d = doc(text, path="news.jsonl:3", title="元数据标题", date="2024-12-20")
    (a,) = split_articles(d)
    assert (a.start, a.end, a.title, a.date) == (0, len(text), "元数据标题", "2024-12-20")


TITLES = [
    (f"【工会动态】关键词:服务;职工\n\n甲市工会送温暖\n\n{BODY}", "甲市工会送温暖"),
    (f"【热点】乙市出台新规\n\n{BODY}", "乙市出台新规"),
    (f"某市工会深化改革——\n\n职工有了新家园\n\n阅读提示\n\n{BODY}", "职工有了新家园"),
    (f"新闻特写\n\n圆桌会上解难题\n\n本报记者 王小明\n\n{BODY}", "圆桌会上解难题"),
    (f"冬日,我们能为骑手做什么?\n\n{BODY}", "冬日,我们能为骑手做什么?"),
    (f"本报讯 {BODY}", ""),
    (f"{BODY}\n\n{BODY2}", ""),
]


@pytest.mark.parametrize("text, title", TITLES)
def test_titles(text, title):
    assert split_articles(doc(text))[0].title == title


DATES = [
    # (lead, doc.date, expected)
    ("本报讯(记者张三)2024年12月20日,某市总工会举办活动。", None, "2024-12-20"),
    ("本报讯(记者张三)12月12日,某市总工会举办活动。", None, None),
    ("本报讯(记者张三)12月12日,某市总工会举办活动。", "2024", "2024-12-12"),
    ("本报讯(记者张三)12月12日,某市总工会举办活动。", "2024-12-20", "2024-12-12"),
    ("本报讯(记者张三)12月28日,某市总工会举办活动。", "2025-01-03", "2024-12-28"),
    ("本报讯(记者张三)近日,某市总工会举办活动。", "2024-12-20", "2024-12-20"),
    ("本报讯(记者张三)2月30日,活动。", "2024", "2024"),
    (
        "近日,某市总工会举办活动,这句话用来把后面的日期推到导语开头的六十个字以外,以免被当作电头日期,"
        "所以还要再写长一些才行,再长一些。2015年2月25日的报道也提到此事。",
        None,
        None,
    ),
]


@pytest.mark.parametrize("lead, meta, expected", DATES)
def test_dates(lead, meta, expected):
    text = f"甲市工会送温暖\n\n{lead}\n\n{BODY2}"
    assert split_articles(doc(text, date=meta))[0].date == expected


def test_article_at():
    text = f"{BODY}\n\n(《工人日报》记者张三)\n\n{BODY2}"
    arts = split_articles(doc(text))
    assert len(arts) == 2
    assert article_at(arts, 0) == 0
    assert article_at(arts, arts[1].start - 1) == 0
    assert article_at(arts, arts[1].start) == 1
    assert article_at(arts, len(text) - 1) == 1
    for bad in (-1, len(text)):
        with pytest.raises(OffsetOutOfRange):
            article_at(arts, bad)
    with pytest.raises(OffsetOutOfRange):
        article_at([], 0)


# ----------------------------------------------------------------------------- sentences

SENTENCES = [
    ("甲。乙!丙?丁；戊;己", ["甲。", "乙!", "丙?", "丁；", "戊;", "己"]),
    ("他说:“好的。”然后走了。", ["他说:“好的。”", "然后走了。"]),
    ("“真好!”大家说。", ["“真好!”", "大家说。"]),
    ("(完)。还有", ["(完)。", "还有"]),
    ("第一行没有标点\n第二行也没有", ["第一行没有标点", "第二行也没有"]),
    ("标题在这里\n\n正文开始了,说了一些事情。", ["标题在这里", "正文开始了,说了一些事情。"]),
    # OCR wraps: line ends mid-clause
    ("职工们纷纷表示,\n\n要把工作做好。", ["职工们纷纷表示,\n\n要把工作做好。"]),
    ("我们要“离不开、\n\n信得过”的干部。", ["我们要“离不开、\n\n信得过”的干部。"]),
    ("“年轻职工喜欢用\n\n手机看新闻。”", ["“年轻职工喜欢用\n\n手机看新闻。”"]),
    # a dictionary word across the break (处|于)
    (
        "县级工会在组织体系中处\n\n于承上启下的重要地位。",
        ["县级工会在组织体系中处\n\n于承上启下的重要地位。"],
    ),
    # a headline ends on a whole word: 起来|自 is no wrap
    (
        "好声音响起来\n\n自活动开展以来,工会安装设备五千台。",
        ["好声音响起来", "自活动开展以来,工会安装设备五千台。"],
    ),
    # a long line without final punctuation is a wrap
    (
        "为了让公益培训更受职工欢迎,市总工会对职工培训中心进行全面改造,设置了多媒体教室、声乐教室和钢琴\n\n"
        "室等近10个功能室。",
        [
            "为了让公益培训更受职工欢迎,市总工会对职工培训中心进行全面改造,设置了多媒体教室、声乐教室和钢琴\n\n"
            "室等近10个功能室。"
        ],
    ),
    # but not when the next line is a headline
    (
        "市总工会对职工培训中心进行全面改造,设置了多媒体教室、声乐教室和钢琴室等近十个功能室以及\n\n职工有了新家园",
        [
            "市总工会对职工培训中心进行全面改造,设置了多媒体教室、声乐教室和钢琴室等近十个功能室以及",
            "职工有了新家园",
        ],
    ),
    # nor before a tag, byline or dateline, nor across two blank lines
    ("某市工会送温暖,\n\n【工会动态】", ["某市工会送温暖,", "【工会动态】"]),
    ("职工们纷纷表示,\n\n本报记者 王小明", ["职工们纷纷表示,", "本报记者 王小明"]),
    ("职工们纷纷表示,\n\n\n\n要把工作做好。", ["职工们纷纷表示,", "要把工作做好。"]),
    (
        "故乡……”\n\n职工李先生得知消息后,立刻写了一首歌。",
        ["故乡……”", "职工李先生得知消息后,立刻写了一首歌。"],
    ),
    ("  \n\n  ", []),
    # a long line without final punctuation, then a time word or a date and a comma: two
    (
        "11月2日上午,市总工会为职工办实事项目——2023年职工微心愿某某专场活动在某某县总工会举行\n"
        "今年,市总工会继续探索党建带工建工作机制。",
        [
            "11月2日上午,市总工会为职工办实事项目——2023年职工微心愿某某专场活动在某某县总工会举行",
            "今年,市总工会继续探索党建带工建工作机制。",
        ],
    ),
]


@pytest.mark.parametrize("text, expected", SENTENCES)
def test_sentences(text, expected):
    spans = sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == expected


def test_sentences_inside_a_span_use_document_offsets():
    text = "前言。甲句。乙句。后记。"
    spans = sentences(text, 3, 9)
    assert spans == [(3, 6), (6, 9)]
    assert sentences(text) == sentences(text, 0, len(text))
    with pytest.raises(ValueError):
        sentences(text, 5, 100)


def test_sentences_on_a_five_megabyte_line():
    text = "职工技能大赛在某市举行,工会组织职工参加" * 250_000
    assert sentences(text) == [(0, len(text))]


# ----------------------------------------------------------------------------- seeds

SEED_COUNTS = {
    "000_d6aa8f35f514b649": 5,
    "001_257d618e5a1f309a": 12,
    "002_282340aa35eb5ca8": 9,
    "003_1a5fff94ae329125": 11,
    "004_e29aa84e29f7afa3": 6,
}
_CLOSING_LINE = re.compile(
    r"^[(（]?《[^》]{2,15}》[^。！？]{0,40}[)）]$|\s(?:摄|摄影|摄影报道)(?:/\S+)?[)）]?$"
)


@pytest.fixture(scope="module")
def seed_docs():
    if not SEEDS.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS} (../shared is absent)")
    from extract.reader import read_corpus

    skipped = []
    docs = {d.doc_id: d for d in read_corpus(SEEDS, on_skip=skipped.append)}
    assert skipped == []
    return docs


@pytest.mark.parametrize("doc_id, count", sorted(SEED_COUNTS.items()))
def test_seed_article_counts(seed_docs, doc_id, count):
    d = seed_docs[doc_id]
    arts = split_articles(d)
    check_cover(d, arts)
    assert len(arts) == count
    for a in arts:
        body = d.text[a.start : a.end]
        assert body.strip(), "no whitespace-only article"
        if a.index:
            assert d.text[a.start - 1] == "\n", "articles start at a line start"
        # every closing line (source line, photo credit) is the last line of its article
        lines = [ln.strip() for ln in body.strip().split("\n") if ln.strip()]
        for ln in lines[:-1]:
            assert not _CLOSING_LINE.search(ln), f"closing line inside article {a.index}: {ln}"


def test_seed_sentences_cover_articles(seed_docs):
    for d in seed_docs.values():
        for a in split_articles(d):
            spans = sentences(d.text, a.start, a.end)
            assert spans and all(a.start <= s < e <= a.end for s, e in spans)
            assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
            # no character outside a sentence except whitespace
            covered = "".join(d.text[s:e] for s, e in spans)
            assert len(re.sub(r"\s", "", covered)) == len(
                re.sub(r"\s", "", d.text[a.start : a.end])
            )
