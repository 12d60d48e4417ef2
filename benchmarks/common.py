"""Shared pieces of the benchmark scripts: alternating timed runs and reports.

Each measurement runs the command under test (A) and its reference (B)
alternately in the same process, A B A B ..., after a warm-up pair, so that a
machine that gets busier or quieter affects both alike (with more references,
A B C A B C ...). Medians are compared.
"""

from __future__ import annotations

import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# This checkout's scaffold (not another one installed in editable mode) and
# the test helpers: find_python, gunicorn, ...
sys.path[:0] = [str(REPO), str(REPO / "tests")]


@dataclass
class Comparison:
    a: list[float]
    b: list[float]

    @property
    def median_a(self) -> float:
        return statistics.median(self.a)

    @property
    def median_b(self) -> float:
        return statistics.median(self.b)

    @property
    def ratio(self) -> float:
        return self.median_a / self.median_b


def rotate(
    measures: Sequence[Callable[[], float]], rounds: int = 7, warmup: int = 1
) -> list[list[float]]:
    """Run the measurements in turn, A B C A B C ...; each one's results, in order."""
    for _ in range(warmup):
        for measure in measures:
            measure()
    results: list[list[float]] = [[] for _ in measures]
    for _ in range(rounds):
        for result, measure in zip(results, measures, strict=True):
            result.append(measure())
    return results


def alternate(
    measure_a: Callable[[], float], measure_b: Callable[[], float], pairs: int = 7, warmup: int = 1
) -> Comparison:
    """Run A and B alternately; each callable returns its own measurement."""
    a, b = rotate([measure_a, measure_b], pairs, warmup)
    return Comparison(a, b)


def wall_time(command: Sequence[str], cwd: Path | None = None) -> Callable[[], float]:
    """A measurement: the wall time of one run of ``command`` (which must succeed)."""

    def measure() -> float:
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        return time.perf_counter() - start

    return measure


def stop_on_sigterm() -> None:
    """Make SIGTERM unwind the script as Ctrl-C does, so that every server it
    started is stopped by the ``with`` blocks that started it."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def report(label: str, text: str, ok: bool) -> bool:
    print(f"{label:<44} {text}  {verdict(ok)}", flush=True)
    return ok


def interpreter() -> str:
    """The Python 3.12+ that generated projects need, or exit with a hint."""
    from support import find_python

    python = find_python()
    if python is None:
        sys.exit("no Python 3.12+ interpreter: set SCAFFOLD_TEST_PYTHON")
    return python


def templates(names: Sequence[str]) -> list[Any]:
    """The templates named (all when none is)."""
    from generator.model import load_templates

    found = load_templates(REPO / "templates")
    unknown = set(names) - set(found)
    if unknown:
        sys.exit(f"unknown templates: {', '.join(sorted(unknown))}")
    return [t for name, t in found.items() if not names or name in names]


def generated_project(template: str, flags: Sequence[str], out: Path) -> Path:
    """Generate ``demo`` from ``template`` into ``out``, as a user would."""
    subprocess.run(
        [sys.executable, "-m", "generator", "new", "demo", "--template", template,
         "--no-input", "-o", str(out), *flags],
        check=True, capture_output=True, cwd=REPO,  # this checkout's generator
    )  # fmt: skip
    return out / "demo"


def installed_project(template: str, flags: Sequence[str], out: Path, python: str) -> Path:
    """Generate ``demo`` from ``template`` into ``out`` and install it as its README says."""
    from support import install_per_readme

    project = generated_project(template, flags, out)
    install_per_readme(project, python)
    return project
