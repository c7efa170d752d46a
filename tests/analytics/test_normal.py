"""The normal distribution without SciPy agrees with SciPy's, and the insights' analytics load without SciPy."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy import special

from ownpath.analytics.normal import normal_cdf, normal_quantile

ROOT = Path(__file__).resolve().parents[2]


def test_normal_cdf_matches_scipy_in_the_body_and_the_tails():
    z = np.linspace(-30, 30, 2001)
    assert np.allclose(normal_cdf(z), special.ndtr(z), rtol=1e-12, atol=0)
    assert math.isclose(float(normal_cdf(-1.5)), float(special.ndtr(-1.5)), rel_tol=1e-12)
    assert normal_cdf(np.array([math.inf, -math.inf])).tolist() == [1.0, 0.0]


def test_normal_quantile_matches_scipy_and_is_infinite_at_the_ends():
    for p in (1e-300, 1e-12, 0.05, 0.5, 0.9, 0.95, 1 - 1e-12):
        assert math.isclose(normal_quantile(p), float(special.ndtri(p)), rel_tol=1e-12, abs_tol=1e-14)
    assert normal_quantile(0.0) == -math.inf and normal_quantile(1.0) == math.inf


def test_the_insights_analytics_load_without_scipy():
    probe = ("import sys\n"
             "import ownpath.analytics.balance, ownpath.analytics.context_model, ownpath.analytics.energy_model\n"
             "import ownpath.analytics.flow, ownpath.analytics.plain_words, ownpath.analytics.strengths\n"
             "import ownpath.analytics.mentorship_matching, ownpath.analytics.work_allocation\n"
             "print('SCIPY', sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))")
    result = subprocess.run([sys.executable, "-c", probe], env={"PYTHONPATH": str(ROOT / "src")},
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "SCIPY []", result.stderr
