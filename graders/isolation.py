"""Isolation of learner code under grading: which cage (graders.cage), for which account.

Three modes, chosen by `cpn grade --isolation`:
- `user` (the default as root: a grading server, CI): every kernel and every learner test run
  is caged under one of the `cpn-correction-N` system accounts, one per grading worker, so that
  the per-account process limit is a per-submission limit;
- `cage` (the default otherwise): the same cage under the trainer's own account (the view
  hides the answer key and the credentials, but the processes run as that account);
- `env`: no cage, only credentials limited to the learner's namespaces (for a machine without
  bubblewrap, and for the benchmarks).
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .cage import Cage, interpreter_folders
from .errors import GradingError

KERNEL_USER = "cpn-correction"
SAFE_VARIABLES = ("LANG", "LC_ALL", "TZ", "PYTHONHASHSEED")
MODES = ("user", "cage", "env")
CAGE_MARK = "CPN_CAGE"  # set inside a cage: learner tests run there are already caged
WEAKER = ("Correction sans les droits root : le code des apprenants tourne dans une cage "
          "(sans le corrigé ni vos identifiants) mais sous votre propre compte ; l'isolation "
          "est plus faible. Pour une cohorte certifiée, lancez la correction en root.")
NO_CAGE = ("Correction sans cage (--isolation env) : le code des apprenants tourne sous votre "
           "compte avec des identifiants limités seulement ; l'isolation est plus faible.")

_context = {"mode": "", "slot": 0}  # set by a grading worker (graders.cohort)


def can_drop_privileges() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def resolve_mode(isolation: str = "auto") -> str:
    """The isolation mode to use: `auto` is `user` as root, otherwise `cage` (or `env` where
    bubblewrap is absent); checks that the mode can work here."""
    if isolation == "auto":
        isolation = "user" if can_drop_privileges() else (
            "cage" if shutil.which("bwrap") else "env")
    if isolation == "user" and not can_drop_privileges():
        raise GradingError("L'isolation « user » demande les droits root (comptes "
                           f"{KERNEL_USER}-N).", "Lancez cpn grade en root, ou avec "
                           "--isolation cage.")
    if isolation != "env" and shutil.which("bwrap") is None:
        raise GradingError("bubblewrap (bwrap) est absent : la cage de correction ne peut pas "
                           "être construite.", "Installez-le (apt-get install bubblewrap), ou "
                           "corrigez sans cage : --isolation env.")
    return isolation


def check_cage(mode: str) -> None:
    """Start one caged `python -c pass`: a cage that cannot start fails here, in French,
    rather than as dead kernels in every submission."""
    with tempfile.TemporaryDirectory(prefix="cpn-cage-") as scratch:
        cage = cage_for(mode, 0, Path(scratch), Path(scratch) / "home",
                        {"PATH": "/usr/bin:/bin"})
        if cage is None:
            return
        command, fds = cage.command([sys.executable, "-c", "pass"])
        try:
            done = subprocess.run(command, pass_fds=fds, env=cage.environment,
                                  capture_output=True, text=True, timeout=60)
        finally:
            for fd in fds:
                os.close(fd)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["code " + str(done.returncode)])[-1]
        raise GradingError(f"La cage de correction ne démarre pas : {reason}",
                           "Vérifiez que bubblewrap est installé et que les espaces de noms "
                           "utilisateur sont permis (sysctl kernel.unprivileged_userns_clone=1"
                           "), ou corrigez sans cage : --isolation env.")


def warning(mode: str) -> str | None:
    """The French warning for a weaker isolation mode (None for `user`)."""
    return {"cage": WEAKER, "env": NO_CAGE}.get(mode)


def set_context(mode: str, slot: int) -> None:
    """Called once by a grading worker: its isolation mode and worker slot."""
    _context.update(mode=mode, slot=slot)


def ensure_kernel_user(slot: int = 0) -> pwd.struct_passwd:
    """The unprivileged grading account of a worker slot (created on first use, root only)."""
    name = f"{KERNEL_USER}-{slot}"
    try:
        return pwd.getpwnam(name)
    except KeyError:
        result = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
             "--shell", "/usr/sbin/nologin", "--user-group", name], capture_output=True,
            text=True)
        if result.returncode != 0 and "already exists" not in result.stderr:
            raise GradingError(f"Impossible de créer l'utilisateur {name} : "
                               f"{result.stderr.strip()}",
                               "Lancez la correction en root, ou avec --isolation cage.") from None
        return pwd.getpwnam(name)


def _ancestors(path: Path) -> list[Path]:
    return [p for p in path.parents if p != Path("/")]


def make_reachable(paths: list[Path], log=print) -> list[Path]:
    """Let the grading accounts traverse (o+x, no listing) the folders above the interpreter
    and the kit, e.g. /root on a grading server, so that bubblewrap can bind them. Returns the
    folders changed."""
    changed = []
    for folder in {a for p in paths for a in _ancestors(p)}:
        mode = folder.stat().st_mode
        if not mode & 0o001:
            folder.chmod(mode | 0o001)
            changed.append(folder)
    if changed:
        log("Correction isolée : dossiers rendus traversables (o+x) pour l'interpréteur : "
            + ", ".join(sorted(map(str, changed))))
    return changed


def kernel_environment(grading_env: dict[str, str], home: Path) -> dict[str, str]:
    """What the learner's kernel may see: no KUBECONFIG, no CPN_HOME, no admin path."""
    bin_dir = str(Path(sys.executable).parent)
    environment = {k: os.environ[k] for k in SAFE_VARIABLES if k in os.environ}
    environment.update({
        "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "CPN_HOME": str(home / ".cpn-kit"),
        "MPLCONFIGDIR": str(home / ".matplotlib"),
        "NBGRADER_EXECUTION": "autograde",
        **{k: v for k, v in grading_env.items() if k.startswith("CPN_")},
    })
    return environment


def cage_for(mode: str, slot: int, workdir: Path, home: Path, environment: dict[str, str],
             seeds: tuple[str, ...] = (), data: dict[str, str] | None = None) -> Cage | None:
    """The cage of one submission's processes in this mode (None in mode `env`)."""
    if mode not in ("user", "cage"):
        return None
    account = None
    if mode == "user":
        entry = ensure_kernel_user(slot)
        account = (entry.pw_uid, entry.pw_gid)
        make_reachable([Path(p) for p in interpreter_folders()])
    return Cage(workdir=str(workdir), home=str(home), account=account, seeds=seeds,
                data=data or {}, environment={**environment, CAGE_MARK: "1"}, slot=slot)


def learner_tests_cage(seeds: tuple[str, ...], workdir: Path) -> Cage | None:
    """The cage for a learner's test run started here: the grading worker's one; as root
    outside grading, slot 0's; none inside a cage already, nor for a learner on their own
    machine."""
    if os.environ.get(CAGE_MARK) == "1":
        return None
    mode = _context["mode"] or ("user" if can_drop_privileges() else "")
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(workdir / "home"),
                   **{k: os.environ[k] for k in SAFE_VARIABLES if k in os.environ}}
    return cage_for(mode, int(_context["slot"]), workdir, workdir / "home", environment, seeds)


def _font_cache(home: Path) -> Path:
    """matplotlib's font list, built once by the grader and copied into every kernel's HOME
    (otherwise each caged kernel would rebuild it, about a second each)."""
    target = home / ".matplotlib"
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        from matplotlib import font_manager, get_cachedir
    except ImportError:
        return target
    font_manager.fontManager  # noqa: B018 - loads (or builds) the cache
    for cached in Path(get_cachedir()).glob("fontlist-*.json"):
        shutil.copyfile(cached, target / cached.name)
    return target


def prepare_kernelspec(workdir: Path, grading_env: dict[str, str], mode: str, slot: int = 0
                       ) -> dict[str, str]:
    """Write a `python3` kernelspec for nbgrader; return the variables that select it."""
    home = workdir / "home"
    kernel_dir = workdir / "jupyter" / "kernels" / "python3"
    kernel_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    environment = kernel_environment(grading_env, home)
    kubeconfig = grading_env.get("CPN_GRADING_KUBECONFIG")  # none for a data-only level
    cage = cage_for(mode, slot, workdir, home, environment,
                    data={kubeconfig: kubeconfig} if kubeconfig else {},
                    seeds=(str(_font_cache(home)),))
    if cage is not None:
        cage.save(workdir / "cage.json")
        argv = [sys.executable, "-I", "-S", str(Path(__file__).with_name("cage.py")), "kernel",
                str(workdir / "cage.json"), "{connection_file}"]
        spec = {"argv": argv, "interrupt_mode": "message"}
    else:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        spec = {"argv": [sys.executable, "-I", "-m", "ipykernel_launcher", "-f",
                         "{connection_file}"], "env": environment}
    spec.update(display_name="Python 3 (correction)", language="python")
    (kernel_dir / "kernel.json").write_text(json.dumps(spec))
    return {"JUPYTER_PATH": str(workdir / "jupyter")}
