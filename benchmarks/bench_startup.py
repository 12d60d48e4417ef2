"""Start-up cost: `scaffold --help` and `scaffold list` against `python -c pass`.

Target: `scaffold --help` adds at most 90 ms to the bare interpreter's start.
(cookiecutter's own --help, printed for reference, adds about 300 ms.)
"""

from __future__ import annotations

import sys

from common import alternate, report, wall_time

PYTHON = sys.executable
BARE = wall_time([PYTHON, "-c", "pass"])


def main() -> int:
    results = []
    for label, command, budget in [
        ("scaffold --help", [PYTHON, "-m", "generator", "--help"], 0.090),
        ("scaffold list", [PYTHON, "-m", "generator", "list"], None),
        ("cookiecutter --help (reference)", [PYTHON, "-m", "cookiecutter", "--help"], None),
    ]:
        comparison = alternate(wall_time(command), BARE, pairs=15, warmup=2)
        added = comparison.median_a - comparison.median_b
        text = (
            f"{comparison.median_a * 1000:6.0f} ms vs python -c pass "
            f"{comparison.median_b * 1000:5.0f} ms: +{added * 1000:4.0f} ms, "
            f"ratio {comparison.ratio:.2f}"
        )
        if budget is None:
            print(f"{label:<44} {text}", flush=True)
        else:
            results.append(
                report(label, f"{text} (target +{budget * 1000:.0f} ms)", added <= budget)
            )
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
