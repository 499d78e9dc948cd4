"""RDV Préfecture : prise de rendez-vous en ligne en préfecture (application d'exemple du kit)."""

__version__ = "1.4.2"
