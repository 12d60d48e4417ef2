"""Keep a generated project alive: add or remove options, take in updates.

A project made by scaffold records its template and answers in
``.scaffold.json``. To add an option, the template is rendered twice in a
scratch folder, with the recorded answers (the base) and with the new ones
(the target), and the difference is merged into the project (see
:mod:`generator.merge`), so the user's edits survive.

``update`` needs the template as the project last received it, which an
upgraded scaffold can no longer render: the pristine copy that the
project's own repository keeps (see :mod:`generator.repo`).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .answers import load_answers
from .errors import ScaffoldError, UsageError
from .merge import Change, apply, plan, same_files
from .model import Template, load_templates
from .render import RECORD_FILE, render_answers, render_tree, write_record
from .repo import PRISTINE_REF, checkout_pristine, mark_pristine, refuse_dirty
from .resolve import resolve
from .selection import by_name


@dataclass
class Outcome:
    """What an add, remove or update did (or, for a dry run, would do)."""

    project: Path
    template: Template
    answers: dict[str, Any]
    changes: list[Change]
    conflicts: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_record(project: Path) -> tuple[Template, dict[str, Any], str]:
    """The template, answers and scaffold version that made ``project``."""
    path = project / RECORD_FILE
    if not path.is_file():
        raise UsageError(f"{project} has no {RECORD_FILE}; run this in a project made by scaffold")
    name, answers = load_answers(path)
    version = json.loads(path.read_text(encoding="utf-8")).get("scaffold_version", "")
    if not name:
        raise UsageError(f"{path} names no template")
    return by_name(load_templates(), name), answers, version


def change_options(
    project: Path,
    enable: Sequence[str] = (),
    disable: Sequence[str] = (),
    *,
    choose: Mapping[str, str] | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> Outcome:
    """``scaffold add`` / ``scaffold remove``: turn extensions on or off, or
    ``choose`` another value of an option with choices."""
    template, recorded, _ = read_record(project)
    for key in choose or {}:
        option = template.option(key)
        if option is None or option.is_extension:
            valid = ", ".join(f"{o.key}=" for o in template.options if not o.is_extension)
            raise UsageError(
                f"{key}=... names no option with choices in {template.name}; "
                f"valid: {valid or 'none'}"
            )
    refuse_dirty(project, force)
    current = complete(template, recorded)
    fields = {k: v for k, v in current.items() if template.field(k)}
    options = {k: v for k, v in current.items() if template.option(k)}
    resolution = resolve(template, fields | dict(choose or {}), enable, disable, base=options)
    answers = render_answers(template, resolution.answers)
    with tempfile.TemporaryDirectory(prefix="scaffold-merge-") as scratch:
        base = render_tree(template, current, Path(scratch) / "base")
        # The base stands for what the project has received; if the template
        # has moved on since, marking the target pristine would pass that
        # change off as received, and update would never bring it.
        pristine = Path(scratch) / "pristine"
        if checkout_pristine(project, pristine, RECORD_FILE) and not same_files(pristine, base):
            # Or a change that scaffold made (and marked pristine) was undone
            # with git: the pristine copy then has what the project lacks.
            raise UsageError(
                "the template has changed since this project last took it in "
                "(or an add, remove or update was undone); run `scaffold update` first"
            )
        target = render_tree(template, answers, Path(scratch) / "target")
        outcome = _merge(project, template, answers, base, target, dry_run)
    outcome.notes = resolution.notes
    return outcome


def update(project: Path, *, force: bool = False, dry_run: bool = False) -> Outcome:
    """``scaffold update``: bring in what changed in the template since the
    project last received it."""
    template, recorded, version = read_record(project)
    refuse_dirty(project, force)
    answers = complete(template, recorded)
    with tempfile.TemporaryDirectory(prefix="scaffold-merge-") as scratch:
        base = Path(scratch) / "base"
        if not checkout_pristine(project, base, RECORD_FILE):
            if version != __version__:
                raise ScaffoldError(
                    f"{project} was made by scaffold {version or '?'} without --git: "
                    f"update needs the pristine copy kept in {PRISTINE_REF}"
                )
            base = render_tree(template, answers, base)
        target = render_tree(template, answers, Path(scratch) / "target")
        return _merge(project, template, answers, base, target, dry_run)


def complete(template: Template, recorded: Mapping[str, Any]) -> dict[str, Any]:
    """The recorded answers as the installed template takes them: each value
    checked and given its type, options the template has gained since at
    their defaults, fields it has gained worked out, answers it dropped left
    out."""
    known = {k: v for k, v in recorded.items() if k in template.keys}
    return render_answers(template, resolve(template, known).answers)


def _merge(
    project: Path,
    template: Template,
    answers: dict[str, Any],
    base: Path,
    target: Path,
    dry_run: bool,
) -> Outcome:
    changes = plan(base, target, project)
    if dry_run:
        return Outcome(project, template, answers, changes, [c for c in changes if c.conflict])
    conflicts = apply(changes, base, target, project)
    _add_missing_env(project, target)
    write_record(project, template, answers)
    mark_pristine(project, target)
    return Outcome(project, template, answers, changes, conflicts)


def _add_missing_env(project: Path, target: Path) -> None:
    """Give ``.env`` the variables (with fresh secrets) that it lacks."""
    new = target / ".env"
    if not new.exists():
        return
    mine = project / ".env"
    lines = mine.read_text(encoding="utf-8").splitlines() if mine.exists() else []
    have = {line.partition("=")[0].strip() for line in lines if "=" in line}
    missing = [
        line
        for line in new.read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
        and line.partition("=")[0].strip() not in have
    ]  # fmt: skip
    if missing:
        mine.write_text("\n".join([*lines, *missing]) + "\n", encoding="utf-8")
        mine.chmod(0o600)
