"""A real browser uses the diagnostic: JupyterLab started here, Debian's Chromium driven by
Playwright opens the module notebook, runs it, answers by clicking and typing; the answers
file must hold the answers and the charts must be displayed.

Screenshots are kept in test-artifacts/browser/ (git-ignored). Playwright never downloads a
browser: it drives /usr/bin/chromium (`apt-get install chromium`, done by `./kit.sh test`).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "diagnostic-equipe"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=(
        "Chromium absent (/usr/bin/chromium) : installez-le avec « apt-get install chromium » "
        "(./kit.sh test le fait quand il tourne en root).")),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on a copy of the module (the repository's notebook is never touched)."""
    root = tmp_path / "lab"
    root.mkdir()
    shutil.copy2(ROOT / "notebooks" / f"{NOTEBOOK}.ipynb", root)
    shutil.copytree(ROOT / "notebooks" / NOTEBOOK, root / NOTEBOOK)
    answers = tmp_path / "reponses"
    port, token = _free_port(), secrets.token_hex(16)
    # the module is a data module: without a sandbox in its CPN_HOME it runs faster, alone
    env = {**os.environ, "CPN_ANSWERS_DIR": str(answers), "CPN_HOME": str(tmp_path / "home"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    env.pop("NBGRADER_EXECUTION", None)
    log = (tmp_path / "jupyterlab.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--ServerApp.disable_check_xsrf=False", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         *(["--allow-root"] if os.getuid() == 0 else [])],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_server(url, token, server)
        yield {"url": url, "token": token, "answers": answers, "root": root}
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy2(tmp_path / "jupyterlab.log", ARTIFACTS / "jupyterlab.log")


def _wait_for_server(url: str, token: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("JupyterLab s'est arrêté au démarrage (voir jupyterlab.log).")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("JupyterLab ne répond pas après 60 s.")


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def _question(page, question_id: str):
    return page.locator(f".cpn-diagnostic .cpn-q-{question_id}")


def test_the_diagnostic_in_a_real_browser(lab, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
        page = context.pages[0] if context.pages else context.new_page()
        try:
            page.set_default_timeout(30_000)
            page.goto(f"{lab['url']}/lab/tree/{NOTEBOOK}.ipynb?token={lab['token']}")
            page.locator(".jp-Notebook").first.wait_for()
            expect(page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first
                   ).to_be_visible(timeout=60_000)  # the kernel is ready
            news = page.get_by_role("button", name="No", exact=True)
            if news.count():  # JupyterLab's question about its news feed
                news.first.click()
            _shot(page, "1-carnet-ouvert")

            # Run all cells through the menu, as a person would.
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            page.locator(".cpn-autoevaluation").wait_for(state="attached", timeout=90_000)
            diagnostic = page.locator(".cpn-diagnostic")
            path_element = diagnostic.locator(".cpn-answers-path").first
            path_element.scroll_into_view_if_needed()
            path_shown = path_element.text_content()
            assert path_shown == str(lab["answers"] / "diagnostic.json")
            _shot(page, "2-questionnaire-affiche")

            # Answer by clicking and typing.
            _question(page, "situation").get_by_text(
                "Notre projet est lancé", exact=False).click()
            _question(page, "roles").get_by_text("Développement", exact=False).click()
            _question(page, "roles").get_by_text("Pilotage", exact=False).click()
            _question(page, "taille").locator("input").fill("12")
            _question(page, "taille").locator("input").press("Tab")
            application = _question(page, "application").locator("input")
            application.click()
            application.type("Prise de rendez-vous")
            application.press("Tab")
            _question(page, "delai").get_by_text("Entre un jour et une semaine").click()
            _question(page, "frequence").get_by_text("À la demande").click()
            _question(page, "westrum_information").get_by_role("button", name="6",
                                                               exact=True).click()
            _question(page, "westrum_echecs").get_by_role("button", name="Je ne sais pas"
                                                          ).click()
            _question(page, "tests_automatises").get_by_role("button", name="4",
                                                             exact=True).click()
            handle = _question(page, "taux_echec").locator(".noUi-handle")
            handle.focus()
            for _ in range(3):
                handle.press("ArrowRight")
            expect(_question(page, "taux_echec")).to_contain_text("enregistré")
            # a number that is not one is refused, in French, and not saved
            _question(page, "taille").locator("input").fill("douze")
            _question(page, "taille").locator("input").press("Tab")
            expect(_question(page, "taille")).to_contain_text("un nombre est attendu")
            _question(page, "taille").locator("input").fill("12")
            _question(page, "taille").locator("input").press("Tab")
            expect(_question(page, "application")).to_contain_text("enregistré")
            _shot(page, "3-reponses-saisies")

            # The results: two charts and the recommendation.
            diagnostic.get_by_role("button", name="Voir les résultats").click()
            charts = diagnostic.locator("img.cpn-chart")
            expect(charts).to_have_count(2)
            charts.first.scroll_into_view_if_needed()
            page.wait_for_function(
                "() => [...document.querySelectorAll('.cpn-diagnostic img.cpn-chart')]"
                ".every(img => img.complete && img.naturalWidth > 300)")
            expect(diagnostic).to_contain_text("Étape d'accompagnement recommandée")
            _shot(page, "4-resultats")

            # The qualification: its verdict follows the answers.
            qualification = page.locator(".cpn-questionnaire").filter(
                has=page.locator(".cpn-q-calendrier_compatible"))
            question = qualification.locator(".cpn-q-calendrier_compatible")
            question.scroll_into_view_if_needed()
            question.get_by_text("Non", exact=True).click()
            expect(qualification).to_contain_text("Verdict : pas encore")
            expect(qualification).to_contain_text("Le calendrier du projet n'est pas compatible")
            _shot(page, "5-qualification")

            # The self-evaluation: before and after, and its progress chart.
            evaluation = page.locator(".cpn-autoevaluation")
            evaluation.scroll_into_view_if_needed()
            rows = evaluation.locator(".widget-toggle-buttons")
            rows.nth(0).get_by_role("button", name="Assez").click()  # after
            rows.nth(1).get_by_role("button", name="Un peu").click()  # before
            expect(evaluation.locator("img")).to_have_count(1)
            evaluation.locator("img").scroll_into_view_if_needed()
            _shot(page, "6-autoevaluation")
        except Exception:
            _shot(page, "echec")
            raise
        finally:
            context.close()

    saved = json.loads((lab["answers"] / "diagnostic.json").read_text(encoding="utf-8"))
    assert saved["questionnaire"] == "diagnostic"
    assert saved["answers"] == {
        "situation": "construire", "roles": ["developpeurs", "pilotage"], "taille": 12,
        "application": "Prise de rendez-vous", "delai": "1-jour-a-1-semaine",
        "frequence": "a-la-demande", "westrum_information": 6, "westrum_echecs": "nsp",
        "tests_automatises": 4, "taux_echec": 3}
    assert set(saved["answered_at"]) == set(saved["answers"])
    qualification = json.loads((lab["answers"] / "qualification.json").read_text("utf-8"))
    assert qualification["answers"] == {"calendrier_compatible": "non"}
    evaluation = json.loads((lab["answers"] / "autoevaluation.json").read_text("utf-8"))
    assert evaluation["answers"] == {"decouverte/diagnostic/apres": "Assez",
                                     "decouverte/diagnostic/avant": "Un peu"}
    # the notebook file is not the store: the copy opened in the browser holds no answer
    notebook = (lab["root"] / f"{NOTEBOOK}.ipynb").read_text(encoding="utf-8")
    assert "Prise de rendez-vous\"" not in notebook
