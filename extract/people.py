"""People and their posts.

A person is a two- to four-character name that starts with a surname from the
national surname list (``data/surnames.txt``) and stands
- after a post title (主席许静, 党组书记、常务副主席王祎, 外卖骑手陈杰);
- in a byline or source line (本报记者 王鑫 方大丰, (通讯员薛伟 黄章伟), 记者阮向民);
- before a speech verb, when jieba segmented it as an unknown word (孙涛说).
Anonymised forms (何某军) and surname + honorific (老宋, 金师傅) are left out.

The post's body is the union or organisation named right before the title chain
(平湖市政协副主席、市总工会主席许静 gives two posts); a reporter holds a post at a
newspaper only when the newspaper is named next to the byline.
"""
from __future__ import annotations

import re
from importlib import resources

from .context import DocContext, Span

_CJK = r"\u4e00-\u9fff"
_SPEECH = ("说", "表示", "介绍", "告诉", "认为", "坦言", "指出", "强调", "回忆", "感慨", "笑着说", "提到", "称", "透露", "解释")
# characters that begin the next word after a name (so 王东明赴浙江 is 王东明)
_AFTER_NAME = set("，。、；：！？“”‘’()（）【】 \t\n,.;:!?说表介告认坦指强回感提称透解赴在与和及等为是的也还就都带向对将把被让给从到"
                  "一今近率来去参主出亲坚作所已曾正同又更先再每前后时领")
_NOT_GIVEN = set("的了在是为和与及对向将把被让给从到由等个名家各该这那其每所以并或而又也都就还说表介告认坦指强市区县省镇"
                 "工会总部局厅处科员长任书记席理事")
_BYLINE = re.compile(r"(?P<org>《[^《》\n]{2,12}》)?(?P<pre>本报|特约)?(?P<title>实习记者|见习记者|首席记者|特约记者|记者|特约通讯员|通讯员|摄影|作者)"
                     r"[ \u3000：:]*(?P<names>[\u4e00-\u9fff]{2,4}(?:[ \u3000、，,]+[\u4e00-\u9fff]{2,4}){0,5})")


def _load_lines(name: str) -> list[str]:
    return [l.strip() for l in (resources.files("extract") / "data" / name).read_text(encoding="utf-8").splitlines()
            if l.strip()]


class PersonFinder:
    def __init__(self, word_freq: dict[str, int] | None = None):
        self.freq = word_freq or {}
        self.surnames = set(_load_lines("surnames.txt"))
        self.titles = sorted(_load_lines("titles.txt"), key=len, reverse=True)
        self._title_re = re.compile("|".join(map(re.escape, self.titles)))
        self.reporter_titles = {"记者", "实习记者", "见习记者", "首席记者", "特约记者", "通讯员", "特约通讯员", "摄影", "作者"}

    # -- names -----------------------------------------------------------------------
    def surname_len(self, s: str) -> int:
        if s[:2] in self.surnames:
            return 2
        return 1 if s[:1] in self.surnames else 0

    def valid(self, name: str) -> bool:
        n = self.surname_len(name)
        if not n or not (2 <= len(name) <= 3 + (n - 1)) or len(name) - n < 1:
            return False
        given = name[n:]
        if "某" in given or any(c in _NOT_GIVEN for c in given):
            return False
        if self.freq.get(name, 0) > 20:  # an ordinary word (王国, 高新), not a name
            return False
        return True

    def name_at(self, ctx: DocContext, pos: int, need_boundary: bool = True) -> str | None:
        """The name starting at ``pos``: three characters when the third is not the start of
        the next word, else two."""
        text = ctx.text
        n = self.surname_len(text[pos:pos + 2])
        if not n:
            return None
        for length in (n + 2, n + 1):
            cand = text[pos:pos + length]
            if len(cand) < length or not re.fullmatch(rf"[{_CJK}]+", cand) or not self.valid(cand):
                continue
            nxt = text[pos + length:pos + length + 1]
            if not need_boundary or nxt == "" or nxt in _AFTER_NAME or text.startswith(_SPEECH, pos + length):
                if length == n + 2 and (pos + n + 1) in ctx.boundaries and (pos + length) not in ctx.boundaries:
                    continue
                return cand
        return None

    def __call__(self, ctx: DocContext) -> None:
        self._bylines(ctx)
        self._titled(ctx)
        self._speakers(ctx)

    def _add(self, ctx, start, name, data):
        if ctx.covered(start, start + len(name), ("Person",)):
            return
        ctx.add(Span("Person", start, start + len(name), name, data))

    def _bylines(self, ctx):
        text = ctx.text
        for m in _BYLINE.finditer(text):
            names_start = m.start("names")
            org = m.group("org")
            for nm in re.finditer(r"[\u4e00-\u9fff]{2,4}", m.group("names")):
                pos = names_start + nm.start()
                chunk = nm.group(0)
                name = chunk if self.valid(chunk) else self.name_at(ctx, pos, need_boundary=False)
                if not name or len(name) < len(chunk) - 1:
                    # 记者近日获悉: not a name list
                    if nm.start() == 0:
                        name = self.name_at(ctx, pos)
                    if not name:
                        break
                body = None
                if org:
                    body = org.strip("《》")
                self._add(ctx, pos, name, {"title": m.group("title"), "body": body, "byline": True,
                                           "local": bool(m.group("pre") == "本报")})

    def _titled(self, ctx):
        text = ctx.text
        for m in self._title_re.finditer(text):
            pos = m.end()
            name = self.name_at(ctx, pos)
            if not name:
                continue
            # the whole title chain before the name: 党组书记、常务副主席
            t_start = m.start()
            while True:
                prev = text[max(0, t_start - 1):t_start]
                if prev == "、":
                    mm = None
                    for t in self.titles:
                        if text.startswith(t, t_start - 1 - len(t)):
                            mm = t
                            break
                    if mm:
                        t_start = t_start - 1 - len(mm)
                        continue
                break
            title = text[t_start:m.end()]
            self._add(ctx, pos, name, {"title": title, "title_start": t_start, "body": None})

    def _speakers(self, ctx):
        text = ctx.text
        for ws, we in ctx.words:
            if not (2 <= we - ws <= 3):
                continue
            w = text[ws:we]
            if not self.valid(w) or w in self.freq:
                continue
            if not text.startswith(_SPEECH, we):
                continue
            self._add(ctx, ws, w, {"title": None, "body": None, "speaker": True})
        # names met once with a cue are names everywhere in the document
        known = {s.key for s in ctx.spans if s.type == "Person"}
        for name in known:
            for m in re.finditer(re.escape(name), text):
                if not ctx.covered(m.start(), m.end(), ("Person",)):
                    ctx.add(Span("Person", m.start(), m.end(), name, {"title": None, "body": None, "repeat": True}))
