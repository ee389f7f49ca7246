"""Outcome extractor: reported figures with a unit, and the union or programme they belong to.

A figure is a number (Arabic or Chinese, with 万/亿 and a hedge 余/多/近/超) followed
by a measure word from :data:`UNITS`. Dates, ages, durations, ordinals (第3), the
numeral 一 (一个, 一起) and numbers inside names are skipped. ``万人`` is written as
人 with the value multiplied (guidelines).

Subject: the programme or union named nearest before the figure in its sentence;
else the last one named earlier in the paragraph; else the union the article is
about. Articles that name no union report no outcomes.
"""
from __future__ import annotations

import re

from .context import DocContext, Span
from .numbers import NUMBER_PATTERN, parse_number

UNITS = ("人次", "场次", "名", "人", "家", "个", "件", "起", "场", "元", "%", "项", "台", "处", "期", "次", "支", "条", "份",
         "所", "座", "批", "户", "位", "节", "间", "套", "篇", "块")
_FIG = re.compile(NUMBER_PATTERN + r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r"|％)"
                  r"(?P<hedge2>\(次\)|（次）)?")
_BAD_AFTER = {"个": ("月", "小时", "工作日", "季度", "百分点"), "人": ("民", "员", "才", "大", "社", "力", "们", "身", "事", "文"),
              "家": ("长", "属", "庭", "乡"), "元": ("旦", "宵"), "名": ("单", "义", "称", "额"), "场": ("景", "所", "地"),
              "次": ("日", "年", "月"), "期": ("间",), "位": ("置",), "起": ("来", "步", "点"), "处": ("理",),
              "节": ("日", "假"), "条": ("件", "例"), "所": ("有", "在"), "间": ()}


class OutcomeFinder:
    def __call__(self, ctx: DocContext) -> list[dict]:
        text = ctx.text
        out = []
        for m in _FIG.finditer(text):
            num, unit = m.group("num"), m.group("unit").replace("％", "%")
            s = m.start("num")
            if s and text[s - 1] in "第第周·.-—/:：" or (s and text[s - 1].isdigit()):
                continue
            if num in ("一",) or (num.startswith("一") and len(num) == 1):
                continue
            if not m.group("mult") and re.fullmatch(r"[零〇一二两三四五六七八九]+", num) and len(num) > 1:
                continue  # 二〇二三 is a year
            after = text[m.end():m.end() + 3]
            if any(after.startswith(b) for b in _BAD_AFTER.get(unit, ())):
                continue
            if unit == "起" and not m.group("num")[0].isdigit():
                continue
            # inside a name or a quote: 365职工健康服务卡, “5·20”
            if ctx.covered(m.start("num"), m.end(), ("Programme", "TradeUnion", "Organization", "Place", "Person")):
                continue
            value = parse_number(num, m.group("mult"))
            if value is None:
                continue
            if unit == "%" and value > 1000:
                continue
            subject = self._subject(ctx, m.start())
            if subject is None:
                continue
            qualifier = (m.group("pre") or "") + (m.group("hedge") or "")
            out.append({"start": m.start(), "end": m.end(), "value": value, "unit": unit,
                        "text": text[m.start():m.end()], "qualifier": qualifier, "subject": subject})
        return out

    def _subject(self, ctx: DocContext, pos: int) -> Span | None:
        s_start, _ = ctx.sentence_of(pos)
        p_start, _ = ctx.paragraph_of(pos)
        a_start, a_end = ctx.article_span(pos)
        cands = [s for s in ctx.spans if s.type in ("Programme", "TradeUnion") and s.start < pos
                 and not s.data.get("optional")]
        in_sent = [s for s in cands if s.start >= s_start]
        if in_sent:
            return in_sent[-1]
        in_par = [s for s in cands if s.start >= p_start]
        if in_par:
            return in_par[-1]
        return focus_union(ctx, a_start, a_end)


def focus_union(ctx: DocContext, a_start: int, a_end: int) -> Span | None:
    """The union an article is about: the one named most often in it (first on ties)."""
    counts: dict[str, list[Span]] = {}
    for s in ctx.spans:
        if s.type == "TradeUnion" and a_start <= s.start < a_end and s.data.get("level") != "body":
            counts.setdefault(s.key, []).append(s)
    if not counts:
        return None
    best = max(counts.values(), key=lambda v: (len(v), -v[0].start))
    if best[0].key == "中华全国总工会" and len(counts) > 1:
        others = [v for v in counts.values() if v[0].key != "中华全国总工会"]
        other = max(others, key=lambda v: (len(v), -v[0].start))
        if len(other) >= len(best) - 1:
            return other[0]
    return best[0]
