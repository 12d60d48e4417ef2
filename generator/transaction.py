"""Change a project's files all at once, or not at all.

``add``, ``remove``, ``update`` and ``new --force`` change many files of a
project the user has worked on. Every new content is first written to a
temporary file beside the one it replaces; only when all are written is the
change committed, by a journal (``.scaffold-journal.json``) that lists the
renames and deletions still to do. Then the files are renamed into place,
each rename atomic, with SIGINT, SIGTERM and SIGHUP held back until the last.

So a failure while writing (a full disk, a read-only folder, Ctrl-C) leaves
the project as it was; a change that was stopped after its commit (SIGKILL,
a power cut) is found by its journal and finished by the next scaffold run
on the project, which knows every step that remained.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from .errors import Interrupted, ScaffoldError
from .repo import set_pristine

JOURNAL = ".scaffold-journal.json"
# Held back while the renames run: a stop then would leave the change half done.
DEFERRED = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


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
    journal = {
        "writes": [[path, _temporary(path)] for path in sorted(writes)],
        "deletes": sorted(deletes),
        "folders": _missing_folders(project, writes),
        "pristine": pristine,
        "state": "writing",
    }
    _refuse_outside(project, [*writes, *deletes])
    try:
        _write_journal(project, journal)
        for folder in journal["folders"]:
            (project / folder).mkdir(exist_ok=True)
        for path, temporary in journal["writes"]:
            _copy_durably(writes[path], project / temporary)
        journal["state"] = "committed"
        _write_journal(project, journal)
    except BaseException as error:
        _roll_back(project, journal)
        if isinstance(error, KeyboardInterrupt):
            raise Interrupted("interrupted; nothing was changed") from None
        if isinstance(error, OSError):
            where = f" {error.filename}" if error.filename else ""
            raise ScaffoldError(
                f"cannot write{where}: {error.strerror or error}; nothing was changed"
            ) from None
        raise
    with _signals_held() as stopped:
        _roll_forward(project, journal)
    if stopped:
        raise Interrupted("interrupted; the change was made in full before stopping")


def finish_interrupted(project: Path) -> str | None:
    """Finish the change that a stopped run committed, or undo the files it
    was still writing; a note saying which, or None when there was none."""
    path = project / JOURNAL
    # A draft is a journal that was never written: nothing was done after it.
    (project / f"{JOURNAL}.draft").unlink(missing_ok=True)
    if not path.exists() and not path.is_symlink():
        return None
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        state = journal["state"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ScaffoldError(f"cannot read {path}: {error}; look at it, then delete it") from None
    with _signals_held() as stopped:
        if state == "committed":
            _roll_forward(project, journal)
            note = "finished the change that an interrupted scaffold run had committed"
        else:
            _roll_back(project, journal)
            note = "removed the files of a scaffold run that was interrupted before its change"
    if stopped:
        raise Interrupted(f"interrupted; but first {note}")
    return note


def pending(project: Path) -> bool:
    """Whether a stopped run left a change to finish or undo."""
    return (project / JOURNAL).exists()


def _refuse_outside(project: Path, paths: Sequence[str]) -> None:
    """Refuse, before anything is written, a path that would be written
    through a symlink (perhaps out of the project) or over a folder; the
    merge's plan reports these as conflicts, so this is a last guard."""
    for path in paths:
        at = project
        for part in Path(path).parts:
            at = at / part
            if at.is_symlink() and at != project / path:
                raise ScaffoldError(f"{at} is a symlink; nothing was changed")
        if (project / path).is_dir() and not (project / path).is_symlink():
            raise ScaffoldError(f"{project / path} is a folder; nothing was changed")


def _temporary(path: str) -> str:
    folder, _, name = path.rpartition("/")
    return f"{folder}/.{name}.scaffold-new" if folder else f".{name}.scaffold-new"


def _missing_folders(project: Path, writes: Mapping[str, Path]) -> list[str]:
    """The folders the writes need that do not exist yet, parents first."""
    missing: set[str] = set()
    for path in writes:
        for parent in Path(path).parents[:-1]:  # [-1] is "."
            if not (project / parent).exists():
                missing.add(parent.as_posix())
    return sorted(missing, key=lambda folder: folder.count("/"))


def _copy_durably(source: Path, destination: Path) -> None:
    shutil.copyfile(source, destination, follow_symlinks=False)
    shutil.copymode(source, destination)
    with destination.open("rb") as file:
        os.fsync(file.fileno())


def _write_journal(project: Path, journal: dict[str, Any]) -> None:
    """Write the journal in one atomic step, on disk before the next one."""
    path = project / JOURNAL
    draft = path.with_name(f"{JOURNAL}.draft")
    with draft.open("w", encoding="utf-8") as file:
        json.dump(journal, file, indent=1)
        file.flush()
        os.fsync(file.fileno())
    os.replace(draft, path)
    _sync_folder(project)


def _roll_back(project: Path, journal: Mapping[str, Any]) -> None:
    """Remove what a run that did not commit wrote: temporary files, the
    folders it made for them, its journal."""
    temporaries = [project / temporary for _, temporary in journal["writes"]]
    for path in [*temporaries, project / f"{JOURNAL}.draft", project / JOURNAL]:
        if path.exists() or path.is_symlink():  # a read-only folder refuses even a missing one
            path.unlink()
    for folder in reversed(journal["folders"]):
        with suppress(OSError):  # gone already, or it holds somebody else's files by now
            (project / folder).rmdir()


def _roll_forward(project: Path, journal: Mapping[str, Any]) -> None:
    """Carry out a committed journal; every step may already be done."""
    if journal["pristine"]:
        set_pristine(project, journal["pristine"])
    try:
        for path, temporary in journal["writes"]:
            if (project / temporary).exists():
                os.replace(project / temporary, project / path)
        for path in journal["deletes"]:
            (project / path).unlink(missing_ok=True)
            _remove_empty_parents((project / path).parent, project)
        (project / JOURNAL).unlink(missing_ok=True)
    except OSError as error:
        raise ScaffoldError(
            f"the change stopped midway ({error.strerror or error}); "
            "run `scaffold update` to finish it"
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
