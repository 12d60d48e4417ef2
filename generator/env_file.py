"""The project's ``.env``: the user's values are never replaced.

A project keeps its secrets and settings in ``.env``, which git ignores, so
nothing else holds them. When scaffold brings a ``.env`` of its own (``new
--force`` into a project, or ``add`` of an option that needs a variable),
the user's file stays as it is and only the variables it lacks are appended.
Keys are read as python-dotenv reads them (``export KEY=...``, quoted keys,
multi-line quoted values, comments), so that no variable is appended a
second time to silently override the user's.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

from dotenv.parser import Binding, parse_stream

from .errors import UsageError

ENV_FILE = ".env"
KEEP = "surrogateescape"


def merged_env_file(mine: Path, theirs: Path, into: Path) -> Path | None:
    """A file under ``into`` that holds the user's ``.env`` (``mine``) with
    the variables of the template's (``theirs``) that it lacks, with the
    user's file mode (0600 for a new file); None when nothing is missing."""
    if not theirs.exists():
        return None
    # Bytes that are no UTF-8 are the user's too: carried through unchanged.
    current = mine.read_text(encoding="utf-8", errors=KEEP) if mine.exists() else None
    merged = with_missing_variables(current, theirs.read_text(encoding="utf-8"))
    if merged is None:
        return None
    if mine.is_symlink():
        raise UsageError(f"{mine} is a symlink, and it lacks variables the template adds")
    staged = into / ENV_FILE
    staged.write_text(merged, encoding="utf-8", errors=KEEP)
    staged.chmod(0o600)
    if current is not None:
        shutil.copymode(mine, staged)
    return staged


def with_missing_variables(mine: str | None, theirs: str) -> str | None:
    """``mine`` (the user's ``.env``, or None when there is none) with each
    variable of ``theirs`` that it lacks appended as ``theirs`` writes it;
    None when nothing is missing."""
    if mine is None:
        return theirs
    have = {binding.key for binding in _bindings(mine)}
    missing = [b.original.string for b in _bindings(theirs) if b.key and b.key not in have]
    if not missing:
        return None
    separator = "" if not mine or mine.endswith("\n") else "\n"
    lines = [line if line.endswith("\n") else line + "\n" for line in missing]
    return mine + separator + "".join(lines)


def _bindings(text: str) -> Iterator[Binding]:
    return parse_stream(io.StringIO(text))
