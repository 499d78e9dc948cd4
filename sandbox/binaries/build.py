"""Build a component from its Go module in `sandbox/tools/`, with progress."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import deque
from collections.abc import Callable
from pathlib import Path

from ..errors import BinariesUnavailable
from ..progress import Reporter
from .catalog import Component


def go_available() -> bool:
    return shutil.which("go") is not None


def _go_env() -> dict[str, str]:
    return {**os.environ, "CGO_ENABLED": "0", "GOFLAGS": "-mod=readonly -buildvcs=false"}


def _stream(cmd: list[str], cwd: Path, on_line: Callable[[str], None]) -> None:
    """Run `cmd`, feeding each output line to `on_line`; raise with the output tail on failure."""
    tail: deque[str] = deque(maxlen=25)
    with subprocess.Popen(
        cmd, cwd=cwd, env=_go_env(), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            tail.append(line.rstrip())
            on_line(line)
    if process.returncode != 0:
        raise BinariesUnavailable(
            f"La commande « {' '.join(cmd[:3])} … » a échoué dans {cwd} :\n" + "\n".join(tail),
            "Vérifiez l'accès au proxy de modules Go (GOPROXY) et l'espace disque, puis relancez.",
        )


def _module_count(module_dir: Path) -> int:
    lines = (module_dir / "go.sum").read_text().splitlines()
    return sum(1 for line in lines if line and "/go.mod " not in line)


def _package_count(component: Component) -> int:
    out = subprocess.run(
        ["go", "list", "-deps", *component.packages.values()],
        cwd=component.module_dir, env=_go_env(), capture_output=True, text=True,
    )
    return len(out.stdout.splitlines()) if out.returncode == 0 else 0


def build(component: Component, target: Path, reporter: Reporter) -> None:
    """Compile every binary of `component` into `target`."""
    with reporter.phase(f"Modules Go de {component.key}", _module_count(component.module_dir)) as p:
        _stream(
            ["go", "mod", "download", "-json"], component.module_dir,
            lambda line: p.advance(detail=line.split('"')[3]) if '\t"Path"' in line else None,
        )
    with reporter.phase(f"Compilation de {component.key}", _package_count(component)) as p:
        ldflags = " ".join(("-s", "-w", *component.ldflags))
        for binary, package in component.packages.items():
            _stream(
                ["go", "build", "-v", "-trimpath", "-ldflags", ldflags,
                 "-o", str(target / binary), package],
                component.module_dir,
                lambda line: p.advance(detail=line.strip()[-60:]),
            )
