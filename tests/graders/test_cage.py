"""The cage primitive (graders.cage) with real bubblewrap: its command line, its view, its limits.

The adversarial corpus (tests/adversarial/test_cage.py) grades dishonest submissions through
`cpn grade`'s machinery; these tests run one caged `python -c` each, so a broken limit is found
in seconds.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graders.cage import MIB, Cage, Limits, copy_regular, interpreter_folders
from graders.isolation import can_drop_privileges, ensure_kernel_user

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/usr/bin/bwrap").exists(), reason="bwrap absent")


@pytest.fixture
def cage(tmp_path) -> Cage:
    account = None
    if can_drop_privileges():
        entry = ensure_kernel_user(0)
        account = (entry.pw_uid, entry.pw_gid)
    work = tmp_path / "copie"
    work.mkdir()
    (work / "reponse.txt").write_text("ma réponse")
    return Cage(workdir=str(work), home=str(tmp_path / "home"), account=account,
                seeds=(str(work),), environment={"PATH": "/usr/bin:/bin",
                                                 "HOME": str(tmp_path / "home")},
                limits=Limits(memory=1024 * MIB, processes=40, cpu_seconds=2,
                              tmp_size=32 * MIB, file_size=64 * MIB))


def caged(cage: Cage, code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    args, fds = cage.command([sys.executable, "-c", textwrap.dedent(code)])
    try:
        return subprocess.run(args, pass_fds=fds, env=cage.environment, capture_output=True,
                              text=True, timeout=timeout)
    finally:
        for fd in fds:
            os.close(fd)


def report(cage: Cage, code: str) -> dict:
    done = caged(cage, textwrap.dedent(code) + "\nimport json\nprint(json.dumps(seen))")
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_command_line_drops_privileges_first_then_limits_then_view(cage):
    args, fds = cage.command([sys.executable, "-c", "pass"])
    for fd in fds:
        os.close(fd)
    start = 0
    if cage.account:
        assert args[0] == "setpriv" and "--clear-groups" in args and "--inh-caps=-all" in args
        start = args.index("--") + 1
    assert args[start] == "prlimit"
    bwrap = args.index("bwrap")
    assert {"--unshare-pid", "--unshare-user", "--die-with-parent", "--new-session"} \
        <= set(args[bwrap:])
    binds = {args[i + 1] for i, a in enumerate(args) if a == "--ro-bind"}
    assert str(ROOT) not in binds and str(ROOT / "notebooks") not in binds
    assert {str(ROOT / p) for p in ("graders", "sandbox", "cpnkit")} <= binds
    assert args[-4:] == [sys.executable, "-I", "-c", "pass"]


def test_the_view_holds_no_answer_key_no_credential_and_not_root_home(cage):
    seen = report(cage, f"""
        import os, sys
        seen = {{"uid": os.getuid(), "cwd": os.getcwd(), "files": sorted(os.listdir(".")),
                "root": sorted(os.listdir("/root")) if os.path.isdir("/root") else [],
                "isolated": sys.flags.isolated}}
        for path in {[str(ROOT / "notebooks"), str(ROOT / "README.md"), "/root/.cpn-kit",
                      "/root/.config", "/root/.kube", str(Path.home() / ".cpn-kit"),
                      "/etc/shadow", str(ROOT / ".git")]!r}:
            try:
                open(path).read() if os.path.isfile(path) else os.listdir(path)
                seen[path] = "LU"
            except OSError as error:
                seen[path] = type(error).__name__
        """)
    assert "LU" not in seen.values(), seen
    assert seen["cwd"] == cage.workdir and seen["files"] == ["reponse.txt"]
    assert set(seen["root"]) <= {".pyenv"}  # only the path to the Python prefix, if there
    assert seen["isolated"] == 1
    if cage.account:
        assert seen["uid"] == cage.account[0]


def test_the_kit_is_read_only_and_the_copy_is_private(cage):
    seen = report(cage, f"""
        seen = {{}}
        for path in {[str(ROOT / "graders" / "pirate.py"), "/usr/pirate"]!r}:
            try:
                open(path, "w").write("x")
                seen[path] = "ECRIT"
            except OSError as error:
                seen[path] = type(error).__name__
        open("reponse.txt", "w").write("modifiée dans la cage")
        """)
    assert "ECRIT" not in seen.values(), seen
    assert not (ROOT / "graders" / "pirate.py").exists()
    assert (Path(cage.workdir) / "reponse.txt").read_text() == "ma réponse"


def test_submitted_modules_never_shadow_the_real_ones(cage):
    work = Path(cage.workdir)
    for name in ("json.py", "sitecustomize.py", "usercustomize.py", "graders/__init__.py"):
        (work / name).parent.mkdir(exist_ok=True)
        (work / name).write_text("import builtins\nbuiltins.PIEGE = True\n")
    (work / "evasion.pth").write_text("import builtins; builtins.PIEGE = True\n")
    seen = report(cage, """
        import builtins, json, graders.cage
        seen = {"piege": hasattr(builtins, "PIEGE"), "json": json.__file__,
                "graders": graders.cage.__file__}
        """)
    assert seen["piege"] is False
    assert not seen["json"].startswith(cage.workdir)
    assert seen["graders"] == str(ROOT / "graders" / "cage.py")


def test_too_much_memory_fails(cage):
    done = caged(cage, "b = bytearray(2 * 1024 ** 3)")
    assert done.returncode != 0 and "MemoryError" in done.stderr


@pytest.mark.skipif(not can_drop_privileges(), reason="the process limit is per grading account")
def test_too_many_processes_fail(cage):
    seen = report(cage, """
        import subprocess
        started = []
        try:
            for _ in range(200):
                started.append(subprocess.Popen(["sleep", "30"]))
        except OSError as error:
            pass
        seen = {"started": len(started)}
        """)
    assert seen["started"] < 40


def test_cpu_time_is_bounded(cage):
    done = caged(cage, "while True: pass", timeout=30)
    assert done.returncode != 0  # killed by SIGXCPU after 2 s of CPU


def test_tmpfs_are_bounded(cage):
    seen = report(cage, """
        import os
        seen = {}
        for place in (".", "/tmp", os.environ["HOME"]):
            written = 0
            try:
                with open(os.path.join(place, "plein"), "wb") as stream:
                    while written < 200 * 1024 * 1024:
                        stream.write(b"x" * 1024 * 1024)
                        written += 1024 * 1024
            except OSError:
                pass
            seen[place] = written
        """)
    assert all(written <= 33 * MIB for written in seen.values()), seen


def test_a_double_forked_process_ends_with_the_cage(cage, tmp_path):
    token = f"cpn-survivant-{os.getpid()}"
    done = caged(cage, f"""
        import os, subprocess, sys
        if os.fork() == 0:
            os.setsid()
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)  # {token}"])
            os._exit(0)
        os.wait()
        """)
    assert done.returncode == 0, done.stderr
    left = subprocess.run(["pgrep", "-f", token], capture_output=True, text=True)
    assert left.stdout.strip() == ""


def test_only_regular_files_are_copied(tmp_path):
    source, target = tmp_path / "rendu", tmp_path / "copie"
    (source / "dossier").mkdir(parents=True)
    (source / "dossier" / "ok.txt").write_text("ok")
    (source / "lien").symlink_to("/etc/shadow")
    (source / "lien-dossier").symlink_to("/root", target_is_directory=True)
    os.mkfifo(source / "tube")
    outside = tmp_path / "ailleurs.txt"
    outside.write_text("secret")
    os.link(outside, source / "dur")
    copy_regular(source, target)
    found = sorted(str(p.relative_to(target)) for p in target.rglob("*"))
    assert found == ["dossier", "dossier/ok.txt"]
    assert oct(target.stat().st_mode & 0o777) == "0o700"


def test_interpreter_folders_never_include_the_repository():
    folders = interpreter_folders()
    assert str(ROOT) not in folders
    assert not any(f.endswith(("notebooks", "course", ".cpn-kit")) for f in folders)


def test_the_cage_survives_a_round_trip_through_its_file(cage, tmp_path):
    cage.save(tmp_path / "cage.json")
    assert Cage.load(tmp_path / "cage.json") == cage
    assert oct((tmp_path / "cage.json").stat().st_mode & 0o777) == "0o600"
    assert dataclasses.replace(cage, slot=3).slot == 3


@pytest.mark.skipif(not can_drop_privileges(), reason="the grading accounts need root")
def test_learner_tests_run_by_the_graders_are_caged(tmp_path):
    from graders.testsuites import run_pytest

    (tmp_path / "test_evasion.py").write_text(textwrap.dedent(f"""
        import os

        def test_caged():
            assert os.getuid() != 0
            assert not os.path.exists({str(ROOT / "notebooks")!r})
            assert not os.path.exists({str(tmp_path.parent)!r} + "/autre")
            open("ecrit-dans-la-cage.txt", "w").write("x")
        """))
    (tmp_path.parent / "autre").mkdir(exist_ok=True)
    run = run_pytest(tmp_path, "test_evasion.py")
    assert run.green, run.output
    assert not (tmp_path / "ecrit-dans-la-cage.txt").exists()
