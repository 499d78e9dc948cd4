"""Vérifications des exercices, correction et certification."""
