"""API de prise de rendez-vous en préfecture (exemple du kit Cloud Pi Native)."""
