"""Unique persons across SISETP sources: probabilistic record linkage (Fellegi–Sunter, Splink on DuckDB).

``run.link`` links the standard files (clear identities or keyed-hash tokens), ``review`` keeps
analysts' decisions binding, ``run.stable_ids`` keeps person ids stable between runs.
"""
