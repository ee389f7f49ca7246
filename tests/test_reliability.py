"""Issue 6, reliability: one build over a corpus holding every bad case at once, builds
killed at every stage and finished by the next one, repeat builds that give the same
bytes, credentials that are never written, exports that stay in their folder, and
extractions redone when the extractor changes.

The builds that must behave like the real command (exit codes, stderr, SIGKILL) run
``python -m unionkg`` in a subprocess; the others call the CLI in-process (``cli``).
The corpora are generated here from tests/synthetic_reports.py.
"""

from __future__ import annotations

import ctypes
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from synthetic_reports import EXTRA, FACTS, expected, jsonl_line, relations, report, store_relations

from unionkg import api, build_store, extractor, incremental
from unionkg.files import file_sha256
from unionkg.safety import write_marker

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
MB = 1024 * 1024
# Lines of rare characters (CJK extension B, four UTF-8 bytes each): a 20 MB page of few
# characters, which keeps its extraction to seconds. Each line ends a sentence: lines
# without final punctuation are joined into one sentence (OCR wraps, docs/input.md).
FILLER = "\U00020000\U00020001\U00020002\U00020003" * 250 + "。\n"

pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="signals, permissions and symlinks need POSIX"
)


# ---------------------------------------------------------------------------- helpers


def _clean_env(**extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEO4J_", "UNIONKG_TEST_")) and k not in ("COLUMNS",)
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


def unionkg(
    *args, cwd=None, env=None, preexec_fn=None, timeout=600, **popen
) -> subprocess.CompletedProcess:
    """``python -m unionkg ARGS…`` in a subprocess; stdout and stderr as text."""
    return subprocess.run(
        [sys.executable, "-m", "unionkg", *map(str, args)],
        cwd=cwd or REPO,
        env=env if env is not None else _clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=preexec_fn,
        **popen,
    )


def _drop_dac_override():  # pragma: no cover - runs in the child, before exec
    """Without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH even root obeys file modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def unreadable_setup(tmp_path) -> tuple[bool, object]:
    """Can a chmod-000 file be made unreadable to the build? ``(yes, preexec_fn)``: as
    root, the build runs without the capabilities that bypass file modes."""
    if os.geteuid() != 0:
        return True, None
    probe = tmp_path / "probe.txt"
    probe.write_text("x", encoding="utf-8")
    probe.chmod(0)
    try:
        r = subprocess.run(
            [sys.executable, "-c", f"open({str(probe)!r}).read()"],
            capture_output=True,
            text=True,
            preexec_fn=_drop_dac_override,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False, None
    finally:
        probe.unlink()
    return "PermissionError" in r.stderr, _drop_dac_override


def read_report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def records(out: Path) -> dict[str, dict]:
    return {r["doc_id"]: r for r in api.load_extractions(out / "extractions.jsonl")}


def graph_state(out: Path) -> dict:
    """What the embedded store holds, comparable across builds: node ids, edges by ends,
    type and key, and the duplicate counts (must be zero)."""
    with api.open_store(out, read_only=True) as store:
        nodes = [r["id"] for r in store.query("MATCH (n) RETURN n.id AS id")]
        edges = [
            (r["a"], r["t"], r["k"], r["b"])
            for r in store.query(
                "MATCH (a)-[r]->(b) RETURN a.id AS a, label(r) AS t, r.key AS k, b.id AS b"
            )
        ]
        n = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
        m = store.query("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    return {
        "nodes": sorted(nodes),
        "edges": sorted(edges),
        "counts": (n, m),
        "duplicate_nodes": len(nodes) - len(set(nodes)),
        "duplicate_edges": len(edges) - len(set(edges)),
    }


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


# ------------------------------------------------------- 1. every bad case in one corpus


def make_bad_corpus(root: Path, *, big: bool = True) -> dict:
    """Write a corpus holding every bad input beside good reports. Returns
    ``{"good": {doc_id: [fact, ...]}, "skipped": [(path, line, reason or reason prefix)],
    "locked": (path, doc_id, fact)}`` in reading order."""
    import opencc

    c = root
    good: dict[str, list] = {}
    skipped: list[tuple[str, int | None, str]] = []

    def put(rel: str, data, fact_keys=(), doc_id=None):
        p = c / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        (p.write_bytes if isinstance(data, bytes) else lambda t: p.write_text(t, encoding="utf-8"))(
            data
        )
        if fact_keys:
            good[doc_id or p.stem] = [FACTS[k] for k in fact_keys]
        return p

    # bad/: whole files that cannot be read (folders are read in sorted name order)
    put("bad/binary.txt", b"\x00\x01\x02\x00PNG\x00\x00\xff\x00" * 50)
    skipped.append((str(c / "bad/binary.txt"), None, "binary file (NUL bytes)"))
    put("bad/blank.txt", "  \n\t\r\n\u3000 \n")
    skipped.append((str(c / "bad/blank.txt"), None, "empty file"))
    put("bad/empty.txt", b"")
    skipped.append((str(c / "bad/empty.txt"), None, "empty file"))
    huge = put("bad/huge.txt", b"")
    with open(huge, "r+b") as f:  # sparse: 51 MB on paper, nothing on disk
        f.truncate(51 * MB)
    skipped.append((str(huge), None, "file too large (51.0 MB > 50.0 MB limit)"))
    locked = put("bad/locked.txt", report(FACTS["xuzhou"]))
    locked.chmod(0)
    skipped.append((str(locked), None, "unreadable (permission denied)"))
    put("bad/notes.docx", b"PK\x03\x04 ignored: not a corpus extension")
    put("bad/.hidden.txt", report(FACTS["fuzhou"]))  # hidden: ignored
    put("bad/sources.jsonl", jsonl_line(id="s1", url="x") + jsonl_line(id="s2", url="y"))
    skipped.append(
        (
            str(c / "bad/sources.jsonl"),
            None,
            'not a corpus file (none of its 2 JSON objects has a "text" field)',
        )
    )
    put("bad/undecodable.txt", b"\x81\x20\xff\xfe\x80" * 10 + b"abc")
    skipped.append(
        (str(c / "bad/undecodable.txt"), None, "undetectable encoding (neither UTF-8 nor GB18030)")
    )
    put("bad/utf16.jsonl", jsonl_line(id="u16", text=report(FACTS["fuzhou"])).encode("utf-16"))
    skipped.append(
        (str(c / "bad/utf16.jsonl"), None, "JSONL must be UTF-8 (UTF-16 or binary file)")
    )
    # big/: a ~20 MB page and a 5 MB line without a newline, facts at both ends
    if big:
        body = (
            report(FACTS["zhoushan"])
            + "\n"
            + FILLER * (20 * MB // len(FILLER.encode()))
            + report(FACTS["ningbo"])
        )
        put("big/twenty.txt", body + "\n", ("zhoushan", "ningbo"))
        line = (
            report(FACTS["jiaxing"])
            + FILLER.strip() * (5 * MB // len(FILLER.strip().encode()))
            + report(FACTS["changzhou"])
        )
        assert "\n" not in line
        put("big/line.txt", line, ("jiaxing", "changzhou"))
    # enc/: every encoding the reader accepts
    put("enc/gbk.txt", report(FACTS["wenzhou"]).encode("gb18030"), ("wenzhou",))
    put("enc/traditional.txt", opencc.OpenCC("s2t").convert(report(FACTS["lishui"])), ("lishui",))
    put("enc/utf16.txt", report(FACTS["taizhou"]).encode("utf-16"), ("taizhou",))  # with BOM
    put("enc/utf8bom.txt", "\ufeff" + report(FACTS["quzhou"]), ("quzhou",))
    # good/: names with spaces and Chinese characters, a heading, the first "dup"
    put("good/01 绍兴 暖蜂驿站.txt", report(FACTS["shaoxing"]), ("shaoxing",))
    put("good/dup.txt", report(FACTS["hangzhou"]), ("hangzhou",))
    put(
        "good/湖州 悦读书屋.md",
        "# 湖州：悦读书屋开张\n\n" + report(FACTS["huzhou"]) + "\n",
        ("huzhou",),
    )
    # lines.jsonl: good and bad lines, duplicate ids across files
    lines = c / "lines.jsonl"
    put(
        "lines.jsonl",
        "".join(
            [
                jsonl_line(
                    id="jsonl-good",
                    title="泰州：工友之家",
                    date="2020-06-01",
                    text=report(FACTS["taizhou_js"]),
                ),
                '{"id": "broken", "text": "2021年，\n',
                "\n",
                jsonl_line(id="no-text", title="只有标题"),
                jsonl_line(id="dup", text=report(FACTS["wuxi"])),
                jsonl_line(id="dup", text=report(FACTS["hefei"])),
                "[1, 2]\n",
                jsonl_line(id="blank-text", text="  \n "),
            ]
        ),
    )
    good["jsonl-good"] = [FACTS["taizhou_js"]]
    good["dup#2"], good["dup#3"] = [FACTS["wuxi"]], [FACTS["hefei"]]
    first = str(c / "good/dup.txt")
    skipped += [
        (str(lines), 2, "malformed JSON: "),
        (str(lines), 4, 'missing "text"'),
        (str(lines), 5, f"duplicate id 'dup' (first seen at {first}); kept as 'dup#2'"),
        (str(lines), 6, f"duplicate id 'dup' (first seen at {first}); kept as 'dup#3'"),
        (str(lines), 7, "not a JSON object (got list)"),
        (str(lines), 8, 'empty "text"'),
    ]
    # loop/: a folder link back to its own folder, beside a good report
    put("loop/inside.txt", report(FACTS["suzhou"]), ("suzhou",))
    os.symlink(c / "loop", c / "loop" / "inner")
    skipped.append((str(c / "loop" / "inner"), None, "symlink loop (folder already being read)"))
    return {"good": good, "skipped": skipped, "locked": (str(locked), "locked", FACTS["xuzhou"])}


def _matches(item: dict, want: tuple) -> bool:
    path, line, reason = want
    if (item["path"], item["line"]) != (path, line):
        return False
    return item["reason"].startswith(reason) if reason.endswith(": ") else item["reason"] == reason


@pytest.mark.slow
def test_every_bad_case_in_one_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    spec = make_bad_corpus(corpus)
    can_lock, preexec = unreadable_setup(tmp_path)
    want_skipped, good = list(spec["skipped"]), dict(spec["good"])
    if not can_lock:  # root, and the capabilities that bypass file modes cannot be dropped
        warnings.warn(
            pytest.PytestWarning(
                "running as root without a way to drop CAP_DAC_OVERRIDE: the chmod-000 file is readable, "
                "so 'unreadable (permission denied)' is not checked in the end-to-end build"
            ),
            stacklevel=1,
        )
        want_skipped = [s for s in want_skipped if s[0] != spec["locked"][0]]
        good[spec["locked"][1]] = [spec["locked"][2]]
    out = tmp_path / "out"
    t0 = time.perf_counter()
    r = unionkg("build", corpus, "--out", out, preexec_fn=preexec)
    seconds = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr

    # every bad item: in report.json, with path, line and reason, in reading order …
    rep = read_report(out)
    assert len(rep["skipped"]) == len(want_skipped), json.dumps(
        rep["skipped"], ensure_ascii=False, indent=1
    )
    for item, want in zip(rep["skipped"], want_skipped, strict=False):
        assert set(item) == {"path", "line", "reason"}
        assert _matches(item, want), (item, want)
    # … and on stderr as path:line: reason (path: reason for a whole file)
    printed = r.stderr.splitlines()
    for item in rep["skipped"]:
        where = item["path"] if item["line"] is None else f"{item['path']}:{item['line']}"
        assert f"{where}: {item['reason']}" in printed
    assert f"{len(want_skipped)} skipped" in r.stdout

    # every good document, with its facts, in extractions.jsonl …
    recs = records(out)
    assert set(recs) == set(good)
    assert rep["documents"] == len(good) and rep["extracted"] == len(good)
    for doc_id, facts in good.items():
        for f in facts:
            assert expected(f) <= relations(recs[doc_id]), (doc_id, f)
    assert recs["湖州 悦读书屋"]["source"]["title"] == "湖州：悦读书屋开张"
    assert recs["jsonl-good"]["source"]["path"] == f"{corpus / 'lines.jsonl'}:1"
    assert recs["twenty"]["source"]["chars"] > 5_000_000
    assert "\n" not in (corpus / "big" / "line.txt").read_text(encoding="utf-8")
    # … and in the store, under the right document
    with api.open_store(out, read_only=True) as store:
        in_store = store_relations(store)
        docs = {x["id"] for x in store.query("MATCH (d:Document) RETURN d.id AS id")}
        n = store.query("MATCH (n) RETURN count(n) AS n")[0]["n"]
    assert docs == {f"Document:{d}" for d in good}
    assert n == rep["graph"]["nodes"]
    for doc_id, facts in good.items():
        for f in facts:
            assert {(t, h, tl, doc_id) for t, h, tl in expected(f)} <= in_store, (doc_id, f)
    assert (out / "maps" / "index.html").exists()
    print(f"\n[reliability] bad-case corpus (20 MB page, 5 MB line): built in {seconds:.1f} s")

    # built again with --strict: nothing extracted again, the same bytes, but exit 1
    before = (out / "extractions.jsonl").read_bytes()
    r = unionkg("build", corpus, "--out", out, "--strict", preexec_fn=preexec)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines()[-1] == (
        f"unionkg: error: {len(want_skipped)} item(s) skipped and --strict is set (see {out}/report.json)"
    )
    assert "Traceback" not in r.stderr
    assert read_report(out)["extracted"] == 0
    assert (out / "extractions.jsonl").read_bytes() == before
    assert read_report(out)["skipped"] == rep["skipped"]


# ----------------------------------------------------------------- 3. repeat builds


def _copy_in_order(src: Path, dst: Path, reverse: bool) -> None:
    """Copy ``src`` to ``dst`` file by file, creating them in (reverse) sorted order."""
    files = sorted(p for p in src.rglob("*") if p.is_file() and not p.is_symlink())
    for p in reversed(files) if reverse else files:
        target = dst / p.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(p, target)


@pytest.mark.slow
def test_file_order_on_disk_and_jobs_do_not_change_the_bytes(cli, tmp_path, monkeypatch):
    source = tmp_path / "source"
    make_bad_corpus(source, big=False)
    (source / "bad" / "locked.txt").chmod(0o644)
    outputs = []
    for name, reverse, jobs in (("one", False, "1"), ("two", True, "2"), ("three", True, "3")):
        work = tmp_path / name
        _copy_in_order(source, work / "corpus", reverse)
        _copy_in_order(EXAMPLES, work / "corpus" / "examples", not reverse)
        monkeypatch.chdir(work)  # the same relative paths, so the same source.path
        r = cli("build", "corpus", "--out", "out", "--jobs", jobs, "--no-maps")
        assert r.exit_code == 0, r.stderr
        outputs.append((work / "out" / "extractions.jsonl").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    ids = [json.loads(x)["doc_id"] for x in outputs[0].decode("utf-8").splitlines()]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) > 20
    assert {"dup", "dup#2", "dup#3"} <= set(ids)


@pytest.mark.slow
def test_a_moved_corpus_is_not_extracted_again_and_gets_its_new_paths(cli, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(EXAMPLES, old)
    out = tmp_path / "out"
    assert cli("build", old, "--out", out, "--no-maps").exit_code == 0
    old.rename(new)
    r = cli("build", new, "--out", out, "--no-maps")
    assert r.exit_code == 0 and "(0 extracted, 10 unchanged)" in r.stdout
    assert all(rec["source"]["path"].startswith(str(new)) for rec in records(out).values())
    clean = tmp_path / "clean"
    assert cli("build", new, "--out", clean, "--no-maps").exit_code == 0
    assert (out / "extractions.jsonl").read_bytes() == (clean / "extractions.jsonl").read_bytes()
    assert graph_state(out) == graph_state(clean)  # the Document nodes' paths too


# ------------------------------------------------------------- 2. kill and rebuild

KILL_POINTS = ("extract", "extractions", "store", "stored", "maps", "report")


def make_kill_corpus(root: Path, variant: int = 1) -> Path:
    """The sample corpus (spread maps included) plus the synthetic reports."""
    shutil.copytree(EXAMPLES, root / "examples")
    lines = [jsonl_line(id=f"r-{k}", text=report(f)) for k, f in FACTS.items()]
    if variant == 2:  # one report changed, one removed, one added
        lines[0] = jsonl_line(id="r-shaoxing", text=report(EXTRA["xiamen"]))
        del lines[1]
        (root / "extra.txt").write_text(report(EXTRA["nanjing"]), encoding="utf-8")
    (root / "reports.jsonl").write_text("".join(lines), encoding="utf-8")
    return root


def _killed_build(corpus, out, point, tmpdir, jobs=1, extra=()):
    """A build that SIGKILLs itself at ``point`` (tests/crash/kill_at.py); returns once its
    whole process group (extraction workers included) is gone."""
    log = Path(tmpdir).parent / f"killed-{point}.log"
    with open(log, "w+", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                str(REPO / "tests" / "crash" / "kill_at.py"),
                point,
                "build",
                str(corpus),
                "--out",
                str(out),
                "--jobs",
                str(jobs),
                *extra,
            ],
            cwd=REPO,
            start_new_session=True,
            env=_clean_env(TMPDIR=tmpdir),
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            proc.wait(timeout=300)
            deadline = time.monotonic() + 20
            while True:  # no orphan worker keeps running (or holds the output folder)
                try:
                    os.killpg(proc.pid, 0)
                except ProcessLookupError:
                    break
                if time.monotonic() > deadline:
                    pytest.fail(f"processes of the build killed at {point!r} outlived it")
                time.sleep(0.05)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of this build only
            except ProcessLookupError:
                pass
        err.seek(0)
        assert proc.returncode == -signal.SIGKILL, (point, proc.returncode, err.read()[-2000:])
    log.unlink()


def _check_interrupted(out: Path, point: str) -> None:
    """What a killed build may leave: never a report.json, never a half-written file."""
    assert not (out / "report.json").exists(), point
    if (out / "extractions.jsonl").exists():
        list(api.load_extractions(out / "extractions.jsonl"))  # whole lines only


def _assert_same_build(out: Path, ref: Path) -> None:
    assert (out / "extractions.jsonl").read_bytes() == (ref / "extractions.jsonl").read_bytes()
    state, ref_state = graph_state(out), graph_state(ref)
    assert state["duplicate_nodes"] == state["duplicate_edges"] == 0
    assert state == ref_state
    rep, ref_rep = read_report(out), read_report(ref)
    assert (
        rep["graph"]
        == ref_rep["graph"]
        == {"nodes": state["counts"][0], "edges": state["counts"][1]}
    )
    assert (
        rep["maps"] == ref_rep["maps"]
        and rep["extractions_sha256"] == ref_rep["extractions_sha256"]
    )
    # the same files: same pages, no temporary file left, nothing else
    assert files_under(out) == files_under(ref)
    assert files_under(out / "maps") == files_under(ref / "maps")
    hidden = [f for f in files_under(out) if Path(f).name.startswith(".") or f.endswith(".tmp")]
    assert hidden == [".unionkg"]  # the output folder's marker (docs/output.md), nothing else


@pytest.mark.slow
def test_killed_builds_are_finished_by_the_next_one(cli, tmp_path):
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    v1 = make_kill_corpus(tmp_path / "corpus")
    ref = tmp_path / "ref"
    r = cli("build", v1, "--out", ref)
    assert r.exit_code == 0, r.stderr
    assert len(read_report(ref)["maps"]) >= 3  # index, overview and spread maps

    # a first build, killed at every point in turn, each run picking up what the last left
    out = tmp_path / "out"
    for point in KILL_POINTS:
        _killed_build(v1, out, point, tmpdir, jobs=2 if point == "extract" else 1)
        _check_interrupted(out, point)
        if point == "extract":
            assert not (out / "extractions.jsonl").exists()
        if point == "extractions":
            assert (out / "extractions.jsonl").read_bytes() == (
                ref / "extractions.jsonl"
            ).read_bytes()
        if point == "maps":  # one page written, the next one's temporary file left behind
            assert [p.name for p in (out / "maps").glob(".ukg-*.tmp")]
    r = cli("build", v1, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert "(0 extracted," in r.stdout  # the extractions written before the kills were kept
    _assert_same_build(out, ref)

    # a changed corpus: the new extractions are written, the store and maps are not yet …
    v2 = make_kill_corpus(tmp_path / "corpus2", variant=2)
    shutil.rmtree(v1)
    v2.rename(v1)
    ref2 = tmp_path / "ref2"
    assert cli("build", v1, "--out", ref2).exit_code == 0
    for point in ("extractions", "store", "maps"):
        # v2 lacks a document of v1: --replace makes the graph mirror v2 (docs/output.md)
        _killed_build(v1, out, point, tmpdir, extra=("--replace",))
        _check_interrupted(out, point)
    # … so the next build, with nothing left to extract, must still write them
    r = cli("build", v1, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert "(0 extracted," in r.stdout
    _assert_same_build(out, ref2)
    with api.open_store(out, read_only=True) as store:
        for union in ("南京市总工会", "厦门市总工会"):
            assert store.query("MATCH (u:TradeUnion {name: $u}) RETURN u.id AS id", {"u": union})
        assert not store.query("MATCH (u:TradeUnion {name: '湖州市总工会'}) RETURN u.id AS id")
    # a bulk load writes its CSV files beside the database, not in TMPDIR: what a killed
    # one left there is cleared by the next build
    assert not list(out.glob(".unionkg-copy-*")), "a killed bulk load's CSV folder was not cleared"
    assert not [p.name for p in tmpdir.iterdir() if "unionkg-copy" in p.name]


@pytest.mark.slow
def test_unchanged_rebuild_trusts_only_a_report_of_these_extractions(cli, tmp_path, monkeypatch):
    corpus = make_kill_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    assert cli("build", corpus, "--out", out).exit_code == 0
    rep = read_report(out)
    assert rep["extractions_sha256"] == file_sha256(out / "extractions.jsonl")
    # built again: the fast path, nothing written but the report
    index = (out / "maps" / "index.html").stat().st_mtime_ns
    r = cli("build", corpus, "--out", out)
    assert r.exit_code == 0 and read_report(out)["seconds"]["store"] == 0.0
    assert (out / "maps" / "index.html").stat().st_mtime_ns == index

    # --no-maps on a changed corpus, then a build with maps: the maps must be redone
    (corpus / "extra.txt").write_text(report(EXTRA["nanjing"]), encoding="utf-8")
    assert cli("build", corpus, "--out", out, "--no-maps").exit_code == 0
    assert "青鸟驿站" not in (out / "maps" / "index.html").read_text(encoding="utf-8")
    r = cli("build", corpus, "--out", out)
    assert r.exit_code == 0 and "(0 extracted," in r.stdout
    assert "青鸟驿站" in (out / "maps" / "index.html").read_text(encoding="utf-8")
    assert read_report(out)["maps"]

    # a build into Neo4j leaves the embedded store behind: the next embedded build rewrites it
    class FakeNeo4j:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

        def write(self, G):
            self.written = G

        def close(self):  # the build opens the store once before extracting, to check it
            pass

    real_open = api.open_store
    monkeypatch.setattr(
        build_store,  # where the build opens its stores
        "open_store",
        lambda d=None, *, neo4j_uri=None, **kw: FakeNeo4j() if neo4j_uri else real_open(d, **kw),
    )
    (corpus / "extra.txt").write_text(report(EXTRA["nanchang"]), encoding="utf-8")
    api.build([corpus], out, neo4j_uri="bolt://127.0.0.1:9", maps=False)
    assert read_report(out)["store"] == "neo4j"
    again = api.build([corpus], out, maps=False)
    assert again.extracted == 0 and again.seconds["store"] > 0
    with api.open_store(out, read_only=True) as store:
        assert store.query("MATCH (p:Programme {name: '红帆之家'}) RETURN p.id AS id")
        assert not store.query("MATCH (p:Programme {name: '青鸟驿站'}) RETURN p.id AS id")


@pytest.mark.slow
def test_a_damaged_extractions_file_is_rebuilt_not_trusted(cli, tmp_path):
    corpus = make_kill_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    assert cli("build", corpus, "--out", out, "--no-maps").exit_code == 0
    good = (out / "extractions.jsonl").read_bytes()
    (out / "extractions.jsonl").write_bytes(good[: len(good) // 2])  # cut in the middle of a line
    r = cli("build", corpus, "--out", out, "--no-maps")
    assert r.exit_code == 0, r.stderr
    assert "(0 extracted," not in r.stdout
    assert (out / "extractions.jsonl").read_bytes() == good


@pytest.mark.slow
def test_a_damaged_line_is_extracted_again_and_the_others_reused(tmp_path):
    corpus = make_kill_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    first = api.build([corpus], out, maps=False)
    good = (out / "extractions.jsonl").read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    assert len(lines) >= 3
    lines[1] = lines[1][: len(lines[1]) // 2] + "\n"  # its doc_id and source still read
    (out / "extractions.jsonl").write_text("".join(lines), encoding="utf-8")
    again = api.build([corpus], out, maps=False)
    assert (again.extracted, again.reused) == (1, first.documents - 1)
    assert (out / "extractions.jsonl").read_text(encoding="utf-8") == good


@pytest.mark.slow
def test_an_unchanged_rebuild_decodes_no_extraction(tmp_path, monkeypatch):
    corpus = make_kill_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    first = api.build([corpus], out, maps=False)

    def refuse(self):
        raise AssertionError("an unchanged rebuild decoded a whole extraction")

    monkeypatch.setattr(incremental.Cached, "record", refuse)
    again = api.build([corpus], out, maps=False)
    assert again.extracted == 0 and again.reused == first.documents
    assert (again.entities, again.relations, again.outcomes, again.articles) == (
        first.entities,
        first.relations,
        first.outcomes,
        first.articles,
    )
    assert again.seconds["store"] == 0.0
    # an extractions file laid out otherwise (keys sorted, by hand) is still reused whole
    monkeypatch.undo()
    recs = [
        json.loads(x) for x in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    (out / "extractions.jsonl").write_text(
        "".join(json.dumps(r, sort_keys=True) + "\n" for r in recs), encoding="utf-8"
    )
    third = api.build([corpus], out, maps=False)
    assert third.extracted == 0 and third.reused == first.documents and third.seconds["store"] > 0


def test_one_build_at_a_time_and_leftovers_are_cleared(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(report(FACTS["shaoxing"]), encoding="utf-8")
    out = tmp_path / "out"
    (out / "maps").mkdir(parents=True)
    write_marker(out)  # a killed build leaves its marker: it writes it before anything else
    stale = [
        out / ".extractions.jsonl.x1y2",
        out / ".report.json.abc",
        out / "maps" / ".ukg-q9.html.tmp",
    ]
    for p in stale:
        p.write_text("left by a killed build", encoding="utf-8")
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another build holds the folder
        r = cli("build", corpus, "--out", out)
        assert r.exit_code == 1
        assert "being written by another unionkg build" in r.stderr
        assert all(p.exists() for p in stale)
    finally:
        os.close(fd)
    r = cli("build", corpus, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert not any(p.exists() for p in stale)
    umask = os.umask(0o022)
    os.umask(umask)
    for name in ("extractions.jsonl", "report.json"):  # the mode open() gives, not mkstemp's 0600
        assert os.stat(out / name).st_mode & 0o777 == 0o666 & ~umask, name


# --------------------------------------------------------- 7. the extractor's version


@pytest.mark.slow
def test_a_new_extractor_extracts_everything_again(cli, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    out = tmp_path / "out"
    assert cli("build", corpus, "--out", out, "--no-maps").exit_code == 0
    version = api.extractor_version()
    assert {r["source"]["extractor"] for r in records(out).values()} == {version}
    assert read_report(out)["extractor"] == version
    r = cli("build", corpus, "--out", out, "--no-maps")
    assert "(0 extracted, 10 unchanged)" in r.stdout
    monkeypatch.setattr(
        extractor, "_versions", {False: "0.1.0+upgraded0000"}
    )  # as after an upgrade
    r = cli("build", corpus, "--out", out, "--no-maps")
    assert r.exit_code == 0 and "(10 extracted, 0 unchanged)" in r.stdout
    assert {r["source"]["extractor"] for r in records(out).values()} == {"0.1.0+upgraded0000"}
    r = cli("build", corpus, "--out", out, "--no-maps")
    assert "(0 extracted, 10 unchanged)" in r.stdout
    # extractions from before the version was recorded are extracted again too
    lines = [
        json.loads(x) for x in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    for rec in lines:
        del rec["source"]["extractor"]
    (out / "extractions.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8"
    )
    r = cli("build", corpus, "--out", out, "--no-maps")
    assert "(10 extracted, 0 unchanged)" in r.stdout


def test_the_version_hashes_the_extractor_files_and_libraries(tmp_path, monkeypatch):
    import extract

    base = api.extractor_version()
    assert (
        base.startswith(__import__("unionkg").__version__ + "+") and len(base.split("+")[1]) == 12
    )
    copy = tmp_path / "extract"
    shutil.copytree(
        Path(extract.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__")
    )

    def version_of(pkg_dir: Path, **env) -> str:
        monkeypatch.setattr(extractor, "_versions", {})
        monkeypatch.setattr(extract, "__file__", str(pkg_dir / "__init__.py"))
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        return api.extractor_version()

    try:
        assert version_of(copy) == base  # the same files: the same version
        data = sorted((copy / "data").iterdir())[0]
        data.write_bytes(data.read_bytes() + b"\n")
        changed_data = version_of(copy)
        assert changed_data != base
        data.write_bytes(data.read_bytes()[:-1])
        (copy / "pipeline.py").write_text(
            (copy / "pipeline.py").read_text(encoding="utf-8") + "\n# tweak\n", encoding="utf-8"
        )
        assert version_of(copy) not in (base, changed_data)
        (copy / "pipeline.py").write_text(
            (copy / "pipeline.py").read_text(encoding="utf-8").removesuffix("\n# tweak\n"),
            encoding="utf-8",
        )
        assert version_of(copy) == base
        assert version_of(copy, UNIONKG_SEGMENTER="jieba") != base
    finally:
        monkeypatch.undo()
        extractor._versions.clear()
    assert api.extractor_version() == base
    assert api.extractor_version(fast=True) != base  # the mode is part of the version


# ------------------------------------------------------------- 4. credentials

SECRET = "s3cr3t-PW-unionkg-7f1c9e"


@pytest.mark.slow
def test_the_neo4j_password_is_never_written_or_printed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(report(FACTS["shaoxing"]), encoding="utf-8")
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    env = _clean_env(
        NEO4J_URI="bolt://127.0.0.1:9",
        NEO4J_USERNAME="neo4j",
        NEO4J_PASSWORD=SECRET,
        HOME=home,
        TMPDIR=tmp_path,
    )
    userinfo = f"bolt://neo4j:{SECRET}@127.0.0.1:9"
    # something built for `remove` to work on (the builds below fail at the Neo4j check,
    # before extracting)
    r = unionkg(
        "build",
        corpus,
        "--out",
        "out2",
        "--no-maps",
        cwd=work,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 0 and SECRET not in r.stdout + r.stderr, r.stderr
    runs = [
        ["build", corpus],  # NEO4J_URI (no --out)
        ["build", corpus, "--out", "out2", "--neo4j", "bolt://127.0.0.1:9"],
        ["build", corpus, "--out", "out3", "--neo4j", userinfo],  # a password in the URI
        ["query", "MATCH (n) RETURN count(n) AS n"],
        ["query", "MATCH (n) RETURN count(n) AS n", "--neo4j", userinfo],
        ["spread", "--top", "3"],
        ["remove", "a", "--neo4j", userinfo, "--out", "out2"],
        ["export", "--format", "json", "-o", "g.json", "--neo4j", userinfo],
    ]
    for args in runs:
        r = unionkg(*args, cwd=work, env=env, timeout=120, stdin=subprocess.DEVNULL)
        shown = r.stdout + r.stderr
        assert SECRET not in shown, args
        assert r.returncode == 1, (args, shown)
        lines = r.stderr.strip().splitlines()
        assert "Traceback" not in r.stderr, (args, r.stderr)
        last = lines[-1]
        assert last.startswith("unionkg: error: ") and "127.0.0.1:9" in last, (args, last)
        assert "Neo4j" in last, (args, last)
    # nothing anywhere under the folders the runs could write: outputs, home, TMPDIR
    everywhere = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "extractions.jsonl" for p in everywhere)  # the first build wrote files
    for p in everywhere:
        data = p.read_bytes()
        assert SECRET.encode() not in data and SECRET.encode("utf-16-le") not in data, p


# ------------------------------------------------------ 6. exports stay in their folder

EVIL_NAMES = [
    "../../escaped",
    "..",
    "/etc/passwd",
    "a/../../b",
    "nodes_TradeUnion.csv/../../x",
    "~/x",
    "\\..\\x",
]
EVIL_PROGRAMMES = ["../../书屋", "a/../b之家", "../之家"]  # the extractor keeps these names


@pytest.mark.slow
def test_exports_and_maps_never_write_outside_the_folder_given(cli, tmp_path):
    from dataclasses import replace

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [
        jsonl_line(
            id=name,
            title=name,
            source=name,
            url=name,
            text=report(replace(f, programme=EVIL_PROGRAMMES[i % len(EVIL_PROGRAMMES)])),
        )
        for i, (name, f) in enumerate(zip(EVIL_NAMES, FACTS.values(), strict=False))
    ]
    (corpus / "evil.jsonl").write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    r = cli("build", corpus, "--out", out)
    assert r.exit_code == 0, r.stderr
    # the names reached the graph: as document ids, and as programme names with spread maps
    assert set(records(out)) == set(EVIL_NAMES)
    with api.open_store(out, read_only=True) as store:
        progs = {x["n"] for x in store.query("MATCH (p:Programme) RETURN p.name AS n")}
    assert set(EVIL_PROGRAMMES) <= progs
    inside = files_under(out)
    assert inside <= {".unionkg", "extractions.jsonl", "report.json"} | {
        f for f in inside if f.startswith("graph.lbug")
    } | {f"maps/{p.name}" for p in (out / "maps").iterdir()}
    assert len([f for f in inside if f.startswith("maps/spread-")]) >= len(EVIL_PROGRAMMES)

    before = files_under(tmp_path)
    for fmt, target in [
        ("neo4j-csv", "exp/csv"),
        ("json", "exp/g.json"),
        ("graphml", "exp/g.graphml"),
        ("gexf", "exp/g.gexf"),
        ("cypher", "exp/g.cypher"),
    ]:
        r = cli("export", "--format", fmt, "-o", tmp_path / target, "--out", out)
        assert r.exit_code == 0, r.stderr
    for prog in EVIL_PROGRAMMES:  # maps named after a programme, at their default paths
        for kind in ("spread", "ego"):
            r = cli("viz", kind, prog, "--out", out)
            assert r.exit_code == 0, r.stderr
            assert Path(r.stdout.strip()).resolve().parent == (out / "maps").resolve(), r.stdout
    new = files_under(tmp_path) - before
    assert new and {Path(f).parent.as_posix() for f in new} == {"exp", "exp/csv", "out/maps"}, (
        sorted(new)
    )
    for f in new:
        if f.startswith("exp/csv/"):
            name = f.removeprefix("exp/csv/")
            assert name in {"import.sh", "constraints.cypher", "manifest.json"} or (
                name.startswith(("nodes_", "rels_")) and name.endswith(".csv")
            ), name
    assert not [p for p in (tmp_path.parent, tmp_path, Path("/etc")) if (p / "escaped").exists()]
