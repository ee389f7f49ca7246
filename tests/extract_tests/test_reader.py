"""Tests for extract.reader and extract.textnorm (texts written for the tests)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.reader import Skipped, decode_bytes, normalize_date, read_corpus
from extract.textnorm import normalize_for_matching, to_simplified

TEXT = "本报讯(记者张三)近日,某市总工会举办职工技能大赛,共有120名职工参加。\n"


def read(paths, **kw):
    skipped: list[Skipped] = []
    docs = list(read_corpus(paths, on_skip=skipped.append, **kw))
    return docs, skipped


def write(path: Path, data, encoding="utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode(encoding)
    path.write_bytes(data)
    return path


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8-sig", TEXT.encode("utf-8-sig")),
        ("utf-16 (LE BOM)", TEXT.encode("utf-16")),
        ("utf-16-be BOM", b"\xfe\xff" + TEXT.encode("utf-16-be")),
        ("utf-16-le no BOM", TEXT.encode("utf-16-le")),
        ("utf-16-be no BOM", TEXT.encode("utf-16-be")),
        ("gb18030", TEXT.encode("gb18030")),
        ("gbk", TEXT.encode("gbk")),
        ("crlf", TEXT.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path, encoding, data):
    write(tmp_path / "a.txt", data)
    docs, skipped = read(tmp_path)
    assert skipped == []
    assert [d.text for d in docs] == [TEXT]
    assert docs[0].doc_id == "a"


def test_traditional_gb18030_and_big_text(tmp_path):
    text = "臺灣省總工會舉辦勞動節活動。" * 3
    write(tmp_path / "t.txt", text.encode("gb18030"))
    (doc,), skipped = read(tmp_path)
    assert doc.text == text and not skipped
    assert doc.simplified == "台湾省总工会举办劳动节活动。" * 3


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_and_without_ascii_is_not_mojibake(tmp_path, encoding):
    # No NUL bytes and not UTF-8: GB18030 decodes it too, into rare characters.
    text = "职工工会劳动模范技能竞赛。" * 10
    write(tmp_path / "x.txt", text.encode(encoding))
    (doc,), skipped = read(tmp_path)
    assert doc.text == text and not skipped


@pytest.mark.parametrize(
    "data, reason",
    [
        (bytes(range(256)) * 4, "binary file (NUL bytes)"),
        (b"\x01\x02\x03\x04abc\x05\x06\x07\x08" * 50, "binary file (mostly control characters)"),
        (
            b"\x81\x20\xff\xfe\x80" * 10 + b"abc",
            "undetectable encoding (neither UTF-8 nor GB18030)",
        ),
    ],
)
def test_binary_and_undetectable(tmp_path, data, reason):
    write(tmp_path / "bin.txt", data)
    docs, skipped = read(tmp_path)
    assert docs == []
    assert skipped == [Skipped(str(tmp_path / "bin.txt"), None, reason)]


def test_decode_bytes_reports_encoding():
    assert decode_bytes(TEXT.encode("gbk")) == (TEXT, "gb18030")
    assert decode_bytes(TEXT.encode("utf-8-sig")) == (TEXT, "utf-8-sig")
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"\x00\x01\x02\x00\x00\x03")


# ----------------------------------------------------------------------------- files


@pytest.mark.parametrize("content", ["", "   \n\n\t\u3000\n"])
def test_empty_file_is_skipped(tmp_path, content):
    write(tmp_path / "empty.txt", content)
    docs, skipped = read(tmp_path)
    assert docs == [] and [s.reason for s in skipped] == ["empty file"]


def test_folders_recursive_sorted_hidden_and_other_extensions_ignored(tmp_path):
    write(tmp_path / "b.txt", "乙。")
    write(tmp_path / "a" / "z.md", "# 标题\n\n正文。")
    write(tmp_path / "a" / "c.TXT", "丙。")
    write(tmp_path / "notes.docx", "x")
    write(tmp_path / ".hidden" / "h.txt", "隐藏。")
    write(tmp_path / ".x.txt", "隐藏。")
    docs, skipped = read(tmp_path)
    assert [d.doc_id for d in docs] == ["c", "z", "b"]
    assert skipped == []
    assert docs[1].title == "标题"
    assert docs[0].path == str(tmp_path / "a" / "c.TXT")


def test_explicit_unsupported_and_missing(tmp_path):
    other = write(tmp_path / "notes.docx", "x")
    docs, skipped = read([other, tmp_path / "missing.txt", write(tmp_path / "ok.txt", "好。")])
    assert [d.doc_id for d in docs] == ["ok"]
    assert [s.reason for s in skipped] == [
        "unsupported file type '.docx'; expected .txt, .md or .jsonl",
        "no such file or directory",
    ]


def test_single_path_argument_and_bad_arguments(tmp_path):
    write(tmp_path / "ok.txt", "好。")
    assert [d.doc_id for d in read_corpus(str(tmp_path))] == ["ok"]
    with pytest.raises(InputError):
        read_corpus(42)
    with pytest.raises(InputError):
        read_corpus([tmp_path], max_bytes=0)


def test_unicode_and_space_file_names(tmp_path):
    write(tmp_path / "工会 新闻" / "第 1 版 报道.txt", TEXT)
    (doc,), skipped = read(tmp_path)
    assert doc.doc_id == "第 1 版 报道" and not skipped


def test_duplicate_doc_id_in_two_folders_kept_apart(tmp_path):
    write(tmp_path / "x" / "page.txt", "甲。")
    write(tmp_path / "y" / "page.txt", "乙。")
    write(tmp_path / "z" / "page.md", "丙。")
    docs, skipped = read(tmp_path)
    assert [(d.doc_id, d.text) for d in docs] == [
        ("page", "甲。"),
        ("page#2", "乙。"),
        ("page#3", "丙。"),
    ]
    assert len(skipped) == 2 and "duplicate id 'page'" in skipped[0].reason
    assert "kept as 'page#2'" in skipped[0].reason


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_symlink_loop_and_same_file_twice(tmp_path):
    write(tmp_path / "d" / "a.txt", "甲。")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    os.symlink(tmp_path / "d" / "a.txt", tmp_path / "d" / "b.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "d" / "c.txt")
    docs, skipped = read(tmp_path / "d")
    assert [d.doc_id for d in docs] == ["a"]
    reasons = sorted(s.reason for s in skipped)
    assert reasons[0] == "broken symbolic link"
    assert reasons[1].startswith("same file as")
    assert reasons[2] == "symlink loop (folder already being read)"


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user"
)
def test_unreadable_file(tmp_path):
    p = write(tmp_path / "secret.txt", "秘密。")
    write(tmp_path / "z.txt", "好。")
    p.chmod(0)
    try:
        docs, skipped = read(tmp_path)
    finally:
        p.chmod(0o644)
    assert [d.doc_id for d in docs] == ["z"]
    assert [s.reason for s in skipped] == ["unreadable (permission denied)"]


def test_permission_error_is_reported(tmp_path, monkeypatch):
    # the same path as test_unreadable_file, also when the tests run as root
    import builtins

    import extract.reader as reader

    write(tmp_path / "secret.txt", "秘密。")
    write(tmp_path / "z.txt", "好。")

    def fake_open(path, *args, **kw):
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kw)

    monkeypatch.setattr(reader, "open", fake_open, raising=False)
    docs, skipped = read(tmp_path)
    assert [d.doc_id for d in docs] == ["z"]
    assert [s.reason for s in skipped] == ["unreadable (permission denied)"]


def test_size_limit(tmp_path):
    write(tmp_path / "big.txt", "工" * 1000)
    write(tmp_path / "small.txt", "工")
    docs, skipped = read(tmp_path, max_bytes=2000)
    assert [d.doc_id for d in docs] == ["small"]
    assert skipped[0].reason.startswith("file too large")


def test_five_megabyte_single_line(tmp_path):
    line = "职工技能大赛在某市举行,工会组织职工参加" * 90_000  # ~5.4 MB in UTF-8, no newline
    write(tmp_path / "long.txt", line)
    (doc,), skipped = read(tmp_path)
    assert doc.text == line and len(doc.simplified) == len(line) and not skipped


@pytest.mark.slow
@pytest.mark.slow
def test_twenty_megabyte_file(tmp_path):
    para = "本报讯 某市总工会开展送温暖活动,慰问困难职工120户。\n\n"
    write(tmp_path / "big.txt", para * (20 * 2**20 // len(para.encode())))
    (doc,), skipped = read(tmp_path)
    assert not skipped and len(doc.text.encode()) > 19 * 2**20


def test_one_bad_file_does_not_sink_the_corpus(tmp_path):
    write(tmp_path / "1.txt", "甲。")
    write(tmp_path / "2.txt", b"\x00\x01\x02\x03" * 10)
    write(tmp_path / "3.jsonl", '{"id": "j", "text": "乙。"}\n{bad\n')
    write(tmp_path / "4.txt", "")
    write(tmp_path / "5.txt", "丙。")
    docs, skipped = read(tmp_path)
    assert [d.doc_id for d in docs] == ["1", "j", "5"]
    assert len(skipped) == 3


def test_skips_without_callback_are_logged_not_printed(tmp_path, capsys, caplog):
    write(tmp_path / "e.txt", "")
    assert list(read_corpus(tmp_path)) == []
    assert "empty file" in caplog.text
    assert capsys.readouterr() == ("", "")


# ----------------------------------------------------------------------------- JSONL


def test_jsonl_lines_errors_and_metadata(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": "第一篇。",
                "title": "标题",
                "date": "2024-12-20",
                "source": "工人日报",
                "url": "http://example.org/1",
            },
            ensure_ascii=False,
        ),
        "",
        "{not json",
        json.dumps({"id": "a2"}),
        json.dumps({"id": "a3", "text": 5}),
        json.dumps(["text"]),
        json.dumps({"id": "a1", "text": "重复的编号。"}, ensure_ascii=False),
        json.dumps({"text": "没有编号。", "date": "2024年3月5日"}, ensure_ascii=False),
        json.dumps({"id": 7, "text": "   "}),
        json.dumps({"id": 8, "text": "换行\r\n文本。", "date": "bad"}, ensure_ascii=False),
    ]
    p = write(tmp_path / "news.jsonl", "\ufeff" + "\n".join(lines) + "\n")
    docs, skipped = read(p)
    assert [(d.doc_id, d.path) for d in docs] == [
        ("a1", f"{p}:1"),
        ("a1#2", f"{p}:7"),
        ("news-8", f"{p}:8"),
        ("8", f"{p}:10"),
    ]
    a1 = docs[0]
    assert (a1.title, a1.date, a1.source, a1.url) == (
        "标题",
        "2024-12-20",
        "工人日报",
        "http://example.org/1",
    )
    assert docs[2].date == "2024-03-05" and docs[3].date is None
    assert docs[3].text == "换行\n文本。"
    assert [(s.line, s.reason.split(":")[0].split(" (")[0]) for s in skipped] == [
        (3, "malformed JSON"),
        (4, 'missing "text"'),
        (5, '"text" is not a string'),
        (6, "not a JSON object"),
        (7, "duplicate id 'a1'"),
        (9, 'empty "text"'),
    ]
    assert str(skipped[0]).startswith(f"{p}:3: malformed JSON")


def test_jsonl_file_without_any_text_is_skipped_once_as_a_whole(tmp_path):
    meta = [
        json.dumps({"doc_id": f"d{i}", "notes": "来源说明"}, ensure_ascii=False) for i in (1, 2)
    ]
    p = write(tmp_path / "sources.jsonl", "\n".join([meta[0], "{not json", "", meta[1], "[1]"]))
    docs, skipped = read(p)
    assert docs == []
    assert [(s.path, s.line) for s in skipped] == [(str(p), None), (str(p), 2), (str(p), 5)]
    assert skipped[0].reason == 'not a corpus file (none of its 2 JSON objects has a "text" field)'
    assert str(skipped[0]).startswith(f"{p}: not a corpus file")
    assert skipped[1].reason.startswith("malformed JSON") and skipped[2].reason.startswith("not a")
    one = write(tmp_path / "one.jsonl", meta[0] + "\n")
    assert [(s.line, s.reason) for s in read(one)[1]] == [
        (None, 'not a corpus file (its one JSON object has no "text" field)')
    ]


def test_jsonl_with_some_text_still_reports_each_line_without_it(tmp_path):
    no_text = json.dumps({"id": "m"})
    good = json.dumps({"id": "g", "text": "职工之家开张。"}, ensure_ascii=False)
    lines = [no_text, "{bad", no_text, good, no_text, json.dumps({"text": 3})]
    p = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    docs, skipped = read(p)
    assert [d.doc_id for d in docs] == ["g"]
    assert [(s.line, s.reason.split(" (")[0].split(":")[0]) for s in skipped] == [
        (1, 'missing "text"'),
        (2, "malformed JSON"),
        (3, 'missing "text"'),
        (5, 'missing "text"'),
        (6, '"text" is not a string'),
    ]
    # a "text" field that is not a usable string still marks a corpus file
    q = write(tmp_path / "bad_text.jsonl", no_text + "\n" + json.dumps({"text": ""}) + "\n")
    assert [(s.line, s.reason) for s in read(q)[1]] == [(1, 'missing "text"'), (2, 'empty "text"')]


def test_jsonl_invalid_utf8_line_and_utf16_file(tmp_path):
    p = write(tmp_path / "a.jsonl", b'{"id":"x","text":"\xff\xfe"}\n{"id":"y","text":"ok"}\n')
    docs, skipped = read(p)
    assert [d.doc_id for d in docs] == ["y"]
    assert skipped[0].line == 1 and skipped[0].reason.startswith("not valid UTF-8")
    q = write(tmp_path / "b.jsonl", '{"id":"z","text":"好"}\n'.encode("utf-16"))
    docs, skipped = read(q)
    assert docs == [] and skipped[0].reason.startswith("JSONL must be UTF-8")


def test_jsonl_over_long_line_is_skipped_and_reading_goes_on(tmp_path):
    big = json.dumps({"id": "big", "text": "工" * 5000}, ensure_ascii=False)
    p = write(tmp_path / "a.jsonl", big + "\n" + '{"id":"ok","text":"好。"}\n')
    docs, skipped = read(p, max_bytes=1000)
    assert [d.doc_id for d in docs] == ["ok"]
    assert (skipped[0].line, skipped[0].reason.startswith("line too long")) == (1, True)


def test_jsonl_and_text_ids_share_one_namespace(tmp_path):
    write(tmp_path / "a.jsonl", '{"id":"page","text":"甲。"}\n')
    write(tmp_path / "page.txt", "乙。")
    docs, skipped = read(tmp_path)
    assert [d.doc_id for d in docs] == ["page", "page#2"] and len(skipped) == 1


def test_skipped_str():
    assert str(Skipped("a.jsonl", 3, "malformed JSON")) == "a.jsonl:3: malformed JSON"
    assert str(Skipped("b.txt", None, "empty file")) == "b.txt: empty file"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-12-20", "2024-12-20"),
        ("2024/1/5 08:00", "2024-01-05"),
        ("2024年12月20日", "2024-12-20"),
        ("2024-12-20T10:00:00+08:00", "2024-12-20"),
        ("2024", "2024"),
        (2024, "2024"),
        ("2024-12", "2024"),
        ("2024年", "2024"),
        ("2024-02-30", None),
        ("yesterday", None),
        (None, None),
        (True, None),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


# ----------------------------------------------------------------------------- textnorm


@pytest.mark.parametrize(
    "text, expected",
    [
        ("臺灣省總工會", "台湾省总工会"),
        ("勞動模範與工匠", "劳动模范与工匠"),
        ("瞭解情況", "了解情况"),  # phrase table
        ("乾隆年間很乾淨", "乾隆年间很干净"),  # phrase keeps 乾, characters give 干
        ("回覆職工", "回复职工"),
        ("已是简体的文本 ABC 123", "已是简体的文本 ABC 123"),
        ("", ""),
    ],
)
def test_to_simplified(text, expected):
    out = to_simplified(text)
    assert out == expected and len(out) == len(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("２０２４年１２月", "2024年12月"),
        ("ＡＢＣ，ｘｙｚ：（工会）！？", "ABC,xyz:(工会)!?"),
        ("全角空格\u3000这里", "全角空格 这里"),
        ("㈠不变，①变", "㈠不变,1变"),
        ("中文。不变“引号”", "中文。不变“引号”"),
    ],
)
def test_normalize_for_matching(text, expected):
    out = normalize_for_matching(text)
    assert out == expected and len(out) == len(text)


def test_offsets_survive_normalisation():
    text = "臺北市總工會主席張三，２０２４年"
    simp = normalize_for_matching(to_simplified(text))
    i = simp.index("总工会")
    assert text[i : i + 3] == "總工會"
