"""Git repositories: the training set, the git runner, facts and checks (real git, local)."""

from __future__ import annotations

import pytest

from graders import gitrepo


@pytest.fixture
def repos(tmp_path):
    return gitrepo.training_repository(tmp_path / "depots")


def test_training_repositories_mirror_the_chain(repos):
    assert gitrepo.branches(repos.clone) == ["main"]
    assert len(gitrepo.commits(repos.clone, "main")) == 6
    assert gitrepo.added_by(repos.clone, "main", "Dockerfile") == "Camille Leroy"
    assert {name: tag["annotated"] for name, tag in gitrepo.tags(repos.clone).items()} == {
        "v1.1.0": True, "v1.2.0": True}
    # Camille pushed after the clone: origin is one commit ahead, the mirror is empty.
    assert gitrepo.rev(repos.origin, "main") != gitrepo.rev(repos.clone, "main")
    assert gitrepo.rev(repos.internal, "main") is None


def test_git_runner_prints_and_never_raises(repos, capsys):
    git = gitrepo.Git(repos.clone)
    result = git("switch inexistante")
    assert not result.ok and "code" in capsys.readouterr().out
    assert git("status").ok


def test_a_story_delivered_end_to_end(repos):
    git = gitrepo.Git(repos.clone, quiet=True)
    git("switch -c feature/x")
    (repos.clone / "x.py").write_text("x = 1\n")
    git("add x.py")
    git('commit -m "feat(x): ajouter x"')
    assert gitrepo.conventional_commits(repos.clone, "main..feature/x").ok
    assert gitrepo.authored_by(repos.clone, "main..feature/x", gitrepo.LEARNER).ok
    git("fetch origin")
    git("merge origin/main")
    git("push -u origin feature/x")
    assert gitrepo.contains(repos.clone, "feature/x", "origin/main", "à jour").ok
    git("switch main")
    git("merge --ff-only origin/main")
    git("merge --no-ff feature/x -m \"Merge branch 'feature/x'\"")
    git("push origin main")
    tip = gitrepo.rev(repos.clone, "feature/x")
    assert gitrepo.merged_with_merge_commit(repos.origin, "main", tip).ok
    assert gitrepo.next_version(repos.origin, "v1.2.0", "main") == "v1.3.0"
    git('tag -a v1.3.0 -m "Version 1.3.0"')
    git("push origin v1.3.0")
    gitrepo.mirror(repos.origin, repos.internal)
    assert gitrepo.annotated_tag(repos.internal, "v1.3.0", "main").ok
    requests = gitrepo.merge_request(
        {"source": "feature/x", "cible": "main", "titre": "feat(x): ajouter x",
         "description": "Closes #42\n\n## Comment tester\n\npytest", "relecteurs": ["camille"],
         "brouillon": False, "supprimer_branche_source": True},
        repos.origin, gitrepo.LEARNER, issue=42)
    assert all(r.ok for r in requests)


def test_checks_explain_what_is_wrong(repos):
    git = gitrepo.Git(repos.clone, quiet=True)
    git("switch -c feature/y")
    (repos.clone / "y.py").write_text("y = 1\n")
    git("add y.py")
    git('commit -m "ajout de y"')
    assert "Conventional" in gitrepo.conventional_commits(repos.clone, "main..feature/y").what
    assert not gitrepo.conventional_commits(repos.clone, "main..feature/y").ok
    git("switch main")
    git("merge feature/y")
    result = gitrepo.merged_with_merge_commit(repos.clone, "main",
                                              gitrepo.rev(repos.clone, "feature/y"))
    assert not result.ok and "fast-forward" in result.found
    git("tag v9.9.9")
    assert "tag léger" in gitrepo.annotated_tag(repos.clone, "v9.9.9", "main").found
    (repos.clone / "CHANGELOG.md").write_text("<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n")
    git("commit -am \"docs: conflit\"")
    assert not gitrepo.file_has_lines(repos.clone, "main", "CHANGELOG.md", ["a"]).ok
    self_review = gitrepo.merge_request(
        {"source": "absente", "cible": "dev", "titre": "x", "description": "",
         "relecteurs": ["alex.martin"], "brouillon": True, "supprimer_branche_source": False},
        repos.origin, gitrepo.LEARNER, issue=42)
    assert not any(r.ok for r in self_review)
    assert gitrepo.next_version(repos.clone, "v1.2.0", "main") == "v1.2.1"


def test_repositories_reach_the_grader_as_objects_and_references_only(repos, tmp_path):
    """The kernel hands its repositories over as git bundles: every reference and tag comes
    back, and nothing of their configuration (a command git would run) does."""
    witness = tmp_path / "execute"
    gitrepo.Git(repos.clone, quiet=True)(f"config core.fsmonitor 'touch {witness}'")
    gitrepo.Git(repos.clone, quiet=True)("switch -c feature/x")
    back = gitrepo.unbundled(gitrepo.bundles(repos))
    for name in ("origin", "clone"):
        assert gitrepo.rev(getattr(back, name), "main") == gitrepo.rev(getattr(repos, name),
                                                                        "main")
    assert gitrepo.rev(back.clone, "origin/main") == gitrepo.rev(repos.clone, "origin/main")
    assert gitrepo.branches(back.clone) == ["feature/x", "main"]
    assert gitrepo.tags(back.origin) == gitrepo.tags(repos.origin)
    assert gitrepo.rev(back.internal, "main") is None  # the mirror is still empty
    gitrepo.added_by(back.clone, "main", "Dockerfile")
    assert "fsmonitor" not in (back.clone / "config").read_text(encoding="utf-8")
    assert not witness.exists()
