"""Real IBGE municipalities for event places, weighted toward plausible origin and exploitation UFs.

Read from the territory app's shipped CSV files, so generating needs no database.
"""

import csv
from bisect import bisect
from functools import cache
from itertools import accumulate
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "territory" / "data"

# Relative weights, loosely after where Brazilian reports place recruitment (poorer N/NE states,
# Venezuelan border) and exploitation (agribusiness frontier, big cities of the SE/CO).
ORIGIN_UF = {
    "MA": 10,
    "PI": 8,
    "BA": 9,
    "PA": 8,
    "MG": 7,
    "PE": 6,
    "CE": 6,
    "TO": 4,
    "GO": 3,
    "AM": 4,
    "RR": 3,
    "AC": 2,
    "AP": 1,
    "RO": 2,
    "MT": 2,
    "MS": 2,
    "PB": 3,
    "RN": 2,
    "AL": 3,
    "SE": 1,
    "ES": 1,
    "RJ": 3,
    "SP": 4,
    "PR": 2,
    "SC": 1,
    "RS": 2,
    "DF": 1,
}
EXPLOITATION_UF = {
    "SP": 14,
    "MG": 12,
    "PA": 8,
    "GO": 7,
    "MT": 6,
    "BA": 5,
    "RJ": 6,
    "MS": 4,
    "PR": 4,
    "SC": 4,
    "RS": 4,
    "DF": 3,
    "MA": 3,
    "TO": 3,
    "PE": 3,
    "CE": 2,
    "AM": 3,
    "RO": 2,
    "ES": 2,
    "PI": 1,
    "RR": 2,
    "AC": 1,
    "AP": 1,
    "PB": 1,
    "RN": 1,
    "AL": 1,
    "SE": 1,
}
CAPITAL_SHARE = 0.25  # capitals and their regions concentrate cases


@cache
def municipalities() -> dict[str, list[str]]:
    """UF → IBGE codes of its municipalities (capital first)."""
    capitals = {}
    with open(DATA_DIR / "federative_units.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            capitals[row["abbreviation"]] = row["capital_ibge_code"]
    by_uf: dict[str, list[str]] = {uf: [code] for uf, code in capitals.items()}
    with open(DATA_DIR / "municipalities.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["ibge_code"] != capitals[row["uf"]]:
                by_uf[row["uf"]].append(row["ibge_code"])
    return by_uf


class PlaceSampler:
    def __init__(self, uf_weights: dict[str, int]):
        self.ufs = list(uf_weights)
        self.cum = list(accumulate(uf_weights.values()))
        self.by_uf = municipalities()

    def __call__(self, rng) -> tuple[str, str]:
        """(UF, IBGE code)."""
        uf = self.ufs[bisect(self.cum, rng.random() * self.cum[-1])]
        codes = self.by_uf[uf]
        return uf, codes[0] if rng.random() < CAPITAL_SHARE else codes[int(rng.random() * len(codes))]
