"""What a module notebook calls: set-up (connect, namespace, capabilities) and clean-up."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kubernetes import client

import sandbox
from sandbox.errors import NotRunning

from .curriculum import load

WORKSPACE_DIR = "travail"  # beside the notebooks; git-ignored


@dataclass
class ModuleSession:
    """La connexion d'un carnet au bac à sable : namespace, client Kubernetes, capacités.

    Pour un module sur données (sans exercice sur le cluster), `api` vaut None quand aucun
    bac à sable ne tourne : le module se suit quand même.
    """

    module: str
    namespace: str
    api: client.ApiClient | None
    capabilities: sandbox.Capabilities | None
    grading: bool
    notes: list[str] = field(default_factory=list)

    def apply(self, manifests) -> list[dict]:
        """Créer ou mettre à jour des objets dans le namespace du module (idempotent)."""
        return sandbox.apply(self.api, manifests, self.namespace)

    def workspace(self, *copies: str) -> Path:
        """Un dossier de travail neuf, « travail/<module>/ » à côté du carnet, où le module
        écrit ses fichiers ; `copies` : éléments du dossier du module à y recopier (un dépôt
        d'exemple…). Relancer le carnet repart d'une copie propre."""
        root = Path(WORKSPACE_DIR) / self.module
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        for name in copies:
            source = Path(self.module) / name
            if source.is_dir():
                shutil.copytree(source, root / name,
                                ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
            else:
                shutil.copy2(source, root / name)
        return root

    def cleanup(self) -> None:
        """Supprimer ce que le module a créé, pour qu'une nouvelle exécution parte de zéro."""
        if self.api is None:
            print("Nettoyage : rien à supprimer dans le cluster.")
        elif self.grading:
            sandbox.empty_namespace(self.api, self.namespace)
            print(f"Nettoyage : objets du namespace {self.namespace} supprimés.")
        else:
            sandbox.delete_namespace(self.api, self.namespace)
            print(f"Nettoyage : namespace {self.namespace} supprimé.")

    def summary(self) -> str:
        mode = "correction" if self.grading else "apprentissage"
        lines = [f"Module « {self.module} » — mode {mode}"]
        if self.api is None:
            lines.append("Module sur données : le bac à sable n'est pas nécessaire.")
        else:
            lines += [f"Namespace : {self.namespace}", self.capabilities.describe()]
        return "\n".join(lines + self.notes)


def _check_api(api: client.ApiClient) -> None:
    try:
        client.VersionApi(api).get_code(_request_timeout=5)
    except Exception as error:  # any transport failure means the same thing for a learner
        raise NotRunning(
            "Le bac à sable ne répond pas.",
            "Démarrez-le dans un terminal avec « cpn sandbox up », puis relancez cette cellule.",
        ) from error


def _add_kubectl_to_path() -> None:
    bin_dir = str(sandbox.Settings.from_env().bin_dir)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"


def start_module(module: str, namespace: str | None = None, quiet: bool = False) -> ModuleSession:
    """Préparer un module : connexion au bac à sable et namespace du module.

    Sans bac à sable, s'arrête avec la commande à lancer. Sous correction, utilise le
    namespace et les identifiants limités préparés par le correcteur.
    """
    entry = load().module(module)  # an unknown module id stops here, in French
    grading = sandbox.grading()
    if entry.kind == "donnees":
        return _data_session(module, namespace, grading, quiet)
    api = sandbox.api_client()
    _check_api(api)
    namespace = namespace or sandbox.namespace_for(module)
    capabilities = sandbox.capabilities()
    if not grading:  # under grading, the runner prepared namespace and fixtures
        sandbox.prepare_namespace(api, namespace, module)
        if entry.fixtures_template:
            objects = sandbox.render_fixtures(entry.fixtures_template, namespace,
                                              entry.support_dir)
            sandbox.apply_fixtures(api, objects, capabilities.logs == "simulated")
    _add_kubectl_to_path()
    session = ModuleSession(module, namespace, api, capabilities, grading)
    if not quiet:
        print(session.summary())
    return session


def _data_session(module: str, namespace: str | None, grading: bool,
                  quiet: bool) -> ModuleSession:
    """A data module uses the sandbox when it runs, and goes on without it otherwise."""
    namespace = namespace or sandbox.namespace_for(module)
    try:
        api = sandbox.api_client()
        _check_api(api)
    except sandbox.SandboxError:
        session = ModuleSession(module, namespace, None, None, grading)
    else:
        if not grading:
            sandbox.prepare_namespace(api, namespace, module)
        session = ModuleSession(module, namespace, api, sandbox.capabilities(), grading)
    if not quiet:
        print(session.summary())
    return session
