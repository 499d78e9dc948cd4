"""Attestations vérifiables de réussite d'un niveau (Open Badges 3.0, signature Ed25519)."""

from .awards import LevelSpec, ModuleResult, awards, results
from .credential import Award, Verification, issue, verify
from .documents import write_credential, write_html, write_pdf
from .keys import Issuer, create, load, trainer_dir

__all__ = ["Award", "Issuer", "LevelSpec", "ModuleResult", "Verification", "awards", "create",
           "issue", "load", "results", "trainer_dir", "verify", "write_credential", "write_html",
           "write_pdf"]
