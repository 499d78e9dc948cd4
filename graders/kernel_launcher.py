"""Start a learner's kernel as the unprivileged grading user (used by the grading kernelspec).

    python -m graders.kernel_launcher USER CONNECTION_FILE ENV_FILE

Run by nbgrader (as root) in place of the usual kernel command: it hands the connection file
to the grading user, drops every privilege, clears the environment down to what the learner's
code may see (ENV_FILE, JSON), and becomes the IPython kernel.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import sys
import tempfile


def main(user: str, connection_file: str, env_file: str) -> None:
    account = pwd.getpwnam(user)
    with open(env_file, encoding="utf-8") as stream:
        environment = json.load(stream)
    private = tempfile.mkdtemp(prefix="cpn-kernel-")
    copy = os.path.join(private, os.path.basename(connection_file))
    shutil.copyfile(connection_file, copy)
    for path in (private, copy):
        os.chown(path, account.pw_uid, account.pw_gid)
    os.chmod(copy, 0o600)
    os.setgroups([])
    os.setresgid(account.pw_gid, account.pw_gid, account.pw_gid)
    os.setresuid(account.pw_uid, account.pw_uid, account.pw_uid)
    os.execve(sys.executable, [sys.executable, "-m", "ipykernel_launcher", "-f", copy,
                               "--HistoryManager.hist_file=:memory:"], environment)


if __name__ == "__main__":
    main(*sys.argv[1:4])
