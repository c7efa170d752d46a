"""The standard normal distribution without SciPy (pure, no Django).

SciPy's special functions take about a third of a second to import, more than the fits of a
50,000-entry journal: the CDF comes from math.erfc (accurate in the tails) and the quantile
from statistics.NormalDist (Wichura's AS241, accurate to double precision).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_SQRT_HALF = math.sqrt(0.5)


def normal_cdf(z: np.ndarray | float) -> np.ndarray | float:
    """The standard normal CDF (scipy.special.ndtr) of a number or an array, elementwise.

    NumPy is imported for an array only: plain_words, which the CLI loads for its words, uses this module.
    """
    if isinstance(z, (int, float)):
        return 0.5 * math.erfc(-float(z) * _SQRT_HALF)
    import numpy as np

    if np.ndim(z) == 0:
        return np.float64(0.5 * math.erfc(-float(z) * _SQRT_HALF))
    tails = np.frompyfunc(math.erfc, 1, 1)(-np.asarray(z, dtype=float) * _SQRT_HALF)
    return 0.5 * np.asarray(tails, dtype=float)


def normal_quantile(prob: float) -> float:
    """The standard normal quantile (scipy.special.ndtri): -inf at 0, inf at 1."""
    from statistics import NormalDist

    if prob <= 0.0 or prob >= 1.0:
        return -math.inf if prob <= 0.0 else math.inf
    return NormalDist().inv_cdf(prob)
