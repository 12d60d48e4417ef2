"""Generation speed: `scaffold new --no-input` against plain `cookiecutter
--no-input`, same template, same (default) answers.

Target: ratio <= 0.8 for every template.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import alternate, report, templates

PYTHON = sys.executable
TARGET = 0.8


def timed_into_fresh_dir(command: Callable[[Path], list[str]]) -> Callable[[], float]:
    counter = itertools.count()

    def measure() -> float:
        out = Path(tempfile.mkdtemp(prefix=f"bench-{next(counter)}-"))
        try:
            start = time.perf_counter()
            subprocess.run(command(out), check=True, capture_output=True)
            return time.perf_counter() - start
        finally:
            shutil.rmtree(out, ignore_errors=True)

    return measure


def main(names: list[str]) -> int:
    """Measure every template, or those named on the command line."""
    results = []
    for template in templates(names):
        name = template.name
        scaffold = timed_into_fresh_dir(
            lambda out, name=name: [
                PYTHON,
                "-m",
                "generator",
                "new",
                "--template",
                name,
                "--no-input",
                "-o",
                str(out),
            ]  # fmt: skip
        )
        cookiecutter = timed_into_fresh_dir(
            lambda out, path=template.path: [
                PYTHON,
                "-m",
                "cookiecutter",
                "--no-input",
                "-o",
                str(out),
                str(path),
            ]  # fmt: skip
        )
        comparison = alternate(scaffold, cookiecutter, pairs=7, warmup=1)
        text = (
            f"scaffold {comparison.median_a:5.2f} s, cookiecutter {comparison.median_b:5.2f} s, "
            f"ratio {comparison.ratio:.2f} (target <= {TARGET})"
        )
        results.append(report(f"new {name}", text, comparison.ratio <= TARGET))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
