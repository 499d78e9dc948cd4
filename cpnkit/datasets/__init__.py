"""Jeux de données des modules, générés par le kit avec une graine fixe (reproductibles)."""
