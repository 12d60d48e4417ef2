"""Lock and install a generated project's packages with uv, when asked.

``scaffold new`` works offline; ``--lock`` and ``--install`` reach the
package index through uv, which must be on PATH.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .errors import ScaffoldError, UsageError

LOCK_FILE = "uv.lock"


def require_uv() -> str:
    """uv's path; an error naming the flags that need it when it is missing."""
    uv = shutil.which("uv")
    if uv is None:
        raise UsageError(
            "--lock and --install need uv on PATH (https://docs.astral.sh/uv/); "
            "without them, scaffold new needs no network"
        )
    return uv


def lock(project: Path) -> None:
    """Write ``uv.lock``: every package pinned, for ``uv sync --locked``."""
    _uv(project, "lock")


def install(project: Path) -> None:
    """Make ``.venv`` with the project and its dev group, as the lock pins
    them when there is one."""
    _uv(project, "sync", *(["--locked"] if (project / LOCK_FILE).exists() else []))


def _uv(project: Path, *args: str) -> None:
    result = subprocess.run(
        [require_uv(), *args, "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        said = next((line for line in lines if line.startswith("error:")), lines[-1:] or ["?"])
        said = "".join(said).removeprefix("error:").strip()
        raise ScaffoldError(f"`uv {' '.join(args)}` failed: {said[:300]}")
