"""Benchmarks of unionkg: ``python bench/run.py`` (or ``python -m bench.run``) and
``bench/long_doc.py``; the programs they time run as child processes from
:mod:`bench.children`. See bench/README.md.
"""
