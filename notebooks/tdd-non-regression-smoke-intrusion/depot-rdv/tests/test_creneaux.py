from datetime import date, datetime

from rdv.creneaux import creneaux_du_jour

LUNDI = date(2026, 3, 16)


def test_un_lundi_compte_24_creneaux():
    assert len(creneaux_du_jour(LUNDI)) == 24


def test_le_premier_creneau_est_a_l_ouverture():
    assert creneaux_du_jour(LUNDI)[0] == datetime(2026, 3, 16, 8, 30)


def test_le_dimanche_est_ferme():
    assert creneaux_du_jour(date(2026, 3, 22)) == []


def test_un_creneau_reserve_n_est_plus_propose():
    pris = datetime(2026, 3, 16, 9, 10)
    assert pris not in creneaux_du_jour(LUNDI, [pris])
