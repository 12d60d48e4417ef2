"""A starter asked for by request parameters, as ``scaffold serve`` takes them.

The parameters say what ``scaffold new``'s flags say, and go through the
same selection, constraint resolution and checks: ``framework``,
``template``, ``with`` and ``without`` (repeated or comma-separated;
``with`` takes ``OPTION=CHOICE`` too), and any answer by its key
(``project_name=Blog``, ``database=postgresql``). An empty value is no
value: the default stands, as for a form's untouched field. ``extensions``
lists every extension wanted, as the checkbox list does: the ones not
listed are off unless a ticked one requires them, which the notes then say.
Nothing here knows of HTTP.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from .errors import UsageError, closest, shown
from .model import Template
from .render import render_answers
from .resolve import Resolution, extension_keys, parse_assignments
from .selection import by_name, candidates, resolve_request, resolve_ticked, select

# Parameters that may be given more than once; every other one is one value.
LISTS = ("with", "without", "extensions")
PICKS = ("framework", "template")
MAX_PARAMETERS = 64
MAX_VALUE = 1000  # characters; the fields' own checks are stricter


@dataclass(frozen=True)
class Starter:
    """The template and complete answers for a request, with the notes that
    constraint resolution and template selection made on the way."""

    template: Template
    answers: dict[str, Any]
    notes: list[str]
    # Whether the share query names the template: the request did, or the
    # framework's pick from the other choices would be another template.
    names_template: bool

    def share_query(self) -> str:
        """The query string that asks for this starter again: the framework
        (or the template, when named), every extension that is on, and each
        answer that differs from what the template would give by itself."""
        pick = ("template", self.template.name) if self.names_template else None
        pairs = [pick or ("framework", self.template.framework)]
        pairs += [(key, str(value)) for key, value in self.chosen().items()]
        pairs.append(("extensions", ",".join(self.on())))
        return urlencode(pairs)

    def command_line(self) -> str:
        """The ``scaffold new`` command that makes this very project."""
        words = ["scaffold", "new", self.answers["project_name"], "--template", self.template.name]
        defaults = self.template.defaults()
        for option in self.template.extensions:
            if self.answers[option.key] != bool(defaults[option.key]):
                flag = "--with" if self.answers[option.key] else "--without"
                words += [flag, option.name]
        chosen = self.chosen()
        chosen.pop("project_name", None)
        for key, value in chosen.items():
            words += ["--set", f"{key}={value}"]
        return shlex.join(words)

    def on(self) -> list[str]:
        """The extensions that are on, by name."""
        return [o.name for o in self.template.extensions if self.answers[o.key]]

    def chosen(self) -> dict[str, Any]:
        """The choices and free-text answers that are not the template's
        own: a derived field (the slug) only where it is not what the
        other answers make of it."""
        template = self.template
        defaults = template.defaults()
        derived = {f.key for f in template.fields if f.is_derived}
        extensions = {o.key for o in template.extensions}
        underived = {k: v for k, v in self.answers.items() if k not in derived}
        own = render_answers(template, defaults | underived)
        return {
            key: value
            for key, value in self.answers.items()
            if key not in extensions and value != (own if key in derived else defaults)[key]
        }


def parse_starter(
    templates: Mapping[str, Template], parameters: Mapping[str, Sequence[str]]
) -> Starter:
    """The starter that ``parameters`` (each name with its values) ask for.

    Every error is a :class:`UsageError` of one line, as on the command line.
    """
    _check_sizes(parameters)
    parameters = {
        name: values
        for name, values in parameters.items()
        if name in LISTS or any(value for value in values)
    }
    known = {key for t in templates.values() for key in t.keys}
    for name, values in parameters.items():
        if name not in known and name not in LISTS and name not in PICKS:
            valid = sorted(known | set(LISTS) | set(PICKS))
            raise UsageError(f"unknown parameter {shown(name)}{closest(name, valid)}")
        if name not in LISTS and len(values) != 1:
            raise UsageError(f"{name} is given {len(values)} times; give it once")
    template_name = _one(parameters, "template")
    named = by_name(templates, template_name) if template_name else None
    framework = _one(parameters, "framework")
    if named and framework and named.framework != framework:
        raise UsageError(f"template {named.name} is for {named.framework}, not {framework}")
    framework = framework or (named.framework if named else None)
    if framework is None:
        raise UsageError("say which project to make: framework=flask|django or template=NAME")
    with_names = listed(parameters, "with")
    given = {k: v[0] for k, v in parameters.items() if k not in LISTS and k not in PICKS}
    given |= parse_assignments(e for e in with_names if "=" in e)  # with=tasks=celery, as --with
    if named:
        for key in given:
            if key not in named.keys:
                raise UsageError(f"template {named.name} has no option {shown(key)}")
    enable = [e for e in with_names if "=" not in e]
    disable = listed(parameters, "without")
    if "extensions" in parameters:
        if enable or disable:
            raise UsageError("give either extensions or with/without, not both")
        ticked = listed(parameters, "extensions")
        chosen, resolution = _ticked(templates, named, framework, given, ticked)
    else:
        chosen, resolution = resolve_request(templates, named, framework, given, enable, disable)
    answers = render_answers(chosen, resolution.answers)
    starter = Starter(chosen, answers, resolution.notes, names_template=named is not None)
    if not named and select(templates, framework, starter.on(), starter.chosen())[0] is not chosen:
        starter = replace(starter, names_template=True)
    return starter


def _ticked(
    templates: Mapping[str, Template],
    named: Template | None,
    framework: str,
    given: dict[str, Any],
    ticked: list[str],
) -> tuple[Template, Resolution]:
    """What the checkbox list gives for ``ticked``: those extensions on as
    the user's word, every other one off unless a ticked one needs it."""
    notes = []
    if named is None:
        template, note = select(templates, framework, ticked, given)
        notes += [note] if note else []
    else:
        template = named
        extension_keys(candidates(templates, framework), ticked)
    resolution = resolve_ticked(template, given, ticked)
    return template, Resolution(resolution.answers, notes + resolution.notes)


def _check_sizes(parameters: Mapping[str, Sequence[str]]) -> None:
    count = sum(len(values) for values in parameters.values())
    if count > MAX_PARAMETERS:
        raise UsageError(f"{count} parameters; at most {MAX_PARAMETERS} are taken")
    for name, values in parameters.items():
        if len(name) > MAX_VALUE or any(len(v) > MAX_VALUE for v in values):
            raise UsageError(f"{shown(name)}: longer than {MAX_VALUE} characters")


def _one(parameters: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = parameters.get(name)
    return values[0] if values and values[0] else None


def listed(parameters: Mapping[str, Sequence[str]], name: str) -> list[str]:
    """The names given in ``name``'s values, each maybe a comma-separated list."""
    return [
        part.strip()
        for value in parameters.get(name, ())
        for part in value.split(",")
        if part.strip()
    ]
