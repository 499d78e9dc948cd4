"""Errors of the kit: a French message, a hint and an exit code.

`FrenchError` is the shape every package's root error shares (sandbox here, graders and
cpnkit above); the `cpn` entry point catches it once.
"""

from __future__ import annotations

YAML_HINT = ("Vérifiez l'indentation (des espaces, jamais de tabulations), les deux-points, et "
             "mettez entre guillemets les textes qui contiennent « : ».")


def yaml_syntax(error: Exception, source: str = "") -> tuple[str, str]:
    """The French message and hint of a YAML syntax error found in `source` (a file name or
    what the text is; may be empty): « source, ligne N : YAML invalide (problème). »"""
    mark = getattr(error, "problem_mark", None)
    where = ", ".join(part for part in (source, f"ligne {mark.line + 1}" if mark else "") if part)
    problem = getattr(error, "problem", None) or error
    return f"{where + ' : ' if where else ''}YAML invalide ({problem}).", YAML_HINT


class FrenchError(Exception):
    """What went wrong, in French, and the next thing to try."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n→ {self.hint}"

    def _render_traceback_(self) -> list[str]:
        """In a notebook, show the message and the hint, not a stack trace."""
        return [f"⛔ {self.message}"] + ([f"→ {self.hint}"] if self.hint else [])


class SandboxError(FrenchError):
    """Root error of the sandbox."""

    exit_code = 3


class BinariesUnavailable(SandboxError):
    """Neither Go nor the release sites could provide a binary."""


class ChecksumMismatch(SandboxError):
    """A downloaded file does not match its published SHA-256 sum."""


class PortInUse(SandboxError):
    """The port chosen for the API server is held by another program."""


class ComponentFailed(SandboxError):
    """A control-plane component would not start; the message carries its log tail."""


class ApiNotReady(SandboxError):
    """The API server did not answer within the timeout."""


class ToolMissing(SandboxError):
    """docker, kind or k3d is missing for a container-based provider."""


class NotRunning(SandboxError):
    """No sandbox answers: the message names the command that starts one."""


class RestrictedCredentialsRequired(SandboxError):
    """Under grading, learner code may only use credentials limited to its namespace."""
