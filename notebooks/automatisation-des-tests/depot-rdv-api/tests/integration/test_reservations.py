import sqlite3
from datetime import datetime

import pytest
from rdv.reservations import CreneauIndisponible, Reservations

pytestmark = pytest.mark.integration
CRENEAU = datetime(2026, 3, 16, 9, 10)


@pytest.fixture
def reservations():
    connexion = sqlite3.connect(":memory:")
    yield Reservations(connexion)
    connexion.close()


def test_une_reservation_est_enregistree_en_base(reservations):
    reservations.reserver(CRENEAU, "RDV-2026-000123")
    assert reservations.reserves() == {CRENEAU}


def test_un_creneau_ne_se_reserve_pas_deux_fois(reservations):
    reservations.reserver(CRENEAU, "RDV-2026-000123")
    with pytest.raises(CreneauIndisponible):
        reservations.reserver(CRENEAU, "RDV-2026-000456")


def test_une_annulation_libere_le_creneau(reservations):
    reservations.reserver(CRENEAU, "RDV-2026-000123")
    assert reservations.annuler(CRENEAU)
    assert reservations.reserves() == set()


def test_un_creneau_hors_horaires_est_refuse(reservations):
    with pytest.raises(CreneauIndisponible):
        reservations.reserver(datetime(2026, 3, 16, 7, 0), "RDV-2026-000123")
