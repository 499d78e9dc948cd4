from datetime import date, datetime

from rdv.creneaux import creneaux_du_jour, prochain_creneau

LUNDI = date(2026, 3, 16)


def test_un_lundi_compte_24_creneaux_de_20_minutes():
    assert len(creneaux_du_jour(LUNDI)) == 24


def test_le_premier_creneau_est_a_l_ouverture():
    assert creneaux_du_jour(LUNDI)[0] == datetime(2026, 3, 16, 8, 30)


def test_le_dernier_creneau_finit_a_la_fermeture():
    assert creneaux_du_jour(LUNDI)[-1] == datetime(2026, 3, 16, 16, 10)


def test_le_dimanche_est_ferme():
    assert creneaux_du_jour(date(2026, 3, 22)) == []


def test_un_creneau_reserve_n_est_plus_propose():
    pris = datetime(2026, 3, 16, 9, 10)
    assert pris not in creneaux_du_jour(LUNDI, [pris])


def test_le_samedi_matin_seulement():
    assert creneaux_du_jour(date(2026, 3, 21))[-1] == datetime(2026, 3, 21, 11, 40)


def test_prochain_creneau_le_jour_suivant_apres_la_fermeture():
    assert prochain_creneau(datetime(2026, 3, 16, 17, 0)) == datetime(2026, 3, 17, 8, 30)


def test_prochain_creneau_saute_le_dimanche():
    assert prochain_creneau(datetime(2026, 3, 21, 12, 0)) == datetime(2026, 3, 23, 8, 30)
