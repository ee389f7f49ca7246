"""The title of a document that has none in its metadata.

A JSONL line's ``title`` field is the document's title (the reader keeps it in
``Document.title``, and it is part of the content hash). A text file has no such
field; its title is its headline line: the first non-empty line, when it reads as a
headline (short, no sentence punctuation at its end, not a section tag such as
``【头条聚焦】``, a dateline, a byline or a kicker); lines without a letter above it
(a date) are passed over. When that line is something else
(a date, a tag) and the document is one article, the article's recognised headline
is used. Otherwise the title stays empty and the Document node is named by its id.

The result goes into the extraction record's ``source.title`` only; it is derived from
the text, so the content hash does not include it.
"""

from __future__ import annotations

from .articles import _headline_like, _is_byline, _is_dateline, _is_kicker, _is_tag, _Para
from .records import Article, Document


def _first_line(text: str) -> str:
    """The first non-empty line that has a letter (a line of digits and punctuation
    only, such as a date ``2023-05-12`` above the headline, is passed over)."""
    start = 0
    while start < len(text):  # one pass: each line is looked at once
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if any(c.isalpha() for c in line):
            return line
        start = end + 1
    return ""


def _reads_as_headline(line: str) -> bool:
    para = _Para(0, len(line), line, 0)
    return (
        any(c.isalpha() for c in line)
        and _headline_like(para)
        and not any(f(para) for f in (_is_tag, _is_dateline, _is_byline, _is_kicker))
    )


def document_title(doc: Document, articles: list[Article]) -> str:
    """``doc``'s title: its metadata title, else its headline line, else the headline
    of its only article, else ``""``."""
    if doc.title:
        return doc.title
    line = _first_line(doc.text or "")
    if line and _reads_as_headline(line):
        return line
    if len(articles) == 1 and _reads_as_headline(articles[0].title):
        return articles[0].title
    return ""
