"""National gazetteer of Chinese administrative divisions, from the ``cpca`` package.

cpca ships ``resources/adcodes.csv``: every province, prefecture and county-level
division with its 12-digit adcode and lon/lat. We read that file directly (not
``import cpca``, which pulls in pandas) and derive:

- the level and parent of each division from its adcode (``330482`` → county,
  parent ``330400`` 嘉兴市 → parent ``330000`` 浙江省);
- short forms (浙江, 嘉兴, 平湖, 广西) by dropping the suffix (data/places.txt: the
  suffixes by level, the autonomous regions' short forms), kept only where they
  are at least two characters and safe (district short forms such as 和平, 城北
  are too often ordinary words and are not used);
- new names for divisions renamed since the list was made (data/places.txt
  ``[renamed]``: 盘县 → 盘州市; the old name still finds the division), and the divisions
  created since under a new code (``[created]``: 钱塘区);
- an index from surface form to candidate divisions; ambiguous names (朝阳区 in
  北京 and in 长春) are resolved against the other places of the document.

Towns, streets and development zones are not in cpca; ``extract.places`` finds
them by their suffix and attaches them to the county named around them.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .resources import load_sections

_PLACES = load_sections("places.txt")
# the autonomous regions' and SARs' short forms (内蒙古自治区 → 内蒙古)
PROVINCE_SHORT = dict(line.split() for line in _PLACES["province_short"])
# the suffixes of autonomous prefectures, counties and banners
_AUTONOMOUS = _PLACES["autonomous_suffixes"]
(_REGION,) = _PLACES["region_suffix"]  # 自治区
# what a division drops in its short form, by level
_PROVINCE_SUFFIX = "".join(_PLACES["province_suffix_chars"])
_CITY_SUFFIXES = _PLACES["city_suffixes"]
_COUNTY_SUFFIXES = _PLACES["county_suffixes"]
# the division list's rows that name no division (市辖区)
_PLACEHOLDERS = frozenset(_PLACES["gazetteer_placeholders"])
# the ethnic names that stand between an autonomous division's place name and its suffix,
# each also without 族 when two or more characters remain (蒙古, 哈萨克), longest first
_ETHNIC = sorted(
    {f for e in _PLACES["ethnic_groups"] for f in (e, e.removesuffix("族")) if len(f) >= 2},
    key=len,
    reverse=True,
)


@dataclass(frozen=True)
class Division:
    """One administrative division. Frozen: divisions are shared, hashable values."""

    adcode: str
    """Six-digit adcode, e.g. ``330482``."""
    name: str
    """Full official name, e.g. ``平湖市``."""
    level: str
    """``province``, ``city`` or ``county``."""
    parent: str | None
    """Adcode of the parent division, None for provinces."""
    lon: float | None = None
    lat: float | None = None

    @property
    def id(self) -> str:
        return f"Place:{self.adcode}"


@dataclass
class Gazetteer:
    """Look-ups over the national division list. Build once with :func:`load_gazetteer`."""

    divisions: dict[str, Division] = field(default_factory=dict)
    full: dict[str, list[str]] = field(default_factory=dict)
    """Full name → adcodes (several for 朝阳区, 鼓楼区 …)."""
    short: dict[str, list[str]] = field(default_factory=dict)
    """Short form → adcodes."""
    former: set[str] = field(default_factory=set)
    """The names divisions had before a renaming (data/places.txt [renamed]): written in a
    text, an older report's own name for the division."""

    def get(self, adcode: str) -> Division | None:
        return self.divisions.get(adcode)

    def division(self, adcode: str) -> Division:
        """The division of a code this gazetteer gave out (KeyError for any other)."""
        return self.divisions[adcode]

    def chain(self, adcode: str) -> list[Division]:
        """Ancestors of a division, nearest first (平湖市 → [嘉兴市, 浙江省])."""
        out = []
        d = self.divisions.get(adcode)
        while d is not None and d.parent:
            d = self.divisions.get(d.parent)
            if d is not None:
                out.append(d)
        return out

    def is_ancestor(self, anc: str, adcode: str) -> bool:
        return any(d.adcode == anc for d in self.chain(adcode))

    def prefecture_of(self, adcode: str) -> Division | None:
        """The prefecture-level division (level ``city``) a county lies in, None for any
        other division or none found (平湖市 → 嘉兴市)."""
        d = self.divisions.get(adcode)
        if d is None or d.level != "county":
            return None
        return next((c for c in self.chain(adcode) if c.level == "city"), None)

    def province_of(self, adcode: str) -> Division | None:
        d = self.divisions.get(adcode)
        if d is None:
            return None
        if d.level == "province":
            return d
        ch = self.chain(adcode)
        return ch[-1] if ch else None

    def candidates(self, surface: str) -> list[str]:
        """Adcodes a surface form may denote: full names first, then short forms."""
        return self.full.get(surface) or self.short.get(surface) or []

    def surfaces(self):
        """Every surface form with ``is_full``: used to build the matcher."""
        for s in self.full:
            yield s, True
        for s in self.short:
            if s not in self.full:
                yield s, False


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def short_form(name: str, level: str) -> str | None:
    """The short form of a division name, or None when it has no safe one."""
    forms = short_forms(name, level)
    return forms[0] if forms else None


def _autonomous_stem(stem: str) -> str:
    """The place name at the head of an autonomous division's name without its suffix:
    the ethnic names at its end dropped (恩施土家族苗族 → 恩施, 伊犁哈萨克 → 伊犁), a name
    that is only an ethnic name kept without 族 (鄂温克族自治旗 → 鄂温克)."""
    while True:
        cut = next((e for e in _ETHNIC if stem.endswith(e) and len(stem) > len(e)), None)
        if cut is None:
            return stem[:-1] if stem.endswith("族") else stem
        stem = stem[: -len(cut)]


def short_forms(name: str, level: str) -> list[str]:
    """The short forms of a division name, most usual first; empty when it has no safe
    one. An autonomous prefecture, county or banner has two: its place name (恩施, 长阳)
    and that name with 州, 县 or 旗 (恩施州, 长阳县, 鄂伦春旗)."""
    if name in PROVINCE_SHORT:
        short = PROVINCE_SHORT[name]
        # 宁夏回族自治区 → 宁夏, and 宁夏自治区 (the region's short name with its level)
        region = short + _REGION if name.endswith(_REGION) else name
        return [short] if region == name else [short, region]
    for suf in _AUTONOMOUS:
        if name.endswith(suf):
            stem = _autonomous_stem(name[: -len(suf)])
            return [stem, stem + suf[-1]] if len(stem) >= 2 else []
    if level == "province":
        return [name[:-1]] if name[-1] in _PROVINCE_SUFFIX and len(name) >= 3 else []
    if level == "city":
        for suf in _CITY_SUFFIXES:
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                return [name[: -len(suf)]]
        return []
    # county level: 义乌市 → 义乌, 庆元县 → 庆元, 鄞州区 → 鄞州. District short forms
    # (和平, 城北, 鼓楼) are often ordinary words: the place finder takes them only when
    # they are rare as words and name one district.
    if name.endswith(_COUNTY_SUFFIXES) and len(name) >= 3:
        return [name[:-1]]
    return []


def _data_file() -> Path:
    return Path(str(resources.files("cpca") / "resources" / "adcodes.csv"))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load and index cpca's division list (cached: built once per process)."""
    try:
        path = _data_file()
    except ModuleNotFoundError as exc:  # pragma: no cover - dependency missing
        raise ImportError("the gazetteer needs cpca: pip install cpca") from exc
    rows = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            name = row["name"].strip()
            if not name or name in _PLACEHOLDERS:
                continue
            rows.append((code, name, row.get("longitude") or "", row.get("latitude") or ""))
    # divisions created since the list was made (data/places.txt [created])
    listed = {code for code, *_ in rows}
    for line in _PLACES["created"]:
        name, code, lon, lat = line.split()
        if code not in listed:
            rows.append((code, name, lon, lat))
    codes = {c for c, *_ in rows}
    # divisions renamed since the list was made take their new name; the old one stays a
    # full name of the same division (data/places.txt [renamed])
    counts = Counter(name for _, name, *_ in rows)
    renamed = dict(line.split() for line in _PLACES["renamed"])
    old_names = {code: name for code, name, *_ in rows if name in renamed and counts[name] == 1}
    g = Gazetteer(former=set(old_names.values()))
    for code, name, lon, lat in rows:
        name = renamed[name] if code in old_names else name
        level = _level(code)
        parent = None
        if level == "city":
            parent = code[:2] + "0000"
        elif level == "county":
            parent = code[:4] + "00"
            if parent not in codes:  # municipality districts, province-managed counties
                parent = code[:2] + "0000"
        g.divisions[code] = Division(
            code, name, level, parent, float(lon) if lon else None, float(lat) if lat else None
        )
    ordered = sorted(g.divisions.values(), key=lambda d: d.adcode)
    # every name of a division: its own, and the one it had before a renaming
    names = {d.adcode: [n for n in (d.name, old_names.get(d.adcode)) if n] for d in ordered}
    # names divisions had before the list was made (data/places.txt [former_names]): they
    # find the division too, and stay a text's name for it
    current = Counter(d.name for d in ordered)
    code_of = {d.name: d.adcode for d in ordered if current[d.name] == 1}
    for line in _PLACES["former_names"]:
        old, new = line.split()
        if new in code_of and old not in current:
            names[code_of[new]].append(old)
            g.former.add(old)
    for d in ordered:
        for name in names[d.adcode]:
            g.full.setdefault(name, []).append(d.adcode)
    for d in ordered:
        for s in dict.fromkeys(f for n in names[d.adcode] for f in short_forms(n, d.level)):
            if s not in g.full:
                g.short.setdefault(s, []).append(d.adcode)
    # A short form that is also a higher division's short form belongs to the higher one
    # (朝阳 → 朝阳市, not 朝阳县); keep every candidate but order by level.
    order = {"province": 0, "city": 1, "county": 2}
    for codes_ in g.short.values():
        codes_.sort(key=lambda c: (order[g.divisions[c].level], c))
    return g
