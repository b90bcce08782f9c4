"""Where the linkage's errors are, on generated data with known truth (issue 17); prints counts, asserts nothing.

    .venv/bin/python benchmarks/sisetp_linkage_errors.py --data /tmp/linkacc-data [--noise harsh] [--cut identity]
        [--seed 7] [--oracle]

Splits the true pairs the linkage misses into (a) never blocked, (b) blocked but scored below the threshold,
(c) scored above it but split by clustering's checks; counts the false edges; prints the agreement patterns
(gamma levels of the identity comparisons) of the commonest missed and false pairs, and each comparison's
levels among them. ``--oracle``: classifiers fitted with the truth on the same comparison vectors (gammas and
the model's weight, two folds split by person, out-of-fold), clustered like the model: how far EM is from
what the features allow; and a perfect classifier on the blocked pairs: what blocking allows. Seed 7 is the
tuning seed. Prints no personal data (levels and counts only). ``--oracle`` needs scikit-learn, which recordlinkage
(dev extra) brings.
"""

import argparse
import math
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")
IDENTITY = ("prenome", "sobrenome", "meio", "nascimento", "mae", "cpf", "ano_aprox")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="pasta dos dados gerados (como em sisetp_linkage.py --data)")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--noise", default="harsh")
    parser.add_argument("--cut", default="all")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--oracle", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    import numpy as np
    import pyarrow as pa

    from pnetp.linkage import engines, model, run
    from pnetp.linkage.features import COLUMNS, EPISODE_FEATURES, load_records
    from pnetp.linkage.metrics import pairwise_metrics
    from pnetp.linkage.review import cluster
    from pnetp.sisetp.generator import generate
    from pnetp.sisetp.generator.truth import read_truth

    folder = Path(args.data) / f"{args.records}-5-{args.noise}-{args.seed}"
    if not (folder / "manifest.json").exists():
        generate(args.records, 5, seed=args.seed, noise=args.noise, out_dir=folder, workers=1)
    columns = load_records(folder)
    if args.cut == "identity":
        for name in EPISODE_FEATURES:
            columns[name] = [None] * len(columns[name])
    truth = {"|".join(k): v for k, v in read_truth(folder).items()}
    records = columns["unique_id"]
    person = np.array([hash(truth[r]) for r in records])
    table = pa.table(
        {c: pa.array(range(len(records)), pa.int64()) if c == "unique_id" else pa.array(columns[c], pa.string())
         for c in COLUMNS}
    )  # fmt: skip
    started = time.process_time()
    with engines.opened(engines.Engine(engines.DUCKDB)) as duck:
        linker = run.build_linker(duck, table, False)
        model.train(linker, len(table))
        start = linker._settings_obj._probability_two_random_records_match
        scored = linker.inference.predict()
        prior = run.estimate_prior(duck.rows, scored.physical_name, len(records), start)
        shift = math.log2(prior / (1 - prior)) - math.log2(start / (1 - start))
        names = [c[0] for c in duck.rows(f"DESCRIBE {scored.physical_name}")]
        gammas = [n for n in names if n.startswith("gamma_")]
        rows = duck.rows(
            f"SELECT unique_id_l, unique_id_r, match_weight + {shift}, {', '.join(gammas)} FROM {scored.physical_name}"
        )
        print(f"{args.noise}/{args.cut}, seed {args.seed}: prior {prior:.3g} (start {start:.3g}); levels (bits):")
        for comparison in linker._settings_obj.comparisons:
            levels = [
                f"{level.label_for_charts[:30]} {math.log2(level.m_probability / level.u_probability):+.1f}"
                for level in comparison.comparison_levels
                if not level.is_null_level and level.m_probability and level.u_probability
            ]
            print(f"  {comparison.output_column_name}: " + "; ".join(levels))
    print(f"scored pairs {len(rows)}, cpu {time.process_time() - started:.1f} s")
    values = np.array(rows, dtype=float)
    left, right, weight, levels = values[:, 0].astype(int), values[:, 1].astype(int), values[:, 2], values[:, 3:]
    levels = levels.astype(int)
    true = person[left] == person[right]
    above = weight >= math.log2(model.MATCH_THRESHOLD / (1 - model.MATCH_THRESHOLD))
    identifiers = dict(zip(records, zip(columns["cpf"], columns["nascimento"], strict=True), strict=True))

    def evaluate(selected, probability, label, checks=True):
        edges = [
            (records[a], records[b], float(p))
            for a, b, p in zip(left[selected], right[selected], probability[selected], strict=True)
        ]
        clusters = cluster(records, edges, identifiers=identifiers if checks else None)
        m = pairwise_metrics(clusters, truth)
        print(
            f"  {label:<50} P {m['precision']:.4f} R {m['recall']:.4f} F1 {m['f1']:.4f} "
            f"persons {m['count_error']:+.2%}",
            flush=True,
        )
        return clusters

    true_pairs = sum(n * (n - 1) // 2 for n in Counter(truth[r] for r in records).values())
    probability = 1 / (1 + 2.0**-weight)
    clusters = evaluate(above, probability, f"model @{model.MATCH_THRESHOLD}")
    evaluate(above, probability, f"model @{model.MATCH_THRESHOLD}, no clustering checks", checks=False)
    cid = np.array([clusters[r] for r in records])
    split = true & above & (cid[left] != cid[right])
    print(
        f"true pairs {true_pairs}: (a) never blocked {true_pairs - int(true.sum())}; (b) blocked, below the "
        f"threshold {int((true & ~above).sum())}; (c) above it, split by clustering {int(split.sum())}; "
        f"false edges above the threshold {int((~true & above).sum())}"
    )
    shown = [j for j, g in enumerate(gammas) if g[6:] in IDENTITY]
    for label, mask in (("(b) missed, below the threshold", true & ~above), ("false edges", ~true & above)):
        index = np.nonzero(mask)[0]
        patterns = Counter(
            " ".join(f"{gammas[j][6:]}={levels[i, j]}" for j in shown if levels[i, j] != -1) or "-" for i in index
        )
        print(f"{label}: {len(index)}; commonest identity patterns (gamma: higher is closer, -1 null):")
        for pattern, n in patterns.most_common(12):
            print(f"  {n:>7}  {pattern}")
        for j, g in enumerate(gammas):
            counts = Counter(levels[index, j])
            print(f"    {g[6:]:<15} " + " ".join(f"{k}:{v}" for k, v in sorted(counts.items())))
    if not args.oracle:
        return
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import OneHotEncoder
    from scipy.sparse import csr_matrix, hstack

    fold = (np.abs(person[left]) % 2).astype(int)  # a person's pairs (by its left record) in one fold
    keep = true | (np.random.default_rng(0).random(len(true)) < 0.2)  # a fifth of the non-matches, weighted 5
    sample_weight = np.where(true, 1.0, 5.0)
    one_hot = hstack([OneHotEncoder().fit_transform(levels + 1), csr_matrix(weight.reshape(-1, 1) / 10)]).tocsr()
    dense = np.column_stack([levels + 1, weight])
    oracles = (
        ("logistic, one-hot gammas + weight", one_hot, lambda: LogisticRegression(max_iter=3000)),
        (
            "gradient boosting, gammas + weight",
            dense,
            lambda: HistGradientBoostingClassifier(max_iter=100, categorical_features=[True] * len(gammas) + [False]),
        ),
    )
    for name, features, make in oracles:
        fitted = np.zeros(len(true))
        for f in (0, 1):
            train = (fold != f) & keep
            classifier = make().fit(features[train], true[train], sample_weight=sample_weight[train])
            fitted[fold == f] = classifier.predict_proba(features[fold == f])[:, 1]
        for threshold in (0.5, 0.7):
            evaluate(fitted >= threshold, fitted, f"ORACLE {name} @{threshold}")
    evaluate(true, np.ones(len(true)), "ORACLE perfect on the blocked pairs", checks=False)


if __name__ == "__main__":
    main()
