"""extract.segment: the two segmenters cut alike, and the dictionary read from jieba's
dict.txt answers like jieba's own tables (docs/dependencies.md, docs/performance.md)."""

from __future__ import annotations

import copy
import json
import logging
import random
import sys
import warnings
from pathlib import Path

import pytest

from extract import segment
from extract.pipeline import Extractor
from extract.reader import read_corpus
from extract.segment import Dictionary, SegmenterError, get_segmenter, segmenter_name

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def jieba_tables():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


@pytest.fixture(scope="module")
def dictionary():
    return Dictionary()


@pytest.fixture(scope="module")
def texts():
    return [d.text for d in read_corpus([EXAMPLES])]


# --------------------------------------------------------------------------- dictionary


def test_dictionary_counts_are_jiebas(jieba_tables, dictionary):
    freq, _ = jieba_tables
    keys = list(freq)
    sample = keys[::7]  # 71k of 498k: words and the prefixes jieba adds with count 0
    assert sum(1 for k in sample if freq[k] == 0) > 10_000
    assert [k for k in sample if dictionary.freq.get(k) != freq[k]] == []
    assert all(k in dictionary.freq for k in sample)
    assert dictionary.freq["工会"] == freq["工会"] > 0
    with pytest.raises(KeyError):
        dictionary.freq["工会工会工会"]


def test_dictionary_answers_like_jieba_for_other_strings(jieba_tables, dictionary):
    freq, tags = jieba_tables
    rng = random.Random(7)
    keys = list(freq)
    probes = [
        "",
        "平湖",
        "平湖市",
        "当湖街道",
        "许静",
        "职工之家",
        "连心舱",
        "AT&T",
        "c#",
        "2023-05-12",
    ]
    for _ in range(20_000):
        k = rng.choice(keys)
        probes.append(k + rng.choice("的了是在工会市镇") if rng.random() < 0.5 else k[1:] + k[:1])
    for p in probes:
        assert (p in dictionary.freq) == (p in freq), p
        assert dictionary.freq.get(p, -1) == freq.get(p, -1), p
        assert dictionary.tags.get(p) == tags.get(p), p


def test_dictionary_tags_are_posseg_tags(jieba_tables, dictionary):
    _, tags = jieba_tables
    words = list(tags)[::5]
    assert [w for w in words if dictionary.tags.get(w) != tags[w]] == []
    assert dictionary.tags.get("平湖") == tags["平湖"]
    assert sum(1 for w in words if tags[w] == "ns") > 1000


def test_dictionary_last_line_wins_and_prefixes(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text(
        "平湖 5 ns\n平湖市 9 ns\n工会 7 n\n平湖 6 nr", encoding="utf-8"
    )  # no final newline
    d = Dictionary(path)
    assert d.freq.get("平湖") == 6 and d.tags.get("平湖") == "nr"  # the later line, as in jieba
    assert d.freq.get("平") == 0 and "平" in d.freq and d.tags.get("平") is None  # a prefix only
    assert d.freq.get("工") == 0 and d.freq["工会"] == 7
    assert "湖" not in d.freq and d.freq.get("湖", "absent") == "absent"
    assert d.is_word("平湖市") and not d.is_word("平")


def test_dictionary_path_is_jiebas_dict_txt():
    path = segment.dictionary_path()
    assert path.name == "dict.txt" and path.parent.name == "jieba" and path.is_file()


# --------------------------------------------------------------------------- segmenters


def test_segmenter_names(monkeypatch):
    monkeypatch.delenv(segment.ENV_VAR, raising=False)
    assert segmenter_name() == "rjieba" == segment.DEFAULT_SEGMENTER
    assert segmenter_name("JIEBA") == "jieba"
    monkeypatch.setenv(segment.ENV_VAR, "jieba")
    assert segmenter_name() == "jieba"
    assert segmenter_name("rjieba") == "rjieba"  # an argument beats the variable
    monkeypatch.setenv(segment.ENV_VAR, "thulac")
    with pytest.raises(SegmenterError, match="UNIONKG_SEGMENTER 'thulac'"):
        segmenter_name()
    with pytest.raises(SegmenterError, match="unknown segmenter 'pkuseg'"):
        Extractor(segmenter="pkuseg")


def test_get_segmenter_builds_each_once():
    a, b = get_segmenter("rjieba"), get_segmenter("jieba")
    assert (a.name, b.name) == ("rjieba", "jieba")
    assert get_segmenter("rjieba") is a and get_segmenter("jieba") is b


def test_rjieba_missing_falls_back_to_jieba_with_one_warning(monkeypatch):
    monkeypatch.setitem(sys.modules, "rjieba", None)  # import rjieba raises ImportError
    monkeypatch.setattr(segment, "_segmenters", {})
    with pytest.warns(RuntimeWarning, match="rjieba cannot be imported.*segmenting with jieba"):
        seg = get_segmenter("rjieba")
    assert seg.name == "jieba"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert get_segmenter("rjieba") is seg  # no second warning


@pytest.mark.parametrize(
    "text, words",
    [
        ("2023-05-12平湖市总工会", ["2023", "-", "05", "-", "12", "平湖市", "总工会"]),
        ("联系电话025-83279179。", ["联系电话", "025", "-", "83279179", "。"]),
        ("邮箱12345@qq.com", ["邮箱", "12345", "@", "qq", ".", "com"]),
        ("增长15.5%，达3.5万", ["增长", "15.5%", "，", "达", "3.5", "万"]),
    ],
)
def test_rjieba_splits_symbols_like_jieba(text, words):
    import jieba

    assert jieba.lcut(text) == words
    assert get_segmenter("rjieba").cut(text) == words


def test_segmenters_agree_on_the_sample_corpus(texts):
    rj, jb = get_segmenter("rjieba"), get_segmenter("jieba")
    assert len(texts) == 10
    for t in texts:
        assert rj.cut(t) == jb.cut(t)
        assert rj.cut(t, False) == jb.cut(t, False)
        assert rj.bounds(t, 5) == jb.bounds(t, 5)


@pytest.mark.slow
def test_segmenters_agree_on_random_strings():
    """Mixed Chinese, digits, Latin letters, jieba's block symbols, spaces and punctuation."""
    rj, jb = get_segmenter("rjieba"), get_segmenter("jieba")
    rng = random.Random(20240601)
    alphabet = (
        list("工会职工平湖市总主席许静说开展了之家建设年月日中国")
        + list("0123456789")
        + list("abcXYZ")
        + list("+#&._%-")
        + [" ", "，", "。", "\n", "\r\n", "（", "）", ":", "/"]
    )
    differ = []
    for _ in range(5000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        if rj.cut(s) != jb.cut(s) or rj.cut(s, False) != jb.cut(s, False):
            differ.append(s)
    assert differ == []


def test_bounds():
    seg = get_segmenter()
    assert seg.bounds("平湖市总工会", 10) == [10, 13, 16]
    assert seg.bounds("", 4) == [4]


# --------------------------------------------------------------------------- extraction


@pytest.mark.slow
def test_extraction_is_the_same_with_either_segmenter(extractor):
    docs = list(read_corpus([EXAMPLES]))
    other = "jieba" if extractor.segmenter.name == "rjieba" else "rjieba"
    ex2 = Extractor(segmenter=other)
    assert ex2.segmenter.name == other and ex2.dictionary is extractor.dictionary
    for d in docs:
        a = extractor(copy.deepcopy(d)).to_json()
        b = ex2(copy.deepcopy(d)).to_json()
        assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False), d.doc_id


def test_extractor_default_is_rjieba(monkeypatch):
    monkeypatch.delenv(segment.ENV_VAR, raising=False)
    assert Extractor().segmenter.name == "rjieba"
    monkeypatch.setenv(segment.ENV_VAR, "jieba")
    assert Extractor().segmenter.name == "jieba"


def test_sentences_split_alike_with_either_segmenter(texts):
    from extract.articles import sentences

    rj, jb = get_segmenter("rjieba"), get_segmenter("jieba")
    wrapped = "工会组织开展了职工体系中处\n于领先地位的活动。\n标题行\n正文从这里开始。"
    assert (
        sentences(wrapped, segmenter=rj) == sentences(wrapped, segmenter=jb) == sentences(wrapped)
    )
    assert len(sentences(wrapped)) == 3  # 处|于 is a wrap (one sentence), 标题行 a line of its own
    for t in texts:
        assert sentences(t, segmenter=rj) == sentences(t, segmenter=jb)
