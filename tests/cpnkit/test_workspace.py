"""A module's workspace: a fresh copy of its support files, beside the notebook."""

from __future__ import annotations

from cpnkit.module import ModuleSession


def test_workspace_is_fresh_and_holds_the_requested_copies(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "module-essai" / "depot" / "__pycache__").mkdir(parents=True)
    (tmp_path / "module-essai" / "depot" / "a.py").write_text("A = 1\n")
    (tmp_path / "module-essai" / "donnees.csv").write_text("x\n1\n")
    session = ModuleSession("module-essai", "ns", None, None, grading=False)
    root = session.workspace("depot", "donnees.csv")
    assert root == tmp_path.joinpath("travail", "module-essai").relative_to(tmp_path)
    (root / "reste-de-la-fois-precedente.txt").write_text("x")
    root = session.workspace("depot", "donnees.csv")
    assert sorted(p.name for p in root.iterdir()) == ["depot", "donnees.csv"]
    assert sorted(p.name for p in (root / "depot").iterdir()) == ["a.py"]
