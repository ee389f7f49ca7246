"""Extraction quality on the shared seed pages, scored against their gold annotations.

Issue 2 asks for entity F1 >= 0.6 overall. The other floors sit a little under the
figures measured when they were set (docs/extraction.md), so a change that makes
extraction worse fails here. Issue 3's targets are higher than some of these
floors; docs/extraction.md lists where each measure stands against its target.
"""
from pathlib import Path

import pytest

from extract.reader import read_corpus
from unionkg.evaluate import evaluate

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

FLOORS = {
    "entity.ALL": 0.90,
    "entity.TradeUnion": 0.95, "entity.Place": 0.95, "entity.Person": 0.85, "entity.Programme": 0.78,
    "relation.RUNS": 0.66, "relation.LOCATED_IN": 0.95, "relation.HOLDS_POSITION": 0.85,
    "relation.ADOPTED_IN": 0.68,
    "outcome.Outcome": 0.85, "outcome.Outcome+subject": 0.58,
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


@pytest.mark.parametrize("measure,floor", sorted(FLOORS.items()))
def test_no_regression(scores, measure, floor):
    assert scores[measure]["f1"] >= floor, f"{measure} F1 {scores[measure]['f1']:.3f} fell below {floor}"
