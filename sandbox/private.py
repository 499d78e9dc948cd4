"""The sandbox's home is readable by its owner only.

It holds the admin kubeconfig, kwokctl's PKI (the CA key signs any credential), etcd's data
and the components' logs: another local account (a grading user, a cohort learner on the
same machine) must not read any of it. Directories are 0700 and files 0600; the processes
the sandbox starts run with umask 077, so what they create later stays private too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077
_SHARED_BITS = 0o077


def _tighten(path: Path) -> None:
    try:
        mode = path.lstat().st_mode
        if mode & _SHARED_BITS and not stat.S_ISLNK(mode):
            path.chmod(mode & 0o7777 & ~_SHARED_BITS)
    except FileNotFoundError:  # removed meanwhile by a running component
        pass


def private_home(home: Path) -> Path:
    """Create `home` (0700) and take group and other rights off everything in it, files
    left by an older version of the kit included. Symbolic links are not followed (`bin/`
    links to the binary cache, which stays readable)."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    _tighten(home)
    for root, dirs, files in os.walk(home):
        for name in dirs + files:
            _tighten(Path(root) / name)
    return home


def private_file(path: Path) -> Path:
    """A file the sandbox wrote outside its home (CPN_KUBECONFIG): owner only."""
    if path.is_file():
        path.chmod(0o600)
    return path
