"""Load time of a map page in headless Chromium (``/usr/bin/chromium``, playwright):
until ``window.network`` exists, until the load event, and until the page says it is
ready (``window.unionkg.ready``: laid out and fitted; polled from here, since the
pages' CSP forbids the eval a polling ``wait_for_function`` needs).

    python -m bench.children.page_load FILE_URI TIMEOUT_S
"""

from __future__ import annotations

import sys
import time

from playwright.sync_api import sync_playwright

from bench.children import done

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def main(argv: list[str]) -> None:
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = b.new_page()
        t1 = time.perf_counter()
        page.goto(argv[0], wait_until="commit")
        page.wait_for_function("() => window.network !== undefined", timeout=float(argv[1]) * 1000)
        t2 = time.perf_counter()
        page.wait_for_load_state("load")
        t3 = time.perf_counter()
        deadline = t1 + float(argv[1])
        while not page.evaluate("() => !!(window.unionkg && window.unionkg.ready)"):
            if time.perf_counter() > deadline:
                raise SystemExit("page not ready in time")
            time.sleep(0.05)
        t4 = time.perf_counter()
        b.close()
    done(network=t2 - t1, load_event=t3 - t1, ready=t4 - t1)


if __name__ == "__main__":
    main(sys.argv[1:])
