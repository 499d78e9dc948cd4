"""Updating a learner workspace never overwrites the learner's work (real files, no mock)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cpnkit import layout, workspace
from cpnkit.curriculum import load
from cpnkit.manifest import MANIFEST, beside, sync


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _release(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    return _write(tmp_path / name, files)


KIT_V1 = {"1-qualite/qualite-n1/module.ipynb": "v1 module",
          "1-qualite/qualite-n1/module/donnees.csv": "x\n1\n",
          "1-qualite/qualite-n1/autre.ipynb": "v1 autre",
          "bienvenue.ipynb": "v1 accueil"}
KIT_V2 = {**KIT_V1, "1-qualite/qualite-n1/module.ipynb": "v2 module",
          "1-qualite/qualite-n1/autre.ipynb": "v2 autre",
          "1-qualite/qualite-n1/module/Dockerfile": "FROM scratch\n"}


def test_a_first_build_writes_everything_and_records_it(tmp_path):
    space = tmp_path / "espace"
    report = sync(_release(tmp_path, "v1", KIT_V1), space)
    assert sorted(report.written) == sorted(KIT_V1)
    assert all((space / name).read_text() == text for name, text in KIT_V1.items())
    recorded = json.loads((space / MANIFEST).read_text())["files"]
    assert set(recorded) == set(KIT_V1) and all(len(h) == 64 for h in recorded.values())


def test_an_update_keeps_a_changed_notebook_and_writes_the_new_one_beside(tmp_path):
    space = tmp_path / "espace"
    sync(_release(tmp_path, "v1", KIT_V1), space)
    (space / "1-qualite/qualite-n1/module.ipynb").write_text("mes réponses")
    report = sync(_release(tmp_path, "v2", KIT_V2), space)

    assert (space / "1-qualite/qualite-n1/module.ipynb").read_text() == "mes réponses"
    assert (space / "1-qualite/qualite-n1/module.nouvelle-version.ipynb").read_text() == \
        "v2 module"
    assert report.kept == [("1-qualite/qualite-n1/module.ipynb",
                            "1-qualite/qualite-n1/module.nouvelle-version.ipynb")]
    # an unchanged notebook is updated in place, a new file is added
    assert (space / "1-qualite/qualite-n1/autre.ipynb").read_text() == "v2 autre"
    assert report.updated == ["1-qualite/qualite-n1/autre.ipynb"]
    assert report.written == ["1-qualite/qualite-n1/module/Dockerfile"]
    told = "\n".join(report.lines())
    assert "Vous avez modifié ces fichiers" in told
    assert "1-qualite/qualite-n1/module.nouvelle-version.ipynb" in told


def test_updating_twice_changes_nothing(tmp_path):
    space = tmp_path / "espace"
    sync(_release(tmp_path, "v1", KIT_V1), space)
    (space / "1-qualite/qualite-n1/module.ipynb").write_text("mes réponses")
    release = _release(tmp_path, "v2", KIT_V2)
    sync(release, space)
    before = {p: p.read_bytes() for p in space.rglob("*") if p.is_file()}
    again = sync(release, space)
    assert {p: p.read_bytes() for p in space.rglob("*") if p.is_file()} == before
    assert not again.written and not again.updated
    assert len(again.kept) == 1  # still told: the learner has not merged the new version
    # the kit's own record of the learner's file is not the learner's content
    recorded = json.loads((space / MANIFEST).read_text())["files"]
    mine = hashlib.sha256("mes réponses".encode()).hexdigest()
    assert recorded["1-qualite/qualite-n1/module.ipynb"] != mine


def test_a_file_the_kit_never_wrote_is_never_overwritten(tmp_path):
    space = _write(tmp_path / "espace", {"bienvenue.ipynb": "écrit par l'apprenant"})
    report = sync(_release(tmp_path, "v1", KIT_V1), space)
    assert (space / "bienvenue.ipynb").read_text() == "écrit par l'apprenant"
    assert (space / "bienvenue.nouvelle-version.ipynb").read_text() == "v1 accueil"
    assert report.kept == [("bienvenue.ipynb", "bienvenue.nouvelle-version.ipynb")]


def test_a_deleted_file_comes_back_and_a_reverted_one_is_updated_again(tmp_path):
    space = tmp_path / "espace"
    sync(_release(tmp_path, "v1", KIT_V1), space)
    (space / "1-qualite/qualite-n1/autre.ipynb").unlink()
    (space / "1-qualite/qualite-n1/module.ipynb").write_text("essai")
    (space / "1-qualite/qualite-n1/module.ipynb").write_text("v1 module")  # back as it was
    report = sync(_release(tmp_path, "v2", KIT_V2), space)
    assert "1-qualite/qualite-n1/autre.ipynb" in report.written
    assert report.updated == ["1-qualite/qualite-n1/module.ipynb"]
    assert not report.kept and not (space / "1-qualite/qualite-n1/module.nouvelle-version.ipynb"
                                    ).exists()


def test_learner_files_the_kit_does_not_ship_stay(tmp_path):
    space = tmp_path / "espace"
    sync(_release(tmp_path, "v1", KIT_V1), space)
    _write(space, {"1-qualite/qualite-n1/travail/module/notes.txt": "à moi"})
    sync(_release(tmp_path, "v2", KIT_V2), space)
    assert (space / "1-qualite/qualite-n1/travail/module/notes.txt").read_text() == "à moi"


@pytest.mark.parametrize(("name", "expected"), [
    ("a/module.ipynb", "a/module.nouvelle-version.ipynb"),
    ("a/Dockerfile", "a/Dockerfile.nouvelle-version"),
    ("donnees.tar.gz", "donnees.tar.nouvelle-version.gz"),
    (".env", ".env.nouvelle-version"),
])
def test_the_new_version_is_named_beside_the_file(name, expected):
    assert beside(name) == expected


def test_the_location_follows_flag_then_environment_then_default(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("CPN_WORKSPACE", raising=False)
    assert workspace.location() == tmp_path / "cpn-formation"
    monkeypatch.setenv("CPN_WORKSPACE", str(tmp_path / "env"))
    assert workspace.location() == tmp_path / "env"
    assert workspace.location(str(tmp_path / "option")) == tmp_path / "option"


def test_levels_are_laid_out_in_course_order_under_their_assignment_name():
    curriculum = load()
    folders = [str(layout.folder(curriculum, a)) for a in curriculum.assignments.values()]
    assert folders[0] == "0-decouverte/decouverte"
    assert "1-qualite/qualite-n1" in folders and "4-decision/decision-n3" in folders
    assert folders == sorted(folders)  # what a file browser shows is the course order


def test_links_follow_the_workspace_layout(tmp_path):
    curriculum = load()
    _write(tmp_path, {MANIFEST: "{}", "0-decouverte/decouverte/diagnostic-equipe.ipynb": "",
                      "1-qualite/qualite-n2/conteneurisation.ipynb": ""})
    here = tmp_path / "0-decouverte" / "decouverte"
    assert layout.module_link(curriculum, "qualite-n2", "conteneurisation", here) == \
        "../../1-qualite/qualite-n2/conteneurisation.ipynb"
    assert layout.module_link(curriculum, None, "diagnostic-equipe", tmp_path) == \
        "0-decouverte/decouverte/diagnostic-equipe.ipynb"
    assert layout.module_link(curriculum, "qualite-n1", "feature-toggles", tmp_path) is None
