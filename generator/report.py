"""Plain-text and JSON renderings of templates and projects, for the CLI."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from .merge import Change
from .model import Template


def tree(root: str, files: Iterable[str]) -> str:
    """``files`` (POSIX paths) drawn as a tree under ``root``."""
    nested: dict[str, Any] = {}
    for path in files:
        node = nested
        for part in path.split("/"):
            node = node.setdefault(part, {})
    lines = [f"{root}/"]

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        """Add one line per entry of ``node``, folders before files."""
        items = sorted(node.items(), key=lambda kv: (not kv[1], kv[0]))
        for index, (name, child) in enumerate(items):
            last = index == len(items) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{name}{'/' if child else ''}")
            walk(child, prefix + ("    " if last else "│   "))

    walk(nested, "")
    return "\n".join(lines)


# The step by which a template says "go into the project"; the project is not
# in the current directory when -o put it elsewhere.
ENTER_PROJECT = "cd {project_slug}"


# The step by which a template says "make the virtualenv and install the
# project": how depends on this machine (see set_up_step).
SET_UP = "{set_up}"
PIP_SET_UP = (
    "{python} -m venv .venv && . .venv/bin/activate && "
    "python -m pip install --upgrade pip && pip install -e . --group dev"
)


def next_steps(
    template: Template, answers: Mapping[str, Any], project: Path, set_up: str
) -> list[str]:
    """The template's next steps, its ``cd`` going to where ``project`` really
    is, and ``set_up`` (see :func:`set_up_step`) in place of its set-up step."""
    enter = f"cd {shlex.quote(shown_path(project))}"
    special = {ENTER_PROJECT: enter, SET_UP: set_up}
    return [special.get(step) or step.format_map(answers) for step in template.next_steps]


def set_up_step(installed: bool, uv: bool, python: str | None) -> str:
    """The command that makes the project's virtualenv: none to run when
    ``installed``; ``uv sync`` with ``uv`` (it finds or fetches a Python
    3.12+); else pip under ``python``, a Python 3.12+ found on this machine;
    without one, how to get one first."""
    if installed:
        return ". .venv/bin/activate"
    if uv:
        return "uv sync && . .venv/bin/activate"
    if python:
        return PIP_SET_UP.format(python=python)
    return (
        "# no Python 3.12 or newer here: install one (python.org, your system's "
        "packages, pyenv or `uv python install 3.12`), then: "
        + PIP_SET_UP.format(python="python3.12")
    )


def change_steps(
    template: Template, answers: Mapping[str, Any], changes: Sequence[Change]
) -> list[str]:
    """The template's commands for what ``add``, ``remove`` or ``update``
    brought: each step whose patterns match a file added or updated."""
    touched = [c.path for c in changes if c.action != "delete"]
    return [
        step.run.format_map(answers)
        for step in template.change_steps
        if any(fnmatch(path, pattern) for path in touched for pattern in step.when)
    ]


def migration_undo(
    template: Template, answers: Mapping[str, Any], changes: Sequence[Change]
) -> list[str]:
    """The commands that migrate a database back from the migrations that
    ``changes`` delete, one per app: once the files are gone, nothing can."""
    undo = template.migration_undo
    if undo is None:
        return []
    counts: dict[str, int] = {}
    for change in changes:
        if change.action != "delete" or change.conflict:  # a conflict keeps the file
            continue
        if any(fnmatch(change.path, pattern) for pattern in undo.files):
            parts = change.path.split("/")
            at = parts.index("migrations") if "migrations" in parts else 0
            app = parts[at - 1] if at else ""
            counts[app] = counts.get(app, 0) + 1
    return [undo.run.format_map({**answers, "app": a, "count": n}) for a, n in counts.items()]


def undo_warning(
    template: Template, answers: Mapping[str, Any], changes: Sequence[Change], dry_run: bool
) -> str:
    """What to do about the migrations a change deletes, or ""."""
    undo = "`, `".join(migration_undo(template, answers, changes))
    if not undo:
        return ""
    if dry_run:
        return (
            f"first migrate back each database that applied the migrations this deletes: `{undo}`"
        )
    return (
        "migrations were deleted: migrate back each database that applied them, with "
        f"the old files restored: `git stash`, `{undo}`, `git stash pop`"
    )


def change_info(outcome: Any, dry_run: bool) -> dict[str, Any]:
    """What an ``add``, ``remove`` or ``update`` did (or would do), as plain
    data (``--json``)."""
    made = [c for c in outcome.changes if not c.conflict]
    warning = undo_warning(outcome.template, outcome.answers, outcome.changes, dry_run)
    return {
        "project": str(outcome.project.resolve()),
        "template": outcome.template.name,
        "answers": outcome.answers,
        "dry_run": dry_run,
        "added": [c.path for c in made if c.action == "add"],
        "changed": [c.path for c in made if c.action == "merge"],
        "deleted": [c.path for c in made if c.action == "delete"],
        "conflicts": [{"path": c.path, "reason": c.conflict} for c in outcome.conflicts],
        "notes": outcome.notes,
        "warnings": [warning] if warning else [],
        "next_steps": (
            [] if dry_run else change_steps(outcome.template, outcome.answers, outcome.changes)
        ),
    }


def shown_path(path: Path) -> str:
    """``path`` as typed from the current directory: relative when inside it,
    absolute otherwise (a chain of ``..`` would only hide where it is)."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def summary(template: Template, answers: Mapping[str, Any], target: Path, notes: list[str]) -> str:
    """What is about to be generated, for the interactive confirmation."""
    chosen = [o.name for o in template.extensions if answers.get(o.key)]
    lines = [
        "",
        f"  template    {template.name}",
        f"  project     {answers['project_name']}",
        f"  package     {answers['package_name']}",
        f"  location    {target}",
    ]
    lines += [f"  {o.key:<11} {answers[o.key]}" for o in template.options if not o.is_extension]
    lines.append(f"  extensions  {', '.join(chosen) or 'none'}")
    lines += [f"  note        {note}" for note in notes]
    return "\n".join(lines + [""])


def template_info(template: Template) -> dict[str, Any]:
    """A template and its options as plain data (``scaffold list --json``)."""
    return {
        "name": template.name,
        "framework": template.framework,
        "summary": template.summary,
        "fields": [
            {"name": f.key, "default": f.default, "help": f.help, "check": f.check}
            for f in template.fields
        ],
        "options": [
            {
                "name": o.name,
                "key": o.key,
                "kind": "extension" if o.is_extension else "choice",
                "group": o.group,
                "help": o.help,
                "default": o.default,
                "packages": list(o.packages),
                "requires": [r.label() for r in o.requires],
                "conflicts": [r.label() for r in o.conflicts],
                **(
                    {}
                    if o.is_extension
                    else {
                        "choices": [
                            {
                                "value": c.value,
                                "help": c.help,
                                "packages": list(c.packages),
                                "requires": [r.label() for r in c.requires],
                                "conflicts": [r.label() for r in c.conflicts],
                            }
                            for c in o.choices
                        ]
                    }
                ),
            }
            for o in template.options
        ],
    }


def template_text(template: Template) -> str:
    """A template and its options, grouped, for ``scaffold list``."""
    lines = [f"{template.name} ({template.framework}): {template.summary}"]
    groups: dict[str, list[str]] = {}
    for o in template.options:
        name = o.name if o.is_extension else f"{o.key}={'|'.join(o.values())}"
        entry = f"{name:<16} {o.help}" if len(name) < 16 else f"{name}\n      {o.help}"
        constraints = [f"requires {r.label()}" for r in o.requires]
        constraints += [f"conflicts with {r.label()}" for r in o.conflicts]
        if constraints:
            entry += f" [{'; '.join(constraints)}]"
        groups.setdefault(o.group, []).append(entry)
    for group, entries in groups.items():
        lines.append(f"  {group}:")
        lines += [f"    {e}" for e in entries]
    return "\n".join(lines)
