"""Outils communs aux générateurs : rendu CSV stable, écriture dans le dossier du module."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

from ..curriculum import NOTEBOOKS_DIR


def working_days(start: date, end: date) -> list[date]:
    """Monday to Friday from `start` (included) to `end` (excluded)."""
    return [start + timedelta(days=n) for n in range((end - start).days)
            if (start + timedelta(days=n)).weekday() < 5]


def render_csv(header: list[str], rows: list[list[object]]) -> str:
    """Un CSV en UTF-8, séparateur virgule, fins de ligne « \\n », toujours identique."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def records_csv(rows: list[dict]) -> str:
    """Un CSV dont l'en-tête vient des clés de la première ligne, toujours identique."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def stamp(moment: datetime) -> str:
    """Une date et heure à la minute, au format ISO lisible : 2026-01-13 20:00."""
    return moment.strftime("%Y-%m-%d %H:%M")


def write(module: str, files: dict[str, str], folder: Path | None = None) -> Path:
    """Écrire les fichiers d'un jeu de données dans notebooks/<module>/ (ou `folder`)."""
    target = folder or NOTEBOOKS_DIR / module
    target.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (target / name).write_text(content, encoding="utf-8")
    return target
