"""close() and native(): numbers compared with a tolerance, numpy values made plain."""

from __future__ import annotations

import numpy

from graders import close, native


class LyingFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


def test_close_accepts_within_tolerance_and_refuses_beyond():
    assert close(0.5004, 0.5, "taux", tolerance=5e-4).ok
    result = close(0.51, 0.5, "taux", tolerance=5e-4)
    assert not result.ok and "taux" in result.message()


def test_close_relative_tolerance():
    assert close(1.009e-4, 1e-4, "p", relative=0.01).ok
    assert not close(1.02e-4, 1e-4, "p", relative=0.01).ok


def test_close_refuses_booleans_texts_and_nan():
    assert not close(True, 1, "x").ok
    assert not close("0.5", 0.5, "x").ok
    assert not close(float("nan"), 0.5, "x").ok


def test_close_judges_the_value_not_the_equality_of_a_lying_object():
    assert not close(LyingFloat(3.0), 0.5, "x").ok


def test_native_converts_numpy_values_recursively():
    value = native({"a": numpy.int64(3), "b": [numpy.float64(0.5), numpy.bool_(True)]})
    assert value == {"a": 3, "b": [0.5, True]}
    assert type(value["a"]) is int and type(value["b"][1]) is bool


def test_native_rebuilds_dict_subclasses_as_plain_dicts():
    class Always(dict):
        def __eq__(self, other):
            return True

    assert type(native(Always(x=1))) is dict
