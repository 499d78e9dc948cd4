"""JupyterLab defaults shipped with the kit, for learners and trainers alike.

JupyterLab reads its setting overrides (``overrides.json``) from its application settings
directory only; this points JupyterLab and Jupyter Notebook (its "Notebook" button) at the
kit's own, so the user's ``~/.jupyter`` is never written.
"""

from pathlib import Path

c = get_config()  # noqa: F821 (provided by the Jupyter config loader)
SETTINGS = str(Path(__file__).parent / "lab-settings")
c.LabApp.app_settings_dir = SETTINGS
c.JupyterNotebookApp.app_settings_dir = SETTINGS
