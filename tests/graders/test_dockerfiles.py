"""Dockerfile checks beyond the CCT rules, and the French build plan."""

from __future__ import annotations

import pytest

from graders import dockerfiles

GOOD = """
# Étape de construction
FROM docker.io/library/python:3.12-slim AS build
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir --prefix=/install -r requirements.txt
COPY src/ ./src/

FROM docker.io/library/python:3.12-slim
WORKDIR /app
COPY --from=build /install /usr/local
COPY --from=build /app/src ./src
ENV PORT=8080
USER 1001
EXPOSE 8080
CMD ["python", "-m", "src.app"]
"""


def test_a_good_dockerfile_passes_every_check():
    report = dockerfiles.report(GOOD)
    assert report.ok, report.message()


@pytest.mark.parametrize("old, new, check", [
    ("USER 1001", "USER appuser", "utilisateur numérique non root"),
    ("USER 1001", "USER 0", "utilisateur numérique non root"),
    ("EXPOSE 8080", "EXPOSE 80", "Dockerfile conforme au CCT"),
    ('CMD ["python", "-m", "src.app"]', "CMD python -m src.app",
     "commande de démarrage en forme exec"),
    ("COPY --from=build /install /usr/local\nCOPY --from=build /app/src ./src",
     "COPY src/ ./src/", "l'image finale copie le résultat de l'étape de construction"),
    ("COPY requirements.txt .\n", "COPY . .\n",
     "dépendances installées avant la copie du code (cache)"),
    ("ENV PORT=8080", "ENV PORT=8080 DB_PASSWORD=secret", "aucun secret dans l'image"),
    ("FROM docker.io/library/python:3.12-slim AS build", "FROM python:3.12-slim AS build",
     "images de base issues de registres autorisés"),
    ("FROM docker.io/library/python:3.12-slim\n", "FROM docker.io/library/python\n",
     "Dockerfile conforme au CCT"),
])
def test_each_fault_is_caught_by_its_check(old, new, check):
    assert old in GOOD
    report = dockerfiles.report(GOOD.replace(old, new))
    failing = [r.what for r in report.results if not r.ok]
    assert check in " | ".join(failing), failing


def test_single_stage_is_an_audit_finding_reported_as_such():
    single = "FROM docker.io/library/python:3.12-slim\nUSER 1001\nEXPOSE 8080\n"
    result = dockerfiles.cct_compliant(single)
    assert not result.ok and "[audit] build-multi-etapes" in result.found


def test_stages_name_and_order():
    found = dockerfiles.stages(dockerfiles.parse_dockerfile(GOOD))
    assert [(s.index, s.name, s.base) for s in found] == [
        (0, "build", "docker.io/library/python:3.12-slim"),
        (1, None, "docker.io/library/python:3.12-slim")]


def test_build_plan_explains_each_instruction_in_french():
    plan = dockerfiles.build_plan(GOOD)
    assert plan[0].startswith("Étape « build » (étape intermédiaire, jetée après usage)")
    assert any("reprend /install /usr/local depuis l'étape « build »" in line for line in plan)
    assert plan[-1].startswith("Résultat : une image basée sur docker.io/library/python:3.12")
    assert "1001" in plan[-1]


@pytest.fixture
def context(tmp_path):
    for name in ("requirements.txt", ".env", "src/app/web.py", "src/app/__pycache__/web.pyc",
                 "tests/test_web.py", "docs/notes.md", "web.pyc"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    return tmp_path


def test_without_dockerignore_everything_is_sent(context):
    assert ".env" in dockerfiles.build_context(context)


def test_dockerignore_patterns_follow_docker_rules(context):
    ignore = "# commentaire\n.env\n/tests/\n*.pyc\n**/__pycache__\ndocs\n!docs/notes.md\n"
    assert dockerfiles.build_context(context, ignore) == [
        "docs/notes.md", "requirements.txt", "src/app/web.py"]


def test_star_does_not_cross_folders(context):
    assert "src/app/__pycache__/web.pyc" in dockerfiles.build_context(context, "*.pyc")
    assert "src/app/__pycache__/web.pyc" not in dockerfiles.build_context(context, "**/*.pyc")


def test_context_check_names_what_leaks_and_what_is_lost(context):
    good = dockerfiles.context_check(context, ".env\ntests/", [".env", "tests/"],
                                     ["requirements.txt", "src/"])
    assert good.ok
    bad = dockerfiles.context_check(context, "src\n", [".env"], ["src/"])
    assert not bad.ok and "envoyé(s) à tort : .env" in bad.found and "src/" in bad.found
