"""Progress of long work: a bar on a terminal, one line per phase with its time elsewhere."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Phase:
    """One phase of work; `advance` moves its bar when the total is known."""

    def __init__(self, bar: Progress | None = None, task: int | None = None) -> None:
        self._bar = bar
        self._task = task

    def advance(self, steps: int = 1, detail: str | None = None) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=steps, detail=detail or "")

    def total(self, total: int) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, total=total)


class Reporter:
    """Reports phases on stderr (data stays on stdout)."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.interactive = self.stream.isatty() and not quiet

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.stream, flush=True)

    @contextmanager
    def phase(self, title: str, total: int | None = None) -> Iterator[Phase]:
        start = time.monotonic()
        if self.interactive:
            with self._bar() as bar:
                yield Phase(bar, bar.add_task(title, total=total, detail=""))
        else:
            self.info(f"▶ {title}…")
            yield Phase()
        self.info(f"✔ {title} ({time.monotonic() - start:.1f} s)")

    def _bar(self) -> Progress:
        return Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("[dim]{task.fields[detail]}", justify="left"),
            console=Console(file=self.stream),
            transient=True,
        )


QUIET = Reporter(quiet=True)
