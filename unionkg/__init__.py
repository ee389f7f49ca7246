"""unionkg: Chinese trade-union news → a knowledge graph of union initiatives.

The command line is ``unionkg`` (:mod:`unionkg.cli`); the same steps are a Python
API in :mod:`unionkg.api` (docs/api.md).
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
