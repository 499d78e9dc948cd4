"""Namespace naming for learners and under grading."""

from __future__ import annotations

import re

import pytest

from sandbox import namespace_for
from sandbox.errors import SandboxError

DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def test_learner_namespace():
    assert namespace_for("premiers-pas-bac-a-sable") == "cpn-premiers-pas-bac-a-sable"


def test_grading_namespace_names_module_learner_and_hash(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setenv("CPN_LEARNER", "Alice.Martin")
    name = namespace_for("premiers-pas-bac-a-sable")
    assert re.fullmatch(r"g-premiers-pas-bac-a-sable-alice-martin-[0-9a-f]{6}", name)


def test_validate_is_not_grading(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    assert namespace_for("m") == "cpn-m"


def test_long_learner_ids_stay_valid_and_distinct():
    a = namespace_for("tests-de-performance-plateforme", "prenom.nom.tres.long@interieur.gouv.fr")
    b = namespace_for("tests-de-performance-plateforme", "prenom.nom.tres.long@interieur.gouv.fx")
    for name in (a, b):
        assert len(name) <= 63 and DNS_LABEL.match(name)
    assert a != b


def test_invalid_module_id_is_refused_in_french():
    with pytest.raises(SandboxError, match="Identifiant de module invalide"):
        namespace_for("!!!")
