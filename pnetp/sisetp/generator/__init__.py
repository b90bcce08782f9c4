"""Synthetic SISETP files with known truth, for tests, demos and benchmarks (all data fictitious).

A true population of persons is drawn first; each person then appears in one or more sources, each
appearance copied with that source's noise (typos, accent loss, dropped particles, swapped dates,
missing fields). ``generate`` writes the standard CSV files per source, ``verdade.csv`` and
``manifest.json``; the same arguments always give the same bytes.
"""

from .writer import Manifest, generate

__all__ = ["Manifest", "generate"]
