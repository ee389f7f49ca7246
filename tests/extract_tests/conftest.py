"""Fixtures for the extractor tests: one Extractor (jieba warmed once) per session."""

import pytest

from extract.pipeline import Extractor
from extract.records import Document


@pytest.fixture(scope="session")
def extractor():
    return Extractor()


@pytest.fixture(scope="session")
def run(extractor):
    """Extract a short text written for the tests; returns the extraction as a dict."""

    def _run(text, date=None):
        return extractor(Document(doc_id="t", text=text, date=date)).to_json()

    return _run
