"""Isolation of learner code under grading.

The kernels that run learners' submissions see only a namespace-scoped ServiceAccount token.
When grading runs as root (a grading server, CI), each kernel also runs as an unprivileged
system user, so the admin kubeconfig, the sandbox's certificates and the trainer's files
(all readable by root only) are out of its reach. Run as another user, grading still
withholds the admin credentials from the kernels' environment and API, but cannot protect
that user's own files: the trainer's guide says so.
"""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
from pathlib import Path

from .errors import GradingError

KERNEL_USER = "cpn-correction"
SAFE_VARIABLES = ("LANG", "LC_ALL", "TZ", "PYTHONHASHSEED")


def can_drop_privileges() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def ensure_kernel_user() -> pwd.struct_passwd:
    """The unprivileged grading account (created on first use, root only)."""
    try:
        return pwd.getpwnam(KERNEL_USER)
    except KeyError:
        result = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
             KERNEL_USER], capture_output=True, text=True)
        if result.returncode != 0:
            raise GradingError(f"Impossible de créer l'utilisateur {KERNEL_USER} : "
                               f"{result.stderr.strip()}",
                               "Lancez la correction en root, ou avec --isolation env.") from None
        return pwd.getpwnam(KERNEL_USER)


def _ancestors(path: Path) -> list[Path]:
    return [p for p in path.resolve().parents if p != Path("/")]


def make_reachable(paths: list[Path], log=print) -> list[Path]:
    """Let the kernel user traverse (o+x, no listing) the folders above the interpreter and
    the kit, e.g. /root on a grading server. Returns the folders changed."""
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


def prepare_kernelspec(workdir: Path, grading_env: dict[str, str], isolate_user: bool
                       ) -> dict[str, str]:
    """Write a `python3` kernelspec for nbgrader; return the variables that select it."""
    home = workdir / "home"
    home.mkdir(parents=True, exist_ok=True)
    kernel_dir = workdir / "jupyter" / "kernels" / "python3"
    kernel_dir.mkdir(parents=True, exist_ok=True)
    environment = kernel_environment(grading_env, home)
    env_file = workdir / "kernel-env.json"
    env_file.write_text(json.dumps(environment))
    if isolate_user:
        account = ensure_kernel_user()
        make_reachable([Path(sys.executable), Path(__file__), workdir])
        kubeconfig = grading_env.get("CPN_GRADING_KUBECONFIG")  # none without cluster
        for path in (home, *([Path(kubeconfig)] if kubeconfig else [])):
            os.chown(path, account.pw_uid, account.pw_gid)
        argv = [sys.executable, "-m", "graders.kernel_launcher", KERNEL_USER,
                "{connection_file}", str(env_file)]
    else:
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "Python 3 (correction)", "language": "python"}
    if not isolate_user:
        spec["env"] = environment
    (kernel_dir / "kernel.json").write_text(json.dumps(spec))
    return {"JUPYTER_PATH": str(workdir / "jupyter")}
