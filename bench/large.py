"""Build corpora of several sizes and record time, peak memory and the explorer's page
(issue 17: corpora of any size). Each size is one ``unionkg`` build in a child process
(``bench.children.build``, jobs 1: wall time, CPU time and peak RSS), the CPU time of
each stage after extraction from its extractions (``bench.children.stages``), then the
explorer's load in headless Chromium.

    .venv/bin/python bench/large.py --docs 3000 20000 --fast

The corpus of each size is made at run time from real paragraphs of the source corpora
(``bench/corpus.py``; default ../shared/corpus/seeds and dev2 and examples/corpus):
nothing is copied into the repository. Results: one markdown table on stdout and
``bench/results/large-<time>.json`` (git-ignored); docs/performance.md records them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script (python bench/large.py): the project's root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# (E402 allowed for this file in pyproject.toml: these come after the path is set)
from bench.corpus import make_corpus, source_paragraphs
from bench.harness import ROOT, ChildFailed, machine, run_child

CORPORA = [
    ROOT.parent / "shared" / "corpus" / "seeds",
    ROOT.parent / "shared" / "corpus" / "dev2",
    ROOT / "examples" / "corpus",
]
STAGES = ("read", "extract", "graph", "store", "maps")


def one_size(n: int, sources: list[list[str]], work: Path, opts: argparse.Namespace) -> dict:
    """Make ``n`` documents, build them, load the explorer; the figures as a dict."""
    corpus, out = work / f"corpus-{n}", work / f"out-{n}"
    size = make_corpus(sources, n, corpus, opts.seed)
    args = [corpus, out, "maps"] + (["fast"] if opts.fast else [])
    r = run_child("build", *args, timeout=opts.time_box)
    maps = out / "maps"
    index = maps / "index.html"
    row = {
        "docs": n,
        "bytes": size,
        "wall_s": round(r["wall"], 1),
        "cpu_s": round(r["cpu"], 1),
        "peak_rss_mib": round(r["maxrss_kb"] / 1024),
        "stages_s": {k: round(r["seconds"].get(k, 0.0), 2) for k in STAGES},
        "graph": r["graph"],
        "maps_files": len(list(maps.iterdir())),
        "maps_bytes": sum(f.stat().st_size for f in maps.iterdir()),
        "index_bytes": index.stat().st_size,
    }
    # CPU per stage after extraction, in a child of its own (wall times grow with load).
    st = run_child("stages", out / "extractions.jsonl", work / f"stages-{n}", timeout=opts.time_box)
    row["stages_cpu_s"] = st["stage_cpu"]
    row["stages_peak_rss_mib"] = round(st["maxrss_kb"] / 1024)
    if not opts.no_browser:
        try:
            br = run_child("page_load", index.resolve().as_uri(), 120, timeout=180)
            row["page"] = {k: round(br[k], 2) for k in ("network", "load_event", "ready")}
        except ChildFailed as exc:
            row["page"] = {"error": str(exc)}
    return row


def table(rows: list[dict]) -> str:
    lines = [
        "| docs | corpus | build wall (CPU) | peak RSS | stages, wall (s) | stages, CPU (s) "
        "| graph | index.html | ready |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        stages = ", ".join(f"{k} {v}" for k, v in r["stages_s"].items())
        cpu = ", ".join(f"{k} {v}" for k, v in r["stages_cpu_s"].items())
        page = r.get("page", {})
        ready = f"{page['ready']} s" if "ready" in page else page.get("error", "not measured")
        lines.append(
            f"| {r['docs']:,} | {r['bytes'] / 1e6:.1f} MB | {r['wall_s']} s ({r['cpu_s']} s) "
            f"| {r['peak_rss_mib']} MiB | {stages} | {cpu} | {r['graph']['nodes']:,} nodes / "
            f"{r['graph']['edges']:,} edges | {r['index_bytes'] / 1e6:.1f} MB | {ready} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[3000, 20000], help="corpus sizes")
    ap.add_argument("--fast", action="store_true", help="build with --fast (rules only)")
    ap.add_argument("--seed", type=int, default=20240601, help="the corpus RNG's seed")
    ap.add_argument("--out", type=Path, help="keep corpora and builds here (default: a temp dir)")
    ap.add_argument("--time-box", type=float, default=7200, help="seconds per build")
    ap.add_argument("--no-browser", action="store_true", help="skip the page load")
    opts = ap.parse_args(argv)
    sources, notes = source_paragraphs(CORPORA)
    if not sources:
        print("error: no source corpus found (see --help)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ukg-large-") as tmp:
        work = opts.out or Path(tmp)
        rows = []
        for n in opts.docs:
            rows.append(one_size(n, sources, work, opts))
            print(table(rows[-1:]), flush=True)
    print(table(rows))
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    path = results / f"large-{time.strftime('%Y%m%dT%H%M%S')}.json"
    info = {"fast": opts.fast, "seed": opts.seed, "machine": machine(), "notes": notes[:3]}
    info["loadavg"] = os.getloadavg()
    path.write_text(json.dumps({**info, "rows": rows}, ensure_ascii=False, indent=1))
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
