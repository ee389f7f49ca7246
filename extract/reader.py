"""Read a corpus of files and folders into :class:`~extract.records.Document` records.

``read_corpus(paths, on_skip=...)`` walks files and folders (recursively, sorted by
name), decodes ``.txt``/``.md`` files with a small documented heuristic and reads
``.jsonl`` files one article per line. Every problem with the input — an
undecodable or binary file, a malformed JSONL line, a symlink loop, a duplicate id —
is reported as a :class:`Skipped` through ``on_skip`` and reading goes on: one bad
file never sinks a corpus. See ``docs/input.md``.
"""

from __future__ import annotations

import json
import logging
import os
import re
from array import array
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path

from .errors import InputError
from .records import Document
from .textnorm import to_simplified

__all__ = [
    "Skipped",
    "read_corpus",
    "decode_bytes",
    "normalize_date",
    "TEXT_SUFFIXES",
    "JSONL_SUFFIXES",
    "MAX_BYTES",
]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
MAX_BYTES = 50 * 1024 * 1024
"""Default size limit: a ``.txt``/``.md`` file, or one JSONL line, larger than this
is skipped. JSONL files themselves are streamed line by line and have no limit."""

_SNIFF = 64 * 1024


@dataclass(frozen=True)
class Skipped:
    """An input item that was not read (or, for a duplicate id, read under a new id).

    ``str(skipped)`` is ``path:line: reason`` (``path: reason`` when ``line`` is None).
    """

    path: str
    line: int | None
    """1-based line of a JSONL file; None for a whole file or folder."""
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{shown(where)}: {shown(self.reason)}"


def shown(s: str) -> str:
    """``s`` safe to print and to write as UTF-8: a file name's undecodable bytes
    (surrogate escapes) as ``\\xNN``, other lone surrogates as ``\\uNNNN``, and
    control characters (a newline in a file name, terminal escape codes) as ``\\xNN``."""
    if s.isprintable() and not any("\ud800" <= c <= "\udfff" for c in s):
        return s
    out = []
    for c in s:
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02x}")
        elif 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04x}")
        elif o < 0x20 or 0x7F <= o <= 0x9F:
            out.append(f"\\x{o:02x}")
        else:
            out.append(c)
    return "".join(out)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """A lone surrogate (a JSON ``\\ud800`` escape) is no character: U+FFFD stands for it."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


class _Undecodable(Exception):
    pass


# --------------------------------------------------------------------------- decoding


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NUL bytes sit mostly at one parity (ASCII and
    Latin text, newlines and digits in UTF-16), else None."""
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd >= 0.05 * pairs and even * 4 <= odd:
        return "utf-16-le"
    if even >= 0.05 * pairs and odd * 4 <= even:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    sample = text[:_SNIFF]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if c < " " and c not in "\t\n\r\f\v") + sample.count("\x7f")
    return bad / len(sample)


def _common_ratio(text: str) -> float:
    """Share of characters that are ASCII or in GB2312 (the common simplified set)."""
    sample = text[:4096]
    if not sample:
        return 1.0
    common = 0
    for c in sample:
        if c < "\x80":
            common += 1
        else:
            try:
                c.encode("gb2312")
                common += 1
            except UnicodeEncodeError:
                pass
    return common / len(sample)


def _utf16_rescue(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM and without NUL bytes (all-Chinese text) decodes "fine" as
    GB18030 but into rare characters; decode it as UTF-16 when that gives common ones."""
    if len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _common_ratio(text) >= 0.9:
            return text, enc
    return None


def _big5(data: bytes, gb_ratio: float) -> tuple[str, str] | None:
    """Big5 (traditional Chinese, Taiwan and Hong Kong) decodes as GB18030 too, into rare
    characters and kana; it is Big5 when that decoding, converted to simplified
    characters, gives clearly more common ones (``gb_ratio``: GB18030's share)."""
    for enc in ("big5hkscs", "cp950"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        ratio = _common_ratio(to_simplified(text[:4096]))
        if ratio >= 0.9 and ratio > gb_ratio + 0.05:
            return text, enc
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding)``.

    Heuristic, first match wins:

    1. a BOM: UTF-8 (``utf-8-sig``), UTF-16 LE or BE;
    2. NUL bytes mostly at one parity (odd → LE, even → BE): UTF-16 without BOM;
       other NUL bytes: binary;
    3. strict UTF-8;
    4. strict GB18030 (a superset of GBK and GB2312);
    5. when GB18030 fails, or gives fewer than half ASCII or GB2312 characters, the
       bytes read as UTF-16 (LE, then BE) if that gives at least 90 % of them
       (all-Chinese UTF-16 without BOM has no NUL bytes);
    6. otherwise the file is undetectable.

    A result with more than 10 % control characters is binary. Raises ``ValueError``
    with the reason when the bytes are not text. Newlines are not touched here.
    """
    try:
        return _decode(data)
    except _Undecodable as exc:
        raise ValueError(str(exc)) from None


def _decode(data: bytes) -> tuple[str, str]:
    text: str | None = None
    encoding = ""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data:
        encoding = _utf16_without_bom(data[:_SNIFF]) or ""
        if not encoding:
            # all-Chinese UTF-16 has few NUL bytes (only its ASCII punctuation): it is
            # UTF-16 when that decoding gives common characters
            rescued = _utf16_rescue(data)
            if rescued is None:
                raise _Undecodable("binary file (NUL bytes)")
            encoding = rescued[1]
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            if encoding.startswith("utf-16"):
                raise _Undecodable(f"undetectable encoding (invalid {encoding})") from None
            raise _Undecodable("undetectable encoding (UTF-8 BOM but invalid UTF-8)") from None
        if "\x00" in text:
            raise _Undecodable("binary file (NUL characters)")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                rescued = _utf16_rescue(data)
                if rescued is None:
                    raise _Undecodable(
                        "undetectable encoding (neither UTF-8 nor GB18030)"
                    ) from None
                text, encoding = rescued
            ratio = _common_ratio(text)
            if ratio < 0.5:
                text, encoding = _utf16_rescue(data) or (text, encoding)
            if encoding == "gb18030" and ratio < 0.97:
                text, encoding = _big5(data, ratio) or (text, encoding)
    if _control_ratio(text) > 0.10:
        raise _Undecodable("binary file (mostly control characters)")
    return text, encoding


def _clean_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# --------------------------------------------------------------------------- metadata

_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:$|[T\s])")
_YEAR_RE = re.compile(r"^\s*(\d{4})\s*(?:年|[-/.年]\s*\d{1,2}\s*月?)?\s*$")


def normalize_date(value) -> str | None:
    """ISO ``YYYY-MM-DD`` or ``YYYY`` from a metadata date (``2024-12-20``,
    ``2024/12/20 08:00``, ``2024年12月20日``, ``2024``, ``2024-12`` → ``2024``);
    None when it is missing or not a valid date."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    m = _DATE_RE.match(value)
    if m:
        try:
            return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    m = _YEAR_RE.match(value)
    if m and 1000 <= int(m[1]) <= 9999:
        return m[1]
    return None


def _meta_str(value) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


# --------------------------------------------------------------------------- walking


class _HeldSkips:
    """The line skips of one JSONL file, held back until a record with ``"text"`` shows
    that it is a corpus file: a file none of whose records has one (metadata kept beside
    the corpus) is then reported once, as a whole, not once per line. Only line numbers
    and reasons are held, never the lines."""

    def __init__(self, reader: _Reader, path: Path):
        self.reader, self.path = reader, path
        self.holding = True  # no record with "text" met yet
        self.no_text = array("q")  # lines of JSON objects without "text"
        self.other: list[tuple[int, str]] = []  # other line skips, in line order

    def skip(self, lineno: int, reason: str) -> None:
        if self.holding:
            self.other.append((lineno, reason))
        else:
            self.reader.skip(self.path, lineno, reason)

    def missing_text(self, lineno: int) -> None:
        if self.holding:
            self.no_text.append(lineno)
        else:
            self.reader.skip(self.path, lineno, _MISSING_TEXT)

    def release(self) -> None:
        """A record with "text" (or a read error: the rest is unknown): the held skips
        are reported line by line, in order."""
        if not self.holding:
            return
        self.holding = False
        held = sorted([(n, _MISSING_TEXT) for n in self.no_text] + self.other)
        self.no_text, self.other = array("q"), []
        for lineno, reason in held:
            self.reader.skip(self.path, lineno, reason)

    def end(self) -> None:
        """End of file: with no record with "text", the objects without it are one skip
        of the whole file, before the other skipped lines."""
        if not self.holding:
            return
        n = len(self.no_text)
        if n:
            what = f'none of its {n} JSON objects has a "text" field'
            if n == 1:
                what = 'its one JSON object has no "text" field'
            self.reader.skip(self.path, None, f"{_NOT_CORPUS} ({what})")
        for lineno, reason in self.other:
            self.reader.skip(self.path, lineno, reason)
        self.holding = False


_MISSING_TEXT = 'missing "text"'
_NOT_CORPUS = "not a corpus file"


class _Reader:
    def __init__(self, on_skip, max_bytes: int, exclude: Iterable = ()):
        self.on_skip = on_skip
        self.max_bytes = max_bytes
        self.exclude = {os.path.realpath(x) for x in exclude}  # files and folders not to read
        self.ids: dict[str, str] = {}  # doc_id -> where it was first seen
        self.files: dict[str, str] = {}  # real path -> path it was read as
        self.dirs: set[str] = set()  # real paths of folders already walked

    def skip(self, path, line, reason) -> None:
        item = Skipped(shown(str(path)), line, shown(reason))
        if self.on_skip is None:
            log.warning("skipped %s", item)
        else:
            self.on_skip(item)

    def unique_id(self, doc_id: str, where: str, line: int | None, shown: str) -> str:
        if doc_id not in self.ids:
            self.ids[doc_id] = where
            return doc_id
        n = 2
        while f"{doc_id}#{n}" in self.ids:
            n += 1
        new = f"{doc_id}#{n}"
        self.ids[new] = where
        self.skip(
            shown,
            line,
            f"duplicate id {doc_id!r} (first seen at {self.ids[doc_id]}); kept as {new!r}",
        )
        return new

    # -- walking
    def walk(self, paths: Iterable) -> Iterator[Document]:
        for p in paths:
            path = Path(p)
            if not os.path.lexists(path):
                self.skip(path, None, "no such file or directory")
            elif os.path.isdir(path):
                yield from self.walk_dir(path, ancestors=())
            elif not os.path.exists(path):
                self.skip(path, None, "broken symbolic link")
            else:
                yield from self.read_file(path, explicit=True)

    def walk_dir(self, path: Path, ancestors: tuple[str, ...]) -> Iterator[Document]:
        real = os.path.realpath(path)
        if real in ancestors:
            self.skip(path, None, "symlink loop (folder already being read)")
            return
        if real in self.dirs:
            self.skip(path, None, "folder already read through another path")
            return
        self.dirs.add(real)
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            self.skip(path, None, "unreadable folder (permission denied)")
            return
        except OSError as exc:
            self.skip(path, None, f"unreadable folder ({exc.strerror or exc})")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, editor backups)
            child = path / entry.name
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if self.exclude and os.path.realpath(child) in self.exclude:
                continue  # the build's own output: not an input, so not reported as skipped
            if is_dir:
                yield from self.walk_dir(child, ancestors + (real,))
                continue
            if child.suffix.lower() not in TEXT_SUFFIXES + JSONL_SUFFIXES:
                continue
            if entry.is_symlink() and not os.path.exists(child):
                self.skip(child, None, "broken symbolic link")
                continue
            yield from self.read_file(child, explicit=False)

    def read_file(self, path: Path, explicit: bool) -> Iterator[Document]:
        suffix = path.suffix.lower()
        if suffix not in TEXT_SUFFIXES + JSONL_SUFFIXES:
            if explicit:
                self.skip(
                    path,
                    None,
                    f"unsupported file type {suffix or '(no extension)'!r}; "
                    "expected .txt, .md or .jsonl",
                )
            return
        real = os.path.realpath(path)
        if real in self.files:
            self.skip(path, None, f"same file as {self.files[real]} (already read)")
            return
        self.files[real] = str(path)
        if not os.path.isfile(path):
            self.skip(path, None, "not a regular file")
            return
        try:
            if suffix in JSONL_SUFFIXES:
                yield from self.read_jsonl(path)
            else:
                doc = self.read_text(path)
                if doc is not None:
                    yield doc
        except PermissionError:
            self.skip(path, None, "unreadable (permission denied)")
        except OSError as exc:
            self.skip(path, None, f"unreadable ({exc.strerror or exc})")

    # -- text files
    def read_text(self, path: Path) -> Document | None:
        size = os.stat(path).st_size
        if size > self.max_bytes:
            self.skip(
                path,
                None,
                f"file too large ({size / 2**20:.1f} MB > {self.max_bytes / 2**20:.1f} MB limit)",
            )
            return None
        with open(path, "rb") as f:
            data = f.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:  # grew while we looked
            self.skip(path, None, f"file too large (> {self.max_bytes / 2**20:.1f} MB limit)")
            return None
        try:
            text, _encoding = _decode(data)
        except _Undecodable as exc:
            self.skip(path, None, str(exc))
            return None
        text = _clean_newlines(text)
        if not text.strip():
            self.skip(path, None, "empty file")
            return None
        title = ""
        if path.suffix.lower() == ".md":
            m = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
            title = m[1] if m else ""
        name = shown(str(path))  # a file name with undecodable bytes is written escaped
        doc_id = self.unique_id(shown(path.stem), name, None, name)
        return Document(
            doc_id=doc_id, text=text, path=name, title=title, simplified=to_simplified(text)
        )

    # -- JSONL
    def read_jsonl(self, path: Path) -> Iterator[Document]:
        held = _HeldSkips(self, path)
        try:
            seen_content = yield from self.jsonl_lines(path, held)
        except OSError:
            held.release()  # read so far, reported line by line; then the error
            raise
        held.end()
        if not seen_content:
            self.skip(path, None, "empty file")

    def jsonl_lines(self, path: Path, held: _HeldSkips) -> Generator[Document, None, bool]:
        """The documents of a JSONL file's lines; returns whether it had any content."""
        limit = self.max_bytes
        seen_content = False
        with open(path, "rb") as f:
            head = f.read(_SNIFF)
            if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
                self.skip(path, None, "JSONL must be UTF-8 (UTF-16 or binary file)")
                return True
            f.seek(0)
            lineno = 0
            while True:
                raw = f.readline(limit + 1)
                if not raw:
                    break
                lineno += 1
                if len(raw) > limit and not raw.endswith(b"\n"):
                    while True:  # drain the rest of the over-long line
                        chunk = f.readline(1 << 20)
                        if not chunk or chunk.endswith(b"\n"):
                            break
                    held.skip(lineno, f"line too long (> {limit / 2**20:.1f} MB limit)")
                    seen_content = True
                    continue
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    held.skip(lineno, f"not valid UTF-8 (byte {exc.start + 1})")
                    seen_content = True
                    continue
                if not line.strip():
                    continue
                seen_content = True
                doc = self.jsonl_document(path, lineno, line, held)
                if doc is not None:
                    yield doc
        return seen_content

    def jsonl_document(
        self, path: Path, lineno: int, line: str, held: _HeldSkips
    ) -> Document | None:
        where = f"{shown(str(path))}:{lineno}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            msg = getattr(exc, "msg", str(exc))
            col = getattr(exc, "colno", None)
            held.skip(lineno, f"malformed JSON: {msg}" + (f" (column {col})" if col else ""))
            return None
        if not isinstance(obj, dict):
            held.skip(lineno, f"not a JSON object (got {type(obj).__name__})")
            return None
        if "text" not in obj:
            held.missing_text(lineno)
            return None
        held.release()  # a record with "text": a corpus file, its bad lines reported each
        text = obj["text"]
        if not isinstance(text, str):
            self.skip(path, lineno, f'"text" is not a string (got {type(text).__name__})')
            return None
        text = _no_surrogates(_clean_newlines(text))
        if not text.strip():
            self.skip(path, lineno, 'empty "text"')
            return None
        raw_id = obj.get("id")
        if isinstance(raw_id, bool) or isinstance(raw_id, (dict, list)):
            self.skip(path, lineno, f'"id" is not a string or number (got {type(raw_id).__name__})')
            return None
        doc_id = _no_surrogates(_meta_str(raw_id)) or f"{shown(path.stem)}-{lineno}"
        doc_id = self.unique_id(doc_id, where, lineno, shown(str(path)))
        return Document(
            doc_id=doc_id,
            text=text,
            path=where,
            title=_no_surrogates(_meta_str(obj.get("title"))),
            date=normalize_date(obj.get("date")),
            source=_no_surrogates(_meta_str(obj.get("source"))),
            url=_no_surrogates(_meta_str(obj.get("url"))),
            simplified=to_simplified(text),
        )


def read_corpus(
    paths,
    *,
    on_skip: Callable[[Skipped], None] | None = None,
    max_bytes: int = MAX_BYTES,
    exclude: Iterable = (),
) -> Iterator[Document]:
    """Yield a :class:`Document` for each ``.txt``/``.md`` file and each JSONL line.

    ``paths`` is a path or an iterable of paths (str or ``os.PathLike``), each a file
    or a folder. They are read in the order given; folders recursively in sorted
    order, hidden entries (``.name``) and other extensions ignored. A file named
    explicitly with another extension is skipped as unsupported.

    Problems are passed to ``on_skip`` as :class:`Skipped` and reading goes on; when
    ``on_skip`` is None they are logged on the ``extract.reader`` logger. Documents
    have ``simplified`` set; ``articles`` is left empty (see
    ``extract.articles.split_articles``).

    ``exclude``: files and folders met inside the given folders that are not read and
    not reported (a build's own output).
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    try:
        paths = list(paths)
    except TypeError:
        raise InputError(
            f"paths must be a path or an iterable of paths, not {type(paths).__name__}"
        ) from None
    for p in paths:
        if not isinstance(p, (str, os.PathLike)):
            raise InputError(f"not a path: {p!r}")
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InputError(f"max_bytes must be a positive integer, not {max_bytes!r}")
    if on_skip is not None and not callable(on_skip):
        raise InputError("on_skip must be callable")
    return _Reader(on_skip, max_bytes, exclude).walk(paths)
