"""Three-way merge of two renders of a template into a user's project.

``base`` is the template as the project last received it, ``target`` the
template as it should now be, ``project`` the user's tree with their edits.
What changed from base to target is applied to the project; the user's own
edits stay. Files are merged by ``git merge-file``, which writes standard
conflict markers where both sides changed the same lines.

Nothing here deletes a file the user changed, or overwrites one the template
never wrote: such cases are conflicts, reported, with the user's file kept.
"""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ScaffoldError

# Never merged: the secrets (handled apart) and the record (rewritten).
SKIPPED = {".env", ".scaffold.json"}


@dataclass(frozen=True)
class Change:
    """What happens to one path; ``conflict`` says why it needs the user."""

    path: str
    action: str  # "add", "merge", "delete"
    conflict: str = ""


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
        if in_target and not in_base:
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


def apply(changes: list[Change], base: Path, target: Path, project: Path) -> list[Change]:
    """Carry out ``changes``; return the conflicts, each left for the user."""
    conflicts = []
    for change in changes:
        mine, theirs = project / change.path, target / change.path
        if change.action == "add" and not change.conflict:
            mine.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(theirs, mine)
        elif change.action == "add":
            conflicts.append(change)  # deleted by the user: stays deleted
        elif change.action == "merge":
            ancestor = base / change.path if (base / change.path).exists() else None
            if not _merge_in_place(mine, ancestor, theirs):
                conflicts.append(change)
        elif change.action == "delete" and not change.conflict:
            mine.unlink()
            _remove_empty_parents(mine.parent, project)
        else:
            conflicts.append(change)  # changed by the user: kept
    return conflicts


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


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
