"""Answers saved to a JSON file as soon as they change: atomic writes, safe reloads.

The widget state stored in a notebook is never the store: a re-run or a kernel restart
reloads the answers from this file. Under grading nothing is written.

The file keeps, besides the current answers, when each one was given (`answered_at`), the
runs that opened it (`runs`) and every change (`history`), so that two runs can be compared.
A file that cannot be read is kept aside under a new name and reported, never overwritten.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock

import sandbox

FORMAT = 1
HISTORY_LIMIT = 5000
RUNS_LIMIT = 500


def answers_dir() -> Path:
    """Le dossier des réponses (CPN_ANSWERS_DIR, sinon ~/.cpn-kit/reponses)."""
    default = sandbox.Settings.from_env().home / "reponses"
    return Path(os.environ.get("CPN_ANSWERS_DIR", default)).expanduser()


def answers_file(name: str, path: str | Path | None = None) -> Path:
    """Le fichier de réponses d'un questionnaire : `path` s'il est donné, sinon
    `<dossier des réponses>/<name>.json`."""
    return Path(path).expanduser() if path else answers_dir() / f"{name}.json"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class AnswerStore:
    """One JSON file of answers. Reads never fail on a damaged file: it is kept aside."""

    def __init__(self, path: Path, read_only: bool | None = None) -> None:
        self.path = Path(path)
        self.read_only = sandbox.grading() if read_only is None else read_only
        self.warning: str | None = None
        self.run: str | None = None

    def load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("answers", {}), dict):
                raise ValueError("not an answers object")
            return data
        except FileNotFoundError:
            return {}
        except (ValueError, UnicodeDecodeError):
            return self._set_aside()

    def _set_aside(self) -> dict:
        stamp = now().replace(":", "").replace(".", "-")
        kept = self.path.with_name(f"{self.path.stem}.illisible-{stamp}.json")
        if self.read_only:
            self.warning = (f"Le fichier de réponses {self.path} est illisible : il n'est pas "
                            "modifié, et les réponses repartent de zéro.")
            return {}
        self.path.replace(kept)
        self.warning = (f"Le fichier de réponses {self.path} était illisible : il a été mis de "
                        f"côté sous {kept.name} (rien n'est perdu) et vos réponses repartent "
                        "de zéro.")
        return {}

    def start_run(self, label: str = "") -> str | None:
        """Record that a new run (a notebook execution) opened the file; return its id."""
        self.run = now()
        if self.read_only:
            return self.run
        with self._locked() as data:
            runs = data.setdefault("runs", [])
            runs.append({"id": self.run, "label": label})
            del runs[:-RUNS_LIMIT]
        return self.run

    def update(self, key: str, value: object) -> None:
        """Record one answer (and when it was given), atomically and under a lock.
        A value of None removes the answer."""
        if self.read_only:
            return
        with self._locked() as data:
            answers = data.setdefault("answers", {})
            if value is None:
                answers.pop(key, None)
                data.setdefault("answered_at", {}).pop(key, None)
            else:
                answers[key] = value
                data.setdefault("answered_at", {})[key] = now()
            history = data.setdefault("history", [])
            history.append({"at": now(), "run": self.run, "key": key, "value": value})
            del history[:-HISTORY_LIMIT]

    def set_meta(self, **values: object) -> None:
        """Record facts about the file itself (questionnaire id, title…)."""
        if self.read_only:
            return
        with self._locked() as data:
            data.update(values)

    class _Transaction:
        def __init__(self, store: AnswerStore) -> None:
            self.store = store
            self.lock = FileLock(str(store.path) + ".lock", timeout=30)

        def __enter__(self) -> dict:
            self.store.path.parent.mkdir(parents=True, exist_ok=True)
            self.lock.acquire()
            self.data = self.store.load()
            self.data.setdefault("format", FORMAT)
            self.data.setdefault("created", now())
            return self.data

        def __exit__(self, kind, error, trace) -> None:
            try:
                if kind is None:
                    self.data["updated"] = now()
                    self.store._write(self.data)
            finally:
                self.lock.release()

    def _locked(self) -> AnswerStore._Transaction:
        return AnswerStore._Transaction(self)

    def _write(self, data: dict) -> None:
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".reponses-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, indent=2)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def answers(self) -> dict:
        return self.load().get("answers", {})

    def runs(self) -> list[dict]:
        return self.load().get("runs", [])

    def answers_at(self, moment: str) -> dict:
        """The answers as they stood at `moment` (an ISO timestamp, e.g. a run id)."""
        state: dict = {}
        for event in self.load().get("history", []):
            if event["at"] >= moment:
                break
            if event["value"] is None:
                state.pop(event["key"], None)
            else:
                state[event["key"]] = event["value"]
        return state

    def answers_after_run(self, run: str) -> dict:
        """The answers as a run left them (just before the next run started)."""
        later = [r["id"] for r in self.runs() if r["id"] > run]
        return self.answers_at(min(later)) if later else self.answers()

    def compare(self, first: str, second: str | None = None) -> dict[str, tuple]:
        """What changed between two runs (or a run and now), each taken as it ended:
        {key: (before, after)}."""
        before = self.answers_after_run(first)
        after = self.answers_after_run(second) if second else self.answers()
        keys = sorted(set(before) | set(after))
        return {k: (before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)}
