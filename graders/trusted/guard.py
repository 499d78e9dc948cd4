"""What trusted code may read: a private snapshot of the submission, never a learner's link.

Hidden tests open files by relative path ("module/fichier.yaml", the learner's git repo...).
The submission folder belongs to the kernel, which can write there at any moment, from a
background process too: a symlink to /root/.kube/config placed there would be read with the
grader's rights. So before each trusted run the executor copies the submission folder into a
private directory, walking it with file descriptors (`os.fwalk`, `O_NOFOLLOW`): symlinks,
sockets, devices and FIFOs are left out, so there is no race between a check and an open.
Trusted code runs with that copy as its working directory.

As a second line, while trusted code runs an audit hook refuses every `open` (and directory
listing) whose real path lies outside the snapshot, the Python installation, the kit's
packages, the temporary folder and a few system files (TLS certificates, time zones): an
absolute path given as an answer ("/root/...") is refused the same way. The kit's source
notebooks (the answer key) are not readable; their data folders are.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import sysconfig
from contextlib import contextmanager
from pathlib import Path

from ..errors import GradingError

MAX_BYTES = 200_000_000  # a submission folder larger than this is not copied further
KIT_FOLDERS = ("graders", "cpnkit", "sandbox", "paths")  # code and the public curriculum
SYSTEM_READS = ("/etc/ssl", "/etc/pki", "/usr/share/zoneinfo", "/etc/localtime",
                "/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/gai.conf",
                "/etc/host.conf", "/etc/mime.types", "/dev/null", "/dev/urandom", "/proc/self",
                "/proc/cpuinfo", "/proc/meminfo", "/sys/fs/cgroup", "/sys/devices/system/cpu",
                "/usr/lib", "/usr/share", "/usr/local/lib", "/etc/passwd", "/etc/group",
                "/etc/gitconfig")


class RefusedPath(GradingError):
    """Trusted code tried to open something outside what it may read."""


def snapshot(source: Path, target: Path) -> list[str]:
    """Copy the regular files and folders of `source` into `target` (created, private);
    return the relative paths left out (links and special files)."""
    target.mkdir(mode=0o700)
    skipped, total = [], 0
    top = os.open(source, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        for root, dirs, files, dir_fd in os.fwalk(".", dir_fd=top, follow_symlinks=False):
            here = target / root
            for name in list(dirs):
                if stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode):
                    dirs.remove(name)
                    skipped.append(os.path.normpath(os.path.join(root, name)))
                else:
                    (here / name).mkdir(mode=0o700)
            for name in files:
                total += _copy_file(dir_fd, name, here / name, skipped, root)
                if total > MAX_BYTES:
                    raise GradingError("Le dossier rendu dépasse 200 Mo : correction refusée.",
                                       "Retirez les gros fichiers du dossier du carnet.")
    finally:
        os.close(top)
    return skipped


def _copy_file(dir_fd: int, name: str, target: Path, skipped: list[str], root: str) -> int:
    try:
        handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
    except OSError:  # a symlink (ELOOP) or a file gone meanwhile
        skipped.append(os.path.normpath(os.path.join(root, name)))
        return 0
    with os.fdopen(handle, "rb") as reader:
        info = os.fstat(reader.fileno())
        if not stat.S_ISREG(info.st_mode):
            skipped.append(os.path.normpath(os.path.join(root, name)))
            return 0
        with open(target, "wb") as writer:
            shutil.copyfileobj(reader, writer)
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.chmod(target, info.st_mode & 0o700)
    return info.st_size


class ReadGuard:
    """The audit hook (installed once per process; active only inside `allow`)."""

    _installed = False
    _roots: tuple[str, ...] | None = None

    @classmethod
    def install(cls) -> None:
        if not cls._installed:
            sys.addaudithook(cls._hook)
            cls._installed = True

    @classmethod
    @contextmanager
    def allow(cls, *extra: Path):
        cls.install()
        previous = cls._roots
        cls._roots = tuple(os.path.realpath(p) for p in (*_base_roots(), *extra))
        try:
            yield
        finally:
            cls._roots = previous

    @classmethod
    def _hook(cls, event: str, args: tuple) -> None:
        roots = cls._roots
        if roots is None or event not in ("open", "os.listdir", "os.scandir"):
            return
        path = args[0] if args else None
        if isinstance(path, int) or path is None:
            return  # an already open descriptor: checked when it was opened
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        real = os.path.realpath(os.fspath(path))
        if not any(real == r or real.startswith(r.rstrip("/") + "/") for r in roots):
            raise RefusedPath(f"Lecture refusée au correcteur : {os.fspath(path)}.",
                              "Les fichiers d'une réponse doivent être dans le dossier du "
                              "carnet, sans lien symbolique.")


def _base_roots() -> list[str]:
    import graders

    kit = Path(graders.__file__).resolve().parent.parent
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix,
             *sysconfig.get_paths().values(), *SYSTEM_READS,
             *(str(kit / p) for p in KIT_FOLDERS),
             *(str(p) for p in (kit / "notebooks").glob("*/") if p.is_dir())}
    if os.environ.get("CPN_GRADING_KUBECONFIG"):
        paths.add(os.environ["CPN_GRADING_KUBECONFIG"])
    return sorted(paths)
