"""Every `cpn` verb, against an emptied binary cache, a stopped sandbox and a foreign program
on the sandbox's port: one French line and a hint on stderr, the exit code of the table
(3: sandbox unavailable, 4: invalid data), never a traceback.

The CLI runs in-process (`cpnkit.cli.main`): an exception it lets through fails the test.
Each situation has its own CPN_HOME, cache and port; no real sandbox is touched.
`sandbox up`, `reset` and `install` fill an empty cache by design (a build of many minutes):
`up` is checked on a foreign port with a fresh home, where it must refuse before building.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cpnkit import cli
from cpnkit.course import CourseInfo
from cpnkit.curriculum import load

FRENCH = re.compile(r"\b(le|la|les|du|des|est|ne|pas|sur|un|une|aucun|aucune)\b", re.I)
NAME = "cpn-erreurs"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _kubeconfig(port: int) -> str:
    return f"""apiVersion: v1
kind: Config
clusters:
- name: {NAME}
  cluster: {{server: "https://127.0.0.1:{port}", insecure-skip-tls-verify: true}}
contexts:
- name: {NAME}
  context: {{cluster: {NAME}, user: {NAME}}}
current-context: {NAME}
users:
- name: {NAME}
  user: {{token: jeton}}
"""


def _left_behind(home, port: int) -> None:
    """What a sandbox leaves after a crash or a reboot: its files, no process."""
    cluster = home / "kwok" / "clusters" / NAME
    (cluster / "pids").mkdir(parents=True)
    (cluster / "kwok.yaml").write_text("kind: KwokctlConfiguration\n")
    (cluster / "pids" / "etcd.pid").write_text("999999\n")
    (home / f"{NAME}.kubeconfig").write_text(_kubeconfig(port))
    (home / f"{NAME}.json").write_text(json.dumps({"provider": "light", "name": NAME}))


def _foreign_listener(port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.05)
    server.kill()
    raise RuntimeError("http.server did not start")


@pytest.fixture(params=["cache-vide", "jamais-demarre", "arrete", "port-etranger"])
def situation(request, tmp_path, monkeypatch):
    home, cache, port = tmp_path / "home", tmp_path / "cache", _free_port()
    home.mkdir()
    cache.mkdir()
    for variable in ("CPN_KUBECONFIG", "CPN_COHORT_KUBECONFIG", "NBGRADER_EXECUTION",
                     "CPN_GRADING"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("CPN_HOME", str(home))
    monkeypatch.setenv("CPN_CACHE_DIR", str(cache))
    monkeypatch.setenv("CPN_SANDBOX_NAME", NAME)
    monkeypatch.setenv("CPN_SANDBOX_PORT", str(port))
    monkeypatch.setenv("CPN_PROVIDER", "light")
    monkeypatch.setenv("CPN_TRAINER_DIR", str(tmp_path / "formateur"))
    monkeypatch.setenv("CPN_ANSWERS_DIR", str(tmp_path / "reponses"))
    server = None
    if request.param != "jamais-demarre":
        _left_behind(home, port)
    if request.param == "port-etranger":
        server = _foreign_listener(port)
    yield request.param
    if server:
        server.kill()
        server.wait()


def _cluster_course(root):
    """A course with one submission of a level graded on the sandbox."""
    level = CourseInfo(load).levels()["qualite-n1"]
    (root / "source" / "qualite-n1").mkdir(parents=True)
    (root / "source" / "qualite-n1" / f"{level.cluster_modules[0]}.ipynb").write_text("{}")
    (root / "submitted" / "ana" / "qualite-n1").mkdir(parents=True)
    (root / "gradebook.db").write_text("")
    return root


VERBS = {
    "sandbox status": (["sandbox", "status"], 3),
    "sandbox down": (["sandbox", "down"], 0),
    "sandbox kubeconfig": (["sandbox", "kubeconfig"], 0),
    "sandbox capabilities": (["sandbox", "capabilities"], 0),
    "sandbox up --dry-run": (["sandbox", "up", "--dry-run"], 0),
    "cohort status": (["cohort", "status", "--nom", "essai"], 3),
    "cohort delete": (["cohort", "delete", "--nom", "essai"], 3),
    "cohort create": (["cohort", "create", "--nom", "essai", "{roster}", "--sortie", "{tmp}/kc"],
                      3),
    "grade (cluster)": (["grade", "qualite-n1", "--course", "{course}"], 3),
    "report": (["report", "--course", "{tmp}/nulle-part"], 4),
    "certify issue": (["certify", "issue", "--course", "{tmp}/nulle-part"], 4),
    "certify verify": (["certify", "verify", "{tmp}/absente.json"], 4),
    "course status": (["course", "status"], 0),
    "questionnaire list": (["questionnaire", "list"], 0),
}


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("verb", list(VERBS))
def test_every_verb_answers_in_french(verb, situation, tmp_path, capsys):
    template, expected = VERBS[verb]
    roster = tmp_path / "liste.csv"
    roster.write_text("identifiant,nom,parcours\nana,Ana Diaz,qualite\n")
    values = {"tmp": str(tmp_path), "roster": str(roster),
              "course": str(_cluster_course(tmp_path / "cours"))}
    code, out, err = _run([part.format(**values) for part in template], capsys)
    assert "Traceback" not in out + err
    assert code == expected, (out, err)
    if code:
        assert err.strip() and FRENCH.search(err), err
        assert "→" in err, f"no hint on stderr: {err}"
        assert len([line for line in err.splitlines() if line.startswith("Erreur")]) <= 1


@pytest.mark.parametrize("verb", ["cohort status", "cohort delete", "cohort create",
                                  "grade (cluster)"])
def test_the_messages_name_the_situation(verb, situation, tmp_path, capsys):
    """Not any French line: the one that says what is wrong, for the verbs that reach the API."""
    template, _ = VERBS[verb]
    roster = tmp_path / "liste.csv"
    roster.write_text("identifiant,nom,parcours\nana,Ana Diaz,qualite\n")
    values = {"tmp": str(tmp_path), "roster": str(roster),
              "course": str(_cluster_course(tmp_path / "cours"))}
    _, _, err = _run([part.format(**values) for part in template], capsys)
    expected = {"cache-vide": "connexion refusée", "arrete": "connexion refusée",
                "jamais-demarre": "kubeconfig introuvable",
                "port-etranger": "n'est pas l'API Kubernetes"}[situation]
    assert expected in err and "cpn sandbox up" in err, err


@pytest.mark.parametrize("situation", ["cache-vide"], indirect=True)
def test_sandbox_down_with_an_emptied_cache_removes_the_leftovers(situation, tmp_path, capsys):
    code, out, _ = _run(["sandbox", "down"], capsys)
    assert code == 0 and "Bac à sable arrêté" in out
    assert not (tmp_path / "home" / "kwok" / "clusters" / NAME).exists()
    assert not (tmp_path / "home" / f"{NAME}.kubeconfig").exists()


@pytest.mark.parametrize("leftovers", [False, True], ids=["neuf", "apres-redemarrage"])
def test_sandbox_up_refuses_a_held_port_before_building(leftovers, tmp_path, monkeypatch,
                                                        capsys):
    port = _free_port()
    if leftovers:
        _left_behind(tmp_path / "home", port)
    monkeypatch.setenv("CPN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CPN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CPN_SANDBOX_NAME", NAME)
    monkeypatch.setenv("CPN_SANDBOX_PORT", str(port))
    monkeypatch.setenv("CPN_PROVIDER", "light")
    server = _foreign_listener(port)
    try:
        code, _, err = _run(["sandbox", "up"], capsys)
    finally:
        server.kill()
        server.wait()
    assert code == 3 and f"Le port {port}" in err and "→" in err, err
    assert not any((tmp_path / "cache").glob("*"))  # refused before anything was built


@pytest.mark.parametrize("group", ["", "sandbox", "cohort", "course", "grade", "report",
                                   "certify", "questionnaire"])
def test_help_of_every_group_is_french(group, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main([*([group] if group else []), "--help"])
    out, err = capsys.readouterr()
    assert stop.value.code == 0 and out.startswith("utilisation : cpn") and not err


def test_cpn_called_by_its_full_path_finds_the_tools_of_its_environment(tmp_path):
    """Without an activated environment, nbgrader's gradebook still finds `alembic`."""
    (tmp_path / "cours").mkdir()
    (tmp_path / "cours" / "gradebook.db").touch()
    entry = Path(sys.executable).parent / "cpn"
    result = subprocess.run([str(entry), "report", "--course", str(tmp_path / "cours")],
                            capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text", ["clusters: [\n", "apiVersion: v1\n"], ids=["yaml", "vide"])
@pytest.mark.parametrize("situation", ["arrete"], indirect=True)
def test_a_broken_kubeconfig_is_one_french_line(situation, text, tmp_path, capsys):
    (tmp_path / "home" / f"{NAME}.kubeconfig").write_text(text)
    code, _, err = _run(["cohort", "status", "--nom", "essai"], capsys)
    assert code == 3 and "Traceback" not in err
    assert ("Kubeconfig illisible" in err or "Configuration Kubernetes inutilisable" in err)
    assert "cpn sandbox up" in err and len(err.strip().splitlines()) == 2, err
