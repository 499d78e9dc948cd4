"""Open Badges 3.0 credentials (W3C Verifiable Credentials) signed with Ed25519.

The proof is a W3C Data Integrity proof with the `eddsa-jcs-2022` cryptosuite (JSON
canonicalisation, RFC 8785): it needs no JSON-LD processing, so verification works offline.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature

from ..errors import GradingError
from .keys import Issuer, public_key_from_did

if TYPE_CHECKING:
    from .evidence import Evidence

CONTEXTS = ["https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
ACHIEVEMENT_PREFIX = "urn:cpn-kit:niveau:"


@dataclass(frozen=True)
class Award:
    """What a credential attests: a learner passed a path-level with these results."""

    learner_id: str
    learner_name: str
    level_id: str
    level_name: str
    path_title: str
    objectives: tuple[str, ...]
    pass_mark: int
    score: float
    max_score: float


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _percent(score: float, max_score: float) -> str:
    return f"{round(100 * score / max_score)} %" if max_score else "0 %"


def unsigned_credential(award: Award, issuer: Issuer, evidence: Evidence,
                        issued: str | None = None) -> dict:
    """The credential before its proof. The achievement's version is the kit's (the level as
    that version defines it); `relatedResource` holds the SHA-256 of each autograded notebook
    and of the grading record."""
    criteria = (f"Chaque module du niveau « {award.level_name} » réussi avec au moins "
                f"{award.pass_mark} % des points, sur les objectifs : "
                + " ; ".join(award.objectives) + ".")
    return {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer.profile(),
        "validFrom": issued or _now(),
        "name": f"Cloud Pi Native — {award.path_title} — {award.level_name}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {"type": "IdentityObject", "identityType": "name", "hashed": False,
                 "identityHash": award.learner_name},
                {"type": "IdentityObject", "identityType": "studentId", "hashed": False,
                 "identityHash": award.learner_id},
            ],
            "achievement": {
                "id": f"{ACHIEVEMENT_PREFIX}{award.level_id}",
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": f"{award.path_title} — {award.level_name}",
                "description": f"Niveau « {award.level_name} » du parcours « {award.path_title} » "
                               "du kit de formation Cloud Pi Native.",
                "criteria": {"narrative": criteria},
                "tag": ["Cloud Pi Native", "DevSecOps", award.level_id],
                "version": evidence.kit_version,
            },
            "result": [{"type": ["Result"], "value": _percent(award.score, award.max_score),
                        "status": "Completed"}],
        },
        "relatedResource": evidence.claims(),
    }


def _hash_data(document: dict, proof_config: dict) -> bytes:
    return (hashlib.sha256(rfc8785.dumps(proof_config)).digest()
            + hashlib.sha256(rfc8785.dumps(document)).digest())


def sign(document: dict, issuer: Issuer) -> dict:
    """Add an eddsa-jcs-2022 DataIntegrityProof made with the trainer's key."""
    proof = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": _now(),
             "verificationMethod": issuer.verification_method, "proofPurpose": "assertionMethod",
             "@context": document["@context"]}
    signature = base58.b58encode(issuer.key.sign(_hash_data(document, proof))).decode()
    return {**document, "proof": {**proof, "proofValue": "z" + signature}}


def issue(award: Award, issuer: Issuer, evidence: Evidence) -> dict:
    return sign(unsigned_credential(award, issuer, evidence), issuer)


@dataclass
class Verification:
    valid: bool = True
    reasons: list[str] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)

    def refuse(self, reason: str) -> None:
        self.valid = False
        self.reasons.append(reason)


def _signature_ok(credential: dict, check: Verification) -> None:
    proof = credential.get("proof") or {}
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != "eddsa-jcs-2022":
        check.refuse("preuve absente ou d'un type non pris en charge")
        return
    method = proof.get("verificationMethod", "")
    issuer_id = (credential.get("issuer") or {}).get("id")
    if method.split("#")[0] != issuer_id:
        check.refuse("la clé de la signature n'est pas celle de l'émetteur déclaré")
        return
    document = {k: v for k, v in credential.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    try:
        signature = base58.b58decode(proof.get("proofValue", "z")[1:])
        public_key_from_did(method).verify(signature, _hash_data(document, config))
    except (InvalidSignature, ValueError, GradingError):
        check.refuse("signature invalide : l'attestation a été modifiée après signature, ou "
                     "signée par une autre clé")


def sha256_hex(sri: str) -> str:
    """The hex SHA-256 of a `sha256-<base64>` digestSRI (what `sha256sum` prints)."""
    if not sri.startswith("sha256-"):
        raise ValueError(sri)
    return base64.b64decode(sri.removeprefix("sha256-"), validate=True).hex()


def _digests(credential: dict) -> dict[str, str]:
    """The SHA-256 (hex, as `sha256sum` prints it) of each file the credential rests on."""
    found = {}
    for resource in credential.get("relatedResource") or []:
        name = str(resource.get("id", "?")).rsplit(":", 1)[-1]
        label = "relevé de notes" if ":releve:" in str(resource.get("id")) else f"copie {name}"
        try:
            found[label] = "sha256 " + sha256_hex(resource["digestSRI"])
        except (KeyError, ValueError, TypeError):  # binascii.Error is a ValueError
            found[label] = "empreinte illisible"
    return found


def verify(credential: dict, trusted_issuer: str | None = None, learner: str | None = None,
           level: str | None = None, known_levels: set[str] | None = None) -> Verification:
    """Vérifier une attestation : signature, émetteur, apprenant, niveau et dates."""
    check = Verification()
    if "OpenBadgeCredential" not in credential.get("type", []):
        check.refuse("ce n'est pas une attestation Open Badges 3.0")
        return check
    _signature_ok(credential, check)
    subject = credential.get("credentialSubject") or {}
    names = {i.get("identityType"): i.get("identityHash") for i in subject.get("identifier", [])}
    achievement = (subject.get("achievement") or {}).get("id", "")
    level_id = achievement.removeprefix(ACHIEVEMENT_PREFIX)
    issuer_id = (credential.get("issuer") or {}).get("id", "")
    check.facts = {"apprenant": names.get("name", "?"), "niveau": level_id,
                   "émetteur": (credential.get("issuer") or {}).get("name", "?"),
                   "date": credential.get("validFrom", "?"),
                   "résultat": ((subject.get("result") or [{}])[0]).get("value", "?"),
                   "version du kit": (subject.get("achievement") or {}).get("version", "?"),
                   **_digests(credential)}
    if trusted_issuer and issuer_id != trusted_issuer:
        check.refuse(f"émetteur inattendu : {issuer_id} au lieu de {trusted_issuer}")
    if learner and learner not in (names.get("name"), names.get("studentId")):
        check.refuse(f"l'attestation ne concerne pas « {learner} »")
    if level and level_id != level:
        check.refuse(f"niveau « {level_id} » au lieu de « {level} »")
    if known_levels is not None and level_id not in known_levels:
        check.refuse(f"niveau inconnu du kit : « {level_id} »")
    if not credential.get("relatedResource"):
        check.refuse("aucune empreinte des copies corrigées ni du relevé de notes")
    if credential.get("validFrom", "9999") > _now():
        check.refuse("date de délivrance dans le futur")
    return check
