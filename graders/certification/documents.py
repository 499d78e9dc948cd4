"""The human-readable certificate: HTML (and PDF, drawn with matplotlib)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot  # noqa: E402

from .credential import Award  # noqa: E402

PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: Marianne, Arial, sans-serif; max-width: 46rem; margin: 3rem auto;
       color: #161616; }}
h1 {{ color: #000091; font-size: 1.9rem; }} .muted {{ color: #666; font-size: .9rem; }}
.box {{ border: 2px solid #000091; padding: 2rem; border-radius: .5rem; }}
code {{ word-break: break-all; }}
</style></head><body><div class="box">
<p class="muted">Kit de formation Cloud Pi Native — attestation de réussite</p>
<h1>{learner}</h1>
<p>a réussi le niveau <strong>{level}</strong> du parcours <strong>{path}</strong>,
avec {score} des points (seuil de réussite : {pass_mark} % dans chaque module).</p>
<p>Objectifs atteints :</p><ul>{objectives}</ul>
<p>Délivrée le {date} par <strong>{issuer}</strong>.</p>
<p class="muted">Cette page accompagne une attestation numérique Open Badges 3.0 signée
(fichier <code>{json_name}</code>). Pour la vérifier :
<code>cpn certify verify {json_name} --emetteur {did}</code></p>
</div></body></html>
"""


def write_html(award: Award, credential: dict, path: Path) -> Path:
    subject = credential["credentialSubject"]
    path.write_text(PAGE.format(
        title=html.escape(credential["name"]), learner=html.escape(award.learner_name),
        level=html.escape(award.level_name), path=html.escape(award.path_title),
        score=html.escape(subject["result"][0]["value"]), pass_mark=award.pass_mark,
        objectives="".join(f"<li>{html.escape(o)}</li>" for o in award.objectives),
        date=credential["validFrom"][:10], issuer=html.escape(credential["issuer"]["name"]),
        json_name=html.escape(path.with_suffix(".json").name),
        did=html.escape(credential["issuer"]["id"])), encoding="utf-8")
    return path


def write_pdf(award: Award, credential: dict, path: Path) -> Path:
    figure = pyplot.figure(figsize=(8.27, 11.69))  # A4
    lines = [
        (0.92, "Kit de formation Cloud Pi Native — attestation de réussite", 11, "normal"),
        (0.84, award.learner_name, 26, "bold"),
        (0.78, f"a réussi le niveau « {award.level_name} »", 14, "normal"),
        (0.74, f"du parcours « {award.path_title} »", 14, "normal"),
        (0.69, f"avec {credential['credentialSubject']['result'][0]['value']} des points", 12,
         "normal"),
    ]
    for y, text, size, weight in lines:
        figure.text(0.5, y, text, ha="center", fontsize=size, weight=weight, wrap=True)
    y = 0.62
    for objective in award.objectives:
        figure.text(0.1, y, f"• {objective}", fontsize=9, wrap=True)
        y -= 0.035
    figure.text(0.5, 0.12, f"Délivrée le {credential['validFrom'][:10]} par "
                f"{credential['issuer']['name']}", ha="center", fontsize=10)
    figure.text(0.5, 0.08, "Attestation numérique signée : "
                f"{path.with_suffix('.json').name}", ha="center", fontsize=8)
    figure.savefig(path, format="pdf")
    pyplot.close(figure)
    return path


def write_credential(credential: dict, path: Path) -> Path:
    path.write_text(json.dumps(credential, ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return path


def write_record(evidence, path: Path) -> Path:
    """The grading record in its canonical form: `sha256sum` on it gives the digest the
    credential holds."""
    path.write_bytes(evidence.record_bytes)
    return path
