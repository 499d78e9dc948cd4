"""Jeux de données des modules, fabriqués par le kit avec une graine fixe.

Chaque générateur est un module de ce paquet qui définit `MODULE` (le module qui utilise les
données), `generate()` (nom de fichier -> contenu, toujours identique) et `write_files()` (écrit
les fichiers dans notebooks/<MODULE>/). Régénérer : python -m cpnkit.datasets.<générateur>.
"""
