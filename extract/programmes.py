"""Programme extractor: named union initiatives.

Three cues, each general (no names taken from any corpus):
1. A lexicon of national programmes (``data/programmes.jsonl``): 司机之家, 职工书屋,
   爱心驿站 … with aliases; a longer form ending in a lexicon name (货车司机之家) is
   the lexicon programme.
2. Quoted names (“连心舱”, 「车间好声音」) accepted when they end in a programme tail
   (…之家, …驿站, …工程, …行动 …), are followed by one (“云履职”应用平台), or follow a
   verb of launching (打造, 推出, 开展, 实施 …) — and rejected when they read as speech
   or a slogan (pronouns, sentence punctuation, set phrases).
3. Unquoted names ending in a telling tail (…驿站, …书屋, …研修班, …服务队, …竞赛),
   extended left over the name-like words jieba found.
Canonical name: the quoted core without quotation marks; a tail that is part of the
name (工程, 行动, 计划, 竞赛) is kept, a descriptive tail (工作室, 平台, 项目, 活动) is an alias.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .context import DocContext, Span

_CJK = r"\u4e00-\u9fff"
QUOTES = re.compile(r"[“\"「『]([^“”\"「」『』\n]{2,24})[”\"」』]")
NAME_TAILS = ("之家", "驿站", "书屋", "服务站点", "服务站", "接力站", "工作室", "谈心室", "工程", "计划", "行动", "专项行动",
              "模式", "平台", "项目", "竞赛", "大赛", "服务队", "服务卡", "工作法", "小屋", "课堂", "学院", "研修班",
              "基金", "热线", "论坛", "小组", "联盟", "服务中心", "议事厅", "客户端", "品牌")
# tails kept in the canonical name; the others are descriptive and become aliases
KEEP_TAILS = ("工程", "专项行动", "行动", "计划", "竞赛", "大赛", "服务队", "服务卡", "工作法", "研修班", "基金", "之家",
              "驿站", "书屋", "服务站", "服务站点", "接力站", "谈心室", "小屋")
DROP_TAILS = ("和谐劳动关系工作室", "工作室", "应用平台", "平台", "项目", "活动", "品牌", "应用场景", "场景", "小组",
              "工作", "宣讲团", "服务团")
_FOLLOW_TAIL = re.compile(rf"([{_CJK}]{{0,10}}?)(专项行动|行动|工程|计划|模式|项目|活动|平台|工作室|竞赛|大赛|小组|品牌|服务站|"
                          rf"驿站|服务队|服务卡|基金|工作法|机制|制度|议事厅|应用|客户端|课堂|论坛|宣讲团|服务团|小分队|读书会|"
                          rf"工作站|服务点|工作(?![人者室站法]))")
_LAUNCH = re.compile(r"(打造|创新|推出|开展|实施|启动|建设|建起|建成|设立|成立|推行|探索|首创|建立|发起|举办|开通|上线|创建|培育|"
                     r"搭建|开设|组建|依托|实行|创办|命名|入选|推广|深化|承办|开展了|推出了|打造了)")
_SPEECHY = re.compile(r"[，。！？!?,；;：:…]|我|你|他们|她们|咱|吗|呢|吧|啊|了|着|不|没|要|能|很|都|就|也|还|只|让|把|被|谁|什么|怎么")
_NOT_PROGRAMME = {"最后一公里", "娘家人", "三工", "两新", "双创", "放管服", "一带一路", "十四五", "十三五", "十五五", "三八",
                  "五一", "七一", "十一", "六一", "八一", "两会", "双减", "三农", "四化", "云端", "关键小事"}
_UNQUOTED_TAIL = re.compile(r"(驿站|书屋|服务站点|服务站|接力站|研修班|服务队|谈心室|之家|创新创效竞赛|技能竞赛|技能大赛|竞赛)")
_NAME_STOP_CHARS = set("的了在是为和与及对向将把被让给从到由等个名家各该这那其每所以并或而又也都就还")


def _load_lexicon():
    path = Path(__file__).parent / "data" / "programmes.jsonl"
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entries.append(json.loads(line))
    return entries


def canonical(core: str) -> str:
    """A programme's canonical form: no quotes or spaces; a descriptive tail dropped."""
    core = re.sub(r"[\s“”\"「」『』‘’]", "", core)
    for tail in DROP_TAILS:
        if core.endswith(tail) and len(core) - len(tail) >= 3 and not core.endswith(KEEP_TAILS):
            return core[: -len(tail)]
    return core


class ProgrammeFinder:
    """Finds programmes. Lexicon loaded once."""

    def __init__(self, word_freq: dict[str, int] | None = None):
        self.freq = word_freq or {}
        self.lexicon: dict[str, str] = {}
        self.optional: set[str] = set()
        for e in _load_lexicon():
            for form in [e["name"], *e.get("aliases", [])]:
                self.lexicon[form] = e["name"]
            if e.get("optional"):
                self.optional.add(e["name"])
        self._lex_re = re.compile("|".join(sorted(map(re.escape, self.lexicon), key=len, reverse=True)))

    def __call__(self, ctx: DocContext) -> None:
        self._quoted(ctx)
        self._lexicon(ctx)
        self._tails(ctx)

    def lexicon_name(self, form: str) -> str | None:
        if form in self.lexicon:
            return self.lexicon[form]
        for lex, name in self.lexicon.items():
            # 货车司机之家, 共享司机之家: a modifier + a lexicon programme with a telling tail
            if form.endswith(lex) and lex.endswith(("之家", "驿站", "书屋", "服务站点")) and len(form) - len(lex) <= 4:
                return name
        return None

    def _blocked(self, ctx, start, end) -> bool:
        return ctx.covered(start, end, ("TradeUnion", "Organization", "Programme"))

    def _quoted(self, ctx: DocContext) -> None:
        text = ctx.text
        for m in QUOTES.finditer(text):
            core = m.group(1).strip()
            if len(core) < 2 or core in _NOT_PROGRAMME or _SPEECHY.search(core.replace("、", "")) or len(core) > 16:
                continue
            if re.fullmatch(r"[\d\s·.%]+", core):
                continue
            if any(s.type in ("Place", "TradeUnion", "Organization") and s.start >= m.start(1) and s.end <= m.end(1)
                   and (s.end - s.start) >= len(core) - 1 for s in ctx.spans):
                continue
            follow = _FOLLOW_TAIL.match(text, m.end())
            tail = follow.group(0) if follow and len(follow.group(0)) <= 12 else ""
            if tail and follow.group(1) and (self.freq.get(follow.group(1), 0) > 3000 and len(follow.group(1)) > 2):
                tail = ""
            launch = _LAUNCH.search(text, max(m.start() - 3, ctx.sentence_of(m.start())[0]), m.start())
            own_tail = core.endswith(NAME_TAILS) and len(core) <= 10
            lex = self.lexicon_name(core)
            if launch and not (tail or own_tail or lex) and (core in self.freq or len(core) > 8):
                launch = None  # “快车道”, “领头羊”: an ordinary word after a verb is a figure of speech
            if not (tail or launch or own_tail or lex):
                continue
            if ("、" in core or "—" in core) and not tail:
                continue
            end = m.end()
            name = lex or canonical(core)
            aliases = {core}
            if tail:
                end = m.end() + len(tail)
                full = core + tail
                aliases.add(full)
                words, kind = follow.group(1), follow.group(2)
                if "、" in core or "—" in core:
                    # “识、访、议、调、诉”五言工作法 → 五言工作法; “先服务后入会、…”模式 → 先服务后入会模式
                    first = re.split("[、—]", core)[0]
                    name = words + kind if words else (first + kind if len(first) >= 3 else "")
                    if not name:
                        continue
                    lex = None
                elif kind in ("行动", "专项行动", "工程", "计划", "竞赛", "大赛", "服务队", "服务卡") and not words:
                    name = canonical(full)
                    lex = None
                elif words and kind in ("行动", "计划", "工程") and len(words) <= 6:
                    # “城市骑士”外卖员关爱温暖计划 → 城市骑士关爱温暖计划; “货车司机入会”引导工程
                    name = core + re.sub(r"^(外卖员|职工|劳动者|女职工)", "", words) + kind
                    lex = None
            optional = bool(lex and lex in self.optional)
            ctx.add(Span("Programme", m.start(), end, name,
                         {"aliases": sorted(aliases), "quoted": True, "optional": optional,
                          "strong": bool(tail or own_tail or lex)}))

    def _lexicon(self, ctx: DocContext) -> None:
        for m in self._lex_re.finditer(ctx.text):
            if self._blocked(ctx, m.start(), m.end()):
                continue
            start = m.start()
            # 货车司机之家: take the modifier in
            lead = re.search(rf"[{_CJK}]{{1,4}}$", ctx.text[max(0, start - 4):start])
            form = m.group(0)
            if lead and start - len(lead.group(0)) in ctx.boundaries:
                longer = lead.group(0) + form
                if self.lexicon_name(longer) == self.lexicon[form] and longer not in self.lexicon:
                    form = longer
                    start -= len(lead.group(0))
            name = self.lexicon[m.group(0)]
            ctx.add(Span("Programme", start, m.end(), name,
                         {"aliases": [form], "lexicon": True, "optional": name in self.optional, "strong": True}))

    def _tails(self, ctx: DocContext) -> None:
        text = ctx.text
        for m in _UNQUOTED_TAIL.finditer(text):
            if self._blocked(ctx, m.start(), m.end()):
                continue
            # extend left over jieba words while they look like parts of a name
            start = m.start()
            words = [w for w in ctx.words if w[1] <= start and w[1] > start - 14]
            words.sort()
            name_start = start
            for ws, we in reversed(words):
                if we != name_start:
                    break
                w = text[ws:we]
                if not re.fullmatch(rf"[{_CJK}]+", w) or any(c in _NAME_STOP_CHARS for c in w) or _LAUNCH.fullmatch(w):
                    break
                if ctx.covered(ws, we, ("Place", "TradeUnion", "Organization")):
                    break
                if w in ("召开", "本次", "此次", "该", "年", "省级", "市级", "各类", "相关",
                         "举办", "开展", "建设", "建成", "设立", "成立", "组织", "参加", "开设", "服务", "全市", "全区", "全县",
                         "辖区", "全省", "全国", "各级", "基层", "企业", "打造", "推进", "加强", "依托", "利用", "走进", "一批",
                         "阵地", "标准化", "示范", "规范化"):
                    break
                name_start = ws
                if start - name_start >= 10:
                    break
            core = text[name_start:m.end()]
            stem = core[: len(core) - len(m.group(0))]
            if len(stem) < 2 or (len(stem) == 2 and self.freq.get(stem, 0) > 1000):
                continue  # 知识竞赛, 省级竞赛: a common word before the tail is no name
            lex = self.lexicon_name(core)
            if ctx.covered(name_start, m.end(), ("Programme",)):
                continue
            name = lex or core
            ctx.add(Span("Programme", name_start, m.end(), name,
                         {"aliases": [core], "optional": bool(lex and lex in self.optional), "strong": True,
                          "tail": True}))
