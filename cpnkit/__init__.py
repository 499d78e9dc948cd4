"""Le kit Cloud Pi Native : la commande `cpn`, les parcours, les questionnaires."""
