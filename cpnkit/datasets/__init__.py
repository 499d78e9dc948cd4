"""Jeux de données des modules, fabriqués par le kit avec une graine fixe.

Chaque générateur est déterministe : le relancer redonne exactement les fichiers livrés
dans `notebooks/<module>/` (un test le vérifie).
"""
