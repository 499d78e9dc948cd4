"""Dossier d'investissement : coûts, financement FTAP, flux annuels, VAN et retour.

Règles du guichet « Adoption du cloud de confiance » du Fonds pour la transformation de
l'action publique (FTAP), telles que la DINUM les publie : cofinancement jusqu'à 50 % du coût
du projet ; coût du projet entre 100 000 € et 3 M€ TTC ; financement entre 50 000 € et
1,5 M€ ; le matériel, les licences et souscriptions logicielles, les ressources cloud
consommées et les évolutions fonctionnelles ne comptent pas dans le coût du projet, la
formation et l'acculturation des agents si. Vérifiez la version en vigueur avant un dépôt.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

from .delivery import METRICS
from .results import CheckResult, Report, failed, passed, plain

FTAP_EXCLUDED = ("matériel", "licences et logiciels", "ressources cloud",
                 "évolutions fonctionnelles")
FTAP_RATE = 0.5
FTAP_PROJECT = (100_000, 3_000_000)
FTAP_FUNDING = (50_000, 1_500_000)


@dataclass(frozen=True)
class CaseData:
    """Les données d'un dossier : lignes de coût, coûts d'exploitation, hypothèses."""

    costs: tuple[dict, ...]
    run: tuple[dict, ...]
    assumptions: dict


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_case(folder: Path | str) -> CaseData:
    """Lire couts_projet.csv, exploitation.csv et hypotheses.yaml d'un dossier de module."""
    folder = Path(folder)
    costs = tuple({"poste": r["poste"], "categorie": r["categorie"], "annee": int(r["annee"]),
                   "montant": int(r["montant_ttc"])} for r in _rows(folder / "couts_projet.csv"))
    run = tuple({"poste": r["poste"], "avant": int(r["avant"]), "apres": int(r["apres"])}
                for r in _rows(folder / "exploitation.csv"))
    assumptions = yaml.safe_load((folder / "hypotheses.yaml").read_text(encoding="utf-8"))
    return CaseData(costs, run, assumptions)


def ftap(costs: tuple[dict, ...] | list[dict]) -> dict:
    """Coût total, assiette éligible, éligibilité et financement FTAP possible (euros)."""
    total = sum(c["montant"] for c in costs)
    base = sum(c["montant"] for c in costs if c["categorie"] not in FTAP_EXCLUDED)
    eligible = FTAP_PROJECT[0] <= base <= FTAP_PROJECT[1]
    funding = min(round(FTAP_RATE * base), FTAP_FUNDING[1]) if eligible else 0
    if funding < FTAP_FUNDING[0]:
        funding = 0
    return {"cout_total": total, "assiette": base, "eligible": eligible and funding > 0,
            "financement": funding}


def annual_gain(run: tuple[dict, ...] | list[dict]) -> int:
    """Gain annuel en régime de croisière : coûts d'exploitation avant moins après."""
    return sum(r["avant"] - r["apres"] for r in run)


def cash_flows(data: CaseData, with_ftap: bool = True, gains: float = 1.0,
               costs: float = 1.0, funding: float | None = None) -> dict[int, int]:
    """Flux net de chaque année de l'horizon (euros) : gains (avec la montée en charge) moins
    coûts du projet, plus le financement FTAP l'année de la première dépense.
    `gains` et `costs` multiplient gains et coûts (scénarios) ; `funding` impose le montant
    du financement (par défaut, celui que donnent les règles du FTAP)."""
    years = data.assumptions["horizon"]
    ramp = data.assumptions.get("montee_en_charge", {})
    gain = annual_gain(data.run)
    if funding is None:
        funding = ftap(data.costs)["financement"]
    funding = funding if with_ftap else 0
    first = min(c["annee"] for c in data.costs)
    flows = {}
    for year in years:
        spent = sum(c["montant"] for c in data.costs if c["annee"] == year)
        flow = gains * gain * ramp.get(year, 1.0) - costs * spent
        flows[year] = round(flow + (funding if year == first else 0))
    return flows


def npv(flows: dict[int, int], rate: float) -> int:
    """Valeur actuelle nette (euros) : chaque flux divisé par (1 + taux) puissance le nombre
    d'années depuis la première année de l'horizon."""
    first = min(flows)
    return round(sum(flow / (1 + rate) ** (year - first) for year, flow in flows.items()))


def payback_year(flows: dict[int, int]) -> int | None:
    """Première année où le cumul des flux devient positif ou nul (None si jamais)."""
    total = 0
    for year in sorted(flows):
        total += flows[year]
        if total >= 0:
            return year
    return None


def scenarios(data: CaseData, funding: float | None = None) -> dict[str, dict]:
    """VAN et année de retour des trois scénarios du dossier : nominal, sans FTAP,
    pessimiste (multiplicateurs de hypotheses.yaml). `funding` : voir `cash_flows`."""
    rate = data.assumptions["taux_actualisation"]
    pessimistic = data.assumptions["scenario_pessimiste"]
    variants = {
        "nominal": cash_flows(data, funding=funding),
        "sans_ftap": cash_flows(data, with_ftap=False),
        "pessimiste": cash_flows(data, gains=pessimistic["gains"],
                                 costs=pessimistic["couts"], funding=funding),
    }
    return {name: {"van": npv(flows, rate), "retour": payback_year(flows)}
            for name, flows in variants.items()}


NOTE_FIGURES = ("montant_demande", "financement_ftap", "van", "annee_de_retour",
                "van_pessimiste")


def _fact(ok: bool, what: str, expected: str, found: str, hint: str = "") -> CheckResult:
    return passed(what) if ok else failed(what, expected, found, hint)


def check_note(note: object, figures: dict[str, float]) -> Report:
    """Vérifier une note au sponsor : la décision demandée, les chiffres du dossier (égaux à
    `figures`, à l'euro près), au moins deux indicateurs DORA de suivi, au moins trois risques
    avec leur parade."""
    value = plain(note, "la note au sponsor")
    if not isinstance(value, dict):
        return Report.of([failed("note au sponsor", "un dictionnaire", type(value).__name__)])
    decision = value.get("decision_demandee")
    results = [_fact(isinstance(decision, str) and len(decision.strip()) >= 20,
                     "la décision demandée, en une phrase", "une phrase d'au moins 20 "
                     "caractères", repr(decision)[:80])]
    for key in NOTE_FIGURES:
        found = value.get(key)
        number = isinstance(found, int | float) and not isinstance(found, bool)
        results.append(_fact(number and abs(found - figures[key]) <= 1,
                             f"chiffre « {key} » conforme au dossier", f"{figures[key]!r}",
                             repr(found), "Reprenez la valeur calculée plus haut."))
    indicators = value.get("indicateurs_de_suivi")
    known = [i for i in indicators if i in METRICS] if isinstance(indicators, list) else []
    results.append(_fact(len(set(known)) >= 2, "au moins deux indicateurs DORA de suivi",
                         ", ".join(METRICS), repr(indicators)[:120]))
    risks = value.get("risques")
    good = [r for r in risks if isinstance(r, dict)
            and all(isinstance(r.get(k), str) and len(r[k].strip()) >= 10
                    for k in ("risque", "parade"))] if isinstance(risks, list) else []
    results.append(_fact(len(good) >= 3, "au moins trois risques, chacun avec sa parade",
                         "[{\"risque\": …, \"parade\": …}, …] (trois ou plus)",
                         f"{len(good)} risque(s) complet(s)"))
    return Report.of(results)
