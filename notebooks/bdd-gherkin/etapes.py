"""Étapes fournies : le vocabulaire Gherkin commun au métier et à l'équipe.

Phrases disponibles (en français, avec « # language: fr » en tête de la fonctionnalité) :

  Étant donné un dossier de préqualification complet
  Et la réponse "<champ>" vaut "<valeur>"      (oui / non, un nombre, ou un texte)
  Quand le programme évalue le dossier
  Alors le dossier est "<statut>"              (eligible, eligible_sous_conditions, non_eligible)
  Et les motifs contiennent "<motif>"
  Et il n'y a aucun motif
"""

from eligibilite import evaluer
from pytest_bdd import given, parsers, then, when

DOSSIER_COMPLET = {
    "but_lucratif": False,
    "tutoriels_suivis": True,
    "financement": "acquis",
    "sponsor_informe": True,
    "etp_dedies": 3.0,
    "cct_lu": True,
}


def _valeur(texte):
    """« oui » et « non » deviennent des booléens, les nombres des nombres."""
    if texte in ("oui", "non"):
        return texte == "oui"
    try:
        return float(texte.replace(",", "."))
    except ValueError:
        return texte


@given("un dossier de préqualification complet", target_fixture="dossier")
def dossier_complet():
    return dict(DOSSIER_COMPLET)


@given(parsers.parse('la réponse "{champ}" vaut "{valeur}"'))
def reponse(dossier, champ, valeur):
    assert champ in DOSSIER_COMPLET, f"champ inconnu : {champ} (voir DOSSIER_COMPLET)"
    dossier[champ] = _valeur(valeur)


@when("le programme évalue le dossier", target_fixture="decision")
def evaluation(dossier):
    return evaluer(dossier)


@then(parsers.parse('le dossier est "{statut}"'))
def statut_attendu(decision, statut):
    assert decision.statut == statut, f"statut obtenu : {decision.statut}, attendu : {statut}"


@then(parsers.parse('les motifs contiennent "{motif}"'))
def motif_attendu(decision, motif):
    assert motif in decision.motifs, f"motifs obtenus : {list(decision.motifs)}"


@then("il n'y a aucun motif")
def aucun_motif(decision):
    assert decision.motifs == (), f"motifs obtenus : {list(decision.motifs)}"
