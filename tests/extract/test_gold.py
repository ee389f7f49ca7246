"""Extraction quality on the shared seed pages, scored against their gold annotations.

Issue 2 asks for entity F1 >= 0.6 overall; issue 3 sets a target per measure
(TARGETS). The floors sit a little under the figures measured when they were set
(docs/extraction.md), so a change that makes extraction worse fails here even while
it still meets the target.
"""
from pathlib import Path

import pytest

from extract.reader import read_corpus
from unionkg.evaluate import evaluate

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# issue 3: "unionkg eval --gold ../shared/gold/seeds ../shared/corpus/seeds"
TARGETS = {
    "entity.TradeUnion": 0.90, "entity.Place": 0.90, "entity.Person": 0.90, "entity.Programme": 0.80,
    "relation.RUNS": 0.80, "relation.LOCATED_IN": 0.80, "relation.HOLDS_POSITION": 0.80,
    "relation.ADOPTED_IN": 0.70,
    "outcome.Outcome": 0.85, "outcome.Outcome+subject": 0.70,
}
FLOORS = {
    "entity.ALL": 0.96,
    "entity.TradeUnion": 0.97, "entity.Place": 0.97, "entity.Person": 0.97, "entity.Programme": 0.90,
    "relation.RUNS": 0.83, "relation.LOCATED_IN": 0.97, "relation.HOLDS_POSITION": 0.88,
    "relation.ADOPTED_IN": 0.80,
    "outcome.Outcome": 0.91, "outcome.Outcome+subject": 0.78,
}


@pytest.fixture(scope="module")
def scores(extractor):
    seeds, gold = SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds"
    if not gold.is_dir():
        pytest.skip(f"{gold} not found: the seed corpus and gold live in ../shared beside the repository")
    records = {d.doc_id: extractor(d).to_json() for d in read_corpus([seeds])}
    result, _ = evaluate(gold, records)
    return result


def test_issue2_entity_f1(scores):
    assert scores["entity.ALL"]["f1"] >= 0.6


@pytest.mark.parametrize("measure,target", sorted(TARGETS.items()))
def test_issue3_target(scores, measure, target):
    assert scores[measure]["f1"] >= target, f"{measure} F1 {scores[measure]['f1']:.3f} misses the target {target}"


@pytest.mark.parametrize("measure,floor", sorted(FLOORS.items()))
def test_no_regression(scores, measure, floor):
    assert scores[measure]["f1"] >= floor, f"{measure} F1 {scores[measure]['f1']:.3f} fell below {floor}"
