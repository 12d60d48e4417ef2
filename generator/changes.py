"""Change a generated project: ``scaffold add``, ``remove`` and ``update``.

A project made by scaffold records its template and answers in
``.scaffold.json``. To add an option, the template is rendered twice in a
scratch folder, with the recorded answers (the base) and with the new ones
(the target), and the difference is merged into the project (see
:mod:`generator.merge`), so the user's edits survive. The target may be
another template of the same framework, when the project's own lacks what is
asked (see :func:`generator.selection.template_for_change`).

``update`` needs the template as the project last received it, which an
upgraded scaffold can no longer render: the pristine copy that the
project's own repository keeps (see :mod:`generator.repo`).

Each run holds the project's lock, and writes its whole change, record and
``.env`` included, as one transaction (see :mod:`generator.transaction`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, lock, transaction
from .env_file import ENV_FILE, merged_env_file
from .errors import ScaffoldError, UsageError
from .merge import Change, plan, same_files, stage
from .model import Template, load_templates
from .record import RECORD_FILE, read_record, write_record
from .render import render_answers, render_tree
from .repo import PRISTINE_REF, checkout_pristine, pristine_commit, refuse_dirty
from .resolve import resolve
from .selection import template_for_change


@dataclass
class Outcome:
    """What an add, remove or update did (or, for a dry run, would do)."""

    project: Path
    template: Template
    answers: dict[str, Any]
    changes: list[Change]
    conflicts: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
    choose = choose or {}
    with _changing(project, dry_run) as notes:
        record = read_record(project)
        current = complete(record.template, record.answers)
        template, disable, moved = template_for_change(
            load_templates(), record.template, current, enable, disable, choose
        )
        for key in choose:
            option = template.option(key)
            if option is None or option.is_extension:
                valid = ", ".join(f"{o.key}=" for o in template.options if not o.is_extension)
                raise UsageError(
                    f"{key}=... names no option with choices in {template.name}; "
                    f"valid: {valid or 'none'}"
                )
        _refuse_dirty(project, force, notes)
        fields = {k: v for k, v in current.items() if template.field(k)}
        options = {k: v for k, v in current.items() if template.option(k)}
        resolution = resolve(template, fields | dict(choose), enable, disable, base=options)
        answers = render_answers(template, resolution.answers)
        with tempfile.TemporaryDirectory(prefix="scaffold-merge-") as scratch:
            base = render_tree(record.template, current, Path(scratch) / "base")
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
    outcome.notes = notes + ([moved] if moved else []) + resolution.notes
    return outcome


def update(project: Path, *, force: bool = False, dry_run: bool = False) -> Outcome:
    """``scaffold update``: bring in what changed in the template since the
    project last received it."""
    with _changing(project, dry_run) as notes:
        record = read_record(project)
        template = record.template
        _refuse_dirty(project, force, notes)
        answers = complete(template, record.answers)
        with tempfile.TemporaryDirectory(prefix="scaffold-merge-") as scratch:
            base = Path(scratch) / "base"
            if not checkout_pristine(project, base, RECORD_FILE):
                if record.version != __version__:
                    raise ScaffoldError(
                        f"{project} was made by scaffold {record.version or '?'} without --git: "
                        f"update needs the pristine copy kept in {PRISTINE_REF}"
                    )
                base = render_tree(template, answers, base)
            target = render_tree(template, answers, Path(scratch) / "target")
            outcome = _merge(project, template, answers, base, target, dry_run)
    outcome.notes = notes
    return outcome


@contextmanager
def _changing(project: Path, dry_run: bool) -> Iterator[list[str]]:
    """Hold the project's lock, and first finish what a stopped run left.
    Yields the notes for the user; an error after a finished change still
    says that it was finished."""
    with lock.changing(project):
        if dry_run and transaction.pending(project):
            raise UsageError(
                "a scaffold run on this project was interrupted; "
                "run this without --dry-run to finish its change first"
            )
        finished = transaction.finish_interrupted(project)
        try:
            yield [finished] if finished else []
        except ScaffoldError as error:
            if finished and not str(error).startswith(finished):
                raise type(error)(f"{finished}; then: {error}") from None
            raise


def _refuse_dirty(project: Path, force: bool, notes: list[str]) -> None:
    """Refuse uncommitted work; a change just finished (``notes``) is such
    work, to be looked at before the next."""
    try:
        refuse_dirty(project, force)
    except UsageError:
        if notes:
            raise UsageError(f"{notes[0]}; review and commit it, then run this again") from None
        raise


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
    merged = target.parent.parent / "merged"  # beside the renders, in their scratch folder
    merged.mkdir()
    staged = stage(changes, base, target, project, merged)
    env = merged_env_file(project / ENV_FILE, target / ENV_FILE, merged)
    if env is not None:
        staged.writes[ENV_FILE] = env
    staged.writes[RECORD_FILE] = write_record(merged, template, answers)
    # The pristine copy moves with the record, in the same transaction: they
    # must agree, or the next update would merge from the wrong base.
    pristine = pristine_commit(project, target)
    transaction.commit(project, staged.writes, staged.deletes, pristine)
    return Outcome(project, template, answers, changes, staged.conflicts)
