"""Numbers as Chinese news writes them: 2949, 2.0356亿, 5万余, 三十余, 百余, 1.1万, 87.3%.

``parse_number("2.0356亿")`` → 203560000.0. :data:`NUMBER_PATTERN` matches a
number with its 万/亿 multiplier and hedge word (余/多/近/超/逾/约 …); the outcome
extractor appends the unit.
"""

from __future__ import annotations

import re

from .resources import alternation, load_sections

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# the hedge words before and after a number ([hedge_before], [hedge_after_number],
# [hedge_after] in data/units.txt)
_UNITS = load_sections("units.txt")
NUMBER_PATTERN = (
    rf"(?P<pre>{alternation(_UNITS['hedge_before'])})?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
    rf"(?P<hedge0>{alternation(_UNITS['hedge_after_number'])})?(?P<mult>万亿|万|亿)?"
    rf"(?P<hedge>{alternation(_UNITS['hedge_after'])})?"
)
"""A number with its hedge words and 万/亿 multiplier (300余万, 5万余); the outcome
extractor adds the unit."""


def chinese_to_int(s: str) -> int | None:
    """三十 → 30, 一百二十 → 120, 两 → 2, 百 → 100; None for a malformed numeral."""
    if not s:
        return None
    if all(ch in DIGITS for ch in s):
        # 二〇二三 style digit strings
        v = 0
        for ch in s:
            v = v * 10 + DIGITS[ch]
        return v
    total, cur = 0, 0
    for ch in s:
        if ch in DIGITS:
            cur = DIGITS[ch]
        elif ch in SMALL_UNITS:
            total += (cur or 1) * SMALL_UNITS[ch]
            cur = 0
        else:
            return None
    return total + cur


def parse_number(num: str, mult: str | None = None) -> float | None:
    """The value of a numeral with an optional 万/亿 multiplier."""
    num = num.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        value = float(num)
    else:
        v = chinese_to_int(num)
        if v is None:
            return None
        value = float(v)
    if mult:
        for ch in mult:
            value *= BIG_UNITS[ch]
    # 2.0356亿 → 203560000.00000003: round off float noise
    return round(value, 6)
