"""Time to green: generate a project, create its virtualenv with uv, install it
as its README says and run its own tests — with the defaults and with every
extension on. Run with a warm uv cache (a first, untimed round warms it).

Targets: flask-minimal <= 5 s, flask-sqlalchemy all-on <= 10 s,
django-project all-on <= 20 s.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import installed_project, interpreter, report, templates
from support import venv_env

# Values for the choices in the all-on run that need no server.
ALL_ON_CHOICES = {"django-project": {"tasks": "django-tasks"}}
TARGETS = {
    ("flask-minimal", "defaults"): 5.0,
    ("flask-minimal", "all-on"): 5.0,
    ("flask-sqlalchemy", "all-on"): 10.0,
    ("django-project", "all-on"): 20.0,
}
ROUNDS = 3


def time_to_green(name: str, flags: list[str], python: str) -> float:
    out = Path(tempfile.mkdtemp(prefix="green-"))
    try:
        start = time.perf_counter()
        project = installed_project(name, flags, out, python)
        subprocess.run(
            ["pytest", "-q", "-p", "no:cacheprovider"], cwd=project, check=True,
            capture_output=True, env={**os.environ, **venv_env(project)},
        )  # fmt: skip
        return time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main(names: list[str]) -> int:
    python = interpreter()
    results = []
    for template in templates(names):
        name = template.name
        all_on = [f"--with={o.name}" for o in template.extensions]
        all_on += [f"--set={k}={v}" for k, v in ALL_ON_CHOICES.get(name, {}).items()]
        for label, flags in (("defaults", []), ("all-on", all_on)):
            time_to_green(name, flags, python)  # warm-up: fills uv's cache
            seconds = statistics.median(time_to_green(name, flags, python) for _ in range(ROUNDS))
            target = TARGETS.get((name, label))
            text = f"{seconds:5.1f} s"
            if target is None:
                print(f"{'green ' + name + ' ' + label:<44} {text}", flush=True)
            else:
                ok = seconds <= target
                results.append(
                    report(
                        f"green {name} {label}",
                        f"{text}, {seconds / target:.2f} of the {target:.0f} s target",
                        ok,
                    )  # fmt: skip
                )
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
