"""The one exception type the command line turns into a one-line message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


class ScaffoldError(Exception):
    """A problem the user can fix; its message is one line, shown as is."""

    exit_code = 1


class UsageError(ScaffoldError):
    """Bad input: an unknown name, a malformed value, a clash of answers."""

    exit_code = 2


class Interrupted(ScaffoldError):
    """Ctrl-C or SIGTERM; the message says whether anything was written."""

    exit_code = 130


def closest(word: str, candidates: Iterable[str]) -> str:
    """A ``did you mean`` hint naming the nearest candidate, or ``""``."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.5)
    return f" (did you mean {match[0]!r}?)" if match else ""


def shown(value: Any) -> str:
    """``value`` as an error message shows it: a few dozen characters at most,
    however long the value (a one-line error stays one short line)."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:36]}...{text[-1]}"
