"""The trusted namespace in which hidden tests run, in the grader's process.

It holds only what the grader put there: the kit's public API and the standard imports
(imported here, so nothing a kernel patched can reach them), `api` (a client with the
grading credentials) and `ns` (the learner's grading namespace, computed from the module id
and the learner, never read from the kernel), then whatever the module's locked cells marked
`cpn.trusted` compute when the executor runs them here. A locked cell's imports go through
`trusted_import`: `cpnkit.start_module` gives a read-only session (no `apply`, no fresh
workspace, no clean-up: the kernel's own run already did those), `self_evaluation` does
nothing. The learner's answers are added per graded cell, as decoded copies (see bridge).
"""

from __future__ import annotations

import builtins
import copy
import datetime as dt
import json
import math
import os
import re
import types
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from kubernetes import client

import graders
import sandbox
from cpnkit.module import WORKSPACE_DIR


@dataclass
class TrustedSession:
    """What `start_module` gives trusted code: the same names, no side effect."""

    module: str
    namespace: str
    api: client.ApiClient | None
    capabilities: object
    grading: bool = True
    uses_cluster: bool = True

    def apply(self, manifests) -> list[dict]:
        return []

    def workspace(self, *copies: str) -> Path:
        return Path(WORKSPACE_DIR) / self.module

    def cleanup(self) -> None:
        return None


def grading_client() -> client.ApiClient | None:
    """A client with the grading credentials, or None when no cluster is configured."""
    if not os.environ.get("CPN_GRADING_KUBECONFIG"):
        return None
    try:
        return sandbox.api_client()
    except Exception:  # no usable kubeconfig: data modules still grade
        return None


def _capabilities(api: client.ApiClient | None) -> object:
    if api is None:
        return None
    try:
        return sandbox.capabilities()
    except Exception:
        return None


def _preload() -> None:
    """Load, before any trusted run (outside the read guard), what reads system files on
    first import: matplotlib lists the machine's fonts (/usr/X11R6/...) to build its cache."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401


def build(module: str, learner: str, api: client.ApiClient | None) -> dict:
    """A fresh trusted namespace for one notebook."""
    _preload()
    namespace = sandbox.namespace_for(module, learner)
    session = TrustedSession(module, namespace, api, _capabilities(api))
    cpnkit_view = _cpnkit_view(session)
    real_import = builtins.__import__

    def trusted_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "cpnkit" and level == 0:
            return cpnkit_view
        return real_import(name, globals, locals, fromlist, level)

    trusted_builtins = {**builtins.__dict__, "__import__": trusted_import}
    names = {"__builtins__": trusted_builtins, "__name__": "__correction__",
             "api": api, "ns": namespace, "session": session,
             "Path": Path, "json": json, "yaml": yaml, "pd": pd, "copy": copy, "dt": dt,
             "math": math, "re": re, "client": client, "display": _display}
    names.update({name: getattr(graders, name) for name in graders.__all__})
    return names


def _cpnkit_view(session: TrustedSession) -> types.ModuleType:
    import cpnkit

    view = types.ModuleType("cpnkit")
    view.__dict__.update({k: v for k, v in vars(cpnkit).items() if not k.startswith("__")})
    view.start_module = lambda module, namespace=None, quiet=False: session
    view.self_evaluation = lambda *args, **kwargs: None
    return view


def _display(*objects, **kwargs) -> None:
    for item in objects:
        print(item)
