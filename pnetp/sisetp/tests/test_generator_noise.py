"""The generator's error process: each kind of error at its profile's documented rate (fixed seed, tolerance)."""

import random
from datetime import date

import pytest

from pnetp.sisetp.generator.cpf import is_valid_cpf
from pnetp.sisetp.generator.names import GIVEN_WORDS
from pnetp.sisetp.generator.noise import NOISE_LEVELS, strip_accents
from pnetp.sisetp.generator.records import CaseState, SourceProfile, appearance_rows, case_fields, true_person
from pnetp.sisetp.standard.layout import CASE_PERSON, IDENTITY

N = 20_000
SOURCE = SourceProfile(
    slug="fonte",
    name="Fonte",
    weight=1.0,
    upper=False,
    no_accents=False,
    cpf_punctuated=False,
    prefix="F-",
    missing=1.0,
)


def appearances(profile: str, seed: int = 3):
    """(true person, pessoas_casos row, identidades row) of N single-person cases of one source."""
    noise, rng = NOISE_LEVELS[profile], random.Random(seed)
    out = []
    for i in range(N):
        person = true_person(rng, i)
        state = CaseState(record_id=f"F-{i}", persons=1, fields=case_fields(rng, person, noise, SOURCE))
        row, identity = appearance_rows(rng, person, SOURCE, state, "1", noise)
        out.append(
            (person, dict(zip(CASE_PERSON.header, row)), dict(zip(IDENTITY.header, identity)) if identity else None)
        )
    return out


@pytest.fixture(scope="module", params=["low", "default", "harsh"])
def drawn(request):
    return request.param, NOISE_LEVELS[request.param], appearances(request.param)


def share(hits, total):
    assert total > 200, "too few cases to measure a rate"
    return hits / total


def _differs_by_one_digit_or_swap(a: str, b: str) -> bool:
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(a) == len(b) and (
        len(diff) == 1
        or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    )


def test_cpf_typos_kept_as_typed(drawn):
    _, noise, rows = drawn
    typed = [(p, i["cpf"]) for p, _, i in rows if i and i["cpf"]]
    wrong = [(p, cpf) for p, cpf in typed if cpf != p.cpf]
    assert share(len(wrong), len(typed)) == pytest.approx(noise.cpf_typo, abs=0.006)
    assert all(_differs_by_one_digit_or_swap(cpf, p.cpf) and not is_valid_cpf(cpf) for p, cpf in wrong)


def test_birth_date_errors(drawn):
    _, noise, rows = drawn
    dates = [(p.birth.isoformat(), i["data_nascimento"] if i else "") for p, _, i in rows]
    assert share(sum(not d for _, d in dates), len(dates)) == pytest.approx(noise.birth_date_missing, abs=0.01)
    present = [(t, d) for t, d in dates if d]
    swappable = [(t, d) for t, d in present if int(t[8:]) <= 12 and t[5:7] != t[8:]]
    swapped = sum(d == f"{t[:4]}-{t[8:]}-{t[5:7]}" for t, d in swappable)
    assert share(swapped, len(swappable)) == pytest.approx(
        noise.birth_date_swap * (1 - noise.birth_date_digit), abs=0.008
    )
    year_off = sum(d[4:] == t[4:] and abs(int(d[:4]) - int(t[:4])) == 1 for t, d in present)
    assert share(year_off, len(present)) == pytest.approx(noise.birth_year_off, abs=0.006)
    # one digit of day, month or the decade/unit of the year: some of them impossible dates, kept as typed
    digit = [
        d
        for t, d in present
        if _differs_by_one_digit_or_swap(t, d)
        and d[:2] == t[:2]
        and not (d[4:] == t[4:] and abs(int(d[:4]) - int(t[:4])) == 1)
    ]
    assert share(len(digit), len(present)) == pytest.approx(noise.birth_date_digit, abs=0.012)


def test_some_typed_dates_are_impossible():
    rows = appearances("harsh")
    impossible = 0
    for _, _, identity in rows:
        if identity and identity["data_nascimento"]:
            try:
                date.fromisoformat(identity["data_nascimento"])
            except ValueError:
                impossible += 1
    assert 0.001 < impossible / N < 0.05


def test_sex_wrong_as_well_as_missing(drawn):
    _, noise, rows = drawn
    missing = sum(not r["sexo"] for _, r, _ in rows)
    wrong = sum(bool(r["sexo"]) and r["sexo"] != p.sex for p, r, _ in rows)
    assert share(missing, N) == pytest.approx(noise.sex_missing, abs=0.006)
    assert share(wrong, N - missing) == pytest.approx(noise.sex_wrong, abs=0.004)


def test_another_municipality_for_a_share_of_records(drawn):
    _, noise, rows = drawn
    named = [(p.exploit_place[0], r["municipio_exploracao_ibge"]) for p, r, _ in rows if r["municipio_exploracao_ibge"]]
    other = sum(true != got for true, got in named)
    # the other municipality is drawn from the same UF, and may by chance be the same one
    assert share(other, len(named)) == pytest.approx(noise.other_municipality, abs=0.02)
    assert share(other, len(named)) <= noise.other_municipality + 0.01


def test_day_of_identification_disagrees(drawn):
    _, noise, rows = drawn
    days = [(p.identified.isoformat(), r["data_identificacao"]) for p, r, _ in rows if r["data_identificacao"]]
    assert share(sum(t != d for t, d in days), len(days)) == pytest.approx(noise.identification_shift, abs=0.015)
    assert all(d >= t for t, d in days)


def test_forms_of_exploitation_and_relationship_disagree(drawn):
    profile, noise, rows = drawn
    forms = [(set(p.forms), set(r["formas_exploracao"].split(";"))) for p, r, _ in rows if r["formas_exploracao"]]
    foreign = share(sum(bool(got - true) for true, got in forms), len(forms))
    # a replaced code is often one the person had (two forms make most cases): below the rate, never above
    assert noise.episode_disagreement * 0.4 < foreign <= noise.episode_disagreement + 0.01
    relations = [(p.relationship, r["relacao_aliciador"]) for p, r, _ in rows if r["relacao_aliciador"]]
    if profile == "harsh":  # its missing rates (×2) blank the relationship altogether
        assert not relations
        return
    other = share(sum(t != g for t, g in relations), len(relations))
    assert noise.episode_disagreement * 0.5 < other <= noise.episode_disagreement + 0.01


def test_second_given_name_dropped(drawn):
    _, noise, rows = drawn
    compound = [
        (p.name.split(), i["nome"])
        for p, _, i in rows
        if i and i["nome"] and len(p.name.split()) > 2 and p.name.split()[1] in GIVEN_WORDS
    ]
    dropped = 0
    for words, typed in compound:
        typed_words = strip_accents(typed).lower().split()
        # the first word kept and the second gone (not merely mistyped or abbreviated: no word of its length)
        if (
            typed_words[0] == strip_accents(words[0]).lower()
            and len(typed_words) > 1
            and typed_words[1][0] != strip_accents(words[1]).lower()[0]
        ):
            dropped += 1
    assert share(dropped, len(compound)) == pytest.approx(noise.drop_second_given, abs=0.02)


def test_profiles_are_ordered():
    low, default, harsh = (NOISE_LEVELS[k] for k in ("low", "default", "harsh"))
    for field in (
        "name_typo",
        "cpf_typo",
        "birth_date_digit",
        "birth_date_swap",
        "sex_wrong",
        "other_municipality",
        "identification_shift",
        "episode_disagreement",
        "drop_second_given",
        "field_missing",
    ):
        assert getattr(low, field) < getattr(default, field) < getattr(harsh, field), field
