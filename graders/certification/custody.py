"""The signing key stays the trainer's: nobody else may read it, least of all the accounts
that run learners' code under grading.

Reasoned from what the kernel enforces (owner, group, mode bits), for the key file and its
folder, without switching user: the key must belong to the user who signs, with no right for
group or others, and no grading account (`cpn-correction`, `cpn-correction-*`) may own it,
share its group with read rights, or be able to list its folder. POSIX ACLs need no separate
check: a named user or group entry is capped by the ACL mask, which the group bits show.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
from pathlib import Path

from ..errors import GradingError
from ..isolation import KERNEL_USER


def grading_accounts() -> list[pwd.struct_passwd]:
    """The accounts that run learners' code under grading, as the system knows them now."""
    return [a for a in pwd.getpwall()
            if a.pw_name == KERNEL_USER or a.pw_name.startswith(f"{KERNEL_USER}-")]


def _groups(account: pwd.struct_passwd) -> set[int]:
    return {account.pw_gid} | {g.gr_gid for g in grp.getgrall() if account.pw_name in g.gr_mem}


def may_read(account: pwd.struct_passwd, info: os.stat_result) -> bool:
    """Whether the kernel would let `account` read (a file) or list (a folder) this inode."""
    if account.pw_uid == 0:
        return True
    if account.pw_uid == info.st_uid:
        return bool(info.st_mode & stat.S_IRUSR)
    if info.st_gid in _groups(account):
        return bool(info.st_mode & stat.S_IRGRP)
    return bool(info.st_mode & stat.S_IROTH)


def _name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _readers(info: os.stat_result) -> list[str]:
    return [a.pw_name for a in grading_accounts()
            if may_read(a, info) or a.pw_uid == info.st_uid]


def _problems(path: Path, private_mode: int) -> tuple[list[str], list[str]]:
    """What is wrong with one path (French phrases) and the commands that fix it."""
    info, me = path.stat(), os.geteuid()
    mode = stat.S_IMODE(info.st_mode)
    found, fixes = [], []
    if info.st_uid != me:
        found.append(f"appartient à « {_name(info.st_uid)} »")
        fixes.append(f"chown {_name(me)} {path}")
    if mode & 0o077:
        found.append(f"droits {mode:o} au lieu de {private_mode:o}")
        fixes.append(f"chmod {private_mode:o} {path}")
    readers = _readers(info)
    if readers:
        shown = ", ".join(readers[:3]) + (", …" if len(readers) > 3 else "")
        found.append(f"lisible par la correction ({shown})")
    return found, fixes


def check_private(key: Path) -> None:
    """Refuse to sign with a key that someone other than the trainer could read."""
    parts, fixes = [], []
    for path, private_mode, what in ((key.parent.resolve(), 0o700, "son dossier"),
                                     (key, 0o600, "la clé")):
        found, fix = _problems(path, private_mode)
        if found:
            parts.append(f"{what} {path} : {', '.join(found)}")
            fixes += fix
    if parts:
        raise GradingError(
            "Signature refusée, la clé du formateur doit rester la vôtre : "
            + " ; ".join(parts) + ".",
            " && ".join(fixes) + " — puis, si elle a pu être copiée, recréez-la : "
            "cpn certify init --force --nom \"…\"")
