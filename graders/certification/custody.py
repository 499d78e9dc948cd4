"""The signing key stays the trainer's: nobody else may read it, least of all the accounts
that run learners' code under grading.

Reasoned from what the kernel enforces (owner, group, mode bits), for the key file and its
folder, without switching user: the key must belong to the user who signs, with no right for
group or others, and no grading account (`cpn-correction`, `cpn-correction-*`) may own it,
share its group with read rights, or be able to list its folder.
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


def _problems(path: Path, private_mode: int, what: str) -> list[str]:
    info = path.stat()
    found = []
    if info.st_uid != os.geteuid():
        found.append(f"{what} {path} appartient à « {_name(info.st_uid)} », pas à vous "
                     f"(« {_name(os.geteuid())} »)")
    if info.st_mode & 0o077:
        found.append(f"{what} {path} est ouvert au groupe ou aux autres (droits "
                     f"{stat.S_IMODE(info.st_mode):o} au lieu de {private_mode:o})")
    readers = [a.pw_name for a in grading_accounts() if may_read(a, info)
               or a.pw_uid == info.st_uid]
    if readers:
        found.append(f"le compte de correction {', '.join(readers)} peut lire {path}")
    return found


def check_private(key: Path) -> None:
    """Refuse to sign with a key that someone other than the trainer could read."""
    folder = key.parent.resolve()
    problems = _problems(folder, 0o700, "le dossier") + _problems(key, 0o600, "la clé")
    if problems:
        me = _name(os.geteuid())
        raise GradingError(
            "Signature refusée : la clé du formateur doit rester la vôtre, or "
            + " ; ".join(problems) + ". Quiconque la lit peut délivrer des attestations à "
            "votre nom.",
            f"chown -R {me} {folder} && chmod 700 {folder} && chmod 600 {key} ; si elle a pu "
            "être copiée, recréez-la : cpn certify init --force --nom \"…\"")
