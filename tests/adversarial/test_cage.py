"""Every escape of the corpus (cage_cases/) fails under `cpn grade`, and harms nobody.

Dishonest submissions are graded in parallel with honest ones through the real machinery
(CohortGrader, nbgrader, caged kernels, the light sandbox): each attempt is stopped, nothing is
written outside the cage, no process is left, the dishonest learners' own graded work is
untouched, and the honest grades equal those of a run without the corpus.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.cluster, pytest.mark.slow]
FULL_MARKS = 11  # premiers-pas-bac-a-sable, every exercise answered


def test_every_submission_is_graded(corpus_run):
    statuses = {name: (o.status, o.detail[-300:]) for name, o in corpus_run["beside"].items()}
    assert all(status in ("notée", "délai dépassé") for status, _ in statuses.values()), statuses
    assert set(statuses) == {*corpus_run["honest"], *corpus_run["cases"]}


def test_the_escape_is_stopped(corpus_run, cage_case):
    case = cage_case
    seen = corpus_run["reports"].get(case.name, {})
    assert seen is not None, f"{case.name}: no EVASION line (the added cell did not run)"
    succeeded = {name: result for name, result in seen.items()
                 if result.startswith("REUSSI") and name not in case.autorise}
    assert succeeded == {}, case.description
    # the dishonest learner's own answers are graded as any others: the escape changes nothing
    assert corpus_run["beside"][case.name].score == FULL_MARKS


def test_nothing_is_written_outside_the_cage(corpus_run):
    assert sorted(p.name for p in corpus_run["outside"].iterdir()) == []
    before, after = corpus_run["repository"]
    assert before == after
    assert not (corpus_run["root"] / "pirate.txt").exists()


def test_no_process_is_left(corpus_run):
    assert corpus_run["processes"] == ""


def test_honest_grades_are_those_of_a_run_without_the_corpus(corpus_run):
    HONEST = corpus_run["honest"]
    assert corpus_run["alone"][HONEST[0]].score == FULL_MARKS
    assert corpus_run["alone"][HONEST[1]].score < FULL_MARKS
    assert corpus_run["scores"] == corpus_run["baseline"]
    assert {n: corpus_run["beside"][n].score for n in HONEST} == \
        {n: corpus_run["alone"][n].score for n in HONEST}
