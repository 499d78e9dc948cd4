"""Classification and ordering checks: French feedback that names errors, not answers."""

from __future__ import annotations

from graders import classified, ordered

EXPECTED = {"a": "V", "b": "U", "c": "C"}


class AlwaysEqual(dict):
    def __eq__(self, other):
        return True

    __hash__ = None


def test_a_right_classification_passes():
    assert classified({"a": "V", "b": "U", "c": "C"}, EXPECTED, "VUCA").ok


def test_wrong_items_are_named_without_the_answer():
    result = classified({"a": "V", "b": "C", "c": "U"}, EXPECTED, "VUCA")
    assert not result.ok
    assert "2 réponse(s) à revoir : b, c" in result.message()
    assert "'U'" not in result.message()


def test_missing_and_extra_keys_and_types():
    assert "clé(s) absente(s) : c" in classified({"a": "V", "b": "U"}, EXPECTED, "x").message()
    assert "clé(s) en trop : z" in classified({**EXPECTED, "z": "A"}, EXPECTED, "x").message()
    assert not classified(["a"], EXPECTED, "x").ok
    assert not classified({"n": 1.0}, {"n": 1}, "x").ok  # types count


def test_an_object_equal_to_everything_does_not_pass():
    assert not classified(AlwaysEqual(), EXPECTED, "VUCA").ok


def test_ordering_names_the_first_misplaced_position():
    assert ordered(["x", "y", "z"], ["x", "y", "z"], "ordre").ok
    result = ordered(["x", "z", "y"], ["x", "y", "z"], "ordre")
    assert "première erreur en position 2 (z)" in result.message()
    assert "pas exactement ceux proposés" in ordered(["x", "y"], ["x", "y", "z"], "o").message()
    assert not ordered("xyz", ["x", "y", "z"], "o").ok
