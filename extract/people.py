"""People and their posts.

A person is a two- to four-character name that starts with a surname from the
national surname list (``data/surnames.txt``) and stands
- after a post title (主席许静, 党组书记、常务副主席王祎, 外卖骑手陈杰);
- in a byline or source line (本报记者 王鑫 方大丰, (通讯员薛伟 黄章伟), 记者阮向民);
- before a speech verb, when jieba segmented it as an unknown word (孙涛说).
In NER mode the model's PER word after a title is a name also without a listed surname
(环卫工人央宗) or in parts joined by a dot (艾麦尔·图尔荪).
Anonymised forms (何某军) and surname + honorific (老宋, 金师傅) are left out.

The post's body is the union or organisation named right before the title chain
(平湖市政协副主席、市总工会主席许静 gives two posts); a reporter holds a post at a
newspaper only when the newspaper is named next to the byline.
"""

from __future__ import annotations

import operator
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .context import DocContext, Span, SpanData
from .orgs import dateline_paper, paper_before
from .resources import alternation, find_words, load_lines, load_sections
from .segment import FUNCTION_TAGS, Freq, load_dictionary

_CJK = r"\u4e00-\u9fff"
_CUES = load_sections("people.txt")
# a rank in brackets between a title and a name ([title_ranks])
_RANK = re.compile(r"[(（](?:" + alternation(_CUES["title_ranks"], longest_first=True) + r")[)）]")
_TAGS = load_sections("model_tags.txt")
_SPEECH = _CUES["speech_verbs"]
# characters that begin the next word after a name (so 王东明赴浙江 is 王东明)
# roles and occupations, not posts: a name after them needs clearer evidence
_ROLE_WORDS = frozenset(_CUES["role_words"])
_AFTER_NAME = set("".join(_CUES["after_name"])) | set(" \t\n")
_NOT_GIVEN = set("".join(_CUES["not_given"]))
_OUTLET_TAILS = set("".join(_CUES["outlet_tails"]))
# how often a name jieba's dictionary tags as a person's (nr) may occur there and still be
# read as a name: rarer ones are people (李红兵 24), frequent ones common words (高峰 1556)
_NR_FREQ = int(_CUES["name_word_max_freq"][0])
# a byline: its words in data/people.txt ([byline_pre], [reporter_ranks], [byline_titles],
# [byline_not_name])
_BYLINE = re.compile(
    rf"(?P<org>《[^《》\n]{{2,12}}》)?(?P<pre>{alternation(_CUES['byline_pre'])})?"
    r"(?P<title>(?:(?:"
    + alternation(_CUES["author_labels"])
    + r")[:：][ \u3000]*)?(?:"
    + alternation(_CUES["reporter_ranks"], longest_first=True)
    + r")?记者|"
    + alternation(_CUES["byline_titles"])
    + ")"
    r"[ \u3000：:]*(?P<names>[\u4e00-\u9fff]{2,4}"
    rf"(?:[ \u3000、，,]+(?!{alternation(_CUES['byline_not_name'])})[\u4e00-\u9fff]{{2,4}}){{0,5}})"
)
# a label and a list of names ([name_list_labels]: a space in a label may be written or not)
_LIST_LABELS = "|".join(
    r"[ \u3000]?".join(map(re.escape, label.split())) for label in _CUES["name_list_labels"]
)
_NAME_LIST = re.compile(
    rf"(?:{_LIST_LABELS})[:：]\s*"
    r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[ \u3000、，,]+[\u4e00-\u9fff]{2,4}){0,9})"
)
_CREDIT_WORDS = tuple(sorted(_CUES["credit_words"], key=len, reverse=True))
_CREDIT = re.compile(
    r"(?P<names>[\u4e00-\u9fff]{2,4}(?:[ \u3000、]+[\u4e00-\u9fff]{2,4}){0,3})"
    rf"[ \u3000]*(?:{alternation(_CUES['credit_words'])})(?![\u4e00-\u9fff]{{2}})"
)
# 等 closing a list of names (甲、乙等人, 甲等3人: [et_words])
_ET_TAIL = rf"等(?:\d|[一二三四五六七八九十百]|{alternation(_CUES['et_words'])})"
_ET_CLOSE = re.compile(_ET_TAIL)
_ET = re.compile(
    r"(?P<names>(?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]{2,3})" + _ET_TAIL
)
_LEADER = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,3}})(?:{alternation(_CUES['leader_words'])})")
# a name in a photo caption with the person's place in the picture: 王某某(右二), 李某(中)
_PHOTO_POS = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,3})[(（]"
    rf"(?:{alternation(_CUES['photo_positions'])})[一二三四五六七八九]?[)）]"
    r"|(?P<name2>[\u4e00-\u9fff]{2,3})[(（]中[)）]"
)
# a source line naming a newspaper and its author: (《某某工人报》张三), or at a line start
# 《某某工人报》张三)
_SOURCE = re.compile(
    rf"(?m)(?:[(（]|^)\s*《(?P<org>[^《》\n]{{2,12}}(?:{alternation(_CUES['source_paper_tails'])}))》"
    r"\s*(?P<name>[\u4e00-\u9fff]{2,3})\s*[)）]"
)
# roles not in titles.txt (shared with other extractors): a name after them needs a clear start
_MORE_ROLES = _CUES["more_roles"]
_ROLE_QUALIFIERS = tuple(_CUES["role_qualifiers"])
# characters that are no part of a given name (function words): a model name holding one is cut wrong
_FUNCTION_CHARS = set("".join(_CUES["function_chars"]))
# the model's tags (model_tags.txt): of a character glued to a name by the rules (程迪|送完),
# of common words (a "name" after a role word read as one is no name), of a first character
# that then starts no name (和, 向, 与 as words)
_GLUE_TAGS = frozenset(_TAGS["person_glue"])
_NAME_END_TAGS = frozenset(_TAGS["person_glue_name_end"])
_ACTS = frozenset(_TAGS["person_glue_name_end_before"])
_WORD_TAGS = _GLUE_TAGS | frozenset(_TAGS["person_common_words_more"])
_NOT_NAME_START = frozenset(_TAGS["person_not_name_start"])
_HONORIFIC = re.compile(r"老(?P<s>[\u4e00-\u9fff])[”」]?是(?P<name>(?P=s)[\u4e00-\u9fff]{1,2})")


_SIGNATURE = re.compile(
    rf"(?m)(?:^|[。！？]\s+)(?P<names>[{_CJK}]{{2,3}}(?:[ \u3000]+[{_CJK}]{{2,3}}){{0,2}})[ \u3000]*$"
    rf"|(?:^|[。！？”])[ \u3000]*[（(](?P<bracketed>[{_CJK}]{{2,3}}(?:[ \u3000、]+[{_CJK}]{{2,3}}){{0,2}})"
    r"[)）][ \u3000]*$"
)
# a colon after a word in a list of names: the word is the next field's label (来源:)
# what sets a byline's name off from the text after it
_SET_OFF = frozenset(" \u3000)）、，,\n")
_LABEL_NEXT = re.compile(r"[ \u3000]*[:：]")
# what stands between a source line's paper and its reporter: spaces, an author label
_AUTHOR_GAP = re.compile(
    rf"[ \u3000]*(?:(?:{alternation(_CUES['author_labels'])})[:：][ \u3000]*)?"
)
# a name in parts joined by a middle dot (艾麦尔·图尔荪, 阿不都·热合曼)
_DOTS = "·•・．"
_DOTTED = re.compile(rf"[{_CJK}]{{1,8}}(?:[{_DOTS}][{_CJK}]{{1,8}})+")
# a name of two to five characters with no listed surname, taken only after a title (央宗)
_FREE_NAME = re.compile(rf"[{_CJK}]{{2,5}}")


def _model_reads_words(ctx: DocContext, pos: int, length: int) -> bool:
    """True when the model reads the characters at ``pos`` as a common word, or a
    conjunction or preposition, that ends within ``length`` characters (普惠/a, 和/c); not
    when its word runs past them (维修工|祝某某一家/v is a cut it got wrong)."""
    w = ctx.model_word_at(pos)
    return (
        w is not None
        and (w.label in _WORD_TAGS or w.label in _NOT_NAME_START)
        and w.end <= pos + length
    )


def _model_name_from(ctx: DocContext, pos: int):
    """The model's PER word that starts at ``pos``, or that starts one character before
    it when that character ends the title before (劳动模|范乌云白力格: the model glued the
    last character of 劳动模范 to the name); None when the model reads no name there."""
    w = ctx.model_word_at(pos)
    if w is None:
        w = next((m for m in ctx.model_words_in(pos - 1, pos) if m.start == pos - 1), None)
    if w is None or w.label != "PER" or w.end - pos < 2:
        return None
    return w


def _byline_paper(ctx: DocContext, m: re.Match, prev: tuple[int, str | None]) -> str | None:
    """The paper of a byline's reporters: named in 《》 before the title, bare right before
    it (甘肃工人报记者), or opening the dateline before the byline's bracket; a further
    reporter right after another paper's byline (《某报》记者甲 实习记者乙) is that paper's
    too, a correspondent (通讯员) is not: correspondents write from other bodies."""
    if m.group("org"):
        return m.group("org").strip("《》")
    pos = m.start("title")
    body = paper_before(ctx, pos) or dateline_paper(ctx, pos) or _source_paper(ctx, m)
    if body is None and "记者" in m.group("title") and not m.group("pre"):
        end, paper = prev
        if end >= 0 and not ctx.text[end : m.start()].strip(" \u3000、，,"):
            body = paper
    return body


def _source_paper(ctx: DocContext, m: re.Match) -> str | None:
    """The paper of a source line right before a reporter's title, an author label or
    spaces between (来源：某某日报 作者：记者某某, 来源：某某日报 记者 某某)."""
    if "记者" not in m.group("title") or m.group("pre"):
        return None
    pos = m.start("title")
    for o in ctx.spans_in(max(0, pos - 30), pos, ("Organization",)):
        if o.data.kind in ("media", "newspaper") and _AUTHOR_GAP.fullmatch(ctx.text, o.end, pos):
            return o.key
    return None


_SCANS_BEFORE_INDEX = 8
"""A document's first names are looked for by a scan of its text each; from the next one
on, through an index of its character pairs (:func:`_pair_starts`). Most documents ask
about fewer names than this, and so few scans cost less than building the index."""


def _recurs(ctx: DocContext, name: str) -> bool:
    """True when ``name`` stands in the text again before other words (郑某新赴… 郑某新指出):
    its last character is no word glued to a shorter name that the model read. Once per
    name and document; a document that asks about many names (a long page) looks only at
    the places where a name's first two characters stand, not through the whole text."""
    memo_key = ("name_recurs", name)
    found = ctx.memo.get(memo_key)
    if found is None:
        asked = ctx.memo["names_asked"] = ctx.memo.get("names_asked", 0) + 1
        text, size = ctx.text, len(name)
        if size < 2 or asked <= _SCANS_BEFORE_INDEX:
            starts: Iterable[int] = _places(text, name)
        else:
            starts = _pair_starts(ctx).get(name[:2], ())
        after: set[str] = set()
        for i in starts:
            if text.startswith(name, i):
                after.add(text[i + size : i + size + 1])
                if len(after) >= 2:
                    break
        found = ctx.memo[memo_key] = len(after) >= 2
    return found


def _pair_starts(ctx: DocContext) -> dict[str, array]:
    """Where each pair of adjacent characters of the text starts, in ascending order: one
    pass over the text, built the first time :func:`_recurs` needs it (a long document
    meets thousands of distinct names, and a scan of the text for each would cost its
    length per name)."""
    index = ctx.memo.get("pair_starts")
    if index is None:
        text = ctx.text
        code = "I" if len(text) < 2**32 else "Q"
        index = {}
        get = index.get
        for i, pair in enumerate(map(operator.add, text, text[1:])):
            starts = get(pair)
            if starts is None:
                index[pair] = array(code, (i,))
            else:
                starts.append(i)
        ctx.memo["pair_starts"] = index
    return index


def _places(text: str, name: str) -> Iterator[int]:
    """Every offset where ``name`` starts in ``text``, overlapping ones too."""
    i = text.find(name)
    while i >= 0:
        yield i
        i = text.find(name, i + 1)


def _dotted_end(ctx: DocContext, end: int) -> int:
    """The end of a name in parts joined by a dot that the model cut at the dot, its PER
    word ending at ``end``: the following words that are a dot and a part (·吐拉洪), or a
    dot and a PER word (·|托合提); ``end`` when no dot follows."""
    text = ctx.text
    while text[end : end + 1] in tuple(_DOTS):
        nxt = ctx.model_word_at(end)
        if nxt is not None and nxt.end == end + 1:  # the dot alone, then a PER word
            nxt = ctx.model_word_at(end + 1)
            if nxt is None or nxt.label != "PER":
                break
        if nxt is None or not _DOTTED.fullmatch(text, end - 1, nxt.end):
            break
        end = nxt.end
    return end


class PersonFinder:
    def __init__(self, word_freq: Freq | None = None):
        self.freq = word_freq or {}
        self.tags = load_dictionary().tags
        self.surnames = set(load_lines("surnames.txt"))
        self.titles = sorted(load_lines("titles.txt"), key=len, reverse=True)
        self._title_re = re.compile(
            "|".join(
                map(re.escape, sorted(set(self.titles) | set(_MORE_ROLES), key=len, reverse=True))
            )
        )
        self._posts = set(self.titles) | set(_MORE_ROLES) | _ROLE_WORDS
        self.reporter_titles = {
            "记者",
            "实习记者",
            "见习记者",
            "首席记者",
            "特约记者",
            "通讯员",
            "特约通讯员",
            "摄影",
            "作者",
        }

    # -- names -----------------------------------------------------------------------
    def surname_len(self, s: str) -> int:
        if s[:2] in self.surnames:
            return 2
        return 1 if s[:1] in self.surnames else 0

    def valid(self, name: str, lenient: bool = False) -> bool:
        n = self.surname_len(name)
        if not n or not (2 <= len(name) <= 3 + (n - 1)) or len(name) - n < 1:
            return False
        given = name[n:]
        if "某" in given or any(c in _NOT_GIVEN for c in given):
            return False
        freq = self.freq.get(name, 0)
        if not lenient and freq > 20 and not (self.tags.get(name) == "nr" and freq <= _NR_FREQ):
            return False  # an ordinary word (王国, 高新), not a name; jieba's rarer names hold
        return True

    def plausible(self, name: str) -> bool:
        """A name the NER model proposed: a listed surname, then one or two characters
        that are no function word (the model knows given names the rules reject: 张强,
        施科, 张家金)."""
        if _DOTTED.fullmatch(name):
            return True  # 艾麦尔·图尔荪: a name of a minority or foreign person
        n = self.surname_len(name)
        if not n or not (2 <= len(name) <= 3 + (n - 1)) or not re.fullmatch(rf"[{_CJK}]+", name):
            return False
        given = name[n:]
        return "某" not in given and not any(c in _FUNCTION_CHARS for c in given)

    def cued(self, name: str) -> bool:
        """A name the model proposed right after a title or role word: also one whose first
        character is on no surname list, as Mongolian and Tibetan names are (央宗)."""
        return self.plausible(name) or bool(
            _FREE_NAME.fullmatch(name)
            and "某" not in name
            and not any(c in _FUNCTION_CHARS for c in name)
            and not self.freq.get(name)
        )

    def name_at(self, ctx: DocContext, pos: int, need_boundary: bool = True) -> str | None:
        """The name starting at ``pos``: of the two- and three-character readings, the one
        whose end jieba and the following text agree on (王东明赴浙江 → 王东明). With the
        NER model, its PER word at ``pos`` decides when the rules find none, and when the
        rules' reading is that word plus a character the model reads as a verb, adverb,
        preposition or particle (骑手程迪|送完 → 程迪)."""
        best = self._rule_name_at(ctx, pos, need_boundary)
        w = _model_name_from(ctx, pos)
        if w is None:
            return best
        name = ctx.text[pos : w.end]
        end = _dotted_end(ctx, w.end)
        if end > w.end and self.cued(name):
            return ctx.text[pos:end]  # 尔肯江|·吐拉洪, 阿力木江|·|托合提: the model cut at the dot
        if best is None and self.cued(name):
            return name
        if not self.plausible(name):
            return best
        if best is None or _DOTTED.fullmatch(name):
            return name
        if len(best) == len(name) + 1 and best.startswith(name):
            nxt = ctx.model_word_at(w.end)
            if nxt is not None and nxt.label in _GLUE_TAGS and not _recurs(ctx, best):
                after = ctx.model_word_at(nxt.end)
                if not (nxt.label in _NAME_END_TAGS and after is not None and after.label in _ACTS):
                    return name  # else 马建中|要求: a direction word before a verb ends the name
        if len(name) == len(best) + 1 and name.startswith(best):
            # the rules stopped a character short (李志|强介绍, 何小|平等): the model's
            # longer name holds when a verb or particle follows it
            nxt = ctx.model_word_at(w.end)
            if nxt is not None and nxt.label in _GLUE_TAGS:
                return name
            if not re.match(rf"[{_CJK}]", ctx.text[w.end : w.end + 1]):
                return name  # 李建|强 李某: the rules' reading leaves one character alone
        return best

    def _rule_name_at(self, ctx: DocContext, pos: int, need_boundary: bool = True) -> str | None:
        text = ctx.text
        n = self.surname_len(text[pos : pos + 2])
        if not n:
            return None
        best, best_score = None, 0
        for length in (n + 2, n + 1):
            cand = text[pos : pos + length]
            if len(cand) < length or not re.fullmatch(rf"[{_CJK}]+", cand) or not self.valid(cand):
                continue
            end = pos + length
            nxt = text[end : end + 1]
            score = 0
            if nxt == "" or nxt in _AFTER_NAME or text.startswith(_SPEECH, end):
                score += 2
            if end in ctx.boundaries:
                score += 1
                if pos in ctx.boundaries and not any(
                    b in ctx.boundaries for b in range(pos + 1, end)
                ):
                    score += 1  # jieba reads exactly this name as one word
            if length == n + 2 and self._split_given(ctx, pos, end):
                score += 1  # 司机张业|建向…: jieba cut the name, the text ends it after three
            elif length == n + 2 and (pos + n + 1) in ctx.boundaries and end not in ctx.boundaries:
                score -= 1
            if not need_boundary:
                score += 1
            if score > best_score:
                best, best_score = cand, score
        return best if best_score >= 2 else None

    def _split_given(self, ctx: DocContext, pos: int, end: int) -> bool:
        """The last character of a three-character reading ``[pos, end)`` belongs to the
        name though jieba may have cut it off: the surname is no function word (工人和|货车|司机),
        the character is no word that ends a name (在, 将, 说),
        it begins no dictionary word with what follows (王伟出|席 is 出席), and the name
        ends where the sentence clearly goes on (a character such as 向 or 的, a speech
        verb, or a dictionary word: 吴美丽|最近)."""
        text = ctx.text
        # a surname jieba reads as a function word (和, 向) is none; one it reads as an
        # adverb (尤) is a surname right after a post title (a conjunction or preposition
        # often follows a title: 主席和…)
        tag = self.tags.get(text[pos]) or ""
        if tag.startswith(FUNCTION_TAGS) and not (
            tag.startswith("d") and any(text.endswith(t, 0, pos) for t in self.titles)
        ):
            return False
        last = text[end - 1]
        if last in _AFTER_NAME or text.startswith(_SPEECH, end - 1):
            return False
        # …尤连平等人: 平等 is a word, but 等 and what follows close a list of names
        listed = _ET_CLOSE.match(text, end) is not None
        if any(self.freq.get(text[end - 1 : end + k], 0) > 0 for k in (1, 2, 3)[listed:]):
            return False
        nxt = text[end : end + 1]
        return (
            nxt == ""
            or nxt in _AFTER_NAME
            or text.startswith(_SPEECH, end)
            or (
                end in ctx.boundaries
                and any(self.freq.get(text[end : end + k], 0) > 0 for k in (2, 3, 4))
            )
        )

    def __call__(self, ctx: DocContext) -> None:
        self._bylines(ctx)
        self._lists(ctx)
        self._titled(ctx)
        self._model_names(ctx)
        self._speakers(ctx)

    def _model_names(self, ctx: DocContext) -> None:
        """The NER model's PER words that no rule found, where no other name stands."""
        known = {s.key for s in ctx.of_type("Person") if not s.data.byline}
        for w in ctx.model_entities("PER"):
            name = ctx.text[w.start : w.end]
            longer = ctx.text[w.start : w.end + 1]
            if longer in known and w.end < len(ctx.text):
                name = longer  # 郑某|新听取 after 郑某新 was found: the model cut it again
            if not self.plausible(name) or ctx.covered(w.start, w.start + len(name)):
                continue
            if name[self.surname_len(name) :] in self._posts:
                continue  # 姚律师, 王书记: a surname and a post, no name (left out, as 老宋)
            # the segmenter must start a word there (春生|夏长 is inside an idiom), and a
            # dictionary word counts only when tagged a person's name (齐心 is an adjective)
            starts_word = w.start in ctx.boundaries or not re.match(
                rf"[{_CJK}]", ctx.text[w.start - 1 : w.start]
            )
            if not starts_word or (
                self.freq.get(name, 0) > 0 and not (self.tags.get(name) or "").startswith("nr")
            ):
                continue
            if self._ends_inside_word(ctx, w.start + len(name)):
                continue  # 唐模古|村落: the segmenter's word 古村落 takes the last character
            self._add(ctx, w.start, name, SpanData(title=None, body=None, model=True))

    def _ends_inside_word(self, ctx: DocContext, end: int) -> bool:
        """True when ``end`` falls inside a dictionary word of the segmenter's (古村落)."""
        if end in ctx.boundaries:
            return False
        return any(
            ws < end < we and self.freq.get(ctx.text[ws:we], 0) > 0
            for ws, we in ctx.words_ending_in(end, end + 4)
        )

    def _names_in(
        self, ctx, start: int, chunk_text: str, data: SpanData, min_names: int = 1
    ) -> None:
        found = []
        for nm in re.finditer(r"[\u4e00-\u9fff]{2,4}", chunk_text):
            pos = start + nm.start()
            name = nm.group(0) if self.valid(nm.group(0), lenient=True) else None
            if not name or _LABEL_NEXT.match(ctx.text, pos + len(name)):
                break  # 作者: 某某  来源: …: the next label, not a name
            found.append((pos, name))
        if len(found) >= min_names:
            for pos, name in found:
                self._add(ctx, pos, name, replace(data))

    def _lists(self, ctx):
        text = ctx.text
        for m in _NAME_LIST.finditer(text):
            self._names_in(
                ctx,
                m.start("names"),
                m.group("names"),
                SpanData(title=None, body=None, listed=True),
            )
        for m in _CREDIT.finditer(text):
            # a photo credit stands at the end of a line: 赵利霞 摄, 胡肖飞 摄/视觉中国
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start : m.start()]
            if before.strip() and not re.search(r"[。！？”)）]\s*$", before):
                continue
            self._names_in(
                ctx,
                m.start("names"),
                m.group("names"),
                SpanData(title="摄影", body=None, credit=True),
            )
        for m in _ET.finditer(text):
            names = m.group("names").split("、")
            pos = m.start("names")
            ok = [
                (pos + sum(len(x) + 1 for x in names[:i]), nm)
                for i, nm in enumerate(names)
                if self.valid(nm)
            ]
            if len(ok) == len(names) and (
                len(ok) >= 2 or ok and (ok[0][0] in ctx.boundaries and ok[0][1] not in self.freq)
            ):
                for p, nm in ok:
                    if len(ok) == 1 and _model_reads_words(ctx, p, len(nm)):
                        continue  # 维修|和/c|年审/vn等: not a name before 等
                    if p in ctx.boundaries or len(ok) >= 2:
                        self._add(ctx, p, nm, SpanData(title=None, body=None, listed=True))
        for m in _LEADER.finditer(text):
            for length in (3, 2):
                nm = m.group("name")[-length:]
                p = m.end("name") - length
                # a dictionary word only when jieba tags it a person's name (nr, nrfg)
                known = nm in self.freq and not (self.tags.get(nm) or "").startswith("nr")
                if len(nm) < length:
                    continue  # a run of two characters: no three-character reading
                if self.valid(nm, lenient=True) and p in ctx.boundaries and not known:
                    self._add(ctx, p, nm, SpanData(title=None, body=None))
                    break
        for m in _PHOTO_POS.finditer(text):
            g = "name" if m.group("name") else "name2"
            for length in (3, 2):  # 入住的张三(右二): the name is the end of the run
                nm = m.group(g)[-length:]
                p = m.end(g) - length
                if len(nm) == length and self.valid(nm) and p in ctx.boundaries:
                    self._add(ctx, p, nm, SpanData(title=None, body=None))
                    break
        for m in _SOURCE.finditer(text):
            if self.valid(m.group("name"), lenient=True):
                self._add(
                    ctx,
                    m.start("name"),
                    m.group("name"),
                    SpanData(title="作者", body=m.group("org"), byline=True, local=False),
                )
        for m in _HONORIFIC.finditer(text):
            nm = m.group("name")
            if self.valid(nm):
                self._add(
                    ctx,
                    m.start("name"),
                    nm,
                    SpanData(title=None, body=None, alias="老" + m.group("s")),
                )
        # a line that is only a name or two (a signature under a column): 李儒雅 / 徐莹 周荣伟,
        # or a name or two in brackets closing a paragraph (…到8月。（某某）) or alone on a
        # line after an item of a page of short items
        for m in _SIGNATURE.finditer(text):
            g = "names" if m.group("names") else "bracketed"
            names = re.split(r"[ \u3000、]+", m.group(g))
            if all(self.valid(x) and x not in self.freq for x in names):
                self._names_in(
                    ctx, m.start(g), m.group(g), SpanData(title=None, body=None, signature=True)
                )

    def _add(self, ctx: DocContext, start: int, name: str, data: SpanData) -> None:
        if ctx.covered(start, start + len(name), ("Person",)):
            return
        if (data.byline or data.listed) and len(name) > 2 and name[-1] in _OUTLET_TAILS:
            return  # 作者:某某网: an outlet in the author's field
        w = ctx.model_word_at(start)
        if (
            w is not None
            and w.label in _NOT_NAME_START
            and not data.byline
            and not data.listed
            and not data.credit
            and not data.signature
        ):
            return  # the model reads the "surname" as a conjunction or preposition: 维修|和|年审
        ctx.add(Span("Person", start, start + len(name), name, data))

    def _bylines(self, ctx):
        text = ctx.text
        prev: tuple[int, str | None] = (-1, None)  # the end and paper of the byline before
        for m in _BYLINE.finditer(text):
            names_start = m.start("names")
            body = _byline_paper(ctx, m, prev)
            prev = (m.end(), body)
            # 通讯员某某某报道: the name stops before 报道
            names = re.sub(r"(?:摄影)?报道.*", "", text[names_start : m.end("names") + 1])[
                : len(m.group("names"))
            ]
            for nm in re.finditer(r"[\u4e00-\u9fff]{2,4}", names):
                pos = names_start + nm.start()
                chunk = nm.group(0)
                if _LABEL_NEXT.match(text, pos + len(chunk)):
                    break  # 作者: 某某  来源: …: the next label, not a name
                credit = next((c for c in _CREDIT_WORDS if chunk.endswith(c)), None)
                if credit and self.valid(chunk[: -len(credit)], lenient=True):
                    chunk = chunk[: -len(credit)]  # 记者 某某摄: a photo credit glued on
                name = (
                    chunk
                    if self.valid(chunk, lenient=True) or self._set_off(ctx, pos, chunk)
                    else self.name_at(ctx, pos, need_boundary=False)
                )
                if not name or len(name) < len(chunk) - 1:
                    # 记者近日获悉: not a name list
                    if nm.start() == 0:
                        name = self.name_at(ctx, pos)
                    if not name:
                        break
                self._add(
                    ctx,
                    pos,
                    name,
                    SpanData(
                        title=_AUTHOR_GAP.sub("", m.group("title"), count=1),  # 作者：记者 → 记者
                        body=body,
                        byline=True,
                        local=bool(m.group("pre") == "本报"),
                    ),
                )

    def _set_off(self, ctx: DocContext, pos: int, chunk: str) -> bool:
        """A byline's three-character chunk set off by a space or a bracket after it
        (通讯员甲书乙 丙丁戊): a name also when a character of its given name is one that
        seldom stands in one (书, 局: 某书记), if it starts with a surname and holds no
        function character."""
        nxt = ctx.text[pos + len(chunk) : pos + len(chunk) + 1]
        return len(chunk) == 3 and nxt in _SET_OFF and self.plausible(chunk)

    def _titled(self, ctx):
        text = ctx.text
        for m in self._title_re.finditer(text):
            pos = m.end()
            while pos < len(text) and text[pos] in " \u3000”」":
                pos += 1
            if pos - m.end() > 2:
                continue
            rank = _RANK.match(text, pos)
            if rank:
                pos = rank.end()  # 副主席(正科级)某某
            name = self.name_at(ctx, pos)
            if not name:
                continue
            if (
                (m.group(0) in _ROLE_WORDS or m.group(0) in _MORE_ROLES)
                and not self._of_body(ctx, m.start())
                and not self._clear_name(ctx, pos, name)
            ):
                continue
            # the whole title chain before the name: 党组书记、常务副主席
            t_start = m.start()
            while True:
                prev = text[max(0, t_start - 1) : t_start]
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
            # 市总工会主席: the title 工会主席 overlaps the union's name; the title starts after it
            for b in ctx.spans_in(t_start - ctx.max_span, t_start, ("TradeUnion", "Organization")):
                if t_start < b.end <= m.end():
                    t_start = b.end
            title = text[t_start : m.end()]
            self._add_titled(ctx, pos, name, SpanData(title=title, title_start=t_start, body=None))

    def _add_titled(self, ctx: DocContext, pos: int, name: str, data: SpanData) -> None:
        """A titled name; a rule that met the same name first without its title (a photo
        caption 某某(左二), 某某同志) leaves the span, and the title is added to it."""
        for p in ctx.spans_in(pos, pos + 1, ("Person",)):
            if p.end == pos + len(name) and p.data.title is None and not p.data.byline:
                p.data.title, p.data.title_start = data.title, data.title_start
                return
        self._add(ctx, pos, name, data)

    @staticmethod
    def _of_body(ctx: DocContext, pos: int) -> bool:
        """A union or organisation ends right before the role word at ``pos`` (某市总工会
        负责人, 某公司相关负责人; data/people.txt [role_qualifiers]): the role is a post of
        that body, and the name after it is a name even when it is also a dictionary word."""
        ends = [pos] + [pos - len(q) for q in _ROLE_QUALIFIERS if ctx.text.endswith(q, 0, pos)]
        return any(ctx.spans_ending_at(e, ("TradeUnion", "Organization")) for e in ends)

    def _clear_name(self, ctx, pos: int, name: str) -> bool:
        """After a role word (职工, 工人, 司机) the next words are often not a name (职工满意率,
        务工人员推出): there the name must start on a word boundary, not be a dictionary
        word, and not begin with one (常态|化)."""
        w = ctx.model_word_at(pos)
        model_name = (
            w is not None and w.label == "PER" and (w.start, w.end) == (pos, pos + len(name))
        )
        if (pos not in ctx.boundaries and not model_name) or self.freq.get(name, 0) > 0:
            return False  # (快递|员史|国柱: jieba glues the role's end to the surname)
        if _model_reads_words(ctx, pos, len(name)):
            return False  # 职工|普惠/a|平台, 职工|云/n|平台
        head = next(
            (ctx.text[ws:we] for ws, we in ctx.words_ending_in(pos, pos + len(name)) if ws == pos),
            "",
        )
        return not (2 <= len(head) < len(name) and self.freq.get(head, 0) > 0)

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
            self._add(ctx, ws, w, SpanData(title=None, body=None, speaker=True))
        # names met once with a cue are names everywhere in the document
        known = {s.key for s in ctx.spans if s.type == "Person"}
        if not known:
            return
        # one pass over the text for all names (longest first), not one per name
        for start, end in find_words(text, known):
            if not ctx.covered(start, end, ("Person",)):
                ctx.add(
                    Span(
                        "Person",
                        start,
                        end,
                        text[start:end],
                        SpanData(title=None, body=None, repeat=True),
                    )
                )
