"""What learners are given holds no answer key: the Jupyter server `./kit.sh lab` starts, crawled
over HTTP, and the build context of the JupyterHub learner image.

The release material is generated once for this file (nbgrader, every level), in a home of its
own, so that nothing cached by an earlier run can hide a leak.
"""

from __future__ import annotations

import http.client
import json
import os
import posixpath
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest

from cpnkit.curriculum import NOTEBOOKS_DIR

pytestmark = pytest.mark.slow

CPN = Path(sys.executable).with_name("cpn")
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
REGION = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)


def _source_only_lines() -> set[str]:
    """Lines that only the source notebooks hold: inside a solution region or a hidden test,
    and found nowhere else in the sources (outside those regions, in the modules' data files),
    so that release material can never match them by chance."""
    inside, elsewhere = set(), []
    for path in NOTEBOOKS_DIR.rglob("*"):
        if not path.is_file() or "travail" in path.relative_to(NOTEBOOKS_DIR).parts:
            continue
        if path.suffix != ".ipynb":
            elsewhere.append(path.read_bytes().decode("utf-8", errors="replace"))
            continue
        for cell in nbformat.read(path, as_version=4).cells:
            for match in REGION.finditer(cell.source):
                inside |= {line.strip() for line in match.group(2).splitlines()}
            elsewhere.append(REGION.sub("", cell.source))
    corpus = "\n".join(elsewhere)
    return {line for line in inside if len(line) >= 30 and line not in corpus}


SECRETS = _source_only_lines()


def answer_key_in(text: str) -> list[str]:
    found = [marker for marker in MARKERS if marker in text]
    found += [line for line in SECRETS if line in text]
    return found


def test_the_detector_sees_the_answer_key_in_a_source_notebook():
    assert len(SECRETS) > 300
    source = (NOTEBOOKS_DIR / "premiers-pas-bac-a-sable.ipynb").read_text(encoding="utf-8")
    text = "\n".join(c.source for c in nbformat.reads(source, as_version=4).cells)
    assert "BEGIN SOLUTION" in answer_key_in(text)
    assert len(answer_key_in(text)) > 5


@pytest.fixture(scope="module")
def learner_env(tmp_path_factory) -> dict[str, str]:
    """A learner's HOME, with the kit's home and the workspace at their default places
    below it, and the release material generated there."""
    home = tmp_path_factory.mktemp("apprenant")
    env = {**os.environ, "HOME": str(home), "CPN_HOME": str(home / ".cpn-kit"),
           "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
           "JUPYTER_DATA_DIR": str(home / ".local/share/jupyter"),
           "JUPYTER_RUNTIME_DIR": str(home / ".local/share/jupyter/runtime")}
    env.pop("CPN_WORKSPACE", None)
    result = subprocess.run([str(CPN), "workspace", "build", "--quiet"], env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(home / "cpn-formation")
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token

    def get(self, path: str) -> tuple[int, bytes]:
        """GET a raw path (no client-side normalisation of `..`)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Authorization": f"token {self.token}"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def contents(self, path: str) -> dict:
        status, body = self.get(f"/api/contents/{quote(path)}?content=1")
        assert status == 200, (path, status, body[:200])
        return json.loads(body)


@pytest.fixture(scope="module")
def lab_server(learner_env):
    """JupyterLab started the way `./kit.sh lab` starts it (`cpn lab`), on a free loopback
    port with a token."""
    port, token = _free_port(), "jeton-de-test-" + os.urandom(8).hex()
    process = subprocess.Popen(
        [str(CPN), "lab", "--quiet", "--", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"],
        env=learner_env, cwd=NOTEBOOKS_DIR.parent, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    server = Server(port, token)
    deadline = time.monotonic() + 300
    while True:
        try:
            if server.get("/api/status")[0] == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"JupyterLab n'a pas démarré : {process.stderr.read()[-2000:]}")
        time.sleep(0.5)
    yield server
    process.terminate()
    process.wait(timeout=30)


def _crawl(server: Server, path: str = "") -> list[dict]:
    model = server.contents(path)
    if model["type"] != "directory":
        return [model]
    return [found for entry in model["content"] for found in _crawl(server, entry["path"])]


def test_the_lab_serves_the_workspace_and_no_answer_key(lab_server, learner_env):
    files = _crawl(lab_server)
    paths = {f["path"] for f in files}
    assert "bienvenue.ipynb" in paths
    assert "1-qualite/qualite-n1/epics-et-user-stories.ipynb" in paths
    notebooks = [p for p in paths if p.endswith(".ipynb")]
    assert len(notebooks) > 60  # every level's notebooks, shared modules once per level
    assert any(p.endswith(".csv") or p.endswith(".yaml") for p in paths)  # module data
    leaks = {}
    for model in files:
        status, raw = lab_server.get(f"/files/{quote(model['path'])}")
        assert status == 200, model["path"]
        text = raw.decode("utf-8", errors="replace") + json.dumps(model["content"])
        if found := answer_key_in(text):
            leaks[model["path"]] = found[:3]
    assert not leaks


TRAVERSALS = ["..", "../", "%2e%2e", "%2E%2E/%2E%2E", "..%2f..%2f", "a/../..",
              "0-decouverte/../..", "%2e%2e%2fnotebooks"]


@pytest.mark.parametrize("api", ["/api/contents/", "/files/", "/lab/tree/"])
def test_nothing_outside_the_workspace_is_reachable(lab_server, api):
    for escape in TRAVERSALS:
        for target in ("", "notebooks/premiers-pas-bac-a-sable.ipynb",
                       "cpn-formation/bienvenue.ipynb"):
            status, body = lab_server.get(api + escape + "/" + target)
            assert status != 200 or not answer_key_in(body.decode("utf-8", "replace")), \
                (api, escape, target)
            if status == 200 and api == "/api/contents/":  # only what resolves inside
                root = "/apprenant/cpn-formation"
                served = posixpath.normpath(posixpath.join(root, json.loads(body)["path"]))
                assert served == root or served.startswith(root + "/"), (escape, target)
    absolute = quote(str(NOTEBOOKS_DIR / "premiers-pas-bac-a-sable.ipynb"))
    for path in (api + absolute, api + "/" + absolute):
        status, body = lab_server.get(path)
        assert not answer_key_in(body.decode("utf-8", "replace")), path
        if api != "/lab/tree/":  # the application page answers every path, with no file in it
            assert status != 200, path


def test_the_welcome_notebook_links_resolve_in_the_workspace(learner_env):
    workspace = Path(learner_env["HOME"]) / "cpn-formation"
    welcome = nbformat.read(workspace / "bienvenue.ipynb", as_version=4)
    links = [link for cell in welcome.cells if cell.cell_type == "markdown"
             for link in re.findall(r"\]\(([^)#]+\.ipynb)\)", cell.source)]
    assert len(links) >= 6
    assert all((workspace / link).is_file() for link in links), links
    overview = subprocess.run(
        [sys.executable, "-c", "from cpnkit import curriculum_overview; "
         "print(curriculum_overview().data)"],
        cwd=workspace, env=learner_env, capture_output=True, text=True, check=True).stdout
    hrefs = re.findall(r"href='([^']+)'", overview)
    assert len(hrefs) > 60 and all((workspace / h).is_file() for h in hrefs)
    assert "1-qualite/qualite-n2/conteneurisation.ipynb" in hrefs


def _context_files(root: Path) -> dict[str, Path]:
    return {str(p.relative_to(root)): p for p in root.rglob("*") if p.is_file()}


def test_the_learner_image_context_holds_no_answer_key_and_no_kubeconfig(learner_env,
                                                                          tmp_path):
    context = tmp_path / "contexte"
    result = subprocess.run([str(CPN), "workspace", "image-context", str(context), "--quiet"],
                            env=learner_env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    files = _context_files(context)
    assert "Dockerfile" in files and "kit/pyproject.toml" in files
    assert "espace/1-qualite/qualite-n1/epics-et-user-stories.ipynb" in files
    copied = re.findall(r"^COPY (?:--\S+ )*(\S+) ", files["Dockerfile"].read_text(), re.M)
    assert copied and all((context / source).exists() for source in copied)
    forbidden = ("notebooks", "course", "tests", "kubeconfigs", ".git", "benchmarks")
    assert not [p for p in files if p.removeprefix("kit/").split("/")[0] in forbidden]
    assert not [p for p in files if p.split("/")[0] not in ("kit", "espace", "Dockerfile")]
    leaks, kubeconfigs = {}, []
    for relative, path in files.items():
        text = path.read_bytes().decode("utf-8", errors="replace")
        # The kit's own code shares ordinary lines with the solutions (data generators, the
        # graders' checks): source-only lines are looked for in the learner material, the
        # nbgrader markers everywhere.
        found = answer_key_in(text) if relative.startswith("espace/") else [
            marker for marker in MARKERS if marker in text]
        if found:
            leaks[relative] = found[:3]
        if "kubeconfig" in path.name.lower() or (
                re.search(r"^kind: Config\b", text, re.M) and "clusters:" in text):
            kubeconfigs.append(relative)
        assert not re.search(r"-----BEGIN [A-Z ]*PRIVATE KEY-----", text), relative
    assert not leaks
    assert not kubeconfigs
