"""Cold start of the light sandbox with cached binaries, until every node is Ready and the
default ServiceAccount exists. Target: median <= 15 s on 2 cores.

    .venv/bin/python benchmarks/sandbox_cold_start.py [--runs 5]
"""

from __future__ import annotations

import argparse
import time

from common import machine, private_sandbox, summary

from sandbox.binaries import ensure_binaries
from sandbox.progress import QUIET


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    provider = private_sandbox("coldstart")
    ensure_binaries(provider.settings.cache_dir)  # cached binaries: not part of the figure
    durations = []
    for _ in range(args.runs):
        start = time.monotonic()
        status = provider.up(QUIET)
        durations.append(time.monotonic() - start)
        assert status.healthy, status
        provider.down(QUIET)
    print(f"- Machine : {machine()}")
    print(f"- Démarrage à froid (binaires en cache) : {summary(durations)}")
    print(f"- Mesures : {', '.join(f'{d:.2f}' for d in durations)} s")


if __name__ == "__main__":
    main()
