"""The trainer's dashboard: a cohort's progress as an HTML page and a CSV file."""

from __future__ import annotations

import base64
import csv
import html
import io
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot  # noqa: E402

from .certification.awards import LevelSpec, ModuleResult, awards, results  # noqa: E402


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    pyplot.close(figure)
    return base64.b64encode(buffer.getvalue()).decode()


def heatmap(found: list[ModuleResult]) -> str:
    learners = sorted({r.learner for r in found})
    columns = sorted({(r.level, r.module) for r in found})
    grid = [[float("nan")] * len(columns) for _ in learners]
    for r in found:
        grid[learners.index(r.learner)][columns.index((r.level, r.module))] = r.percent
    figure, axis = pyplot.subplots(figsize=(1.0 + 0.45 * len(columns), 1.2 + 0.35 * len(learners)))
    image = axis.imshow(grid, vmin=0, vmax=100, cmap="RdYlGn", aspect="auto")
    axis.set_xticks(range(len(columns)), [f"{lv}\n{m}" for lv, m in columns], rotation=60,
                    ha="right", fontsize=7)
    axis.set_yticks(range(len(learners)), learners, fontsize=8)
    figure.colorbar(image, label="% des points")
    axis.set_title("Apprenants × modules")
    return _png(figure)


def distributions(found: list[ModuleResult]) -> str:
    by_level: dict[str, list[float]] = defaultdict(list)
    for r in found:
        by_level[r.level].append(r.percent)
    figure, axis = pyplot.subplots(figsize=(7, 3.5))
    axis.boxplot(list(by_level.values()), tick_labels=list(by_level))
    axis.set_ylabel("% des points par module")
    axis.set_ylim(0, 105)
    axis.set_title("Distribution des résultats par niveau")
    return _png(figure)


def pass_rates(root: Path, levels: dict[str, LevelSpec],
               found: list[ModuleResult]) -> dict[str, tuple[int, int]]:
    """Per level: (learners who passed, learners who submitted)."""
    passed = defaultdict(set)
    for award in awards(root, levels):
        passed[award.level_id].add(award.learner_id)
    seen = defaultdict(set)
    for r in found:
        seen[r.level].add(r.learner)
    return {level: (len(passed[level]), len(seen[level])) for level in sorted(seen)}


def write_csv(found: list[ModuleResult], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["apprenant", "niveau", "module", "points", "points_max", "pourcentage"])
        for r in sorted(found, key=lambda r: (r.learner, r.level, r.module)):
            writer.writerow([r.learner, r.level, r.module, r.score, r.max_score,
                             round(r.percent, 1)])
    return path


def write_dashboard(root: Path, levels: dict[str, LevelSpec], out: Path) -> Path:
    """Tableau de bord de la cohorte : carte apprenants × modules, taux de réussite par
    niveau, distributions, et export CSV."""
    out.mkdir(parents=True, exist_ok=True)
    found = results(root, levels)
    write_csv(found, out / "resultats.csv")
    rates = "".join(
        f"<tr><td>{html.escape(level)}</td><td>{ok}/{total}</td>"
        f"<td>{round(100 * ok / total) if total else 0} %</td></tr>"
        for level, (ok, total) in pass_rates(root, levels, found).items())
    charts = (f'<img alt="Carte apprenants par modules" src="data:image/png;base64,'
              f'{heatmap(found)}"><img alt="Distributions" src="data:image/png;base64,'
              f'{distributions(found)}">') if found else "<p>Aucune copie notée pour l'instant.</p>"
    page = (
        "<!doctype html><html lang='fr'><head><meta charset='utf-8'>"
        "<title>Tableau de bord de la cohorte</title><style>body{font-family:Arial,sans-serif;"
        "margin:2rem} table{border-collapse:collapse} td,th{border:1px solid #ccc;"
        "padding:.3rem .8rem} img{max-width:100%;display:block;margin:1rem 0}</style></head>"
        "<body><h1>Tableau de bord de la cohorte</h1>"
        "<h2>Taux de réussite par niveau</h2><table><tr><th>Niveau</th><th>Réussi</th>"
        f"<th>Taux</th></tr>{rates}</table><h2>Résultats</h2>{charts}"
        "<p><a href='resultats.csv'>Export CSV des résultats</a></p></body></html>")
    (out / "index.html").write_text(page, encoding="utf-8")
    return out / "index.html"
