"""Test session set-up: one light sandbox for the whole run, shared by xdist workers.

The test sandbox has its own name, port and home, so a learner's sandbox keeps running
beside the test suite. Every process the tests start (the `cpn` CLI, notebook kernels)
inherits these settings through the `CPN_*` environment variables set here.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

TEST_HOME = Path(os.environ.get("CPN_TEST_HOME",
                                Path(tempfile.gettempdir()) / f"cpn-test-{os.getuid()}"))
os.environ.update({
    "CPN_HOME": str(TEST_HOME),
    "CPN_SANDBOX_NAME": "cpn-test",
    "CPN_SANDBOX_PORT": os.environ.get("CPN_TEST_PORT", "36500"),
    "CPN_PROVIDER": "light",
    "CPN_SANDBOX_TIMEOUT": "120",
})
os.environ.pop("CPN_KUBECONFIG", None)
os.environ.pop("NBGRADER_EXECUTION", None)

from sandbox import Settings  # noqa: E402  (settings must see the variables above)
from sandbox.progress import QUIET  # noqa: E402
from sandbox.providers.light import LightProvider  # noqa: E402

USED_MARK = TEST_HOME / "started-by-tests"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def sandbox() -> LightProvider:
    """The session's light sandbox: started once (under a lock), stopped at the end."""
    provider = LightProvider(Settings.from_env())
    provider.up(QUIET)
    USED_MARK.touch()
    return provider


@pytest.fixture(scope="session")
def admin_api(sandbox):
    from sandbox.health import api_client

    with api_client(sandbox.kubeconfig()) as api:
        yield api


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The controller (not an xdist worker) stops the sandbox the tests started."""
    if hasattr(session.config, "workerinput") or not USED_MARK.exists():
        return
    if os.environ.get("CPN_TEST_KEEP_SANDBOX") != "1":
        LightProvider(Settings.from_env()).down(QUIET)
    USED_MARK.unlink(missing_ok=True)
