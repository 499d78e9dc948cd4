"""The grading cage: how every piece of learner code is run under grading.

Everything that executes or imports what a learner wrote or submitted (the grading kernel, the
learner's own test suites) is started through `Cage.command`, which returns the command line
that builds the cage around it. This module is also the cage's launcher (run as a script, it
imports nothing but the standard library, so nothing in a submission can replace it).

Decisions, and why:

- **bubblewrap** (Debian's `bubblewrap`, the sandbox of Flatpak) builds the filesystem view: an
  empty root holding read-only binds of what the interpreter needs (`/usr` and its `/lib*`
  links, `/etc`, the Python prefix, the virtual environment, the kit's packages `cpnkit`,
  `graders`, `sandbox` and the curriculum data `paths/`, each bound alone: never the repository
  root, so `notebooks/` (the answer key), course folders, other submissions, `~/.cpn-kit`
  (admin kubeconfig, sandbox PKI) and the trainer's key folder do not exist in the view), a
  private `/proc` of its own pid namespace, `/dev` minimal, and size-limited tmpfs for `/tmp`,
  `HOME` and the working copy. It needs no daemon and no root (unprivileged user namespaces),
  and `--die-with-parent` plus the pid namespace end every process of a submission with it,
  double-forked ones included. Containers (Docker, podman) would need a daemon or images on a
  grading machine; `systemd-run` needs systemd, absent from CI containers.
- **An account that is never the trainer's, from the first instruction**: run as root, the
  command starts with `setpriv` (util-linux), which becomes one of the `cpn-correction-N`
  accounts (one per grading worker, so that the per-account process limit is per submission)
  with no supplementary group and no capability, before `bwrap` or Python run. The network
  namespace is shared: the kernel talks to the API server on 127.0.0.1 with its restricted
  token; that nothing else (etcd) answers there is the sandbox's job.
- **Limits**: `prlimit` sets, for the whole cage, the address space of each process (memory),
  the number of processes of the account, CPU seconds and the largest file; tmpfs sizes bound
  the disk. As root on a cgroup v1 host, the launcher also places the cage in a memory and
  pids cgroup per worker (`/sys/fs/cgroup/{memory,pids}/cpn-correction/N`), so the total of a
  submission is bounded too.
- **Nothing submitted is imported in place of the kit**: Python runs with `-I` (no current
  folder, no user site, no `PYTHON*` variable), the launcher with `-I -S`, and the kernel is
  started by module name from the view, where no submitted file sits beside it. The submission
  is copied into the cage (a tar stream of regular files and folders only, read by the trusted
  launcher with `O_NOFOLLOW`: no symlink, device, fifo or link to elsewhere) and unpacked there
  on the working tmpfs: what the learner's code writes stays in the cage and dies with it.

Without root (a trainer's laptop), the cage is built the same way under the trainer's own
account: the view still hides the answer key and the credentials, but the processes run as that
account; `cpn grade` says so.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import tarfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

MIB = 1024 * 1024
RUN = "/run/cpn"
CGROUP_ROOT = Path("/sys/fs/cgroup")
KIT_FOLDERS = ("cpnkit", "graders", "sandbox", "paths")


@dataclass(frozen=True)
class Limits:
    """What one submission may use (each process, or the whole cage where said)."""

    memory: int = 3072 * MIB  # address space of each process (RLIMIT_AS)
    processes: int = 96  # processes and threads of the cage's account (RLIMIT_NPROC)
    cpu_seconds: int = 900  # CPU time of each process (RLIMIT_CPU)
    file_size: int = 128 * MIB  # largest file written (RLIMIT_FSIZE)
    tmp_size: int = 256 * MIB  # each tmpfs: /tmp, HOME, the working copy
    total_memory: int = 4096 * MIB  # the whole cage, where a memory cgroup is available


@dataclass(frozen=True)
class Cage:
    """A view and limits for one submission's processes.

    `account`: (uid, gid) to become first (None: stay the current, unprivileged, account);
    `workdir`: the folder the caged command starts in (a private tmpfs);
    `home`: the caged HOME (a private tmpfs);
    `seeds`: folders copied into the cage at the same path (regular files and folders only);
    `data`: files copied in, destination -> source path read by the launcher;
    `readable`: read-only binds at the same path (by default the interpreter and the kit,
    computed where the cage is described: the launcher runs without `site`);
    `environment`: the whole environment of the caged command;
    `slot`: the worker slot (names the cgroups).
    """

    workdir: str
    home: str
    account: tuple[int, int] | None = None
    seeds: tuple[str, ...] = ()
    data: dict[str, str] = field(default_factory=dict)
    readable: tuple[str, ...] = field(default_factory=lambda: tuple(interpreter_folders()))
    environment: dict[str, str] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    slot: int = 0

    # -- the command line ---------------------------------------------------------------------
    def command(self, argv: list[str]) -> tuple[list[str], list[int]]:
        """The command that runs `argv` in the cage, and the descriptors it needs passed
        (open here: close them once the command started). Python commands get `-I`."""
        fds: list[int] = []
        try:
            args = [*self._drop(), *self._limits(), *self._view(fds), *self._start(argv)]
        except BaseException:
            for fd in fds:
                os.close(fd)
            raise
        return args, fds

    def _drop(self) -> list[str]:
        if self.account is None:
            return []
        uid, gid = self.account
        return ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]

    def _limits(self) -> list[str]:
        lim = self.limits
        # RLIMIT_NPROC counts every process of the real uid: under the trainer's own account
        # (no `account`) it would count their session too, so it is set for grading accounts.
        processes = [f"--nproc={lim.processes}"] if self.account else []
        return ["prlimit", f"--as={lim.memory}", *processes, f"--cpu={lim.cpu_seconds}",
                f"--fsize={lim.file_size}", "--core=0", "--"]

    def _view(self, fds: list[int]) -> list[str]:
        args = ["bwrap", "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session",
                "--hostname", "correction"]
        for top in ("bin", "lib", "lib64", "lib32", "libx32", "sbin"):
            link = Path("/") / top
            if link.is_symlink():
                args += ["--symlink", os.readlink(link), str(link)]
            elif link.is_dir():
                args += ["--ro-bind", str(link), str(link)]
        # tmpfs first: the kit or its virtual environment may live under /tmp (a clone made
        # there), and a tmpfs mounted after their binds would hide them.
        for path in self._tmpfs():
            args += ["--perms", "0700", "--size", str(self.limits.tmp_size), "--tmpfs", path]
        for path in ("/usr", "/etc", *self.readable):
            args += ["--ro-bind", path, path]
        args += ["--proc", "/proc", "--dev", "/dev"]
        files = {**self.data, f"{RUN}/copie.tar": ""}
        for folder in sorted({self.home, self.workdir, *(str(Path(d).parent) for d in files)}):
            args += ["--perms", "0700", "--dir", folder]
        for dest, source in files.items():
            fd = self._seed_fd() if not source else os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
            fds.append(fd)
            args += ["--perms", "0600", "--file", str(fd), dest]
        return [*args, "--chdir", self.workdir]

    def _tmpfs(self) -> list[str]:
        mounts = ["/tmp"]
        for path in sorted({self.home, self.workdir, *self.seeds}, key=len):
            if not any(_within(path, m) for m in mounts):
                mounts.append(path)
        return mounts

    def _seed_fd(self) -> int:
        fd = os.memfd_create("cpn-copie")
        with os.fdopen(os.dup(fd), "wb") as stream:
            pack(self.seeds, stream, self.limits.tmp_size)
        os.lseek(fd, 0, os.SEEK_SET)
        return fd

    def _start(self, argv: list[str]) -> list[str]:
        python = [sys.executable, "-I", "-S", str(Path(__file__).resolve()), "unpack",
                  f"{RUN}/copie.tar", "--"]
        return [*python, *_isolated(argv)]

    # -- serialisation (the kernelspec's launcher reads it) ------------------------------------
    def save(self, path: Path) -> None:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(asdict(self), stream)

    @classmethod
    def load(cls, path: str | Path) -> Cage:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
        account = data.pop("account")
        return cls(**{**data, "account": tuple(account) if account else None,
                      "seeds": tuple(data["seeds"]), "readable": tuple(data["readable"]),
                      "limits": Limits(**data["limits"])})


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _isolated(argv: list[str]) -> list[str]:
    """Python started with -I (never the current folder, user site or PYTHON* variables)."""
    if argv and Path(argv[0]).name.startswith("python") and "-I" not in argv[1:2]:
        return [argv[0], "-I", *argv[1:]]
    return list(argv)


def interpreter_folders() -> list[str]:
    """What the caged interpreter needs: the Python prefix, the virtual environment, and the
    kit's packages (each alone, never the repository that holds them)."""
    here = Path(__file__).resolve().parent.parent
    folders = {str(Path(sys.base_prefix).resolve()), str(Path(sys.prefix).resolve())}
    folders |= {str(here / name) for name in KIT_FOLDERS if (here / name).is_dir()}
    return sorted(f for f in folders if not _within(f, "/usr") and not _within(f, "/etc"))


# -- the submission copy: regular files and folders only ----------------------------------------
def pack(folders: tuple[str, ...], stream, limit: int) -> None:
    """Write a tar of `folders` (at their own path) to `stream`: regular files and folders
    only, each opened without following links; refuse more than `limit` bytes."""
    total = 0
    with tarfile.open(fileobj=stream, mode="w") as archive:
        for folder in folders:
            for directory, names, files in os.walk(folder, followlinks=False):
                info = _info(directory, stat.S_IFDIR | 0o700, 0)
                archive.addfile(info)
                for name in files:
                    path = os.path.join(directory, name)
                    content = _regular(path)
                    if content is None:
                        continue
                    total += len(content)
                    if total > limit:
                        raise OSError(f"copie trop volumineuse (plus de {limit // MIB} Mo)")
                    archive.addfile(_info(path, stat.S_IFREG | 0o600, len(content)),
                                    io.BytesIO(content))
                names[:] = [n for n in names if stat.S_ISDIR(
                    os.lstat(os.path.join(directory, n)).st_mode)]


def _info(path: str, mode: int, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(path.lstrip("/"))
    info.type = tarfile.DIRTYPE if stat.S_ISDIR(mode) else tarfile.REGTYPE
    info.mode, info.size = stat.S_IMODE(mode), size
    return info


def _regular(path: str) -> bytes | None:
    """The content of a regular file with a single link, never through a link; None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as stream:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_nlink != 1:
            return None
        return stream.read()


def copy_regular(source: str | Path, target: str | Path) -> None:
    """Copy a submitted folder: regular files and folders only (no link, device or fifo, no
    file hard-linked elsewhere), never following a link; modes 0700/0600."""
    os.makedirs(target, mode=0o700, exist_ok=True)
    for directory, names, files in os.walk(source, followlinks=False):
        here = Path(target) / os.path.relpath(directory, source)
        here.mkdir(mode=0o700, exist_ok=True)
        for name in files:
            content = _regular(os.path.join(directory, name))
            if content is not None:
                descriptor = os.open(here / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(content)
        names[:] = [n for n in names if stat.S_ISDIR(os.lstat(os.path.join(directory, n)).st_mode)]


def unpack(archive: str) -> None:
    """In the cage: unpack the submission copy at its place (the tar's paths are absolute)."""
    with tarfile.open(archive) as source:
        source.extractall("/", filter="data")
    os.unlink(archive)


# -- the launcher -------------------------------------------------------------------------------
def _cgroups(slot: int, limits: Limits) -> None:
    """As root on a cgroup v1 host: this process (and so the cage) joins the worker's memory
    and pids cgroups, created with the cage's totals."""
    settings = {"memory": {"memory.limit_in_bytes": limits.total_memory,
                           "memory.memsw.limit_in_bytes": limits.total_memory},
                "pids": {"pids.max": limits.processes}}
    for controller, values in settings.items():
        base = CGROUP_ROOT / controller
        if os.geteuid() != 0 or not (base / "cgroup.procs").is_file():
            continue
        group = base / "cpn-correction" / str(slot)
        try:
            group.mkdir(parents=True, exist_ok=True)
            for name, value in values.items():
                if (group / name).exists():
                    (group / name).write_text(str(value))
            (group / "cgroup.procs").write_text(str(os.getpid()))
        except OSError:
            continue  # a read-only or absent hierarchy: the rlimits still hold


def kernel(cage_file: str, connection_file: str) -> None:
    """Start a grading kernel (the kernelspec's command, run by nbgrader): the working copy
    is the current folder (the autograded submission), the connection file is copied in."""
    cage = Cage.load(cage_file)
    here = os.getcwd()
    cage = Cage(**{**asdict(cage), "limits": cage.limits, "workdir": here,
                   "seeds": (*cage.seeds, here),
                   "data": {**cage.data, f"{RUN}/connexion.json": connection_file}})
    _cgroups(cage.slot, cage.limits)
    args, fds = cage.command([sys.executable, "-m", "ipykernel_launcher", "-f",
                              f"{RUN}/connexion.json", "--HistoryManager.hist_file=:memory:"])
    for fd in fds:
        os.set_inheritable(fd, True)
    os.execvpe(args[0], args, cage.environment)


def main(argv: list[str]) -> None:
    if argv[:1] == ["unpack"]:
        unpack(argv[1])
        os.execvp(argv[3], argv[3:])
    elif argv[:1] == ["kernel"]:
        kernel(argv[1], argv[2])
    else:
        raise SystemExit("usage: cage.py unpack ARCHIVE -- COMMAND | kernel CAGE CONNECTION")


if __name__ == "__main__":
    main(sys.argv[1:])
