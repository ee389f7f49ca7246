"""Learning the weights of the programme-name scorer (:mod:`extract.programme_model`).

``python -m extract.programme_training TEXT GOLD [TEXT GOLD ...] -o FILE`` reads each
folder of texts with its folder of gold (one ``<doc_id>.json`` per text, in the format of
``../shared/gold``), runs the rules on every text, and learns from each candidate whether
it is a programme's name in the gold. The file it writes replaces
``extract/data/programme_model.txt``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import textwrap
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from .context import DocContext
from .pipeline import Extractor
from .programme_model import DocView, escape, features, norm_name, probability
from .reader import read_corpus


def examples(ctx: DocContext, gold: dict, max_chars: int = 24) -> Iterator[tuple[list[str], int]]:
    """The candidates of a document whose rules have run, with their features and label:
    1 when the candidate is a name or alias of a programme in ``gold`` (a dict in the
    format of ``../shared/gold``), 0 when it is no programme's; a candidate naming only
    an optional programme is left out (neither right nor wrong)."""
    pos: set[str] = set()
    opt: set[str] = set()
    for ent in gold.get("entities", []):
        if ent.get("type") == "Programme":
            names = {norm_name(ent["name"])} | {norm_name(a) for a in ent.get("aliases", [])}
            (opt if ent.get("optional") else pos).update(names)
    v = DocView.of(ctx, max_chars)
    for c in v.candidates:
        n = norm_name(ctx.text[c.start : c.end])
        if n in opt and n not in pos:
            continue
        yield features(v, c), int(n in pos)


def train(
    rows: Sequence[tuple[str, list[str], int]],
    *,
    min_docs: int = 3,
    epochs: int = 10,
    rate: float = 0.1,
    l2: float = 1e-4,
    seed: int = 0,
) -> dict[str, float]:
    """Weights of a logistic regression, by stochastic gradient descent in a seeded order,
    over ``(document, features, label)`` rows; a feature seen in fewer than ``min_docs``
    documents gets none. Same rows, same weights."""
    docs: dict[str, set[str]] = defaultdict(set)
    for doc, feats, _ in rows:
        for x in feats:
            docs[x].add(doc)
    keep = {x for x, d in docs.items() if len(d) >= min_docs}
    data = [([x for x in feats if x in keep], y) for _, feats, y in rows]
    w: dict[str, float] = defaultdict(float)
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, y = data[i]
            g = probability(w, feats) - y
            for x in feats:
                w[x] -= rate * (g + l2 * w[x])
    return {x: round(v, 6) for x, v in sorted(w.items()) if abs(v) >= 1e-4}


_HEADER = """\
Weights of the programme-name scorer (extract/programme_model.py): a logistic regression
over the features of a stretch of text that ends in a tail of programme_names.txt
[model_tails]. Written by `python -m extract.programme_training`; do not edit by hand.
Source: learnt from {docs} annotated union news articles ({about}); the articles are not
part of the repository. Only a feature seen in at least {min_docs} of them has a weight: the
words of the genre and the shapes of names, not the names of any article.
Feature keys: T tail; L, CL length (whole, before the tail); PW, PC, PT word, character
and tag before; NC, NW, NT after; FW, FT first word and tag; Q quotes; Y year; ED
edition; D figures; NV verbs inside; has<TAG> a tag inside; IW a word inside; NWD words;
BAD words the rules keep out of names; S0, E0 a name the rules found starting, ending
there; REP repeats in the document. A word the NER model labels a name stands as its
label (<LOC>, <ORG> …), a word with figures as <NUM>.
"""


def header(docs: int, about: str, min_docs: int) -> str:
    """The weights file's header: ``#`` lines of at most 90 characters."""
    text = " ".join(_HEADER.format(docs=docs, about=about, min_docs=min_docs).split())
    paragraphs = re.split(r" (?=Source:|Feature keys:)", text)
    return "\n".join(
        "\n".join(textwrap.wrap(p, 88, initial_indent="# ", subsequent_indent="# "))
        for p in paragraphs
    )


def _rows(ex: Extractor, pairs: list[str], max_chars: int) -> tuple[list, int]:
    rows: list[tuple[str, list[str], int]] = []
    n_docs = 0
    for text_dir, gold_dir in zip(pairs[::2], pairs[1::2], strict=True):
        for doc in read_corpus(text_dir):
            gold_path = Path(gold_dir) / f"{doc.doc_id}.json"
            if not gold_path.exists():
                print(f"{doc.doc_id}: no gold at {gold_path}; left out", file=sys.stderr)
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            ctx = ex.context(doc)
            for name, step in ex.steps:
                if name != "programme_model":
                    step(ctx)  # the step reads the rules' names, as in a run
            n_docs += 1
            key = f"{gold_dir}/{doc.doc_id}"
            rows.extend((key, f, y) for f, y in examples(ctx, gold, max_chars))
    return rows, n_docs


def main(argv: list[str] | None = None) -> int:
    """Learn the weights from folders of texts and their gold."""
    ap = argparse.ArgumentParser(
        prog="python -m extract.programme_training",
        description="Learn the weights of the programme-name scorer from annotated articles "
        "and write them to a new file (copy it over extract/data/programme_model.txt to use it).",
        epilog="example (from a checkout with ../shared beside it): python -m "
        "extract.programme_training ../shared/corpus/seeds ../shared/gold/seeds "
        "-o /tmp/programme_model.txt --about 'the five seed pages'",
    )
    ap.add_argument("pairs", nargs="+", help="a folder of texts, then its folder of gold; repeat")
    ap.add_argument("-o", "--output", required=True, help="the weights file to write (new)")
    ap.add_argument("--about", default="", help="what the articles are, for the file's header")
    ap.add_argument("--threshold", type=float, default=0.9, help="default: %(default)s")
    ap.add_argument("--max-chars", type=int, default=24, help="default: %(default)s")
    ap.add_argument("--min-docs", type=int, default=3, help="default: %(default)s")
    args = ap.parse_args(argv)
    if len(args.pairs) % 2:
        ap.error("give the folders in pairs: TEXT GOLD")
    missing = [p for p in args.pairs if not Path(p).is_dir()]
    if missing:
        ap.error(f"no such folder: {', '.join(missing)}")
    out = Path(args.output)
    if out.exists():
        ap.error(f"{out} exists; name a new file")
    rows, n_docs = _rows(Extractor(learned=True), args.pairs, args.max_chars)
    if not n_docs:
        ap.error("no text with a gold file: nothing to learn from")
    weights = train(rows, min_docs=args.min_docs)
    about = args.about or ", ".join(args.pairs[::2])
    lines = [header(n_docs, about, args.min_docs), "", "[settings]"]
    lines += [
        f"threshold {args.threshold}",
        f"max_chars {args.max_chars}",
        f"min_docs {args.min_docs}",
        "[weights]",
    ]
    lines.extend(f"{escape(x)}\t{w}" for x, w in weights.items())
    with open(out, "x", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{out}: {len(weights)} weights from {len(rows)} candidates in {n_docs} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
