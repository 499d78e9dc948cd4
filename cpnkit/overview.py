"""The curriculum at a glance, for the welcome notebook: paths, levels, modules, links."""

from __future__ import annotations

import html

from IPython.display import HTML

from .curriculum import load
from .layout import module_link


def curriculum_overview() -> HTML:
    """Les parcours, leurs niveaux et leurs modules, avec un lien vers chaque carnet présent
    dans votre espace de travail (les modules prévus mais pas encore écrits sont signalés)."""
    curriculum = load()
    parts = []
    for path in curriculum.paths.values():
        parts.append(f"<h4>{html.escape(path.title)}</h4><p><small>"
                     f"{html.escape(path.audience)}</small></p><ul>")
        for level in path.levels:
            assignment = curriculum.assignment(level.assignment or f"{path.id}-{level.id}")
            links = []
            for module in assignment.modules:
                title = html.escape(module.title)
                href = module_link(curriculum, assignment.id, module.id)
                links.append(f"<a href='{html.escape(href)}'>{title}</a>" if href
                             else f"{title} <small>(à venir)</small>")
            parts.append(f"<li><b>{html.escape(level.title)}</b> "
                         f"<code>{assignment.id}</code> : {' · '.join(links)}</li>")
        parts.append("</ul>")
    return HTML("".join(parts))
