"""The option model: what each template asks, read from its cookiecutter.json.

Every question, flag, default and constraint that scaffold knows comes from
here, so an option is declared once, in its template. This module reads JSON
only: it imports neither cookiecutter nor Jinja, which keeps ``scaffold list``
and ``scaffold --help`` fast.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ScaffoldError


@dataclass(frozen=True)
class Requirement:
    """One entry of ``requires`` or ``conflicts``: ``name`` or ``name=value``."""

    key: str
    value: Any

    @classmethod
    def parse(cls, text: str) -> Requirement:
        """``"login"`` (an extension on) or ``"database=postgresql"`` (a choice)."""
        key, sep, value = text.partition("=")
        return cls(key, value if sep else True)

    def label(self) -> str:
        """How the requirement is written to users."""
        if self.value is True:
            return extension_name(self.key)
        return f"{self.key}={self.value}"


@dataclass(frozen=True)
class Choice:
    """One value of a choice option."""

    value: str
    help: str = ""
    packages: tuple[str, ...] = ()
    requires: tuple[Requirement, ...] = ()
    conflicts: tuple[Requirement, ...] = ()


@dataclass(frozen=True)
class Option:
    """An extension (a yes/no switch) or a choice (one of a list of values)."""

    key: str
    default: Any
    prompt: str
    help: str = ""
    group: str = ""
    packages: tuple[str, ...] = ()
    requires: tuple[Requirement, ...] = ()
    conflicts: tuple[Requirement, ...] = ()
    files: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()

    @property
    def is_extension(self) -> bool:
        """True for an on/off option, False for one with choices."""
        return not self.choices

    @property
    def name(self) -> str:
        """The name used on the command line (hyphens for underscores)."""
        return extension_name(self.key)

    def choice(self, value: str) -> Choice:
        """The choice called ``value``."""
        return next(c for c in self.choices if c.value == value)

    def values(self) -> list[str]:
        """The choices' values, the default first."""
        return [c.value for c in self.choices]


@dataclass(frozen=True)
class Field:
    """A free-text answer; its default may be Jinja over earlier answers."""

    key: str
    default: str
    prompt: str
    help: str = ""
    check: str = "text"

    @property
    def is_derived(self) -> bool:
        """True when the default is worked out from other answers."""
        return "{{" in self.default or "{%" in self.default


@dataclass(frozen=True)
class ChangeStep:
    """A command to run once ``add``, ``remove`` or ``update`` has added or
    changed a file that matches one of the ``when`` patterns (fnmatch, on
    POSIX paths; ``*`` crosses folders)."""

    when: tuple[str, ...]
    run: str


@dataclass(frozen=True)
class MigrationUndo:
    """How to migrate a database back before the migration files matching
    ``files`` are deleted; ``run`` may use ``{app}`` (the folder holding the
    migrations folder, empty at the top) and ``{count}`` (how many of that
    app's migrations go), besides the answers."""

    files: tuple[str, ...]
    run: str


@dataclass(frozen=True)
class Template:
    """A cookiecutter template and the metadata scaffold reads from it."""

    name: str
    path: Path
    framework: str
    summary: str
    rank: int
    fields: tuple[Field, ...]
    options: tuple[Option, ...]
    next_steps: tuple[str, ...]
    context: dict[str, Any] = field(repr=False, compare=False)
    change_steps: tuple[ChangeStep, ...] = ()
    migration_undo: MigrationUndo | None = None

    @property
    def keys(self) -> list[str]:
        """Every answer key, in the order cookiecutter.json declares them."""
        return [k for k in self.context if not k.startswith("_")]

    @property
    def extensions(self) -> list[Option]:
        """The on/off options, in declaration order."""
        return [o for o in self.options if o.is_extension]

    def option(self, key: str) -> Option | None:
        """The option answering ``key``, or None (a free-text field or unknown)."""
        return next((o for o in self.options if o.key == key), None)

    def field(self, key: str) -> Field | None:
        """The free-text field answering ``key``, or None."""
        return next((f for f in self.fields if f.key == key), None)

    def defaults(self) -> dict[str, Any]:
        """The default of every answer; derived fields stay unrendered."""
        answers: dict[str, Any] = {f.key: f.default for f in self.fields}
        answers.update({o.key: o.default for o in self.options})
        return {k: answers[k] for k in self.keys}


def extension_name(key: str) -> str:
    """``github_actions`` -> ``github-actions``."""
    return key.replace("_", "-")


def option_key(name: str) -> str:
    """``github-actions`` -> ``github_actions``."""
    return name.strip().replace("-", "_")


def templates_root() -> Path:
    """The folder holding the templates.

    ``$SCAFFOLD_TEMPLATES`` names another collection; otherwise it is the
    copy inside the installed package, or ``templates/`` in a source checkout.
    """
    if override := os.environ.get("SCAFFOLD_TEMPLATES"):
        return Path(override)
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    return installed if installed.is_dir() else here.parent / "templates"


def load_template(path: Path) -> Template:
    """Read one template's cookiecutter.json into a :class:`Template`.

    Metadata of the wrong JSON type, or a constraint that names an option or
    value the template lacks, is a one-line error naming the file, raised
    here rather than midway through a command.
    """
    file = path / "cookiecutter.json"
    try:
        context = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ScaffoldError(f"cannot read template {path.name}: {error}") from error
    try:
        template = _parse(path, _typed(context, dict, "the top level"))
        _check_constraints(template)
    except _Malformed as error:
        raise ScaffoldError(f"bad template metadata in {file}: {error}") from None
    return template


def _parse(path: Path, context: dict[str, Any]) -> Template:
    meta = _typed(context.get("_scaffold", {}), dict, "_scaffold")
    prompts = _typed(context.get("__prompts__", {}), dict, "__prompts__")
    groups = {
        key: group
        for group, keys in _typed(meta.get("groups", {}), dict, "_scaffold.groups").items()
        for key in _strings(keys, f"_scaffold.groups.{group}")
    }
    field_specs = _typed(meta.get("fields", {}), dict, "_scaffold.fields")
    specs = _typed(meta.get("options", {}), dict, "_scaffold.options")
    fields, options = [], []
    for key, default in context.items():
        if key.startswith("_"):
            continue
        prompt = prompts.get(key, key)
        if isinstance(default, str):
            spec = _typed(field_specs.get(key, {}), dict, f"_scaffold.fields.{key}")
            fields.append(
                Field(key, default, prompt, spec.get("help", ""), spec.get("check", "text"))
            )
            continue
        where = f"_scaffold.options.{key}"
        spec = _typed(specs.get(key, {}), dict, where)
        choice_specs = _typed(spec.get("choices", {}), dict, f"{where}.choices")
        choices = tuple(
            _choice(value, _typed(choice_specs.get(value, {}), dict, f"{where}.choices.{value}"))
            for value in (default if isinstance(default, list) else ())
        )
        options.append(
            Option(
                key=key,
                default=choices[0].value if choices else bool(default),
                prompt=prompt,
                help=spec.get("help", ""),
                group=groups.get(key, "Options"),
                packages=_strings(spec.get("packages", []), f"{where}.packages"),
                requires=_requirements(spec.get("requires", []), f"{where}.requires"),
                conflicts=_requirements(spec.get("conflicts", []), f"{where}.conflicts"),
                files=_strings(spec.get("files", []), f"{where}.files"),
                choices=choices,
            )
        )
    return Template(
        name=path.name,
        path=path,
        framework=_typed(meta.get("framework", ""), str, "_scaffold.framework"),
        summary=_typed(meta.get("summary", ""), str, "_scaffold.summary"),
        rank=_typed(meta.get("rank", 0), int, "_scaffold.rank"),
        fields=tuple(fields),
        options=tuple(options),
        next_steps=_strings(meta.get("next_steps", []), "_scaffold.next_steps"),
        context=context,
        change_steps=tuple(
            _change_step(_typed(step, dict, f"_scaffold.change_steps[{index}]"), index)
            for index, step in enumerate(
                _typed(meta.get("change_steps", []), list, "_scaffold.change_steps")
            )
        ),
        migration_undo=_migration_undo(meta.get("migration_undo")),
    )


def _change_step(spec: dict[str, Any], index: int) -> ChangeStep:
    where = f"_scaffold.change_steps[{index}]"
    return ChangeStep(
        _strings(spec.get("when", []), f"{where}.when"),
        _typed(spec.get("run", ""), str, f"{where}.run"),
    )


def _migration_undo(spec: Any) -> MigrationUndo | None:
    if spec is None:
        return None
    spec = _typed(spec, dict, "_scaffold.migration_undo")
    return MigrationUndo(
        _strings(spec.get("files", []), "_scaffold.migration_undo.files"),
        _typed(spec.get("run", ""), str, "_scaffold.migration_undo.run"),
    )


def _choice(value: str, spec: dict[str, Any]) -> Choice:
    where = f"the choice {value!r}"
    return Choice(
        value,
        spec.get("help", ""),
        _strings(spec.get("packages", []), f"{where}: packages"),
        _requirements(spec.get("requires", []), f"{where}: requires"),
        _requirements(spec.get("conflicts", []), f"{where}: conflicts"),
    )


def _check_constraints(template: Template) -> None:
    """Refuse a ``requires`` or ``conflicts`` naming an unknown option or value.

    Unchecked, it would surface only when the option is turned on, as a
    constraint that can never hold.
    """
    for option in template.options:
        sources = [(option.name, option.requires, option.conflicts)]
        sources += [(f"{option.key}={c.value}", c.requires, c.conflicts) for c in option.choices]
        for source, requires, conflicts in sources:
            pairs = [("requires", r) for r in requires] + [("conflicts with", c) for c in conflicts]
            for verb, req in pairs:
                target = template.option(req.key)
                if target is None:
                    raise _Malformed(f"{source} {verb} unknown option {req.key!r}")
                if target.is_extension and req.value is not True:
                    raise _Malformed(f"{source} {verb} {req.label()}, but {target.name} is on/off")
                if not target.is_extension and req.value not in target.values():
                    raise _Malformed(
                        f"{source} {verb} {req.label()}, but {req.key} is one of "
                        f"{', '.join(target.values())}"
                    )


def load_templates(root: Path | None = None) -> dict[str, Template]:
    """Every template under ``root`` (default: :func:`templates_root`), by name.

    Folders whose name starts with ``_`` hold shared pieces, not templates.
    """
    root = root or templates_root()
    try:
        entries = list(root.iterdir())
    except OSError as error:
        raise ScaffoldError(f"cannot read templates from {root}: {error.strerror}") from None
    found = sorted(
        p
        for p in entries
        if not p.name.startswith(("_", ".")) and (p / "cookiecutter.json").is_file()
    )
    templates = [load_template(p) for p in found]
    return {t.name: t for t in sorted(templates, key=lambda t: (t.framework, t.rank, t.name))}


class _Malformed(Exception):
    """Part of a template's metadata is wrong; :func:`load_template` names the file."""


# How JSON calls the Python types that json.loads makes.
_JSON_TYPES = {
    dict: "an object",
    list: "a list",
    str: "a string",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


def _typed(value: Any, kind: type, where: str) -> Any:
    """``value``, if json.loads made it a ``kind`` (``True`` is no number here)."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _Malformed(f"{where} must be {_JSON_TYPES[kind]}, not {_JSON_TYPES[type(value)]}")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    return tuple(_typed(item, str, f"{where} entries") for item in _typed(value, list, where))


def _requirements(value: Any, where: str) -> tuple[Requirement, ...]:
    return tuple(Requirement.parse(text) for text in _strings(value, where))
