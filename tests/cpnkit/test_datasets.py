"""The data sets shipped with the modules are exactly what their generators make."""

from __future__ import annotations

from cpnkit.curriculum import NOTEBOOKS_DIR
from cpnkit.datasets import projets_publics


def test_projets_publics_regenerates_the_committed_file(tmp_path):
    generated = projets_publics.write(tmp_path)
    committed = NOTEBOOKS_DIR / "pourquoi-cloud-pi-native" / projets_publics.FILE_NAME
    assert generated.read_bytes() == committed.read_bytes()


def test_projets_publics_shows_the_intended_trends():
    import pandas as pd

    data = pd.DataFrame(projets_publics.rows())
    medians = data.groupby("mode")["delai_jours"].median()
    assert medians["produit"] * 3 < medians["projet"]
    abandoned = (data["abandonne"] == "oui").groupby(data["usagers_associes"]).mean()
    assert abandoned["oui"] < abandoned["non"]
