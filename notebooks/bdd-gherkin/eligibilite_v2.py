"""Éligibilité d'un projet à l'accompagnement Cloud Pi Native (règle de 2027).

La règle s'applique aux réponses de la trame de préqualification :

- but_lucratif (bool)      : le demandeur poursuit-il un but lucratif ?
- tutoriels_suivis (bool)  : l'équipe a-t-elle suivi les tutoriels de l'offre ?
- financement (str)        : "acquis", "demande" (demande en cours, FTAP par exemple) ou "aucun"
- sponsor_informe (bool)   : le sponsor ou décideur est-il au courant de la demande ?
- etp_dedies (float)       : équivalents temps plein dédiés au projet
- cct_lu (bool)            : l'équipe a-t-elle pris connaissance du CCT ?

Nouveauté de 2027 : un financement seulement demandé (pas encore acquis) devient une
condition, « financement à confirmer ».
"""

from __future__ import annotations

from dataclasses import dataclass

ETP_MINIMUM = 2


@dataclass(frozen=True)
class Decision:
    statut: str  # "eligible", "eligible_sous_conditions" ou "non_eligible"
    motifs: tuple[str, ...] = ()


def evaluer(dossier: dict) -> Decision:
    """Décider de l'éligibilité d'un dossier de préqualification."""
    if dossier["but_lucratif"]:
        return Decision("non_eligible", ("sollicitation commerciale",))
    if not dossier["tutoriels_suivis"]:
        return Decision("non_eligible", ("tutoriels à suivre",))
    conditions = []
    if dossier["financement"] == "aucun":
        conditions.append("financement à trouver")
    elif dossier["financement"] == "demande":
        conditions.append("financement à confirmer")
    if not dossier["sponsor_informe"]:
        conditions.append("sponsor à informer")
    if dossier["etp_dedies"] < ETP_MINIMUM:
        conditions.append("équipe à renforcer")
    if not dossier["cct_lu"]:
        conditions.append("CCT à lire")
    if conditions:
        return Decision("eligible_sous_conditions", tuple(conditions))
    return Decision("eligible")
