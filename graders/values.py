"""Des nombres calculés par l'apprenant (souvent avec numpy ou pandas) en valeurs simples."""

from __future__ import annotations

import sys


def native(value: object) -> object:
    """Convertir les nombres numpy (int64, float64, bool_) en nombres Python, dans les
    listes, tuples et dictionnaires aussi ; tout autre objet est rendu tel quel (et `same`
    ou `close` le refuseront s'il n'est pas une valeur simple)."""
    numpy = sys.modules.get("numpy")  # no numpy value can exist if numpy was never imported
    if numpy is not None and isinstance(value, numpy.generic):
        return value.item()
    if isinstance(value, dict):
        return {native(k): native(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [native(v) for v in value]
    return value
