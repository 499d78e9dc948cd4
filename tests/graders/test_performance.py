"""Latency percentiles, summaries and SLOs: the references the graders recompute."""

from __future__ import annotations

import random

import numpy
import pandas
import pytest

from graders import GradingError, close, performance


def test_percentile_matches_numpy_and_pandas_defaults():
    rng = random.Random(7)
    values = [rng.lognormvariate(4, 0.6) for _ in range(1001)]
    for q in (0, 12.5, 50, 95, 99, 100):
        assert performance.percentile(values, q) == pytest.approx(numpy.percentile(values, q))
        assert performance.percentile(values, q) == pytest.approx(
            pandas.Series(values).quantile(q / 100))


def test_percentile_interpolates_between_ranks():
    assert performance.percentile([10, 20, 30, 40], 50) == 25
    assert performance.percentile([5], 99) == 5
    assert performance.percentiles([1, 2, 3, 4, 5], decimals=1) == {
        "p50": 3.0, "p95": 4.8, "p99": 5.0}


@pytest.mark.parametrize("values, q", [([], 50), ([1.0, float("nan")], 50), ([1.0], 101)])
def test_percentile_refuses_bad_input_in_french(values, q):
    with pytest.raises(GradingError):
        performance.percentile(values, q)


def test_latency_summary_groups_and_counts_server_errors_only():
    rows = [{"endpoint": "/a", "statut": 200, "duree_ms": 10.0},
            {"endpoint": "/a", "statut": 503, "duree_ms": 30.0},
            {"endpoint": "/a", "statut": 404, "duree_ms": 20.0},
            {"endpoint": "/b", "statut": 201, "duree_ms": 5.0}]
    summary = performance.latency_summary(rows)
    assert list(summary) == ["/a", "/b"]
    assert summary["/a"]["requetes"] == 3
    assert summary["/a"]["taux_erreur"] == pytest.approx(1 / 3)
    assert summary["/a"]["p50"] == 20.0 and summary["/b"]["p99"] == 5.0


def test_slo_report_counts_slow_and_failed_requests_as_bad():
    durations = [100.0] * 95 + [400.0] * 3 + [100.0] * 2
    statuses = [200] * 98 + [500] * 2
    report = performance.slo_report(durations, statuses, threshold_ms=300, target=0.99)
    assert report["requetes"] == 100 and report["bonnes"] == 95
    assert report["sli"] == pytest.approx(0.95) and report["respecte"] is False
    assert report["budget_consomme"] == pytest.approx(5.0)
    met = performance.slo_report([100.0] * 100, [200] * 100, 300, 0.99)
    assert met["respecte"] is True and met["budget_consomme"] == 0


def test_slo_report_refuses_inconsistent_input():
    with pytest.raises(GradingError):
        performance.slo_report([1.0], [200, 200], 300, 0.99)
    with pytest.raises(GradingError):
        performance.slo_report([1.0], [200], 300, 99)


def test_close_accepts_numpy_values_within_tolerance():
    answer = {"p50": numpy.float64(12.34), "p95": 80, "ok": numpy.bool_(True)}
    expected = {"p50": 12.3401, "p95": 80.0, "ok": True}
    assert close(answer, expected, "percentiles", tolerance=0.01).ok


def test_close_names_what_differs():
    result = close({"p50": 12.0, "p95": 99.0}, {"p50": 12.0, "p95": 80.0}, "percentiles",
                   tolerance=0.01)
    assert not result.ok and "['p95']" in result.found
    missing = close({"p50": 12.0}, {"p50": 12.0, "p95": 80.0}, "percentiles")
    assert not missing.ok and "clés" in missing.found
    assert not close(True, 1.0, "booléen").ok and not close("1", 1.0, "texte").ok


def test_close_refuses_an_object_that_equals_everything():
    class Always(float):
        def __eq__(self, other):
            return True

    class Anything:
        def __eq__(self, other):
            return True

    assert not close(Anything(), 3.0, "valeur").ok
    assert not close(Always(1.0), 3.0, "valeur").ok
