"""Making the projects that ``scaffold serve`` is asked for: one at a time,
a bounded queue, and a bounded wait."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TypeVar

from ..starter import Starter

T = TypeVar("T")


class Busy(Exception):
    """No project now: the queue is full, or the project was not ready in time."""


class ProjectMaker:
    """Makes projects one at a time, in a thread of its own (cookiecutter
    changes the process's working directory while it renders).

    At most ``queue`` requests wait; the next one is :class:`Busy` at once,
    as is a request whose project is not ready ``deadline`` seconds after it
    asked. A project nobody waits for any more is never made (not started)
    or thrown away (started).
    """

    def __init__(self, queue: int = 16, deadline: float = 30.0) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scaffold-serve")
        self._queue = threading.BoundedSemaphore(queue)
        self.deadline = deadline

    def made(self, starter: Starter, git: bool, then: Callable[[Path], T]) -> T:
        """``then`` of the starter's project (``git``: with its first commit),
        made in a private temporary folder that is removed afterwards."""
        if not self._queue.acquire(blocking=False):
            raise Busy("busy; try again")
        try:
            job = self._thread.submit(_make, starter, git, then)
            try:
                return job.result(timeout=self.deadline)
            except FutureTimeout:
                job.cancel()
                raise Busy(f"not ready after {self.deadline:g} s; try again") from None
        finally:
            self._queue.release()


def _make(starter: Starter, git: bool, then: Callable[[Path], T]) -> T:
    from ..create import generate

    scratch = Path(tempfile.mkdtemp(prefix="scaffold-serve-"))
    try:
        project = generate(starter.template, starter.answers, scratch, git=git, isolated_git=True)
        return then(project.path)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
