"""User stories, epics and acceptance criteria: parse the text, check what a machine can check.

A story is written « En tant que <rôle>, je veux <besoin> afin de <bénéfice> ». Its acceptance
criteria use the French keywords of Gherkin, one step per line: « Étant donné … », « Quand … »,
« Alors … », and « Et … » / « Mais … » to continue the current section.

Of the six INVEST qualities, five have a part a machine can check (Indépendante, Valeur,
Estimable, Small, Testable); « Négociable » is judged by people, in the conversation with the
business. Every check returns a `CheckResult` in French.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .results import CheckResult, Report, failed, passed

INVEST = "INVEST"
SCALE = (1, 2, 3, 5, 8, 13, 21)  # the usual Fibonacci-like scale of story points
MAX_POINTS = 8  # above this, a story does not fit comfortably in one sprint: split it
SECTIONS = ("etant_donne", "quand", "alors")

_STORY = re.compile(
    r"^\s*en tant qu(?:e\s+|['’]\s*)(?P<role>.+?)\s*,\s*je\s+(?:veux|souhaite|voudrais)\s+"
    r"(?P<goal>.+?)\s*,?\s+afin\s+(?:de\s+|d['’]\s*|que\s+|qu['’]\s*)(?P<benefit>.+?)\s*\.?\s*$",
    re.IGNORECASE | re.DOTALL,
)
# The keyword of a step, at the start of a line (accents optional, « donné(e)(s) »).
_KEYWORDS = (
    ("etant_donne", re.compile(r"^(?:étant|etant)\s+donn[ée]e?s?\b", re.IGNORECASE)),
    ("quand", re.compile(r"^quand\b", re.IGNORECASE)),
    ("alors", re.compile(r"^alors\b", re.IGNORECASE)),
    ("suite", re.compile(r"^(?:et|mais)\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class Story:
    """The three parts of « En tant que …, je veux … afin de … »."""

    role: str
    goal: str
    benefit: str


def parse_story(text: str) -> Story | None:
    """Lire un récit « En tant que …, je veux … afin de … » ; None s'il ne suit pas ce format."""
    match = _STORY.match(text or "")
    if not match:
        return None
    return Story(*(" ".join(match[g].split()) for g in ("role", "goal", "benefit")))


def normal_role(role: str) -> str:
    """A role without case, accents or article (« l'usager » = « usager »)."""
    text = unicodedata.normalize("NFKD", role.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"^(?:l['’]\s*|le\s+|la\s+|un\s+|une\s+)", "", " ".join(text.split()))


def _keyword(line: str) -> tuple[str | None, re.Match[str] | None]:
    for section, pattern in _KEYWORDS:
        match = pattern.match(line)
        if match:
            return section, match
    return None, None


def parse_steps(text: str) -> dict[str, list[str]]:
    """Découper un critère d'acceptation en étapes, une par ligne.

    Renvoie {"etant_donne": [...], "quand": [...], "alors": [...]} : le texte de chaque étape,
    sans son mot-clé, sans espaces autour ni point final. « Et » et « Mais » rattachent l'étape
    à la section en cours. Les lignes vides sont ignorées ; une ligne sans mot-clé reconnu lève
    ValueError.
    """
    steps: dict[str, list[str]] = {section: [] for section in SECTIONS}
    current = None
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        section, match = _keyword(line)
        if match is None:
            raise ValueError(f"ligne {number} sans mot-clé Gherkin : « {line} »")
        if section == "suite":
            if current is None:
                raise ValueError(f"ligne {number} : « Et »/« Mais » avant toute autre étape")
            section = current
        current = section
        steps[section].append(line[match.end():].strip().rstrip(".").strip())
    return steps


def criterion_problems(text: str) -> list[str]:
    """What keeps an acceptance criterion from being testable (empty list: it is)."""
    try:
        steps = parse_steps(text)
    except ValueError as error:
        return [str(error)]
    problems = [f"aucune étape « {name} »" for name, section in
                zip(("Étant donné", "Quand", "Alors"), SECTIONS, strict=True) if not steps[section]]
    if any(not step for section in SECTIONS for step in steps[section]):
        problems.append("une étape est vide")
    order = _sections_in_order(text)
    if not problems and order != sorted(order, key=SECTIONS.index):
        problems.append("les étapes ne suivent pas l'ordre Étant donné → Quand → Alors")
    return problems


def _sections_in_order(text: str) -> list[str]:
    found, current = [], None
    for raw in text.splitlines():
        section, match = _keyword(raw.strip())
        if match is not None:
            current = current if section == "suite" else section
            found.append(current)
    return found


def invest_problems(story: dict) -> dict[str, str]:
    """The INVEST letters a story breaks, with the reason, for the checkable part of INVEST.

    I : la story dépend d'une autre (`depend_de` non vide) ;
    V : le récit n'a pas la forme « En tant que …, je veux … afin de … » (le bénéfice manque) ;
    E : pas d'estimation, ou une estimation hors de l'échelle 1, 2, 3, 5, 8, 13, 21 ;
    S : plus de 8 points (trop grosse pour un sprint : à découper) ;
    T : aucun critère d'acceptation, ou un critère sans Étant donné / Quand / Alors.
    N (négociable) se juge en atelier, pas par une machine.
    """
    found: dict[str, str] = {}
    if story.get("depend_de"):
        found["I"] = f"dépend de {', '.join(map(str, story['depend_de']))}"
    if parse_story(str(story.get("recit", ""))) is None:
        found["V"] = "le récit ne suit pas « En tant que …, je veux … afin de … »"
    points = story.get("estimation")
    if points is None:
        found["E"] = "pas d'estimation"
    elif type(points) is not int or points not in SCALE:
        found["E"] = f"estimation {points!r} hors de l'échelle {list(SCALE)}"
    elif points > MAX_POINTS:
        found["S"] = f"{points} points : plus de {MAX_POINTS}, à découper"
    criteria = story.get("criteres") or []
    if not isinstance(criteria, list) or not criteria:
        found["T"] = "aucun critère d'acceptation"
    else:
        broken = [f"critère {i} : {', '.join(p)}" for i, c in enumerate(criteria, start=1)
                  if (p := criterion_problems(str(c)))]
        if broken:
            found["T"] = " ; ".join(broken)
    return {letter: found[letter] for letter in INVEST if letter in found}


def diagnose(backlog: Iterable[dict]) -> dict[str, list[str]]:
    """Per story id, the INVEST letters it breaks (in the order of the word INVEST); stories
    without problems are left out."""
    return {str(story["id"]): list(problems) for story in backlog
            if (problems := invest_problems(story))}


# Checks for an epic written by a learner --------------------------------------------------------
EPIC_KEYS = ("id", "titre", "objectif", "indicateur", "stories")


def epic_shape(epic: object) -> CheckResult:
    """L'epic est un dictionnaire avec les clés attendues et un indicateur chiffré."""
    what = "forme de l'epic"
    if not isinstance(epic, dict):
        return failed(what, "un dictionnaire", type(epic).__name__)
    missing = [k for k in EPIC_KEYS if k not in epic]
    if missing:
        return failed(what, f"les clés {list(EPIC_KEYS)}", f"manquantes : {', '.join(missing)}",
                      "Ajoutez les clés manquantes au dictionnaire epic.")
    indicator = epic["indicateur"]
    if not isinstance(indicator, dict) or not {"nom", "valeur_actuelle", "cible"} <= set(indicator):
        return failed(what, "indicateur = {'nom': …, 'valeur_actuelle': …, 'cible': …}",
                      repr(indicator), "Un indicateur mesurable a un nom, une valeur et une cible.")
    if not isinstance(epic["stories"], list) or not epic["stories"]:
        return failed(what, "une liste de stories", repr(epic["stories"])[:80])
    return passed(what)


def stories_invest(stories: list[dict], minimum: int = 4) -> CheckResult:
    """Au moins `minimum` stories, identifiants uniques, et aucune règle INVEST vérifiable
    enfreinte."""
    what = "stories conformes à INVEST"
    if not all(isinstance(s, dict) for s in stories):
        return failed(what, "une liste de dictionnaires", repr(stories)[:80],
                      "Chaque story est un dictionnaire : id, recit, estimation, criteres…")
    if len(stories) < minimum:
        return failed(what, f"au moins {minimum} stories", f"{len(stories)} story(s)",
                      "Découpez l'epic en stories plus petites, chacune livrable seule.")
    ids = [str(s.get("id")) for s in stories]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    if doubles:
        return failed(what, "des identifiants uniques", f"en double : {', '.join(doubles)}")
    problems = [f"{s.get('id')} [{letter}] {reason}" for s in stories
                for letter, reason in invest_problems(s).items()]
    if problems:
        return failed(what, "aucune règle INVEST vérifiable enfreinte",
                      "\n              ".join(problems),
                      "Chaque story : « En tant que …, je veux … afin de … », une estimation de "
                      "1 à 8 points, aucune dépendance, des critères Étant donné / Quand / Alors.")
    return passed(what)


def distinct_roles(stories: list[dict], minimum: int = 2) -> CheckResult:
    """Les stories donnent la parole à au moins `minimum` rôles différents."""
    what = "rôles des stories"
    roles = sorted({normal_role(story.role) for s in stories
                    if (story := parse_story(str(s.get("recit", ""))))})
    if len(roles) < minimum:
        return failed(what, f"au moins {minimum} rôles différents", ", ".join(roles) or "aucun",
                      "L'atelier a fait parler les usagers et les agents : chacun a ses besoins.")
    return passed(what)


def criteria_count(stories: list[dict], minimum: int = 2) -> CheckResult:
    """Chaque story a au moins `minimum` critères d'acceptation (cas nominal et cas d'erreur)."""
    what = f"au moins {minimum} critères d'acceptation par story"
    short = [str(s.get("id")) for s in stories if len(s.get("criteres") or []) < minimum]
    if short:
        return failed(what, f"{minimum} critères ou plus", f"trop peu pour {', '.join(short)}",
                      "Ajoutez le cas d'erreur ou le cas limite à côté du cas nominal.")
    return passed(what)


def points_within(stories: list[dict], capacity: int) -> CheckResult:
    """Le total des estimations tient dans la capacité donnée (en points)."""
    total = sum(s.get("estimation") or 0 for s in stories
                if type(s.get("estimation")) is int)
    what = f"total des estimations ≤ {capacity} points"
    if total > capacity:
        return failed(what, f"au plus {capacity} points", f"{total} points",
                      "Gardez pour une epic suivante ce qui n'est pas indispensable.")
    return passed(what)


def epic_report(epic: dict, capacity: int, minimum: int = 4) -> Report:
    """Toutes les vérifications des stories d'une epic."""
    stories = epic.get("stories") or []
    first = stories_invest(stories, minimum)
    if not all(isinstance(s, dict) for s in stories):
        return Report.of([first])
    return Report.of([first, criteria_count(stories),
                      distinct_roles(stories), points_within(stories, capacity)])
