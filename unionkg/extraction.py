"""Many documents extracted, in input order, with one process or several; a document
whose extraction fails is reported as a :class:`Skipped` item or raised."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing

from extract.reader import Skipped
from extract.records import Document

from . import extractor, parallel


class ExtractionError(RuntimeError):
    """A document could not be extracted (and no ``on_skip`` was given to report it)."""


def extract(
    docs: Iterable[Document],
    *,
    jobs: int = 1,
    fast: bool = False,
    progress: Callable[[int], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[dict]:
    """Extract each document, in input order, with ``jobs`` processes. Yields dicts.

    With ``jobs > 1`` the documents are first collected in a list, and this process is
    one of the ``jobs``: where ``fork`` exists (Linux, macOS) it builds the extractor,
    starts ``jobs - 1`` worker processes that inherit it and the documents, and
    extracts documents itself whenever the next result in order is not ready yet
    (docs/performance.md). The output is the same as with one process, and so is the
    order of results and of an error.

    ``fast=True`` runs the rules only, without the statistical NER layer: several
    times faster, and lower recall on names (docs/extraction.md).

    A document whose extraction raises is passed to ``on_skip`` as a :class:`Skipped`
    item (its path, line and the error) and left out; without ``on_skip`` the error is
    raised as :class:`ExtractionError` after the results before it."""
    results: Generator[dict, None, None]
    if jobs <= 1:
        results = (extractor.extract_dict(doc, fast) for doc in docs)
    elif parallel.FORK:
        results = parallel.extract_forked(list(docs), jobs, fast)
    else:
        results = parallel.extract_pooled(list(docs), jobs, fast)
    with closing(results):  # a caller that stops early stops the workers too
        for i, rec in enumerate(results, 1):
            if extractor.FAILED in rec:
                path, line = _path_line(rec["path"])
                item = Skipped(path, line, rec[extractor.FAILED])
                if on_skip is None:
                    raise ExtractionError(str(item))
                on_skip(item)
            else:
                yield rec
            if progress:
                progress(i)


def _path_line(where: str) -> tuple[str, int | None]:
    """``file.jsonl:12`` → (``file.jsonl``, 12); a plain path → (path, None)."""
    head, sep, tail = where.rpartition(":")
    return (head, int(tail)) if sep and tail.isdigit() else (where, None)
