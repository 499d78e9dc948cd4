"""Propose the trusted-grading metadata of module notebooks (`cpn.trusted`, `cpn.inputs`).

Usage: python tools/propose_verdict_metadata.py [--write] notebooks/<module>.ipynb...
Prints, per notebook, the locked cells to mark trusted and each grade cell's inputs, from an
analysis of the code (graders.trusted.authoring); with --write, stores them in the notebook.
Review the result: a name the analysis cannot place is reported, not guessed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from graders.trusted.authoring import missing, propose


def apply(notebook: dict, trusted: set[str], inputs: dict[str, list[str]]) -> None:
    for cell in notebook["cells"]:
        cpn = {k: v for k, v in cell["metadata"].get("cpn", {}).items()
               if k not in ("trusted", "inputs")}
        if cell.get("id") in trusted:
            cpn["trusted"] = True
        if cell.get("id") in inputs:
            cpn["inputs"] = inputs[cell["id"]]
        if cpn:
            cell["metadata"]["cpn"] = cpn
        else:
            cell["metadata"].pop("cpn", None)


def main(arguments: list[str]) -> int:
    write = "--write" in arguments
    status = 0
    for name in (a for a in arguments if a != "--write"):
        path = Path(name)
        notebook = json.loads(path.read_text(encoding="utf-8"))
        trusted, inputs, problems = propose(notebook)
        print(f"{path.stem}: trusted={sorted(trusted)}")
        for cell_id, names in inputs.items():
            print(f"  {cell_id}: inputs={names}")
        for problem in problems:
            print(f"  ! {problem}")
            status = 1
        if write:
            apply(notebook, trusted, inputs)
            path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")
            for problem in missing(notebook):
                print(f"  ! {problem}")
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
