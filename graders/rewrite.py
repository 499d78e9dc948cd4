"""Réécritures équivalentes : le même code Python, écrit autrement.

A rewrite keeps what the code does and changes how it reads, so that a test suite can be
checked for depending on behaviour only (graders.mutation). From the standard library's `ast`
and `symtable`, it:

- renames the pure local variables of every function (neither parameters, nor shared with an
  inner scope, nor global, nor imported, nor classes; functions calling `locals`, `vars`,
  `eval`, `exec` or `dir` are left alone) and the module's private names (`_x`, classes
  excepted) that no other file names;
- writes each ordered comparison of two side-effect-free operands the other way round
  (`a >= b` becomes `b <= a`, `a == b` becomes `b == a`);
- starts each function with an assignment to an unused local (its bytecode changes);
- reorders runs of consecutive undecorated top-level functions;
- prints it all back with `ast.unparse` (comments dropped, layout and quotes normalised).

Every choice (new names, order) derives from `seed`: a suite cannot know the rewrite it will
meet. Docstrings, parameters, public names and the order of side effects are kept.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import py_compile
import random
import re
import symtable
from collections.abc import Iterable
from pathlib import Path

INTROSPECTION = frozenset({"locals", "vars", "eval", "exec", "dir"})
FLIPPED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE, ast.Eq: ast.Eq,
    ast.NotEq: ast.NotEq}
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
FAUX_POSITIF = (
    "faux positif : vos tests ne donnent pas le même verdict sur une réécriture du code testé "
    "qui se comporte exactement comme lui (mise en forme refaite, noms internes changés, "
    "fichier source absent){details}. Vos tests dépendent du texte du code, pas de son "
    "comportement")
FAUX_POSITIF_HINT = (
    "Vérifiez ce que le code fait (ses résultats, ses réponses, ses erreurs), jamais ce qui "
    "est écrit : ni inspect.getsource, ni lecture ou empreinte (hash) du fichier, ni noms "
    "internes (privés ou variables locales).")


def _descendant_names(table: symtable.SymbolTable) -> set[str]:
    names: set[str] = set()
    for child in table.get_children():
        names |= set(child.get_identifiers()) | _descendant_names(child)
    return names


def _walk_tables(table: symtable.SymbolTable) -> Iterable[symtable.SymbolTable]:
    yield table
    for child in table.get_children():
        yield from _walk_tables(child)


class _Names:
    """Fresh identifiers derived from the seed, unused anywhere in the source."""

    def __init__(self, seed: str, source: str) -> None:
        self.seed, self.taken = seed, set(re.findall(r"\w+", source))

    def fresh(self, *parts: object) -> str:
        for attempt in range(100):
            digest = hashlib.sha256(repr((self.seed, attempt, *parts)).encode()).hexdigest()
            name = f"{'_' if str(parts[-1]).startswith('_') else ''}v{digest[:7]}"
            if name not in self.taken:
                self.taken.add(name)
                return name
        raise RuntimeError("no fresh name")  # pragma: no cover - 100 sha256 collisions


def _class(symbol: symtable.Symbol) -> bool:
    """A class keeps its name: it shows in its instances' repr and in error messages."""
    return symbol.is_namespace() and any(n.get_type() == "class"
                                         for n in symbol.get_namespaces())


def _local_renames(table: symtable.Function, names: _Names) -> dict[str, str]:
    if INTROSPECTION & set(table.get_identifiers()):
        return {}
    shared = _descendant_names(table)
    renames = {}
    for symbol in table.get_symbols():
        name = symbol.get_name()
        if (symbol.is_local() and not symbol.is_parameter() and not symbol.is_global()
                and not symbol.is_imported() and not symbol.is_nonlocal()
                and name not in shared and not name.startswith("__") and not _class(symbol)):
            renames[name] = names.fresh(table.get_lineno(), table.get_name(), name)
    return renames


def _private_renames(module: symtable.SymbolTable, tree: ast.Module, names: _Names,
                     elsewhere: str) -> dict[str, str]:
    """Module-level private names that only this module uses, by name, as globals."""
    strings = " ".join(n.value for n in ast.walk(tree)
                       if isinstance(n, ast.Constant) and isinstance(n.value, str))
    local_somewhere = {s.get_name() for t in _walk_tables(module) if t is not module
                       for s in t.get_symbols() if not s.is_global() or s.is_declared_global()}
    renames = {}
    for symbol in module.get_symbols():
        name = symbol.get_name()
        if (name.startswith("_") and not name.startswith("__") and symbol.is_assigned()
                and not symbol.is_imported() and name not in local_somewhere
                and not _class(symbol)
                and not re.search(rf"\b{re.escape(name)}\b", elsewhere + " " + strings)):
            renames[name] = names.fresh("module", name)
    return renames


def _renamed(name: str, maps: list[dict[str, str]]) -> str:
    """The new name of `name` in the innermost scope that renames it. A pure local is not
    named in any inner scope, so an outer scope's renaming never reaches a different name."""
    for renames in reversed(maps):
        if name in renames:
            return renames[name]
    return name


def _flipped(node: ast.Compare) -> ast.Compare:
    op = type(node.ops[0])
    if len(node.ops) == 1 and op in FLIPPED and _pure(node.left) and _pure(node.comparators[0]):
        return ast.Compare(node.comparators[0], [FLIPPED[op]()], [node.left])
    return node


def _visit(node: ast.AST, maps: list[dict[str, str]], scopes: dict[int, dict[str, str]]):
    """Rename and turn comparisons round, in one walk. A function's decorators, defaults and
    annotations belong to the enclosing scope, its body to its own."""
    if isinstance(node, FUNCTIONS):
        node.name = _renamed(node.name, maps)
        for part in (*node.decorator_list, node.args, node.returns):
            if part is not None:
                _visit(part, maps, scopes)
        inner = [*maps, scopes.get(id(node), {})]
        node.body = [_visit(statement, inner, scopes) for statement in node.body]
        return node
    if isinstance(node, ast.Name):
        node.id = _renamed(node.id, maps)
    elif isinstance(node, ast.ClassDef | ast.ExceptHandler | ast.MatchAs | ast.MatchStar) \
            and node.name:
        node.name = _renamed(node.name, maps)
    for field, value in ast.iter_fields(node):
        if isinstance(value, list):
            value[:] = [_visit(v, maps, scopes) if isinstance(v, ast.AST) else v
                        for v in value]
        elif isinstance(value, ast.AST):
            setattr(node, field, _visit(value, maps, scopes))
    return _flipped(node) if isinstance(node, ast.Compare) else node


def _pure(node: ast.expr) -> bool:
    """No call, no await, no assignment: evaluating it first or second changes nothing."""
    return all(isinstance(n, ast.Name | ast.Constant | ast.Attribute | ast.BinOp | ast.UnaryOp
                          | ast.Load | ast.operator | ast.unaryop)
               for n in ast.walk(node))


def _functions_by_place(tree: ast.Module) -> dict[tuple[str, int], ast.AST]:
    return {(n.name, n.lineno): n for n in ast.walk(tree) if isinstance(n, FUNCTIONS)}


def _scopes(tree: ast.Module, module: symtable.SymbolTable,
            names: _Names) -> dict[int, dict[str, str]]:
    """The renames of each function (by node id); each function also gets its mark."""
    nodes = _functions_by_place(tree)
    scopes = {}
    for table in _walk_tables(module):
        node = nodes.get((table.get_name(), table.get_lineno()))
        if table.get_type() == "function" and node is not None:
            scopes[id(node)] = _local_renames(table, names)  # type: ignore[arg-type]
            _mark(node, table, names)
    return scopes


def _mark(node, table: symtable.SymbolTable, names: _Names) -> None:
    """An assignment to an unused local at the start of the body (after the docstring)."""
    if INTROSPECTION & set(table.get_identifiers()):
        return
    start = 1 if ast.get_docstring(node, clean=False) is not None else 0
    value = int(names.fresh("mark", table.get_lineno())[-6:], 16)
    target = ast.Name(names.fresh("mark", table.get_lineno(), table.get_name()), ast.Store())
    node.body.insert(start, ast.Assign([target], ast.Constant(value), lineno=node.lineno))


def _independent(run: list) -> bool:
    """Distinct names, and no default value or annotation naming another of them."""
    names = {f.name for f in run}
    used = {n.id for f in run for part in (f.args, f.returns) if part is not None
            for n in ast.walk(part) if isinstance(n, ast.Name)}
    return len(names) == len(run) and not names & used


def _reorder(tree: ast.Module, rng: random.Random) -> None:
    run: list = []
    out: list[ast.stmt] = []
    for statement in [*tree.body, None]:
        if isinstance(statement, FUNCTIONS) and not statement.decorator_list:
            run.append(statement)
            continue
        if _independent(run):
            rng.shuffle(run)
        out.extend(run)
        run = []
        if statement is not None:
            out.append(statement)
    tree.body = out


@functools.lru_cache(maxsize=64)
def rewrite(source: str, seed: str, elsewhere: str = "", filename: str = "<code>") -> str:
    """Le même code, réécrit sans changer son comportement (voir le docstring du module).

    `elsewhere` : le texte des autres fichiers du projet (un nom privé qu'ils citent n'est
    pas renommé). Lève SyntaxError si `source` n'est pas du Python valide.
    """
    tree = ast.parse(source, filename)
    module = symtable.symtable(source, filename, "exec")
    names = _Names(seed, source + elsewhere)
    private = _private_renames(module, tree, names, elsewhere)
    _visit(tree, [private], _scopes(tree, module, names))
    _reorder(tree, random.Random(seed))
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def _other_sources(root: Path, file: str) -> str:
    """The text of the folder's other Python files (the names they use stay as they are)."""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(root.rglob("*.py"))
                     if p != root / file and "__pycache__" not in p.parts)


def _sourceless(path: Path, source: str) -> None:
    """Replace `path` by its compiled form only (a source that does not compile stays)."""
    path.write_text(source, encoding="utf-8")
    try:
        py_compile.compile(str(path), cfile=str(path.with_suffix(".pyc")), doraise=True)
    except py_compile.PyCompileError:
        return
    path.unlink()


def rewrite_files(root: Path, files: Iterable[str], seed: str, context: Path | None = None
                  ) -> None:
    """Replace each of `files` (paths relative to `root`) by its rewrite, compiled without
    its source (`.pyc` only): `inspect.getsource` and reading the file give nothing. A file
    that cannot be rewritten is compiled as it is; one that does not compile (or is not
    UTF-8) stays as it is. The private names that the other Python files of `context` (`root`
    by default) use are kept."""
    for file in sorted(set(files)):
        path = root / file
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # not UTF-8: left as it is
            continue
        with contextlib.suppress(Exception):  # SyntaxError, an f-string ast cannot print...
            rewritten = rewrite(source, seed, _other_sources(context or root, file), file)
            compile(rewritten, file, "exec")
            source = rewritten
        _sourceless(path, source)
