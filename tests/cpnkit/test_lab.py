"""The learner's JupyterLab configuration: which config folders each launch gets, the first
layout, the start hook of the JupyterHub image, and settings that name real plugins."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import jupyterlab_language_pack_fr_FR
import yaml

from cpnkit import lab
from cpnkit.layout import WELCOME

ROOT = Path(__file__).resolve().parents[2]
HUB = ROOT / "sandbox" / "config" / "jupyterhub"
SHARE = Path(sys.prefix) / "share" / "jupyter"


def _config_path(env: dict[str, str]) -> list[Path]:
    return [Path(p) for p in env["JUPYTER_CONFIG_PATH"].split(os.pathsep)]


def test_a_learner_gets_the_learner_folders_and_the_exchange_only_where_it_exists(
        tmp_path, monkeypatch):
    monkeypatch.setenv("CPN_HOME", str(tmp_path / "home"))
    base: dict[str, str] = {}
    alone = lab.learner_lab_env(base, exchange=tmp_path / "absent")
    assert _config_path(alone) == [lab.LEARNER, lab.COMMON]
    (tmp_path / "exchange").mkdir()
    cohort = lab.learner_lab_env(base, exchange=tmp_path / "exchange")
    assert _config_path(cohort) == [lab.LEARNER_EXCHANGE, lab.LEARNER, lab.COMMON]
    assert alone["JUPYTERLAB_WORKSPACES_DIR"] == str(
        tmp_path / "home" / "jupyterlab" / "learner-workspaces")


def test_a_trainer_launched_from_a_learner_shell_drops_the_learner_folders(tmp_path):
    learner = lab.learner_lab_env({"JUPYTER_CONFIG_PATH": "/opt/site-config"},
                                  exchange=tmp_path)
    trainer = lab.trainer_lab_env(learner)
    assert _config_path(trainer) == [lab.COMMON, Path("/opt/site-config")]
    assert trainer["JUPYTERLAB_WORKSPACES_DIR"] != learner["JUPYTERLAB_WORKSPACES_DIR"]


def test_the_first_layout_opens_the_welcome_notebook_with_its_contents_once(tmp_path):
    assert lab.seed_first_layout(tmp_path, "accueil/bienvenue.ipynb")
    saved = json.loads(next(tmp_path.glob("default-*.jupyterlab-workspace")).read_text())
    layout = saved["data"]["layout-restorer:data"]
    assert layout["main"]["current"] == "notebook:accueil/bienvenue.ipynb"
    assert layout["left"] == {"collapsed": False, "visible": True, "current": lab.TOC,
                              "widgets": ["filebrowser", "running-sessions", lab.TOC]}
    # once JupyterLab saved the learner's own layout, it is never replaced
    assert not lab.seed_first_layout(tmp_path, "autre.ipynb")
    assert json.loads(next(tmp_path.glob("default-*")).read_text()) == saved


def test_the_exports_survive_a_real_shell(tmp_path):
    env = {"JUPYTER_CONFIG_PATH": f"{tmp_path}/l'apprenant $HOME", "B": "a b"}
    script = lab.shell_exports(env) + 'printf "%s\\n" "$JUPYTER_CONFIG_PATH" "$B"'
    shown = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True)
    assert shown.stdout.splitlines() == [env["JUPYTER_CONFIG_PATH"], "a b"]


def test_the_hub_image_hook_exports_the_learner_env_where_the_exchange_is_mounted(tmp_path):
    (tmp_path / "cpn-formation").mkdir()
    (tmp_path / "cpn-formation" / "bienvenue.ipynb").write_text("{}")
    env = {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
           "CPN_HOME": str(tmp_path / "home"), "HOME": str(tmp_path)}
    hook = HUB / "jupyterlab-apprenant.sh"
    shown = subprocess.run(["sh", "-c", f'. "{hook}" && echo "$JUPYTER_CONFIG_PATH"'],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert Path(shown.stdout.split(os.pathsep)[0].strip()) in (lab.LEARNER,
                                                               lab.LEARNER_EXCHANGE)
    assert list((tmp_path / "home" / "jupyterlab" / "learner-workspaces").iterdir())
    assert "jupyterlab-apprenant.sh /usr/local/bin/before-notebook.d/" in (
        HUB / "Dockerfile").read_text()
    mounts = yaml.safe_load((HUB / "values.yaml").read_text())["singleuser"]["storage"][
        "extraVolumeMounts"]
    assert str(lab.DEFAULT_EXCHANGE) in {m["mountPath"] for m in mounts}


def test_the_settings_name_plugins_and_extensions_that_exist():
    """An nbgrader or JupyterLab upgrade that renames a plugin fails here, not in class."""
    bundle = "".join(p.read_text(errors="replace") for p in
                     (SHARE / "labextensions" / "@jupyter" / "nbgrader" / "static").glob("*.js"))
    for folder in (lab.LEARNER, lab.LEARNER_EXCHANGE):
        page = json.loads((folder / "labconfig" / "page_config.json").read_text())
        for plugin in page["disabledExtensions"]:
            package, _, name = plugin.partition(":")
            if package == "@jupyter/nbgrader":
                assert f'"{plugin}"' in bundle, plugin
            else:
                schema = SHARE / "lab" / "schemas" / package / f"{name}.json"
                assert schema.exists(), plugin
    server = json.loads((lab.LEARNER / "jupyter_server_config.json").read_text())
    shipped = json.loads((Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d"
                          / "nbgrader.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert set(server["ServerApp"]["jpserver_extensions"]) < set(shipped)
    overrides = json.loads((lab.COMMON / "lab-settings" / "overrides.json").read_text())
    for plugin, values in overrides.items():
        package, _, name = plugin.partition(":")
        schema = json.loads((SHARE / "lab" / "schemas" / package / f"{name}.json").read_text())
        assert set(values) <= set(schema["properties"]), plugin


def test_the_french_language_pack_is_a_pinned_dependency():
    locale = Path(jupyterlab_language_pack_fr_FR.__file__).parent / "locale" / "fr_FR"
    assert (locale / "LC_MESSAGES" / "jupyterlab.json").exists()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "jupyterlab-language-pack-fr-FR==4.5.post3" in project["dependencies"]


def test_every_launch_opens_the_workspace_on_its_welcome_notebook():
    """kit.sh opens the workspace through `cpn lab`; Binder and the JupyterHub image start
    their own server on the workspace and lay out the welcome notebook at its root."""
    assert re.search(r'exec "\$VENV/bin/cpn" lab\b', (ROOT / "kit.sh").read_text())
    for script in (ROOT / "binder" / "start", HUB / "jupyterlab-apprenant.sh"):
        words = shlex.split(re.search(r"cpnkit\.lab env ([^)\n]*)", script.read_text()).group(1))
        options = dict(zip(words[::2], words[1::2], strict=True))
        assert options["--accueil"] == WELCOME, script
        assert options["--racine"].endswith("cpn-formation}"), script


def test_a_layout_that_cannot_be_written_warns_in_french_and_still_launches(
        tmp_path, monkeypatch, capsys):
    (tmp_path / "bienvenue.ipynb").write_text("{}")
    (tmp_path / "un-fichier").write_text("")
    monkeypatch.setenv("CPN_HOME", str(tmp_path / "un-fichier"))
    assert lab.main(["env", "--racine", str(tmp_path), "--echange", str(tmp_path / "non")]) == 0
    shown = capsys.readouterr()
    assert "export JUPYTER_CONFIG_PATH=" in shown.out
    assert shown.err.startswith("Attention : la disposition de départ de JupyterLab")
    assert len(shown.err.splitlines()) == 1
