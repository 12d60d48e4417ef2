"""Make a new project: render it into a scratch folder, then move it into place.

The project is rendered beside the target and moved there only once
complete, so a template error, a failed hook or an interrupt leaves nothing
behind. With ``--force`` into an existing folder, the files go in as one
transaction (see :mod:`generator.transaction`), and the user's ``.env``
keeps its values. A lock keeps a second scaffold out of the same target
meanwhile.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import lock as writers
from . import packages, transaction
from .env_file import ENV_FILE, merged_env_file
from .errors import Interrupted, ScaffoldError, UsageError
from .model import Template
from .record import write_record
from .render import render_tree
from .repo import initial_commit, pristine_commit


@dataclass
class Project:
    """What was (or, for a dry run, would be) written."""

    template: Template
    answers: dict[str, Any]
    path: Path
    files: list[str]
    notes: list[str] = field(default_factory=list)


def target_path(output_dir: Path, answers: Mapping[str, Any]) -> Path:
    """Where the project goes: its slug under ``output_dir``."""
    return output_dir / answers["project_slug"]


def generate(
    template: Template,
    answers: Mapping[str, Any],
    output_dir: Path,
    *,
    force: bool = False,
    dry_run: bool = False,
    git: bool = False,
    lock: bool = False,
    install: bool = False,
    isolated_git: bool = False,
) -> Project:
    """Render ``template`` with complete ``answers`` into ``output_dir``.

    An existing, non-empty target is refused unless ``force``: then every file
    the template produces replaces the file of the same path, and every other
    file in the target is kept as it was, ``.env`` values included.
    ``dry_run`` renders into a scratch folder and writes nothing at the
    destination. ``git`` makes the project's first commit. ``lock`` adds
    ``uv.lock`` (the user's file from then on, as a lock of their own would
    be); ``install`` makes the project's ``.venv``. Both run uv.
    ``isolated_git`` makes that commit owe nothing to this machine's git
    configuration (a server makes projects for others).
    """
    target = target_path(output_dir, answers)
    if dry_run:
        _refuse_existing(target, force)
        with _scratch_dir(Path(tempfile.gettempdir()), target.name) as scratch:
            files = _render(template, answers, scratch)[1]
        return Project(template, dict(answers), target, files)
    if lock or install:
        packages.require_uv()
    with _output_dir(output_dir), writers.writing(target):
        _refuse_existing(target, force)
        _remove_stale_scratch(output_dir, target.name)
        with _scratch_dir(output_dir, target.name) as scratch:
            rendered, files = _render(template, answers, scratch)
            if lock:
                packages.lock(rendered)
            # Locked before it moves: a lock follows the folder, so no `add`
            # gets in between the move and the first commit.
            with writers.changing(rendered):
                own = [packages.LOCK_FILE] if lock else []
                notes = _move_into_place(rendered, target, force, own)
                if git:
                    _first_commit(target, files, isolated_git)
    if install:
        try:
            packages.install(target)
        except ScaffoldError as error:
            raise ScaffoldError(f"{target} is written, but {error}") from None
    written = sorted([*files, packages.LOCK_FILE]) if lock else files
    return Project(template, dict(answers), target, written, notes)


def _first_commit(target: Path, files: list[str], isolated: bool) -> None:
    try:
        initial_commit(target, files, isolated)
    except KeyboardInterrupt:  # the project is in place by now
        raise Interrupted(
            f"interrupted; {target} is written, but its git repository may be incomplete"
        ) from None


def _remove_stale_scratch(output_dir: Path, name: str) -> None:
    """Remove the scratch folders of earlier runs for this target that were
    killed (SIGKILL leaves them); holding the target's lock, no run that is
    still going can own one."""
    for folder in output_dir.glob(f".{name}.scaffold-*"):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def _refuse_existing(target: Path, force: bool) -> None:
    if (target.exists() or target.is_symlink()) and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    if target.is_symlink():
        raise UsageError(f"{target} is a symlink; give the folder it points to")
    if not force and target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{target} already exists and is not empty; use --force to write into it")


def _render(
    template: Template, answers: Mapping[str, Any], scratch: Path
) -> tuple[Path, list[str]]:
    """The project rendered with its record under ``scratch``, and its files."""
    rendered = render_tree(template, answers, scratch)
    write_record(rendered, template, answers)
    return rendered, sorted(p.relative_to(rendered).as_posix() for p in _walk(rendered))


def _walk(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() or path.is_symlink():
            yield path


@contextmanager
def _output_dir(output_dir: Path) -> Iterator[None]:
    """Create ``output_dir`` and whichever of its parents are missing; if the
    run then fails, remove again the ones this run created."""
    created = _folders_to_make(output_dir)
    try:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ScaffoldError(f"cannot create {output_dir}: {error.strerror}") from None
        if not os.access(output_dir, os.W_OK | os.X_OK):
            raise ScaffoldError(f"cannot write to {output_dir}: permission denied")
        yield
    except BaseException:  # an interrupt too: a failed run leaves nothing behind
        for folder in created:
            try:
                folder.rmdir()
            except OSError:  # not empty: somebody else is using it
                break
        raise


def _folders_to_make(folder: Path) -> list[Path]:
    """``folder`` and its parents that do not exist yet, deepest first."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            break
        missing.append(path)
    return missing


@contextmanager
def _scratch_dir(parent: Path, name: str) -> Iterator[Path]:
    """A temporary folder in ``parent``, removed afterwards whatever happens
    (the command line turns SIGTERM into an interrupt, so that too)."""
    try:
        scratch = Path(tempfile.mkdtemp(prefix=f".{name}.scaffold-", dir=parent))
    except OSError as error:
        raise ScaffoldError(f"cannot write to {parent}: {error.strerror}") from None
    try:
        yield scratch
    except OSError as error:
        raise ScaffoldError(f"cannot write the project: {error.strerror or error}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _move_into_place(rendered: Path, target: Path, force: bool, own: list[str]) -> list[str]:
    """Put the finished project at ``target``.

    A new or empty target is one rename, which fails rather than merge if a
    folder appeared there meanwhile. An existing one (with --force) takes
    the files in one transaction; files it has that the template does not
    produce stay, and so do the values in its ``.env``. The files in
    ``own`` are not the template's, so not pristine. Returns notes for the
    user.
    """
    if not force or not target.is_dir() or not any(target.iterdir()):
        try:
            rendered.rename(target)  # replaces an empty folder, never a full one
        except OSError as error:
            raise UsageError(
                f"{target} appeared while the project was made ({error.strerror}); "
                "nothing was written"
            ) from None
        transaction.note_change(target)
        return []
    finished = transaction.finish_interrupted(target)
    sources = {p.relative_to(rendered).as_posix(): p for p in _walk(rendered)}
    _check_destinations(sources, target)
    if ENV_FILE in sources:
        env = merged_env_file(target / ENV_FILE, sources.pop(ENV_FILE), rendered.parent)
        if env is not None:
            sources[ENV_FILE] = env
    # The template's files now in the project are the pristine copy that a
    # later update merges from.
    pristine = pristine_commit(target, rendered, leave_out=own)
    transaction.commit(target, sources, pristine=pristine)
    return [finished] if finished else []


def _check_destinations(sources: Mapping[str, Path], target: Path) -> None:
    """Refuse a target whose folders stand where the template writes files,
    or files or symlinks where it needs folders, before any file is
    replaced: a clash found midway would leave the project half-written, and
    a symlink could lead out of it."""
    folders: set[Path] = set()
    for relative in sources:
        destination = target / relative
        if destination.is_dir() and not destination.is_symlink():
            raise UsageError(f"{destination} is a folder; the template writes a file there")
        folders.update(target / parent for parent in Path(relative).parents[:-1])  # [-1] is "."
    for folder in sorted(folders):
        if folder.is_symlink():
            raise UsageError(f"{folder} is a symlink; the template writes a folder there")
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder} is a file; the template writes a folder there")
