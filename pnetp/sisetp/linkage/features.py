"""From the standard files to one row of linkage features per person of a case.

A record is a row of ``pessoas_casos`` (key fonte|id_registro|id_pessoa); its identifiers come from
``identidades`` (names, CPF, birth date) or, in keyed-hash mode, from a token file made by
``tokens.py``; sex and the municipalities of recruitment and exploitation come from ``pessoas_casos``.
Each name, mother's name and date is turned into features once (they repeat a lot), so a million
records take seconds rather than minutes.
"""

import csv
from functools import lru_cache
from pathlib import Path

from pnetp.core.memory import paused_gc
from .normalise import buscabr, digits, name_tokens

# Identity features, each turned into one HMAC token in keyed-hash mode.
NAME_FEATURES = ("nome", "prenome", "sobrenome", "prenome_fon", "sobrenome_fon", "nome_fon", "meio", "meio_fon")
MOTHER_FEATURES = ("mae", "mae_fon")
DATE_FEATURES = ("nascimento", "ano", "nasc_ord", "dm_ord")
IDENTITY_FEATURES = (*NAME_FEATURES, *MOTHER_FEATURES, "cpf", *DATE_FEATURES)
CASE_FEATURES = ("sexo", "mun_alic", "mun_expl")
COLUMNS = ("unique_id", "fonte", *IDENTITY_FEATURES, *CASE_FEATURES)
_CACHE = 1_000_000  # distinct names kept; a million records hold fewer

_fon = lru_cache(maxsize=200_000)(buscabr)


def record_key(fonte: str, id_registro: str, id_pessoa: str) -> str:
    return f"{fonte}|{id_registro}|{id_pessoa}"


@lru_cache(maxsize=_CACHE)
def _name(nome: str) -> tuple:
    tokens = name_tokens(nome)
    if not tokens:
        return (None,) * len(NAME_FEATURES)
    last = tokens[-1] if len(tokens) > 1 else None
    return (
        " ".join(tokens), tokens[0], last, _fon(tokens[0]), _fon(last) if last else None,
        " ".join(_fon(t) for t in tokens),
        # initials only: "Maria E. Santos" and "Maria Eduarda Santos" then agree
        " ".join(t[0] for t in tokens[1:-1]) or None,
        " ".join(_fon(t) for t in tokens[1:-1]) or None,  # middle words, phonetic: their own rarity
    )


@lru_cache(maxsize=_CACHE)
def _mother(nome_mae: str) -> tuple:
    mother = name_tokens(nome_mae)
    if not mother:
        return None, None
    # first and last word: mothers' middle names come and go between sources
    return " ".join(mother), f"{_fon(mother[0])} {_fon(mother[-1])}"


@lru_cache(maxsize=100_000)
def _cpf(cpf: str) -> str | None:
    cpf_digits = digits(cpf)
    return cpf_digits if cpf_digits and len(cpf_digits) == 11 else None


@lru_cache(maxsize=100_000)
def _date(nascimento: str) -> tuple:
    if not nascimento or len(nascimento) != 10:
        return (None,) * len(DATE_FEATURES)
    y, m, d = nascimento[:4], nascimento[5:7], nascimento[8:10]
    lo, hi = sorted((m, d))
    # day/month order ignored: a swapped date keeps these keys
    return nascimento, y, f"{y}-{lo}-{hi}", f"{lo}-{hi}"


def identity_tuple(nome: str, nome_mae: str, cpf: str, nascimento: str) -> tuple:
    """The values of ``IDENTITY_FEATURES``, in that order."""
    return (*_name(nome or ""), *_mother(nome_mae or ""), _cpf(cpf or ""), *_date(nascimento or ""))


def identity_features(nome: str, nome_mae: str, cpf: str, nascimento: str) -> dict:
    return dict(zip(IDENTITY_FEATURES, identity_tuple(nome, nome_mae, cpf, nascimento)))


def _rows(path: Path):
    """Header → index, then the rows as lists (csv.reader: several times faster than DictReader)."""
    handle = open(path, encoding="utf-8", newline="")
    reader = csv.reader(handle)
    header = next(reader, [])
    return handle, {name: i for i, name in enumerate(header)}, reader


def split_paths(paths) -> tuple[list[Path], list[Path]]:
    """(pessoas_casos files, identity or token files) of a directory or a list of files."""
    if isinstance(paths, (str, Path)) and Path(paths).is_dir():
        paths = sorted(Path(paths).glob("*.csv"))
    paths = [Path(p) for p in paths]
    cases = [p for p in paths if p.name.startswith("pessoas_casos")]
    ids = [p for p in paths if p.name.startswith(("identidades", "tokens"))]
    return cases, ids


def _identities(path: Path) -> dict[str, tuple]:
    handle, col, reader = _rows(path)
    with handle:
        f, r, p = col["fonte"], col["id_registro"], col["id_pessoa"]
        out = {}
        if "data_nascimento" in col:  # clear identities
            n, m, c, d = col["nome"], col["nome_mae"], col["cpf"], col["data_nascimento"]
            for row in reader:
                out[f"{row[f]}|{row[r]}|{row[p]}"] = identity_tuple(row[n], row[m], row[c], row[d])
        else:  # token file: already the features, hashed (a feature missing from an older file is empty)
            idx = [col.get(name) for name in IDENTITY_FEATURES]
            for row in reader:
                out[f"{row[f]}|{row[r]}|{row[p]}"] = tuple((row[i] or None) if i is not None else None for i in idx)
        return out


def load_records(paths) -> dict[str, list]:
    """Column → values of every record. Identity files may be clear (identidades) or tokens."""
    with paused_gc():  # millions of small tuples, none cyclic
        try:
            return _load_records(paths)
        finally:
            _name.cache_clear()  # the values live on in the columns; the caches' own tuples can go
            _mother.cache_clear()


def _load_records(paths) -> dict[str, list]:
    cases, identity_files = split_paths(paths)
    identities: dict[str, tuple] = {}
    for path in identity_files:
        identities.update(_identities(path))
    keys, sources, feats, sex, mun_alic, mun_expl = [], [], [], [], [], []
    empty = (None,) * len(IDENTITY_FEATURES)
    for path in cases:
        handle, col, reader = _rows(path)
        with handle:
            f, r, p = col["fonte"], col["id_registro"], col["id_pessoa"]
            s, a, e = (col.get(name) for name in ("sexo", "municipio_aliciamento_ibge", "municipio_exploracao_ibge"))
            for row in reader:
                key = f"{row[f]}|{row[r]}|{row[p]}"
                keys.append(key)
                sources.append(row[f])
                feats.append(identities.get(key, empty))
                sex.append((row[s] or None) if s is not None else None)
                mun_alic.append((row[a] or None) if a is not None else None)
                mun_expl.append((row[e] or None) if e is not None else None)
    columns = {"unique_id": keys, "fonte": sources}
    for name, values in zip(IDENTITY_FEATURES, zip(*feats) if feats else [()] * len(IDENTITY_FEATURES)):
        columns[name] = list(values)
    columns.update(sexo=sex, mun_alic=mun_alic, mun_expl=mun_expl)
    return columns
