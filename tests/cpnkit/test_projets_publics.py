"""The fictitious public projects show the trends the module teaches."""

from __future__ import annotations

import pandas as pd

from cpnkit.datasets import projets_publics


def test_product_mode_is_faster_and_involving_users_avoids_abandons():
    data = pd.DataFrame(projets_publics.rows())
    assert len(data) == projets_publics.COUNT
    medians = data.groupby("mode")["delai_jours"].median()
    assert medians["produit"] * 3 < medians["projet"]
    abandoned = (data["abandonne"] == "oui").groupby(data["usagers_associes"]).mean()
    assert abandoned["oui"] < abandoned["non"]
