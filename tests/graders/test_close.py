"""Numbers a learner computed with pandas, compared within a tolerance (pure logic)."""

from __future__ import annotations

import numpy as np

from graders import close, plain, same


class AlwaysEqual(dict):
    def __eq__(self, other):
        return True

    __hash__ = None


def test_numpy_numbers_are_plain_numbers():
    assert plain({"n": np.int64(3), "x": np.float64(0.5), "ok": np.bool_(True)}) == {
        "n": 3, "x": 0.5, "ok": True}
    assert type(plain(np.int64(3))) is int
    assert plain(np.array([1, 2])) == [1, 2]
    assert same(np.int64(50), 50, "déploiements").ok


def test_close_accepts_rounding_and_reports_where_it_differs():
    assert close(12.34, 12.3449, "délai", tolerance=0.05).ok
    result = close({"2026-01": {"taux": 50.0}, "2026-02": {"taux": 30.0}},
                   {"2026-01": {"taux": 50.0}, "2026-02": {"taux": 33.3}}, "par mois")
    assert not result.ok and result.found == "['2026-02'] : ['taux'] : 30.0 au lieu de 33.3"


def test_close_wants_the_same_keys_and_plain_types():
    assert not close({"a": 1.0}, {"a": 1.0, "b": 2.0}, "x").ok
    assert not close("12.3", 12.3, "x").ok
    assert not close(True, 1, "x").ok
    assert not close([1.0, 2.0], [1.0], "x").ok
    assert close(["a", 2.0], ["a", 2.04], "x").ok
    assert not close(float("nan"), 1.0, "x").ok


def test_an_object_whose_eq_always_says_true_does_not_pass():
    assert not close(AlwaysEqual(), {"a": 1.0}, "x").ok
    assert not close(object(), 1.0, "x").ok
