"""The project's record, ``.scaffold.json``: which template and answers made it.

This module alone reads and writes it. ``new`` writes it into the rendered
project; ``add``, ``remove`` and ``update`` read it to know where the project
stands and stage its new text with the rest of their change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .answers import load_answers
from .errors import UsageError
from .model import Template, load_templates
from .selection import by_name

RECORD_FILE = ".scaffold.json"


@dataclass(frozen=True)
class Record:
    """What made a project: the template, its answers, and scaffold's version."""

    template: Template
    answers: dict[str, Any]
    version: str


def _record_text(template: Template, answers: Mapping[str, Any]) -> str:
    """The record's content: enough to make the project again."""
    record = {"scaffold_version": __version__, "template": template.name, "answers": dict(answers)}
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def write_record(folder: Path, template: Template, answers: Mapping[str, Any]) -> Path:
    """Write ``.scaffold.json`` into ``folder``: a freshly rendered project, or
    the scratch folder where a change is staged. Returns its path."""
    path = folder / RECORD_FILE
    path.write_text(_record_text(template, answers), encoding="utf-8")
    return path


def read_record(project: Path) -> Record:
    """The template, answers and scaffold version that made ``project``.

    The record is read as any answers file is, with the same limits: a
    project from elsewhere is input like any other.
    """
    path = project / RECORD_FILE
    if not path.is_file() or path.is_symlink():
        raise UsageError(f"{project} has no {RECORD_FILE}; run this in a project made by scaffold")
    name, answers = load_answers(path)
    if not name:
        raise UsageError(f"{path} names no template")
    # load_answers has checked the file is small, well-formed JSON.
    version = json.loads(path.read_text(encoding="utf-8")).get("scaffold_version", "")
    return Record(by_name(load_templates(), name), answers, str(version))
