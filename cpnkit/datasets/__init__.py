"""Jeux de données des modules : petits, réalistes, fabriqués par le kit avec une graine fixe.

Chaque générateur écrit ses fichiers dans le dossier de son module (`notebooks/<module>/`),
où ils sont versionnés ; un test vérifie que les régénérer donne exactement les mêmes
fichiers. Pour régénérer : `python -m cpnkit.datasets.<nom>`.
"""
