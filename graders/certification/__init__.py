"""Attestations vérifiables de réussite d'un niveau (Open Badges 3.0, signature Ed25519)."""

from .awards import LevelSpec, ModuleResult, awards, results
from .credential import Award, Verification, issue, verify
from .custody import check_private, grading_accounts
from .documents import write_credential, write_html, write_pdf, write_record
from .evidence import Evidence, evidence, kit_version
from .keys import Issuer, create, issuer_did, load, trainer_dir

__all__ = ["Award", "Evidence", "Issuer", "LevelSpec", "ModuleResult", "Verification", "awards",
           "check_private", "create", "evidence", "grading_accounts", "issue", "issuer_did",
           "kit_version", "load", "results", "trainer_dir", "verify", "write_credential",
           "write_html", "write_pdf", "write_record"]
