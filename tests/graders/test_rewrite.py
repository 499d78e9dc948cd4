"""Behaviour-preserving rewrites (graders.rewrite): the rewritten code does what the original
does (run for real, and the modules' reference suites pass on it), and reads differently."""

from __future__ import annotations

import ast
import re
import textwrap

import pytest

from graders.rewrite import rewrite, rewrite_files

TORTURE = '''
from __future__ import annotations

import re

LIMITE = 3
_MOTIF = re.compile(r"(\\d+)-(\\w)")
compteur = 0


def _double(x):
    return 2 * x


def somme(valeurs, seuil=LIMITE):
    """Somme des valeurs au-dessus du seuil."""
    total = 0
    for valeur in valeurs:
        if valeur >= seuil and seuil < 10:
            total += _double(valeur) // 2
    return total


def fermeture(n):
    base = n * 2

    def interne(k):
        resultat = base + k
        return resultat

    carres = [v * v for v in range(n) if v != base]
    return interne(1), carres, (lambda y: y + base)(3)


def erreurs(texte):
    try:
        valeur = int(texte)
    except ValueError as erreur:
        message = str(erreur)
        return message[:5]
    return valeur


def compte():
    global compteur
    compteur += 1
    return compteur


def filtre(seq):
    if (n := len(seq)) > 2:
        return n
    match seq:
        case [premier, *reste]:
            return premier, reste
        case _:
            return None


def introspection(a):
    b = a + 1
    return sorted(locals())


def analyse(texte):
    trouve = _MOTIF.fullmatch(texte)
    if trouve is None:
        return None
    nombre, lettre = trouve.groups()
    return int(nombre), lettre


class Compte:
    taux = 2

    def calcul(self, montant):
        interet = montant * self.taux
        return super().__repr__() != "" and interet
'''
CALLS = [("somme", ([1, 3, 5, 12],)), ("somme", ([4, 5], 5)), ("fermeture", (4,)),
         ("erreurs", ("12",)), ("erreurs", ("x1",)), ("compte", ()), ("compte", ()),
         ("filtre", ([1, 2, 3],)), ("filtre", ([7, 8],)), ("filtre", ([],)),
         ("introspection", (1,)), ("analyse", ("42-a",)), ("analyse", ("x",))]


def _behaviour(source: str) -> list:
    scope: dict = {"__name__": "essai"}
    exec(compile(source, "essai.py", "exec"), scope)
    results = [scope[name](*args) for name, args in CALLS]
    return [*results, scope["Compte"]().calcul(5), scope["somme"].__doc__]


@pytest.mark.parametrize("seed", ["a", "b", "c", "d"])
def test_a_rewrite_behaves_as_the_original(seed):
    rewritten = rewrite(TORTURE, seed)
    assert _behaviour(rewritten) == _behaviour(TORTURE)


def _functions(source: str) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef)}


def test_a_rewrite_reads_differently():
    rewritten = rewrite(TORTURE, "graine")
    assert rewritten != TORTURE and "# " not in rewritten
    for local in ("total", "valeur", "message", "trouve", "nombre", "interet"):
        assert local not in {n.id for n in ast.walk(ast.parse(rewritten))
                             if isinstance(n, ast.Name)}, local
    assert "_MOTIF" not in rewritten and "_double" not in rewritten  # private, used here only
    assert re.search(r"seuil <= v\w+ and 10 > seuil", rewritten)  # comparisons turned round
    # public names, parameters and docstrings are kept; so are locals() users' names
    assert set(_functions(rewritten)) >= {"somme", "fermeture", "erreurs", "analyse", "calcul"}
    assert [a.arg for a in _functions(rewritten)["somme"].args.args] == ["valeurs", "seuil"]
    assert "b = a + 1" in rewritten
    # every function's bytecode changes (but introspection's), even with nothing to rename
    original = compile(TORTURE, "e", "exec").co_consts
    changed = compile(rewritten, "e", "exec").co_consts
    codes = {c.co_name: c.co_code for c in original if hasattr(c, "co_code")}
    same = {c.co_name for c in changed if hasattr(c, "co_code") and c.co_code == codes.get(
        c.co_name)}
    assert same == {"introspection", "Compte"} and "compte" in codes  # Compte: class body


def test_the_seed_decides_the_rewrite():
    assert rewrite.__wrapped__(TORTURE, "a") == rewrite.__wrapped__(TORTURE, "a")  # uncached
    assert rewrite(TORTURE, "a") != rewrite(TORTURE, "b")
    orders = {tuple(n for n in _functions(rewrite(TORTURE, s)) if n in ("somme", "compte",
                                                                        "filtre"))
              for s in "abcdefgh"}
    assert len(orders) > 1  # independent top-level functions are reordered


def test_names_used_elsewhere_and_order_dependencies_are_kept():
    code = textwrap.dedent('''
        def _aide():
            return 1


        def _defaut():
            return 2


        def utilise(x=_defaut):
            return x() + _aide()
    ''')
    for seed in "abcdef":
        rewritten = rewrite(code, seed, elsewhere="from paquet.module import _aide")
        assert "_aide" in rewritten
        assert rewritten.splitlines()[-3].startswith("def utilise")  # not moved
        scope: dict = {}
        exec(rewritten, scope)
        assert scope["utilise"]() == 3


def test_code_that_does_not_parse_is_refused():
    with pytest.raises(SyntaxError):
        rewrite("def f(:\n", "a")


def test_classes_keep_their_name():
    code = textwrap.dedent('''
        class _Etat:
            def __repr__(self):
                return type(self).__name__


        def fabrique():
            class Local:
                pass
            return repr(_Etat()), Local.__name__
    ''')
    rewritten = rewrite(code, "a")
    scope: dict = {}
    exec(rewritten, scope)
    assert scope["fabrique"]() == ("_Etat", "Local")


def test_files_that_cannot_be_rewritten_are_still_loaded_without_source(tmp_path):
    (tmp_path / "casse.py").write_text("def f(:\n")
    (tmp_path / "latin.py").write_bytes("X = 'é'\n".encode("latin-1"))
    (tmp_path / "bon.py").write_text("def f(x):\n    y = x + 1\n    return y\n")
    rewrite_files(tmp_path, ["casse.py", "latin.py", "bon.py"], "a")
    assert (tmp_path / "casse.py").is_file() and (tmp_path / "latin.py").is_file()
    assert not (tmp_path / "bon.py").exists() and (tmp_path / "bon.pyc").is_file()
