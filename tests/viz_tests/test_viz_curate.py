"""The explorer's panel shows, for a node, the ``unionkg curate`` commands that correct it
(docs/curation.md): quoted for bash (bash reads back exactly the node's id and aliases,
however hostile), shown as text, and naming the output folder."""

from __future__ import annotations

import shlex
import subprocess

import pytest
from conftest import XSS, page_data

import viz
from viz.graphdata import curate_commands

OUT = "my out's dir"


def bash_words(line: str) -> list[str]:
    """The words bash makes of ``line`` (a ``unionkg curate ...`` command), by running it
    with printf in place of unionkg."""
    assert line.startswith("unionkg curate ")
    r = subprocess.run(
        ["bash", "-c", "printf '%s\\0' " + line.removeprefix("unionkg ")],
        capture_output=True,
        check=True,
    )
    return r.stdout.decode("utf-8").split("\0")[:-1]


def test_commands_read_back_in_bash_as_the_ids_and_aliases():
    node_id = f"Programme:连心舱{XSS} $(touch pwned) `x` \\ '"
    alias = f"别名 ' \" $HOME{XSS}"
    lines = curate_commands(node_id, [alias], OUT)
    words = [bash_words(line) for line in lines]
    assert [w[:2] for w in words] == [
        ["curate", "rename"],
        ["curate", "alias"],
        ["curate", "merge"],
        ["curate", "reject"],
        ["curate", "unalias"],
    ]
    assert all(w[2] == node_id and w[-2:] == ["--out", OUT] for w in words)
    assert words[4][3] == alias
    assert curate_commands("Place:1", [], "out")[3] == "unionkg curate reject Place:1"


def test_maps_of_a_build_carry_the_commands_of_entities_only(graph, tmp_path):
    index = viz.write_maps(graph, tmp_path / "maps", out_dir=OUT)[0]
    nodes = page_data(index)["nodes"]
    by_type: dict[str, list] = {}
    for n in nodes:
        by_type.setdefault(n["ukg"]["type"], []).append(n["ukg"].get("curate"))
    assert all(by_type["TradeUnion"]) and all(by_type["Programme"])
    assert not any(by_type["Document"])
    plain = viz.write_maps(graph, tmp_path / "plain")[0]  # no output folder: no commands
    assert not any(n["ukg"].get("curate") for n in page_data(plain)["nodes"])


@pytest.mark.browser
def test_panel_shows_the_curate_commands_as_text(evil_graph, tmp_path, open_page):
    index = viz.write_maps(evil_graph, tmp_path / "maps", out_dir=OUT)[0]
    opened = open_page(index)
    page = opened.page
    node_id = "TradeUnion:平湖市总工会" + XSS
    vis_id = page.evaluate("(kg) => window.unionkg.idOf(kg)", node_id)
    assert page.evaluate("(id) => window.unionkg.showNode(id)", vis_id)
    shown = page.locator("#ukg-panel pre.ukg-curate").text_content()
    assert page.evaluate("window.__pwned") is None
    lines = shown.splitlines()
    assert (
        lines[0]
        == f"unionkg curate rename {shlex.quote(node_id)} NEW_NAME --out {shlex.quote(OUT)}"
    )
    assert all(bash_words(line)[2] == node_id for line in lines)
    assert "修正 Curate" in page.locator("#ukg-panel").text_content()
    opened.assert_clean()
