"""Benchmark unionkg on a synthetic corpus: extraction throughput against jieba,
``--jobs`` speed-up, build stages, rebuild cost, store load rate, peak memory and maps.

    python bench/run.py --docs 2000 --jobs-compare

Every measurement runs in a child process (``python -m bench.children.<name>``, see
bench/children) so that startup is counted and each peak RSS is that child's own
(``os.wait4`` rusage). One markdown table goes to stdout and the same figures, with
the raw measurements, to ``bench/results/bench-<N>docs-<time>.json``. See
bench/README.md and docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script (python bench/run.py): the project's root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# (E402 allowed for this file in pyproject.toml: these come after the path is set)
from bench.corpus import make_corpus, source_paragraphs, subset
from bench.harness import ROOT, Bench, machine, source_fingerprint
from bench.measures import (
    measure_build,
    measure_extraction,
    measure_jobs,
    measure_maps,
    measure_memory,
    measure_segmenters,
    measure_store,
)

RESULTS = ROOT / "bench" / "results"
DEFAULT_CORPORA = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "examples" / "corpus"]


# ------------------------------------------------------------------ the report


def report(b: Bench, corpora: list[Path], fingerprint: str) -> Path:
    """Print the table and its notes; write the JSON results file and return its path."""
    elapsed = time.perf_counter() - b.t_start
    header = (
        f"unionkg bench: {b.n} synthetic documents, {b.size:,} bytes ({b.kb:,.0f} KB; "
        f"N/4 = {b.q} docs, {b.size_q:,} bytes), seed {b.opts.seed}, total run {elapsed:.0f} s"
    )
    lines = [header, "", "| measure | figure | target | result / notes |", "|---|---|---|---|"]
    lines += [f"| {a} | {f} | {c} | {d} |" for a, f, c, d in b.rows]
    lines += [f"\nnote: {note}" for note in b.notes]
    lines += run_notes(b, fingerprint)
    print("\n".join(lines))

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    result_path = RESULTS / f"bench-{b.n}docs-{stamp}.json"
    results = {
        "docs": b.n,
        "bytes": b.size,
        "quarter_docs": b.q,
        "quarter_bytes": b.size_q,
        "seed": b.opts.seed,
        "corpora": [str(c) for c in corpora],
        "notes": b.notes,
        "machine": machine(),
        "repeat": b.opts.repeat,
        "parent_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "other_cpu_share": {k: round(v, 3) for k, v in b.others.items()},
        "source_fingerprint": fingerprint,
        "source_changed": source_fingerprint() != fingerprint,
        "elapsed_s": round(elapsed, 1),
        "table": [
            dict(zip(("measure", "figure", "target", "result"), r, strict=False)) for r in b.rows
        ],
        "raw": b.raw,
    }
    result_path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return result_path


def run_notes(b: Bench, fingerprint: str) -> list[str]:
    """Notes on what makes this run's timings unreliable: other processes' CPU use,
    sources edited during the run, time-boxed measurements."""
    lines = []
    busy = {k: v for k, v in b.others.items() if v > 0.10}
    if busy:
        worst = max(busy, key=lambda k: busy[k])
        lines.append(
            f"\nnote: other processes used more than 10 % of the machine's CPU during {len(busy)} of "
            f"{len(b.others)} measurements (worst: {worst}, {100 * busy[worst]:.0f} %); "
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
    raw = b.raw.values()
    if any("time-boxed" in str(r.get("error", "")) for r in raw if isinstance(r, dict)):
        lines.append(
            f"\nnote: some measurements were time-boxed at {b.opts.time_box:.0f} s (--time-box)"
        )
    return lines


# ------------------------------------------------------------------ main


def parse_args(argv: list[str] | None) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    ap = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
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
    return ap, opts


def work_folder(ap: argparse.ArgumentParser, out: Path | None) -> Path:
    """``--out`` emptied (only if this script made it), else a new temporary folder."""
    work = out or Path(tempfile.mkdtemp(prefix="unionkg-bench-"))
    marker = work / ".unionkg-bench"
    if out and work.exists() and any(work.iterdir()):
        if not marker.exists():  # never wipe a folder this script did not make
            ap.error(
                f"--out {work} exists and was not made by bench/run.py; give an empty or new folder"
            )
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    marker.touch()
    return work


def main(argv: list[str] | None = None) -> int:
    ap, opts = parse_args(argv)
    t_start = time.perf_counter()
    fingerprint = source_fingerprint()
    corpora = [Path(c) for c in (opts.corpus or DEFAULT_CORPORA)]
    sources, notes = source_paragraphs(corpora)
    if not sources:
        print("no source paragraphs found in " + ", ".join(map(str, corpora)), file=sys.stderr)
        return 1
    work = work_folder(ap, opts.out)
    n, q = opts.docs, max(1, opts.docs // 4)
    size = make_corpus(sources, n, work / "corpus", opts.seed)
    size_q = subset(work / "corpus", work / "corpus-quarter", q)
    subset(work / "corpus", work / "corpus-one", 1)
    b = Bench(opts, work, size, size_q, notes, t_start=t_start)

    extraction = measure_extraction(b)
    measure_segmenters(b)
    measure_jobs(b)
    build = measure_build(b)
    measure_store(b)
    measure_memory(b, extraction, build)
    measure_maps(b)

    result_path = report(b, corpora, fingerprint)
    print(f"\nresults: {result_path.relative_to(ROOT)}", file=sys.stderr)
    if not opts.out:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
