"""Which names a graded cell reads, and where they come from (for authors and tests).

A grade cell runs in the trusted namespace (graders.trusted.namespace): every free name it
uses must be provided by the namespace itself, by a locked cell marked `cpn.trusted` (run
there too), by an earlier grade cell, or be declared in its `cpn.inputs` and assigned by an
answer cell or by a locked cell marked `cpn.kernel` (then fetched from the kernel). `propose`
computes that metadata from the code; `missing` lists what a notebook's metadata leaves
uncovered.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass

NAMESPACE_NAMES = frozenset({"api", "ns", "session", "Path", "json", "yaml", "pd", "copy", "dt",
                             "math", "re", "client", "display", "get_ipython"})


def _source(cell: dict) -> str:
    text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    if text.lstrip().startswith("%%"):  # a cell magic: not Python
        return ""
    return "\n".join(line for line in text.splitlines()
                     if not line.lstrip().startswith(("%", "!")))


def assigned(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp,
          ast.SetComp, ast.DictComp, ast.GeneratorExp)


def module_level(tree: ast.AST) -> set[str]:
    """Names the cell binds in the notebook's namespace (what later cells can read): a name
    bound only inside a function, a class or a comprehension is not one."""
    names = set()
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif not isinstance(node, SCOPES):
            if isinstance(node, ast.ExceptHandler) and node.name:
                names.add(node.name)
            names |= module_level(node) | (assigned(node) if isinstance(
                node, ast.Name | ast.Import | ast.ImportFrom) else set())
    return names


def free(tree: ast.AST) -> set[str]:
    """Names read and never bound in the cell (a cell-wide approximation of scopes)."""
    loaded = {n.id for n in ast.walk(tree)
              if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    bound = assigned(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            arguments = node.args
            bound.update(a.arg for a in [*arguments.posonlyargs, *arguments.args,
                                         *arguments.kwonlyargs,
                                         *filter(None, [arguments.vararg, arguments.kwarg])])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return loaded - bound - set(dir(builtins))


@dataclass(frozen=True)
class Cell:
    cell_id: str
    kind: str  # grade | answer | locked | parameters | other
    assigned: frozenset[str]
    free: frozenset[str]
    trusted: bool
    inputs: tuple[str, ...]


def cells(notebook: dict) -> list[Cell]:
    found = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        grading = cell["metadata"].get("nbgrader", {})
        cpn = cell["metadata"].get("cpn", {})
        # a locked cell marked `cpn.kernel` runs only in the kernel and defines what grade
        # cells read like answers (a helper applying a learner's class to the grader's data)
        kind = ("grade" if grading.get("grade")
                else "answer" if grading.get("solution") or cpn.get("kernel")
                else "locked" if grading.get("locked")
                else "parameters" if "parameters" in cell["metadata"].get("tags", [])
                else "other")
        tree = ast.parse(_source(cell))
        found.append(Cell(cell["id"], kind, frozenset(module_level(tree)),
                          frozenset(free(tree)),
                          bool(cpn.get("trusted")), tuple(cpn.get("inputs", ()))))
    return found


def propose(notebook: dict) -> tuple[set[str], dict[str, list[str]], list[str]]:
    """(cells to mark trusted, inputs per grade cell, problems) from the code alone."""
    found = cells(notebook)
    trusted: set[str] = set()
    inputs: dict[str, set[str]] = {c.cell_id: set() for c in found if c.kind == "grade"}
    problems: list[str] = []

    def resolve(index: int, names: frozenset[str], for_trusted: bool) -> None:
        for name in sorted(names - NAMESPACE_NAMES):
            definers = [j for j in range(index) if name in found[j].assigned]
            if not definers:
                problems.append(f"{found[index].cell_id}: « {name} » n'est défini nulle part")
                continue
            definer = found[definers[-1]]
            if definer.kind == "answer" and not for_trusted:
                inputs[found[index].cell_id].add(name)
            elif definer.kind in ("locked", "parameters") and definer.cell_id not in trusted:
                trusted.add(definer.cell_id)
                resolve(definers[-1], definer.free, True)
            elif definer.kind not in ("locked", "parameters", "grade"):
                problems.append(f"{found[index].cell_id}: « {name} » vient d'une cellule "
                                f"{definer.kind} ({definer.cell_id})")

    for index, cell in enumerate(found):
        if cell.kind == "grade":
            resolve(index, cell.free, False)
    return trusted, {k: sorted(v) for k, v in inputs.items()}, problems


def missing(notebook: dict) -> list[str]:
    """What the notebook's `cpn` metadata leaves uncovered (empty when it is complete)."""
    found = cells(notebook)
    problems = []
    available = set(NAMESPACE_NAMES)
    answers = set().union(*(c.assigned for c in found if c.kind == "answer"))
    for cell in found:
        if cell.kind == "grade":
            for name in sorted(cell.free - available - set(cell.inputs)):
                problems.append(f"{cell.cell_id}: « {name} » ni fourni ni déclaré")
            for name in sorted(set(cell.inputs) - answers):
                problems.append(f"{cell.cell_id}: l'entrée « {name} » n'est assignée par "
                                "aucune cellule de réponse")
            available |= cell.assigned
        elif cell.trusted:
            if cell.kind not in ("locked", "parameters"):
                problems.append(f"{cell.cell_id}: seule une cellule verrouillée peut être "
                                "marquée trusted")
            for name in sorted(cell.free - available):
                problems.append(f"{cell.cell_id}: « {name} » manque à la cellule trusted")
            available |= cell.assigned
    return problems
