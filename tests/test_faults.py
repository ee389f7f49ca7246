"""The injection points of a build (unionkg/faults.py): inert unless a test installs a
handler, and passed in the order tests/crash/kill_at.py and docs/input.md rely on."""

from __future__ import annotations

from pathlib import Path

from unionkg import api, faults

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def test_a_build_passes_the_injection_points_in_order(tmp_path):
    seen: list[tuple[str, dict]] = []
    faults.install(lambda name, **context: seen.append((name, context)))
    try:
        api.build([EXAMPLES], tmp_path / "out", fast=True)
        first = list(seen)
        seen.clear()
        api.build([EXAMPLES], tmp_path / "out", fast=True)  # unchanged: only the report
    finally:
        faults.install(None)
    extracted = [c for name, c in first if name == "extract"]
    assert extracted == [{"done": i, "total": 10} for i in range(1, 11)]
    assert [name for name, _ in first if name != "extract"] == [
        "extractions",
        "store",
        "stored",
        "maps",
        "report",
    ]
    assert [name for name, _ in seen] == ["extractions"]
    faults.point("store", store=None)  # no handler: nothing happens
