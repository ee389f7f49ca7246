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
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from . import resolve
from .context import DocContext, Span, SpanData
from .ner import NerSpan
from .resources import alternation, data_path, find_words, load_sections
from .segment import Freq, Tags

_CJK = r"\u4e00-\u9fff"
_NAMES = load_sections("programme_names.txt")
_OPEN_QUOTES = frozenset('“"「『‘')
QUOTES = re.compile(r"[“\"「『]([^“”\"「」『』\n]{2,24})[”\"」』]")
# 《…攻坚行动实施方案》: a plan named after its programme
_BOOK_PLAN = re.compile(
    rf"《([{_CJK}]{{3,24}}?(?:{alternation(_NAMES['plan_tails'])}))"
    rf"(?:{alternation(_NAMES['plan_documents'])})》"
)
# “甲”“乙”等活动: quoted names listed as activities
_LISTED_AFTER = re.compile(
    r"(?:[、，,]?[“\"][^“”\"\n]{2,16}[”\"])*等(?:系列)?(?:" + alternation(_NAMES["listed_as"]) + ")"
)
# ‘三查一访’模式: single quotes (usually nested in speech) count only before a name tail
SINGLE_QUOTED = re.compile(
    r"‘([^‘’“”\n]{2,24})’(?=" + alternation(_NAMES["single_quoted_tails"]) + ")"
)
NAME_TAILS = _NAMES["name_tails"]
# tails kept in the canonical name; the others are descriptive and become aliases
KEEP_TAILS = _NAMES["keep_tails"]
DROP_TAILS = _NAMES["drop_tails"]


# [follow_work]: 工作, unless a character follows that makes it another word (工作室)
_WORK, _WORK_NOT = _NAMES["follow_work"][0].split()
_FOLLOW_TAIL = re.compile(
    rf"([{_CJK}]{{0,10}}?)({alternation(_NAMES['follow_tails'])}|{_WORK}(?![{_WORK_NOT}]))"
)
_TAIL_IN_NAME_KINDS = frozenset(_NAMES["tail_in_name_kinds"])
_CAMPAIGN_KINDS = frozenset(_NAMES["campaign_kinds"])
_TWO_PART_KINDS = frozenset(_NAMES["two_part_kinds"])
_MODIFIED_LEXICON_TAILS = tuple(_NAMES["modified_lexicon_tails"])
_POST_TAILS = tuple(_NAMES["post_tails"])
_CUES = load_sections("programme_cues.txt")
# verbs by which visitors look at a programme ([visit]): no word of an unquoted name
_VISIT_WORDS = frozenset(_CUES["visit"])
LAUNCH_VERBS = _CUES["launch"]
"""Verbs that launch, build, run or name an initiative (data/programme_cues.txt)."""
LAUNCH_RE = re.compile("(" + alternation(LAUNCH_VERBS, longest_first=True) + ")")
"""One of the launch verbs (longest first)."""
# a launch verb, then perhaps a count, right before a quote: 建成12个“…”, 推出了一批“…”
_LAUNCH_BEFORE = re.compile(
    LAUNCH_RE.pattern
    + r"了?(?:[\d一二三四五六七八九十百千两几多余]+(?:"
    + alternation(
        _CUES["count_units"] + _CUES["count_units_more"] + _CUES["launch_count_units_more"]
    )
    + "))?$"
)
# jieba's tags of a two-character word that before a tail names no programme: an edition,
# a pronoun, an attribute (首届|大赛, 本届|大赛, 单项|竞赛: model_tags.txt)
_GENERIC_STEM = frozenset(load_sections("model_tags.txt")["programme_generic_stem_jieba"])
# a count of sites (5家, 12余个; not a duration, 3个月), and one after a name, with the
# words that may lead it (“某某屋”5家, “某某站”共12个); adopted_in.py reads both
COUNT = (
    r"[\d一二三四五六七八九十百千两]+[余多]?(?:"
    + alternation(_CUES["count_units"])
    + r")(?!多?[月年天])"
)
COUNT_AFTER = "(?:" + alternation(_CUES["count_lead"]) + ")?" + COUNT
_COUNTED_AFTER = re.compile(COUNT_AFTER)
# one quoted character inside a name, a pun (爱“某”奉献, “某”送清凉活动): the words after
# it up to a joining word, an activity tail or punctuation
_PUN_TAIL = re.compile(alternation(_NAMES["pun_tails"]))
_PUN = re.compile(
    rf"“([{_CJK}])”([{_CJK}]{{2,8}}?)(?={alternation(_NAMES['pun_joining'])}|{_PUN_TAIL.pattern}"
    r"|[，,。、；;！？!?\s“（(])"
)
# quoted text that reads as speech: sentence punctuation or a pronoun, question or modal
# word (any position); one-character function words count only as words of their own
# whom a campaign serves, dropped before its tail in the canonical name (外卖员关爱温暖计划)
_AUDIENCE = re.compile("^(" + alternation(_NAMES["campaign_audience"]) + ")")
_SPEECH_MARKS = re.compile(r"[，。！？!?,；;：:…]|" + alternation(_NAMES["speech_words"]))
_SPEECH_CHAR_SET = set("".join(_NAMES["speech_chars"]))
_SPEECH_CHARS = re.compile("[" + "".join(sorted(_SPEECH_CHAR_SET)) + "]")
# the NER model's tags of a word that starts no programme name (model_tags.txt)
_NOT_NAME_TAGS = frozenset(load_sections("model_tags.txt")["programme_not_name_start"])
_COUNT_TAGS = frozenset(load_sections("model_tags.txt")["programme_count_tags"])
_COUNT_UNITS = tuple(load_sections("units.txt")["units"])
_NOT_PROGRAMME = frozenset(_NAMES["not_programme"])
_PLACE_HEADED = _NAMES["place_headed_tails"] + _NAMES["place_named_tails"]
_MULTI_PART_KINDS = frozenset(_NAMES["multi_part_kinds"])
_MULTI_PART = re.compile(rf"[{_CJK}‘’]{{2,12}}(?:[,，、.·•\s][{_CJK}‘’]{{2,12}})+")
# “甲乙丙丁、戊己庚辛”节前慰问某某群体活动: a motto of two balanced phrases may stand before a
# longer description of the campaign ([balanced_motto] in programme_names.txt)
# quoted items right after a quote, each set off by at most a comma or a conjunction
_QUOTE_RUN = re.compile(r"(?:[、，,和及与]?[“\"「『][^“”\"「」『』\n]{2,24}[”\"」』])+")
_BALANCED_LIMITS = dict(line.split() for line in _NAMES["balanced_motto"])
_BALANCED_MOTTO = re.compile(
    rf"[{_CJK}]{{{_BALANCED_LIMITS['part_min']},{_BALANCED_LIMITS['part_max']}}}"
    rf"[,，、.·•\s][{_CJK}]{{{_BALANCED_LIMITS['part_min']},{_BALANCED_LIMITS['part_max']}}}"
)
_BALANCED_FOLLOW = re.compile(
    rf"([{_CJK}]{{0,{_BALANCED_LIMITS['words_max']}}}?)"
    rf"({alternation(_NAMES['multi_part_kinds'], longest_first=True)})"
)
# [volunteer_service]: 志愿服务 before the words that make it a tail
_SERVICE, *_SERVICE_AFTER = _NAMES["volunteer_service"][0].split()
_UNQUOTED_TAIL = re.compile(
    rf"({_SERVICE}(?={alternation(_SERVICE_AFTER)})|" + alternation(_NAMES["unquoted_tails"]) + ")"
)
# words an unquoted name never starts with (verbs of holding and building, scope words)
_NOT_NAME_WORDS = frozenset(_NAMES["not_name_words"])
# characters no word of an unquoted name holds
_NAME_STOP_CHARS = set("".join(_NAMES["unquoted_stop_chars"]))
# words that give a facility programme its form: 共享职工之家, 流动电子职工书屋, 智慧职工书屋
_MODE_MODIFIERS = frozenset(_NAMES["mode_modifiers"])
# characters that never stand inside a name between a quote and its tail
_FOLLOW_STOP_CHARS = set("".join(_NAMES["follow_stop_chars"]))
# tails after a launched quote that make a motto in the first person a campaign's name
_MOTTO_CAMPAIGN_TAILS = frozenset(_NAMES["motto_campaign_tails"])
# a ceremony's tail: a launch verb alone between it and a quote (“某某”揭牌仪式)
_CEREMONY_TAILS = frozenset(_NAMES["ceremony_tails"])
# a quoted word followed by one of these names an account or a medium, not a programme
_MEDIA_AFTER = re.compile("(" + alternation(_NAMES["media_after"]) + ")")
# words after a quote that make it a policy the union serves, not its programme (“某某”战略)
_POLICY_AFTER = re.compile("(?:" + alternation(_NAMES["policy_after"]) + ")")
# quoted items right before a quote, joined by nothing or a list word (“甲”、“乙”“丙”)
_QUOTES_BEFORE = re.compile(r"(?:[“\"][^“”\"\n]{1,24}[”\"][、，,和及与]?)+$")
# verbs right before a quote that make it a policy or theme the union serves (落实“某某”)
_POLICY_BEFORE = re.compile("(?:" + alternation(_NAMES["policy_before"]) + ")[了好]?$")
# facilities and bodies named in quotes (“某市工人文化宫”) are not programmes
_FACILITY_TAILS = _NAMES["facility_tails"]
# a quoted core of figures, letters and operators only (1+N, 3+X, 1+1+N)
_SYMBOL_CORE = re.compile(
    rf"[0-9A-Za-z+＋×·*]*[+＋×][0-9A-Za-z+＋×·*]*|[{_CJK}]{{2,4}}[+＋]"
)  # or a word and a plus sign (“互联网+”): a formula waiting for its second term
# an unquoted formula (8+X, 1+N, 1+1+N): not inside quotes, figures or a longer formula
_BARE_FORMULA = re.compile(
    r"(?<![0-9A-Za-z+＋“\"])(?:\d{1,2}|[A-Z])(?:[+＋](?:\d{1,2}|[A-Z]))+(?![0-9A-Za-z+＋”\"])"
)
_SYMBOL_HEAD = re.compile(".*(?:" + alternation(_NAMES["symbol_core_heads"]) + ")")
# a quoted code of a numeral and a few characters (“两癌”, “五小”: [code_numerals]) and the
# heads that end its programme's name ([code_heads])
_CODE_CORE = re.compile(rf"[{_NAMES['code_numerals'][0]}][{_CJK}]{{1,3}}")
_CODE_HEAD = re.compile(".*(?:" + alternation(_NAMES["code_heads"]) + ")")
_FORMULA = re.compile(rf"[{_CJK}0-9A-Za-z]{{1,8}}(?:[+＋][{_CJK}0-9A-Za-z]{{1,8}})+")
_FORMULA_PARTS = frozenset(_NAMES["formula_parts"])
# a figure of speech: 比学赶超的“大课堂”, 欢迎大家“晒一晒”
# a motto in two halves (某某有你·共赴美好, 某某工会 牵手友约): an event's theme, not speech
_MOTTO = re.compile(rf"[{_CJK}]{{2,8}}[\s·•][{_CJK}‘’]{{2,9}}")
# an unquoted event held or launched: 举办甲集中入会仪式暨乙活动, 开展某某关爱行动
_EVENT = re.compile(
    "(?:"
    + alternation(_NAMES["event_verbs"], longest_first=True)
    + rf")了?([{_CJK}]{{4,32}}?)"
    + "("
    + alternation(_NAMES["event_tails"])
    + ")"
)
# a generic family named as one activity: “送清凉”慰问活动, 送温暖活动, “送温暖”等关爱活动
# ([activity_tails]; 等 and a two-character kind may stand between)
_ACTIVITY_AFTER = re.compile(
    rf"[”\"」』]?(?:等[{_CJK}]{{0,2}}?)?(?:"
    + alternation(_NAMES["activity_tails"], longest_first=True)
    + ")"
)
# a service named by its number: 12351职工服务热线, “12351”职工维权热线 ([number_tails])
_NUMBERED = re.compile(
    rf"[“\"]?(?<!\d)(\d{{5,6}})[”\"]?([{_CJK}]{{0,6}}?(?:"
    + alternation(_NAMES["number_tails"], longest_first=True)
    + "))"
)
# a code of figures in quotes before a method's tail (“353”工作机制: [figure_code_tails])
_FIGURE_CODE = re.compile(
    r"[“\"](\d{2,4})[”\"](" + alternation(_NAMES["figure_code_tails"], longest_first=True) + ")"
)
# a tail naming a system of work right after a quote (“…”工作制度: [system_tails])
_SYSTEM_AFTER = re.compile(alternation(_NAMES["system_tails"], longest_first=True))
# the second part of a title joined by 暨, the subject of its launch or holding:
# 甲仪式暨乙活动启动仪式在…举行 ([joined_event_after])
_JOINED_EVENT = re.compile(
    rf"暨([{_CJK}]{{4,16}}?)("
    + alternation(_NAMES["event_tails"])
    + ")(?="
    + alternation(_NAMES["joined_event_after"])
    + ")"
)
# the last item of a list of forms or ways (采取理论考试、实作竞赛等形式)
_AS_FORM = re.compile("等(?:" + alternation(_NAMES["form_words"]) + ")")
# a community or village opening an unquoted site's name (某某社区|安新驿站)
_SITE_PREFIX = re.compile(
    rf"[{_CJK}]{{2,5}}?(?:" + alternation(_NAMES["site_places"], longest_first=True) + ")"
)
# a quoted title with a subtitle after a dash: “甲乙 丙丁——某某冬送温暖暨趣味运动会”
_SUBTITLED = re.compile(r"[“「]([^“”「」\n—]{2,16})——([^“”「」\n—]{2,30})[”」]")
_SUBTITLE_TAILS = tuple(NAME_TAILS + _NAMES["event_tails"] + _NAMES["dated_tails"])
# an activity headed by its year: 2024年暑期职工子女爱心托管班, 2023年度全市单身职工联谊会
_DATED = re.compile(
    '(?:[”"」』]|——|'
    + alternation(_NAMES["event_verbs"], longest_first=True)
    + rf")了?20[0-9]{{2}}年度?([{_CJK}]{{2,16}}?)("
    + alternation(_NAMES["dated_tails"], longest_first=True)
    + ")"
)
# characters that never stand inside a name: a clause goes on ([name_stop_chars])
_EVENT_STOP_CHARS = set("".join(_NAMES["name_stop_chars"]))
_SIZE_WORDS = "".join(_NAMES["size_words"])
_NUMERALS = "一二两三四五六七八九十几多"  # numerals that start a count
# a grade given to sites of a family (三星级, 五星): with nothing else before the tail it
# names the grade, not a programme
_GRADE = re.compile(
    "[" + _NAMES["grade_numerals"][0] + "]?(?:" + alternation(_NAMES["grade_words"]) + ")"
)
# an edition inside a name (第三届): left out of the canonical name
_EDITION = re.compile(
    r"第[\d一二三四五六七八九十百]+(?:" + alternation(_NAMES["edition_words"]) + ")"
)
_REDUPLICATED = re.compile(r"(.)[一了]\1")


def _load_lexicon():
    path = data_path("programmes.jsonl")
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entries.append(json.loads(line))
    return entries


def is_count(text: str, word: NerSpan) -> bool:
    """Whether the NER model's ``word`` is a numeral with its measure word (百万张, 30个:
    [programme_count_tags], a unit of units.txt): it counts the things named after it,
    and stands in no name of them."""
    return word.label in _COUNT_TAGS and text[word.start : word.end].endswith(_COUNT_UNITS)


def canonical(core: str) -> str:
    """A programme's canonical form: no quotes or spaces; a descriptive tail dropped."""
    core = re.sub(r"[\s“”\"「」『』‘’]", "", core)
    for tail in DROP_TAILS:
        if core.endswith(tail) and len(core) - len(tail) >= 3 and not core.endswith(KEEP_TAILS):
            return core[: -len(tail)]
    return core


class ProgrammeFinder:
    """Finds programmes. Lexicon loaded once."""

    def __init__(
        self,
        word_freq: Freq | None = None,
        titles: Iterable[str] = (),
        word_tags: Tags | None = None,
    ):
        self.freq = word_freq or {}
        self.tags = word_tags or {}  # jieba's part of speech of a word
        self.lexicon: dict[str, str] = {}
        self.optional: set[str] = set()
        self.campaigns: set[str] = set()  # seasonal campaigns (送温暖), generic when in passing
        self.titles = set(titles)  # post titles: a quoted post (“党组成员”) is no programme
        for e in _load_lexicon():
            for form in [e["name"], *e.get("aliases", [])]:
                self.lexicon[form] = e["name"]
            if e.get("optional"):
                self.optional.add(e["name"])
            if e.get("campaign"):
                self.campaigns.add(e["name"])
        self._lex_re = re.compile(alternation(self.lexicon, longest_first=True))

    def __call__(self, ctx: DocContext) -> None:
        self._book_titles(ctx)
        named = self._named_campaigns(ctx)
        self._quoted(ctx, named)
        self._puns(ctx)
        self._formulas(ctx)
        self._events(ctx)
        self._joined_events(ctx)
        self._dated(ctx)
        self._subtitled(ctx)
        self._numbered(ctx)
        self._figure_codes(ctx)
        self._lexicon(ctx, named)
        self._tails(ctx)
        self._repeats(ctx)

    def _named_campaigns(self, ctx: DocContext) -> set[tuple[int, str]]:
        """The (article, form) of each seasonal campaign family that an article names at
        least twice before an activity tail (送温暖活动 … 这次送温暖活动), or once quoted
        right after a launch verb (开展“送清凉”慰问活动): the activity the article is
        about, reported by that form."""
        counts: Counter[tuple[int, str]] = Counter()
        for m in self._lex_re.finditer(ctx.text):
            if self.lexicon[m.group(0)] in self.campaigns and _ACTIVITY_AFTER.match(
                ctx.text, m.end()
            ):
                # once is enough when quoted right after a launch verb (开展“送清凉”慰问活动)
                launched = ctx.text[m.start() - 1 : m.start()] in _OPEN_QUOTES and bool(
                    _LAUNCH_BEFORE.search(ctx.text, max(0, m.start() - 11), m.start() - 1)
                )
                counts[(ctx.article_of(m.start()), m.group(0))] += 2 if launched else 1
        return {k for k, n in counts.items() if n >= 2}

    def _repeats(self, ctx: DocContext) -> None:
        """Once a quoted name is known to be a programme, its other quoted mentions are
        too (a heading: 一个“连心舱”为…护航)."""
        known: dict[str, Span] = {}
        for s in ctx.spans:
            if s.type == "Programme" and s.data.quoted and not s.data.optional:
                for form in s.data.aliases:
                    known.setdefault(form, s)
        if not known:
            return
        for m in QUOTES.finditer(ctx.text):
            src = known.get(m.group(1).strip())
            if src is None or ctx.covered(
                m.start(), m.end(), ("Programme", "TradeUnion", "Organization")
            ):
                continue
            # a name the text comes back to is a programme it is about, even if the first
            # mention had only a launch verb to go on
            src.data.recurring = True
            ctx.add(Span("Programme", m.start(), m.end(), src.key, replace(src.data, repeat=True)))
        self._unquoted_repeats(ctx, known)

    @staticmethod
    def _unquoted_repeats(ctx: DocContext, known: dict[str, Span]) -> None:
        """A quoted programme's name of four characters or more named again without
        quotes (“某某职工驿站” … 已建成某某职工驿站24个) is the same programme, in place of
        a shorter programme found inside it (the lexicon's 职工驿站)."""
        forms = [f for f in known if len(f) >= 4 and re.fullmatch(rf"[{_CJK}]+", f)]
        if not forms:
            return
        text = ctx.text
        for start, end in find_words(text, forms):
            if start and text[start - 1] in _OPEN_QUOTES:
                continue  # quoted: done above
            if ctx.covered(start, end, ("TradeUnion", "Organization")):
                continue
            inside = []
            blocked = False
            for s in ctx.spans_in(start - ctx.max_span, end, ("Programme",)):
                if s.end <= start:
                    continue
                if start <= s.start and s.end <= end and s.end - s.start < end - start:
                    inside.append(s)
                else:
                    blocked = True
            if blocked:
                continue
            resolve.programme_over_inner(ctx, inside)
            src = known[text[start:end]]
            ctx.add(Span("Programme", start, end, src.key, replace(src.data, repeat=True)))

    def lexicon_name(self, form: str) -> str | None:
        if form in self.lexicon:
            return self.lexicon[form]
        for lex, name in self.lexicon.items():
            # 货车司机之家, 共享司机之家: a modifier + a lexicon programme with a telling tail
            if (
                form.endswith(lex)
                and lex.endswith(_MODIFIED_LEXICON_TAILS)
                and len(form) - len(lex) <= 4
            ):
                return name
        return None

    def _blocked(self, ctx, start, end) -> bool:
        return ctx.covered(start, end, ("TradeUnion", "Organization", "Programme"))

    def _quoted(self, ctx: DocContext, campaigns: set[tuple[int, str]]) -> None:
        text = ctx.text
        matches = [(m, False) for m in QUOTES.finditer(text)] + [
            (m, True) for m in SINGLE_QUOTED.finditer(text)
        ]
        matches.sort(key=lambda x: x[0].start())
        accepted, accepted_end = None, None  # the last quote taken as a programme
        for m, single in matches:
            core = m.group(1).strip()
            follow = _FOLLOW_TAIL.match(text, m.end())
            tail = follow.group(0) if follow and len(follow.group(0)) <= 12 else ""
            if tail and not self._good_follow(follow):
                tail = ""
            balanced = bool(_BALANCED_MOTTO.fullmatch(re.sub("[‘’]", "", core)))
            if not tail and balanced:
                follow = self._motto_follow(ctx, m.end()) or follow
                tail = follow.group(0) if follow and follow.re is _BALANCED_FOLLOW else tail
            # “先服务后入会，先活动覆盖再组织覆盖”模式: a two-part name right before a tail
            two_part = bool(
                tail
                and follow is not None
                and not follow.group(1)
                and follow.group(2) in _TWO_PART_KINDS
                and re.fullmatch(rf"[{_CJK}]{{3,12}}[,，][{_CJK}]{{3,12}}", core)
            )
            # “甲乙，丙丁”读书活动, “甲、乙，丙”劳动竞赛: a campaign named by a motto of parts
            multi_part = bool(
                tail
                and follow is not None
                and not two_part
                and _MULTI_PART.fullmatch(core)
                and (
                    follow.group(2) in _MULTI_PART_KINDS
                    and (len(follow.group(1)) <= 4 or balanced)
                    # “甲甲甲甲，乙乙乙乙”品牌: a balanced motto right before any name tail
                    or (balanced and not follow.group(1) and follow.group(2) != _WORK)
                )
            )
            # “工会+法院+检察院+N”协调机制, “工会+N”的方式: a formula of parts joined by +, one
            # of them the union, names the union's model of work, however long
            formula = bool(
                (_FORMULA.fullmatch(core) or re.fullmatch(rf"[{_CJK}]{{2,4}}[+＋]", core))
                and _FORMULA_PARTS & set(re.split("[+＋]", core))
            )
            limit = 30 if multi_part or formula else 24 if two_part else 16
            s_start = ctx.sentence_of(m.start())[0]
            launched = LAUNCH_RE.search(
                text, max(m.start() - 3, s_start), m.start()
            ) or _LAUNCH_BEFORE.search(text, max(m.start() - 10, s_start), m.start())
            # 成立了“某市劳动模范和某某工匠健康服务基地”: a launched name with its tail may
            # be long (its place and its audience in front)
            long_named = launched is not None and core.endswith(NAME_TAILS)
            if long_named:
                limit = max(limit, 24)
            if len(core) < 2 or core in _NOT_PROGRAMME or len(core) > limit:
                continue
            # “某都严选”职工普惠平台: a short brand before a tail may hold a character that is
            # a function word elsewhere (都, 就); only a pronoun or punctuation makes it speech
            branded = bool(tail) and len(core) <= 6
            named = (
                _MOTTO.fullmatch(core)
                or self._first_person_system(core, m.end(), text)
                or (launched and self._motto_campaign(core, tail))
            )
            if not named and self._speechy(ctx, m, core, two_part or multi_part, branded):
                continue
            if re.fullmatch(r"[\d\s·.%]+", core) or self._not_a_name(core, text, m):
                continue
            if any(
                s.end <= m.end(1)
                and (s.end - s.start) >= len(core) - 1
                and not (tail and s.end < m.end(1))  # “某省工会云”APP: a brand of the union
                for s in ctx.spans_in(m.start(1), m.end(1), ("Place", "TradeUnion", "Organization"))
            ):
                continue
            launch = launched
            if launch is None:
                launch = _COUNTED_AFTER.match(text, m.end())
            if launch is None and not tail:
                launch = self._list_tail(text, m.end())  # “甲”“乙”应用: the list's tail
            if (
                launch is None
                and accepted_end is not None
                and re.fullmatch(r"[、，和及与]?", text[accepted_end : m.start()])
            ):
                launch = accepted  # “甲”“乙”“丙”: an item listed right after a programme
            own_tail = core.endswith(NAME_TAILS) and (len(core) <= 16 or long_named)
            lex = self.lexicon_name(core)
            listed = bool(_LISTED_AFTER.match(text, m.end()))
            if (
                launch
                and not (tail or own_tail or lex or listed)
                and (core in self.freq or (len(core) > 8 and not _MOTTO.fullmatch(core)))
            ):
                launch = (
                    None  # “快车道”, “领头羊”: an ordinary word after a verb is a figure of speech
                )
            if (
                own_tail
                and not (tail or lex or launch)
                and len(core) <= 3
                and text[m.start() - 1 : m.start()] == "的"
            ):
                continue  # 比学赶超的“大课堂”: a dictionary word as a metaphor
            if own_tail and not tail and core[0] in _SIZE_WORDS and core[1:] in NAME_TAILS:
                continue  # 让“小驿站”发挥“大作用”: a size word and a family noun is a figure
            if launch and not (tail or own_tail or lex) and self._heading_slogan(ctx, m):
                continue  # 激励创新“汇匠智”。 a heading's slogan
            if single and not tail:
                continue
            symbol = self._symbol_name(ctx, core, m.end())
            # “工会+N”的方式, “工会+”作用: the union and open terms only name its model
            open_formula = formula and all(
                part in _FORMULA_PARTS or re.fullmatch(r"[0-9A-Za-z]?", part)
                for part in re.split("[+＋]", core)
            )
            if not (tail or launch or own_tail or lex or symbol or open_formula):
                continue
            if ("、" in core or "—" in core) and not tail:
                continue
            end = m.end()
            if (
                lex
                and core not in self.lexicon
                and not self._place_prefix(ctx, m.start(1), len(core) - len(lex))
            ):
                lex = None  # “某某职工驿站”: a brand + a lexicon word is a programme of its own
            name = lex or canonical(core)
            if not lex and name != core and not self._stands_alone(ctx, name, m.start(), m.end()):
                name = core  # “某某工作室”, “某某平台”: the tail is part of the only name the text uses
            aliases = {core}
            if tail:
                end = m.end() + len(tail)
                full = core + tail
                aliases.add(full)
                words, kind = (follow.group(1), follow.group(2)) if follow else ("", "")
                place = self._place_head(ctx, m.start(), kind)
                if place is not None and len(words) <= 4:
                    # 某市“某某杯”知识竞赛: an event held in that place, named with it
                    name = ctx.text[place : m.start()] + core + tail
                    aliases.add(name)
                    lex = None
                elif self._qualified_family(core, words, kind):
                    # “两节”送温暖活动: a quoted qualifier and a generic family name one activity
                    name, lex = core + words, None
                    aliases.add(name)
                elif multi_part:
                    name, lex = re.sub("[‘’]", "", core), None
                elif two_part:
                    first, second = re.split("[,，]", core)
                    name = first + kind
                    aliases |= {first, second, first + second + kind}
                    lex = None
                elif "、" in core or "—" in core:
                    # “识、访、议、调、诉”五言工作法 → 五言工作法; “先服务后入会、…”模式 → 先服务后入会模式
                    first = re.split("[、—]", core)[0]
                    # “甲、乙、丙”工作: a list of aims of the work, no name (工作 names nothing)
                    named_kind = len(first) >= 3 and kind != _WORK
                    name = words + kind if words else (first + kind if named_kind else "")
                    if not name:
                        continue
                    lex = None
                elif kind in _TAIL_IN_NAME_KINDS and not words:
                    # “某某”专项行动: the tail is part of the name unless the article also
                    # names the programme without it (a heading: “某某”破解…)
                    name = (
                        canonical(core)
                        if self._stands_alone(ctx, core, m.start(), m.end() + len(tail))
                        else canonical(full)
                    )
                    lex = None
                elif words and kind in _CAMPAIGN_KINDS and len(words) <= 6:
                    # “城市骑士”外卖员关爱温暖计划 → 城市骑士关爱温暖计划; “货车司机入会”引导工程
                    name = core + _AUDIENCE.sub("", words) + kind
                    lex = None
            if symbol is not None:  # “1+N”骑手服务网络: a core of figures names nothing alone
                name, end = symbol, m.end() + len(symbol) - len(core)
                aliases.add(name)
                lex = None
            optional = bool(lex and lex in self.optional)
            campaign = optional and (ctx.article_of(m.start()), core) in campaigns
            if campaign:
                # “送清凉”慰问活动 … 此次“送清凉”活动: the campaign the article is about; a
                # generic family still, so no figure's subject (not strong)
                name, optional = core, False
            accepted, accepted_end = m, end
            ctx.add(
                Span(
                    "Programme",
                    m.start(),
                    end,
                    name,
                    SpanData(
                        aliases=sorted(aliases),
                        quoted=True,
                        optional=optional,
                        strong=bool(tail or own_tail or lex) and not campaign,
                    ),
                )
            )

    @staticmethod
    def _first_person_system(core: str, end: int, text: str) -> bool:
        """A quoted motto in the first person right before a tail naming a system of work
        (“我和某某在一起”工作制度): a name, though 我 elsewhere makes quoted text speech."""
        return (
            core.startswith("我")
            and _SYSTEM_AFTER.match(text, end) is not None
            and not _SPEECH_MARKS.search(core[1:])
        )

    @staticmethod
    def _motto_campaign(core: str, tail: str) -> bool:
        """A quoted motto launched as a campaign (启动“关爱农民工我们在行动”系列活动): a
        pronoun does not make it speech when a campaign's tail follows the quote
        (``[motto_campaign_tails]``); sentence punctuation still does."""
        return tail in _MOTTO_CAMPAIGN_TAILS and not re.search(r"[。！？!?；;：:…]", core)

    def _qualified_family(self, core: str, words: str, kind: str) -> bool:
        """Whether a short quoted qualifier (three characters at most: not a motto such as
        “清凉一夏”, which names the campaign alone), a generic family and an activity tail
        follow one another (“两节”送温暖活动)."""
        family = self.lexicon.get(words)
        return (
            family in self.optional
            and kind in _NAMES["activity_tails"]
            and len(canonical(core)) <= 3
            and self.lexicon_name(core) is None
        )

    def _puns(self, ctx: DocContext) -> None:
        """A name with one quoted character in it (a pun: 爱“某”奉献, “某”送清凉活动),
        taken when a launch verb or a union stands right before it or an activity tail
        (活动, 行动) right after it. The word glued before the quote belongs to the name
        unless it is a verb, a union or a place."""
        text = ctx.text
        for m in _PUN.finditer(text):
            start = m.start()
            glued = [(ws, we) for ws, we in ctx.words_ending_in(start - 3, start) if we == start]
            if glued:
                ws, we = glued[-1]
                w = text[ws:we]
                mw = ctx.model_words_in(ws, we)
                if (
                    re.fullmatch(rf"[{_CJK}]{{1,2}}", w)
                    and not LAUNCH_RE.fullmatch(w)
                    and not ctx.covered(ws, we, ("Place", "TradeUnion", "Organization"))
                    and not (mw and mw[-1].label in _NOT_NAME_TAGS)
                    and w not in _NOT_NAME_WORDS
                ):
                    start = ws
            tail_m = _PUN_TAIL.match(text, m.end())
            end = tail_m.end() if tail_m else m.end()
            before = text[max(0, start - 4) : start]
            launched = bool(_LAUNCH_BEFORE.search(before) or LAUNCH_RE.search(before[-3:]))
            by_union = any(u.end == start for u in ctx.spans_ending_at(start, ("TradeUnion",)))
            if not (launched or by_union or tail_m):
                continue
            if self._blocked(ctx, start, end):
                continue
            surface = text[start:end]
            name = canonical(surface)
            ctx.add(
                Span(
                    "Programme",
                    start,
                    end,
                    name,
                    SpanData(
                        aliases=sorted({surface, text[start : m.end()]}),
                        quoted=True,
                        optional=False,
                        strong=bool(tail_m),
                    ),
                )
            )

    def _events(self, ctx: DocContext) -> None:
        """Unquoted events after a verb of holding: a name joined by 暨 (举办甲仪式暨乙活动:
        the whole name), or a campaign of four characters or more (开展职工大病关爱行动).
        Places, unions and scope words in front are left out."""
        text = ctx.text
        for m in _EVENT.finditer(text):
            stem, kind = m.group(1), m.group(2)
            start = self._event_start(ctx, m)
            stem = text[start : m.start(2)]
            joined = "暨" in stem
            if set(stem) & _EVENT_STOP_CHARS or not (
                joined or kind in KEEP_TAILS and len(stem) >= 4
            ):
                continue  # 开展某某宣传普及活动: an activity with no name of its own
            if self._blocked(ctx, start, m.end()):
                continue
            full = stem + kind
            name = full if joined or kind in KEEP_TAILS else stem
            ctx.add(
                Span(
                    "Programme",
                    start,
                    m.end(),
                    name,
                    SpanData(aliases=sorted({full, name}), strong=True, optional=False, tail=True),
                )
            )

    def _joined_events(self, ctx: DocContext) -> None:
        """The second part of an event's title joined by 暨 when the title is the subject of
        its launch or holding (甲闭幕式暨乙迎新活动启动仪式在…举行): an event named with its
        tail (乙迎新活动), places and scope words in front left out."""
        text = ctx.text
        for m in _JOINED_EVENT.finditer(text):
            start = self._event_start(ctx, m)
            stem = text[start : m.start(2)]
            if len(stem) < 4 or self._clause_goes_on(ctx, start, m.start(2)):
                continue
            if self._blocked(ctx, start, m.end()):
                continue
            name = stem + m.group(2)
            data = SpanData(aliases=[name], strong=True, optional=False, tail=True)
            ctx.add(Span("Programme", start, m.end(), name, data))

    @staticmethod
    def _clause_goes_on(ctx: DocContext, start: int, end: int) -> bool:
        """Whether a character of [name_stop_chars] stands in ``[start, end)`` as a word
        of its own (a clause goes on); inside a longer word of the segmenter (家 in 回家) it
        is part of the name. Without words, any such character."""
        text = ctx.text
        if not ctx.words:
            return bool(set(text[start:end]) & _EVENT_STOP_CHARS)
        return any(
            we - ws == 1 and ws >= start and text[ws] in _EVENT_STOP_CHARS
            for ws, we in ctx.words_ending_in(start, end)
        )

    @staticmethod
    def _after_lead(ctx: DocContext, start: int, tail: int) -> int:
        """Where an unquoted event's name begins once the places, unions and scope words in
        front of it (before ``tail``) are left out."""
        while True:
            lead = [s.end for s in ctx.spans_in(start, start + 1, ("Place", "TradeUnion"))]
            word = next((w for w in _NOT_NAME_WORDS if ctx.text.startswith(w, start)), None)
            if lead and max(lead) < tail:
                start = max(lead)
            elif word:
                start += len(word)
            else:
                return start

    def _event_start(self, ctx: DocContext, m: re.Match) -> int:
        """Where the event name of ``m`` (stem group 1, tail group 2) begins: after the places,
        unions and scope words in front, but at a place the competition is held in
        (2023年某市职工技能大赛 keeps 某市)."""
        start = self._after_lead(ctx, m.start(1), m.start(2))
        place = self._place_head(ctx, start, m.group(2))
        if place is None:
            # 福州工匠培育工程: a place's short form glued to the name is part of it
            place = next(
                (
                    s.start
                    for s in ctx.spans_ending_at(start, ("Place",))
                    if not s.data.full and not s.data.anaphor
                ),
                None,
            )
        return place if place is not None and place >= m.start(1) else start

    def _dated(self, ctx: DocContext) -> None:
        """An activity headed by its year (2024年暑期职工子女爱心托管班, 2023年全市单身职工
        联谊会): the year marks where the name begins, and the name is the activity without
        the year and the places, unions and scope words after it."""
        text = ctx.text
        for m in _DATED.finditer(text):
            start = self._event_start(ctx, m)
            stem = text[start : m.start(2)]
            if len(stem) < 2 or set(stem) & _EVENT_STOP_CHARS:
                continue
            if self._blocked(ctx, start, m.end()) or ctx.covered(start, m.end(), ("Programme",)):
                continue
            name = stem + m.group(2)
            data = SpanData(aliases=sorted({name, m.group(0)}), strong=True, tail=True)
            ctx.add(Span("Programme", start, m.end(), name, data))

    def _subtitled(self, ctx: DocContext) -> None:
        """A quoted title with a subtitle after a dash that ends in a programme or event
        tail (“甲乙 丙丁——某某暨趣味运动会”): one programme, named by the title's motto."""
        for m in _SUBTITLED.finditer(ctx.text):
            motto, sub = m.group(1).strip(), m.group(2).strip()
            if not sub.endswith(_SUBTITLE_TAILS) or len(canonical(motto)) < 4:
                continue
            if self._blocked(ctx, m.start(), m.end()) or ctx.covered(
                m.start(), m.end(), ("Programme",)
            ):
                continue
            aliases = sorted({motto, sub, m.group(0)[1:-1]})
            data = SpanData(aliases=aliases, quoted=True, strong=True, optional=False)
            ctx.add(Span("Programme", m.start(), m.end(), canonical(motto), data))

    def _numbered(self, ctx: DocContext) -> None:
        """A service named by its telephone number (“12351”职工维权热线): the number and
        the words up to the tail, without quotes, are the name."""
        for m in _NUMBERED.finditer(ctx.text):
            if self._blocked(ctx, m.start(), m.end()):
                continue
            words = m.group(2)
            if any(c in _FOLLOW_STOP_CHARS for c in words):
                continue
            name = m.group(1) + words
            if name in self.lexicon:
                continue  # 12351热线: the listed service, found by the lexicon step
            data = SpanData(aliases=sorted({name, m.group(0)}), strong=True, tail=True)
            ctx.add(Span("Programme", m.start(), m.end(), name, data))

    def _figure_codes(self, ctx: DocContext) -> None:
        """A method named by a code of figures (“353”工作机制, then “353”机制): the code
        and the longest tail the article gives it, one programme per code and article."""
        found = [m for m in _FIGURE_CODE.finditer(ctx.text)]
        longest: dict[tuple[int, str], str] = {}
        for m in found:
            key = (ctx.article_of(m.start()), m.group(1))
            if len(m.group(2)) > len(longest.get(key, "")):
                longest[key] = m.group(2)
        for m in found:
            if self._blocked(ctx, m.start(), m.end()):
                continue
            name = m.group(1) + longest[(ctx.article_of(m.start()), m.group(1))]
            aliases = sorted({name, m.group(1), m.group(1) + m.group(2)})
            data = SpanData(aliases=aliases, quoted=True, strong=True, tail=True)
            ctx.add(Span("Programme", m.start(), m.end(), name, data))

    def _formulas(self, ctx: DocContext) -> None:
        """An unquoted formula of figures and letters (8+X, 1+N) with its head noun right
        after it (8+X综合服务集市, 1+N服务体系) is a programme named by the whole run, as the
        quoted formula is (``_symbol_name``)."""
        for m in _BARE_FORMULA.finditer(ctx.text):
            name = self._symbol_name(ctx, m.group(0), m.end())
            if name is None or ctx.covered(m.start(), m.start() + len(name), ("Programme",)):
                continue
            data = SpanData(aliases=[name], strong=True, tail=True)
            ctx.add(Span("Programme", m.start(), m.start() + len(name), name, data))

    @staticmethod
    def _symbol_name(ctx: DocContext, core: str, after: int) -> str | None:
        """The name of a quoted core made only of figures and letters (“1+N”, “3+X”):
        the core and the words right after the quote up to a head noun of
        ``[symbol_core_heads]`` (“1+N”骑手服务网络 → 1+N骑手服务网络), else None. A code of a
        numeral and a few characters (“两癌”筛查 → 两癌筛查) ends at a head of
        ``[code_heads]`` too."""
        code = bool(_CODE_CORE.fullmatch(core))
        if not code and not _SYMBOL_CORE.fullmatch(core):
            return None
        run = re.match(rf"[{_CJK}]{{1,10}}", ctx.text[after : after + 10])
        if run is None:
            return None
        words = run.group(0)
        for i, c in enumerate(words):
            if c in _FOLLOW_STOP_CHARS:
                words = words[:i]
                break
        head = (_CODE_HEAD if code else _SYMBOL_HEAD).search(words)
        return core + words[: head.end()] if head else None

    @staticmethod
    def _stands_alone(ctx: DocContext, core: str, start: int, end: int) -> bool:
        """Whether the article names ``core`` outside ``[start, end)`` (quoted or not) with
        no name character right after it."""
        a_start, a_end = ctx.article_span(start)
        pos = a_start
        while True:
            i = ctx.text.find(core, pos, a_end)
            if i < 0:
                return False
            j = i + len(core)
            if not (start <= i < end) and not re.match(rf"[”」』\"]?[{_CJK}]", ctx.text[j : j + 2]):
                return True
            if not (start <= i < end) and re.match(r"[”」』\"]", ctx.text[j : j + 1]):
                return True
            pos = i + 1

    @staticmethod
    def _place_prefix(ctx: DocContext, start: int, length: int) -> bool:
        """Whether the first ``length`` characters from ``start`` are places (平湖市|职工书屋)."""
        pos = start
        for p in ctx.spans_in(start, start + length, ("Place",)):
            if p.start == pos:
                pos = p.end
        return pos >= start + length

    @staticmethod
    def _speechy(ctx: DocContext, m, core: str, two_part: bool, branded: bool = False) -> bool:
        """Whether a quoted text reads as speech or a slogan: sentence punctuation, a
        pronoun or modal word, or a one-character function word (了, 就, 要 …) standing as
        a word of its own: 就 in 就业 or 要 in 要约 is part of a noun, not speech."""
        checked = re.sub("[,，、]", "", core) if two_part else core.replace("、", "")
        if _SPEECH_MARKS.search(checked):
            return True
        if branded:
            return False
        if not ctx.words:
            return bool(_SPEECH_CHARS.search(checked))
        lo, hi = m.start(1), m.end(1)
        for ws, we in ctx.words_ending_in(lo, hi):
            if ws >= lo and we - ws == 1 and ctx.text[ws] in _SPEECH_CHAR_SET:
                return True
        return False

    def _list_tail(self, text: str, end: int):
        """The tail after a run of quotes that follows this one (“甲”“乙”应用展示, “甲”、“乙”
        平台): it names every item of the run."""
        chain = _QUOTE_RUN.match(text, end)
        if chain is None:
            return None
        follow = _FOLLOW_TAIL.match(text, chain.end())
        if follow is None or len(follow.group(0)) > 12 or not self._good_follow(follow):
            return None
        return follow

    @staticmethod
    def _motto_follow(ctx: DocContext, end: int):
        """The description and campaign tail after a motto of two balanced phrases
        (“甲、乙”一线职工疗休养活动, “甲·乙”文明城市环境建设活动): longer than other quotes
        may take, and a launch verb in it is a noun of the campaign only right before the tail;
        none across a stop character standing as a word (的, 在; not 就 in 就业)."""
        follow = _BALANCED_FOLLOW.match(ctx.text, end)
        if follow is None:
            return None
        lo, hi = follow.span(1)
        if any(c in _FOLLOW_STOP_CHARS for c in follow.group(1)) and (
            not ctx.words
            or any(
                ws >= lo and we - ws == 1 and ctx.text[ws] in _FOLLOW_STOP_CHARS
                for ws, we in ctx.words_ending_in(lo, hi + 1)
            )
        ):
            return None
        words = follow.group(1)
        verb = LAUNCH_RE.search(words)
        if (
            verb is not None
            and LAUNCH_RE.search(words, verb.end()) is None
            and verb.end() == len(words)
        ):
            return follow
        return follow if verb is None else None

    def _good_follow(self, follow) -> bool:
        """A tail after a quote names the thing only when the words between are name-like:
        not “领头羊”企业的工作方法 (的), not “应急处置”五大工作机制 (a count), not a long
        common word."""
        words, kind = follow.group(1), follow.group(2)
        if any(c in _FOLLOW_STOP_CHARS for c in words):
            return False
        if len(words) > 2 and self.freq.get(words, 0) > 3000:
            return False
        if words and words[0] in _NUMERALS:
            return False
        if LAUNCH_RE.search(words):
            # “某某”内同步设立驿站: a clause goes on, the tail names another thing; but
            # “某某”揭牌仪式: a ceremony of launching names the thing quoted
            return kind in _CEREMONY_TAILS and LAUNCH_RE.fullmatch(words) is not None
        return not (kind == _WORK and words)

    def _not_a_name(self, core: str, text: str, m) -> bool:
        """Quoted words that are a post (“党组成员”), a medium (“某某”公众号), a facility or
        body (“某市工人文化宫”), a reduplicated verb (“晒一晒”), or a policy (“某某”战略)."""
        if core in self.titles or core.endswith(_POST_TAILS):
            return True
        if core.endswith(_FACILITY_TAILS) or _REDUPLICATED.search(core):
            return True
        if _POLICY_AFTER.match(text, m.end()):
            return True  # “某某”战略: a policy the union serves
        run = _QUOTES_BEFORE.search(text, max(m.start() - 60, 0), m.start())
        first = run.start() if run else m.start()  # 做好“甲”“乙”工作: the run's first quote
        if _POLICY_BEFORE.search(text, max(first - 5, 0), first):
            # 落实“某某”, 做好“某某”工作: a policy the union serves; but 落实“某某”百日行动,
            # 落实“某某”工作制度: a campaign or a system of work of its own
            follow = _FOLLOW_TAIL.match(text, m.end())
            return follow is None or (
                follow.group(0) == _WORK
                and not re.match(f"[{_CJK}]", text[follow.end() : follow.end() + 1])
            )
        return bool(_MEDIA_AFTER.match(text, m.end()))

    @staticmethod
    def _heading_slogan(ctx: DocContext, m) -> bool:
        """A short sentence that ends with the quote: a heading (激励创新“汇匠智”。)."""
        s_start, s_end = ctx.sentence_of(m.start())
        rest = ctx.text[m.end() : s_end].strip()
        return m.start() - s_start <= 6 and rest in ("", "。", "!", "！")

    def _book_titles(self, ctx: DocContext) -> None:
        """《某区货车司机建会入会攻坚行动实施方案》: a plan document names the programme it
        sets up; the place in front and the document word at the end are dropped."""
        for m in _BOOK_PLAN.finditer(ctx.text):
            start = m.start(1)
            while True:  # the places and unions in front, one after another (an index, not a scan)
                lead = [
                    s
                    for s in ctx.spans_in(start, start + 1, ("Place", "TradeUnion"))
                    if s.end < m.end(1)
                ]
                if not lead:
                    break
                start = max(s.end for s in lead)
            name = ctx.text[start : m.end(1)]
            if len(name) < 5 or self._blocked(ctx, start, m.end(1)):
                continue
            ctx.add(
                Span(
                    "Programme",
                    start,
                    m.end(1),
                    name,
                    SpanData(
                        aliases=[m.group(0)[1:-1]],
                        strong=True,
                        optional=False,
                        book=True,
                    ),
                )
            )

    def _lexicon(self, ctx: DocContext, campaigns: set[tuple[int, str]]) -> None:
        for m in self._lex_re.finditer(ctx.text):
            if self._blocked(ctx, m.start(), m.end()):
                continue
            start, form, name = m.start(), m.group(0), self.lexicon[m.group(0)]
            data = SpanData(lexicon=True, optional=name in self.optional, strong=True)
            if (ctx.article_of(start), form) in campaigns:
                # 送温暖活动 … 这次送温暖活动: reported, but no figure's subject (not strong)
                name, data.optional, data.strong = form, False, False
            lead = self._modifier(ctx, start, form)
            if lead:
                longer = lead + form
                if longer in self.lexicon:  # 货车司机之家: a listed form of the lexicon programme
                    form, name, start = longer, self.lexicon[longer], start - len(lead)
                elif all(
                    w in _MODE_MODIFIERS for w in self._lead_words(ctx, start - len(lead), start)
                ):
                    # 流动电子职工书屋, 共享职工之家: a named variant is its own programme
                    form, name, start = longer, longer, start - len(lead)
                    data = SpanData(
                        optional=False, strong=True, tail=True, variant_of=self.lexicon[m.group(0)]
                    )
            place = self._place_head(ctx, start, form) if not lead else None
            if place is not None:
                # 某县职工技能大赛: a listed kind of event held by a place is its own event
                form = name = ctx.text[place : m.end()]
                start, data = place, SpanData(optional=False, strong=True, tail=True)
            data.aliases = [form]
            ctx.add(Span("Programme", start, m.end(), name, data))

    @staticmethod
    def _lead_words(ctx: DocContext, a: int, b: int) -> list[str]:
        return [ctx.text[ws:we] for ws, we in ctx.words_ending_in(a, b) if ws >= a]

    def _modifier(self, ctx: DocContext, start: int, form: str) -> str:
        """The words right before ``start`` that give the lexicon programme ``form`` its
        form (流动电子 in 流动电子职工书屋, 共享 in 共享职工之家), or make a listed longer
        form of it (货车 in 货车司机之家); '' when there are none."""
        text, lead_start = ctx.text, start
        for ws, we in reversed(ctx.words_ending_in(start - 6, start)):
            if we != lead_start or start - ws > 4:
                break
            if text[ws:we] not in _MODE_MODIFIERS and text[ws:start] + form not in self.lexicon:
                break
            lead_start = ws
        return text[lead_start:start]

    def _tails(self, ctx: DocContext) -> None:
        """Unquoted names before a telling tail (…驿站, …书屋, …竞赛)."""
        text = ctx.text
        for m in _UNQUOTED_TAIL.finditer(text):
            if self._blocked(ctx, m.start(), m.end()) or self._counted_tail(ctx, m.start()):
                continue
            event = m.group(0).endswith(_PLACE_HEADED)
            name_start = self._name_start(ctx, m.start(), event)
            core = text[name_start : m.end()]
            stem = core[: len(core) - len(m.group(0))]
            if _GRADE.fullmatch(stem):
                continue  # 三星级|工作室: a grade of the family, not a name
            place = self._place_head(ctx, name_start, m.group(0))
            if place is not None:
                name_start, core = place, text[place : m.end()]
            elif len(stem) < 2 or (
                len(stem) == 2
                and (self.freq.get(stem, 0) > 1000 or self.tags.get(stem) in _GENERIC_STEM)
            ):
                continue  # 知识竞赛, 省级竞赛, 首届大赛, 单项竞赛: a common word is no name
            lex = self.lexicon_name(core)
            if ctx.covered(name_start, m.end(), ("Programme",)) or _AS_FORM.match(text, m.end()):
                continue  # 理论考试、实作竞赛等形式: a form the work takes, not a name
            site = _SITE_PREFIX.match(core)
            if site and not lex and len(core) - site.end() >= 4:
                # 某某社区安新驿站: the community is where this site of the brand stands
                lex = core[site.end() :]
            name = lex or _EDITION.sub("", core)
            ctx.add(
                Span(
                    "Programme",
                    name_start,
                    m.end(),
                    name,
                    SpanData(
                        aliases=sorted({core, name}),
                        optional=bool(lex and lex in self.optional),
                        strong=True,
                        tail=True,
                    ),
                )
            )

    @staticmethod
    def _counted_tail(ctx: DocContext, start: int) -> bool:
        """Whether a numeral standing as a word of its own comes right before the tail: the
        tail is counted, not named (某某、某某三大赛道: 三|大赛)."""
        return bool(start and ctx.text[start - 1] in _NUMERALS) and any(
            ws == start - 1 for ws, _ in ctx.words_ending_in(start - 1, start)
        )

    @staticmethod
    def _place_head(ctx: DocContext, name_start: int, tail: str) -> int | None:
        """Where the place heading an event name starts (某市|职工职业技能大赛): a place
        span ending right at ``name_start`` when the tail is an event's; else None."""
        if not tail.endswith(_PLACE_HEADED):
            return None
        for s in ctx.spans_ending_at(name_start, ("Place",)):
            if s.end == name_start:
                return s.start
        return None

    def _name_start(self, ctx: DocContext, start: int, event: bool = False) -> int:
        """Where an unquoted name that ends in a tail at ``start`` begins: extended left
        over the segmenter's words while they look like parts of a name."""
        name_start = start
        # an event's tail that begins inside a word (职业|技能竞赛 cut 职业技能|竞赛): the
        # word's head too, when name words stand before it (某行业职业技能竞赛, not 职业技能竞赛)
        inside = [(ws, we) for ws, we in ctx.words_ending_in(start + 1, start + 6) if ws < start]
        if event and inside and self.name_word(ctx, *inside[0]):
            name_start = inside[0][0]
        head = name_start
        for ws, we in reversed(ctx.words_ending_in(start - 14, name_start)):
            if we != name_start or not self.name_word(ctx, ws, we):
                break
            name_start = ws
            if start - name_start >= 10:
                break
        return start if name_start == head < start else name_start

    @staticmethod
    def name_word(ctx: DocContext, ws: int, we: int) -> bool:
        """Whether the segmenter's word at ``[ws, we)`` can stand in an unquoted name."""
        w = ctx.text[ws:we]
        if (
            not re.fullmatch(rf"[{_CJK}]+", w)
            or any(c in _NAME_STOP_CHARS for c in w)
            or LAUNCH_RE.fullmatch(w)
            or w in _NOT_NAME_WORDS
            or w in _VISIT_WORDS  # 领导现场观摩|技能竞赛: a visitor's verb ends no name
        ):
            return False
        if ctx.covered(ws, we, ("Place", "TradeUnion", "Organization")):
            return False
        mw = ctx.model_words_in(ws, we)
        # the model reads a verb, adverb or pronoun there: 详细询问|驿站, 幸亏有|驿站
        if mw and mw[-1].label in _NOT_NAME_TAGS:
            return False
        # nor a count (发|百万张|职工服务卡)
        return not any(is_count(ctx.text, x) for x in mw)
