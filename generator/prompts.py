"""The interactive questions, asked with questionary in a terminal.

Everything asked here comes from the option model, and every answer goes
through the same validators and constraint resolution as flags and answers
files; this module only decides how to ask.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import click
import questionary
from questionary import Choice, Separator

from .checks import check
from .errors import ScaffoldError, UsageError
from .model import Option, Template, option_key
from .render import render_answers
from .resolve import Resolution
from .selection import candidates, frameworks, resolve_request, resolve_ticked, select


def ask_framework(templates: Mapping[str, Template]) -> str:
    """Ask which framework, among those the templates are for."""
    return _answer(questionary.select("Framework", choices=frameworks(templates)))


def ask_fields(template: Template, given: dict[str, Any]) -> None:
    """Ask each free-text question the user has not answered (or answered
    wrongly on the command line), validating as they type; show the derived
    names after the project name."""
    for fld in template.fields:
        if fld.is_derived:
            continue
        if fld.key in given:
            reason = check(fld.check, str(given[fld.key]))
            if reason is None:
                continue
            click.secho(f"error: {fld.key}: {reason}; answer again", fg="red", err=True)
        value = _answer(
            questionary.text(
                fld.prompt,
                default=str(given.get(fld.key, fld.default)),
                validate=lambda text, kind=fld.check: check(kind, text) or True,
                instruction=f"({fld.help})" if fld.help and fld.key == "project_name" else None,
            )
        )
        given[fld.key] = value
        if fld.key == "project_name":
            derived = render_answers(template, template.defaults() | given)
            click.echo(f"  folder {derived['project_slug']}/, package {derived['package_name']}")


def ask_extensions(offered: Sequence[Template], ticked: set[str]) -> set[str]:
    """The checkbox list of extensions, grouped, each with its one-line help.

    ``offered`` may hold several templates (``--framework``), simplest first:
    their extensions are merged, each marked with the template it needs when
    that is not the simplest one.
    """
    options: dict[str, Option] = {}
    owners: dict[str, str] = {}
    for template in offered:
        for option in template.extensions:
            options.setdefault(option.key, option)
            owners.setdefault(option.key, template.name)
    if not options:
        return set()
    groups: dict[str, list[Option]] = {}
    for option in options.values():
        groups.setdefault(option.group, []).append(option)
    choices: list[Choice | Separator] = []
    for group, members in groups.items():
        choices.append(Separator(f"── {group}"))
        for option in members:
            label = option.name
            if owners[option.key] != offered[0].name:
                label += f" [{owners[option.key]}]"
            choices.append(
                Choice(
                    title=f"{label:<20} {option.help}",
                    value=option.key,
                    checked=option.key in ticked,
                )
            )
    answer = _answer(
        questionary.checkbox(
            "Extensions",
            choices=choices,
            instruction="(space to tick, enter to accept)",
        )
    )
    return set(answer)


def ask_choices(template: Template, given: dict[str, Any]) -> None:
    """Ask each multiple-choice question not yet answered; fill ``given`` in."""
    for option in template.options:
        if option.is_extension or option.key in given:
            continue
        given[option.key] = _answer(
            questionary.select(
                option.prompt,
                choices=[
                    Choice(title=c.value, value=c.value, description=c.help or None)
                    for c in option.choices
                ],
                default=option.default,
            )
        )


def ask_new(
    templates: Mapping[str, Template],
    template: Template | None,
    framework: str | None,
    given: dict[str, Any],
    enable: Sequence[str],
    disable: Sequence[str],
) -> tuple[Template, Resolution]:
    """The whole interactive flow up to (not including) the confirmation."""
    if template is None and framework is None:
        framework = ask_framework(templates)
    # What the command line said is checked as --no-input checks it, before
    # the questions: a typo there is an error, not a tick to choose again
    # (the ticks could never fix it).
    resolve_request(templates, template, framework, given, enable, disable)
    offered = [template] if template else candidates(templates, framework or "")
    ask_fields(offered[0], given)
    pre_ticked = {o.key for t in offered for o in t.extensions if o.default}
    pre_ticked = (pre_ticked | {option_key(e) for e in enable}) - {option_key(d) for d in disable}
    while True:
        ticked = ask_extensions(offered, pre_ticked)
        try:
            if template is None:
                chosen, note = select(templates, offered[0].framework, ticked, given)
                if note:
                    click.echo(f"note: {note}")
            else:
                chosen = template
            ask_choices(chosen, given)
            return chosen, resolve_ticked(chosen, given, ticked)
        except UsageError as error:  # only the ticks can be at fault: the rest was checked
            click.secho(f"error: {error}; choose again", fg="red", err=True)
            pre_ticked = ticked


def confirm(summary: str) -> None:
    """Show what will be made; anything but yes cancels."""
    click.echo(summary)
    if not _answer(questionary.confirm("Generate this project?", default=True)):
        raise ScaffoldError("cancelled; nothing was written")


def _answer(question: questionary.Question) -> Any:
    """Ask; Ctrl-C (or Ctrl-D on an empty line: questionary returns None) cancels."""
    value = question.unsafe_ask()
    if value is None:
        raise KeyboardInterrupt
    return value
