"""Jeux de données du kit : petits, réalistes, produits par des générateurs déterministes.

Chaque générateur écrit ses fichiers dans le dossier d'un module (notebooks/<module>/) ; les
fichiers sont versionnés, et un test vérifie que les régénérer donne exactement les mêmes.
"""
