"""Extraction quality on the shared gold sets, scored as ``../shared/tools/score.py`` does.

Two sets, both read from ``../shared`` (never copied into the repository):
- the five seed pages the rules were first built on (issue 3 targets, issue 14: entities
  >= .95 and relations >= .88 there);
- dev2, 36 articles from about 30 provinces (issue 14), with its targets (entities >= .88,
  relations >= .72, outcome >= .90, outcome + subject >= .65, every type >= .80 / .65)
  asserted as they stand in the issue. The floors here sit a little under the
  figures measured when they were set, so a change that makes extraction worse on
  either set fails, in both modes (the default NER-assisted pipeline and ``fast``,
  rules only).

When ``../shared`` is missing these tests fail with a message saying so: the figures
they guard cannot be checked without it.
"""

from pathlib import Path

import pytest

from extract.pipeline import Extractor
from extract.reader import read_corpus
from unionkg.evaluate import evaluate

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# issue 3, on the seeds: "unionkg eval --gold ../shared/gold/seeds ../shared/corpus/seeds"
SEED_TARGETS = {
    "entity.ALL": 0.95,
    "relation.ALL": 0.88,  # issue 14
    "entity.TradeUnion": 0.90,
    "entity.Place": 0.90,
    "entity.Person": 0.90,
    "entity.Programme": 0.80,
    "relation.RUNS": 0.80,
    "relation.LOCATED_IN": 0.80,
    "relation.HOLDS_POSITION": 0.80,
    "relation.ADOPTED_IN": 0.70,
    "outcome.Outcome": 0.85,
    "outcome.Outcome+subject": 0.70,
}
FLOORS = {
    ("seeds", False): {
        "entity.ALL": 0.97,
        "relation.ALL": 0.90,
        "entity.TradeUnion": 0.99,
        "entity.Place": 0.98,
        "entity.Person": 0.99,
        "entity.Programme": 0.93,
        "entity.Organization": 0.88,
        "relation.RUNS": 0.87,
        "relation.LOCATED_IN": 0.99,
        "relation.HOLDS_POSITION": 0.90,
        "relation.ADOPTED_IN": 0.85,
        "outcome.Outcome": 0.97,
        "outcome.Outcome+subject": 0.88,
    },
    ("seeds", True): {
        "entity.ALL": 0.96,
        "relation.ALL": 0.89,
        "outcome.Outcome": 0.96,
        "outcome.Outcome+subject": 0.86,
    },
    ("dev2", False): {
        "entity.ALL": 0.92,
        "relation.ALL": 0.80,
        "entity.TradeUnion": 0.92,
        "entity.Place": 0.94,
        "entity.Person": 0.96,
        "entity.Programme": 0.80,
        "entity.Organization": 0.80,
        "relation.RUNS": 0.74,
        "relation.LOCATED_IN": 0.91,
        "relation.HOLDS_POSITION": 0.82,
        "relation.ADOPTED_IN": 0.70,
        "outcome.Outcome": 0.96,
        "outcome.Outcome+subject": 0.68,
    },
    ("dev2", True): {
        "entity.ALL": 0.865,
        "relation.ALL": 0.75,
        "outcome.Outcome": 0.96,
        "outcome.Outcome+subject": 0.66,
    },
}


def _require(path: Path) -> Path:
    if not path.is_dir():
        pytest.fail(
            f"{path} not found: the gold sets live in ../shared beside the repository; "
            "clone the project next to its shared/ folder to run the quality tests"
        )
    return path


_SCORES: dict = {}


def _scores(corpus: str, fast: bool, extractors) -> dict:
    key = (corpus, fast)
    if key not in _SCORES:
        docs = _require(SHARED / "corpus" / corpus)
        gold = _require(SHARED / "gold" / corpus)
        ex = extractors(fast)
        records = {d.doc_id: ex(d).to_json() for d in read_corpus([docs])}
        _SCORES[key], _ = evaluate(gold, records)
    return _SCORES[key]


@pytest.fixture(scope="module")
def extractors(extractor):
    made = {False: extractor}

    def get(fast: bool):
        if fast not in made:
            made[fast] = Extractor(fast=True)
        return made[fast]

    return get


@pytest.mark.slow
def test_issue2_entity_f1(extractors):
    assert _scores("seeds", False, extractors)["entity.ALL"]["f1"] >= 0.6


@pytest.mark.parametrize("measure,target", sorted(SEED_TARGETS.items()))
def test_seed_target(extractors, measure, target):
    f1 = _scores("seeds", False, extractors)[measure]["f1"]
    assert f1 >= target, f"seeds {measure} F1 {f1:.3f} misses the target {target}"


# issue 14, on dev2 as a whole (NER mode, the default): entities >= .88 with every type
# >= .80, relations >= .72 with every type >= .65, outcome >= .90, outcome + subject >= .65
DEV2_TARGETS = {
    "entity.ALL": 0.88,
    **{f"entity.{t}": 0.80 for t in ("TradeUnion", "Place", "Person", "Programme", "Organization")},
    "relation.ALL": 0.72,
    **{f"relation.{t}": 0.65 for t in ("RUNS", "ADOPTED_IN", "HOLDS_POSITION", "LOCATED_IN")},
    "outcome.Outcome": 0.90,
    "outcome.Outcome+subject": 0.65,
}


@pytest.mark.parametrize("measure,target", sorted(DEV2_TARGETS.items()))
@pytest.mark.slow
def test_dev2_target(extractors, measure, target):
    # to the scorer's three decimals: 30 right, 5 wrong and 10 missed is .800, not .7999…
    f1 = round(_scores("dev2", False, extractors)[measure]["f1"], 3)
    assert f1 >= target, f"dev2 {measure} F1 {f1:.3f} misses issue 14's target {target}"


@pytest.mark.parametrize(
    "corpus,fast,measure,floor",
    [(c, f, m, v) for (c, f), floors in sorted(FLOORS.items()) for m, v in sorted(floors.items())],
)
@pytest.mark.slow
def test_no_regression(extractors, corpus, fast, measure, floor):
    f1 = _scores(corpus, fast, extractors)[measure]["f1"]
    mode = "fast" if fast else "NER"
    assert f1 >= floor, f"{corpus} ({mode} mode) {measure} F1 {f1:.3f} fell below {floor}"
