"""From the standard files to one row of linkage features per person of a case.

A record is a row of ``pessoas_casos`` (key fonte|id_registro|id_pessoa); its identifiers come from
``identidades`` (names, CPF, birth date) or, in keyed-hash mode, from a token file made by
``tokens.py``; from ``pessoas_casos`` come the person's attributes that other institutions record
too: sex, the municipalities of recruitment and exploitation, an approximate birth year (year of
identification minus the age then; many records without a birth date have an age), role, race/colour,
education and citizenships; and the episode the sources saw: date of identification, forms of
exploitation, means of control, forms of recruitment, relationship to the recruiter. They are not
identifiers, but a record with no birth date and no mother's name is otherwise told from a namesake
by its name alone.
Each name, mother's name and date is turned into features once (they repeat a lot), so a million
records take seconds rather than minutes.
"""

import csv
from functools import lru_cache
from pathlib import Path

from pnetp.core.memory import paused_gc
from pnetp.core.spreadsheet_safety import unneutralise
from pnetp.sisetp.generator.cpf import is_valid_cpf
from .normalise import buscabr, digits, name_tokens

# Identity features, each turned into one HMAC token in keyed-hash mode.
NAME_FEATURES = ("nome", "prenome", "sobrenome", "prenome_fon", "sobrenome_fon", "nome_fon", "meio", "meio_fon")
MOTHER_FEATURES = ("mae", "mae_fon")
DATE_FEATURES = ("nascimento", "ano", "nasc_ord", "dm_ord")
# cpf: a CPF whose check digits hold (the exact and blocking key); cpf_digitado: any 11 digits as typed,
# flagged ones included, for the one-typo comparison only (see ``model._cpf``)
IDENTITY_FEATURES = (*NAME_FEATURES, *MOTHER_FEATURES, "cpf", *DATE_FEATURES, "cpf_digitado")
# the episode: what happened to the person, which every source that saw it writes down
EPISODE_FEATURES = ("data_ident", "formas", "controle", "aliciamento", "relacao")
CASE_FEATURES = (
    "sexo", "mun_alic", "mun_expl", "ano_aprox", "papel", "raca", "escolaridade", "nacionalidades", *EPISODE_FEATURES
)  # fmt: skip
# case_tuple's arguments → pessoas_casos columns
_CASE_COLUMNS = {
    "sex": "sexo", "mun_alic": "municipio_aliciamento_ibge", "mun_expl": "municipio_exploracao_ibge", "age": "idade",
    "identified": "data_identificacao", "reported": "data_registro", "role": "papel", "race": "raca_cor",
    "education": "escolaridade", "citizenships": "nacionalidades", "relationship": "relacao_aliciador",
    "forms": "formas_exploracao", "control": "meios_controle", "recruitment": "formas_aliciamento",
}  # fmt: skip
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
        " ".join(tokens),
        tokens[0],
        last,
        _fon(tokens[0]),
        _fon(last) if last else None,
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


def _cpfs(cpf: str, flagged: bool = False) -> tuple[str | None, str | None]:
    """(valid CPF or None, the 11 digits as typed): a CPF flagged invalid at import, or whose check digits
    fail, is never an exact or blocking key; its digits still count as a one-typo match."""
    typed = _cpf(cpf)
    return (None if flagged or not is_valid_cpf(typed) else typed), typed


@lru_cache(maxsize=100_000)
def _date(nascimento: str) -> tuple:
    if not nascimento or len(nascimento) != 10:
        return (None,) * len(DATE_FEATURES)
    y, m, d = nascimento[:4], nascimento[5:7], nascimento[8:10]
    lo, hi = sorted((m, d))
    # day/month order ignored: a swapped date keeps these keys
    return nascimento, y, f"{y}-{lo}-{hi}", f"{lo}-{hi}"


@lru_cache(maxsize=100_000)
def _year(text: str) -> int | None:
    """Year of an ISO (aaaa-mm-dd) or Brazilian (dd/mm/aaaa) date, or of a bare year."""
    text = (text or "").strip()
    digits_ = text[-4:] if "/" in text else text[:4]
    return int(digits_) if len(digits_) == 4 and digits_.isdigit() else None


def approximate_birth_year(age, identification_date, reporting_date) -> str | None:
    """Year of identification minus the age at identification (the age a source wrote down then).

    Without the identification date the record's date stands in: it follows the identification by
    weeks or months, a year at most off, which the comparison's one-year level already allows.
    """
    try:
        age = int(age)
    except (TypeError, ValueError):
        return None
    year = _year(str(identification_date or "")) or _year(str(reporting_date or ""))
    return str(year - age) if year and 0 <= age <= 120 else None


@lru_cache(maxsize=100_000)
def iso_date(text: str | None) -> str | None:
    """aaaa-mm-dd of an ISO or Brazilian (dd/mm/aaaa) date, as the database gives it back."""
    if not text:
        return None
    if "/" in text:
        day, month, year = (text.split("/") + ["", ""])[:3]
        return f"{year}-{month.zfill(2)}-{day.zfill(2)}"
    return text[:10]


def set_key(codes) -> str | None:
    """Codes of a multi-valued field as one order-free value ("a;b" and "b;a" agree)."""
    if isinstance(codes, str):
        if ";" not in codes:  # most cells hold one code: no set to build
            return codes.strip() or None
        codes = codes.split(";")
    return ";".join(sorted({c.strip() for c in codes or () if c and c.strip()})) or None


def citizenship_key(codes) -> str | None:
    """Citizenships as one order-free value ("BR;VE" and "ve;br" agree)."""
    if isinstance(codes, str):
        codes = codes.split(";")
    return set_key([c.upper() for c in codes or () if c])


def case_tuple(
    *,
    sex,
    mun_alic,
    mun_expl,
    age,
    identified,
    reported,
    role,
    race,
    education,
    citizenships,
    relationship,
    forms,
    control,
    recruitment,
) -> tuple:
    """The values of ``CASE_FEATURES``, in that order, from a ``pessoas_casos`` row (text) or from a
    ``CasePerson`` (dates, lists of codes): both ways give the same features."""
    return (
        sex or None, mun_alic or None, mun_expl or None, approximate_birth_year(age, identified, reported),
        role or None, race or None, education or None, citizenship_key(citizenships),
        iso_date(str(identified)) if identified else None, set_key(forms), set_key(control), set_key(recruitment),
        relationship or None,
    )  # fmt: skip


def identity_tuple(nome: str, nome_mae: str, cpf: str, nascimento: str, cpf_flagged: bool = False) -> tuple:
    """The values of ``IDENTITY_FEATURES``, in that order. A birth date is kept as typed, an impossible
    one (31/02) too: its digits are compared with one-typo tolerance."""
    valid, typed = _cpfs(cpf or "", cpf_flagged)
    return (*_name(nome or ""), *_mother(nome_mae or ""), valid, *_date(nascimento or ""), typed)


def identity_features(nome: str, nome_mae: str, cpf: str, nascimento: str, cpf_flagged: bool = False) -> dict:
    return dict(zip(IDENTITY_FEATURES, identity_tuple(nome, nome_mae, cpf, nascimento, cpf_flagged)))


def _cell(row: list, i: int | None) -> str | None:
    return (row[i] or None) if i is not None else None


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
                out[_record_key(row, f, r, p)] = identity_tuple(row[n], row[m], row[c], row[d])
        else:  # token file: already the features, hashed (a feature missing from an older file is empty)
            idx = [col.get(name) for name in IDENTITY_FEATURES]
            for row in reader:
                out[_record_key(row, f, r, p)] = tuple((row[i] or None) if i is not None else None for i in idx)
        return out


def _record_key(row: list, f: int, r: int, p: int) -> str:
    # Token files are written through core.spreadsheet_safety: a key that looked like a formula has an apostrophe.
    return f"{unneutralise(row[f])}|{unneutralise(row[r])}|{unneutralise(row[p])}"


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
    keys, sources, feats, cases_ = [], [], [], []
    empty = (None,) * len(IDENTITY_FEATURES)
    # a million rows repeat a few thousand values: one object per value, not per row (≈ 0.5 GB at 1M)
    same: dict = {None: None}
    for path in cases:
        handle, col, reader = _rows(path)
        with handle:
            f, r, p = col["fonte"], col["id_registro"], col["id_pessoa"]
            where = {name: col.get(column) for name, column in _CASE_COLUMNS.items()}
            for row in reader:
                key = f"{row[f]}|{row[r]}|{row[p]}"
                keys.append(key)
                sources.append(same.setdefault(row[f], row[f]))
                feats.append(identities.get(key, empty))
                values = case_tuple(**{name: _cell(row, i) for name, i in where.items()})
                cases_.append(tuple(same.setdefault(v, v) for v in values))
    columns = {"unique_id": keys, "fonte": sources}
    for name, values in zip(IDENTITY_FEATURES, zip(*feats) if feats else [()] * len(IDENTITY_FEATURES)):
        columns[name] = list(values)
    for name, values in zip(CASE_FEATURES, zip(*cases_) if cases_ else [()] * len(CASE_FEATURES)):
        columns[name] = list(values)
    return columns
