"""Item 4 of issue 18: on a machine without CJK fonts the explorer says why every
label is a box. Chromium is started with a fontconfig that knows only DejaVu (no
CJK glyphs); with the system's fonts (fonts-noto-cjk) there is no notice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import viz

pytestmark = pytest.mark.browser

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# As tests/viz_tests/conftest.py starts it (the `browser` fixture skips without it).
CHROMIUM = os.environ.get("UNIONKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _fontconfig(tmp_path: Path) -> Path:
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{DEJAVU}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir>"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def test_explorer_says_so_when_cjk_renders_as_boxes(graph, tmp_path, browser):
    if not DEJAVU.is_dir():
        pytest.skip(f"no {DEJAVU} to build a font set without CJK from")
    page_path = viz.write_maps(graph, tmp_path / "maps")[0]
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(tmp_path)))
    bare = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=env
    )
    try:
        ctx = bare.new_context()
        ctx.set_offline(True)
        page = ctx.new_page()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("window.unionkg && window.unionkg.ready === true")
        assert page.evaluate("window.unionkg.cjkMissing()") is True
        note = page.locator("#ukg-note")
        assert note.is_visible() and "fonts-noto-cjk" in note.text_content()
    finally:
        bare.close()


def test_no_font_notice_with_cjk_fonts(graph, tmp_path, open_page):
    opened = open_page(viz.write_maps(graph, tmp_path / "maps")[0])
    assert opened.page.evaluate("window.unionkg.cjkMissing()") is False
    assert "fonts-noto-cjk" not in (opened.page.locator("#ukg-note").text_content() or "")
    opened.assert_clean()
