"""Precision, recall and F1 of extractions against gold files.

Implements the matching rules of ``docs/annotation-guidelines.md`` as the shared
scorer applies them, so ``unionkg eval`` prints the same figures (a test checks this
against ``../shared/tools/score.py`` on the seed set):
- entities match by type and any of the gold name/aliases (after NFKC, without quotes
  and spaces); each gold entity is matched once; a second surface form of a required
  entity is a false positive (a duplicate node), of an optional one it is ignored;
  optional gold entities are neither rewarded nor punished;
- relations match by type and the gold entities their ends resolve to;
- outcomes match by value (relative tolerance 1e-6) and unit; "Outcome+subject" also
  needs the subject to resolve to the gold subject.
Figures are micro-averaged over documents.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from pathlib import Path

_QUOTES = set("\"'“”‘’「」『』《》〈〉")


def _norm(s) -> str:
    s = unicodedata.normalize("NFKC", str(s or "")).strip()
    return "".join(c for c in s if c not in _QUOTES and not c.isspace())


class _Gold:
    def __init__(self, gold: dict):
        self.entities = []
        self.index = defaultdict(set)
        for i, e in enumerate(gold.get("entities", [])):
            names = {_norm(e["name"]), *(_norm(a) for a in e.get("aliases", []))}
            self.entities.append((e["type"], names, bool(e.get("optional"))))
            for n in names:
                self.index[n].add(i)
        self.relations = [
            (r["type"], _norm(r["head"]), _norm(r["tail"]), bool(r.get("optional")))
            for r in gold.get("relations", [])
        ]
        self.outcomes = [
            (
                float(o["value"]),
                _norm(o["unit"]),
                _norm(o.get("subject", "")),
                bool(o.get("optional")),
            )
            for o in gold.get("outcomes", [])
        ]

    def resolve(self, name):
        ids = self.index.get(_norm(name), set())
        return min(ids) if ids else ("?", _norm(name))


def _entities(g: _Gold, got, counts, misses):
    used, seen = set(), set()
    for e in got:
        key = (e.get("type"), _norm(e.get("name")))
        if key in seen:
            continue
        seen.add(key)
        same = [i for i in sorted(g.index.get(key[1], ())) if g.entities[i][0] == key[0]]
        free = [i for i in same if i not in used]
        if not free:
            if same and all(g.entities[i][2] for i in same):
                continue
            counts[key[0]]["fp"] += 1
            misses["spurious"].append(f"{key[0]}:{e.get('name')}")
            continue
        used.add(free[0])
        if not g.entities[free[0]][2]:
            counts[key[0]]["tp"] += 1
    for i, (etype, names, optional) in enumerate(g.entities):
        if i not in used and not optional:
            counts[etype]["fn"] += 1
            misses["missed"].append(f"{etype}:{sorted(names)[0]}")


def _relations(g: _Gold, got, counts, misses):
    gold = {}
    names = {}
    for rtype, h, t, optional in g.relations:
        k = (rtype, g.resolve(h), g.resolve(t))
        gold[k] = optional
        names[k] = f"{rtype}:{h}->{t}"
    found = set()
    for r in got:
        k = (r.get("type"), g.resolve(r.get("head")), g.resolve(r.get("tail")))
        if k in found:
            continue
        found.add(k)
        if k in gold:
            if not gold[k]:
                counts[k[0]]["tp"] += 1
        else:
            counts[k[0]]["fp"] += 1
            misses["spurious"].append(f"{r.get('type')}:{r.get('head')}->{r.get('tail')}")
    for k, optional in gold.items():
        if k not in found and not optional:
            counts[k[0]]["fn"] += 1
            misses["missed"].append(names[k])


def _close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _outcomes(g: _Gold, got, counts, misses):
    used_v, used_s = set(), set()
    for o in got:
        try:
            value = float(o.get("value"))
        except (TypeError, ValueError):
            counts["Outcome"]["fp"] += 1
            counts["Outcome+subject"]["fp"] += 1
            continue
        unit, subject = _norm(o.get("unit")), g.resolve(o.get("subject"))
        hit = next(
            (
                i
                for i, (gv, gu, _gs, _op) in enumerate(g.outcomes)
                if i not in used_v and _close(gv, value) and gu == unit
            ),
            None,
        )
        if hit is None:
            counts["Outcome"]["fp"] += 1
            counts["Outcome+subject"]["fp"] += 1
            misses["spurious"].append(f"Outcome:{o.get('value')}{o.get('unit')}")
            continue
        used_v.add(hit)
        optional = g.outcomes[hit][3]
        if not optional:
            counts["Outcome"]["tp"] += 1
        if g.resolve(g.outcomes[hit][2]) == subject:
            used_s.add(hit)
            if not optional:
                counts["Outcome+subject"]["tp"] += 1
        else:
            counts["Outcome+subject"]["fp"] += 1
            misses["spurious"].append(
                f"Outcome+subject:{o.get('value')}{o.get('unit')}@{o.get('subject')}"
            )
    for i, (gv, gu, gs, optional) in enumerate(g.outcomes):
        if optional:
            continue
        if i not in used_v:
            counts["Outcome"]["fn"] += 1
            misses["missed"].append(f"Outcome:{gv:g}{gu}")
        if i not in used_s:
            counts["Outcome+subject"]["fn"] += 1
            if i in used_v:
                misses["missed"].append(f"Outcome+subject:{gv:g}{gu}@{gs}")


def _prf(c):
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def evaluate(gold_dir, extractions: dict[str, dict]) -> tuple[dict, dict]:
    """Score ``extractions`` (doc_id → extraction dict) against ``gold_dir/*.json``.

    Returns ``(scores, misses)``: scores keyed ``entity.TradeUnion``, ``relation.RUNS``,
    ``outcome.Outcome`` … (plus ``entity.ALL`` and ``relation.ALL``), each with p, r, f1,
    tp, fp, fn; misses per document with ``missed`` and ``spurious`` lists."""
    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold files (*.json) in {gold_dir}")
    groups: dict[str, defaultdict[str, defaultdict[str, int]]] = {
        "entity": defaultdict(lambda: defaultdict(int)),
        "relation": defaultdict(lambda: defaultdict(int)),
        "outcome": defaultdict(lambda: defaultdict(int)),
    }
    misses: dict[str, dict[str, list[str]]] = {}
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        g = _Gold(gold)
        got = extractions.get(gold.get("doc_id", f.stem), {})
        m: dict[str, list[str]] = {"missed": [], "spurious": []}
        _entities(g, got.get("entities", []), groups["entity"], m)
        _relations(g, got.get("relations", []), groups["relation"], m)
        _outcomes(g, got.get("outcomes", []), groups["outcome"], m)
        misses[f.stem] = m
    scores = {}
    for group, counts in groups.items():
        total: defaultdict[str, int] = defaultdict(int)
        for name in sorted(counts):
            scores[f"{group}.{name}"] = _prf(counts[name])
            for k in ("tp", "fp", "fn"):
                total[k] += counts[name][k]
        if group != "outcome":
            scores[f"{group}.ALL"] = _prf(total)
    return scores, misses
