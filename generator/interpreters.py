"""Find a Python that generated projects can use (they need 3.12 or newer).

The next steps that scaffold prints must run on the user's machine as
printed: a `python3` that is 3.11 would make pip fail (or backtrack for long
minutes) before saying the project needs 3.12.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

MINIMUM = (3, 12)
# Newest first: the first that runs and is new enough is the one to use.
NAMES = ("python3.14", "python3.13", "python3.12", "python3", "python")
VERSION = "import sys; print(*sys.version_info[:2])"


def find_python(minimum: tuple[int, int] = MINIMUM) -> str | None:
    """A shell word that runs a Python ``minimum`` or newer here: a name on
    PATH when one works, else a full path (pyenv's versions, uv's managed
    Pythons), else None."""
    for command in _candidates(minimum):
        if _version(command) >= minimum:
            return shlex.join(command)
    return None


def _candidates(minimum: tuple[int, int]) -> Iterator[list[str]]:
    for name in NAMES:
        if shutil.which(name):
            yield [name]
    if shutil.which("py"):  # the Windows launcher
        yield ["py", f"-{minimum[0]}.{minimum[1]}"]
    pyenv_root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    versions = sorted(pyenv_root.glob("versions/3.*/bin/python3"), key=_numbers, reverse=True)
    yield from ([str(path)] for path in versions)
    if uv := shutil.which("uv"):
        found = _run([uv, "python", "find", f">={minimum[0]}.{minimum[1]}"])
        if found:
            yield [found]


def _numbers(path: Path) -> tuple[int, ...]:
    """``~/.pyenv/versions/3.12.1/bin/python3`` -> (3, 12, 1)."""
    version = path.parent.parent.name
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def _version(command: list[str]) -> tuple[int, ...]:
    output = _run([*command, "-c", VERSION])
    try:
        return tuple(map(int, output.split()))
    except ValueError:
        return ()


def _run(command: list[str]) -> str:
    """The command's output, or "" when it fails or hangs."""
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=10, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""
