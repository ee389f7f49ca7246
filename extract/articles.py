"""Split a document into articles, and an article into sentences.

A scanned newspaper page holds several articles. :func:`split_articles` finds the
boundaries from layout cues that Chinese newspapers share (see ``docs/input.md``):

- a column tag starting a line: ``【头条聚焦】``, ``【主席之声】``;
- a dateline: ``本报讯``, ``本报北京12月20日电``, ``新华社北京12月20日电`` — the
  article starts at the headline block just above it;
- a byline block followed by body text: ``本报记者 王鑫 方大丰``, ``■记者洪茜婷`` —
  again with the headline block above it;
- a kicker line ending in ``——`` (引题) above a headline;
- a short ``单位:标题`` headline (``黄岩供电:开启“双学周”``) between two body paragraphs;
- a closing line, which ENDS an article: a source line ``(《劳动报》记者陈恒杨)``, a
  photo credit ``本报通讯员 王春友 摄``, a byline or bare author names after the body;
  a photo caption (headline, one or two paragraphs, credit) is cut out of the text
  before it;
- two or more blank lines, when the page uses them rarely (a layout block break).

Articles are contiguous and in order: every character of ``Document.text`` is in
exactly one article; the whitespace between two articles belongs to the first.

:func:`sentences` splits a span on ``。！？；;!?`` (closing quotes and brackets stay
with their sentence) and on line breaks, except where a line break is clearly an
OCR wrap inside a sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date as _date

from .errors import InputError, OffsetOutOfRange
from .records import Article, Document
from .resources import alternation, load_lines, load_sections
from .segment import get_segmenter

__all__ = ["split_articles", "article_at", "sentences"]

# --------------------------------------------------------------------------- cues

_WS = " \t\u3000\xa0\r\f\v"
_TERMINAL = "。！？；;!?"
_CLOSERS = "”’\"'」』）)》〕】>"
_MAX_HEADLINE = 40

_TAG_RE = re.compile(r"^【[^】\n]{1,12}】")
NEWS_OUTLETS = alternation(load_sections("organizations.txt")["news_outlets"], longest_first=True)
"""National news agencies and papers (``[news_outlets]`` in data/organizations.txt): their
datelines name a place and a date (新华社北京3月1日电); named bare in a text, they are
organisations (extract/orgs.py)."""
_DATELINE_RE = re.compile(
    r"^(?:本报讯|本刊讯"
    r"|本报[^\s，,。]{0,12}?\d{1,2}月\d{1,2}日(?:电|讯)"
    r"|(?:" + NEWS_OUTLETS + r")[^\s，,。]{0,12}?\d{1,2}月\d{1,2}日(?:电|讯)"
    r"|[(（](?:本报)?记者[^)）\n]{1,20}[)）]\s*\d{1,2}月\d{1,2}日[，,])"
)
_CUES = load_sections("articles.txt")
# a time word or a date, then a comma, opening a line: a new sentence ([time_openers])
_TIME_OPENER = re.compile(
    r"(?:" + alternation(_CUES["time_openers"]) + r"|\d{1,2}月\d{1,2}日(?:上午|下午|晚)?)[，,]"
)
_PREFIXES = alternation(_CUES["byline_prefixes"], longest_first=True)
_ROLES = alternation(_CUES["byline_roles"], longest_first=True)
_NAME = r"[\u4e00-\u9fff·]{2,5}"
_BYLINE_RE = re.compile(
    r"^[■▲●◆□◎★☆◇△]?\s*(?:(?:" + _PREFIXES + r"|驻[\u4e00-\u9fff]{1,4})*"
    r"(?:" + _ROLES + r")\s*[/／:：]?\s*" + _NAME + r"(?:(?:\s+|[、，,]\s*)" + _NAME + r")*\s*)+$"
)
_SOURCE_CLOSE_RE = re.compile(
    r"^[(（]?《[^》\n]{2,15}》[^。！？\n]{0,40}[)）]$"
    r"|^[(（](?:本报|本刊)?(?:特约|见习|实习)?(?:记者|通讯员)[^()（）。\n]{1,40}[)）]$"
    r"|^[(（]?(?:"
    + alternation(_CUES["source_labels"], longest_first=True)
    + r")[:：][^。\n]{1,30}[)）]?$"
)
_PHOTO_RE = re.compile(
    r"\s(?:"
    + alternation(_CUES["photo_credits"], longest_first=True)
    + r")(?:\s*[/／]\s*\S{2,8})?\s*[)）]?$"
)
_KICKER_RE = re.compile(r"^[^。\n]{4,80}——$")
_COLON_HEAD_RE = re.compile(r"^([\u4e00-\u9fff]{2,8})\s*[:：]\s*\S")
_COLON_LABEL_STOP = re.compile(
    "(?:" + alternation(_CUES["colon_label_tails"], longest_first=True) + ")$"
)
_LABELS = set(_CUES["section_labels"])
# single-character surnames (data/surnames.txt), to recognise a bare author signature
# (``李儒雅``, ``徐莹 周荣伟``) at the end of an article
_SURNAMES = {n for n in load_lines("surnames.txt") if len(n) == 1}
_SIGNATURE_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[ \u3000]+[\u4e00-\u9fff]{2,4}){0,3}$")
_FULL_DATE_RE = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日")
_MONTH_DAY_RE = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_DATE_LINE_RE = re.compile(
    r"(?:^|(?<=[\s\u3000]))(\d{4})(?:年(\d{1,2})月(\d{1,2})日|([-./])(\d{1,2})\4(\d{1,2}))"
    r"(?=[\s\u3000]|$)"
)
# a time of day and the labels of a web page's date line (data/date_cues.txt), read as spaces
_DATE_LINE_NOISE = re.compile(
    r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)|(?:"
    + alternation(load_sections("date_cues.txt")["date_labels"], longest_first=True)
    + r")\s*[:：]"
)
_DATE_LINE_MAX = 60
"""A date line (``2025年10月17日`` alone, or a page's masthead ``工人日报 2025年1月15日 第2版``)
is one line of at most this many characters, the date set off by spaces or line ends."""
_LEAD_CHARS = 60
"""A dateline date must lie within the first this-many characters of the lead paragraph."""


@dataclass
class _Para:
    start: int
    end: int
    text: str
    gap: int
    """Blank lines before the paragraph."""

    @property
    def last_line(self) -> str:
        return self.text[self.text.rfind("\n") + 1 :].strip(_WS)


def _paragraphs(text: str) -> list[_Para]:
    paras: list[_Para] = []
    blank = 0
    cur_start = cur_end = -1
    cur_gap = 0
    for m in re.finditer(r"[^\n]+|\n", text):
        seg = m.group()
        if seg == "\n":
            continue
        stripped = seg.strip(_WS)
        if not stripped:
            blank += 1
            continue
        s = m.start() + (len(seg) - len(seg.lstrip(_WS)))
        e = m.start() + len(seg.rstrip(_WS))
        # a line directly after the previous content line joins the paragraph
        if cur_start >= 0 and blank == 0 and text.count("\n", cur_end, s) == 1:
            cur_end = e
        else:
            if cur_start >= 0:
                paras.append(_Para(cur_start, cur_end, text[cur_start:cur_end], cur_gap))
            cur_start, cur_end, cur_gap = s, e, blank
        blank = 0
    if cur_start >= 0:
        paras.append(_Para(cur_start, cur_end, text[cur_start:cur_end], cur_gap))
    # blank counts between paragraphs: newlines minus one
    for i in range(1, len(paras)):
        paras[i].gap = max(0, text.count("\n", paras[i - 1].end, paras[i].start) - 1)
    return paras


def _compact(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def _has_letters(s: str) -> bool:
    return any(c.isalnum() for c in s)


def _is_tag(p: _Para) -> bool:
    return bool(_TAG_RE.match(p.text))


def _is_dateline(p: _Para) -> bool:
    return bool(_DATELINE_RE.match(p.text[:80]))


def _is_byline(p: _Para) -> bool:
    if len(p.text) > 80:
        return False
    lines = [ln.strip(_WS) for ln in p.text.split("\n")]
    return all(len(ln) <= _MAX_HEADLINE and "摄" not in ln and _BYLINE_RE.match(ln) for ln in lines)


def _is_photo_credit(p: _Para) -> bool:
    return bool(_PHOTO_RE.search(p.text[-60:]))


def _is_source_close(p: _Para) -> bool:
    return len(p.text) <= 80 and "\n" not in p.text and bool(_SOURCE_CLOSE_RE.match(p.text))


def _is_signature(p: _Para) -> bool:
    if len(p.text) > 20 or not _SIGNATURE_RE.match(p.text):
        return False
    names = p.text.split()
    return all(n[0] in _SURNAMES for n in names) and _compact(p.text) not in _LABELS


def _is_kicker(p: _Para) -> bool:
    return "\n" not in p.text and bool(_KICKER_RE.match(p.text))


def _headline_like(p: _Para) -> bool:
    """Short, without sentence punctuation at its end: a headline, subheading or label."""
    t = p.text
    if len(t) > _MAX_HEADLINE * 2 or not _has_letters(t):
        return False
    lines = [ln.strip(_WS) for ln in t.split("\n")]
    if len(lines) > 2 or any(len(ln) > _MAX_HEADLINE for ln in lines):
        return False
    if "。" in t:
        return False
    core = t.rstrip(_CLOSERS)
    if core != t and core and core[-1] in _TERMINAL + "，,、":
        return False  # a quoted sentence: “好的,谢谢!”
    return t[-1] not in "。；;，,、：:"


def _is_colon_headline(p: _Para) -> bool:
    if not _headline_like(p) or "\n" in p.text:
        return False
    m = _COLON_HEAD_RE.match(p.text)
    return m is not None and not _COLON_LABEL_STOP.search(m[1]) and not _is_byline(p)


def _is_body(p: _Para) -> bool:
    return not _headline_like(p)


def _is_closing(p: _Para) -> bool:
    return _is_source_close(p) or _is_photo_credit(p)


# --------------------------------------------------------------------------- splitting


def _split_points(paras: list[_Para]) -> list[int]:
    """Indices of paragraphs that start an article (always including 0)."""
    n = len(paras)
    breaks = sum(1 for p in paras[1:] if p.gap >= 1)
    gaps = sum(1 for p in paras[1:] if p.gap >= 2)
    # a page that leaves two blank lines only before headlines with a body under them
    # (headline, blank line, body; two blank lines; headline …) uses them between articles
    gapped = [i for i in range(1, n) if paras[i].gap >= 2]
    headed = gapped and all(
        _headline_like(paras[i]) and i + 1 < n and _is_body(paras[i + 1]) for i in gapped
    )
    use_gaps = gaps > 0 and (gaps * 4 <= max(breaks, 1) or headed)

    starts = [0]
    cur = 0  # paragraph index where the current article starts
    has_body = [False] * (n + 1)  # has_body[i]: paragraph i is content that can end an article

    def content_between(a: int, b: int) -> bool:
        return any(has_body[k] for k in range(a, b))

    def start_at(j: int) -> None:
        nonlocal cur
        if j > cur and content_between(cur, j):
            starts.append(j)
            cur = j

    def walk_back(i: int, limit: int = 4) -> int:
        j = i
        while j - 1 >= cur and i - (j - 1) <= limit:
            prev = paras[j - 1]
            if _is_kicker(paras[j]) or _is_tag(paras[j]):
                break
            if _is_tag(prev) or _is_kicker(prev):
                j -= 1
                break
            if (
                not _headline_like(prev)
                or _is_closing(prev)
                or _is_signature(prev)
                or _is_byline(prev)
                or _is_dateline(prev)
            ):
                break
            j -= 1
        return j

    prev_closing = False
    for i, p in enumerate(paras):
        closing = _is_closing(p)
        body = _is_body(p) or closing
        byline = not closing and _is_byline(p)
        nxt = paras[i + 1] if i + 1 < n else None

        if i > 0:
            if prev_closing:
                start_at(i)
            if use_gaps and p.gap >= 2:
                start_at(i)
            if _is_tag(p) or _is_kicker(p):
                start_at(i)
            elif _is_dateline(p):
                start_at(walk_back(i))
            elif byline and nxt is not None and _is_body(nxt) and not _is_closing(nxt):
                start_at(walk_back(i))
            elif _is_colon_headline(p) and nxt is not None and _is_body(nxt) and has_body[i - 1]:
                start_at(i)
            if _is_photo_credit(p):
                # photo caption: headline, one or two paragraphs, credit
                for j in range(i - 1, max(cur, i - 3) - 1, -1):
                    if _headline_like(paras[j]) and not _is_byline(paras[j]):
                        start_at(walk_back(j))
                        break
                    if not _is_body(paras[j]):
                        break

        has_body[i] = body
        if byline and i > 0 and has_body[i - 1] and (nxt is None or not _is_body(nxt)):
            closing = True  # a byline after the body closes the article
        if _is_signature(p) and i > 0 and has_body[i - 1]:
            closing = True
        if closing:
            has_body[i] = True
        prev_closing = closing
    return starts


def _title(paras: list[_Para]) -> str:
    candidates: list[str] = []
    kicker = ""
    for p in paras[:6]:
        if _is_tag(p):
            rest = _TAG_RE.sub("", p.text, count=1).strip(_WS)
            if rest and not rest.startswith("关键词") and _headline_like(_Para(0, 0, rest, 0)):
                candidates.append(rest)
            continue
        if _is_kicker(p):
            kicker = kicker or p.text.rstrip("—").strip(_WS)
            continue
        if _is_dateline(p) or _is_byline(p) or _is_closing(p):
            break
        if not _headline_like(p):
            break
        if _compact(p.text) in _LABELS or _date_line(p):
            continue
        candidates.append(re.sub(r"\s*\n\s*", " ", p.text))
    for c in candidates:
        if len(_compact(c)) > 4:
            return c
    return candidates[0] if candidates else kicker


def _valid(y: int, m: int, d: int) -> _date | None:
    try:
        return _date(y, m, d)
    except ValueError:
        return None


def _date_line(p: _Para) -> str | None:
    """The date of a date line: a short line holding a full date set off by spaces (a
    masthead ``工人日报  2025年1月15日  第2版``, or ``2025-10-17`` under a headline)."""
    for line in p.text.split("\n"):
        line = _DATE_LINE_NOISE.sub(" ", line)
        if len(line) > _DATE_LINE_MAX or re.search(r"[。，,；;：:！？]", line):
            return None
        m = _DATE_LINE_RE.search(line.strip(_WS))
        if m is None:
            continue
        month, day = (m[2], m[3]) if m[2] else (m[5], m[6])
        d = _valid(int(m[1]), int(month), int(day))
        return d.isoformat() if d else None
    return None


def _head_date_line(paras: list[_Para]) -> str | None:
    """The first date line among the paragraphs above the first body paragraph."""
    for p in paras[:8]:
        if _is_dateline(p) or _is_body(p) and not _is_closing(p):
            return None
        d = _date_line(p)
        if d:
            return d
    return None


def _article_date(paras: list[_Para], meta: str | None) -> str | None:
    own = _head_date_line(paras)
    if own:
        return own
    lead = next(
        (p for p in paras[:8] if _is_dateline(p) or _is_body(p) and not _is_closing(p)), None
    )
    if lead is not None:
        # short lines that open the lead's paragraph (a headline and a date line written
        # without a blank line between them, 2025/10/17 or 发布时间：2025-10-17 09:30)
        own = _date_line(lead)
        if own:
            return own
        head = lead.text[:_LEAD_CHARS]
        m = _FULL_DATE_RE.search(head)
        if m and (d := _valid(int(m[1]), int(m[2]), int(m[3]))):
            return d.isoformat()
        m = _MONTH_DAY_RE.search(head)
        if m and meta:
            year = int(meta[:4])
            d = _valid(year, int(m[1]), int(m[2]))
            if d and len(meta) == 10 and d > _date.fromisoformat(meta):
                # an event in December reported in January
                d = _valid(year - 1, int(m[1]), int(m[2])) or d
            if d:
                return d.isoformat()
    return meta


def _is_jsonl(doc: Document) -> bool:
    return bool(re.search(r"\.jsonl:\d+$", doc.path or ""))


def split_articles(doc: Document) -> list[Article]:
    """Articles of ``doc``, in order, covering ``doc.text`` contiguously.

    A JSONL document (one article per line) is always one article; so is a text
    without any of the cues listed in the module docstring. ``Article.title`` is
    the headline when one is recognised (for a JSONL document, its ``title``
    field first); ``Article.date`` is a date line above the article's lead
    (``2025年10月17日`` or ``2025-10-17`` alone on a line), else a full date in the
    article's dateline or lead (``2024年12月20日``), else a month and day there when
    ``doc.date`` or the page's masthead date line gives the year, else that date. An empty text gives one empty article.
    """
    if not isinstance(doc, Document):
        raise InputError(f"split_articles expects a Document, not {type(doc).__name__}")
    text = doc.text or ""
    paras = _paragraphs(text)
    if not paras:
        return [Article(index=0, start=0, end=len(text), title=doc.title, date=doc.date)]
    # a page's masthead date dates every article on it that has no date of its own
    meta = doc.date or _head_date_line(paras)
    starts = [0] if _is_jsonl(doc) else _split_points(paras)
    articles: list[Article] = []
    for k, si in enumerate(starts):
        ei = starts[k + 1] if k + 1 < len(starts) else len(paras)
        start = 0 if k == 0 else paras[si].start
        end = paras[ei].start if ei < len(paras) else len(text)
        group = paras[si:ei]
        title = _title(group)
        if len(starts) == 1 and doc.title:
            title = doc.title
        articles.append(
            Article(index=k, start=start, end=end, title=title, date=_article_date(group, meta))
        )
    return articles


def article_at(articles: list[Article], offset: int) -> int:
    """Position in ``articles`` of the article containing character ``offset``.

    Raises :class:`~extract.errors.OffsetOutOfRange` when no article contains it.
    """
    if not articles:
        raise OffsetOutOfRange("no articles (call split_articles first)")
    i = bisect.bisect_right([a.start for a in articles], offset) - 1
    if i < 0 or not (articles[i].start <= offset < articles[i].end):
        raise OffsetOutOfRange(
            f"offset {offset} is outside the articles [{articles[0].start}, {articles[-1].end})"
        )
    return i


# --------------------------------------------------------------------------- sentences

_SENT_END_RE = re.compile(r"[。！？；;!?]+[”’\"'」』）)》〕】]*")
_OPEN_CLOSE = (("“", "”"), ("(", ")"), ("（", "）"), ("《", "》"), ("「", "」"), ("‘", "’"))


def _spans_word(left: str, right: str, segmenter=None) -> bool:
    """True when the dictionary has a word running across ``left|right`` (jieba's
    dictionary, cut without the HMM by ``segmenter``, default: :func:`get_segmenter`)."""
    cut = (segmenter or get_segmenter()).cut
    a, b = left[-4:], right[:4]
    # a headline ends on a whole word (响起来|自…); a wrapped line usually on a
    # broken one (体系中处|于…)
    if len(cut(left[-6:], False)[-1]) > 1:
        return False
    pos = 0
    for tok in cut(a + b, False):
        if pos < len(a) < pos + len(tok):
            return True
        pos += len(tok)
    return False


def _line_is_marker(line: str) -> bool:
    p = _Para(0, 0, line, 0)
    return (
        _is_tag(p)
        or _is_dateline(p)
        or _is_byline(p)
        or _is_closing(p)
        or _is_kicker(p)
        or _compact(line) in _LABELS
    )


def _is_wrap(prev: str, nxt: str, blank_lines: int, segmenter=None) -> bool:
    """Whether the line break between ``prev`` and ``nxt`` (both stripped) is an OCR
    wrap inside a sentence. Conservative: when unsure, it is a break."""
    if not prev or not nxt or blank_lines > 1:
        return False
    core = prev.rstrip(_CLOSERS)
    if not core or core[-1] in _TERMINAL + "…" or prev.endswith("——"):
        return False
    if _line_is_marker(prev) or _line_is_marker(nxt):
        return False
    if prev[-1] in "，,、：:（(“《‘「—":
        return True
    for o, c in _OPEN_CLOSE:
        if prev.count(o) > prev.count(c):
            return True
    nxt_p = _Para(0, 0, nxt, 0)
    if _headline_like(nxt_p) and len(nxt) <= _MAX_HEADLINE:
        return False
    if _TIME_OPENER.match(nxt):
        return False  # …在某县总工会举行 / 今年，…: a new sentence starts with its time
    if len(prev) > _MAX_HEADLINE:
        return True
    return _spans_word(prev, nxt, segmenter)


def sentences(
    text: str, start: int = 0, end: int | None = None, *, segmenter=None
) -> list[tuple[int, int]]:
    """Sentence spans ``(s, e)`` inside ``text[start:end]``, offsets into ``text``.

    Splits after ``。！？；;!?`` (with the closing quotes or brackets that follow) and
    at line breaks, except a line break that is an OCR wrap: the line ends mid-clause
    (``，、：`` or an open quote or bracket), or is longer than a headline, or a
    dictionary word runs across the break (``处|于``), and the next line is not a
    headline, tag, byline or dateline. Spans are stripped of surrounding whitespace
    and never empty; a wrapped sentence keeps its inner line break
    (``text[s:e]`` may contain ``\\n``). ``segmenter`` (:mod:`extract.segment`) finds
    the dictionary words; by default the process's (``$UNIONKG_SEGMENTER``).
    """
    if end is None:
        end = len(text)
    if not (0 <= start <= end <= len(text)):
        raise InputError(f"bad span [{start}, {end}) for a text of {len(text)} characters")
    cuts: set[int] = set()
    for m in _SENT_END_RE.finditer(text, start, end):
        cuts.add(m.end())
    # line breaks: whitespace runs containing a newline
    for m in re.compile(r"[ \t\u3000\xa0\r\f\v]*\n[\s\u3000]*").finditer(text, start, end):
        ls = text.rfind("\n", start, m.start()) + 1
        le = text.find("\n", m.end(), end)
        prev = text[max(ls, start) : m.start()].strip(_WS)
        nxt = text[m.end() : end if le < 0 else le].strip(_WS)
        blank = m.group().count("\n") - 1
        if not _is_wrap(prev, nxt, blank, segmenter):
            cuts.add(m.start())
    spans: list[tuple[int, int]] = []
    pos = start
    for c in sorted(cuts) + [end]:
        if c <= pos:
            continue
        s, e = pos, c
        while s < e and text[s] in _WS + "\n":
            s += 1
        while e > s and text[e - 1] in _WS + "\n":
            e -= 1
        if s < e:
            spans.append((s, e))
        pos = c
    return spans
