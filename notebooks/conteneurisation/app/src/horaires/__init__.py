"""Horaires d'ouverture des préfectures : une petite application web (WSGI)."""
