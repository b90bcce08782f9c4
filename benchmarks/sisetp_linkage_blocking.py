"""What each blocking rule of pnetp.linkage costs and brings; prints figures, asserts nothing.

    .venv/bin/python benchmarks/sisetp_linkage_blocking.py --sizes 100000 1000000 [--seed 7]
        [--noise default] [--data /tmp/linkage-data] [--gross-only] [--order]

Per rule (``model.BLOCKING_RULES``, as Splink counts them): the gross pairs (the rule alone, a DuckDB
COUNT of its self-join), the marginal pairs (those no earlier rule reaches: what Splink scores for it),
and the true pairs that only this rule reaches (what dropping it would cost in blocking recall). Then
the distinct pairs of all rules and the blocking recall (share of true pairs that some rule reaches).
``--order``: the order in which to leave rules out above the pair budget (``model.COSTLY_RULES``, chosen at a
million records on seed 7), with the blocking recall left after each.
No Splink run, no model: DuckDB on the feature columns (cached as Parquet beside the generated data).
Only counts are printed, never a record.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")


def features(folder: Path):
    """The feature columns as an Arrow table (``unique_id`` the row number, ``chave`` the record key) and
    the truth (row number → person), cached in ``folder``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cache = folder / "linkage-features.parquet"
    if cache.exists():
        return pq.read_table(cache)
    from pnetp.linkage.features import COLUMNS, load_records
    from pnetp.sisetp.generator.truth import read_truth

    columns = load_records(folder)
    truth = {"|".join(k): str(v) for k, v in read_truth(folder).items()}
    keys = columns["unique_id"]
    table = pa.table(
        {
            "unique_id": pa.array(range(len(keys)), pa.int64()),
            "pessoa": pa.array([truth.get(k) for k in keys], pa.string()),
            **{c: pa.array(columns[c], pa.string()) for c in COLUMNS if c != "unique_id"},
        }
    )
    pq.write_table(table, cache)
    return table


def analyse(table, rules, gross_only: bool = False, threads: int = 2) -> dict:
    import duckdb

    from pnetp.linkage.model import rule_sql

    conditions = [rule_sql(r) for r in rules]
    con = duckdb.connect()
    con.execute(f"SET threads TO {threads}")
    con.execute("SET memory_limit = '3GB'")
    con.execute("SET preserve_insertion_order = false")
    con.register("features_arrow", table)
    con.execute("CREATE TABLE f AS SELECT * FROM features_arrow")
    con.execute(
        "CREATE TABLE tp AS SELECT a.unique_id AS l_id, b.unique_id AS r_id FROM f a JOIN f b "
        "ON a.pessoa = b.pessoa AND a.unique_id < b.unique_id"
    )
    true_total = con.execute("SELECT COUNT(*) FROM tp").fetchone()[0]
    reach = ", ".join(f"COALESCE(({c}), FALSE) AS r{i}" for i, c in enumerate(conditions))
    reached = con.execute(
        f"SELECT {reach} FROM tp JOIN f l ON tp.l_id = l.unique_id JOIN f r ON tp.r_id = r.unique_id"
    ).fetchall()
    only = [0] * len(conditions)
    true_hits = [0] * len(conditions)
    blocked = 0
    for row in reached:
        hits = [i for i, v in enumerate(row) if v]
        if hits:
            blocked += 1
            if len(hits) == 1:
                only[hits[0]] += 1
            for i in hits:
                true_hits[i] += 1
    rows = []
    for i, condition in enumerate(conditions):
        started = time.perf_counter()
        join = f"FROM f l JOIN f r ON ({condition}) AND l.unique_id < r.unique_id"
        gross = con.execute(f"SELECT COUNT(*) {join}").fetchone()[0]
        marginal = None
        if not gross_only:
            before = " OR ".join(f"COALESCE(({c}), FALSE)" for c in conditions[:i])
            marginal = con.execute(f"SELECT COUNT(*) {join} WHERE NOT ({before})").fetchone()[0] if before else gross
        rows.append((gross, marginal, true_hits[i], only[i], time.perf_counter() - started, condition))
    union = " UNION ".join(
        f"SELECT l.unique_id AS a, r.unique_id AS b FROM f l JOIN f r ON ({c}) AND l.unique_id < r.unique_id"
        for c in conditions
    )
    distinct = con.execute(f"SELECT COUNT(*) FROM ({union})").fetchone()[0]
    con.close()
    return {"rows": rows, "true": true_total, "blocked": blocked, "distinct": distinct, "reached": reached}


def elimination_order(reached, gross: list[int], keep=(0,)) -> list[tuple[int, int, int, float]]:
    """Backward elimination: repeatedly leave out the rule with the fewest true pairs of its own (that no rule
    still in reaches) per pair it costs, ties to the costliest. (rule, its own true pairs, gross pairs left,
    blocking recall left) in the order left out: ``model.COSTLY_RULES`` is this order at a million records."""
    import numpy as np

    hits = np.array(reached, dtype=bool)
    alive = np.ones(hits.shape[1], dtype=bool)
    order = []
    while alive.sum() > len(keep):
        single = hits[:, alive].sum(1) == 1
        own = (hits & single[:, None]).sum(0)
        candidates = [i for i in np.where(alive)[0] if i not in keep]
        worst = min(candidates, key=lambda i: (own[i] / max(gross[i], 1), -gross[i]))
        alive[worst] = False
        left = sum(g for g, a in zip(gross, alive) if a)
        order.append((int(worst), int(own[worst]), left, float(hits[:, alive].any(1).mean())))
    return order


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--sources", type=int, default=5)
    parser.add_argument("--noise", nargs="+", default=["default"])
    parser.add_argument("--seed", type=int, default=7, help="semente (7 para escolher as regras, 2024 para relatar)")
    parser.add_argument("--data", default="/tmp/linkage-data", help="pasta dos dados gerados (reaproveitados)")
    parser.add_argument("--gross-only", action="store_true", help="só os pares brutos de cada regra (mais rápido)")
    parser.add_argument(
        "--order", action="store_true", help="ordem em que deixar regras de fora (model.COSTLY_RULES), com a revocação"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from pnetp.linkage.model import BLOCKING_RULES
    from pnetp.sisetp.generator import generate

    for noise in args.noise:
        for size in args.sizes:
            folder = Path(args.data) / f"{size}-{args.sources}-{noise}-{args.seed}"
            if not (folder / "manifest.json").exists():
                generate(size, args.sources, seed=args.seed, noise=noise, out_dir=folder, workers=1)
            started = time.perf_counter()
            result = analyse(features(folder), BLOCKING_RULES, args.gross_only)
            print(f"== {noise}, {size} registros, semente {args.seed}, {len(BLOCKING_RULES)} regras ==")
            print(f"{'#':>3} {'brutos':>11} {'marginais':>11} {'verdadeiros':>11} {'só esta':>8} {'s':>6}  regra")
            for i, (gross, marginal, hits, only, seconds, rule) in enumerate(result["rows"]):
                marginal = "-" if marginal is None else marginal
                print(f"{i:>3} {gross:>11} {marginal:>11} {hits:>11} {only:>8} {seconds:>6.1f}  {rule}")
            gross = sum(r[0] for r in result["rows"])
            print(
                f"pares brutos={gross}  distintos={result['distinct']}  "
                f"pares verdadeiros={result['true']}  alcançados={result['blocked']}  "
                f"bloqueio={result['blocked'] / result['true']:.5f}  tempo={time.perf_counter() - started:.1f}s",
                flush=True,
            )
            if args.order:
                order = elimination_order(result["reached"], [r[0] for r in result["rows"]])
                for rule, own, left, recall in order:
                    print(
                        f"    sem a regra {rule:>3}: {own:>6} pares verdadeiros só dela; restam {left:>11} pares brutos, "
                        f"bloqueio={recall:.5f}"
                    )
                print("    ordem:", ", ".join(str(r[0]) for r in order))


if __name__ == "__main__":
    main()
