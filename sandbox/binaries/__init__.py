"""The binaries of the light sandbox: from the cache, built with Go, or downloaded."""

from __future__ import annotations

import shutil
from pathlib import Path

from filelock import FileLock

from ..errors import BinariesUnavailable
from ..progress import QUIET, Reporter
from .build import build, go_available
from .cache import CacheEntry
from .catalog import COMPONENTS, Component
from .download import download

__all__ = ["COMPONENTS", "CacheEntry", "cache_report", "cached_paths", "ensure_binaries"]


def _obtain(entry: CacheEntry, reporter: Reporter, use_go: bool) -> None:
    staging = entry.staging_dir()
    try:
        if use_go:
            build(entry.component, staging, reporter)
        else:
            download(entry.component, staging, reporter)
        entry.install(staging, "build" if use_go else "download")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _ensure(entry: CacheEntry, reporter: Reporter, use_go: bool) -> None:
    if entry.is_valid():
        return
    entry.root.mkdir(parents=True, exist_ok=True)
    with FileLock(entry.root / f".{entry.component.key}.lock"):
        problems = entry.problems()  # another process may have filled it meanwhile
        if problems:
            _refill(entry, problems, reporter, use_go)


def _refill(entry: CacheEntry, problems: list[str], reporter: Reporter, use_go: bool) -> None:
    if entry.directory.exists():
        reporter.info(f"Cache invalide, reconstruction : {'; '.join(problems)}")
    how = "compilation avec Go" if use_go else "téléchargement des versions officielles"
    reporter.info(f"{entry.component.key} : {how} (la première fois prend plusieurs minutes).")
    _obtain(entry, reporter, use_go)


def ensure_binaries(
    cache_dir: Path, reporter: Reporter = QUIET, use_go: bool | None = None
) -> dict[str, Path]:
    """Make sure every binary is in the cache; return their paths by name.

    Go is used when present (the binaries are then built from `sandbox/tools/`), otherwise
    the official releases are downloaded and checked against their published SHA-256.
    """
    use_go = go_available() if use_go is None else use_go
    paths: dict[str, Path] = {}
    try:
        for component in COMPONENTS:
            entry = CacheEntry(cache_dir, component)
            _ensure(entry, reporter, use_go)
            paths.update({b: entry.path(b) for b in component.binaries})
    except BinariesUnavailable as error:
        if not use_go:
            error.message = "Ni Go ni internet : " + error.message
        raise
    return paths


def cached_paths(cache_dir: Path) -> dict[str, Path]:
    """Where each binary lives in the cache (whether or not it is there yet)."""
    return {
        binary: CacheEntry(cache_dir, c).path(binary) for c in COMPONENTS for binary in c.binaries
    }


def cache_report(cache_dir: Path) -> dict[str, list[str]]:
    """Per component key, the problems of its cache entry (empty when valid)."""
    return {c.key: CacheEntry(cache_dir, c).problems() for c in COMPONENTS}


def component(name: str) -> Component:
    return next(c for c in COMPONENTS if c.name == name)
