"""Exceptions of the extract package.

Bad *input data* (an undecodable file, a malformed JSONL line) is not an exception:
``read_corpus`` reports it through ``on_skip`` and carries on. These exceptions are
for wrong *calls*.
"""

from __future__ import annotations

__all__ = ["ExtractError", "InputError", "OffsetOutOfRange"]


class ExtractError(Exception):
    """Base class of every error raised by ``extract``."""


class InputError(ExtractError, ValueError):
    """An argument of a reading or splitting function is invalid (wrong type, negative limit)."""


class OffsetOutOfRange(ExtractError, IndexError):
    """A character offset lies outside the articles of a document."""
