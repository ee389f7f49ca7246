"""Trade unions and other organisations.

Unions (``TradeUnion``), by naming pattern:
- the national federation: 中华全国总工会, 全国总工会, 全总;
- place unions: a run of place names + 总工会/工会 (浙江金华义乌市总工会 → 义乌市总工会:
  the lowest place plus 总工会); the short form place + 总 (益阳市总);
- anaphora: 市总工会, 该市总工会, 区总, 省总 … → the union of that level the article is
  about (the last one named before, else the last place of that level, else the first after);
- industry federations: … 行业工会联合会 / 联合工会, with 市/区 resolved the same way;
- enterprise unions: a company or unit name (…公司, …集团, …处, …厂) + 工会;
- union bodies: a union + 女职工委员会;
- the national industrial unions (中国金融工会, 全国铁路总工会 …) and their local committees;
- zone unions by the zone's short form (经开区总工会, 高新区(某区)总工会).
Organisations (``Organization``): newspapers before 记者/通讯员, government bodies
(…部, …厅, …局, 政协, 人大常委会, 市委 …), companies, foundations and associations.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import replace

from . import resolve
from .articles import NEWS_OUTLETS
from .context import DocContext, Span, SpanData
from .gazetteer import Division, Gazetteer, load_gazetteer
from .resources import alternation, load_lines, load_sections
from .segment import Freq, Tags

_CJK = r"\u4e00-\u9fff"
NATIONAL = "中华全国总工会"
_NATIONAL_RE = re.compile(r"中华全国总工会|全国总工会|全总(?![结体数额])")
_UNION_TAIL = re.compile(r"总工会|工会")
# 总 short for 总工会 (市总, 区总), unless a character follows that makes it another word
# (总书记, 总经理, 总体: [short_total_not_before]): one list for both patterns below
_TOTAL = rf"总(?![{load_sections('organizations.txt')['short_total_not_before'][0]}])"
_SHORT_TOTAL = re.compile(_TOTAL)
_ANAPHOR = re.compile(
    r"(?P<pre>该|本|全)?(?P<lvl>自治区|省|市|州|区|县|镇|街道)(?P<tail>总工会|" + _TOTAL + ")"
)
_FEDERATION = re.compile(
    # a short part in brackets may end the body (某区农民工(散工)联合工会)
    rf"(?P<body>(?:[{_CJK}]|[(（][{_CJK}]{{1,5}}[)）]){{2,14}}?)"
    r"(?P<tail>行业工会联合会|行业联合工会|工会联合会|联合工会)"
)
_WOMEN = "女职工委员会"
_LOCATIVE = frozenset(load_sections("model_tags.txt")["company_locative_jieba"])
# numerals (and the measure word 个) that make a bare level union a count of unions
_COUNT_NUMERALS = frozenset("一二两三四五六七八九十百几多个")
# the characters after which a name opens a clause: sentence and clause marks, line breaks
_CLAUSE_OPENERS = frozenset("。！？；，：\n 　”」）)")
# a town's or street's union is often named 工会联合会 or 工会委员会, not 总工会: that is its
# name (某街道工会联合会); the levels of the places that name such unions
_WRITTEN_TOWN_UNION = re.compile(r"联合会|委员会")
_TOWN_LEVELS = ("town", "street")
# a level named by a demonstrative (该县, 本市): the article's place of that level
_DEMONSTRATIVE_LEVEL = re.compile(r"[该本][省市区县]")
# a short part in brackets after a place: the district that shares a zone's offices
# (某经济技术开发区(某某区)总工会)
_BRACKETED = r"[(（][^()（）\n]{1,8}[)）]"
# a local committee of a national industrial union after its place (…邮政委员会)
_COMMITTEE = re.compile(rf"[{_CJK}]{{0,6}}?委员会")
_ORGS = load_sections("organizations.txt")
_TAGS = load_sections("model_tags.txt")
_ORG_SUFFIX = _ORGS["enterprise_suffixes"]
# a company's or a bank branch's name by its tail ([company_regex_tails])
_COMPANY_RE = re.compile(
    rf"[{_CJK}()（）]{{2,30}}?(?:{alternation(_ORGS['company_regex_tails'])}"
    # 集团, unless the name goes on to a company of the group (某集团某地股份有限公司)
    rf"|集团(?:有限公司)?(?![{_CJK}]{{1,8}}?公司))"
)
_GOV_RE = re.compile(
    rf"(?:[{_CJK}]{{2,8}}?)?(?:{alternation(_ORGS['departments'])})(?:部|厅|局|委|委员会)"
)
# what a government body's name with no place in it may start with ([government_starts])
_GOVERNMENT_STARTS = tuple(_ORGS["government_starts"])
_PAIR = _ORGS["leadership_pair"][0].split()
_PAIR_COMMITTEE, _PAIR_GOVERNMENTS = _PAIR[0], tuple(_PAIR[1:])
# department tails only a province's government uses (厅): a bare one is the article's
_PROVINCIAL_TAILS = tuple(_ORGS["provincial_tails"])
_OTHER_ORG_RE = re.compile(rf"[{_CJK}]{{2,14}}?(?:{alternation(_ORGS['other_body_tails'])})")
# a paper's or a magazine's title in book-title marks ([newspaper_title_tails])
_NEWSPAPER_RE = re.compile(
    rf"《(?P<name>[^《》\n]{{2,12}}?(?:{alternation(_ORGS['newspaper_title_tails'])}))》"
)
# the tails taken off a company's name to see whether a name is left ([company_generic_tails])
_COMPANY_GENERIC = re.compile(rf"(?:{alternation(_ORGS['company_generic_tails'])})$")
# what a found body's name and an enterprise union's unit may not start with
_ORG_NOT_START = tuple(_ORGS["organization_not_start"])
_ENTERPRISE_NOT_START = tuple(_ORGS["enterprise_union_not_start"])
# a federation's body that names no federation (本行业, 该系统: [federation_generic_words])
_GENERIC_FEDERATION = re.compile(
    rf"(?:{alternation(_ORGS['federation_demonstratives'])})?"
    rf"(?:{alternation(_ORGS['federation_generic_words'])})?"
)
# what ends a name's run on the left: punctuation, and the bullets of a list of items
# (△某县某公司工人…)
_LEFT_STOP = set("，。、；：！？“”‘’「」『』《》()（）【】[] \t\n,.;:!?\"'·—…■▲●◆□◎★☆◇△○•")
# leading words that are not part of a name (verbs, prepositions, pronouns …)
_LEAD_WORDS = _ORGS["lead_words"]
_CUT = re.compile("(?:" + alternation(_ORGS["cut_words"]) + ")")
_KEEP_COMPOUNDS = _ORGS["keep_compounds"]
# 某市行政审批和便民服务局: a 和 inside a department's name (see [joined_department_tails])
_JOINED_TAILS = _ORGS["joined_department_tails"]
_JOINED = re.compile(
    rf"(?<=[{_CJK}]{{2}})和(?![省市区县])(?P<after>[{_CJK}]{{2,8}}?)"
    rf"(?:{alternation(_JOINED_TAILS)})$"
)
_NAME_ENDS = tuple(_ORG_SUFFIX) + tuple(_JOINED_TAILS) + _ORGS["joined_name_ends_more"]
_ROLE_PREFIX_TAILS = tuple(_ORGS["role_prefix_tails"])
# a union's branch after its name: 分会, 小组, or 委员会 + a place + 分会 ([union_branch_tails])
_BRANCH = re.compile(
    rf"(?:委员会(?P<where>[{_CJK}]{{2,6}}?))?(?P<tail>{alternation(_ORGS['union_branch_tails'])})"
    rf"(?![{_CJK}]{{0,1}}(?:主席|委员|会员))"
)
# the sections of organizations.txt that list name tails by kind
_TAIL_KINDS = ("government", "company", "media", "association", "public", "team")


def cut_left(name: str, keep: int = 0) -> str:
    """Cut a name scanned leftwards after its last verb or function word
    (读书活动启动仪式在铁岭港华燃气有限公司 → 铁岭港华燃气有限公司), keeping at least
    ``keep`` characters."""
    masked = name
    for c in _KEEP_COMPOUNDS:
        masked = masked.replace(c, "#" * len(c))
    m = _JOINED.search(masked)
    if m and "和" not in m.group("after") and not masked[: m.start()].endswith(_NAME_ENDS):
        masked = masked[: m.start()] + "#" + masked[m.start() + 1 :]
    cut = 0
    for m in _CUT.finditer(masked):
        if m.group() == "和" and name[: m.start()] in load_gazetteer().short:
            # 四川和邦投资集团: 和 right after the short place name a company's opens with
            # is in the name (宁波市和某集团 is a city and a company)
            continue
        if len(name) - m.end() >= keep:
            cut = m.end()
    return name[cut:]


def trim_lead(name: str) -> str:
    """Drop leading function words from a name scanned leftwards (成为嘉兴市… → 嘉兴市…)."""
    name = cut_left(name)
    changed = True
    while changed and name:
        changed = False
        for w in sorted(_LEAD_WORDS, key=len, reverse=True):
            if name.startswith(w) and len(name) - len(w) >= 4:
                name = name[len(w) :]
                changed = True
                break
    return name


_CHANNELS = alternation(_ORGS["media_channels"], longest_first=True)
# what may stand between a paper and its reporter: a channel (工人日报客户端记者), or a second
# outlet joined by a dash or a slash (工人日报-中工网记者, 某某日报/某某新闻记者)
_DASHES = "-－—–/／"
# a channel named after a middle dot (某某日报·某某云记者): the reporter is the paper's
_DOTS = "·・"
# what a news site's name ends in ([site_tails]: 网, 新闻)
_SITE_TAILS = alternation(_ORGS["site_tails"])
_AFTER_PAPER = re.compile(
    rf"(?:{_CHANNELS}|[{_DASHES}]+(?:{NEWS_OUTLETS}|[{_CJK}]{{1,6}}?(?:{_SITE_TAILS}))"
    rf"|[{_DOTS}][{_CJK}]{{2,5}})$"
)
# a paper's group named by its media tail (某某日报报业集团), whatever rule found it
_MEDIA_TAILS = tuple(_ORGS["media"])
_REPORTER_RANKS = alternation(load_sections("people.txt")["reporter_ranks"], longest_first=True)
# a news site or service opening a line or a bracket, right before its reporter's title
# (某某新闻高级记者 某某, (某某网记者 某某))
_OUTLET_BEFORE_REPORTER = re.compile(
    rf"(?m)(?:^|(?<=[(（]))[ \u3000]*"
    rf"(?P<name>(?!{alternation(_ORGS['own_outlet_words'])})[{_CJK}]{{2,8}}?(?:{_SITE_TAILS}))"
    rf"(?=(?:{_REPORTER_RANKS})?记者)"
)
# a dateline after the paper that opens a line, up to the bracket of its byline and the
# words before the first reporter's title in it (西藏日报拉萨5月2日讯(记者 …, 某某网讯(新某某·
# 某某网通讯员 …); a later title in the bracket (记者 甲 通讯员 乙) is not next to the paper
# names before the first title in the bracket (某某网讯(甲 乙 记者丙): correspondents'
# names with no title; the reporter is still next to the paper
_BYLINE_ROLES = _REPORTER_RANKS + "|" + alternation(_ORGS["byline_role_words"])
_DATELINE_WINDOW = 80
"""How far before a byline's title (characters) the line of its dateline may start."""
_DATELINE_TO_BYLINE = re.compile(
    rf"[{_CJK}]{{0,6}}?(?:\d{{1,2}}月\d{{1,2}}日)?(?:电|讯)(?:[ \u3000]*[(（][ \u3000]*"
    rf"(?:[^()（）\s]{{0,14}}|(?:(?!{_BYLINE_ROLES})[{_CJK}]{{2,4}}[ \u3000]+){{1,4}})"
    # or no bracket: a reporter's title right after (某某日报讯 记者某某报道)
    rf"|[ \u3000]*(?:(?={_BYLINE_ROLES})|\Z))"
)
# the function words that end a name's run on the left, or that the model glues to its
# end (…总工会为|州政务服务中心, 某某律师事务所|在)
_FUNCTION_WORDS = _ORGS["name_function_chars"][0]
_FUNCTION_END = frozenset(_FUNCTION_WORDS)
# a company's unit named right after it: name characters (no function word) and 公司
_SUB_COMPANY = re.compile(
    rf"(?:(?![{_FUNCTION_WORDS}])[{_CJK}]){{1,10}}?公司(?![{_CJK}]{{0,10}}公司)"
)
_BRANCH_COMPANY = tuple(_ORGS["branch_company_tails"])
_NATIONAL_BODIES = re.compile(alternation(_ORGS["national_bodies"]))
_MODEL_UNION_TAILS = tuple(_ORGS["model_union_tails"])
_LAST_FUNCTION = re.compile(rf"[{_FUNCTION_WORDS}](?=[^{_FUNCTION_WORDS}]*$)")


def scan_left(text: str, end: int, limit: int = 30) -> int:
    """Start of the run of name characters that ends at ``end`` (a short bracketed part such
    as 铁法煤业(集团) belongs to the name; digits and punctuation end it)."""
    i = end
    while i > 0 and end - i < limit:
        ch = text[i - 1]
        if ch in ")）":
            j = max(text.rfind("(", max(0, i - 7), i), text.rfind("（", max(0, i - 7), i))
            if j >= 0 and re.fullmatch(rf"[{_CJK}]{{1,5}}", text[j + 1 : i - 1]):
                i = j
                continue
        if ch in _LEFT_STOP or ch.isdigit() or ch.isascii():
            break
        if unicodedata.category(ch)[0] in "PS":
            break  # other punctuation and symbols: a list's bullet (△某厂工会) is no part
        if ch in "年月日号" and i > 1 and text[i - 2].isdigit():
            break  # 2023年|某市某中心工会: a date ends the name
        i -= 1
    return i


# the parts of speech of a word that starts no name (积极|引导|某协会联合工会, 授予|某集团):
# the NER model's labels, jieba's tags in fast mode, and jieba's tags of a one-character
# word (她|某集团); see model_tags.txt
_MODEL_LEAD = frozenset(_TAGS["org_lead_model"])
_JIEBA_LEAD = frozenset(_TAGS["org_lead_jieba"])
_JIEBA_LEAD_CHAR = frozenset(_TAGS["org_lead_jieba_char"])
# jieba's tags of a word after which a bare level character opens a union's name (提着|县总工会)
_VERB_BEFORE = frozenset(_TAGS["org_level_after_jieba"])
# 我市, 本县 …: the article's place of a level (data/places.txt [place_anaphors])
_PLACE_ANAPHORS = dict(line.split() for line in load_sections("places.txt")["place_anaphors"])
_PLACE_ANAPHOR = re.compile(alternation(_PLACE_ANAPHORS, longest_first=True))
# characters after which a level union (市总工会) opens a name (data/organizations.txt)
_ANAPHOR_AFTER = "".join(_ORGS["anaphor_after_chars"])


def lead_start(ctx: DocContext, tags: Tags, start: int, end: int, keep: int = 2) -> int:
    """The start of a name ``[start, end)`` scanned leftwards, past the leading words that
    start no name (by their part of speech: the NER model's, else jieba's), keeping at
    least ``keep`` characters. A place stops the scan."""
    while end - start > keep and not ctx.spans_in(start, start + 1, ("Place",)):
        if ctx.model_words:
            w = ctx.model_word_at(start)
            nxt = w.end if w is not None and w.label in _MODEL_LEAD else None
        else:
            ws = ctx.words_ending_in(start, end)
            first = ws[0] if ws else None
            nxt = (
                first[1]
                if first
                and first[0] == start
                and tags.get(ctx.text[start : first[1]])
                in (_JIEBA_LEAD if first[1] - start > 1 else _JIEBA_LEAD_CHAR)
                else None
            )
        if nxt is None or end - nxt < keep:
            break
        start = nxt
    return start


def model_org_start(ctx: DocContext, start: int, end: int) -> int:
    """The start of a name ``[start, end)`` scanned leftwards where the NER model reads its
    end as one organisation's name and a verb of its stands before that (调研组|调研/v|某某
    集团有限公司/ORG): the organisation's name starts where the model's word does."""
    w = next((w for w in ctx.model_words_in(end - 1, end) if w.end == end), None)
    if w is None or w.label != "ORG" or w.start <= start:
        return start
    if any(x.label in ("v", "vd") for x in ctx.model_words_in(start, w.start)):
        return w.start
    return start


def paper_before(ctx: DocContext, pos: int) -> str | None:
    """The newspaper named right before ``pos`` (a reporter's title), past a channel or a
    second outlet joined by a dash (工人日报客户端记者, 工人日报-中工网记者)."""
    for _ in range(3):
        papers = [
            o
            for o in ctx.spans_ending_at(pos, ("Organization",))
            if o.data.kind in ("media", "newspaper") or o.key.endswith(_MEDIA_TAILS)
        ]
        m = _AFTER_PAPER.search(ctx.text, max(0, pos - 12), pos)
        if papers and not (m and m.group(0)[0] in _DASHES):
            return papers[0].key
        if m is None:
            return None
        pos = m.start()
    return None


def dateline_paper(ctx: DocContext, pos: int) -> str | None:
    """The paper or agency whose dateline opens the line of a bracketed byline, the
    reporter's title at ``pos`` (中新网西宁4月3日电 (记者 某某))."""
    # the dateline and bracket fit in a short window: look no further back for the line's
    # start (a page without line breaks would make that a scan of the whole text)
    lo = max(0, pos - _DATELINE_WINDOW)
    line = ctx.text.rfind("\n", lo, pos) + 1
    if line == 0 and lo > 0:
        return None  # the line starts before the window: nothing in it opens the line
    for o in ctx.spans_in(line, pos, ("Organization",)):
        if (
            o.data.kind in ("media", "newspaper")
            and not ctx.text[line : o.start].strip()
            and _DATELINE_TO_BYLINE.fullmatch(ctx.text, o.end, pos)
        ):
            return o.key
    return None


_GOVERNMENT, _OFFICIAL_GOVERNMENT = "政府", "人民政府"


def _official_government(ctx: DocContext, name: str) -> str:
    """A government named short (某市政府) takes its official name (某市人民政府) when the
    article writes that too: one body, not two."""
    if not name.endswith(_GOVERNMENT) or name.endswith(_OFFICIAL_GOVERNMENT):
        return name
    official = name[: -len(_GOVERNMENT)] + _OFFICIAL_GOVERNMENT
    heads = ctx.memo.get("official_governments")
    if heads is None:  # what the text writes before each 人民政府, up to 12 characters
        text, n = ctx.text, len(_OFFICIAL_GOVERNMENT)
        heads = ctx.memo["official_governments"] = {
            text[max(0, i - k) : i + n]
            for i in (m.start() for m in re.finditer(_OFFICIAL_GOVERNMENT, text))
            for k in range(1, 13)
        }
    return official if official in heads else name


def _paired_government(text: str, start: int, name: str) -> bool:
    """True when ``name`` at ``start`` is a government named right after the party
    committee of its level (省委省政府, 市委、市政府: [leadership_pair])."""
    if not name.endswith(_PAIR_GOVERNMENTS):
        return False
    return text[max(0, start - 2) : start].rstrip("、").endswith(_PAIR_COMMITTEE)


def _add_paper(ctx: DocContext, start: int, end: int) -> None:
    """A newspaper, agency or news site named by the text ``[start, end)``."""
    ctx.add(Span("Organization", start, end, ctx.text[start:end], SpanData(kind="newspaper")))


def _add_anaphor(ctx: DocContext, start: int, end: int, place: str, level: str) -> None:
    """A union named by its level or kind alone (市总工会, 经开区总工会): ``place``'s union."""
    ctx.add(
        Span(
            "TradeUnion",
            start,
            end,
            place + "总工会",
            SpanData(level=level, place=place, anaphor=True),
        )
    )


class OrgFinder:
    """Finds unions and other organisations; needs the places already found."""

    def __init__(
        self,
        word_freq: Freq | None = None,
        gazetteer: Gazetteer | None = None,
        word_tags: Tags | None = None,
    ):
        self.freq = word_freq or {}
        self.tags = word_tags or {}
        self.gaz = gazetteer or load_gazetteer()
        sections = _ORGS
        self.tails = sorted(
            ((t, kind) for kind, ts in sections.items() if kind in _TAIL_KINDS for t in ts),
            key=lambda x: -len(x[0]),
        )
        self.not_name_start = tuple(sections["not_name_start"])
        self.national_prefix = tuple(sections["national_prefix"])
        self.union_generic = frozenset(sections["union_generic_words"])
        self.named_units = frozenset(sections["named_unit_words"])
        self.attribute_nouns = tuple(sections["union_attribute_nouns"])
        self.platform_after = tuple(sections["union_platform_after"])
        # what may follow a union's own name: its committees and the titles held in it
        self.union_words_after = frozenset(load_lines("titles.txt")) | {"委员会"}
        self._description = re.compile(alternation(sections["description_words"]))
        self.zone_forms = {
            line.split()[0]: tuple(line.split()[1:]) for line in sections["zone_short_forms"]
        }
        self._zone_union = re.compile(
            rf"(?P<kind>{alternation(self.zone_forms)})(?:{_BRACKETED})?(?:总工会|工会)"
        )
        self.industry_unions = {
            form: line.split()[0]
            for line in sections["national_industry_unions"]
            for form in line.split()
        }
        self._industry_re = re.compile(alternation(self.industry_unions, longest_first=True))
        media = alternation(sections["media"], longest_first=True)
        self._place_paper = re.compile(
            rf"(?:(?<![《{_CJK}])|(?<=[据从在与和及]))"
            rf"(?P<name>(?P<place>[{_CJK}]{{2,6}}?)(?:{media}))"
            rf"(?={alternation(sections['paper_report_words'])}|[（(])"
        )
        # a paper, agency or news site opening a dateline with a bracketed byline after it
        # (中新网西宁4月3日电 (记者 …), 某某网讯(通讯员 …)
        self._dateline_paper = re.compile(
            rf"(?m)^[ \u3000]*(?P<name>{NEWS_OUTLETS}|(?!本报|本刊)[{_CJK}]{{2,10}}?(?:{media}|网))"
            rf"(?={_DATELINE_TO_BYLINE.pattern})"
        )
        # the paper a web page's source line names (来源：某某日报 记者 某某): [source_labels]
        self._source_paper = re.compile(
            rf"(?:{alternation(sections['source_labels'], longest_first=True)})[:：][ \u3000]*"
            rf"(?P<name>(?!本报|本刊)[{_CJK}]{{2,10}}?(?:{media}))(?![{_CJK}](?<!记))"
        )
        attached = alternation(sections["attached"], longest_first=True)
        self._attached = re.compile(rf"(?:{attached})(?!员)")
        self._level_attached = re.compile(
            rf"(?<![{_CJK}])(?P<lvl>省|市|区|县|镇|州)(?P<tail>{attached})(?!员)"
        )

    def __call__(self, ctx: DocContext) -> None:
        self._national(ctx)
        self._industry_unions(ctx)
        self._place_unions(ctx)
        self._federations(ctx)
        self._enterprise_unions(ctx)
        self._sector_unions(ctx)
        self._anaphora(ctx)
        self._zone_unions(ctx)
        self._model_unions(ctx)
        self._listed_place_unions(ctx)
        self._women(ctx)
        self._organizations(ctx)
        self._attached_bodies(ctx)
        self._model_orgs(ctx)
        self._place_anaphora(ctx)

    def _place_anaphora(self, ctx: DocContext) -> None:
        """我市, 本县 …: the place of that level the article is about (data/places.txt
        [place_anaphors]), outside a union's or a body's name, when the article names it.
        A mention of that place, not a name of it (no alias)."""
        first: dict[str, Span] = {}  # the places' first spans, once (adding one below
        for s in ctx.of_type("Place"):  # would make ctx.first_span index them all again)
            first.setdefault(s.key, s)
        found = []  # all resolved before any is added: the places they point to are the
        for m in _PLACE_ANAPHOR.finditer(ctx.text):  # ones the article names
            if ctx.covered(m.start(), m.end(), ("TradeUnion", "Organization", "Place")):
                continue
            key = self._level_place(ctx, m.start(), _PLACE_ANAPHORS[m.group()])
            place = first.get(key) if key else None
            if place is not None:
                data = replace(place.data, anaphor=True, full=False, surface=m.group())
                found.append(Span("Place", m.start(), m.end(), place.key, data))
        for span in found:
            ctx.add(span)

    def _listed_place_unions(self, ctx: DocContext) -> None:
        """Places listed before a union that names the last of them share its tail
        (甲、乙、丙市总工会: three cities' unions): each place of the list, of the same level
        and joined by 、, has that union of its own."""
        text = ctx.text
        for u in ctx.of_type("TradeUnion"):
            places = [p for p in ctx.spans_in(u.start, u.start + 1, ("Place",)) if p.key]
            if not places or not u.data.place or not u.key.startswith(places[0].key):
                continue
            last, tail = places[0], u.key[len(places[0].key) :]
            pos = u.start
            while pos > 1 and text[pos - 1] == "、":
                before = ctx.spans_ending_at(pos - 1, ("Place",))
                if not before or before[0].data.level != last.data.level:
                    break
                p = before[0]
                if not ctx.covered(p.start, p.end, ("TradeUnion", "Organization")):
                    data = SpanData(level=u.data.level, place=p.key, place_span=p)
                    ctx.add(Span("TradeUnion", p.start, p.end, p.key + tail, data))
                pos = p.start

    def _name_places(self, ctx: DocContext, start: int, end: int) -> list[Span]:
        """The places of the body name ``[start, end)``, less the short forms that are part of
        its brand. Only the leading run of places names where the body is (浙江平湖, 嘉兴平湖:
        each place inside the one before it); a division's short form after that run, unrelated
        to the run's last place, is a word of the brand (平湖/嘉禾/光电科技有限公司: not 嘉禾县).
        Full names (嘉禾县) and towns stay. Drops those short forms from ``ctx``."""
        places = [s for s in ctx.spans_in(start, end, ("Place",)) if s.end <= end]
        if not places or places[0].start != start:
            return places
        pos, code, kept = start, None, []
        for i, p in enumerate(places):
            pcode = p.data.adcode or p.data.parent
            if p.start == pos and (
                i == 0 or not code or not pcode or self.gaz.is_ancestor(code, pcode)
            ):
                kept.append(p)
                pos, code = p.end, pcode or code
                continue
            # the leading run has ended: a division's short form is the brand's, not a place
            if p.data.adcode and not (p.data.full and len(p.data.surface or p.key) > 2):
                resolve.brand_short_form(ctx, p)
            else:
                kept.append(p)
            pos = -1
        return kept

    # -- unions ------------------------------------------------------------------
    def _national(self, ctx):
        for m in _NATIONAL_RE.finditer(ctx.text):
            if not ctx.covered(m.start(), m.end(), ("TradeUnion",)):
                ctx.add(
                    Span(
                        "TradeUnion",
                        m.start(),
                        m.end(),
                        NATIONAL,
                        SpanData(level="national", place=None),
                    )
                )

    def _industry_unions(self, ctx: DocContext) -> None:
        """The national industrial unions by their names and short forms (中国金融工会,
        全国铁路总工会 → 中华全国铁路总工会), and a local committee of one: the union, a
        place and up to six characters before 委员会 (中国邮电工会某市邮政委员会)."""
        text = ctx.text
        for m in self._industry_re.finditer(text):
            if ctx.covered(m.start(), m.end(), ("TradeUnion",)):
                continue
            name, end, place = self.industry_unions[m.group(0)], m.end(), None
            places = ctx.spans_in(end, end + 1, ("Place",))
            if places:
                c = _COMMITTEE.match(text, max(p.end for p in places))
                if c:
                    p = max(places, key=lambda p: p.end)
                    name, end, place = text[m.start() : c.end()], c.end(), p.key
            ctx.add(
                Span(
                    "TradeUnion",
                    m.start(),
                    end,
                    name,
                    SpanData(level="national" if place is None else "body", place=place),
                )
            )

    def _zone_unions(self, ctx: DocContext) -> None:
        """A zone's union named by the zone's short form (经开区总工会, 高新区(某区)总工会):
        the zone of that kind the article names most (its place)."""
        for m in self._zone_union.finditer(ctx.text):
            if ctx.covered(m.start(), m.end(), ("TradeUnion", "Place")):
                continue
            ends = self.zone_forms[m.group("kind")]
            a_start, a_end = ctx.article_span(m.start())
            zones = [s for s in ctx.spans_in(a_start, a_end, ("Place",)) if s.key.endswith(ends)]
            if not zones:
                continue
            counts = Counter(z.key for z in zones)
            place = max(counts, key=lambda k: (counts[k], k))
            _add_anaphor(ctx, m.start(), m.end(), place, "zone")

    def _place_chain_before(self, ctx: DocContext, pos: int) -> list[Span]:
        """The places that end exactly at ``pos`` and those chained right before them."""
        chain: list[Span] = []
        while True:
            ending = ctx.spans_ending_at(pos, ("Place",))
            if not ending:
                break
            s = ending[-1]
            chain.insert(0, s)
            pos = s.start
        return chain

    @staticmethod
    def _written_town_unions(ctx: DocContext) -> dict[str, str]:
        """The towns and streets whose union the article names by its own name, not
        总工会 (某街道工会联合会, 某镇工会委员会): the place's key → that name."""
        out: dict[str, str] = {}
        for p in ctx.of_type("Place"):
            if p.data.level in _TOWN_LEVELS and ctx.text.startswith("工会", p.end):
                w = _WRITTEN_TOWN_UNION.match(ctx.text, p.end + 2)
                if w:
                    out.setdefault(p.key, p.key + "工会" + w.group(0))
        return out

    def _place_unions(self, ctx):
        text = ctx.text
        written = self._written_town_unions(ctx)
        for m in _UNION_TAIL.finditer(text):
            if ctx.covered(m.start(), m.end(), ("TradeUnion",)):
                continue
            chain = self._place_chain_before(ctx, m.start())
            if not chain and text[m.start() - 1 : m.start()] in "省市区县镇":
                # 某某市市总工会: the place's level written again before 总工会
                chain = self._place_chain_before(ctx, m.start() - 1)
                if chain and not chain[-1].key.endswith(text[m.start() - 1]):
                    chain = []
            if not chain:
                # 某经济技术开发区(某区)总工会: the place before the bracketed district
                b = re.search(_BRACKETED + "$", text[max(0, m.start() - 10) : m.start()])
                if b and ctx.spans_in(m.start() - len(b.group(0)), m.start(), ("Place",)):
                    chain = self._place_chain_before(ctx, m.start() - len(b.group(0)))
            if not chain:
                continue
            low = chain[-1]
            name, end = low.key + "总工会", m.end()
            if m.group(0) == "工会" and low.key in written:
                # 某街道工会联合会 (also where the article shortens it to 某街道工会)
                name = written[low.key]
                w = _WRITTEN_TOWN_UNION.match(text, m.end())
                end = w.end() if w and name.endswith(w.group(0)) else end
            ctx.add(
                Span(
                    "TradeUnion",
                    chain[0].start,
                    end,
                    name,
                    SpanData(level=low.data.level, place=low.key, place_span=low),
                )
            )
        # short forms: 益阳市总, 李沧区总
        for s in [s for s in ctx.spans if s.type == "Place"]:
            if (
                text.startswith("总", s.end)
                and _SHORT_TOTAL.match(text, s.end)
                and s.key[-1] in "市区县镇省" + "道"
            ):
                if ctx.covered(s.end, s.end + 1, ("TradeUnion",)):
                    continue
                chain = self._place_chain_before(ctx, s.end)
                ctx.add(
                    Span(
                        "TradeUnion",
                        chain[0].start,
                        s.end + 1,
                        s.key + "总工会",
                        SpanData(level=s.data.level, place=s.key, place_span=s),
                    )
                )

    def _federations(self, ctx):
        text = ctx.text
        for m in _FEDERATION.finditer(text):
            if ctx.covered(m.start("tail"), m.end(), ("TradeUnion",)):
                continue
            start = scan_left(text, m.start("tail"), 16)
            body = trim_lead(text[start : m.start("tail")])
            start = m.start("tail") - len(body)
            if body.startswith(self.not_name_start):
                continue  # 这家联合工会: a union named before
            start = lead_start(ctx, self.tags, start, m.start("tail"), keep=0)
            body = text[start : m.start("tail")]
            if len(body) < 2:
                continue
            chain = ctx.spans_in(start, m.start("tail"), ("Place",))
            if chain and chain[0].start > start and not ctx.spans_ending_at(start, ("Place",)):
                # 活动现场宣布|某市快递行业联合工会: the name starts at its first place
                start = chain[0].start
                body = text[start : m.start("tail")]
            # only the leading run of places says where it is (某市浙江商会: members from 浙江)
            chain = self._name_places(ctx, start, m.start("tail")) if chain else chain
            place = chain[-1].key if chain else None
            if _GENERIC_FEDERATION.fullmatch(body) or len(body) < 2:
                continue
            if self._description.search(body):
                continue  # 某市首家…联合工会: a description of a union named elsewhere
            name = body + m.group("tail")
            if body[0] in "市区县" and not chain:
                resolved = self._level_place(ctx, start, body[0])
                if resolved:
                    name = resolved + body[1:] + m.group("tail")
                    place = resolved
            elif not chain:
                place = None
            ctx.add(
                Span("TradeUnion", start, m.end(), name, SpanData(level="federation", place=place))
            )

    def _enterprise_unions(self, ctx):
        text = ctx.text
        for m in re.finditer(r"工会", text):
            if ctx.covered(m.start(), m.end(), ("TradeUnion",)):
                continue
            before = text[max(0, m.start() - 6) : m.start()]
            if not before.endswith(_ORG_SUFFIX) and not _JOINED.search(
                text, max(0, m.start() - 14), m.start()
            ):
                continue  # a unit's tail, or a department of two fields (某局 alone is not)
            start = scan_left(text, m.start(), 30)
            body = trim_lead(text[start : m.start()])
            start = lead_start(ctx, self.tags, m.start() - len(body), m.start(), keep=4)
            body = text[start : m.start()]
            if len(body) < 4 or body.startswith(_ENTERPRISE_NOT_START) or "某" in body:
                continue
            start = self._after_role(ctx, start, m.start())
            body = text[start : m.start()]
            places = self._name_places(ctx, start, m.start())
            place = places[-1].key if places else None
            if not places and body[0] in "省市区县":
                # 省机场集团工会: the unit of the article's province (city …)
                qualified = self._qualified(ctx, start, body)
                if qualified and qualified != body:
                    place, body = qualified[: len(qualified) - len(body) + 1], qualified
            end, branch = self._branch(ctx, m.end())
            if branch is not None:
                places, place = [branch], branch.key
            ctx.add(
                Span(
                    "TradeUnion",
                    start,
                    end,
                    body + text[m.start() : end],
                    SpanData(
                        level="enterprise",
                        place=place,
                        place_span=places[-1] if places else None,
                        org=body,
                    ),
                )
            )

    @staticmethod
    def _after_role(ctx: DocContext, start: int, end: int) -> int:
        """The start of a unit's name that a role noun leads into (站点运营方某市某公司:
        [role_prefix_tails] right before a place inside the name): the place, else ``start``."""
        for p in ctx.spans_in(start + 2, end, ("Place",)):
            if ctx.text.endswith(_ROLE_PREFIX_TAILS, start, p.start) and p.start - start <= 8:
                return p.start
        return start

    def _branch(self, ctx: DocContext, end: int) -> tuple[int, Span | None]:
        """The end of a unit's union that goes on to name a branch of it (某公司工会分会,
        某公司工会委员会某市分会, 某站工会小组: [union_branch_tails]), and the branch's place."""
        m = _BRANCH.match(ctx.text, end)
        if m is None:
            return end, None
        places = [p for p in ctx.spans_in(m.start(), m.end(), ("Place",)) if p.end <= m.end()]
        if m.group("where") and not (places and places[-1].end == m.start("tail")):
            return end, None  # …委员会 and a branch by no place: no branch of this union
        return m.end(), places[-1] if m.group("where") else None

    def _sector_unions(self, ctx: DocContext) -> None:
        """Unions of a sector or a body, named by a place (or a bare level character) and
        a few words before 工会: 陕西省财贸金融轻工工会, 新会区骑行之家工会, 省部属企事业
        工会 (→ the article's province). The words must be name-like (no function word,
        no verb in the NER model's reading) and not end in a kind (基层, 社区, 非公企业:
        某区某某社区工会 is one of a kind)."""
        text = ctx.text
        for m in re.finditer("工会", text):
            if ctx.covered(m.start(), m.end(), ("TradeUnion", "Organization")):
                continue
            if text.startswith(self.attribute_nouns, m.end()):
                continue  # 某市高质量发展贡献|工会力量: 工会 is an attribute
            if text.startswith(self.platform_after, m.end()):
                continue  # 某市智慧工会|平台: the words name a platform, not a union
            pos, words = m.start(), list[str]()
            anchor: Span | str | None = None
            for ws, we in reversed(ctx.words_ending_in(m.start() - 12, m.start())):
                if we != pos:
                    break
                places = ctx.spans_ending_at(we, ("Place",))
                if places and words:
                    anchor = places[-1]
                    break
                w = text[ws:we]
                if words and _DEMONSTRATIVE_LEVEL.fullmatch(w):
                    words.insert(0, w[-1])  # 该县粮食系统工会: the county's, as 县…工会
                    pos, anchor = ws, w[-1]
                    break
                if (
                    not re.fullmatch(rf"[{_CJK}]+", w)
                    or _LAST_FUNCTION.search(w)
                    or any(c in "的了是等个" for c in w)
                ):
                    break
                if any(
                    x.label in ("v", "vd", "d", "p", "c", "r", "u", "m", "q")
                    for x in ctx.model_words_in(ws, we)
                ):
                    break
                if (not ctx.model_words and self.tags.get(w) in _JIEBA_LEAD) or (
                    self._description.search(w)
                ):
                    break  # fast mode: jieba's verbs, adverbs …; 首家 in either mode
                words.insert(0, w)
                pos = ws
                if (
                    w[0] in "省市区县"
                    and len(words) >= 1
                    and (
                        ws == 0
                        or not re.match(rf"[{_CJK}]", text[ws - 1])
                        or text[ws - 1] in "、和与及"
                    )
                ):
                    anchor = w[0]
                    break
            if anchor is None and self._unit_opens_clause(ctx, pos, words, m.end()):
                # 。友谊社区工会主席…: a community named by a common word opens the clause;
                # it lies in the last town or street the article named
                place = self._last_town(ctx, pos)
                name = "".join(words) + "工会"
                if not ctx.covered(pos, m.end(), ("TradeUnion", "Organization", "Person")):
                    data = SpanData(level="sector", place=place)
                    ctx.add(Span("TradeUnion", pos, m.end(), name, data))
                continue
            if anchor is None or not words:
                continue
            if isinstance(anchor, str):
                rest = "".join(words)[1:]
                if not rest or words[-1] in self.union_generic or rest in self.union_generic:
                    continue
                if _DEMONSTRATIVE_LEVEL.match(text, pos):
                    place = self._last_place_of_level(ctx, pos, anchor)  # 该县: the last county
                else:
                    place = self._level_place(ctx, pos, anchor)
                if not place:
                    continue
                start, name = pos, place + rest + "工会"
            else:
                rest = "".join(words)
                chain = self._place_chain_before(ctx, anchor.end)
                if self._named_unit(words):  # 某镇恒安社区工会: the community's own union
                    if self._names_a_thing(ctx, m.end()):
                        continue  # 某社区工会驿站: a facility named by the union
                    start, name, place = anchor.end, rest + "工会", anchor.key
                elif words[-1] in self.union_generic or len(rest) < 2:
                    continue
                else:
                    # a body's union keeps its place as written (略阳车务段工会: a short form
                    # is part of the body's name, not 略阳县车务段工会)
                    head = anchor.key if anchor.data.full else text[anchor.start : anchor.end]
                    start, name, place = chain[0].start, head + rest + "工会", anchor.key
            if ctx.covered(start, m.end(), ("TradeUnion", "Organization", "Person")):
                continue
            ctx.add(Span("TradeUnion", start, m.end(), name, SpanData(level="sector", place=place)))

    def _unit_opens_clause(self, ctx: DocContext, pos: int, words: list[str], end: int) -> bool:
        """Whether ``words`` before 工会 at ``pos`` name one unit by its own name
        (:meth:`_named_unit`) at the start of a clause, and the union names no thing."""
        return (
            self._named_unit(words)
            and (pos == 0 or ctx.text[pos - 1] in _CLAUSE_OPENERS)
            and not self._names_a_thing(ctx, end)
        )

    @staticmethod
    def _last_town(ctx: DocContext, pos: int) -> str | None:
        """The last town or street named before ``pos`` in its article (a bisection in the
        document's towns, listed once: the places are all found before the unions)."""
        towns = ctx.memo.get("towns_by_start")
        if towns is None:
            found = [s for s in ctx.of_type("Place") if s.data.level in ("town", "street")]
            towns = ctx.memo["towns_by_start"] = ([s.start for s in found], found)
        starts, spans = towns
        i = bisect.bisect_left(starts, pos)
        if not i:
            return None
        town = spans[i - 1]
        return town.key if town.start >= ctx.article_span(pos)[0] else None

    @staticmethod
    def _last_place_of_level(ctx: DocContext, pos: int, lvl: str) -> str | None:
        """The last place of level ``lvl`` (县, 市 …) named before ``pos`` in its article."""
        a_start, _ = ctx.article_span(pos)
        for s in ctx.iter_spans(a_start, pos, ("Place",), reverse=True):
            if s.key.endswith(lvl) and not (lvl == "区" and s.key.endswith("自治区")):
                return s.key
        return None

    def _names_a_thing(self, ctx: DocContext, pos: int) -> bool:
        """Whether a noun that is no title and no committee follows a union's name at
        ``pos`` (某社区工会驿站): the union only names that thing."""
        nxt = next((w for w in ctx.words_ending_in(pos, pos + 8) if w[0] == pos), None)
        if nxt is None:
            return False
        word = ctx.text[nxt[0] : nxt[1]]
        tag = self.tags.get(word) or ""
        return tag.startswith("n") and word not in self.union_words_after

    def _named_unit(self, words: list[str]) -> bool:
        """Words before 工会 that name one unit of a kind by its own name (恒安|社区, 张庄|村):
        a two- or three-character name word before a [named_unit_words] word."""
        return (
            len(words) == 2
            and words[-1] in self.named_units
            and 2 <= len(words[0]) <= 3
            and words[0] not in self.union_generic
        )

    def _level_place(self, ctx, pos: int, lvl: str) -> str | None:
        """The place of level ``lvl`` (市, 区, 县, 省 …) the article is about at ``pos``."""
        a_start, a_end = ctx.article_span(pos)
        want = {
            "自治区": ("自治区",),
            "省": ("省",),
            "市": ("市",),
            "区": ("区",),
            "县": ("县",),
            "镇": ("镇",),
            "街道": ("街道",),
            "州": ("州",),
        }[lvl]

        def union_of_level(s: Span) -> bool:
            return bool(
                s.data.place
                and s.data.level not in ("enterprise", "federation")
                and s.data.place.endswith(want)
            )

        def place_of_level(s: Span) -> bool:
            return s.key.endswith(want) and not (lvl == "区" and s.key.endswith("自治区"))

        # a place of that level named earlier in the sentence, with no union of that level
        # after it (某市委常委、市总工会主席甲: the city's union)
        s_start = max(ctx.sentence_of(pos)[0], a_start)
        for s in ctx.iter_spans(s_start, pos, ("Place", "TradeUnion"), reverse=True):
            if s.type == "TradeUnion":
                if union_of_level(s):
                    break
                continue
            if place_of_level(s) and not ctx.covered(s.start, s.end, ("TradeUnion",)):
                return s.key
        # the last union of that level named before (a search from pos back, not a scan)
        for s in ctx.iter_spans(a_start, pos, ("TradeUnion",), reverse=True):
            if union_of_level(s):
                return s.data.place
        starts, winners, first_at = self._places_of_level(ctx, a_start, a_end, lvl, place_of_level)
        n_before = bisect.bisect_left(starts, pos)
        if n_before and lvl in ("省", "自治区"):
            # the province most of the article's places lie in, also when another one is
            # named before and it is not (某市浙江商会…, 省总工会: the city's province)
            province = self._article_province(ctx, a_start, a_end, want, True)
            if province and first_at.get(province, pos) >= pos:
                return province
        if n_before:
            # the place the article is about: named most often so far (the latest on ties)
            return winners[n_before - 1]
        if lvl in ("省", "自治区"):
            # named before anything of its level (a headline's 省总工会): the province most
            # of the article's places lie in, not one it merely mentions first (…直奔广东)
            province = self._article_province(ctx, a_start, a_end, want, False)
            if province:
                return province
        # else the first union of that level named after, else the first place
        for s in ctx.iter_spans(pos, a_end, ("TradeUnion",)):
            if union_of_level(s):
                return s.data.place
        for s in ctx.iter_spans(pos, a_end, ("Place",)):
            if place_of_level(s):
                return s.key
        if lvl in ("市", "州"):
            # no place of its level named: the prefecture the article's counties lie in
            # (州总工会 … 某县: the county's prefecture), when they lie in one; once per
            # article (the places are all found before the unions)
            key = ("article_prefecture", a_start, want)
            if key not in ctx.memo:
                places = ctx.spans_in(a_start, a_end, ("Place",))
                ctx.memo[key] = self._prefecture_of(places, want)
            return ctx.memo[key]
        return None

    def _places_of_level(self, ctx, a_start: int, a_end: int, lvl: str, place_of_level):
        """The article's places of level ``lvl`` once per change of its places: their
        starts, for each prefix of them the place named most often in it (the latest on
        ties), and where each is first named. ``_level_place`` asks this once per
        anaphor; counting the places before each one would be quadratic."""
        key = ("places_of_level", a_start, lvl, ctx.type_version.get("Place", 0))
        table = ctx.memo.get(key)
        if table is None:
            starts: list[int] = []
            winners: list[str] = []
            first_at: dict[str, int] = {}
            counts: dict[str, int] = {}
            top, winner = 0, ""
            for s in ctx.iter_spans(a_start, a_end, ("Place",)):
                if not place_of_level(s):
                    continue
                counts[s.key] = c = counts.get(s.key, 0) + 1
                if c >= top:
                    top, winner = c, s.key
                first_at.setdefault(s.key, s.start)
                starts.append(s.start)
                winners.append(winner)
            table = ctx.memo[key] = (starts, winners, first_at)
        return table

    def _article_province(self, ctx, a_start: int, a_end: int, want, clear: bool):
        """:meth:`_province_of` the article's places, once per change of its places."""
        key = ("article_province", a_start, want, clear, ctx.type_version.get("Place", 0))
        if key not in ctx.memo:
            places = ctx.spans_in(a_start, a_end, ("Place",))
            ctx.memo[key] = self._province_of(places, want, clear)
        return ctx.memo[key]

    def _prefecture_of(self, places: list[Span], want: tuple[str, ...]) -> str | None:
        """The one prefecture-level division all of ``places`` below it lie in, when its
        name ends in ``want``; None when they lie in several or none."""
        codes = (p.data.adcode or p.data.parent for p in places)
        cities = {c.name for c in map(self._city_of, filter(None, codes)) if c}
        if len(cities) != 1:
            return None
        (city,) = cities
        return city if city.endswith(want) else None

    def _city_of(self, code: str) -> Division | None:
        """The prefecture-level division of a county, or the division itself when it is one
        (a zone's parent may be its city)."""
        d = self.gaz.get(code)
        return d if d is not None and d.level == "city" else self.gaz.prefecture_of(code)

    def _province_of(
        self, places: list[Span], want: tuple[str, ...], clear: bool = False
    ) -> str | None:
        """The province most of ``places`` lie in, when its name ends in ``want`` (with
        ``clear``, only when no other province has as many)."""
        codes = (p.data.adcode or p.data.parent for p in places)
        provinces = (self.gaz.province_of(code) for code in codes if code)
        counts = Counter(prov.name for prov in provinces if prov is not None)
        if not counts:
            return None
        ranked = sorted(counts, key=lambda n: (counts[n], n), reverse=True)
        if clear and len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]:
            return None
        return ranked[0] if ranked[0].endswith(want) else None

    def _anaphora(self, ctx):
        text = ctx.text
        for m in _ANAPHOR.finditer(text):
            if ctx.covered(m.start("lvl"), m.end(), ("TradeUnion", "Place")):
                continue
            if m.group("pre") == "全":
                continue
            prev = text[m.start() - 1] if m.start() else ""
            if not m.group("pre") and (prev.isdigit() or prev in _COUNT_NUMERALS):
                continue  # 等7市总工会, 十三个县总工会: a count of unions, none of them named
            if (
                re.match(rf"[{_CJK}]", prev)
                and not m.group("pre")
                and prev not in _ANAPHOR_AFTER
                and not self._opens_name(ctx, m.start())
            ):
                continue  # part of a longer word (城市总工会 is rare; 各市总工会 is generic)
            place = self._level_place(ctx, m.start(), m.group("lvl"))
            if place:
                _add_anaphor(ctx, m.start(), m.end(), place, m.group("lvl"))

    def _opens_name(self, ctx: DocContext, pos: int) -> bool:
        """Whether the level character at ``pos`` opens a union's name rather than ending a
        longer word (各市, 城市, 地市): a segmenter word ends there that is a verb,
        preposition, conjunction or aspect particle (提着|县总工会, 获得|县总工会), or the NER
        model reads a general union's name from there."""
        w = ctx.model_word_at(pos)
        if w is not None and w.label == "ORG" and ctx.text.startswith("总工会", w.end - 3):
            return True  # 用|市总工会 where the segmenter glued 用市: the model reads the union
        if pos not in ctx.boundaries:
            return False
        before = [w for w in ctx.words_ending_in(pos - 4, pos) if w[1] == pos]
        return bool(before) and self.tags.get(ctx.text[before[-1][0] : pos]) in _VERB_BEFORE

    def _women(self, ctx):
        text = ctx.text
        for m in re.finditer(_WOMEN, text):
            unions = ctx.spans_ending_at(m.start(), ("TradeUnion",))
            if unions:
                u = unions[0]
                ctx.add(
                    Span(
                        "TradeUnion",
                        u.start,
                        m.end(),
                        u.key + _WOMEN,
                        SpanData(level="body", place=u.data.place, parent=u.key),
                    )
                )

    # -- other organisations ---------------------------------------------------------
    def _organizations(self, ctx):
        text = ctx.text
        for m in _NEWSPAPER_RE.finditer(text):
            _add_paper(ctx, m.start("name"), m.end("name"))
        for m in re.finditer(
            r"(?<![《\u4e00-\u9fff])("
            + NEWS_OUTLETS
            + r")(?=[^》\u4e00-\u9fff]|$|记者|"
            + _CHANNELS
            + ")",
            text,
        ):
            if not ctx.covered(m.start(), m.end(), ("Organization",)):
                _add_paper(ctx, m.start(), m.end())
        for m in _OUTLET_BEFORE_REPORTER.finditer(text):
            if not ctx.covered(m.start("name"), m.end("name"), ("Organization", "TradeUnion")):
                _add_paper(ctx, m.start("name"), m.end("name"))
        for rx in (self._dateline_paper, self._source_paper):
            for m in rx.finditer(text):
                if not ctx.covered(m.start("name"), m.end("name"), ("Organization", "TradeUnion")):
                    _add_paper(ctx, m.start("name"), m.end("name"))
        # a paper named by its place, bare, before a reporter or a report (湖北日报记者, 某某
        # 晚报讯): the place's name or short form and a media tail
        for m in self._place_paper.finditer(text):
            if self.gaz.candidates(m.group("place")) and not ctx.covered(
                m.start(), m.end("name"), ("Organization", "TradeUnion")
            ):
                _add_paper(ctx, m.start(), m.end("name"))
        for rx, kind in (
            (_GOV_RE, "government"),
            (_OTHER_ORG_RE, "body"),
            (_COMPANY_RE, "company"),
        ):
            for m in rx.finditer(text):
                end = m.end()
                start = scan_left(text, end, 30)
                start = max(start, m.start()) if kind != "company" else start
                name = trim_lead(text[start:end])
                start = lead_start(ctx, self.tags, end - len(name), end, keep=3)
                start = model_org_start(ctx, start, end)
                name = text[start:end]
                if len(name) < 3 or ctx.covered(start, end, ("Organization", "TradeUnion")):
                    continue
                if kind == "government":
                    # a government body is named by its place (or 国家/全国) + department
                    places = [s for s in ctx.spans_in(start, end, ("Place",)) if s.end <= end]
                    if places:
                        start = places[0].start
                        name = text[start:end]
                    elif name.endswith(_PROVINCIAL_TAILS) and not name.startswith(
                        _GOVERNMENT_STARTS
                    ):
                        # 联合农业农村厅: a 厅 is a province's department, the article's
                        province = self._level_place(ctx, start, "省") or self._level_place(
                            ctx, start, "自治区"
                        )
                        if province is None:
                            continue
                        name = province + name
                    elif not name.startswith(_GOVERNMENT_STARTS):
                        continue
                    else:
                        qualified = self._qualified(ctx, start, name)  # 市农业农村局 → 广州市…
                        if qualified is None:
                            continue
                        name = qualified
                if name.startswith(_ORG_NOT_START) or "某" in text[start - 1 : end]:
                    continue  # 该市某装饰材料公司: a body the report does not name
                if kind == "company":
                    stem = _COMPANY_GENERIC.sub("", name)
                    if len(stem) < 2 or (len(stem) == 2 and self.freq.get(stem, 0) > 500):
                        continue  # 公司, 平台公司, 年度公司: a common noun, not a name
                    if ctx.model_words and not self._named(ctx, start, end):
                        continue  # 物业公司, 全市多家快递公司: no name in it
                    start = self._after_union(ctx, start, end)
                    start = self._registered_start(ctx, start, end)
                    start = self._after_locative(ctx, start, end)
                    end = self._sub_company_end(ctx, end)
                    name = text[start:end]
                self._name_places(ctx, start, end)
                ctx.add(Span("Organization", start, end, name, SpanData(kind=kind)))
        for m in _NATIONAL_BODIES.finditer(text):
            if not ctx.covered(m.start(), m.end(), ("Organization",)):
                ctx.add(
                    Span(
                        "Organization", m.start(), m.end(), m.group(0), SpanData(kind="government")
                    )
                )

    def _after_locative(self, ctx: DocContext, start: int, end: int) -> int:
        """Where a company's name starts when a locative word (中, 上: jieba's
        [company_locative_jieba] tags) stands in it right before a place: the place
        (比赛中|洛阳某某有限公司: "in the contest", then the company)."""
        for p in ctx.spans_in(start + 1, end, ("Place",)):
            before = [w for w in ctx.words_ending_in(p.start - 2, p.start) if w[1] == p.start]
            if before and self.tags.get(ctx.text[before[-1][0] : p.start]) in _LOCATIVE:
                return p.start
        return start

    @staticmethod
    def _sub_company_end(ctx: DocContext, end: int) -> int:
        """The end of a company's unit named right after the company (某电力公司|某市供电公司,
        某有限公司|第三工程分公司): a branch (分公司) or a company that opens with a place;
        ``end`` when none follows."""
        m = _SUB_COMPANY.match(ctx.text, end)
        if m is None:
            return end
        if m.group(0).endswith(_BRANCH_COMPANY) or ctx.spans_in(end, end + 1, ("Place",)):
            return m.end()
        return end

    @staticmethod
    def _after_union(ctx: DocContext, start: int, end: int) -> int:
        """Where a company's name starts when the run before its tail holds a union's name
        (到某产业工会系统|某省某某股份有限公司: the union's system names the company's
        sector): at the first place after the union, a few characters on; else ``start``."""
        k = ctx.text.rfind("工会", start, end)
        if k < 0:
            return start
        after = k + 2
        places = [p for p in ctx.spans_in(after, after + 3, ("Place",)) if p.start >= after]
        return min(p.start for p in places) if places else start

    def _registered_start(self, ctx: DocContext, start: int, end: int) -> int:
        """Where a company's own name starts when a run of places says where it is and the
        name then opens with one of those places again (云南省昆明市|云南某某物流有限公司:
        the registered name starts with its province): at that place."""
        places = sorted(
            (p for p in ctx.spans_in(start, end, ("Place",)) if p.end <= end),
            key=lambda p: p.start,
        )
        pos, last = start, None
        for p in places:
            code = p.data.adcode or p.data.parent
            if p.start != pos or not code:
                break
            pos, last = p.end, code
        if last is None or end - pos < 6:
            return start
        for n in (3, 2):
            if any(
                c == last or self.gaz.is_ancestor(c, last)
                for c in self.gaz.candidates(ctx.text[pos : pos + n])
            ):
                return pos
        return start

    # -- bodies named by their tail ------------------------------------------------------
    def org_kind(self, name: str) -> str | None:
        """The kind of organisation a name's tail says (government, company, media …), or None."""
        return next(
            (kind for t, kind in self.tails if name.endswith(t) and len(name) > len(t)), None
        )

    def _qualified(self, ctx: DocContext, start: int, name: str) -> str | None:
        """A body name that starts with a bare level character (市农业农村局, 镇党委) takes
        the article's place of that level (广州市农业农村局); None when none is known.
        Other names are returned as they are."""
        if name[0] not in "省市区县镇州" or ctx.spans_ending_at(start, ("Place",)):
            return _official_government(ctx, name)
        place = self._level_place(ctx, start, name[0])
        return _official_government(ctx, place + name[1:]) if place else None

    def _attached_bodies(self, ctx: DocContext) -> None:
        """Party and government bodies named by a place and a tail right after it (安陆市委,
        番禺区人民政府, 文艺路街道党工委), or by a bare level character and the tail where
        no other word comes before it (、市委, (区政府): the article's place of that level."""
        text = ctx.text
        for p in ctx.of_type("Place"):
            m = self._attached.match(text, p.end)
            if not m or ctx.covered(p.end, m.end(), ("Organization", "TradeUnion")):
                continue
            chain = self._place_chain_before_span(ctx, p)
            if _paired_government(text, chain.start, m.group(0)):
                continue
            ctx.add(
                Span(
                    "Organization",
                    chain.start,
                    m.end(),
                    _official_government(ctx, p.key + m.group(0)),
                    SpanData(kind="government"),
                )
            )
        for m in self._level_attached.finditer(text):
            if ctx.covered(
                m.start(), m.end(), ("Organization", "TradeUnion", "Place")
            ) or _paired_government(text, m.start(), m.group(0)):
                continue
            name = self._qualified(ctx, m.start(), m.group(0))
            if name:
                ctx.add(Span("Organization", m.start(), m.end(), name, SpanData(kind="government")))

    def _place_chain_before_span(self, ctx: DocContext, p: Span) -> Span:
        chain = self._place_chain_before(ctx, p.start)
        return chain[0] if chain else p

    def _model_orgs(self, ctx: DocContext) -> None:
        """The NER model's ORG words that end in an organisation's tail, are no union and
        name where they belong: a place's or a level character's body (文艺路街道党工委,
        区劳动仲裁院 → the article's district), a newspaper without its 《》 (甘肃工人报), a
        national body (中国…联合会). A union's own unit (…总工会职工服务中心) counts.
        Companies and other bodies without a place are left to the rules: the model
        proposes many common nouns there (物业公司)."""
        text = ctx.text
        for w in ctx.model_entities("ORG"):
            e = self._verb_after(ctx, w.start, w.end)  # 某市某局|协办: the verb is no part
            s = w.start
            m = _LAST_FUNCTION.search(text, s, e)  # …总工会为|州政务服务中心
            if m and e - m.end() >= 3:
                s = m.end()
            name = text[s:e]
            if any(
                self.tags.get(text[a:b]) == "v" for a, b in ctx.words_ending_in(s, e - 1) if a >= s
            ):
                continue  # a verb inside: two bodies or a clause (…市聚焦市委)
            if len(name) < 3 or not (
                ctx.spans_in(s, s + 1, ("Place",))
                or name[0] in "省市区县镇州"
                or name.startswith(self.national_prefix)
            ):
                continue
            kind = self.org_kind(name)
            if kind is None or len(name) < 3 or name.startswith(self.not_name_start):
                continue
            if _paired_government(text, s, name):
                continue
            k = name.rfind("工会")
            if k >= 0 and (name[k + 2 :] in ("", "联合会") or name.endswith("委员会")):
                continue  # a union (typed by the union rules)
            if k >= 0 and kind not in ("public",) and not name.endswith("中心"):
                continue  # a union's department (…总工会经济部): the post is in the union
            if ctx.covered(s, e, ("Organization",)):
                continue
            unions = [u for u in ctx.spans_in(s - ctx.max_span, e, ("TradeUnion",)) if u.end > s]
            if any(u.start < s or u.end >= e for u in unions):
                continue  # the word cuts a union's name, or is one
            if any(u.start == s for u in unions) and not name.endswith("中心"):
                continue  # a union's department by its short form (省总网络工作部)
            qualified = self._qualified(ctx, s, name)
            if qualified is None:
                continue
            ctx.add(Span("Organization", s, e, qualified, SpanData(kind=kind, model=True)))

    def _verb_after(self, ctx: DocContext, start: int, end: int) -> int:
        """The end of a model ORG word ``[start, end)`` less a verb the model glued to it
        (某市文化旅游局协办: jieba's last word in it is a verb)."""
        last = [w for w in ctx.words_ending_in(start, end) if w[1] == end]
        if last and last[-1][0] > start and self.tags.get(ctx.text[last[-1][0] : end]) == "v":
            return last[-1][0]
        if ctx.text[end - 1] in _FUNCTION_END and self.org_kind(ctx.text[start : end - 1]):
            return end - 1  # 某某律师事务所|在: jieba's word 所在 took the tail's end
        return end

    def _named(self, ctx: DocContext, start: int, end: int) -> bool:
        """Whether ``[start, end)`` holds a proper name: a place, or a word the NER model
        reads as a name (ORG, LOC, PER) or proper noun (nz)."""
        if ctx.spans_in(start, end, ("Place",)):
            return True
        return any(
            w.label in ("ORG", "LOC", "PER", "nz") and w.start < end and w.end > start
            for w in ctx.model_words_in(start, end)
        )

    def _model_unions(self, ctx: DocContext) -> None:
        """The NER model's ORG words that end in 工会 (or 工会联合会) where the rules found
        no union: a place's or a body's union the union patterns miss. Only when the word
        starts with a place or a body the rules found, so that the name says whose union
        it is; cut after a function word."""
        text = ctx.text
        for w in ctx.model_entities("ORG"):
            e = w.end
            if not text.endswith(_MODEL_UNION_TAILS, w.start, e):
                continue
            s = w.start
            m = _LAST_FUNCTION.search(text, s, e)
            if m and e - m.end() >= 4:
                s = m.end()
            if ctx.covered(s, e, ("TradeUnion",)) or e - s < 4:
                continue
            head = ctx.spans_in(s, s + 1, ("Place", "Organization"))
            if not head:
                continue
            name = text[s:e]
            if any(c in name for c in "的了是在"):
                continue
            place = head[0].key if head[0].type == "Place" else None
            ctx.add(
                Span(
                    "TradeUnion",
                    s,
                    e,
                    name,
                    SpanData(
                        level="enterprise" if place is None else "sector",
                        place=place,
                        model=True,
                    ),
                )
            )
