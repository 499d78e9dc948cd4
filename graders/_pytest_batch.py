"""Run several pytest sessions in one process (started by graders.testsuites.run_many).

Reads a JSON list on stdin: [{"name", "directory", "arguments", "junit"}]; runs
`pytest.main` for each in its directory, forgetting between runs every module the previous run
imported (so that each session sees its own version of the code under test); writes
{"name": {"code": int, "output": str, "junit": str}} on stdout (the JUnit report's text: under
grading this runs in a cage whose files vanish with it). It imports nothing from the kit.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import sys

import pytest


def run(item: dict) -> dict:
    directory = item["directory"]
    modules, path = set(sys.modules), list(sys.path)
    output = io.StringIO()
    os.chdir(directory)
    sys.path.insert(0, directory)
    importlib.invalidate_caches()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            code = pytest.main(["-q", "--color=no", "-p", "no:cacheprovider", "--rootdir",
                                directory, f"--junitxml={item['junit']}", *item["arguments"]])
    except BaseException as error:  # noqa: BLE001 - a learner's test may raise anything
        code, output = 3, io.StringIO(f"{output.getvalue()}\n{type(error).__name__}: {error}")
    finally:
        for name in set(sys.modules) - modules:
            del sys.modules[name]
        sys.path[:] = path
    try:
        with open(item["junit"], encoding="utf-8") as stream:
            junit = stream.read()
    except OSError:
        junit = ""
    return {"code": int(code), "output": output.getvalue(), "junit": junit}


def main() -> None:
    items = json.load(sys.stdin)
    results = {item["name"]: run(item) for item in items}
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
