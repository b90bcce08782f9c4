"""``generate``: the files of K sources with known truth, streamed block by block.

Work is cut into blocks of ``BLOCK`` records, each with its own seed, so the output does not depend
on how many processes draw it; blocks are written in order as they come back, so memory stays at a
few blocks whatever the number of records.
"""

import csv
from bisect import bisect
import io
import json
import os
import random
from collections import Counter
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

from ..standard.layout import CASE_PERSON, IDENTITY
from .noise import NOISE_LEVELS, NoiseParams
from .records import CaseState, SourceProfile, appearance_rows, case_fields, true_person
from .truth import POPULATION_FILE, POPULATION_HEADER, TRUTH_FILE, TRUTH_HEADER, population_row

BLOCK = 50_000  # records per block; also the stride of person and record numbers
MAX_RECORDS = 10**9 // 2  # person indexes must stay below the CPF permutation's range
GENERATOR_VERSION = "1"
JOIN_CASE_SHARE = 0.12  # appearances added to the source's open case (cases with several persons)
MAX_CASE_PERSONS = 4

# Plausible Brazilian sources first; beyond them, numbered ones.
KNOWN_SOURCES = (
    ("disque-100", "Disque 100 (fictício)", "D100-"),
    ("auditoria-trabalho", "Auditoria-Fiscal do Trabalho (fictício)", "AFT-"),
    ("netp-sp", "Núcleo de Enfrentamento ao Tráfico de Pessoas – SP (fictício)", "NSP-"),
    ("policia-federal", "Polícia Federal (fictício)", "IPL-"),
    ("creas-belem", "CREAS Belém (fictício)", "CRB-"),
    ("netp-ma", "Núcleo de Enfrentamento ao Tráfico de Pessoas – MA (fictício)", "NMA-"),
    ("posto-guarulhos", "Posto Avançado de Guarulhos (fictício)", "PAG-"),
    ("mpt", "Ministério Público do Trabalho (fictício)", "MPT-"),
    ("conselho-tutelar-manaus", "Conselho Tutelar de Manaus (fictício)", "CTM-"),
    ("defensoria-pa", "Defensoria Pública do Pará (fictício)", "DPA-"),
)


@dataclass
class Manifest:
    seed: int
    records: int
    sources: int
    noise: str
    noise_params: dict
    persons: int = 0
    persons_by_source_count: dict = field(default_factory=dict)  # "1" → persons seen in one source...
    source_files: list = field(default_factory=list)  # per source: slug, name, files and row counts
    truth_file: str = TRUTH_FILE
    population_file: str = POPULATION_FILE
    generator_version: str = GENERATOR_VERSION

    def as_dict(self) -> dict:
        return asdict(self)


def source_profiles(count: int, seed: int) -> list[SourceProfile]:
    rng = random.Random(f"{seed}:sources")
    profiles = []
    for i in range(count):
        slug, name, prefix = (
            KNOWN_SOURCES[i]
            if i < len(KNOWN_SOURCES)
            else (f"fonte-{i + 1:02d}", f"Fonte {i + 1} (fictícia)", f"F{i + 1:02d}-")
        )
        legacy = rng.random() < 0.4
        profiles.append(
            SourceProfile(
                slug=slug,
                name=name,
                weight=1 / (i + 1) ** 0.5,
                upper=legacy,
                no_accents=legacy and rng.random() < 0.7,
                cpf_punctuated=rng.random() < 0.5,
                prefix=prefix,
                missing=rng.uniform(0.6, 1.6),
            )
        )
    return profiles


def _pick_sources(rng, count: int, cum: list[float]) -> list[int]:
    picked: list[int] = []
    while len(picked) < count:
        i = bisect(cum, rng.random() * cum[-1])
        if i not in picked:
            picked.append(i)
    return sorted(picked)


def _writer(buffer):
    return csv.writer(buffer, lineterminator="\n")


def generate_block(seed: int, block: int, records: int, profiles: list[SourceProfile], noise: NoiseParams) -> dict:
    """Text of every file for one block (no headers), and its counts."""
    rng = random.Random(f"{seed}:block:{block}")
    k = len(profiles)
    cum = [sum(p.weight for p in profiles[: i + 1]) for i in range(k)]
    cases = [io.StringIO() for _ in profiles]
    identities = [io.StringIO() for _ in profiles]
    case_writers, identity_writers = [_writer(b) for b in cases], [_writer(b) for b in identities]
    truth, population = io.StringIO(), io.StringIO()
    truth_writer, population_writer = _writer(truth), _writer(population)
    states = [CaseState() for _ in profiles]
    case_seq = [0] * k
    row_counts, identity_counts, by_count = [0] * k, [0] * k, Counter()
    done, local = 0, 0
    while done < records:
        person = true_person(rng, block * BLOCK + local)
        local += 1
        count = 1
        if k > 1 and rng.random() < noise.multi_source_share:
            count = 2
            while count < k and rng.random() < 0.35:
                count += 1
        count = min(count, records - done)
        chosen = _pick_sources(rng, count, cum)
        for s in chosen:
            profile, state = profiles[s], states[s]
            if 0 < state.persons < MAX_CASE_PERSONS and rng.random() < JOIN_CASE_SHARE:
                state.persons += 1
            else:
                case_seq[s] += 1
                state.record_id = f"{profile.prefix}{block * BLOCK + case_seq[s]:09d}"
                state.persons = 1
                state.fields = case_fields(rng, person, noise, profile)
            person_id = str(state.persons)
            row, identity = appearance_rows(rng, person, profile, state, person_id, noise)
            case_writers[s].writerow(row)
            row_counts[s] += 1
            if identity:
                identity_writers[s].writerow(identity)
                identity_counts[s] += 1
            truth_writer.writerow((profile.slug, state.record_id, person_id, person.id))
        population_writer.writerow(population_row(person, count))
        by_count[count] += 1
        done += count
    return {
        "cases": [b.getvalue() for b in cases],
        "identities": [b.getvalue() for b in identities],
        "truth": truth.getvalue(),
        "population": population.getvalue(),
        "rows": row_counts,
        "identity_rows": identity_counts,
        "persons": local,
        "by_count": dict(by_count),
    }


def _block_task(args):
    return generate_block(*args)


def generate(
    records: int,
    sources: int,
    seed: int = 0,
    noise: str = "default",
    out_dir: str | Path = ".",
    workers: int | None = None,
) -> Manifest:
    """Write the files to ``out_dir`` and return the manifest (also written as ``manifest.json``).

    ``records`` counts rows of ``pessoas_casos`` over all sources. Same arguments → same bytes,
    whatever ``workers`` (default: the CPUs available, at most 4).
    """
    if not 1 <= records <= MAX_RECORDS:
        raise ValueError(f"records deve estar entre 1 e {MAX_RECORDS}")
    if sources < 1:
        raise ValueError("sources deve ser pelo menos 1")
    if noise not in NOISE_LEVELS:
        raise ValueError(f"noise deve ser um de: {', '.join(NOISE_LEVELS)}")
    params = NOISE_LEVELS[noise]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    profiles = source_profiles(sources, seed)
    manifest = Manifest(seed=seed, records=records, sources=sources, noise=noise, noise_params=params.as_dict())
    tasks = [(seed, b, min(BLOCK, records - b * BLOCK), profiles, params) for b in range(-(-records // BLOCK))]
    workers = workers or min(4, len(os.sched_getaffinity(0)))
    names = [(f"{CASE_PERSON.name}_{p.slug}.csv", f"{IDENTITY.name}_{p.slug}.csv") for p in profiles]
    handles = []
    try:
        for cases_name, identities_name in names:
            handles.append((_open(out / cases_name, CASE_PERSON.header), _open(out / identities_name, IDENTITY.header)))
        truth = _open(out / TRUTH_FILE, TRUTH_HEADER)
        population = _open(out / POPULATION_FILE, POPULATION_HEADER)
        handles.append((truth, population))
        rows, identity_rows, by_count = [0] * sources, [0] * sources, Counter()
        for result in _results(tasks, workers):
            for s, (cases_handle, identities_handle) in enumerate(handles[:sources]):
                cases_handle.write(result["cases"][s])
                identities_handle.write(result["identities"][s])
                rows[s] += result["rows"][s]
                identity_rows[s] += result["identity_rows"][s]
            truth.write(result["truth"])
            population.write(result["population"])
            manifest.persons += result["persons"]
            by_count.update(result["by_count"])
    finally:
        for pair in handles:
            for handle in pair:
                handle.close()
    manifest.persons_by_source_count = {str(k): by_count[k] for k in sorted(by_count)}
    manifest.source_files = [
        {"slug": p.slug, "name": p.name, "cases_file": c, "identities_file": i, "rows": r, "identity_rows": ir}
        for p, (c, i), r, ir in zip(profiles, names, rows, identity_rows)
    ]
    (out / "manifest.json").write_text(json.dumps(manifest.as_dict(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return manifest


def _open(path: Path, header: list[str]):
    handle = path.open("w", encoding="utf-8", newline="", buffering=1 << 20)
    _writer(handle).writerow(header)
    return handle


def _results(tasks, workers):
    if workers <= 1 or len(tasks) == 1:
        yield from map(_block_task, tasks)
        return
    # fork: the workers inherit the loaded modules (and Django settings) without re-importing.
    with get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_block_task, tasks)
