"""Logs: structured JSON lines, read through the Kubernetes API, counted and turned into rates.

Applications write one JSON object per line on stdout (EXI-ARCH-23). The kit reads the logs
of a Deployment's pods through the API (`read_namespaced_pod_log`), on the light sandbox where
kwok plays them from a file, and on kind or k3d where real containers print them. Lines that
are not JSON objects (a raw Python traceback, for example) are counted apart, never guessed.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from kubernetes import client

from .errors import GradingError


def parse_cri(line: str) -> tuple[str, str, str]:
    """One line of a CRI log file: (time, stream, message)."""
    parts = line.rstrip("\n").split(" ", 3)
    if len(parts) < 4 or parts[1] not in ("stdout", "stderr"):
        raise GradingError(f"Ligne de journal CRI illisible : « {line[:80]} ».")
    return parts[0], parts[1], parts[3]


def cri_messages(path: Path) -> list[str]:
    """The messages of a CRI log file (what a container printed), in order."""
    return [parse_cri(line)[2] for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def json_lines(text: str) -> tuple[list[dict], int]:
    """The JSON objects of a log text, one per line, and the number of other (non-empty) lines."""
    records, ignored = [], 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            ignored += 1
            continue
        if isinstance(value, dict):
            records.append(value)
        else:
            ignored += 1
    return records, ignored


def deployment_logs(api: client.ApiClient, namespace: str, deployment: str) -> str:
    """Les journaux de tous les pods d'un Deployment (lus par l'API), mis bout à bout."""
    apps, core = client.AppsV1Api(api), client.CoreV1Api(api)
    found = apps.read_namespaced_deployment(deployment, namespace)
    selector = ",".join(f"{k}={v}" for k, v in found.spec.selector.match_labels.items())
    texts = []
    for pod in sorted(core.list_namespaced_pod(namespace, label_selector=selector).items,
                      key=lambda p: p.metadata.name):
        if pod.status.phase == "Running":
            texts.append(core.read_namespaced_pod_log(pod.metadata.name, namespace))
    return "".join(text if text.endswith("\n") or not text else text + "\n" for text in texts)


def level_counts(records: list[dict]) -> dict[str, dict[str, int]]:
    """Per service, the number of lines of each level: {"rdv-api": {"info": 12, …}}."""
    counts: dict[str, Counter] = {}
    for record in records:
        counts.setdefault(str(record.get("service")), Counter())[str(record.get("level"))] += 1
    return {service: dict(sorted(levels.items())) for service, levels in sorted(counts.items())}


def window_of(stamp: str, minutes: int) -> str:
    """The start of the window of `minutes` minutes holding a time, as « HH:MM » (UTC)."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)
    return f"{moment.hour:02d}:{moment.minute - moment.minute % minutes:02d}"


def error_rates(records: list[dict], minutes: int = 5) -> dict[str, float]:
    """Per window, the share of HTTP requests (lines with a « status ») answered 500 or more,
    rounded to 3 decimals."""
    totals: Counter = Counter()
    errors: Counter = Counter()
    for record in records:
        status = record.get("status")
        if type(status) is not int:
            continue
        window = window_of(record["time"], minutes)
        totals[window] += 1
        errors[window] += status >= 500
    return {w: round(errors[w] / totals[w], 3) for w in sorted(totals)}


# Raised from a fixed place, so that the traceback text is the same in every process.
_RAISER = compile("def envoyer_sms(message):\n    raise TimeoutError(message)\n",
                  "<rdv/api.py>", "exec")


def log_record(case: dict) -> logging.LogRecord:
    """A log record described by plain data (what a grader sends to a learner's formatter):
    `niveau`, `message`, `arguments`, `champs` (the record's extra fields), `exception` (the
    message of a TimeoutError attached to the record), `created` (a timestamp)."""
    exc_info = None
    if case.get("exception"):
        scope: dict = {}
        exec(_RAISER, scope)
        try:
            scope["envoyer_sms"](case["exception"])
        except TimeoutError as error:
            exc_info = (TimeoutError, error, error.__traceback__.tb_next)
    record = logging.LogRecord("rdv", case["niveau"], "rdv/api.py", 42, case["message"],
                               tuple(case.get("arguments", ())), exc_info)
    record.created = case.get("created", 1796724003.765432)
    if case.get("champs") is not None:
        record.champs = case["champs"]
    return record


def json_format(record: logging.LogRecord, service: str) -> dict:
    """The reference JSON line of a log record (what a JSON formatter should produce)."""
    moment = datetime.fromtimestamp(record.created, tz=UTC)
    data = {"time": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(), "service": service,
            "message": record.getMessage()}
    data.update(getattr(record, "champs", None) or {})
    if record.exc_info:
        data["exception"] = logging.Formatter().formatException(record.exc_info)
    return data


def warning_events(api: client.ApiClient, namespace: str) -> list[dict]:
    """The namespace's Warning events: reason, involved object (kind and name), message."""
    events = client.CoreV1Api(api).list_namespaced_event(namespace).items
    return [{"reason": e.reason, "kind": e.involved_object.kind,
             "name": e.involved_object.name, "message": e.message}
            for e in events if e.type == "Warning"]


def owner_deployment(pod_name: str) -> str:
    """The Deployment a pod belongs to, from its name: <deployment>-<template hash>-<suffix>."""
    return pod_name.rsplit("-", 2)[0]
