"""The measurements of bench/run.py, one function each, in the order they run; each
adds its rows to the table (see bench/README.md for what each row means)."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

from bench.harness import Bench, Row, mib, verdict

# Targets of the performance issue (see docs/performance.md).
TARGET_EXTRACT_VS_JIEBA = 2.0  # extraction time / jieba.cut time, at most (fast mode, rules only)
TARGET_NER_VS_JIEBA = 15.0  # the same, NER mode (the default), at most
TARGET_JOBS_SPEEDUP = 1.7  # jobs 2 over jobs 1, at least
TARGET_REBUILD_PCT = 10.0  # unchanged rebuild as % of the first build, below
TARGET_STORE_RELS_PER_S = 50_000  # embedded store load rate, at least
MEMORY_NOISE_KB = 16 * 1024  # peak-RSS growth below this counts as flat


# ------------------------------------------------------------- (a), (b): extraction


def measure_extraction(b: Bench) -> dict:
    """(a) single-process extraction in both modes and with the jieba segmenter, (b) the
    same against ``jieba.cut``, (b') ``jieba.cut(HMM=False)`` and ``rjieba.cut``; all
    whole processes. Returns the NER-mode run, which (g) reads."""
    r = b.opts.repeat
    ex = b.measure("extract_n", "extraction", b.corpus, "-", "fast", repeat=r)
    exn = b.measure("extract_n_ner", "extraction", b.corpus, "-", "ner", repeat=r)
    exj = b.measure("extract_n_jieba", "extraction", b.corpus, "jieba", "fast", repeat=r)
    jb = b.measure("jieba_hmm", "jieba_cut", b.corpus, "hmm", repeat=r)
    jb0 = b.measure("jieba_nohmm", "jieba_cut", b.corpus, "nohmm", repeat=r)
    try:
        has_rjieba = importlib.util.find_spec("rjieba") is not None
    except ImportError:
        has_rjieba = False
    rj = (
        b.measure("rjieba", "rjieba_cut", b.corpus, repeat=r)
        if has_rjieba
        else {"error": "rjieba not installed"}
    )
    b.raw.setdefault("rjieba", rj)

    for label, res in (
        ("(a) extraction, fast mode (rules only), 1 process, startup included", ex),
        ("(a) extraction, NER mode (default), 1 process, startup included", exn),
        ("(a') fast mode with the jieba segmenter", exj),
    ):
        if "error" not in res:
            b.row(
                label + f" (segmenter {res['segmenter']})",
                b.rate(res),
                "",
                f"startup {res['startup']:.2f} s, read {res['read']:.2f} s, extract {res['extract']:.2f} s",
            )
        else:
            b.row(label, res["error"])
    b.row(
        "(b) jieba.cut (HMM on, default), startup included",
        b.rate(jb),
        "",
        f"startup {jb['startup']:.2f} s, cut {jb['cut']:.2f} s" if "error" not in jb else "",
    )
    _jieba_ratio_rows(b, ex, exn, exj, jb)
    b.row(
        "(b') jieba.cut(HMM=False), startup included",
        b.rate(jb0),
        "",
        f"cut {jb0['cut']:.2f} s" if "error" not in jb0 else "",
    )
    b.row(
        "(b') rjieba.cut, startup included",
        b.rate(rj),
        "",
        f"cut {rj['cut']:.2f} s" if "error" not in rj else "",
    )
    return exn


def _jieba_ratio_rows(b: Bench, ex: dict, exn: dict, exj: dict, jb: dict) -> None:
    """(b): extraction time over jieba.cut time, whole processes."""
    ratio = ex["wall"] / jb["wall"] if "error" not in ex and "error" not in jb else None
    cpu_ratio = ex["cpu"] / jb["cpu"] if ratio else None
    b.row(
        "(b) fast-mode extraction time / jieba.cut time (wall, whole process)",
        f"{ratio:.2f}×" if ratio else "—",
        "≤ 2×",
        verdict(ratio <= TARGET_EXTRACT_VS_JIEBA if ratio else None)
        + (f" (CPU time ratio {cpu_ratio:.2f}×)" if ratio else ""),
    )
    ratio_n = exn["wall"] / jb["wall"] if "error" not in exn and "error" not in jb else None
    b.row(
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
    if "error" not in exj and "error" not in jb:
        b.row("(b) … with the jieba segmenter instead", f"{exj['wall'] / jb['wall']:.2f}×")


def measure_segmenters(b: Bench) -> None:
    """(a''): rjieba and jieba on the same documents, tokens and extraction JSON."""
    sc = b.measure("segmenters", "segmenters", b.corpus, watch=False)
    if "error" not in sc:
        b.row(
            "(a'') rjieba vs jieba segmenter, same documents",
            f"tokens identical for {sc['same_tokens']}/{sc['docs']} docs; extraction JSON identical "
            f"for {sc['same_json']}/{sc['docs']}",
            "",
            ("differing: " + ", ".join(sc["differ"])) if sc["differ"] else "",
        )
    else:
        b.row("(a'') rjieba vs jieba segmenter", sc["error"], "", "not measured")


# ------------------------------------------------------------------ (c): --jobs


def measure_jobs(b: Bench) -> None:
    """(c): ``api.extract`` with jobs=2 against jobs=1, NER mode, and their outputs."""
    if not b.opts.jobs_compare:
        b.row(
            "(c) api.extract jobs=2 vs jobs=1",
            "not measured (pass --jobs-compare)",
            "≥ 1.7×",
            "n/a",
        )
        return
    r, work = b.opts.repeat, b.work
    j1 = b.measure(
        "jobs1", "jobs", b.corpus, 1, work / "jobs1.sha256", "ner", repeat=r, best="extract"
    )
    j2 = b.measure(
        "jobs2", "jobs", b.corpus, 2, work / "jobs2.sha256", "ner", repeat=r, best="extract"
    )
    if "error" in j1 or "error" in j2:
        error = j1.get("error") or j2.get("error")
        b.row("(c) api.extract jobs=2 vs jobs=1", str(error), "≥ 1.7×", "not measured")
        return
    a = (work / "jobs1.sha256").read_text().split()
    c = (work / "jobs2.sha256").read_text().split()
    differing = sum(x != y for x, y in zip(a, c, strict=False)) + abs(len(a) - len(c))
    same = differing == 0
    speed = j1["extract"] / j2["extract"]
    b.raw["jobs_identical"] = same
    b.raw["jobs_differing_docs"] = differing
    b.row(
        "(c) api.extract jobs=2 vs jobs=1, NER mode (cold extractor, in the call)",
        f"{speed:.2f}× ({j1['extract']:.2f} s → {j2['extract']:.2f} s); outputs "
        + (
            "identical"
            if same
            else f"DIFFER in {differing} of {len(a)} docs (compared: the last of the runs)"
        ),
        "≥ 1.7×, identical",
        verdict(speed >= TARGET_JOBS_SPEEDUP and same),
    )


# ------------------------------------------------------- (d), (e): build, rebuild


def measure_build(b: Bench) -> dict:
    """(d) the full build, seconds per stage; (e) the unchanged rebuild against it.
    Returns the first build's run, which (g) reads."""
    b1 = b.measure("build1", "build", b.corpus, b.out1, "maps")
    if "error" in b1:
        b.row("(d) full build", b1["error"], "", "not measured")
        b.row("(e) unchanged rebuild", "needs (d)", "< 10 %", "not measured")
        return b1
    stages = ", ".join(f"{k} {v:.2f}" for k, v in b1["seconds"].items())
    b.row(
        "(d) full build, seconds per stage",
        stages,
        "",
        f"api.build {b1['build']:.2f} s; process {b1['wall']:.2f} s; graph "
        f"{b1['graph']['nodes']} nodes / {b1['graph']['edges']} edges",
    )
    b2 = b.measure("build2", "build", b.corpus, b.out1, "maps")
    if "error" in b2:
        b.row("(e) unchanged rebuild", b2["error"], "< 10 %", "not measured")
        return b1
    pct = 100 * b2["build"] / b1["build"]
    pct_wall = 100 * b2["wall"] / b1["wall"]
    stages2 = ", ".join(f"{k} {v:.2f}" for k, v in b2["seconds"].items())
    b.row(
        "(e) unchanged rebuild, api.build time vs first",
        f"{pct:.1f} % ({b2['build']:.2f} s)",
        "< 10 %",
        verdict(pct < TARGET_REBUILD_PCT),
    )
    b.row(
        "(e) unchanged rebuild, whole process vs first",
        f"{pct_wall:.1f} % ({b2['wall']:.2f} s)",
        "",
        f"reused {b2['reused']}/{b2['documents']}; {stages2}",
    )
    return b1


# ------------------------------------------------------------------ (f): store


def measure_store(b: Bench) -> None:
    """(f) ``store.write`` of the first build's graph into a fresh embedded store;
    (f') the same with every evidence sentence made distinct by its document."""
    extractions = b.out1 / "extractions.jsonl"
    if not extractions.exists():
        b.row(
            "(f) embedded store.write",
            "no extractions (build failed)",
            "≥ 50,000 rel/s",
            "not measured",
        )
        return
    r = b.opts.repeat
    st = b.measure("store", "store_write", extractions, b.work / "fresh-store", repeat=r)
    if "error" not in st:
        rps, nps = st["edges"] / st["write"], st["nodes"] / st["write"]
        b.row(
            "(f) embedded store.write into a fresh store",
            f"{rps:,.0f} relationships/s",
            "≥ 50,000 rel/s",
            verdict(rps >= TARGET_STORE_RELS_PER_S),
        )
        b.row(
            "(f) … same write, nodes",
            f"{nps:,.0f} nodes/s",
            "",
            f"{st['edges']} rels + {st['nodes']} nodes in {st['write']:.2f} s (open "
            f"{st['open']:.2f} s, close {st['close']:.2f} s; {st['how']}); "
            f"{st['evidence']:,} evidence sentences",
        )
    else:
        b.row("(f) embedded store.write", st["error"], "≥ 50,000 rel/s", "not measured")
    # the synthetic corpus repeats paragraphs, so its documents share sentences far
    # more than an archive's would; this run writes every sentence once per document
    fresh = b.work / "fresh-store-distinct"
    sd = b.measure("store_distinct", "store_write", extractions, fresh, "distinct", repeat=r)
    if "error" not in sd:
        rps = sd["edges"] / sd["write"]
        b.row(
            "(f') same, no sentence shared between documents",
            f"{rps:,.0f} relationships/s",
            "≥ 50,000 rel/s",
            verdict(rps >= TARGET_STORE_RELS_PER_S),
        )
        b.row(
            "(f') … detail",
            f"{sd['write']:.2f} s",
            "",
            f"{sd['evidence']:,} evidence sentences (as built: {sd['evidence_as_built']:,})",
        )
    else:
        b.row("(f') same, no sentence shared", sd["error"], "≥ 50,000 rel/s", "not measured")


# ------------------------------------------------------------------ (g): memory


def measure_memory(b: Bench, extraction: dict, build: dict) -> None:
    """(g) peak RSS of the extraction (NER mode) and build processes at N and N/4
    documents, against a 1-document baseline."""
    exq = b.measure("extract_quarter", "extraction", b.corpus_q, "-", "ner")
    ex1 = b.measure("extract_one", "extraction", b.corpus_1, "-", "ner")
    bq = b.measure("build_quarter", "build", b.corpus_q, b.work / "out-quarter", "maps")
    bb = b.measure("build_one", "build", b.corpus_1, b.work / "out-one", "maps")
    b.rows.append(
        memory_row(b, "(g) peak RSS, extraction process (NER mode)", extraction, exq, ex1)
    )
    b.rows.append(memory_row(b, "(g) peak RSS, build process", build, bq, bb))


def memory_row(b: Bench, label: str, full: dict, quarter: dict, base: dict) -> Row:
    """Is peak-RSS growth above the 1-document baseline sublinear from N/4 to N?"""
    if any("error" in r for r in (full, quarter, base)):
        err = next(r["error"] for r in (full, quarter, base) if "error" in r)
        return (label, err, "sublinear", "not measured")
    n, q = b.n, b.q
    grow_full = full["maxrss_kb"] - base["maxrss_kb"]
    grow_q = quarter["maxrss_kb"] - base["maxrss_kb"]
    figure = (
        f"{mib(quarter['maxrss_kb'])} at {q} → {mib(full['maxrss_kb'])} at {n} docs "
        f"(1 doc: {mib(base['maxrss_kb'])})"
    )
    if grow_full < MEMORY_NOISE_KB:
        result = f"met: flat, {grow_full / 1024:+.1f} MiB over the 1-doc baseline at {n} docs"
        return (label, figure, "sublinear", result)
    over = grow_full / max(1, grow_q)
    return (
        label,
        figure,
        "sublinear",
        f"{verdict(over < 0.9 * n / q)}: growth above the 1-doc baseline ×{over:.2f} for "
        f"×{n / q:.0f} docs (+{grow_q / 1024:.0f} → +{grow_full / 1024:.0f} MiB)",
    )


# ------------------------------------------------------------------ (h): maps


def browser_missing(opts: argparse.Namespace) -> str | None:
    """Why the page load cannot be measured, or None when it can."""
    if opts.no_browser:
        return "not measured (--no-browser)"
    if not Path("/usr/bin/chromium").exists():
        return "not measured (/usr/bin/chromium missing)"
    try:
        if importlib.util.find_spec("playwright") is None:
            return "not measured (playwright not installed)"
    except ImportError:
        return "not measured (playwright not installed)"
    return None


def measure_maps(b: Bench) -> None:
    """(h) the size of the first build's maps and the load time of its index.html."""
    maps = b.out1 / "maps"
    if not maps.exists():
        return
    files = sorted(maps.iterdir())
    total = sum(f.stat().st_size for f in files)
    index = maps / "index.html"
    b.row(
        "(h) HTML maps, size",
        f"{total:,} bytes in {len(files)} files; index.html {index.stat().st_size:,} bytes",
    )
    load = browser_missing(b.opts)
    if load is None:
        timeout = min(b.opts.time_box, 120)
        br = b.measure("browser", "page_load", index.resolve().as_uri(), timeout, watch=False)
        load = (
            f"window.network after {br['network']:.2f} s (load event {br['load_event']:.2f} s)"
            if "error" not in br
            else br["error"]
        )
    b.row("(h) index.html load time, headless Chromium", load)
