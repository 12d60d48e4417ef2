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
        return not self.choices

    @property
    def name(self) -> str:
        """The name used on the command line (hyphens for underscores)."""
        return extension_name(self.key)

    def choice(self, value: str) -> Choice:
        return next(c for c in self.choices if c.value == value)

    def values(self) -> list[str]:
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

    @property
    def keys(self) -> list[str]:
        """Every answer key, in the order cookiecutter.json declares them."""
        return [k for k in self.context if not k.startswith("_")]

    @property
    def extensions(self) -> list[Option]:
        return [o for o in self.options if o.is_extension]

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    def field(self, key: str) -> Field | None:
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
    """Read one template's cookiecutter.json into a :class:`Template`."""
    try:
        context = json.loads((path / "cookiecutter.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ScaffoldError(f"cannot read template {path.name}: {error}") from error
    meta = context.get("_scaffold", {})
    prompts = context.get("__prompts__", {})
    groups = {key: group for group, keys in meta.get("groups", {}).items() for key in keys}
    specs = meta.get("options", {})
    fields, options = [], []
    for key, default in context.items():
        if key.startswith("_"):
            continue
        prompt = prompts.get(key, key)
        if isinstance(default, str):
            spec = meta.get("fields", {}).get(key, {})
            fields.append(
                Field(key, default, prompt, spec.get("help", ""), spec.get("check", "text"))
            )
            continue
        spec = specs.get(key, {})
        choice_specs = spec.get("choices", {})
        choices = tuple(
            Choice(
                value,
                choice_specs.get(value, {}).get("help", ""),
                tuple(choice_specs.get(value, {}).get("packages", ())),
                _requirements(choice_specs.get(value, {}).get("requires", ())),
                _requirements(choice_specs.get(value, {}).get("conflicts", ())),
            )
            for value in (default if isinstance(default, list) else ())
        )
        options.append(
            Option(
                key=key,
                default=choices[0].value if choices else bool(default),
                prompt=prompt,
                help=spec.get("help", ""),
                group=groups.get(key, "Options"),
                packages=tuple(spec.get("packages", ())),
                requires=_requirements(spec.get("requires", ())),
                conflicts=_requirements(spec.get("conflicts", ())),
                files=tuple(spec.get("files", ())),
                choices=choices,
            )
        )
    return Template(
        name=path.name,
        path=path,
        framework=meta.get("framework", ""),
        summary=meta.get("summary", ""),
        rank=int(meta.get("rank", 0)),
        fields=tuple(fields),
        options=tuple(options),
        next_steps=tuple(meta.get("next_steps", ())),
        context=context,
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


def _requirements(texts: Any) -> tuple[Requirement, ...]:
    return tuple(Requirement.parse(t) for t in texts)
