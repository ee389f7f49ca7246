"""Benchmark unionkg on a synthetic corpus: extraction throughput against jieba,
``--jobs`` speed-up, build stages, rebuild cost, store load rate, peak memory and maps.

    python bench/run.py --docs 2000 --jobs-compare

Every measurement runs in a child process (``python -c ...``) so that startup is
counted and each peak RSS is that child's own (``os.wait4`` rusage). One markdown
table goes to stdout and the same figures, with the raw measurements, to
``bench/results/bench-<N>docs-<time>.json``. See bench/README.md and docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_CORPORA = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "examples" / "corpus"]

# Targets of the performance issue (see docs/performance.md).
TARGET_EXTRACT_VS_JIEBA = 2.0  # extraction time / jieba.cut time, at most (fast mode, rules only)
TARGET_NER_VS_JIEBA = 15.0  # the same, NER mode (the default), at most
TARGET_JOBS_SPEEDUP = 1.7  # jobs 2 over jobs 1, at least
TARGET_REBUILD_PCT = 10.0  # unchanged rebuild as % of the first build, below
TARGET_STORE_RELS_PER_S = 50_000  # embedded store load rate, at least
MEMORY_NOISE_KB = 16 * 1024  # peak-RSS growth below this counts as flat

# --------------------------------------------------------------------------- child programs
# Each prints one JSON object as its last stdout line.

_PRELUDE = """
import json, sys, time, resource
T0 = time.perf_counter()
def done(**kw):
    kw["self_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(kw))
def read_texts(folder):
    import os
    texts = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            texts.append(f.read())
    return texts
"""

CHILD_EXTRACT = (
    _PRELUDE
    + """
from extract.reader import read_corpus
from extract.pipeline import Extractor
seg = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
ex = Extractor(segmenter=seg, fast=sys.argv[3:4] == ["fast"])
t1 = time.perf_counter()
docs = list(read_corpus([sys.argv[1]]))
t2 = time.perf_counter()
n = 0
for d in docs:
    x = ex(d)
    n += len(x.entities)
t3 = time.perf_counter()
chars = sum(len(d.text) for d in docs)
done(startup=t1 - T0, read=t2 - t1, extract=t3 - t2, docs=len(docs), entities=n, segmenter=ex.segmenter.name,
     chars=chars, mode="fast" if ex.fast else "ner")
"""
)

# the two segmenters side by side, not timed: same tokens? same extraction JSON?
CHILD_SEGMENTERS = (
    _PRELUDE
    + """
import copy
from extract.reader import read_corpus
from extract.pipeline import Extractor
docs = list(read_corpus([sys.argv[1]]))
a, b = Extractor(segmenter="rjieba"), Extractor(segmenter="jieba")
same_tokens = same_json = 0
differ = []
for d in docs:
    text = d.simplified or d.text
    same_tokens += a.segmenter.cut(text) == b.segmenter.cut(text)
    ja = json.dumps(a(copy.deepcopy(d)).to_json(), ensure_ascii=False, sort_keys=True)
    jb = json.dumps(b(copy.deepcopy(d)).to_json(), ensure_ascii=False, sort_keys=True)
    same_json += ja == jb
    if ja != jb:
        differ.append(d.doc_id)
done(docs=len(docs), same_tokens=same_tokens, same_json=same_json, differ=differ[:20],
     segmenters=[a.segmenter.name, b.segmenter.name])
"""
)

CHILD_JIEBA = (
    _PRELUDE
    + """
import logging
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
hmm = sys.argv[2] == "hmm"
t1 = time.perf_counter()
texts = read_texts(sys.argv[1])
t2 = time.perf_counter()
words = 0
for t in texts:
    for w in jieba.cut(t, HMM=hmm):
        words += 1
t3 = time.perf_counter()
done(startup=t1 - T0, read=t2 - t1, cut=t3 - t2, words=words)
"""
)

CHILD_RJIEBA = (
    _PRELUDE
    + """
import rjieba
rjieba.cut("预热")  # loads the dictionary
t1 = time.perf_counter()
texts = read_texts(sys.argv[1])
t2 = time.perf_counter()
words = 0
for t in texts:
    words += len(rjieba.cut(t))
t3 = time.perf_counter()
done(startup=t1 - T0, read=t2 - t1, cut=t3 - t2, words=words)
"""
)

CHILD_JOBS = (
    _PRELUDE
    + """
from extract.reader import read_corpus
from unionkg import api
jobs = int(sys.argv[2])
fast = sys.argv[4:5] == ["fast"]
docs = list(read_corpus([sys.argv[1]]))
t1 = time.perf_counter()
out = list(api.extract(docs, jobs=jobs, fast=fast))
t2 = time.perf_counter()
import hashlib
# one hash per document, so the parent compares outputs without loading them (a big
# parent would raise the peak RSS its later children inherit at exec)
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for r in out:
        f.write(hashlib.sha256(json.dumps(r, ensure_ascii=False, sort_keys=True).encode()).hexdigest() + "\\n")
done(extract=t2 - t1, docs=len(out))
"""
)

CHILD_BUILD = (
    _PRELUDE
    + """
from unionkg import api
t1 = time.perf_counter()
r = api.build([sys.argv[1]], sys.argv[2], jobs=1, maps=sys.argv[3] == "maps")
t2 = time.perf_counter()
done(startup=t1 - T0, build=t2 - t1, seconds=r.seconds, documents=r.documents, extracted=r.extracted,
     reused=r.reused, graph=r.graph, maps=len(r.maps))
"""
)

CHILD_STORE = (
    _PRELUDE
    + """
from unionkg import api
recs = list(api.load_extractions(sys.argv[1]))
G = api.build_graph(recs)
evidence = sum(len(d.get("evidence") or ()) for _, _, d in G.edges(data=True))
if sys.argv[3:] == ["distinct"]:
    # what the write costs when no two documents share a sentence: every sentence a
    # document gave the relation is kept, made distinct with its document id
    for doc in recs:
        for rel in doc.get("relations") or ():
            for ev in rel.get("evidence") or ():
                ev["sentence"] = f"{ev['sentence']}[{doc['doc_id']}]"
        for out in doc.get("outcomes") or ():
            if isinstance(out.get("evidence"), dict):
                out["evidence"]["sentence"] = f"{out['evidence']['sentence']}[{doc['doc_id']}]"
    G = api.build_graph(recs)
import shutil
shutil.rmtree(sys.argv[2], ignore_errors=True)  # a fresh store on every run
t1 = time.perf_counter()
with api.open_store(sys.argv[2]) as store:
    t2 = time.perf_counter()
    written = store.write(G)
    t3 = time.perf_counter()
t4 = time.perf_counter()
done(open=t2 - t1, write=t3 - t2, close=t4 - t3, nodes=G.number_of_nodes(), edges=G.number_of_edges(),
     written=written if isinstance(written, dict) else None, how=store.last_write,
     evidence_as_built=evidence,
     evidence=sum(len(d.get("evidence") or ()) for _, _, d in G.edges(data=True)))
"""
)

CHILD_BROWSER = (
    _PRELUDE
    + """
from playwright.sync_api import sync_playwright
args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
    page = b.new_page()
    t1 = time.perf_counter()
    page.goto(sys.argv[1], wait_until="commit")
    page.wait_for_function("() => window.network !== undefined", timeout=float(sys.argv[2]) * 1000)
    t2 = time.perf_counter()
    page.wait_for_load_state("load")
    t3 = time.perf_counter()
    b.close()
done(network=t2 - t1, load_event=t3 - t1)
"""
)


class ChildFailed(Exception):
    """A child process exited with an error or ran out of time."""


def run_child(code: str, *args, timeout: float) -> dict:
    """Run ``python -c code args``; return its JSON plus ``wall`` seconds and the
    child's own ``maxrss_kb`` from ``wait4``. Raises ChildFailed with the reason."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("UNIONKG_SEGMENTER", None)  # measure the project's default segmenter
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(
            [sys.executable, "-c", code, *map(str, args)], stdout=out, stderr=err, cwd=ROOT, env=env
        )
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                os.wait4(p.pid, 0)
                p.returncode = -9
                raise ChildFailed(f"time-boxed: stopped after {timeout:.0f} s")
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = (
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )
    if p.returncode != 0:
        tail = stderr.strip().splitlines()[-1:] or ["(no message)"]
        raise ChildFailed(f"exit {p.returncode}: {tail[0]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["wall"] = wall
    result["cpu"] = usage.ru_utime + usage.ru_stime
    result["maxrss_kb"] = usage.ru_maxrss
    return result


# --------------------------------------------------------------------------- corpus


def source_paragraphs(corpora: list[Path]) -> tuple[list[list[str]], list[str]]:
    """Paragraph lists, one per source document (read with extract.reader, so JSONL
    articles count), and notes on corpora that were skipped."""
    from extract.reader import read_corpus

    notes, docs = [], []
    for c in corpora:
        if not c.exists():
            notes.append(f"corpus {c} not found; skipped")
            continue
        for d in read_corpus([c], on_skip=lambda s: notes.append(f"reader skipped {s}")):
            paras = [p.strip() for p in d.text.split("\n") if p.strip()]
            if paras:
                docs.append(paras)
    return docs, notes


def make_corpus(sources: list[list[str]], n: int, folder: Path, seed: int) -> int:
    """Write ``n`` documents of 2–4 runs of 1–4 consecutive paragraphs each (runs keep
    the sentence-to-sentence context the extractor relies on). Returns total bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        parts = []
        for _ in range(rng.randint(2, 4)):
            src = rng.choice(sources)
            k = rng.randint(1, min(4, len(src)))
            start = rng.randrange(len(src) - k + 1)
            parts.extend(src[start : start + k])
        data = ("\n\n".join(parts) + "\n").encode("utf-8")
        (folder / f"doc{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def subset(src: Path, dst: Path, n: int) -> int:
    """Copy the first ``n`` documents of ``src`` into ``dst``; return their bytes."""
    dst.mkdir(parents=True, exist_ok=True)
    total = 0
    for f in sorted(src.iterdir())[:n]:
        shutil.copy(f, dst / f.name)
        total += f.stat().st_size
    return total


# --------------------------------------------------------------------------- helpers


def cpu_busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (all CPUs, /proc/stat)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def source_fingerprint() -> str:
    """A hash of the project's Python sources, to notice code edited during a run."""
    import hashlib

    h = hashlib.sha256()
    for pkg in ("extract", "graph", "viz", "unionkg"):
        for f in sorted((ROOT / pkg).rglob("*")):
            if f.is_file() and f.suffix in (
                ".py",
                ".js",
                ".html",
                ".css",
                ".jsonl",
                ".csv",
                ".json",
            ):
                h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "memory": mem,
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def mib(kb: int) -> str:
    return f"{kb / 1024:.0f} MiB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "not met")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: python bench/run.py --docs 2000 --jobs-compare",
    )
    ap.add_argument(
        "--docs", type=int, default=2000, help="documents in the synthetic corpus (default 2000)"
    )
    ap.add_argument(
        "--corpus",
        action="append",
        type=Path,
        help="source corpus to recombine (repeatable; default ../shared/corpus/seeds and "
        "examples/corpus)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        help="keep the synthetic corpus and build outputs here "
        "(default: a temporary folder, removed afterwards)",
    )
    ap.add_argument(
        "--jobs-compare",
        action="store_true",
        help="also time api.extract with jobs=2 against jobs=1 and compare the outputs",
    )
    ap.add_argument("--seed", type=int, default=20240601, help="RNG seed of the synthetic corpus")
    ap.add_argument(
        "--time-box",
        type=float,
        default=240.0,
        help="seconds any one measurement may take before it is stopped and reported "
        "as time-boxed (default 240)",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each throughput measurement (a, b, c); the fastest is reported (default 3)",
    )
    ap.add_argument("--no-browser", action="store_true", help="report the maps' size only")
    opts = ap.parse_args(argv)
    if opts.docs < 4:
        ap.error("--docs must be at least 4 (N/4 documents are measured too)")

    t_start = time.perf_counter()
    fingerprint = source_fingerprint()
    sys.path.insert(0, str(ROOT))
    corpora = opts.corpus or DEFAULT_CORPORA
    sources, notes = source_paragraphs([Path(c) for c in corpora])
    if not sources:
        print("no source paragraphs found in " + ", ".join(map(str, corpora)), file=sys.stderr)
        return 1
    work = opts.out or Path(tempfile.mkdtemp(prefix="unionkg-bench-"))
    marker = work / ".unionkg-bench"
    if opts.out and work.exists() and any(work.iterdir()):
        if not marker.exists():  # never wipe a folder this script did not make
            ap.error(
                f"--out {work} exists and was not made by bench/run.py; give an empty or new folder"
            )
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    marker.touch()
    n, q = opts.docs, max(1, opts.docs // 4)
    corpus, corpus_q, corpus_1 = work / "corpus", work / "corpus-quarter", work / "corpus-one"
    size = make_corpus(sources, n, corpus, opts.seed)
    size_q = subset(corpus, corpus_q, q)
    subset(corpus, corpus_1, 1)
    kb = size / 1024
    box = opts.time_box
    raw: dict = {}
    rows: list[tuple[str, str, str, str]] = []  # measure, figure, target, verdict

    others: dict[str, float] = {}  # share of the machine's CPU used by other processes

    def measure(key, code, *args, repeat=1, best="wall", watch=True):
        """Run a child ``repeat`` times; keep the run with the lowest ``best``."""
        runs = []
        for i in range(repeat):
            print(
                f"[{time.perf_counter() - t_start:6.1f} s] {key} {i + 1}/{repeat} ...",
                file=sys.stderr,
                flush=True,
            )
            busy0 = cpu_busy_seconds()
            try:
                runs.append(run_child(code, *args, timeout=box))
            except ChildFailed as exc:
                runs.append({"error": str(exc)})
                break
            busy1 = cpu_busy_seconds()
            # the browser's own Chromium processes are not the child's reaped children
            if watch and busy0 is not None and busy1 is not None:
                other = max(0.0, busy1 - busy0 - runs[-1]["cpu"])
                share = other / (runs[-1]["wall"] * (os.cpu_count() or 1))
                runs[-1]["other_cpu_share"] = round(share, 3)
                others[f"{key}#{i + 1}"] = share
        good = [r for r in runs if "error" not in r]
        raw[key] = dict(min(good, key=lambda r: r[best]), runs=runs) if good else runs[-1]
        return raw[key]

    # (a) + (b): single-process extraction and jieba.cut, whole process
    r = opts.repeat
    ex = measure("extract_n", CHILD_EXTRACT, corpus, "-", "fast", repeat=r)
    exn = measure("extract_n_ner", CHILD_EXTRACT, corpus, "-", "ner", repeat=r)
    exj = measure("extract_n_jieba", CHILD_EXTRACT, corpus, "jieba", "fast", repeat=r)
    jb = measure("jieba_hmm", CHILD_JIEBA, corpus, "hmm", repeat=r)
    jb0 = measure("jieba_nohmm", CHILD_JIEBA, corpus, "nohmm", repeat=r)
    try:
        import importlib.util

        has_rjieba = importlib.util.find_spec("rjieba") is not None
    except ImportError:
        has_rjieba = False
    rj = (
        measure("rjieba", CHILD_RJIEBA, corpus, repeat=r)
        if has_rjieba
        else {"error": "rjieba not installed"}
    )
    raw.setdefault("rjieba", rj)

    def rate(r, key="wall"):
        return f"{kb / r[key]:.0f} KB/s ({r[key]:.2f} s)" if "error" not in r else r["error"]

    for label, res in (
        ("(a) extraction, fast mode (rules only), 1 process, startup included", ex),
        ("(a) extraction, NER mode (default), 1 process, startup included", exn),
        ("(a') fast mode with the jieba segmenter", exj),
    ):
        if "error" not in res:
            rows.append(
                (
                    label + f" (segmenter {res['segmenter']})",
                    rate(res),
                    "",
                    f"startup {res['startup']:.2f} s, read {res['read']:.2f} s, extract {res['extract']:.2f} s",
                )
            )
        else:
            rows.append((label, res["error"], "", ""))
    rows.append(
        (
            "(b) jieba.cut (HMM on, default), startup included",
            rate(jb),
            "",
            f"startup {jb['startup']:.2f} s, cut {jb['cut']:.2f} s" if "error" not in jb else "",
        )
    )
    ratio = ex["wall"] / jb["wall"] if "error" not in ex and "error" not in jb else None
    cpu_ratio = ex["cpu"] / jb["cpu"] if ratio else None
    rows.append(
        (
            "(b) fast-mode extraction time / jieba.cut time (wall, whole process)",
            f"{ratio:.2f}×" if ratio else "—",
            "≤ 2×",
            verdict(ratio <= TARGET_EXTRACT_VS_JIEBA if ratio else None)
            + (f" (CPU time ratio {cpu_ratio:.2f}×)" if ratio else ""),
        )
    )
    ratio_n = exn["wall"] / jb["wall"] if "error" not in exn and "error" not in jb else None
    rows.append(
        (
            "(b) NER-mode extraction time / jieba.cut time (wall, whole process)",
            f"{ratio_n:.2f}×" if ratio_n else "—",
            "≤ 15×",
            verdict(ratio_n <= TARGET_NER_VS_JIEBA if ratio_n else None)
            + (
                f"; {exn['chars'] / exn['extract']:.0f} characters/s in the extraction loop"
                if ratio_n
                else ""
            ),
        )
    )
    if "error" not in exj and "error" not in jb:
        rows.append(
            ("(b) … with the jieba segmenter instead", f"{exj['wall'] / jb['wall']:.2f}×", "", "")
        )
    rows.append(
        (
            "(b') jieba.cut(HMM=False), startup included",
            rate(jb0),
            "",
            f"cut {jb0['cut']:.2f} s" if "error" not in jb0 else "",
        )
    )
    rows.append(
        (
            "(b') rjieba.cut, startup included",
            rate(rj),
            "",
            f"cut {rj['cut']:.2f} s" if "error" not in rj else "",
        )
    )

    sc = measure("segmenters", CHILD_SEGMENTERS, corpus, watch=False)
    if "error" not in sc:
        rows.append(
            (
                "(a'') rjieba vs jieba segmenter, same documents",
                f"tokens identical for {sc['same_tokens']}/{sc['docs']} docs; extraction JSON identical "
                f"for {sc['same_json']}/{sc['docs']}",
                "",
                ("differing: " + ", ".join(sc["differ"])) if sc["differ"] else "",
            )
        )
    else:
        rows.append(("(a'') rjieba vs jieba segmenter", sc["error"], "", "not measured"))

    # (c) jobs 2 vs jobs 1
    if opts.jobs_compare:
        j1 = measure(
            "jobs1", CHILD_JOBS, corpus, 1, work / "jobs1.sha256", "ner", repeat=r, best="extract"
        )
        j2 = measure(
            "jobs2", CHILD_JOBS, corpus, 2, work / "jobs2.sha256", "ner", repeat=r, best="extract"
        )
        if "error" not in j1 and "error" not in j2:
            a = (work / "jobs1.sha256").read_text().split()
            b = (work / "jobs2.sha256").read_text().split()
            differing = sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b))
            same = differing == 0
            speed = j1["extract"] / j2["extract"]
            raw["jobs_identical"] = same
            raw["jobs_differing_docs"] = differing
            rows.append(
                (
                    "(c) api.extract jobs=2 vs jobs=1, NER mode (cold extractor, in the call)",
                    f"{speed:.2f}× ({j1['extract']:.2f} s → {j2['extract']:.2f} s); outputs "
                    + (
                        "identical"
                        if same
                        else f"DIFFER in {differing} of {len(a)} docs "
                        "(compared: the last of the runs)"
                    ),
                    "≥ 1.7×, identical",
                    verdict(speed >= TARGET_JOBS_SPEEDUP and same),
                )
            )
        else:
            rows.append(
                (
                    "(c) api.extract jobs=2 vs jobs=1",
                    j1.get("error") or j2.get("error"),
                    "≥ 1.7×",
                    "not measured",
                )
            )
    else:
        rows.append(
            (
                "(c) api.extract jobs=2 vs jobs=1",
                "not measured (pass --jobs-compare)",
                "≥ 1.7×",
                "n/a",
            )
        )

    # (d) + (e): full build, then the unchanged rebuild
    out1 = work / "out"
    b1 = measure("build1", CHILD_BUILD, corpus, out1, "maps")
    if "error" not in b1:
        stages = ", ".join(f"{k} {v:.2f}" for k, v in b1["seconds"].items())
        rows.append(
            (
                "(d) full build, seconds per stage",
                stages,
                "",
                f"api.build {b1['build']:.2f} s; process {b1['wall']:.2f} s; graph "
                f"{b1['graph']['nodes']} nodes / {b1['graph']['edges']} edges",
            )
        )
        b2 = measure("build2", CHILD_BUILD, corpus, out1, "maps")
        if "error" not in b2:
            pct = 100 * b2["build"] / b1["build"]
            pct_wall = 100 * b2["wall"] / b1["wall"]
            stages2 = ", ".join(f"{k} {v:.2f}" for k, v in b2["seconds"].items())
            rows.append(
                (
                    "(e) unchanged rebuild, api.build time vs first",
                    f"{pct:.1f} % ({b2['build']:.2f} s)",
                    "< 10 %",
                    verdict(pct < TARGET_REBUILD_PCT),
                )
            )
            rows.append(
                (
                    "(e) unchanged rebuild, whole process vs first",
                    f"{pct_wall:.1f} % ({b2['wall']:.2f} s)",
                    "",
                    f"reused {b2['reused']}/{b2['documents']}; {stages2}",
                )
            )
        else:
            rows.append(("(e) unchanged rebuild", b2["error"], "< 10 %", "not measured"))
    else:
        rows.append(("(d) full build", b1["error"], "", "not measured"))
        rows.append(("(e) unchanged rebuild", "needs (d)", "< 10 %", "not measured"))

    # (f) store load rate into a fresh store
    if (out1 / "extractions.jsonl").exists():
        st = measure(
            "store", CHILD_STORE, out1 / "extractions.jsonl", work / "fresh-store", repeat=r
        )
        if "error" not in st:
            rps, nps = st["edges"] / st["write"], st["nodes"] / st["write"]
            rows.append(
                (
                    "(f) embedded store.write into a fresh store",
                    f"{rps:,.0f} relationships/s",
                    "≥ 50,000 rel/s",
                    verdict(rps >= TARGET_STORE_RELS_PER_S),
                )
            )
            rows.append(
                (
                    "(f) … same write, nodes",
                    f"{nps:,.0f} nodes/s",
                    "",
                    f"{st['edges']} rels + {st['nodes']} nodes in {st['write']:.2f} s (open "
                    f"{st['open']:.2f} s, close {st['close']:.2f} s; {st['how']}); "
                    f"{st['evidence']:,} evidence sentences",
                )
            )
        else:
            rows.append(("(f) embedded store.write", st["error"], "≥ 50,000 rel/s", "not measured"))
        # the synthetic corpus repeats paragraphs, so its documents share sentences far
        # more than an archive's would; this run writes every sentence once per document
        sd = measure(
            "store_distinct",
            CHILD_STORE,
            out1 / "extractions.jsonl",
            work / "fresh-store-distinct",
            "distinct",
            repeat=r,
        )
        if "error" not in sd:
            rps = sd["edges"] / sd["write"]
            rows.append(
                (
                    "(f') same, no sentence shared between documents",
                    f"{rps:,.0f} relationships/s",
                    "≥ 50,000 rel/s",
                    verdict(rps >= TARGET_STORE_RELS_PER_S),
                )
            )
            rows.append(
                (
                    "(f') … detail",
                    f"{sd['write']:.2f} s",
                    "",
                    f"{sd['evidence']:,} evidence sentences (as built: {sd['evidence_as_built']:,})",
                )
            )
        else:
            rows.append(
                ("(f') same, no sentence shared", sd["error"], "≥ 50,000 rel/s", "not measured")
            )
    else:
        rows.append(
            (
                "(f) embedded store.write",
                "no extractions (build failed)",
                "≥ 50,000 rel/s",
                "not measured",
            )
        )

    # (g) peak memory at N and N/4 (and a 1-document baseline)
    exq = measure("extract_quarter", CHILD_EXTRACT, corpus_q, "-", "ner")
    ex1 = measure("extract_one", CHILD_EXTRACT, corpus_1, "-", "ner")
    bq = measure("build_quarter", CHILD_BUILD, corpus_q, work / "out-quarter", "maps")
    bb = measure("build_one", CHILD_BUILD, corpus_1, work / "out-one", "maps")

    def memory_row(label, full, quarter, base):
        if any("error" in r for r in (full, quarter, base)):
            err = next(r["error"] for r in (full, quarter, base) if "error" in r)
            rows.append((label, err, "sublinear", "not measured"))
            return
        grow_full = full["maxrss_kb"] - base["maxrss_kb"]
        grow_q = quarter["maxrss_kb"] - base["maxrss_kb"]
        figure = (
            f"{mib(quarter['maxrss_kb'])} at {q} → {mib(full['maxrss_kb'])} at {n} docs "
            f"(1 doc: {mib(base['maxrss_kb'])})"
        )
        if grow_full < MEMORY_NOISE_KB:
            rows.append(
                (
                    label,
                    figure,
                    "sublinear",
                    f"met: flat, {grow_full / 1024:+.1f} MiB over the 1-doc baseline at {n} docs",
                )
            )
            return
        over = grow_full / max(1, grow_q)
        rows.append(
            (
                label,
                figure,
                "sublinear",
                f"{verdict(over < 0.9 * n / q)}: growth above the 1-doc baseline ×{over:.2f} for "
                f"×{n / q:.0f} docs (+{grow_q / 1024:.0f} → +{grow_full / 1024:.0f} MiB)",
            )
        )

    memory_row("(g) peak RSS, extraction process (NER mode)", exn, exq, ex1)
    memory_row("(g) peak RSS, build process", b1, bq, bb)

    # (h) maps
    maps = out1 / "maps"
    if maps.exists():
        files = sorted(maps.iterdir())
        total = sum(f.stat().st_size for f in files)
        index = maps / "index.html"
        rows.append(
            (
                "(h) HTML maps, size",
                f"{total:,} bytes in {len(files)} files; index.html {index.stat().st_size:,} bytes",
                "",
                "",
            )
        )
        load = None
        if opts.no_browser:
            load = "not measured (--no-browser)"
        elif not Path("/usr/bin/chromium").exists():
            load = "not measured (/usr/bin/chromium missing)"
        else:
            try:
                import importlib.util

                if importlib.util.find_spec("playwright") is None:
                    load = "not measured (playwright not installed)"
            except ImportError:
                load = "not measured (playwright not installed)"
        if load is None:
            br = measure(
                "browser", CHILD_BROWSER, index.resolve().as_uri(), min(box, 120), watch=False
            )
            load = (
                f"window.network after {br['network']:.2f} s (load event {br['load_event']:.2f} s)"
                if "error" not in br
                else br["error"]
            )
        rows.append(("(h) index.html load time, headless Chromium", load, "", ""))

    elapsed = time.perf_counter() - t_start
    header = (
        f"unionkg bench: {n} synthetic documents, {size:,} bytes ({kb:,.0f} KB; N/4 = {q} docs, "
        f"{size_q:,} bytes), seed {opts.seed}, total run {elapsed:.0f} s"
    )
    lines = [header, "", "| measure | figure | target | result / notes |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    for note in notes:
        lines.append(f"\nnote: {note}")
    busy = {k: v for k, v in others.items() if v > 0.10}
    if busy:
        worst = max(busy, key=busy.get)
        lines.append(
            f"\nnote: other processes used more than 10 % of the machine's CPU during {len(busy)} of "
            f"{len(others)} measurements (worst: {worst}, {100 * busy[worst]:.0f} %); "
            "those timings are skewed"
        )
    else:
        lines.append(
            "\nnote: other processes used at most 10 % of the machine's CPU during every measurement"
        )
    if source_fingerprint() != fingerprint:
        lines.append(
            "\nnote: the project's source files changed during this run; figures may mix versions"
        )
    if any("time-boxed" in str(r.get("error", "")) for r in raw.values() if isinstance(r, dict)):
        lines.append(f"\nnote: some measurements were time-boxed at {box:.0f} s (--time-box)")
    print("\n".join(lines))

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    result_path = RESULTS / f"bench-{n}docs-{stamp}.json"
    result_path.write_text(
        json.dumps(
            {
                "docs": n,
                "bytes": size,
                "quarter_docs": q,
                "quarter_bytes": size_q,
                "seed": opts.seed,
                "corpora": [str(c) for c in corpora],
                "notes": notes,
                "machine": machine(),
                "repeat": opts.repeat,
                "parent_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "other_cpu_share": {k: round(v, 3) for k, v in others.items()},
                "source_fingerprint": fingerprint,
                "source_changed": source_fingerprint() != fingerprint,
                "elapsed_s": round(elapsed, 1),
                "table": [
                    dict(zip(("measure", "figure", "target", "result"), r, strict=False))
                    for r in rows
                ],
                "raw": raw,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    print(f"\nresults: {result_path.relative_to(ROOT)}", file=sys.stderr)
    if not opts.out:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
