"""What the light sandbox runs: each component, how to build it, where it is published."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from pathlib import Path

from .. import versions

TOOLS_DIR = Path(__file__).resolve().parent.parent / "tools"


@dataclass(frozen=True)
class Checksum:
    """Where the published SHA-256 of an artefact is found.

    kind: "file" (the URL holds the hex digest alone), "sums" (a SHA256SUMS list, `entry`
    names the line), "github" (the release API's asset `digest`, `entry` names the asset).
    """

    kind: str
    url: str
    entry: str = ""


@dataclass(frozen=True)
class Artifact:
    """One file to download; `member` is the path of the binary inside a tar.gz."""

    binary: str
    url: str
    checksum: Checksum
    member: str | None = None


@dataclass(frozen=True)
class Component:
    """A group of binaries built from one Go module of `sandbox/tools/`."""

    name: str
    version: str
    module: str
    packages: dict[str, str]
    ldflags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.name}-{self.version}"

    @property
    def module_dir(self) -> Path:
        return TOOLS_DIR / self.module

    @property
    def binaries(self) -> tuple[str, ...]:
        return tuple(self.packages)


def _arch() -> str:
    machine = platform.machine().lower()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(machine, machine)


def _version_ldflags(version: str) -> tuple[str, ...]:
    major, minor, _ = version.lstrip("v").split(".")
    flags = []
    for pkg in ("k8s.io/component-base/version", "k8s.io/client-go/pkg/version"):
        values = {
            "gitVersion": version,
            "gitMajor": major,
            "gitMinor": minor,
            "gitTreeState": "clean",
            "buildDate": "1970-01-01T00:00:00Z",
        }
        flags += [f"-X {pkg}.{key}={value}" for key, value in values.items()]
    return tuple(flags)


KUBERNETES = Component(
    name="kubernetes",
    version=versions.KUBERNETES,
    module="k8s",
    packages={
        name: f"k8s.io/kubernetes/cmd/{name}"
        for name in ("kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl")
    },
    ldflags=_version_ldflags(versions.KUBERNETES),
)
ETCD = Component(
    name="etcd",
    version=versions.ETCD,
    module="etcd",
    packages={"etcd": "go.etcd.io/etcd/server/v3"},
)
KWOK = Component(
    name="kwok",
    version=versions.KWOK,
    module="kwok",
    packages={"kwok": "sigs.k8s.io/kwok/cmd/kwok", "kwokctl": "sigs.k8s.io/kwok/cmd/kwokctl"},
    ldflags=(f"-X sigs.k8s.io/kwok/pkg/consts.Version={versions.KWOK.lstrip('v')}",),
)
COMPONENTS = (KUBERNETES, ETCD, KWOK)


def _base(variable: str, default: str) -> str:
    return os.environ.get(variable, default).rstrip("/")


def artifacts(component: Component) -> list[Artifact]:
    """The official release files of a component, with where their checksums live."""
    arch, version = _arch(), component.version
    if component is KUBERNETES:
        base = _base("CPN_KUBERNETES_RELEASE_URL", "https://dl.k8s.io/release")
        return [
            Artifact(b, url, Checksum("file", f"{url}.sha256"))
            for b in component.binaries
            for url in [f"{base}/{version}/bin/linux/{arch}/{b}"]
        ]
    if component is ETCD:
        base = _base("CPN_ETCD_RELEASE_URL", "https://github.com/etcd-io/etcd/releases/download")
        archive = f"etcd-{version}-linux-{arch}"
        return [
            Artifact(
                "etcd",
                f"{base}/{version}/{archive}.tar.gz",
                Checksum("sums", f"{base}/{version}/SHA256SUMS", f"{archive}.tar.gz"),
                member=f"{archive}/etcd",
            )
        ]
    base = _base("CPN_KWOK_RELEASE_URL", "https://github.com/kubernetes-sigs/kwok/releases/download")
    api = _base("CPN_KWOK_RELEASE_API", "https://api.github.com/repos/kubernetes-sigs/kwok/releases")
    return [
        Artifact(b, f"{base}/{version}/{b}-linux-{arch}",
                 Checksum("github", f"{api}/tags/{version}", f"{b}-linux-{arch}"))
        for b in component.binaries
    ]
