"""First build of the light sandbox binaries from nothing (empty Go module and build caches),
then again with a warm Go build cache (the binaries themselves are rebuilt).

    .venv/bin/python benchmarks/binaries_build.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from common import machine

from sandbox.binaries import ensure_binaries
from sandbox.progress import Reporter


def timed_build(cache_dir: Path) -> float:
    start = time.monotonic()
    ensure_binaries(cache_dir, Reporter(), use_go=True)
    return time.monotonic() - start


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="cpn-bench-build-"))
    os.environ["GOMODCACHE"] = str(scratch / "gomod")
    os.environ["GOCACHE"] = str(scratch / "gocache")
    try:
        cold = timed_build(scratch / "bin-cold")
        warm = timed_build(scratch / "bin-warm")
        downloaded = sum(f.stat().st_size for f in (scratch / "gomod").rglob("*") if f.is_file())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"- Machine : {machine()}")
    print(f"- Première compilation, caches Go vides : **{cold / 60:.1f} min** "
          f"(modules Go téléchargés : {downloaded / 1e9:.2f} Go)")
    print(f"- Recompilation, cache de compilation Go chaud : **{warm:.0f} s** "
          f"(rapport {cold / warm:.0f}:1)")


if __name__ == "__main__":
    main()
