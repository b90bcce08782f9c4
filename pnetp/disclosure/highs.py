"""HiGHS models kept between solves: the audit optimises many objectives over one constraint set."""

from __future__ import annotations

import highspy
import numpy as np

UNBOUNDED = "sem limite"


def upper_bounds(ups, n: int) -> np.ndarray:
    """Upper bounds as HiGHS takes them: infinity where there is none."""
    if ups is None:
        return np.full(n, highspy.kHighsInf)
    return np.where(np.isfinite(ups), ups, highspy.kHighsInf).astype(float)


def model(a, b, lows, ups=None) -> highspy.Highs:
    """A silent HiGHS model of ``a x = b, lows ≤ x ≤ ups`` (objective set per solve; no upper bound when
    ``ups`` is None); no presolve, so the basis of one solve warm-starts the next."""
    csc = a.tocsc()
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(lows), a.shape[0]
    lp.col_cost_ = np.zeros(len(lows))
    lp.col_lower_, lp.col_upper_ = np.asarray(lows, dtype=float), upper_bounds(ups, len(lows))
    lp.row_lower_ = lp.row_upper_ = np.asarray(b, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = len(lows), a.shape[0]
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = csc.indptr, csc.indices, csc.data
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("presolve", "off")
    highs.passModel(lp)
    return highs
