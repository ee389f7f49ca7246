"""The learned programme-name scorer (extract/programme_model.py) and its trainer
(extract/programme_training.py). Texts written for these tests (not taken from any source)."""

from __future__ import annotations

import json

import pytest

from extract import programme_model as pm
from extract import programme_training as pt
from extract.pipeline import Extractor
from extract.records import Document

TEXT = "市总工会开展“暖心行动”关爱活动，推进驿站建设，对制度进行完善。"


def _words(text: str, cuts: list[str]) -> list[tuple[int, int]]:
    out, i = [], 0
    for w in cuts:
        assert text.startswith(w, i), (w, i)
        out.append((i, i + len(w)))
        i += len(w)
    assert i == len(text)
    return out


def _view(**kw) -> pm.DocView:
    cuts = (
        "市 总工会 开展 “ 暖心 行动 ” 关爱 活动 ， 推进 驿站 建设 ， 对 制度 进行 完善 。".split()
    )
    words = _words(TEXT, cuts)
    tags = {}
    for (s, e), w in zip(words, cuts, strict=True):
        tag = {"开展": "v", "推进": "v", "对": "p", "进行": "v", "关爱": "vn"}.get(w, "n")
        for k in range(s, e):
            tags[k] = tag
    return pm.DocView(TEXT, words, tags, **kw)


def _texts(view: pm.DocView) -> set[str]:
    return {view.text[c.start : c.end] for c in view.candidates}


def test_candidates_end_in_a_tail_and_keep_quotes_whole():
    got = _texts(_view())
    assert "“暖心行动”关爱活动" in got and "关爱活动" in got
    assert "暖心行动" in got  # inside the quotes, a name of its own
    # a candidate never cuts a quotation: it starts and ends at the same depth
    assert not any(t.count("“") != t.count("”") for t in got)
    assert "行动”关爱活动" not in got


def test_candidates_hold_no_function_word_and_start_with_no_verb():
    got = _texts(_view())
    assert "对制度" not in got  # a preposition outside quotes: a clause, not a name
    assert "推进驿站" not in got and "开展“暖心行动”关爱活动" not in got  # a verb first
    assert "驿站" in got


def test_candidates_stay_inside_a_clause_and_max_chars():
    got = _texts(_view())
    assert not any("，" in t or "。" in t for t in got)
    short = _texts(_view(max_chars=4))
    assert short and max(map(len, short)) <= 4


def test_the_best_candidate_per_tail_above_the_threshold_and_none_overlapping():
    view = _view()
    weights = {"bias": -4.0, "T=活动": 5.0, "Q0=True": 2.0, "T=行动": 1.0}
    model = pm.Model(weights, threshold=0.7)
    spans = pm.best_spans(view, model)
    texts = [TEXT[s:e] for s, e, _ in spans]
    # the most probable at 活动 starts at the quote; 暖心行动 inside it overlaps: left out
    assert texts == ["“暖心行动”关爱活动"]
    assert all(p >= 0.7 for _, _, p in spans)
    assert pm.best_spans(view, pm.Model({"bias": -9.0}, threshold=0.5)) == []


def test_features_name_a_labelled_word_by_its_label():
    text = "杭州市职工运动会"
    words = _words(text, ["杭州市", "职工", "运动会"])
    tags = dict.fromkeys(range(3), "LOC") | dict.fromkeys(range(3, 8), "n")
    view = pm.DocView(text, words, tags)
    (cand,) = [c for c in view.candidates if c.start == 0]
    feats = pm.features(view, cand)
    assert "FW=<LOC>" in feats and "IW=<LOC>" in feats and "IW=职工" in feats
    assert not any("杭州" in f for f in feats)


def test_escape_keeps_one_feature_a_line():
    for feat in ["NC=\n", "PC=\t", "PW=\\n", "IW=职工"]:
        written = pm.escape(feat)
        assert "\n" not in written and "\t" not in written
        assert pm._unescape(written) == feat


def test_the_shipped_weights_load_with_their_settings():
    model = pm.load_model()
    assert 0.5 <= model.threshold < 1 and model.max_chars >= 8 and model.min_docs >= 2
    assert len(model.weights) > 100
    keys = {f.split("=", 1)[0] for f in model.weights}
    documented = {"bias", "T", "L", "CL", "PW", "PC", "PT", "NC", "NW", "NT", "FW", "FT", "Q"}
    documented |= {"Q0", "QT", "Y", "ED", "D", "NV", "LOC0", "IW", "NWD", "BAD", "S0", "E0"}
    documented |= {"REP", "T+PT", "T+L", "T+Q", "T+LT"} | {"has" + t for t in pm._INSIDE}
    assert keys <= documented, keys - documented


def test_the_step_runs_in_ner_mode_unless_left_out(extractor):
    assert "programme_model" in [name for name, _ in extractor.steps]  # on by default
    assert "programme_model" not in [name for name, _ in Extractor(learned=False).steps]
    assert "programme_model" not in [name for name, _ in Extractor(fast=True).steps]


def test_the_step_adds_what_the_weights_find_and_leaves_the_rules_names(extractor, monkeypatch):
    text = "县总工会推出“连心桥”帮扶计划，同时做好职工维权服务计划。"
    step = dict(extractor.steps)["programme_model"]
    weights = {"bias": -6.0, "T=计划": 9.0}  # every candidate ending in 计划 passes
    monkeypatch.setattr(type(step), "model", property(lambda self: pm.Model(weights, 0.9)))
    ctx = extractor.context(Document(doc_id="t", text=text))
    for name, s in extractor.steps:
        if name != "programme_model":
            s(ctx)
    before = [(x.start, x.end, x.key) for x in ctx.of_type("Programme")]
    step(ctx)
    after = ctx.of_type("Programme")
    added = [x for x in after if x.data.model]
    assert [(x.start, x.end, x.key) for x in after if not x.data.model] == before
    assert [x.key for x in added] == ["职工维权服务计划"]  # 做好 is a verb: no name starts so
    for x in added:
        assert x.data.tail and x.key == pm.canonical(text[x.start : x.end])
        assert not any(x.start < y[1] and y[0] < x.end for y in before)


def _corpus(tmp_path, n=4):
    texts, gold = tmp_path / "text", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    for i in range(n):
        (texts / f"a{i}.txt").write_text(
            f"第{i + 1}届区职工读书节开幕，区总工会开展送书活动，推进驿站建设。", encoding="utf-8"
        )
        ents = [{"type": "Programme", "name": "职工读书节", "aliases": ["区职工读书节"]}]
        (gold / f"a{i}.json").write_text(
            json.dumps({"doc_id": f"a{i}", "entities": ents}), encoding="utf-8"
        )
    return texts, gold


def test_training_writes_a_new_file_of_weights_the_same_each_time(tmp_path, capsys):
    texts, gold = _corpus(tmp_path)
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    assert pt.main([str(texts), str(gold), "-o", str(one), "--min-docs", "2"]) == 0
    assert pt.main([str(texts), str(gold), "-o", str(two), "--min-docs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    body = one.read_text(encoding="utf-8")
    assert body.startswith("# Weights") and "Source:" in body
    assert all(len(line) <= 90 for line in body.splitlines() if line.startswith("#"))
    weights = dict(
        line.rsplit("\t", 1) for line in body.split("[weights]\n")[1].splitlines() if line
    )
    assert float(weights["T=读书节"]) > 0  # every gold name here ends in it
    assert "4 documents" in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:  # an existing file is never overwritten
        pt.main([str(texts), str(gold), "-o", str(one)])
    assert e.value.code == 2 and one.read_text(encoding="utf-8") == body


def test_training_refuses_unpaired_missing_and_goldless_folders(tmp_path, capsys):
    texts, gold = _corpus(tmp_path, n=1)
    with pytest.raises(SystemExit) as e:
        pt.main([str(texts), "-o", str(tmp_path / "w.txt")])
    assert e.value.code == 2 and "pairs" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SystemExit) as e:
        pt.main([str(texts), str(empty), "-o", str(tmp_path / "w.txt")])
    assert e.value.code == 2 and "no gold" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:  # a mistyped folder is named, not read as empty
        pt.main([str(texts), str(gold), str(tmp_path / "nowhere"), str(gold), "-o", "w.txt"])
    assert e.value.code == 2 and "no such folder" in capsys.readouterr().err
    assert not (tmp_path / "w.txt").exists()


def test_a_count_stands_in_no_candidate():
    text = "发百万张职工服务卡"
    words = _words(text, ["发", "百万张", "职工", "服务", "卡"])
    tags = {0: "v"} | dict.fromkeys(range(1, 4), "m") | dict.fromkeys(range(4, 9), "n")
    counts = frozenset(range(1, 4))
    got = {text[c.start : c.end] for c in pm.DocView(text, words, tags, counts=counts).candidates}
    assert "职工服务卡" in got and not any(t.startswith("百万张") for t in got)


def test_the_step_reads_counts_from_the_model(extractor):
    doc = Document(doc_id="t", text="湖北省总工会今年将发百万张职工服务卡，每张卡可享受优惠。")
    ctx = extractor.context(doc)
    view = pm.DocView.of(ctx)
    start = doc.text.index("百万张")
    assert view.bad[start + 3] - view.bad[start] == 3  # the model reads 百万张 as a count
    names = {e["name"] for e in extractor(doc).to_json()["entities"] if e["type"] == "Programme"}
    assert not any(n.startswith("百万") for n in names)
