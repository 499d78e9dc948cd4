"""Merging a submission graded in a shadow course into the real gradebook."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning


def merge_submission(shadow: Path, root: Path, assignment: str, learner: str) -> None:
    """Copy one learner's grades, comments and autograded notebooks from `shadow` to `root`.

    Only this learner's rows are written, so merging submissions one after another leaves the
    gradebook as a sequential `nbgrader autograde` would.
    """
    with warnings.catch_warnings(), \
            Gradebook(f"sqlite:///{shadow / 'gradebook.db'}") as source, \
            Gradebook(f"sqlite:///{root / 'gradebook.db'}") as target:
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own autoflush notices
        graded = source.find_submission(assignment, learner)
        target.update_or_create_student(learner)
        try:
            submission = target.find_submission(assignment, learner)
        except MissingEntry:
            submission = target.add_submission(assignment, learner)
        submission.timestamp = graded.timestamp
        for notebook in graded.notebooks:
            for grade in notebook.grades:
                copy = target.find_grade(grade.name, notebook.name, assignment, learner)
                copy.auto_score = grade.auto_score
                copy.needs_manual_grade = grade.needs_manual_grade
            for comment in notebook.comments:
                copy = target.find_comment(comment.name, notebook.name, assignment, learner)
                copy.auto_comment = comment.auto_comment
            target_notebook = target.find_submission_notebook(notebook.name, assignment, learner)
            target_notebook.late_submission_penalty = notebook.late_submission_penalty
        target.db.commit()
    destination = root / "autograded" / learner / assignment
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(shadow / "autograded" / learner / assignment, destination)
