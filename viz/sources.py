"""Where evidence comes from: the article of each evidence sentence (headline and
date), and the article texts the explorer embeds for "show in article".

The graph's Document nodes hold a document's title and date but not its articles
(one file may hold many) nor its text. Those come from the extraction records
(docs/format.md: ``articles`` with offsets, title and date; every evidence names its
``article``) and from the document texts, both optional arguments of
``viz.write_maps``. Without records an evidence sentence is attributed to its
document (title or id); without texts the page has no "show in article" button.

Article text is capped: at most ``ARTICLE_CHARS`` characters per article and
``PAGE_TEXT_CHARS`` per page (articles in document order until the budget is
spent); the page says so. Everything here is untrusted text that the page writes
with ``textContent`` only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .graphdata import clip, document_years, year_of

__all__ = ["Sources", "ARTICLE_CHARS", "PAGE_TEXT_CHARS"]

ARTICLE_CHARS = 8_000
PAGE_TEXT_CHARS = 2_000_000
TITLE_CHARS = 120


def _evidence_items(rec: Mapping) -> Iterable[Mapping]:
    for rel in rec.get("relations") or ():
        yield from (e for e in rel.get("evidence") or () if isinstance(e, Mapping))
    for out in rec.get("outcomes") or ():
        ev = out.get("evidence")
        if isinstance(ev, Mapping):
            yield ev


def _opening(text: str, start: Any, end: Any) -> str:
    """The first line of ``text[start:end]`` with words, at most 40 characters."""
    s = start if isinstance(start, int) and start >= 0 else 0
    e = end if isinstance(end, int) and end >= s else len(text)
    for line in text[s : min(e, s + 2000)].splitlines():
        if line.strip():
            return clip(line.strip(), 40)
    return ""


class Sources:
    """Articles of the documents a page cites.

    ``records``: extraction records (``doc_id``, ``articles``, evidence with
    ``article``), or None. ``texts``: doc_id -> the document's text, or None.
    """

    def __init__(
        self,
        G: Any,
        records: Iterable[Mapping] | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> None:
        self.texts = texts or {}
        self.docs: dict[str, Mapping] = {}  # doc_id -> Document node data
        for n, d in G.nodes(data=True):
            if d.get("label") == "Document":
                for key in d.get("doc_ids") or [str(n).removeprefix("Document:")]:
                    self.docs.setdefault(str(key), d)
        self.doc_years = document_years(G)
        self.articles: dict[str, list[Mapping]] = {}
        self.where: dict[tuple[str, str], int] = {}  # (doc_id, sentence) -> article index
        for rec in records or ():
            doc_id = str(rec.get("doc_id") or "")
            arts = [a for a in rec.get("articles") or () if isinstance(a, Mapping)]
            self.articles[doc_id] = arts
            for ev in _evidence_items(rec):
                art, sentence = ev.get("article"), ev.get("sentence")
                if isinstance(art, int) and 0 <= art < len(arts) and sentence:
                    self.where.setdefault((doc_id, str(sentence)), art)

    def article_of(self, doc_id: str, sentence: str) -> int:
        """The index of the article of ``doc_id`` that holds an evidence sentence,
        -1 when unknown (the panel then names the document)."""
        return self.where.get((doc_id, sentence), -1)

    def _row(self, doc_id: str, art: int) -> dict:
        doc = self.docs.get(doc_id, {})
        title = str(doc.get("title") or "")
        date = doc.get("date")
        start = end = None
        if art >= 0:
            a = self.articles[doc_id][art]
            title = str(a.get("title") or "") or title
            date = a.get("date") or date
            start, end = a.get("start"), a.get("end")
        elif len(self.articles.get(doc_id, ())) == 1:
            a = self.articles[doc_id][0]
            start, end = a.get("start"), a.get("end")
        text = self.texts.get(doc_id)
        if not title and art >= 0 and isinstance(text, str):
            # An article without a headline: its opening words stand in for one.
            title = _opening(text, start, end)
        year = year_of(date) or self.doc_years.get(doc_id)
        row: dict = {
            "doc": clip(doc_id, 120),
            "title": clip(title, TITLE_CHARS),
            "date": clip(date or (year or ""), 40),
        }
        if isinstance(text, str):
            s = start if isinstance(start, int) and 0 <= start <= len(text) else 0
            e = end if isinstance(end, int) and s <= end <= len(text) else len(text)
            row["span"] = (s, e)
        return row

    def payload(self, used: Iterable[tuple[str, int]], *, with_text: bool) -> dict:
        """The page's ``articles`` (doc_id -> article index -> headline, date and,
        when ``with_text``, the capped text) for the ``(doc_id, article)`` pairs its
        evidence cites, and the note on the text cap."""
        out: dict[str, dict[str, dict]] = {}
        budget, cut, embedded = PAGE_TEXT_CHARS, 0, 0
        for doc_id, art in sorted(set(used)):
            row = self._row(doc_id, art)
            span = row.pop("span", None)
            if with_text and span is not None:
                s, e = span
                take = min(e - s, ARTICLE_CHARS, budget)
                if take > 0:
                    row["text"] = self.texts[doc_id][s : s + take]
                    row["cut"] = take < e - s
                    budget -= take
                    embedded += 1
                if take < min(e - s, ARTICLE_CHARS):
                    cut += 1
            out.setdefault(doc_id, {})[str(art)] = row
        note = ""
        if embedded:
            note = (
                f"原文每篇最多嵌入 {ARTICLE_CHARS} 字，每页最多 {PAGE_TEXT_CHARS} 字"
                + (f"；{cut} 篇因页面上限未嵌入或不全" if cut else "")
                + f"。Article text: at most {ARTICLE_CHARS:,} characters per article and "
                f"{PAGE_TEXT_CHARS:,} per page are embedded"
                + (f"; {cut} articles left out or cut by the page cap." if cut else ".")
            )
        return {"articles": out, "text_note": note}
