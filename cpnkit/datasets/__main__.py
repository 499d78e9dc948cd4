"""Régénérer les jeux de données des modules : python -m cpnkit.datasets [MODULE …]."""

from __future__ import annotations

import sys

from . import GENERATORS, write

for module in sys.argv[1:] or list(GENERATORS):
    for path in write(module):
        print(path)
