"""Shared by the benchmark scripts: the machine they ran on, and a private sandbox."""

from __future__ import annotations

import os
import platform
import socket
import statistics
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from sandbox import Settings
from sandbox.providers.light import LightProvider


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError):
        mem_kb = 0
    return (f"{date.today().isoformat()}, {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} cœurs ({cpu}), {mem_kb / 1024 / 1024:.0f} Gio, "
            f"Python {platform.python_version()}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def private_sandbox(name: str) -> LightProvider:
    """A light sandbox of its own (name, port, home) using the shared binary cache."""
    home = Path(tempfile.mkdtemp(prefix=f"cpn-bench-{name}-"))
    settings = replace(Settings.from_env(), name=name, port=free_port(), home=home,
                       timeout=120)
    return LightProvider(settings)


def summary(values: list[float], unit: str = "s") -> str:
    return (f"médiane {statistics.median(values):.2f} {unit} "
            f"(min {min(values):.2f}, max {max(values):.2f}, n={len(values)})")
