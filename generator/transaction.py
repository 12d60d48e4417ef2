"""Change a project's files all at once, or not at all.

``add``, ``remove``, ``update`` and ``new --force`` change many files of a
project the user has worked on. Every new content is first written to a
temporary file beside the one it replaces, and the pristine ref moved; only
when all that is done is the change committed, by a journal
(``.scaffold-journal.json``) that lists each rename and deletion with the
content hash the file has before and after. Then the files are renamed into
place, with SIGINT, SIGTERM and SIGHUP held back until the last.

So a failure while writing (a full disk, a read-only folder, Ctrl-C) leaves
the project as it was. A change stopped after its commit (SIGKILL, a power
cut) is finished by the next scaffold run on the project, but only where
each file is still as the journal says it was: a file edited since is never
overwritten. A journal is a file in the project, so it is checked before it
is trusted: every path it names must be inside the project.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import Interrupted, ScaffoldError, shown
from .repo import is_commit, pristine_ref, set_pristine

JOURNAL = ".scaffold-journal.json"
DRAFT = f"{JOURNAL}.draft"
# Held back while the renames run: a stop then would leave the change half done.
DEFERRED = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
_HASH = re.compile(r"[0-9a-f]{64}")
_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# The projects this process has changed: the command line tells by them
# whether an interrupt came before or after the change.
_changed: list[Path] = []


def commit(
    project: Path,
    writes: Mapping[str, Path],
    deletes: Sequence[str] = (),
    pristine: str | None = None,
) -> None:
    """Give ``project`` each file of ``writes`` (its path in the project ->
    a file holding the new content, whose mode it takes too), delete the
    paths of ``deletes``, and point the pristine ref at the commit
    ``pristine``: all of it, or, when this raises, none of it.
    """
    _refuse_unsafe(project, [*writes, *deletes])
    journal = {
        "state": "writing",
        "writes": [
            {"path": path, "before": _digest(project / path), "after": _digest(source)}
            for path, source in sorted(writes.items())
        ],
        "deletes": [{"path": path, "before": _digest(project / path)} for path in sorted(deletes)],
        "folders": _new_folders(project, writes),
        "pristine": {"new": pristine, "old": pristine_ref(project)} if pristine else None,
    }
    try:
        _write_journal(project, journal)
        for folder in journal["folders"]:
            (project / folder).mkdir()
        for path, source in writes.items():
            _copy_new(source, project / _temporary(path))
        for folder in {(project / _temporary(path)).parent for path in writes} | {project}:
            _sync_folder(folder)
        if pristine:
            set_pristine(project, pristine, expected=journal["pristine"]["old"])
        journal["state"] = "committed"
        _write_journal(project, journal)
    except BaseException as error:
        with _signals_held():
            _roll_back(project, journal)
        if isinstance(error, KeyboardInterrupt):
            raise Interrupted("interrupted; nothing was written") from None
        if isinstance(error, OSError):
            where = f" {error.filename}" if error.filename else ""
            raise ScaffoldError(
                f"cannot write{where}: {error.strerror or error}; nothing was written"
            ) from None
        if isinstance(error, ScaffoldError):
            raise ScaffoldError(f"{error}; nothing was written") from None
        raise
    with _signals_held() as stopped:
        _roll_forward(project, journal)
        _changed.append(project)
    if stopped:
        raise Interrupted("interrupted once the change was made in full: check `git status`")


def changes_made() -> int:
    """How many changes this process has made (committed and carried out)."""
    return len(_changed)


def note_change(project: Path) -> None:
    """Count a change made without a journal (a new project moved into place)."""
    _changed.append(project)


def pending(project: Path) -> bool:
    """Whether a stopped run left a change to finish or undo."""
    return any(
        (project / name).exists() or (project / name).is_symlink() for name in (JOURNAL, DRAFT)
    )


def finish_interrupted(project: Path) -> str | None:
    """Finish the change that a stopped run committed, or undo the files it
    was still writing; a note saying which, or None when there was none."""
    if not pending(project):
        return None
    journal = _read_journal(project)
    with _signals_held() as stopped:
        if journal is None:  # only a draft: nothing was written after it
            (project / DRAFT).unlink()
            note = None
        elif journal["state"] == "committed":
            _roll_forward(project, journal)
            note = "finished the change that an interrupted scaffold run had committed"
        else:
            _roll_back(project, journal)
            note = "removed the files of a scaffold run that was interrupted before its change"
    if stopped:
        raise Interrupted(f"interrupted; but first {note or 'removed a draft journal'}")
    return note


def _refuse_unsafe(project: Path, paths: Sequence[str]) -> None:
    """Refuse, before anything is written, a path that would be written
    through a symlink (perhaps out of the project) or over a folder, or
    whose temporary name is taken; the merge's plan reports the first two
    as conflicts, so this is a last guard."""
    for path in paths:
        if reason := _unsafe(project, path):
            raise ScaffoldError(f"{project / path}: {reason}; nothing was written")


def _unsafe(project: Path, path: str) -> str:
    """Why ``path`` is no place this module may write, or ``""``."""
    pure = PurePosixPath(path)
    if not path or pure.is_absolute() or pure.as_posix() != path or ".." in pure.parts:
        return "not a path inside the project"
    if ".git" in pure.parts:
        return "inside git's own folder"
    at = project
    for part in pure.parts[:-1]:
        at = at / part
        if at.is_symlink():
            return f"{at} is a symlink"
    if (project / path).is_dir() and not (project / path).is_symlink():
        return "a folder stands there"
    temporary = project / _temporary(path)
    if temporary.exists() or temporary.is_symlink():
        return f"{temporary.name} is in the way"
    return ""


def _temporary(path: str) -> str:
    folder, _, name = path.rpartition("/")
    return f"{folder}/.{name}.scaffold-new" if folder else f".{name}.scaffold-new"


def _new_folders(project: Path, writes: Mapping[str, Path]) -> list[str]:
    """The folders the writes need that do not exist yet, parents first."""
    missing: set[str] = set()
    for path in writes:
        for parent in PurePosixPath(path).parents[:-1]:  # [-1] is "."
            if not (project / parent).exists():
                missing.add(parent.as_posix())
    return sorted(missing, key=lambda folder: folder.count("/"))


def _digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes (a symlink's target text), or None
    when there is nothing there."""
    if path.is_symlink():
        return hashlib.sha256(os.readlink(path).encode()).hexdigest()
    if not path.exists():
        return None
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _copy_new(source: Path, destination: Path) -> None:
    """Copy ``source`` to a new file (never through a symlink), on disk."""
    fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as file, source.open("rb") as original:
        shutil.copyfileobj(original, file)
        file.flush()
        os.fsync(file.fileno())
    shutil.copymode(source, destination)


def _write_journal(project: Path, journal: dict[str, Any]) -> None:
    """Write the journal in one atomic step, on disk before the next one."""
    draft = project / DRAFT
    if draft.exists() or draft.is_symlink():
        draft.unlink()
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(journal, file, indent=1)
        file.flush()
        os.fsync(file.fileno())
    os.replace(draft, project / JOURNAL)
    _sync_folder(project)


def _read_journal(project: Path) -> dict[str, Any] | None:
    """The journal a stopped run left, checked in full before anything is
    done by it; None when there is only a draft."""
    path = project / JOURNAL
    if not path.exists() and not path.is_symlink():
        return None

    def refuse(why: str) -> ScaffoldError:
        return ScaffoldError(
            f"{path} is not a journal scaffold can finish ({why}); look at it, then delete it"
        )

    if path.is_symlink() or not path.is_file() or path.stat().st_size > 1 << 20:
        raise refuse("not a small regular file")
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise refuse(str(error)) from None
    try:
        _check_journal(project, journal)
    except (KeyError, TypeError, ValueError) as error:
        raise refuse(str(error) or type(error).__name__) from None
    return journal


def _check_journal(project: Path, journal: Any) -> None:
    """Raise KeyError, TypeError or ValueError unless ``journal`` has the
    shape :func:`commit` writes and names only safe paths in ``project``."""
    if not isinstance(journal, dict) or journal["state"] not in ("writing", "committed"):
        raise ValueError("no state")
    for entry in [*journal["writes"], *journal["deletes"]]:
        if not isinstance(entry["path"], str):
            raise TypeError("a path that is no text")
        reason = _unsafe(project, entry["path"])
        if reason and not reason.endswith("is in the way"):  # the change's own temporaries
            raise ValueError(f"{shown(entry['path'])}: {reason}")
        for key in ("before", "after"):
            value = entry.get(key)
            if value is not None and not _HASH.fullmatch(value):
                raise ValueError(f"{shown(entry['path'])}: no content hash")
    for entry in journal["writes"]:
        if not isinstance(entry["after"], str):
            raise ValueError(f"{shown(entry['path'])}: no content hash")
    parents = {p.as_posix() for e in journal["writes"] for p in PurePosixPath(e["path"]).parents}
    if not set(journal["folders"]) <= parents - {"."}:
        raise ValueError("a folder no write needs")
    pristine = journal["pristine"]
    if pristine is not None:
        for key in ("new", "old"):
            value = pristine[key]
            if (value is not None or key == "new") and not (
                isinstance(value, str) and _COMMIT.fullmatch(value) and is_commit(project, value)
            ):
                raise ValueError(f"the pristine {key} commit is not in the repository")


def _roll_back(project: Path, journal: Mapping[str, Any]) -> None:
    """Undo what a run that did not commit wrote: its temporary files, the
    folders it made for them, the pristine ref, its journal."""
    temporaries = [project / _temporary(entry["path"]) for entry in journal["writes"]]
    for path in [*temporaries, project / DRAFT, project / JOURNAL]:
        if path.exists() or path.is_symlink():  # a read-only folder refuses even a missing one
            path.unlink()
    for folder in reversed(journal["folders"]):
        with suppress(OSError):  # gone already, or it holds somebody else's files by now
            (project / folder).rmdir()
    pristine = journal["pristine"]
    if pristine and pristine_ref(project) == pristine["new"]:
        set_pristine(project, pristine["old"], expected=pristine["new"])


def _roll_forward(project: Path, journal: Mapping[str, Any]) -> None:
    """Carry out a committed journal, each step of which may be done
    already; refuse, before any step, if a file is neither as the change
    found it nor as it leaves it (somebody changed it since)."""
    for entry in journal["writes"]:
        now = _digest(project / entry["path"])
        if now == entry["after"]:
            continue
        new = project / _temporary(entry["path"])
        if now != entry["before"] or new.is_symlink() or _digest(new) != entry["after"]:
            raise ScaffoldError(
                f"cannot finish the interrupted change: {entry['path']} has changed since; "
                f"look at {project / JOURNAL}, then delete it"
            )
    for entry in journal["deletes"]:
        if _digest(project / entry["path"]) not in (entry["before"], None):
            raise ScaffoldError(
                f"cannot finish the interrupted change: {entry['path']} has changed since; "
                f"look at {project / JOURNAL}, then delete it"
            )
    pristine = journal["pristine"]
    try:
        if pristine and pristine_ref(project) != pristine["new"]:
            set_pristine(project, pristine["new"])
        for entry in journal["writes"]:
            new = project / _temporary(entry["path"])
            if new.exists() or new.is_symlink():
                os.replace(new, project / entry["path"])
        for entry in journal["deletes"]:
            (project / entry["path"]).unlink(missing_ok=True)
            _remove_empty_parents((project / entry["path"]).parent, project)
        (project / JOURNAL).unlink()
    except (OSError, ScaffoldError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise ScaffoldError(
            f"the change is committed but stopped midway ({reason}); "
            "the next `scaffold update` finishes it"
        ) from None


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Hold back SIGINT, SIGTERM and SIGHUP; yield the list that, once the
    block ends, holds those that came meanwhile (they are consumed, not
    delivered: the caller reports them)."""
    stopped: list[int] = []
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, DEFERRED)
    except (OSError, ValueError):  # signals only reach the main thread: nothing to hold
        yield stopped
        return
    try:
        yield stopped
    finally:
        for signum in signal.sigpending() & DEFERRED:
            signal.sigtimedwait({signum}, 0)
            stopped.append(signum)
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
