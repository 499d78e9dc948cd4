"""Ce que la console Cloud Pi Native crée pour un projet, d'après ses conventions publiées.

- GitLab : un groupe `<organisation>/<projet>` avec les dépôts déclarés, plus `mirror`,
  `infra-observability` et `infra-apps` créés automatiquement ;
- Harbor : les images sont poussées sous `<REGISTRY_URL>/<organisation>-<projet>/<image>:<tag>` ;
- Argo CD (console 9.11.5 et plus) : par environnement une application racine
  `<projet>-<cluster>-<env>-root` (app of apps), une application `<projet>-<env>-<id>-env`
  (namespace, quota, secret d'accès au registre) et, par dépôt d'infrastructure, une
  application de déploiement `<projet>-<env>-<id>-<dépôt>-<id>` ; par projet, une application
  d'observabilité `prod-<projet>-observability` et/ou `hprod-<projet>-observability` ;
- quotas : le quota d'un environnement est la somme des `resources.limits` de ses pods.

Sources : documentation cloud-pi-native.fr (guide/deployment-with-argo,
guide/environments-management, guide/repositories-management, services/artefacts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .capacity import cpu_millicores, memory_mebibytes
from .errors import GradingError

AUTOMATIC_REPOSITORIES = ("mirror", "infra-observability", "infra-apps")
ENVIRONMENT_TYPES = ("dev", "staging", "integration", "prod")
REPOSITORY_TYPES = ("applicatif", "infra")
SHORT_SHA_LENGTH = 8  # CI_COMMIT_SHORT_SHA in GitLab


def repository_types(builds_image: bool, holds_manifests: bool) -> list[str]:
    """Le ou les types d'un dépôt dans la console : « applicatif » s'il construit une image,
    « infra » s'il porte les manifestes (un monodépôt peut être les deux)."""
    return [kind for kind, flag in zip(REPOSITORY_TYPES, (builds_image, holds_manifests),
                                       strict=True) if flag]


def gitlab_projects(organisation: str, project: str, repositories: Iterable[str]) -> list[str]:
    """Les dépôts GitLab du groupe du projet, triés : ceux déclarés et ceux que la console
    crée d'office."""
    names = set(repositories) | set(AUTOMATIC_REPOSITORIES)
    return sorted(f"{organisation}/{project}/{name}" for name in names)


def image_reference(registry: str, organisation: str, project: str, image: str,
                    commit: str) -> str:
    """Le chemin Harbor d'une image construite par la chaîne, tag = SHA court du commit."""
    if len(commit) < SHORT_SHA_LENGTH:
        raise GradingError(f"SHA de commit trop court : « {commit} ».")
    return f"{registry}/{organisation}-{project}/{image}:{commit[:SHORT_SHA_LENGTH]}"


def is_production(environment_type: str) -> bool:
    if environment_type not in ENVIRONMENT_TYPES:
        raise GradingError(f"Type d'environnement inconnu : « {environment_type} ».",
                           f"Types de la console : {', '.join(ENVIRONMENT_TYPES)}.")
    return environment_type == "prod"


def argocd_applications(project: str, environments: Iterable[Mapping],
                        infra_repositories: Iterable[Mapping]) -> dict[str, dict]:
    """Les applications Argo CD d'un projet, avec leur rôle et leur application parente.

    `environments` : des dictionnaires {nom, type, cluster, id} ; `infra_repositories` :
    {nom, id}. Rôles : « observabilite », « racine », « environnement », « deploiement ».
    """
    environments, repositories = list(environments), list(infra_repositories)
    apps: dict[str, dict] = {}
    kinds = {is_production(e["type"]) for e in environments}
    for production in sorted(kinds):
        prefix = "prod" if production else "hprod"
        apps[f"{prefix}-{project}-observability"] = {"role": "observabilite", "parent": None}
    for env in environments:
        root = f"{project}-{env['cluster']}-{env['nom']}-root"
        apps[root] = {"role": "racine", "parent": None}
        apps[f"{project}-{env['nom']}-{env['id']}-env"] = {"role": "environnement",
                                                          "parent": root}
        for repo in repositories:
            name = f"{project}-{env['nom']}-{env['id']}-{repo['nom']}-{repo['id']}"
            apps[name] = {"role": "deploiement", "parent": root}
    return dict(sorted(apps.items()))


def quota_need(replicas: Mapping[str, int],
               limits: Mapping[str, Mapping[str, object]]) -> dict[str, int]:
    """Le quota qu'un environnement consomme : somme, pour chaque composant, de ses réplicas
    multipliés par ses limits (CPU en millicœurs, mémoire en Mi)."""
    cpu = memory = 0
    for component, count in replicas.items():
        if component not in limits:
            raise GradingError(f"Composant sans limits : « {component} ».")
        cpu += int(count) * cpu_millicores(limits[component]["cpu"])
        memory += int(count) * memory_mebibytes(limits[component]["memory"])
    return {"cpu_m": cpu, "memoire_mi": memory}


def fits(need: Mapping[str, int], quota: Mapping[str, object]) -> bool:
    """Le besoin tient dans le quota demandé (CPU et mémoire)."""
    return (need["cpu_m"] <= cpu_millicores(quota["cpu"])
            and need["memoire_mi"] <= memory_mebibytes(quota["memoire"]))
