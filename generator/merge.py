"""Three-way merge of two renders of a template into a user's project.

``base`` is the template as the project last received it, ``target`` the
template as it should now be, ``project`` the user's tree with their edits.
What changed from base to target is applied to the project; the user's own
edits stay. Files are merged by ``git merge-file``, which writes standard
conflict markers where both sides changed the same lines.

Nothing here deletes a file the user changed, overwrites one the template
never wrote, or writes through a symlink or over a folder: such cases are
conflicts, reported, with the user's file kept. Nothing here writes to the
project either: :func:`stage` prepares the new contents in a scratch folder,
for :mod:`generator.transaction` to put in place all at once.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .env_file import ENV_FILE
from .errors import ScaffoldError
from .record import RECORD_FILE

# Never merged: the secrets (handled apart) and the record (rewritten).
SKIPPED = {ENV_FILE, RECORD_FILE}


@dataclass(frozen=True)
class Change:
    """What happens to one path; ``conflict`` says why it needs the user."""

    path: str
    action: str  # "add", "merge", "delete"; "keep" where the path is not safe to write
    conflict: str = ""


@dataclass
class Staged:
    """A change made ready: new contents by path, paths to delete, conflicts."""

    writes: dict[str, Path]
    deletes: list[str]
    conflicts: list[Change]


def files(root: Path) -> set[str]:
    """The paths under ``root`` that a merge considers."""
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if (p.is_file() or p.is_symlink()) and ".git" not in p.relative_to(root).parts
    } - SKIPPED


def same_files(one: Path, other: Path) -> bool:
    """Whether two renders hold the same files with the same bytes."""
    names = files(one)
    return names == files(other) and all(
        filecmp.cmp(one / name, other / name, shallow=False) for name in names
    )


def plan(base: Path, target: Path, project: Path) -> list[Change]:
    """The changes that bring base -> target into project, conflicts foreseen."""
    changes = []
    base_files, target_files = files(base), files(target)
    for path in sorted(base_files | target_files):
        in_base, in_target = path in base_files, path in target_files
        mine = project / path
        if in_base and in_target and filecmp.cmp(base / path, target / path, shallow=False):
            continue  # the template did not change it
        if obstacle := _obstacle(project, path):
            changes.append(Change(path, "keep", obstacle))
        elif in_target and not in_base:
            if not mine.exists() or filecmp.cmp(mine, target / path, shallow=False):
                changes.append(Change(path, "add"))
            else:
                changes.append(Change(path, "merge", "you have a file there already"))
        elif in_target:
            if not mine.exists():
                changes.append(Change(path, "add", "you deleted it; the template changed it"))
            else:
                conflict = (
                    "" if _merges_cleanly(mine, base / path, target / path) else "both changed"
                )
                changes.append(Change(path, "merge", conflict))
        elif mine.exists():
            if filecmp.cmp(mine, base / path, shallow=False):
                changes.append(Change(path, "delete"))
            else:
                changes.append(Change(path, "delete", "you changed it; the template dropped it"))
    return changes


def stage(changes: list[Change], base: Path, target: Path, project: Path, into: Path) -> Staged:
    """Work out ``changes`` without touching the project: merged files are
    written under ``into``. Conflicting merges carry git's markers."""
    staged = Staged({}, [], [])
    for change in changes:
        mine, theirs = project / change.path, target / change.path
        if change.action == "add" and not change.conflict:
            staged.writes[change.path] = theirs
        elif change.action == "merge":
            merged = into / change.path
            merged.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(mine, merged)
            ancestor = base / change.path if (base / change.path).exists() else None
            if not _merge_in_place(merged, ancestor, theirs):
                staged.conflicts.append(change)
            if not filecmp.cmp(merged, mine, shallow=False):
                staged.writes[change.path] = merged
        elif change.action == "delete" and not change.conflict:
            staged.deletes.append(change.path)
        else:
            # Deleted by the user (stays deleted), changed by the user (kept),
            # or no safe place to write.
            staged.conflicts.append(change)
    return staged


def _obstacle(project: Path, path: str) -> str:
    """Why ``path`` may not be written or deleted in ``project``, or ``""``:
    a symlink (it may lead out of the project), or a folder where a file
    goes, or the other way round."""
    at = project
    parts = Path(path).parts
    for depth, part in enumerate(parts, start=1):
        at = at / part
        last = depth == len(parts)
        if at.is_symlink():
            return "a symlink stands there" if last else f"{at.relative_to(project)} is a symlink"
        if not at.exists():
            return ""
        if last and at.is_dir():
            return "a folder stands where the template has a file"
        if not last and not at.is_dir():
            return f"{at.relative_to(project)} is a file where the template has a folder"
    return ""


def _merges_cleanly(mine: Path, ancestor: Path, theirs: Path) -> bool:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "mine"
        shutil.copy2(mine, copy)
        return _merge_in_place(copy, ancestor, theirs)


def _merge_in_place(mine: Path, ancestor: Path | None, theirs: Path) -> bool:
    """``git merge-file``: True when clean; conflict markers otherwise (a
    binary file is left as the user has it)."""
    if ancestor is not None and filecmp.cmp(mine, ancestor, shallow=False):
        shutil.copy2(theirs, mine)  # untouched by the user (binary files too)
        return True
    if any(_is_binary(path) for path in (mine, ancestor, theirs) if path is not None):
        return False  # git merges text only: the user's copy stays, as a conflict
    with tempfile.TemporaryDirectory() as scratch:
        if ancestor is None:  # both added the file: merge against nothing
            ancestor = Path(scratch) / "empty"
            ancestor.touch()
        labels = ["-L", "yours", "-L", "previous template", "-L", "new template"]
        try:
            result = subprocess.run(
                ["git", "merge-file", *labels, str(mine), str(ancestor), str(theirs)],
                capture_output=True,
                text=True,
            )
        except FileNotFoundError:
            raise ScaffoldError("merging needs git, which is not installed") from None
    if result.returncode < 0 or result.returncode > 127:
        raise ScaffoldError(f"git merge-file failed on {mine}: {result.stderr.strip()}")
    return result.returncode == 0


def _is_binary(path: Path) -> bool:
    """git's own test: a NUL byte early in the file."""
    with path.open("rb") as file:
        return b"\0" in file.read(8000)
