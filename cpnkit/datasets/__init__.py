"""Jeux de données des modules, fabriqués par le kit avec une graine fixe.

Chaque générateur écrit ses fichiers dans le dossier du module (`notebooks/<module>/`) ;
relancer un générateur redonne exactement les fichiers versionnés (un test le vérifie).
"""
