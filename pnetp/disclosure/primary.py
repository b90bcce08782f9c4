"""Primary suppression: the threshold rule. A count from 1 to k−1 is never published; 0 is (see __init__)."""

from __future__ import annotations

from .tables import Structure

CTDC_K = 11  # the threshold CTDC (IOM) used when it published k-anonymised data


def default_k() -> int:
    """``settings.PNETP_DISCLOSURE_K``, or 11 when Django settings are not configured (scripts, notebooks)."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        return int(getattr(settings, "PNETP_DISCLOSURE_K", CTDC_K))
    except ImproperlyConfigured:
        return CTDC_K


def check_k(k: int | None) -> int:
    k = default_k() if k is None else k
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k deve ser um inteiro ≥ 1 (k=1 desliga a supressão), não {k!r}")
    return k


def is_small(value: int, k: int) -> bool:
    return 1 <= value < k


def primary_suppressions(structure: Structure, k: int) -> set[int]:
    """Publishable items — cells and totals alike — whose count is small."""
    return {i for i, v in enumerate(structure.values) if is_small(v, k) and i not in structure.hidden}


def sensitive_items(structure: Structure, k: int) -> set[int]:
    """Items that must not be narrowed below k: the primaries plus hidden parts that are not large."""
    hidden = {i for i in structure.hidden if structure.values[i] < k}
    return primary_suppressions(structure, k) | hidden
