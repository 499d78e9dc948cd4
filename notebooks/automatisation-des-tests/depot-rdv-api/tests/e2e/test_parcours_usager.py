"""Parcours de bout en bout, contre une application déployée (variable RDV_URL)."""

import json
import os
import urllib.request

import pytest

pytestmark = pytest.mark.e2e
URL = os.environ.get("RDV_URL")


@pytest.fixture
def url():
    if not URL:
        pytest.skip("RDV_URL n'est pas définie : pas d'application déployée à tester")
    return URL.rstrip("/")


def test_la_page_de_sante_repond(url):
    with urllib.request.urlopen(f"{url}/health", timeout=10) as reponse:
        assert reponse.status == 200


def test_un_usager_voit_des_creneaux_libres(url):
    with urllib.request.urlopen(f"{url}/creneaux?guichet=titres-sejour", timeout=10) as reponse:
        assert json.load(reponse)["creneaux"]
