"""How the pages look: colour, shape, legend symbol and Chinese name of each node label
and edge type, the font, and the adoption-year palette of the spread maps.

Every string here is ours, not graph data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# The common CJK fonts: macOS (PingFang SC, Hiragino Sans GB, Heiti SC), Windows
# (Microsoft YaHei, DengXian, SimHei), Linux (Noto Sans CJK SC from fonts-noto-cjk,
# Noto Sans SC, Source Han Sans SC, WenQuanYi Micro Hei / Zen Hei, Droid Sans Fallback).
# Keep unionkg.css's body font-family the same.
FONT_FACE = (
    "'PingFang SC','Hiragino Sans GB','Heiti SC','Microsoft YaHei','DengXian','SimHei',"
    "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei',"
    "'WenQuanYi Zen Hei','Droid Sans Fallback',sans-serif"
)

# Colour, vis shape, legend symbol and Chinese name per node label.
STYLE: dict[str, dict[str, str]] = {
    "TradeUnion": {"color": "#d62728", "shape": "dot", "symbol": "●", "zh": "工会"},
    "Place": {"color": "#2ca02c", "shape": "triangle", "symbol": "▲", "zh": "地点"},
    "Programme": {"color": "#1f77b4", "shape": "diamond", "symbol": "◆", "zh": "项目"},
    "Person": {"color": "#ff7f0e", "shape": "triangleDown", "symbol": "▼", "zh": "人物"},
    "Organization": {"color": "#9467bd", "shape": "hexagon", "symbol": "⬢", "zh": "机构"},
    "Outcome": {"color": "#b8a600", "shape": "star", "symbol": "★", "zh": "成效"},
    "Document": {"color": "#7f7f7f", "shape": "square", "symbol": "■", "zh": "文档"},
}
OTHER_STYLE = {"color": "#c7c7c7", "shape": "dot", "symbol": "●", "zh": "其他"}
LABELS = tuple(STYLE)

EDGE_COLOURS = {
    "SPREAD_TO": "#e6550d",
    "ADOPTED_IN": "#6baed6",
    "RUNS": "#e377c2",
    "REPORTED": "#bcbd22",
    "HOLDS_POSITION": "#ffbb78",
    "LOCATED_IN": "#98df8a",
    "PART_OF": "#c7e9c0",
    "MENTIONS": "#d9d9d9",
}
EDGE_ZH = {
    "RUNS": "开展",
    "HOLDS_POSITION": "任职",
    "ADOPTED_IN": "采用于",
    "LOCATED_IN": "位于",
    "PART_OF": "隶属",
    "REPORTED": "报告成效",
    "MENTIONS": "提及",
    "SPREAD_TO": "扩散至",
}
# Looked up with the ``kind`` of a SPREAD_TO edge: a graph value, of any type. Inferred
# paths are hierarchical or neighbour; reported ones carry the class of the cue the
# sentence used (docs/spread.md).
SPREAD_KIND_ZH: dict[Any, str] = {
    "hierarchical": "层级",
    "neighbour": "邻近",
    "learned": "学习借鉴",
    "copied": "复制",
    "promoted": "推广",
    "extended": "延伸",
    "originated": "首创",
}
# How a SPREAD_TO edge is drawn by its ``basis``: a path the text reports is solid and
# strong; an inferred one dashed and fainter. ``zh`` starts its label.
SPREAD_BASIS_STYLE: dict[str, dict[str, Any]] = {
    "reported": {"zh": "报道", "color": "#a63603", "width": 2.6, "dashes": False},
    "inferred": {"zh": "推断", "color": "rgba(230, 85, 13, 0.5)", "width": 1.4, "dashes": [7, 5]},
}

# The basis of an ADOPTED_IN year (docs/spread.md), looked up with a graph value.
YEAR_BASIS_ZH: dict[Any, str] = {
    "stated": "文中所述 stated",
    "reported": "报道年份 year reported",
}


def node_colours() -> dict[str, str]:
    """Node label → colour, for exports that colour nodes as the pages do (GEXF)."""
    return {label: s["color"] for label, s in STYLE.items()} | {"other": OTHER_STYLE["color"]}


# Adoption-year colours, earliest to latest (plasma, cut before its pale end so
# every colour reads on white).
YEAR_PALETTE = ["#0d0887", "#5302a3", "#8b0aa5", "#b83289", "#db5c68", "#f48849", "#febd2a"]
UNDATED_COLOUR = "#bdbdbd"


def translucent(colour: str, alpha: float) -> str:
    """``rgba(...)`` of a ``#rrggbb`` colour with the given opacity."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


def style_of(label: Any) -> dict[str, str]:
    """The style of a node label (a value from the graph: anything not ours is "other")."""
    return STYLE.get(label, OTHER_STYLE)


def legend_items(labels: Iterable[str] = LABELS) -> list[dict]:
    """Legend rows (all strings are ours, not graph data)."""
    return [
        {
            "key": lab,
            "text": f"{style_of(lab)['zh']} {lab}",
            "color": style_of(lab)["color"],
            "symbol": style_of(lab)["symbol"],
        }
        for lab in labels
    ]


def year_colours(years: Iterable[int]) -> dict[int, str]:
    """A colour of ``YEAR_PALETTE`` per year, spread evenly from the earliest to the latest."""
    ordered = sorted(set(years))
    if len(ordered) == 1:
        return {ordered[0]: YEAR_PALETTE[0]}
    out = {}
    for i, y in enumerate(ordered):
        pos = i / (len(ordered) - 1) * (len(YEAR_PALETTE) - 1)
        out[y] = YEAR_PALETTE[round(pos)]
    return out
