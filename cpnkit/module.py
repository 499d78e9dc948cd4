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
    uses_cluster: bool = True  # False for data modules: no namespace of their own

    @property
    def shared_space(self) -> bool:
        """Under grading or in cohort mode the namespace is prepared by others and kept."""
        return self.grading or sandbox.cohort_namespace() is not None

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
        if self.api is None or not self.uses_cluster:
            print("Nettoyage : rien à supprimer dans le cluster.")
        elif self.shared_space:
            sandbox.empty_namespace(self.api, self.namespace)
            print(f"Nettoyage : objets du namespace {self.namespace} supprimés.")
        else:
            sandbox.delete_namespace(self.api, self.namespace)
            print(f"Nettoyage : namespace {self.namespace} supprimé.")
            self._delete_own_fixtures()

    def _delete_own_fixtures(self) -> None:
        """Learner mode: the module's cluster-wide fixtures made for this namespace (their
        name holds it, e.g. a kwok node or a PriorityClass) go with it; under grading the
        runner deletes them."""
        template = load().module(self.module).fixtures_template
        if not template:
            return
        objects = [o for o in sandbox.render_fixtures(template, self.namespace,
                                                      load().module(self.module).support_dir)
                   if not (o.get("metadata") or {}).get("namespace")
                   and self.namespace in (o.get("metadata") or {}).get("name", "")]
        sandbox.delete_fixtures(self.api, objects)

    def summary(self) -> str:
        mode = "correction" if self.grading else "apprentissage"
        lines = [f"Module « {self.module} » — mode {mode}"]
        if not self.uses_cluster:
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


def _explain_api_errors() -> None:
    """In a notebook, an API refusal (quota, rights, validation) shows as a French
    explanation instead of a stack trace."""
    try:
        shell = get_ipython()  # type: ignore[name-defined]  # noqa: F821
    except NameError:
        return

    def show(shell, kind, error, traceback, tb_offset=None):
        explained = sandbox.explain(error)
        print("\n".join(explained._render_traceback_()))

    shell.set_custom_exc((client.ApiException,), show)


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
    if not grading and not sandbox.cohort_namespace():  # else prepared by the trainer
        sandbox.prepare_namespace(api, namespace, module)
        if entry.fixtures_template:
            objects = sandbox.render_fixtures(entry.fixtures_template, namespace,
                                              entry.support_dir)
            sandbox.apply_fixtures(api, objects, capabilities.logs == "simulated")
    _add_kubectl_to_path()
    if not grading:  # under grading, errors must stay errors for nbgrader
        _explain_api_errors()
    session = ModuleSession(module, namespace, api, capabilities, grading)
    if not quiet:
        print(session.summary())
    return session


def _data_session(module: str, namespace: str | None, grading: bool,
                  quiet: bool) -> ModuleSession:
    """A data module works on files: it keeps a client when a sandbox runs (for optional
    illustrations) but creates no namespace, and goes on without a sandbox."""
    namespace = namespace or sandbox.namespace_for(module)
    try:
        api = sandbox.api_client()
        _check_api(api)
    except sandbox.SandboxError:
        api = None
    capabilities = sandbox.capabilities() if api is not None else None
    session = ModuleSession(module, namespace, api, capabilities, grading, uses_cluster=False)
    if not quiet:
        print(session.summary())
    return session
