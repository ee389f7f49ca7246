"""extract.resources.find_words: the same matches as a longest-first alternation's
finditer, by ``str.find`` for a few words and by one pattern for many."""

import random
import re

import pytest

from extract.resources import alternation, find_words


def by_regex(text, words):
    pattern = re.compile(alternation(sorted(words, key=lambda w: (-len(w), w))))
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("n_words", [1, 3, 16, 17, 40])
def test_find_words_agrees_with_a_longest_first_alternation(n_words):
    rng = random.Random(n_words)
    alphabet = "甲乙丙丁戊"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        words = {
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(n_words)
        }
        assert find_words(text, words) == by_regex(text, words)


def test_overlapping_words_leftmost_then_longest():
    assert find_words("王小明王小", ["王小", "王小明", "小明王"]) == [(0, 3), (3, 5)]
    assert find_words("aaa", ["aa"]) == [(0, 2)]
    assert find_words("", ["甲"]) == []
