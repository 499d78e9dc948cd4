"""A small real nbgrader gradebook for the certification and dashboard tests."""

from __future__ import annotations

import pytest
from nbgrader.api import Gradebook

from graders.certification import LevelSpec


def make(root, scores: dict[tuple[str, str], float]) -> dict[str, LevelSpec]:
    """A real nbgrader gradebook: two modules of 10 points, learners' scores given."""
    level = LevelSpec("qualite-n2", "Avancé", "Qualité", ("a", "b"), ("objectif",), 80)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        gradebook.add_assignment("qualite-n2")
        for module in level.modules:
            gradebook.add_notebook(module, "qualite-n2")
            gradebook.add_grade_cell("t", module, "qualite-n2", max_score=10, cell_type="code")
        for learner in {learner for learner, _ in scores}:
            gradebook.add_student(learner, first_name=learner.capitalize())
            gradebook.add_submission("qualite-n2", learner)
        for (learner, module), score in scores.items():
            gradebook.find_grade("t", module, "qualite-n2", learner).auto_score = score
        gradebook.db.commit()
    return {"qualite-n2": level}


@pytest.fixture
def make_gradebook():
    return make
