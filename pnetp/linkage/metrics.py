"""Pairwise precision, recall and F1 of a clustering against the truth, and the person-count error."""

from collections import Counter


def _pairs(counter: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counter.values())


def pairwise_metrics(predicted: dict, truth: dict) -> dict:
    """``predicted`` and ``truth``: record → cluster / true person; counted over the records of ``truth``."""
    records = [r for r in truth if r in predicted]
    pred_pairs = _pairs(Counter(predicted[r] for r in records))
    true_pairs = _pairs(Counter(truth[r] for r in records))
    tp = _pairs(Counter((predicted[r], truth[r]) for r in records))
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    persons_pred = len({predicted[r] for r in records})
    persons_true = len({truth[r] for r in records})
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "persons": persons_pred,
        "true_persons": persons_true,
        "count_error": (persons_pred - persons_true) / persons_true if persons_true else 0.0,
    }


def blocking_recall(columns: dict[str, list], truth: dict, rules=None) -> float:
    """Share of true pairs that at least one blocking rule puts together: the recall ceiling of the model.

    ``columns``: ``features.COLUMNS`` → values; ``truth``: record → true person. Evaluated in DuckDB on
    the true pairs only, so it costs little even at a million records.
    """
    import duckdb
    import pyarrow as pa

    from . import model

    rules = model.BLOCKING_RULES if rules is None else rules
    conditions = [model.rule_sql(r) for r in rules]
    records = [r for r in columns["unique_id"] if r in truth]
    con = duckdb.connect()
    try:
        con.execute("SET threads TO 2")
        con.register("features", pa.table({c: pa.array(v, pa.string()) for c, v in columns.items()}))
        con.register("truth", pa.table({"unique_id": records, "person": [str(truth[r]) for r in records]}))
        pairs = (
            "SELECT a.unique_id AS left_id, b.unique_id AS right_id FROM truth a JOIN truth b "
            "ON a.person = b.person AND a.unique_id < b.unique_id"
        )
        any_rule = " OR ".join(f"COALESCE(({c}), FALSE)" for c in conditions)
        total, blocked = con.execute(
            f"SELECT COUNT(*), COUNT(*) FILTER (WHERE {any_rule}) FROM ({pairs}) p "
            "JOIN features l ON p.left_id = l.unique_id JOIN features r ON p.right_id = r.unique_id"
        ).fetchone()
    finally:
        con.close()
    return blocked / total if total else 1.0


def blocking_pairs(columns: dict[str, list], rules=None) -> list[tuple[str, int]]:
    """(rule, pairs it adds to the rules before it) for each blocking rule, counted exactly in DuckDB:
    the pairs the model scores, and which rule brings how many (print them whenever a rule changes)."""
    import pyarrow as pa
    from splink import DuckDBAPI
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    from . import model

    rules = model.BLOCKING_RULES if rules is None else rules
    api = DuckDBAPI()
    frame = api.register(pa.table({c: pa.array(v, pa.string()) for c, v in columns.items()}))
    counts = count_comparisons_from_blocking_rules(
        frame, blocking_rules=rules, link_type="dedupe_only", record_sample_proportion=1.0
    )
    return [(c["blocking_rule"], c["marginal_comparison_count"]) for c in counts]
