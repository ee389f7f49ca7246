"""Issue 13, defects 3, 4 and 14: no single input sinks a build. A file name with
undecodable bytes, a JSONL text with a lone surrogate, and a document that crashes an
extractor are each handled alone; names are printed escaped."""

from __future__ import annotations

import json
import os
import sys

import pytest

from extract.reader import Skipped, read_corpus, shown
from unionkg import api

FACT = "本报讯 近日，嘉兴市总工会打造“连心舱”工作室。"


@pytest.mark.skipif(
    sys.platform != "linux", reason="file names of raw bytes need a POSIX file system"
)
def test_a_file_name_with_undecodable_bytes_is_read_and_written_escaped(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    with open(os.path.join(os.fsencode(corpus), b"bad\xff\xfe.txt"), "wb") as f:
        f.write(FACT.encode("utf-8"))
    (corpus / "good.txt").write_text(FACT, encoding="utf-8")
    report = api.build([corpus], tmp_path / "out", maps=False)
    assert report.documents == 2 and report.extracted == 2 and not report.skipped
    lines = (tmp_path / "out" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    ids = {json.loads(x)["doc_id"]: json.loads(x)["source"]["path"] for x in lines}
    assert ids["bad\\xff\\xfe"].endswith("bad\\xff\\xfe.txt")
    assert (
        json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["documents"] == 2
    )


def test_a_lone_surrogate_in_jsonl_text_is_replaced_not_fatal(tmp_path):
    corpus = tmp_path / "lines.jsonl"
    corpus.write_text(
        json.dumps({"id": "s\ud800", "text": FACT + "\ud800", "title": "t\udfff"})
        + "\n"
        + json.dumps({"id": "ok", "text": FACT})
        + "\n",
        encoding="utf-8",
    )
    docs = list(read_corpus([corpus]))
    assert [d.doc_id for d in docs] == ["s\ufffd", "ok"]
    assert docs[0].text.endswith("\ufffd") and docs[0].title == "t\ufffd"
    report = api.build([corpus], tmp_path / "out", maps=False)
    assert report.extracted == 2 and not report.skipped


def test_a_document_that_crashes_an_extractor_is_skipped_with_its_reason(tmp_path, monkeypatch):
    from extract import pipeline

    real = pipeline.Extractor.assemble

    def assemble(self, ctx):
        if "爆" in ctx.text:
            raise ValueError("boom")
        return real(self, ctx)

    monkeypatch.setattr(pipeline.Extractor, "assemble", assemble)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(FACT, encoding="utf-8")
    (corpus / "b.txt").write_text(FACT + "爆", encoding="utf-8")
    (corpus / "l.jsonl").write_text(
        json.dumps({"id": "x", "text": FACT + "爆"}) + "\n", encoding="utf-8"
    )
    skipped: list[Skipped] = []
    report = api.build([corpus], tmp_path / "out", maps=False, on_skip=skipped.append)
    assert report.extracted == 1
    got = {(os.path.basename(s.path), s.line): s.reason for s in skipped}
    assert got == {
        ("b.txt", None): "extraction failed (ValueError: boom)",
        ("l.jsonl", 1): "extraction failed (ValueError: boom)",
    }
    assert report.skipped == [{"path": s.path, "line": s.line, "reason": s.reason} for s in skipped]
    # without on_skip the error reaches the caller, after the documents before it
    docs = list(read_corpus([corpus / "a.txt", corpus / "b.txt"]))
    got_ids = []
    with pytest.raises(
        api.ExtractionError, match=r"b\.txt: extraction failed \(ValueError: boom\)"
    ):
        for rec in api.extract(docs):
            got_ids.append(rec["doc_id"])
    assert got_ids == ["a"]


def test_skip_lines_show_control_characters_escaped():
    item = Skipped("evil\nname\x1b[31m.txt", None, "empty file")
    assert str(item) == "evil\\x0aname\\x1b[31m.txt: empty file"
    assert "\n" not in str(item) and "\x1b" not in str(item)
    assert shown("平湖\udcff") == "平湖\\xff"


@pytest.mark.slow
def test_a_build_into_its_corpus_folder_does_not_read_its_own_output(tmp_path):
    """Issue 13, defect 12: with --out inside the corpus folder, the second build read
    its own extractions.jsonl as input. (--out set to the corpus folder itself is refused
    since issue 16: tests/test_output_safety.py.)"""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(FACT, encoding="utf-8")
    out = corpus / "out"
    first = api.build([corpus], out, maps=False)
    assert first.documents == 1
    (corpus / "b.txt").write_text(FACT.replace("嘉兴", "湖州"), encoding="utf-8")
    second = api.build([corpus], out, maps=False)
    assert second.documents == 2 and not second.skipped
    ids = [
        json.loads(x)["doc_id"]
        for x in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert ids == ["a", "b"]


def test_a_remove_that_removes_nothing_keeps_the_build(tmp_path):
    """Issue 13, defect 13: it deleted report.json, so the next build redid everything."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(FACT, encoding="utf-8")
    out = tmp_path / "out"
    api.build([corpus], out, maps=False)
    report = (out / "report.json").read_bytes()
    result = api.remove(["no-such-doc"], out, maps=False)
    assert result["removed"] == [] and result["not_found"] == ["no-such-doc"]
    assert (out / "report.json").read_bytes() == report
    again = api.build([corpus], out, maps=False)
    assert again.extracted == 0 and again.reused == 1


LONG_FACT = (
    "本报讯 近日，嘉兴市总工会打造“连心舱”工作室，为职工提供法律咨询和调解服务。\n"
    "平湖市总工会主席许静介绍，全年共接待职工来访300余人次。\n"
) * 3


def test_big5_is_detected_not_read_as_gb18030(tmp_path):
    """Issue 13, defect 9: Big5 files were read as GB18030 into rare characters."""
    import opencc

    from extract.reader import decode_bytes

    traditional = opencc.OpenCC("s2t").convert(LONG_FACT)
    data = traditional.encode("big5hkscs", errors="replace")
    text, encoding = decode_bytes(data)
    assert encoding in ("big5hkscs", "cp950") and "嘉興市總工會" in text
    # GB18030 text, simplified or traditional, stays GB18030
    assert decode_bytes(LONG_FACT.encode("gb18030")) == (LONG_FACT, "gb18030")
    assert decode_bytes(traditional.encode("gb18030")) == (traditional, "gb18030")


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_all_chinese_utf16_without_bom_is_read(tmp_path, enc):
    """Issue 13, defect 10: all-Chinese UTF-16 without a BOM has few NUL bytes (its
    newlines) and was skipped as a binary file."""
    body = (
        "嘉兴市总工会打造连心舱工作室为职工提供法律咨询和调解服务平湖市总工会主席许静介绍" * 3
        + "\n"
    ) * 4
    (tmp_path / "u.txt").write_bytes(body.encode(enc))
    skipped = []
    docs = list(read_corpus([tmp_path / "u.txt"], on_skip=skipped.append))
    assert not skipped and docs[0].text == body
