"""Screenshots of a map page (the explorer, a spread map) at its start zoom, for docs/maps.md.

    python docs/screenshots.py --all --force
    python docs/screenshots.py OUT_DIR/maps/index.html docs/explorer-seeds.png

With ``--all`` it builds, in a temporary folder, the seeds (``unionkg build
../shared/corpus/seeds``) and a corpus of 3,000 synthetic documents made of real
paragraphs (``bench/corpus.py`` from ../shared/corpus/seeds, ../shared/corpus/dev2 and
examples/corpus, seed 20240601; built with ``--fast``), and writes
docs/explorer-seeds.png and docs/explorer-3000.png. With a page and a PNG it takes
that one page (OUT_DIR is a build's output).

Opens the page in headless Chromium (playwright; ``UNIONKG_CHROMIUM`` or
/usr/bin/chromium) with the network off, waits until the layout is done and writes a
1400x900 PNG. Never overwrites an existing file unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
DOCS = ROOT / "docs"


def shoot(page_path: Path, png: Path) -> None:
    """One PNG of ``page_path`` at the start zoom."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("UNIONKG_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        ctx.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        ctx.set_offline(True)
        page = ctx.new_page()
        page.goto(page_path.resolve().as_uri())
        # Polled from here: the pages' CSP forbids the eval a polling wait_for_function needs.
        deadline = time.monotonic() + 300
        while not page.evaluate("() => !!(window.unionkg && window.unionkg.ready)"):
            if time.monotonic() > deadline:
                raise SystemExit(f"error: {page_path} was not ready after 300 s")
            page.wait_for_timeout(100)
        page.wait_for_timeout(300)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()
    print(png)


def build(corpus: Path, out: Path, *extra: str) -> Path:
    """``unionkg build CORPUS --out OUT``; the explorer's path."""
    cmd = [sys.executable, "-m", "unionkg", "build", str(corpus), "--out", str(out), *extra]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([*cmd, "--quiet"], check=True, cwd=ROOT, env=env)
    return out / "maps" / "index.html"


def shoot_all() -> None:
    """Build the seeds and 3,000 synthetic documents; screenshot both explorers."""
    sys.path.insert(0, str(ROOT))
    from bench.corpus import make_corpus, source_paragraphs

    with tempfile.TemporaryDirectory(prefix="ukg-shots-") as tmp:
        work = Path(tmp)
        shoot(build(SHARED / "seeds", work / "seeds"), DOCS / "explorer-seeds.png")
        sources, _notes = source_paragraphs(
            [SHARED / "seeds", SHARED / "dev2", ROOT / "examples" / "corpus"]
        )
        make_corpus(sources, 3000, work / "c3000", seed=20240601)
        shoot(build(work / "c3000", work / "o3000", "--fast"), DOCS / "explorer-3000.png")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "page", type=Path, nargs="?", help="a map page (maps/index.html, maps/spread-*.html)"
    )
    ap.add_argument("png", type=Path, nargs="?", help="the PNG to write")
    ap.add_argument("--all", action="store_true", help="build and take both screenshots")
    ap.add_argument("--force", action="store_true", help="overwrite existing PNGs")
    args = ap.parse_args(argv)
    targets = [DOCS / "explorer-seeds.png", DOCS / "explorer-3000.png"] if args.all else [args.png]
    if not args.all and (args.page is None or args.png is None):
        ap.error("give a PAGE and a PNG, or --all")
    if args.all and not (SHARED / "seeds").is_dir():
        print(f"error: {SHARED / 'seeds'} not found; --all needs ../shared", file=sys.stderr)
        return 2
    if not args.all and not args.page.is_file():
        print(f"error: {args.page} is not a file; build first (see --help)", file=sys.stderr)
        return 2
    existing = [p for p in targets if p.exists()]
    if existing and not args.force:
        print(f"error: {existing[0]} exists; pass --force to replace it", file=sys.stderr)
        return 2
    if args.all:
        shoot_all()
    else:
        shoot(args.page, args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
