"""Jeux de données des modules, fabriqués par le kit avec une graine fixe.

Chaque générateur écrit ses fichiers dans `notebooks/<module>/` ; un test vérifie que le
régénérer redonne exactement les fichiers livrés.
"""
