"""`cpn certify` with real keys, real modes and real accounts: the key stays the trainer's,
and a credential records the kit version and the SHA-256 of what it rests on."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import pwd
import stat
from importlib import metadata

import pytest

from cpnkit import cli
from graders import certification
from graders.certification.custody import may_read
from graders.isolation import KERNEL_USER, ensure_kernel_user

LEVEL = "qualite-n2"


class Course:
    """The curriculum of the fake gradebook (modules a and b), handed to `cpn`."""

    def __init__(self, levels):
        self._levels = levels

    def levels(self):
        return self._levels

    def fixtures(self, modules):
        return {}


def cpn(capsys, *argv, levels=None) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv], Course(levels or {}))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def trainer(tmp_path, monkeypatch, capsys):
    """A key made by `cpn certify init`, with a permissive umask to make it harder."""
    monkeypatch.setenv("CPN_TRAINER_DIR", str(tmp_path / "formateur"))
    previous = os.umask(0)
    try:
        code, _, err = cpn(capsys, "certify", "init", "--nom", "Formatrice")
    finally:
        os.umask(previous)
    assert code == 0, err
    return tmp_path / "formateur"


@pytest.fixture
def empty_course(tmp_path):
    (tmp_path / "cours").mkdir()
    (tmp_path / "cours" / "gradebook.db").touch()  # the key is checked before it is read
    return tmp_path / "cours"


def _issue(capsys, course, tmp_path, levels=None):
    return cpn(capsys, "certify", "issue", "--course", course, "--sortie",
               tmp_path / "attestations", levels=levels)


def test_init_makes_a_private_key_in_a_private_folder(trainer):
    assert stat.S_IMODE(trainer.stat().st_mode) == 0o700
    assert stat.S_IMODE((trainer / "cle-signature.pem").stat().st_mode) == 0o600


def test_init_closes_a_folder_that_existed_open(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "formateur"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    monkeypatch.setenv("CPN_TRAINER_DIR", str(folder))
    assert cpn(capsys, "certify", "init", "--nom", "F")[0] == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize(("target", "mode", "command"), [
    ("cle-signature.pem", 0o644, "chmod 600"),
    ("cle-signature.pem", 0o640, "chmod 600"),
    (".", 0o755, "chmod 700"),
    (".", 0o750, "chmod 700"),
], ids=["cle-644", "cle-640", "dossier-755", "dossier-750"])
def test_an_open_key_or_folder_is_refused(trainer, empty_course, tmp_path, capsys, target,
                                          mode, command):
    (trainer / target).chmod(mode)
    code, out, err = _issue(capsys, empty_course, tmp_path)
    assert code == 4 and "Signature refusée" in err and f"droits {mode:o}" in err
    assert command in err and "Traceback" not in err
    assert not any((tmp_path / "attestations").glob("*.json"))


@pytest.fixture
def kernel_account():
    if os.geteuid() != 0:
        pytest.skip("the grading account exists only where grading runs as root")
    return ensure_kernel_user()


def _pool() -> list[str]:
    """The grading pool accounts present on this machine (`getent passwd`), first one only."""
    return sorted(a.pw_name for a in pwd.getpwall()
                  if a.pw_name.startswith(f"{KERNEL_USER}-"))[:1]


@pytest.mark.parametrize("account", [KERNEL_USER, *_pool()])
def test_a_key_a_grading_account_owns_is_refused(trainer, empty_course, tmp_path, capsys,
                                                  kernel_account, account):
    key, owner = trainer / "cle-signature.pem", pwd.getpwnam(account)
    os.chown(key, owner.pw_uid, owner.pw_gid)  # mode stays 0600
    code, _, err = _issue(capsys, empty_course, tmp_path)
    assert code == 4 and f"appartient à « {account} »" in err
    assert f"lisible par la correction ({account})" in err and "chown" in err


def test_read_rights_are_reasoned_from_owner_group_and_mode(tmp_path, kernel_account):
    path = tmp_path / "cle"
    path.write_text("secret")
    cases = [(os.geteuid(), 0, 0o600, False), (os.geteuid(), kernel_account.pw_gid, 0o640, True),
             (os.geteuid(), kernel_account.pw_gid, 0o604, False),  # its class is group
             (os.geteuid(), 0, 0o604, True), (os.geteuid(), 0, 0o640, False),
             (kernel_account.pw_uid, 0, 0o600, True), (kernel_account.pw_uid, 0, 0o066, False)]
    for uid, gid, mode, expected in cases:
        os.chown(path, uid, gid)
        path.chmod(mode)
        assert may_read(kernel_account, path.stat()) is expected, (uid, gid, oct(mode))


def test_every_account_of_the_grading_pool_counts():
    names = {a.pw_name for a in certification.grading_accounts()}
    on_system = {a.pw_name for a in pwd.getpwall()
                 if a.pw_name == KERNEL_USER or a.pw_name.startswith(f"{KERNEL_USER}-")}
    assert names == on_system
    assert all(n == KERNEL_USER or n.startswith(f"{KERNEL_USER}-") for n in names)


def _graded_course(root, make_gradebook):
    levels = make_gradebook(root, {("ana", "a"): 10, ("ana", "b"): 9, ("ben", "a"): 2})
    for module in ("a", "b"):
        path = root / "autograded" / "ana" / LEVEL / f"{module}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"cells": [], "copie": module}))
    return levels


def test_a_private_key_signs_and_the_credential_records_what_it_rests_on(
        trainer, tmp_path, capsys, make_gradebook):
    course = tmp_path / "cours"
    course.mkdir()
    levels = _graded_course(course, make_gradebook)
    code, out, err = _issue(capsys, course, tmp_path, levels)
    assert code == 0, err
    path = tmp_path / "attestations" / f"ana-{LEVEL}.json"
    credential = json.loads(path.read_text())
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["version"] == metadata.version("cpn-kit")
    digests = {r["id"].rsplit(":", 1)[-1]: certification.credential.sha256_hex(r["digestSRI"])
               for r in credential["relatedResource"]}
    for module in ("a", "b"):
        notebook = course / "autograded" / "ana" / LEVEL / f"{module}.ipynb"
        assert digests[f"{module}.ipynb"] == hashlib.sha256(notebook.read_bytes()).hexdigest()
    record = path.with_suffix(".releve.json")
    assert digests["ana"] == hashlib.sha256(record.read_bytes()).hexdigest()
    assert json.loads(record.read_text())["modules"]["b"]["cellules"] == {"t": [9.0, 10.0]}

    code, out, _ = cpn(capsys, "certify", "verify", path, levels=levels)
    assert code == 0 and "VALIDE" in out
    assert f"version du kit  : {metadata.version('cpn-kit')}" in out
    assert f"copie b.ipynb   : sha256 {digests['b.ipynb']}" in out
    assert f"relevé de notes : sha256 {digests['ana']}" in out

    for change in (lambda c: c["relatedResource"][1].update(
                       digestSRI=c["relatedResource"][0]["digestSRI"]),
                   lambda c: c["credentialSubject"]["achievement"].update(version="0.0.1")):
        forged = copy.deepcopy(credential)
        change(forged)
        path.write_text(json.dumps(forged))
        code, out, _ = cpn(capsys, "certify", "verify", path, levels=levels)
        assert code == 1 and "INVALIDE" in out and "signature invalide" in out


def test_a_level_whose_graded_notebook_is_missing_is_not_signed(trainer, tmp_path, capsys,
                                                                 make_gradebook):
    course = tmp_path / "cours"
    course.mkdir()
    levels = _graded_course(course, make_gradebook)
    (course / "autograded" / "ana" / LEVEL / "b.ipynb").unlink()
    code, _, err = _issue(capsys, course, tmp_path, levels)
    assert code == 4 and "Copie corrigée introuvable" in err and "cpn grade" in err
