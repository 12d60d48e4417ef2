"""Time to green: generate a project, create its virtualenv with uv, install it
as its README says and run its own tests — with the defaults and with every
extension on. Run with a warm uv cache (a first, untimed round warms it).

A warm cache means what it means against PyPI, which marks wheels immutable
and index pages fresh for ten minutes: nothing goes to the network. The
registry this machine reaches sends no caching headers at all, so uv would
download every index page and revalidate every wheel on each install. The
timed rounds therefore install with ``UV_OFFLINE=1``, which uses the cache as
a fresh one is used (and fails if anything were missing from it); the
warm-up round's online install time is printed alongside.

Targets: flask-minimal <= 5 s, flask-sqlalchemy all-on <= 10 s,
django-project all-on <= 20 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import generated_project, interpreter, report, templates
from support import install_per_readme, venv_env

# Values for the choices in the all-on run that need no server.
ALL_ON_CHOICES = {"django-project": {"tasks": "django-tasks"}}
TARGETS = {
    ("flask-minimal", "defaults"): 5.0,
    ("flask-minimal", "all-on"): 5.0,
    ("flask-sqlalchemy", "all-on"): 10.0,
    ("django-project", "all-on"): 20.0,
}
ROUNDS = 5  # the median of five: on this machine one run of the same tests varies by 30 %


@dataclass
class Phases:
    """Seconds spent generating, installing (venv included) and testing."""

    generate: float
    install: float
    test: float

    @property
    def total(self) -> float:
        return self.generate + self.install + self.test


def time_to_green(name: str, flags: list[str], python: str, offline: bool) -> Phases:
    out = Path(tempfile.mkdtemp(prefix="green-"))
    try:
        start = time.perf_counter()
        project = generated_project(name, flags, out)
        generated = time.perf_counter()
        install_per_readme(project, python, env={"UV_OFFLINE": "1" if offline else None})
        installed = time.perf_counter()
        subprocess.run(
            ["pytest", "-q", "-p", "no:cacheprovider"], cwd=project, check=True,
            capture_output=True, env={**os.environ, **venv_env(project)},
        )  # fmt: skip
        tested = time.perf_counter()
        return Phases(generated - start, installed - generated, tested - installed)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def median_phases(runs: list[Phases]) -> Phases:
    """The run of median total time (its phases add up to what is reported)."""
    return sorted(runs, key=lambda p: p.total)[len(runs) // 2]


def main(names: list[str]) -> int:
    python = interpreter()
    results = []
    for template in templates(names):
        name = template.name
        all_on = [f"--with={o.name}" for o in template.extensions]
        all_on += [f"--set={k}={v}" for k, v in ALL_ON_CHOICES.get(name, {}).items()]
        for label, flags in (("defaults", []), ("all-on", all_on)):
            warm_up = time_to_green(name, flags, python, offline=False)  # fills uv's cache
            phases = median_phases(
                [time_to_green(name, flags, python, offline=True) for _ in range(ROUNDS)]
            )
            seconds = phases.total
            target = TARGETS.get((name, label))
            text = (
                f"{seconds:5.1f} s (generate {phases.generate:.1f}, install {phases.install:.1f}"
                f" [online: {warm_up.install:.1f}], test {phases.test:.1f})"
            )
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
