"""Answers saved to a JSON file as soon as they change: atomic writes, safe reloads.

The widget state stored in a notebook is never the store: a re-run or a kernel restart
reloads the answers from this file. Under grading nothing is written.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock

import sandbox


def answers_dir() -> Path:
    """Le dossier des réponses (CPN_ANSWERS_DIR, sinon ~/.cpn-kit/reponses)."""
    default = sandbox.Settings.from_env().home / "reponses"
    return Path(os.environ.get("CPN_ANSWERS_DIR", default)).expanduser()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class AnswerStore:
    """One JSON file of answers. Reads never fail on a damaged file: it is kept aside."""

    def __init__(self, path: Path, read_only: bool | None = None) -> None:
        self.path = path
        self.read_only = sandbox.grading() if read_only is None else read_only
        self.warning: str | None = None

    def load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
            return data
        except FileNotFoundError:
            return {}
        except (ValueError, UnicodeDecodeError):
            return self._set_aside()

    def _set_aside(self) -> dict:
        kept = self.path.with_name(f"{self.path.stem}.illisible-{now().replace(':', '')}.json")
        if not self.read_only:
            self.path.replace(kept)
        self.warning = (f"Le fichier de réponses {self.path} était illisible : il a été mis de "
                        f"côté sous {kept.name} et vos réponses repartent de zéro.")
        return {}

    def update(self, key: str, value: object) -> None:
        """Record one answer (and when it was given), atomically and under a lock."""
        if self.read_only:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.path) + ".lock"):
            data = self.load()
            data.setdefault("answers", {})[key] = value
            data.setdefault("answered_at", {})[key] = now()
            data["updated"] = now()
            self._write(data)

    def _write(self, data: dict) -> None:
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".reponses-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, self.path)

    def answers(self) -> dict:
        return self.load().get("answers", {})
