"""Gherkin scenarios really run with pytest-bdd, and mutants of the rule are killed."""

from __future__ import annotations

from pathlib import Path

import pytest

from graders import GradingError, bdd, mutation

pytestmark = pytest.mark.slow

SUPPORT = Path(__file__).resolve().parents[2] / "notebooks" / "bdd-gherkin"
RULE = SUPPORT / "eligibilite.py"
STEPS = (SUPPORT / "etapes.py").read_text(encoding="utf-8")

FEATURE = """# language: fr
Fonctionnalité: Éligibilité

  Scénario: un dossier complet est éligible
    Étant donné un dossier de préqualification complet
    Quand le programme évalue le dossier
    Alors le dossier est "eligible"

  Plan du scénario: une réponse manquante
    Étant donné un dossier de préqualification complet
    Et la réponse "<champ>" vaut "<valeur>"
    Quand le programme évalue le dossier
    Alors le dossier est "<statut>"

    Exemples:
      | champ        | valeur | statut                   |
      | but_lucratif | oui    | non_eligible             |
      | cct_lu       | non    | eligible_sous_conditions |
"""


def test_every_mutation_applies_to_the_shipped_rule_and_changes_it():
    source = RULE.read_text(encoding="utf-8")
    for mutant in bdd.MUTATIONS:
        assert mutation.mutate(source, mutant) != source, mutant.id


def test_a_mutation_that_does_not_apply_is_an_error():
    with pytest.raises(GradingError):
        mutation.mutate("def evaluer(d): pass", bdd.MUTATIONS[0])


def test_scenarios_run_and_pass_against_the_rule():
    run = bdd.run_feature(FEATURE, STEPS, RULE)
    assert len(run.scenarios) == 3 and run.passed == 3
    assert bdd.check_run(run, 3, "scénarios").ok
    assert any("[cct_lu-non-eligible_sous_conditions]" in s.name for s in run.scenarios)


def test_a_wrong_expectation_fails_with_its_message():
    run = bdd.run_feature(FEATURE.replace('est "eligible"\n', 'est "non_eligible"\n', 1),
                          STEPS, RULE)
    assert len(run.failures) == 1
    assert "statut obtenu : eligible" in run.failures[0].message
    assert not bdd.check_run(run, 3, "scénarios").ok


def test_an_undefined_step_or_broken_code_runs_nothing_useful():
    assert not bdd.check_run(bdd.run_feature(FEATURE, "import nulle_part", RULE), 1, "x").ok
    undefined = bdd.run_feature(FEATURE.replace("Quand le programme", "Quand la machine"),
                                STEPS, RULE)
    assert undefined.failures


def test_mutants_survive_weak_scenarios_and_die_with_strong_ones():
    run, alive = bdd.mutation_runs(FEATURE, STEPS, RULE)
    assert run.passed == 3
    survivors = {m.id for m in alive}
    assert "but-lucratif-ignore" not in survivors and "cct-ignore" not in survivors
    assert {"seuil-equipe", "motif-commercial", "sponsor-ignore"} <= survivors


def test_steps_that_assert_nothing_let_every_mutant_survive():
    lazy = STEPS.replace("assert decision.statut == statut,", "assert True or decision.statut,")
    _, alive = bdd.mutation_runs(FEATURE, lazy, RULE)
    assert {m.id for m in alive} >= {"but-lucratif-ignore", "cct-ignore"}
    assert not bdd.check_killed(alive, "mutants").ok


def test_outcomes_reads_statuses_from_steps_and_example_tables():
    assert bdd.outcomes(FEATURE) == ["eligible", "eligible_sous_conditions", "non_eligible"]
    with pytest.raises(GradingError):
        bdd.outcomes("Fonctionnalité sans deux-points\n  Scénario x")
