"""``link``: unique persons over all sources, with Splink on DuckDB (or Spark, ``engines``), and stable person ids.

Stable ids: a run is given the previous record → person id map; each new cluster takes the id held
by most of its previously known records (each old id goes to one cluster only, the one holding
most of its records), and clusters with no known record get a new random pseudonym. So ids survive
re-runs, new sources and model changes, and an id never encodes anything about the person.
"""

import csv
import logging
import math
import secrets
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from django.utils.translation import gettext
from splink import Linker

from . import engines, model
from .features import COLUMNS, load_records, split_paths
from pnetp.core.memory import paused_gc
from pnetp.core.spreadsheet_safety import csv_writer, unneutralise
from .review import REVIEW_BAND, cluster

ID_PREFIX = "PES-"
MAP_HEADER = ["registro", "id_pessoa_unica"]


@dataclass
class LinkResult:
    cluster: dict[str, int]  # record → cluster number of this run
    person_id: dict[str, str]  # record → stable person id
    review_pairs: list = field(default_factory=list)  # (record, record, probability) in REVIEW_BAND
    keyed: bool = False  # keyed-hash mode
    notes: list[str] = field(default_factory=list)  # training skipped, rules left out (model.train, prediction_rules)
    blocking_rules: list = field(default_factory=list)  # the prediction rules used (``prediction_rules``)

    @property
    def persons(self) -> int:
        return len(set(self.person_id.values()))


def new_person_id(taken: set[str]) -> str:
    while True:
        pid = ID_PREFIX + secrets.token_hex(6)
        if pid not in taken:
            return pid


def stable_ids(clusters: dict[str, int], previous: dict[str, str] | None) -> dict[str, str]:
    previous = previous or {}
    votes = Counter((c, previous[r]) for r, c in clusters.items() if r in previous)
    given: dict[int, str] = {}
    used: set[str] = set()
    # most-supported (cluster, old id) first; ties by id so a re-run gives the same answer
    for (c, pid), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])):
        if c not in given and pid not in used:
            given[c], _ = pid, used.add(pid)
    taken = used | set(previous.values())
    for c in sorted(set(clusters.values())):
        if c not in given:
            given[c] = new_person_id(taken)
            taken.add(given[c])
    return {r: given[c] for r, c in clusters.items()}


def estimate_prior(rows, table: str, records: int, start: float, rounds: int = 50) -> float:
    """The probability that two records match, estimated from the scored pairs (EM on the prior alone):
    with m and u fixed, it is the mean match probability over all N(N-1)/2 pairs, the pairs no rule
    reaches counting zero; iterated to its fixed point from the deterministic rules' estimate. Pairs
    scored below ``model.PRIOR_PAIRS_WEIGHT`` are left out (each weighs less than 1/250 of a match).
    ``rows``: sql → list of tuples, on the engine that scored them (``engines.Backend.rows``)."""
    total = records * (records - 1) / 2
    base = math.log2(start / (1 - start))
    prior = start
    for _ in range(rounds):
        shift = math.log2(prior / (1 - prior)) - base
        expected = rows(f"SELECT SUM(1 / (1 + POW(2, -(match_weight + {shift})))) FROM {table}")[0][0]
        new = min(max((expected or 0.0) / total, model.PRIOR_BOUNDS[0]), model.PRIOR_BOUNDS[1])
        if abs(new - prior) <= 1e-4 * prior:
            return new
        prior = new
    return prior


def estimate_rule_pairs(table: pa.Table, rules, sample: int = model.PAIR_SAMPLE) -> list[float]:
    """Pairs each rule gives on its own, estimated on about ``sample`` records drawn by a hash of the row
    number (not every k-th row, which follows the files' order): a rule's pairs are pairs of records, so a
    share q of the records holds q² of them. Counted in DuckDB, the rules' own joins on the sample (about a
    second at a million records)."""
    import duckdb

    n = len(table)
    step = max(1, n // sample)
    con = duckdb.connect()
    try:
        con.execute("SET threads TO 2")
        con.register("registros", table)
        con.execute(f"CREATE TEMP TABLE amostra AS SELECT * FROM registros WHERE HASH(unique_id) % {step} = 0")
        m = con.execute("SELECT COUNT(*) FROM amostra").fetchone()[0]
        counts = dict(
            con.execute(
                " UNION ALL ".join(
                    f"SELECT {i} AS i, COUNT(*) AS n FROM amostra l JOIN amostra r "
                    f"ON ({model.rule_sql(rule)}) AND l.unique_id < r.unique_id"
                    for i, rule in enumerate(rules)
                )
            ).fetchall()
        )
    finally:
        con.close()
    scale = (n * (n - 1)) / (m * (m - 1)) if m > 1 else 0.0
    return [counts[i] * scale for i in range(len(rules))]


def prediction_rules(table: pa.Table, budget: float | None = None) -> tuple[list, list[str]]:
    """(the blocking rules to score, notes): every rule while their estimated pairs fit ``budget``
    (``model.PAIR_BUDGET`` by default); above it, rules left out in ``model.COSTLY_RULES`` order until they fit."""
    budget = model.PAIR_BUDGET if budget is None else budget
    rules = list(model.BLOCKING_RULES)
    if len(table) * (len(table) - 1) / 2 <= budget:  # no rule can give more pairs than there are
        return rules, []
    pairs = estimate_rule_pairs(table, rules)
    total, left_out = sum(pairs), []
    for i in model.COSTLY_RULES:
        if total <= budget:
            break
        left_out.append(i)
        total -= pairs[i]
    if not left_out:
        return rules, []
    note = gettext(
        "%(count)d regras de bloqueio de %(all)d deixadas de fora: dariam cerca de %(pairs)s pares a comparar "
        "(limite %(budget)s); alguns pares verdadeiros podem não ser encontrados."
    ) % {"count": len(left_out), "all": len(rules), "pairs": f"{sum(pairs):,.0f}", "budget": f"{budget:,.0f}"}
    dropped = set(left_out)
    return [r for i, r in enumerate(rules) if i not in dropped], [note]


def build_linker(
    backend: engines.Backend, table: pa.Table, keyed: bool, trained: Linker | None = None, rules=None
) -> Linker:
    """A Splink linker over ``table`` on an opened engine, with the model's settings (``rules``: the prediction
    rules, all by default); with ``trained``, its m, u and prior too (the same model on another engine, not a
    second training)."""
    linker = Linker(
        backend.api.register(table, table_name="registros"),
        model.settings(fuzzy=not keyed, rules=rules),
        log_level=logging.ERROR,
    )  # training warnings are expected on small blocks
    if trained is not None:
        source, target = trained._settings_obj, linker._settings_obj
        target._probability_two_random_records_match = source._probability_two_random_records_match
        for theirs, ours in zip(source.comparisons, target.comparisons, strict=True):
            for level_from, level_to in zip(theirs.comparison_levels, ours.comparison_levels, strict=True):
                if not level_from.is_null_level:
                    level_to.m_probability, level_to.u_probability = level_from.m_probability, level_from.u_probability
    return linker


def predict_edges(
    columns: dict[str, list], keyed: bool, threshold: float, band=REVIEW_BAND, engine: engines.Engine | None = None
):
    """(edges at or above the threshold, pairs in the review band, notes, the prediction rules used) scored by the
    trained model.

    Trained on DuckDB; scored on ``engine`` (DuckDB by default, or Spark with the DuckDB-trained model)."""
    engine = engine or engines.Engine()
    records = columns["unique_id"]
    table = pa.table(
        {c: pa.array(range(len(records)), pa.int64()) if c == "unique_id" else pa.array(columns[c], pa.string())
         for c in COLUMNS}
    )  # fmt: skip
    rules, rule_notes = prediction_rules(table)
    with engines.opened(engines.Engine(engines.DUCKDB)) as duck:
        linker = build_linker(duck, table, keyed, rules=rules)
        notes = model.train(linker, len(table)) + rule_notes
        if engine.name == engines.DUCKDB:
            return (*_score(linker, duck, records, threshold, band), notes, rules)
    with engines.opened(engine) as backend:
        scorer = build_linker(backend, table, keyed, trained=linker, rules=rules)
        return (*_score(scorer, backend, records, threshold, band), notes, rules)


def _score(linker: Linker, backend: engines.Backend, records: list[str], threshold: float, band):
    """(edges, review pairs): every blocked pair scored, the prior estimated from them, then filtered.

    The engine knows each record by its row number (``unique_id`` 0…n-1), not by its key: Splink keeps
    every blocked pair's two ids, and at a million records tens of millions of 34-character keys did not
    fit DuckDB's memory (they spilled); pairs come back as (key, key, p) with the smaller key first, as
    Splink's ``l.unique_id < r.unique_id`` on the keys gave them."""
    low = min(band[0], threshold)
    start = linker._settings_obj._probability_two_random_records_match
    scored = linker.inference.predict(threshold_match_weight=model.PRIOR_PAIRS_WEIGHT)
    prior = estimate_prior(backend.rows, scored.physical_name, len(records), start)
    shift = math.log2(prior / (1 - prior)) - math.log2(start / (1 - start))
    with paused_gc():  # hundreds of thousands of result tuples, none cyclic
        rows = backend.rows(
            f"SELECT unique_id_l, unique_id_r, 1 / (1 + POW(2, -(match_weight + {shift}))) AS p "
            f"FROM {scored.physical_name} WHERE match_weight + {shift} >= {math.log2(low / (1 - low))}"
        )
        named = []
        for left, right, p in rows:
            left, right = records[left], records[right]
            named.append((left, right, p) if left < right else (right, left, p))
        del rows
        edges = [r for r in named if r[2] >= threshold]
        review = sorted((r for r in named if band[0] <= r[2] < band[1]), key=lambda r: r[2])
    return edges, review


def link(
    paths,
    previous: dict[str, str] | None = None,
    decisions=(),
    threshold: float = model.MATCH_THRESHOLD,
    band=REVIEW_BAND,
    engine: engines.Engine | None = None,
) -> LinkResult:
    """Link the records of ``paths`` (a directory or files: pessoas_casos_* plus identidades_* or tokens_*).

    Keyed-hash mode when the identities are token files only. ``decisions`` (review.Decision)
    override the model; ``previous`` (record → person id) keeps ids stable.
    """
    _, identity_files = split_paths(paths)
    keyed = bool(identity_files) and all(p.name.startswith("tokens") for p in identity_files)
    return link_columns(load_records(paths), keyed, previous, decisions, threshold, band, engine)


def link_columns(
    columns: dict[str, list],
    keyed: bool = False,
    previous: dict[str, str] | None = None,
    decisions=(),
    threshold: float = model.MATCH_THRESHOLD,
    band=REVIEW_BAND,
    engine: engines.Engine | None = None,
) -> LinkResult:
    """Link records already turned into feature columns (``features.COLUMNS``), from files or the database;
    ``engine`` scores the pairs (``engines``: DuckDB by default, or Spark)."""
    records = columns["unique_id"]
    if len(records) < 2:
        clusters = {r: i for i, r in enumerate(records)}
        return LinkResult(clusters, stable_ids(clusters, previous), keyed=keyed)
    edges, review, notes, rules = predict_edges(columns, keyed, threshold, band, engine)
    # CPF and birth date keep a weak edge from chaining two persons; hashed dates cannot tell a
    # one-digit slip from another date, so keyed-hash mode checks the CPF only
    dates = [None] * len(records) if keyed else columns["nascimento"]
    clusters = cluster(records, edges, decisions, identifiers=dict(zip(records, zip(columns["cpf"], dates))))
    return LinkResult(clusters, stable_ids(clusters, previous), review, keyed, notes, rules)


def read_person_map(path: str | Path) -> dict[str, str]:
    if not Path(path).exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {unneutralise(row["registro"]): row["id_pessoa_unica"] for row in csv.DictReader(handle)}


def write_person_map(path: str | Path, person_id: dict[str, str]) -> None:
    """record → person id CSV; the record is fonte|id_registro|id_pessoa, split back into columns too."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv_writer(handle, lineterminator="\n")
        writer.writerow([*MAP_HEADER, "fonte", "id_registro", "id_pessoa"])
        for record in sorted(person_id):
            writer.writerow([record, person_id[record], *record.split("|", 2)])
