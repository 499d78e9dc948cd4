"""Numéros de dossier des demandes de rendez-vous."""

# Lettres de contrôle : 23 lettres, sans I, O ni Y (trop faciles à confondre).
LETTRES = "ABCDEFGHJKLMNPQRSTUVWXZ"


def numero_dossier_valide(numero: str) -> bool:
    """Dire si `numero` est un numéro de dossier valide (voir la spécification du ticket)."""
    raise NotImplementedError("à écrire en TDD : d'abord les tests, ensuite ce code")
