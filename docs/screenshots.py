"""Screenshots of a map page (the explorer, a spread map) at its start zoom, for docs/maps.md.

    python docs/screenshots.py OUT_DIR/maps/index.html docs/explorer-seeds.png

OUT_DIR is a build's output (``unionkg build ../shared/corpus/seeds --out /tmp/s``
makes /tmp/s/maps/index.html). Opens the page in headless Chromium (playwright;
``UNIONKG_CHROMIUM`` or /usr/bin/chromium) with the network off, waits until the
layout is done and writes a 1400x900 PNG. Never overwrites an existing file
unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", type=Path, help="a map page (maps/index.html, maps/spread-*.html)")
    ap.add_argument("png", type=Path, help="the PNG to write")
    ap.add_argument("--force", action="store_true", help="overwrite an existing PNG")
    args = ap.parse_args(argv)
    if not args.page.is_file():
        print(f"error: {args.page} is not a file; build first (see --help)", file=sys.stderr)
        return 2
    if args.png.exists() and not args.force:
        print(f"error: {args.png} exists; pass --force to replace it", file=sys.stderr)
        return 2
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
        page.goto(args.page.resolve().as_uri())
        page.wait_for_function("window.unionkg && window.unionkg.ready === true", timeout=300_000)
        page.wait_for_timeout(300)
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png))
        browser.close()
    print(args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
