"""Public statistics of the SISETP: an indicator catalogue, DuckDB computation and protected tables.

Counts are of unique persons (``CasePerson.person_key`` from ``pnetp sisetp dedupe --aplicar``), and every
number leaves through ``pnetp.disclosure``.
"""
