"""Open Badges 3.0 credentials: real Ed25519 signatures, every tampering caught."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys

import pytest

from graders import GradingError, certification
from graders.certification import Award, Evidence
from graders.certification.evidence import NOTEBOOK_TYPE, Digest
from graders.certification.keys import did_key, public_key_from_did

AWARD = Award("amartin", "Alice Martin", "qualite-n2", "Avancé", "Qualité des produits numériques",
              ("Concevoir une application", "Déployer en test"), 80, 52.0, 60.0)


@pytest.fixture
def issuer(tmp_path):
    return certification.create("Centre de formation DNUM", tmp_path / "formateur")


def graded(root, make_gradebook, learner: str = "amartin"):
    """A real gradebook and the autograded notebooks of one learner (modules a and b)."""
    levels = make_gradebook(root, {(learner, "a"): 10, (learner, "b"): 9})
    for module in ("a", "b"):
        path = root / "autograded" / learner / "qualite-n2" / f"{module}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"cells": [], "module": module}))
    return levels


@pytest.fixture
def evidence():
    """What a credential rests on (the real gradebook path: test_cli_issue_then_verify and
    test_certification_custody.py)."""
    notebooks = tuple(Digest(f"urn:cpn-kit:copie:qualite-n2:amartin:{m}.ipynb",
                             hashlib.sha256(m.encode()).hexdigest(), NOTEBOOK_TYPE)
                      for m in ("a", "b"))
    record = {"niveau": "qualite-n2", "apprenant": "amartin",
              "modules": {"a": {"score": 10.0, "max_score": 10.0, "cellules": {"t": [10, 10]}}}}
    return Evidence(certification.kit_version(), notebooks, record)


@pytest.fixture
def credential(issuer, evidence):
    return certification.issue(AWARD, issuer, evidence)


def test_a_fresh_credential_verifies(credential, issuer):
    check = certification.verify(credential, issuer.did, "Alice Martin", "qualite-n2",
                                 {"qualite-n2"})
    assert check.valid, check.reasons
    assert check.facts["résultat"] == "87 %"
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    achievement = credential["credentialSubject"]["achievement"]
    assert "Concevoir une application" in achievement["criteria"]["narrative"]


@pytest.mark.parametrize("tamper", [
    lambda c: c["credentialSubject"]["identifier"][0].update(identityHash="Bob Martin"),
    lambda c: c["credentialSubject"]["result"][0].update(value="100 %"),
    lambda c: c["credentialSubject"]["achievement"].update(id="urn:cpn-kit:niveau:qualite-n3"),
    lambda c: c.update(validFrom="2020-01-01T00:00:00Z"),
    lambda c: c["credentialSubject"]["achievement"].update(version="9.9.9"),
    lambda c: c["relatedResource"][0].update(digestSRI="sha256-" + "A" * 43 + "="),
    lambda c: c["relatedResource"][-1].update(digestSRI="sha256-" + "B" * 43 + "="),
    lambda c: c["relatedResource"].pop(1),
], ids=["nom", "score", "niveau", "date", "version", "copie", "releve", "copie-retiree"])
def test_tampering_breaks_the_signature(credential, issuer, tamper):
    forged = copy.deepcopy(credential)
    tamper(forged)
    check = certification.verify(forged, issuer.did)
    assert not check.valid
    assert any("signature invalide" in reason for reason in check.reasons)


def test_a_credential_re_signed_with_another_key_is_refused(tmp_path, issuer, evidence):
    impostor = certification.create("Faussaire", tmp_path / "autre")
    forged = certification.issue(AWARD, impostor, evidence)
    assert certification.verify(forged).valid  # self-consistent…
    check = certification.verify(forged, issuer.did)  # …but not from the trusted trainer
    assert not check.valid and "émetteur inattendu" in check.reasons[0]


def test_a_proof_borrowed_from_another_key_is_refused(tmp_path, credential):
    impostor = certification.create("Faussaire", tmp_path / "autre")
    forged = copy.deepcopy(credential)
    forged["proof"]["verificationMethod"] = impostor.verification_method
    assert "n'est pas celle de l'émetteur" in certification.verify(forged).reasons[0]


def test_wrong_learner_and_level_are_reported(credential, issuer):
    check = certification.verify(credential, issuer.did, learner="Bob", level="sre-n1")
    assert not check.valid and len(check.reasons) == 2


def test_did_key_round_trip(issuer):
    assert did_key(public_key_from_did(issuer.did)) == issuer.did


def test_the_key_never_goes_into_course_material(tmp_path):
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "nbgrader_config.py").write_text("")
    with pytest.raises(GradingError, match="distribuée aux apprenants"):
        certification.create("X", tmp_path / "course" / "cles")


def test_key_file_is_private(issuer, tmp_path):
    key = tmp_path / "formateur" / "cle-signature.pem"
    assert oct(key.stat().st_mode & 0o777) == "0o600"


def test_levels_are_awarded_from_the_gradebook_and_pass_marks(tmp_path, make_gradebook):
    levels = make_gradebook(tmp_path, {("ana", "a"): 10, ("ana", "b"): 8,
                                   ("ben", "a"): 10, ("ben", "b"): 7.5})
    awarded = certification.awards(tmp_path, levels)
    assert [(a.learner_id, a.score, a.max_score) for a in awarded] == [("ana", 18, 20)]


def test_cli_issue_then_verify(tmp_path, make_gradebook):
    (tmp_path / "cours").mkdir()
    levels = graded(tmp_path / "cours", make_gradebook, "ana")
    env = {**os.environ, "CPN_TRAINER_DIR": str(tmp_path / "cle")}
    cpn = [sys.executable, "-m", "cpnkit.cli"]
    subprocess.run([*cpn, "certify", "init", "--nom", "Formatrice"], env=env, check=True,
                   capture_output=True)
    # the CLI reads the real curriculum: give it the level of the fake gradebook
    from graders.certification import awards, evidence, issue, load, write_credential

    award = awards(tmp_path / "cours", levels)[0]
    credential = issue(award, load(tmp_path / "cle"), evidence(tmp_path / "cours", award,
                                                                 ("a", "b")))
    path = write_credential(credential, tmp_path / "ana.json")
    ok = subprocess.run([*cpn, "certify", "verify", str(path)], env=env, capture_output=True,
                        text=True)
    assert ok.returncode == 0 and "VALIDE" in ok.stdout
    forged = json.loads(path.read_text())
    forged["credentialSubject"]["result"][0]["value"] = "100 %"
    path.write_text(json.dumps(forged))
    bad = subprocess.run([*cpn, "certify", "verify", str(path)], env=env, capture_output=True,
                         text=True)
    assert bad.returncode == 1 and "INVALIDE" in bad.stdout and "signature" in bad.stdout
