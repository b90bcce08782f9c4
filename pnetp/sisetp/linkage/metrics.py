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
        "precision": precision, "recall": recall, "f1": f1,
        "persons": persons_pred, "true_persons": persons_true,
        "count_error": (persons_pred - persons_true) / persons_true if persons_true else 0.0,
    }
