"""From the standard files to one row of linkage features per person of a case.

A record is a row of ``pessoas_casos`` (key fonte|id_registro|id_pessoa); its identifiers come from
``identidades`` (names, CPF, birth date) or, in keyed-hash mode, from a token file made by
``tokens.py``; sex and the municipalities of recruitment and exploitation come from ``pessoas_casos``.
"""

import csv
from functools import lru_cache
from pathlib import Path

from .normalise import buscabr, digits, name_tokens

# Identity features, each turned into one HMAC token in keyed-hash mode.
IDENTITY_FEATURES = (
    "nome", "prenome", "sobrenome", "prenome_fon", "sobrenome_fon", "nome_fon", "meio",
    "mae", "mae_fon", "cpf", "nascimento", "ano", "nasc_ord", "dm_ord",
)
CASE_FEATURES = ("sexo", "mun_alic", "mun_expl")
COLUMNS = ("unique_id", "fonte", *IDENTITY_FEATURES, *CASE_FEATURES)

_fon = lru_cache(maxsize=200_000)(buscabr)  # names repeat a lot: the cache does most of the work


def record_key(fonte: str, id_registro: str, id_pessoa: str) -> str:
    return f"{fonte}|{id_registro}|{id_pessoa}"


def identity_features(nome: str, nome_mae: str, cpf: str, nascimento: str) -> dict:
    tokens, mother = name_tokens(nome), name_tokens(nome_mae)
    out = dict.fromkeys(IDENTITY_FEATURES)
    if tokens:
        out.update(
            nome=" ".join(tokens), prenome=tokens[0], sobrenome=tokens[-1] if len(tokens) > 1 else None,
            prenome_fon=_fon(tokens[0]), sobrenome_fon=_fon(tokens[-1]) if len(tokens) > 1 else None,
            nome_fon=" ".join(_fon(t) for t in tokens),
            # initials only: "Maria E. Santos" and "Maria Eduarda Santos" then agree
            meio=" ".join(t[0] for t in tokens[1:-1]) or None,
        )
    if mother:  # first and last word: mothers' middle names come and go between sources
        out.update(mae=" ".join(mother), mae_fon=f"{_fon(mother[0])} {_fon(mother[-1])}")
    cpf_digits = digits(cpf)
    out["cpf"] = cpf_digits if cpf_digits and len(cpf_digits) == 11 else None
    if nascimento and len(nascimento) == 10:
        y, m, d = nascimento[:4], nascimento[5:7], nascimento[8:10]
        lo, hi = sorted((m, d))
        # day/month order ignored: a swapped date keeps these keys
        out.update(nascimento=nascimento, ano=y, nasc_ord=f"{y}-{lo}-{hi}", dm_ord=f"{lo}-{hi}")
    return out


def _read(path: Path):
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def split_paths(paths) -> tuple[list[Path], list[Path]]:
    """(pessoas_casos files, identity or token files) of a directory or a list of files."""
    if isinstance(paths, (str, Path)) and Path(paths).is_dir():
        paths = sorted(Path(paths).glob("*.csv"))
    paths = [Path(p) for p in paths]
    cases = [p for p in paths if p.name.startswith("pessoas_casos")]
    ids = [p for p in paths if p.name.startswith(("identidades", "tokens"))]
    return cases, ids


def load_records(paths) -> dict[str, list]:
    """Column → values of every record. Identity files may be clear (identidades) or tokens."""
    cases, identity_files = split_paths(paths)
    identities: dict[str, dict] = {}
    for path in identity_files:
        for row in _read(path):
            key = record_key(row["fonte"], row["id_registro"], row["id_pessoa"])
            if "data_nascimento" in row:  # clear identities; token files hold the features
                identities[key] = identity_features(row["nome"], row["nome_mae"], row["cpf"], row["data_nascimento"])
            else:  # token file: already the features, hashed
                identities[key] = {f: row.get(f) or None for f in IDENTITY_FEATURES}
    columns: dict[str, list] = {c: [] for c in COLUMNS}
    empty = dict.fromkeys(IDENTITY_FEATURES)
    for path in cases:
        for row in _read(path):
            key = record_key(row["fonte"], row["id_registro"], row["id_pessoa"])
            feats = identities.get(key, empty)
            columns["unique_id"].append(key)
            columns["fonte"].append(row["fonte"])
            for f in IDENTITY_FEATURES:
                columns[f].append(feats[f])
            columns["sexo"].append(row.get("sexo") or None)
            columns["mun_alic"].append(row.get("municipio_aliciamento_ibge") or None)
            columns["mun_expl"].append(row.get("municipio_exploracao_ibge") or None)
    return columns
