"""Rapport d'analyse de vulnérabilités (format JSON de Trivy) de l'image du portail de rendez-vous.

Trois fichiers pour le module « images-et-registres » :

- `rapport-trivy.json` : le rapport de Trivy (schéma 2) sur l'image
  `harbor.bac-a-sable.cpin/mi-rdv-prefecture/rdv-web:1.8.2`, comme Harbor le produit à chaque
  poussée d'image ;
- `trivyignore.yaml` : les risques acceptés par l'équipe (format `.trivyignore.yaml` de
  Trivy), avec une justification et une date d'expiration ;
- `images.yaml` : les références d'images relevées dans les manifestes du projet.

Les identifiants de vulnérabilité, les empreintes et les scores sont **fictifs**, tirés avec une
graine fixe : `python -m cpnkit.datasets.rapport_trivy` réécrit exactement les fichiers versionnés.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

from .common import write

MODULE = "images-et-registres"
SEED = 20261127
REGISTRY = "harbor.bac-a-sable.cpin"
REPOSITORY = f"{REGISTRY}/mi-rdv-prefecture/rdv-web"
TAG = "1.8.2"

# (package, installed version, fixed version or "" when no fix exists yet)
OS_PACKAGES = [
    ("openssl", "3.0.15-1~deb12u1", "3.0.15-1~deb12u2"),
    ("libssl3", "3.0.15-1~deb12u1", "3.0.15-1~deb12u2"),
    ("libc6", "2.36-9+deb12u8", "2.36-9+deb12u9"),
    ("zlib1g", "1:1.2.13.dfsg-1", ""),
    ("libexpat1", "2.5.0-1+deb12u1", "2.5.0-1+deb12u2"),
    ("libcurl4", "7.88.1-10+deb12u8", "7.88.1-10+deb12u9"),
    ("perl-base", "5.36.0-7+deb12u1", ""),
    ("libncursesw6", "6.4-4", ""),
    ("util-linux", "2.38.1-5+deb12u2", ""),
    ("libldap-2.5-0", "2.5.13+dfsg-5", ""),
]
PYTHON_PACKAGES = [
    ("urllib3", "2.2.1", "2.2.2"),
    ("jinja2", "3.1.3", "3.1.5"),
    ("cryptography", "42.0.2", "43.0.1"),
    ("requests", "2.31.0", "2.32.0"),
    ("pyyaml", "6.0.1", ""),
]
# Severity plan: (severity, with a fix?) -> how many findings
PLAN = [
    ("CRITICAL", True, 2), ("CRITICAL", False, 1),
    ("HIGH", True, 5), ("HIGH", False, 2),
    ("MEDIUM", True, 6), ("MEDIUM", False, 5),
    ("LOW", True, 3), ("LOW", False, 8),
    ("UNKNOWN", False, 2),
]
SCORES = {"CRITICAL": (9.0, 10.0), "HIGH": (7.0, 8.9), "MEDIUM": (4.0, 6.9),
          "LOW": (0.1, 3.9), "UNKNOWN": (0.0, 0.0)}
WEAKNESSES = ["dépassement de tampon", "déni de service", "lecture hors limites",
              "injection d'en-tête", "contournement de vérification de certificat",
              "utilisation après libération", "consommation excessive de mémoire",
              "fuite d'information"]
IMAGES = [
    f"{REPOSITORY}:{TAG}",
    f"{REGISTRY}/mi-rdv-prefecture/rdv-api:latest",
    "docker.io/bitnami/redis:7.4.2",
    "bitnami/postgresql:16.6.0",
    "nginx:1.27",
    "quay.io/keycloak/keycloak",
    "registry.example.org/outils/debug:2.1",
    "localhost:5000/rdv-web:dev",
    "docker.io/library/python:3.12-slim",
    "gcr.io/distroless/python3-debian12:nonroot",
    "registry.redhat.io/ubi9/ubi-minimal:9.5",
]


def _digest(rng: random.Random) -> str:
    return f"sha256:{rng.getrandbits(256):064x}"


def _vulnerabilities(rng: random.Random) -> tuple[list[dict], list[dict]]:
    """Findings for the OS packages and for the Python packages."""
    os_found, python_found, used = [], [], set()
    for severity, fixable, count in PLAN:
        for _ in range(count):
            python = rng.random() < 0.3
            candidates = [p for p in (PYTHON_PACKAGES if python else OS_PACKAGES)
                          if bool(p[2]) == fixable]
            if not candidates:  # no package of that kind: take one from the other list
                python = not python
                candidates = [p for p in (PYTHON_PACKAGES if python else OS_PACKAGES)
                              if bool(p[2]) == fixable]
            name, installed, fixed = rng.choice(candidates)
            while (ident := f"CVE-2026-{rng.randint(20000, 99999)}") in used:
                continue
            used.add(ident)
            low, high = SCORES[severity]
            finding = {
                "VulnerabilityID": ident,
                "PkgID": f"{name}@{installed}",
                "PkgName": name,
                "InstalledVersion": installed,
                **({"FixedVersion": fixed} if fixed else {}),
                "Status": "fixed" if fixed else rng.choice(["affected", "will_not_fix"]),
                "Severity": severity,
                "Title": f"{name} : {rng.choice(WEAKNESSES)} (vulnérabilité fictive)",
                "PrimaryURL": f"https://avd.aquasec.com/nvd/{ident.lower()}",
                **({"CVSS": {"nvd": {"V3Score": round(rng.uniform(low, high), 1)}}}
                   if severity != "UNKNOWN" else {}),
                "PublishedDate": f"2026-{rng.randint(1, 10):02}-{rng.randint(1, 28):02}T00:00:00Z",
            }
            (python_found if python else os_found).append(finding)
    key = lambda v: (v["PkgName"], v["VulnerabilityID"])  # noqa: E731
    return sorted(os_found, key=key), sorted(python_found, key=key)


def report(seed: int = SEED) -> dict:
    """Le rapport Trivy (dictionnaire prêt pour JSON)."""
    rng = random.Random(seed)
    image_id, digest = _digest(rng), _digest(rng)
    os_found, python_found = _vulnerabilities(rng)
    return {
        "SchemaVersion": 2,
        "CreatedAt": "2026-11-27T06:12:44.517203+01:00",
        "ArtifactName": f"{REPOSITORY}:{TAG}",
        "ArtifactType": "container_image",
        "Metadata": {
            "OS": {"Family": "debian", "Name": "12.8"},
            "ImageID": image_id,
            "DiffIDs": [_digest(rng) for _ in range(4)],
            "RepoTags": [f"{REPOSITORY}:{TAG}"],
            "RepoDigests": [f"{REPOSITORY}@{digest}"],
            "ImageConfig": {"architecture": "amd64", "os": "linux",
                            "config": {"User": "1001", "ExposedPorts": {"8080/tcp": {}}}},
        },
        "Results": [
            {"Target": f"{REPOSITORY}:{TAG} (debian 12.8)", "Class": "os-pkgs", "Type": "debian",
             "Vulnerabilities": os_found},
            {"Target": "Python", "Class": "lang-pkgs", "Type": "python-pkg",
             "Vulnerabilities": python_found},
        ],
    }


def exceptions(rep: dict) -> dict:
    """Les risques acceptés : une exception valide, une expirée, une sans objet."""
    found = [v for r in rep["Results"] for v in r["Vulnerabilities"]]
    critical_fixed = sorted(v["VulnerabilityID"] for v in found
                            if v["Severity"] == "CRITICAL" and v.get("FixedVersion"))
    high_fixed = sorted(v["VulnerabilityID"] for v in found
                        if v["Severity"] == "HIGH" and v.get("FixedVersion"))
    return {"vulnerabilities": [
        {"id": critical_fixed[0],
         "statement": "Fonction vulnérable non appelée par le portail (analyse du 2026-11-20, "
                      "validée par le RSSI) ; correctif prévu dans la version 1.9.",
         "expired_at": "2027-01-31"},
        {"id": high_fixed[0],
         "statement": "Accepté en attendant la mise à jour de l'image de base.",
         "expired_at": "2026-11-15"},
        {"id": "CVE-2026-10001",
         "statement": "Ancienne exception, la bibliothèque a été retirée de l'image.",
         "expired_at": "2027-06-30"},
    ]}


def render(seed: int = SEED) -> dict[str, str]:
    """Le contenu des trois fichiers, par nom de fichier."""
    rep = report(seed)
    ignore = exceptions(rep)
    header = ("# Risques acceptés par l'équipe du portail (format .trivyignore.yaml de Trivy).\n"
              "# expired_at : l'exception ne vaut plus à partir de cette date.\n")
    ignore_text = header + yaml.safe_dump(ignore, allow_unicode=True, sort_keys=False)
    # dates without quotes, as people write them (YAML reads them as dates)
    ignore_text = ignore_text.replace("expired_at: '", "expired_at: ").replace("'\n", "\n")
    images_text = ("# Références d'images relevées dans les manifestes du projet "
                   "mi-rdv-prefecture.\n" + yaml.safe_dump({"images": IMAGES}, sort_keys=False))
    return {"rapport-trivy.json": json.dumps(rep, ensure_ascii=False, indent=2) + "\n",
            "trivyignore.yaml": ignore_text, "images.yaml": images_text}


def generate() -> dict[str, str]:
    """Les fichiers du jeu de données (nom -> contenu), toujours identiques."""
    return render()


def write_files(folder: Path | None = None) -> Path:
    """Écrire les fichiers dans notebooks/<MODULE>/ (ou `folder`)."""
    return write(MODULE, generate(), folder)


if __name__ == "__main__":
    print(write_files())
