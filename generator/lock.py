"""One scaffold at a time on one project.

Two runs writing the same folder at once would mix two projects, or keep one
of two changes in the record. Each run takes an exclusive ``flock``, without
waiting: the second fails at once with one line. The kernel drops the lock
when its holder ends, however it ends (SIGKILL too), so no stale lock can
block a later run.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from .errors import ScaffoldError


@contextmanager
def writing(target: Path) -> Iterator[None]:
    """Hold the lock of the project at ``target``, which may not exist yet.

    The lock is a file beside the target, named after it, so that two runs
    making the same new project meet there; it is removed afterwards (one
    that a killed run left is taken and removed by the next run). An
    existing target folder is locked as well: ``new --force`` into a project
    then excludes an ``add`` on it, which locks the folder alone (see
    :func:`changing`).
    """
    lock_file = target.parent / f".{target.name}.scaffold-lock"
    with ExitStack() as stack:
        stack.enter_context(_lock_file(lock_file, target))
        if target.is_dir() and not target.is_symlink():
            stack.enter_context(changing(target))
        yield


@contextmanager
def changing(project: Path) -> Iterator[None]:
    """Hold the lock of an existing project folder (a lock on the folder
    itself: nothing is written into the user's tree for it)."""
    try:
        fd = os.open(project, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise ScaffoldError(f"cannot open {project}: {error.strerror}") from None
    try:
        _take(fd, project)
        yield
    finally:
        os.close(fd)


@contextmanager
def _lock_file(path: Path, target: Path) -> Iterator[None]:
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as error:
            raise ScaffoldError(f"cannot write to {path.parent}: {error.strerror}") from None
        try:
            _take(fd, target)
        except BaseException:
            os.close(fd)
            raise
        # The holder before us removes the file when done; if it did so
        # between our open and our lock, we hold a lock on a file nobody else
        # can find, and must take the one now at that path.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        # Still holding the lock: nobody is between their check and this.
        # Left behind it is harmless: the next run locks and removes it.
        with suppress(OSError):
            path.unlink()
        os.close(fd)


def _take(fd: int, target: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise ScaffoldError(
            f"another scaffold is writing {target}; try again when it has finished"
        ) from None
    except OSError as error:
        raise ScaffoldError(f"cannot lock {target}: {error.strerror}") from None
