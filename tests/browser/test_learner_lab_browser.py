"""A real browser opens the learner's JupyterLab as the kit launches it (`python -m cpnkit.lab
env`): in French, the welcome notebook and the table of contents open on first start, no news
question, no instructor tool; and the trainer's JupyterLab, which keeps every nbgrader tool.

Screenshots are kept in test-artifacts/browser/ (git-ignored). Playwright drives Debian's
Chromium (/usr/bin/chromium), never a downloaded browser.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULE = "conteneurisation"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
FRENCH_MENUS = ["Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Onglets",
                "Paramètres", "Aide"]
CREATE_ASSIGNMENT = "[data-id='nbgrader-create_assignemnt']"  # nbgrader's own spelling

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=(
        "Chromium absent (/usr/bin/chromium) : installez-le avec « apt-get install chromium » "
        "(./kit.sh test le fait quand il tourne en root).")),
]


@pytest.fixture
def course_root(tmp_path) -> Path:
    """A learner's folder: the welcome notebook and one module with its data folder."""
    root = tmp_path / "cpn-formation"
    root.mkdir()
    shutil.copy2(ROOT / "notebooks" / "bienvenue.ipynb", root)
    shutil.copy2(ROOT / "notebooks" / f"{MODULE}.ipynb", root)
    shutil.copytree(ROOT / "notebooks" / MODULE, root / MODULE)
    return root


@pytest.fixture
def browser(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # a loaded 2-core machine is slow to redraw
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
        page = context.pages[0] if context.pages else context.new_page()
        page.set_default_timeout(30_000)
        try:
            yield page
        finally:
            context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def _menus(page) -> list[str]:
    return [label.strip() for label in
            page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_text_contents()]


def _open(page, url: str) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    page.locator(".jp-Notebook").first.wait_for()
    expect(page.locator(".jp-StatusBar-TextItem", has_text="| ").first).to_be_visible()


def test_the_learner_lab_speaks_french_and_shows_no_instructor_tool(
        kit_lab, course_root, browser, tmp_path):
    from playwright.sync_api import expect

    lab = kit_lab(course_root, "--echange", str(tmp_path / "pas-d-echange"),
                  name="jupyterlab-apprenant")
    page = browser
    try:
        # First start: the welcome notebook, its table of contents beside it.
        _open(page, f"{lab.url}/lab?token={lab.token}")
        current = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
        expect(current).to_contain_text("bienvenue.ipynb")
        toc = page.locator(".jp-TableOfContents")
        expect(toc).to_be_visible()
        expect(toc).to_contain_text("Bienvenue dans le kit de formation")
        _shot(page, "apprenant-premier-demarrage")

        # A module, opened as a learner does.
        _open(page, f"{lab.url}/lab/tree/{MODULE}.ipynb?token={lab.token}")
        expect(current).to_contain_text(f"{MODULE}.ipynb")
        expect(toc).to_contain_text("Image, couches, conteneur")
        expect(page.locator(".jp-StatusBar-TextItem", has_text="| Inactif").first
               ).to_be_visible(timeout=60_000)  # the kernel is ready, and says so in French
        assert _menus(page) == FRENCH_MENUS
        page.wait_for_timeout(3000)  # JupyterLab asks about its news a few seconds in
        assert page.locator(".Toastify__toast").count() == 0, (
            page.locator(".Toastify__toast").all_text_contents())
        # validate stays; the instructor tools are nowhere
        module = page.locator(".jp-NotebookPanel:visible")
        expect(module.locator(".jp-NotebookPanel-toolbar")).to_contain_text("Validate")
        assert page.locator(CREATE_ASSIGNMENT).count() == 0
        assert page.locator("#jp-mainmenu-nbgrader").count() == 0
        module.locator(".jp-Cell").first.click()  # the shortcut needs the focus
        page.keyboard.press("Control+Shift+C")  # the command palette lists every command
        palette = page.locator("#command-palette")
        expect(palette).to_be_visible()
        page.keyboard.type("nbgrader")
        expect(palette.locator(".lm-CommandPalette-item")).to_have_count(0)
        page.keyboard.press("Escape")
        _shot(page, "apprenant-module")
    except Exception:
        _shot(page, "apprenant-echec")
        raise


def test_the_trainer_lab_keeps_every_nbgrader_tool(kit_lab, course_root, browser):
    from playwright.sync_api import expect

    lab = kit_lab(course_root, "--formateur", name="jupyterlab-formateur")
    page = browser
    try:
        _open(page, f"{lab.url}/lab/tree/{MODULE}.ipynb?token={lab.token}")
        assert "Nbgrader" in _menus(page)
        assert "Fichier" in _menus(page)
        expect(page.locator(CREATE_ASSIGNMENT)).to_have_count(1)
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").first.click()
        menu = page.locator(".lm-Menu").first
        for item in ("Assignment List", "Course List", "Formgrader", "Create assignment"):
            expect(menu).to_contain_text(item)
        _shot(page, "formateur-menu-nbgrader")
        page.keyboard.press("Escape")
        page.locator(".jp-NotebookPanel:visible .jp-Cell").first.click()
        page.keyboard.press("Control+Shift+C")  # the palette finds what the learner's does not
        page.keyboard.type("nbgrader")
        expect(page.locator("#command-palette .lm-CommandPalette-item").first).to_be_visible()
    except Exception:
        _shot(page, "formateur-echec")
        raise
    status, _ = lab.get("/formgrader")
    assert status == 200
