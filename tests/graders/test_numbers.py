"""Numbers compared with a tolerance, structure and types included (pure logic)."""

from __future__ import annotations

from graders import close


class AlwaysEqual(dict):
    def __eq__(self, other):
        return True

    __hash__ = None


def test_numbers_within_the_tolerance_pass():
    assert close(4.37, 4.372, "score").ok
    assert close({"a": 1.0, "b": [2, 3.004]}, {"a": 1, "b": [2, 3.0]}, "résultat").ok


def test_a_number_outside_the_tolerance_fails_and_says_where():
    result = close({"dev": 4.2, "ops": 3.9}, {"dev": 4.2, "ops": 3.5}, "scores")
    assert not result.ok
    assert "['ops'] : 3.9 au lieu de 3.5" in result.message()


def test_structure_must_match():
    assert "clé(s) manquante(s) ['ops']" in close({"dev": 1.0}, {"dev": 1.0, "ops": 2.0},
                                                  "x").message()
    assert "clé(s) en trop ['qa']" in close({"dev": 1.0, "qa": 2.0}, {"dev": 1.0},
                                            "x").message()
    assert "3 élément(s) attendu(s), 2 reçu(s)" in close([1, 2], [1, 2, 3], "x").message()


def test_types_are_checked():
    assert not close(True, 1, "booléen pris pour un nombre").ok
    assert not close("4.2", 4.2, "texte").ok
    assert not close(4, "F-01", "texte attendu").ok
    assert close("F-01", "F-01", "texte").ok


def test_an_object_equal_to_everything_does_not_pass():
    assert not close(AlwaysEqual(), {"dev": 4.2}, "scores").ok


def test_an_object_that_is_not_plain_is_refused_in_french():
    result = close(object(), 1.0, "votre valeur")
    assert not result.ok and "valeur simple" in result.message()


def test_many_differences_are_summarised():
    result = close(list(range(10)), [x + 1 for x in range(10)], "liste")
    assert "… et 6 autre(s) écart(s)" in result.message()
