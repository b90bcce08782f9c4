"""The synthetic-source generator: determinism, counts, valid codes and places, the truth, the noise."""

import csv
import hashlib
import json
import re
from collections import Counter, defaultdict

import pytest

from pnetp.accounts.cpf import is_valid_cpf as accounts_is_valid_cpf
from pnetp.sisetp.generator import generate
from pnetp.sisetp.generator.cpf import _MODULUS, _MULTIPLIER, _OFFSET, check_digits, cpf_for_index, is_valid_cpf
from pnetp.sisetp.generator.noise import NOISE_LEVELS, strip_accents
from pnetp.sisetp.generator.territory import municipalities
from pnetp.sisetp.generator.truth import read_truth
from pnetp.sisetp.standard.layout import CASE_PERSON, IDENTITY, split_list
from pnetp.sisetp.standard.vocabularies import get_vocabulary

RECORDS, SOURCES = 30_000, 4


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def digests(folder):
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("gerados")
    manifest = generate(RECORDS, SOURCES, seed=42, out_dir=out, workers=2)
    cases = {s["slug"]: read_rows(out / s["cases_file"]) for s in manifest.source_files}
    identities = {s["slug"]: read_rows(out / s["identities_file"]) for s in manifest.source_files}
    population = {int(row["id_pessoa_verdadeira"]): row for row in read_rows(out / manifest.population_file)}
    return out, manifest, cases, identities, population


# --- CPF ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cpf", ["529.982.247-25", "111.444.777-35", "12345678909", "000.000.001-91"])
def test_known_valid_cpfs(cpf):
    assert is_valid_cpf(cpf)
    digits = re.sub(r"\D", "", cpf)
    assert check_digits(digits[:9]) == digits[9:]


@pytest.mark.parametrize(
    "cpf", ["111.111.111-11", "00000000000", "999.999.999-99", "529.982.247-24", "111.444.777-53", "1234567890", ""]
)
def test_invalid_cpfs_are_rejected(cpf):
    assert not is_valid_cpf(cpf)


def test_generated_cpfs_are_valid_distinct_and_agree_with_accounts():
    cpfs = [cpf_for_index(i) for i in range(20_000)]
    assert len(set(cpfs)) == len(cpfs)
    assert all(is_valid_cpf(cpf) and accounts_is_valid_cpf(cpf) for cpf in cpfs)


def test_repeated_digit_bases_are_skipped():
    inverse = pow(_MULTIPLIER, -1, _MODULUS)
    for digit in range(10):
        index = (int(str(digit) * 9) - _OFFSET) * inverse % _MODULUS  # the index that would give "ddddddddd"
        cpf = cpf_for_index(index)
        assert is_valid_cpf(cpf) and cpf[:9] != str(digit) * 9


# --- files -------------------------------------------------------------------------------------------


def test_same_arguments_same_bytes_whatever_the_workers(tmp_path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(60_000, 3, seed=7, out_dir=first, workers=1)  # two blocks
    generate(60_000, 3, seed=7, out_dir=second, workers=2)
    generate(60_000, 3, seed=8, out_dir=other, workers=2)
    assert digests(first) == digests(second)
    assert digests(first)["verdade.csv"] != digests(other)["verdade.csv"]


def test_counts_and_manifest(generated):
    out, manifest, cases, identities, population = generated
    saved = json.loads((out / "manifest.json").read_text("utf-8"))
    assert saved == manifest.as_dict() and saved["seed"] == 42 and saved["noise_params"]["cpf"] == 0.30
    assert sum(len(rows) for rows in cases.values()) == RECORDS
    assert [len(cases[s["slug"]]) for s in manifest.source_files] == [s["rows"] for s in manifest.source_files]
    assert [len(identities[s["slug"]]) for s in manifest.source_files] == [
        s["identity_rows"] for s in manifest.source_files
    ]
    assert len(population) == manifest.persons == sum(manifest.persons_by_source_count.values())
    assert sum(int(row["fontes"]) for row in population.values()) == RECORDS
    for slug, rows in cases.items():
        assert {row["fonte"] for row in rows} == {slug}
        keys = [(row["id_registro"], row["id_pessoa"]) for row in rows]
        assert len(set(keys)) == len(keys)
        assert {(row["id_registro"], row["id_pessoa"]) for row in identities[slug]} <= set(keys)


def test_headers_follow_the_layout(generated):
    out, manifest, *_ = generated
    for source in manifest.source_files:
        for name, resource in ((source["cases_file"], CASE_PERSON), (source["identities_file"], IDENTITY)):
            with open(out / name, encoding="utf-8") as handle:
                assert handle.readline().rstrip("\n").split(",") == resource.header


def test_truth_covers_every_record(generated):
    out, manifest, cases, _, population = generated
    truth = read_truth(out)
    keys = {(row["fonte"], row["id_registro"], row["id_pessoa"]) for rows in cases.values() for row in rows}
    assert set(truth) == keys and set(truth.values()) == set(population)
    # A person appears at most once per source, and as often as the population file says.
    seen = Counter((key[0], person) for key, person in truth.items())
    assert max(seen.values()) == 1
    per_person = Counter(truth.values())
    assert all(per_person[pid] == int(row["fontes"]) for pid, row in population.items())


def test_coded_columns_hold_vocabulary_codes_and_patterns_hold(generated):
    _, _, cases, identities, _ = generated
    for resource, tables in ((CASE_PERSON, cases), (IDENTITY, identities)):
        for col in resource.columns:
            codes = set(get_vocabulary(col.vocabulary).codes()) if col.vocabulary else None
            pattern = re.compile(col.constraints["pattern"]) if "pattern" in col.constraints else None
            for rows in tables.values():
                values = [row[col.name] for row in rows]
                if col.required:
                    assert all(values), col.name
                for value in filter(None, values):
                    if codes is not None:
                        items = split_list(value) if col.multiple else [value]
                        assert set(items) <= codes, (col.name, value)
                    if pattern:
                        assert pattern.match(value), (col.name, value)
                    if col.type == "date":
                        assert re.fullmatch(r"\d{4}-\d\d-\d\d", value), (col.name, value)


def test_municipalities_are_real_ibge_codes(generated):
    _, _, cases, _, _ = generated
    real = {code for codes in municipalities().values() for code in codes}
    assert len(real) == 5570
    used = Counter(
        row[name]
        for rows in cases.values()
        for row in rows
        for name in ("municipio_aliciamento_ibge", "municipio_exploracao_ibge")
        if row[name]
    )
    assert set(used) <= real and len(used) > 1000  # spread over many places, capitals more often
    assert used.most_common(1)[0][1] > 50


def test_cpfs_valid_and_never_shared_by_two_true_persons(generated):
    """True CPFs are valid and distinct; a record's CPF is the true one, or that one with one digit
    mistyped (kept as typed, so its check digits fail) at the profile's rate."""
    out, _, _, identities, population = generated
    truth = read_truth(out)
    assert len({row["cpf"] for row in population.values()}) == len(population)
    assert all(is_valid_cpf(row["cpf"]) for row in population.values())
    typed = mistyped = 0
    for slug, rows in identities.items():
        for row in filter(lambda r: r["cpf"], rows):
            typed += 1
            person = truth[(slug, row["id_registro"], row["id_pessoa"])]
            cpf, true = re.sub(r"\D", "", row["cpf"]), population[person]["cpf"]
            if cpf != true:
                mistyped += 1
                assert not is_valid_cpf(cpf) and len(cpf) == 11
                assert sum(a != b for a, b in zip(cpf, true)) in (1, 2)
    assert mistyped / typed == pytest.approx(NOISE_LEVELS["default"].cpf_typo, abs=0.01)


def test_shares_roughly_match_the_parameters(generated):
    _, manifest, cases, identities, population = generated
    rows = [row for rows in identities.values() for row in rows]
    multi = sum(count for k, count in manifest.persons_by_source_count.items() if int(k) > 1) / manifest.persons
    assert multi == pytest.approx(0.30, abs=0.03)
    assert sum(bool(row["cpf"]) for row in rows) / RECORDS == pytest.approx(0.30, abs=0.03)
    assert sum(bool(row["nome_mae"]) for row in rows) / RECORDS == pytest.approx(0.65, abs=0.03)
    assert sum(bool(row["nome"]) for row in rows) / RECORDS > 0.95


def noise_measures(out, manifest):
    """Shares of appearances whose name (ignoring case and accents) or birth date differ from the truth."""
    truth = read_truth(out)
    population = {row["id_pessoa_verdadeira"]: row for row in read_rows(out / manifest.population_file)}
    changed = swapped = dated = particles_dropped = with_particles = 0
    names = 0
    for source in manifest.source_files:
        for row in read_rows(out / source["identities_file"]):
            true = population[str(truth[(row["fonte"], row["id_registro"], row["id_pessoa"])])]
            if row["nome"]:
                names += 1
                changed += strip_accents(row["nome"]).upper() != strip_accents(true["nome"]).upper()
                if re.search(r" (da|de|do|dos|das) ", true["nome"]):
                    with_particles += 1
                    particles_dropped += not re.search(r" (da|de|do|dos|das) ", row["nome"], re.I)
            if row["data_nascimento"]:
                dated += 1
                y, m, d = true["data_nascimento"].split("-")
                swapped += m != d and row["data_nascimento"] == f"{y}-{d}-{m}"
    return changed / names, swapped / dated, particles_dropped / with_particles


def test_noise_levels_order_and_rough_rates(generated, tmp_path):
    out, manifest, *_ = generated
    changed, swapped, dropped = noise_measures(out, manifest)
    assert 0.2 < changed < 0.45  # typos, variants, dropped particles and middle names
    assert 0.005 < swapped < 0.03  # 3% swaps, only where the day can be a month
    assert dropped == pytest.approx(NOISE_LEVELS["default"].drop_particles, abs=0.04)
    low = generate(20_000, 3, seed=1, noise="low", out_dir=tmp_path / "low")
    high = generate(20_000, 3, seed=1, noise="harsh", out_dir=tmp_path / "high")
    low_changed = noise_measures(tmp_path / "low", low)[0]
    high_changed = noise_measures(tmp_path / "high", high)[0]
    assert low_changed < changed < high_changed


def test_persons_of_one_record_share_the_case_columns(generated):
    _, _, cases, _, _ = generated
    by_case, persons = defaultdict(set), Counter()
    for rows in cases.values():
        for row in rows:
            key = (row["fonte"], row["id_registro"])
            by_case[key].add(
                (row["data_registro"], row["data_identificacao"], row["situacao_trafico"], row["autoridade_decisao"])
            )
            persons[key] += 1
    assert all(len(values) == 1 for values in by_case.values())
    several = sum(count > 1 for count in persons.values()) / len(persons)
    assert 0.05 < several < 0.2 and max(persons.values()) <= 4


def test_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError):
        generate(0, 2, out_dir=tmp_path)
    with pytest.raises(ValueError):
        generate(10, 2, noise="extremo", out_dir=tmp_path)


def test_command_writes_the_files(tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    args = ["generate", "--records", "500", "--sources", "2", "--seed", "3", "--out", str(tmp_path)]
    call_command("sisetp", *args, stdout=out)
    assert "500 registros" in out.getvalue()
    assert json.loads((tmp_path / "manifest.json").read_text("utf-8"))["records"] == 500
    with pytest.raises(CommandError):
        call_command("sisetp", "generate", "--records", "0", "--out", str(tmp_path), stdout=StringIO())
