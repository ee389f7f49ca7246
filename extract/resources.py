"""The word lists and lexicons under ``extract/data/``."""
from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def data_path(name: str) -> Path:
    """The path of a file under ``extract/data/``."""
    return DATA_DIR / name


def load_lines(name: str) -> list[str]:
    """The non-blank lines of a file under ``extract/data/``, stripped, in file order."""
    return [line.strip() for line in data_path(name).read_text(encoding="utf-8").splitlines() if line.strip()]
