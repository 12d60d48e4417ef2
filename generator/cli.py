"""The ``scaffold`` command line: flags, prompts and output, nothing more.

The work is done by the pure modules (model, resolve, selection, render);
they are imported inside the commands so that ``scaffold --help`` loads only
Click.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import Interrupted, ScaffoldError, UsageError


class ScaffoldGroup(click.Group):
    """Reports every failure as one line on stderr with a non-zero exit code.

    Click's own usage errors would print the usage and a hint as well, and a
    ScaffoldError or Ctrl-C would end in a traceback.
    """

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:
        """Run the command line; every failure ends as one ``error:`` line.

        SIGTERM and SIGHUP are taken as Ctrl-C meanwhile, so that they too
        clean up and end in one line.
        """
        extra.pop("standalone_mode", None)
        previous = {signum: signal.getsignal(signum) for signum in STOPPING}
        for signum in STOPPING:
            signal.signal(signum, _interrupt)
        try:
            code = super().main(args, prog_name or "scaffold", standalone_mode=False, **extra)
        except click.ClickException as error:
            fail(error.format_message(), error.exit_code)
        except ScaffoldError as error:
            fail(str(error), error.exit_code)
        except (click.Abort, KeyboardInterrupt):  # Click turns Ctrl-C into Abort
            fail(NOTHING_WRITTEN, 130)  # before or after the command: nothing written
        except OSError as error:  # what no command foresaw: still one line
            where = f" {error.filename}" if error.filename else ""
            fail(f"cannot use{where}: {error.strerror or error}", 1)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an interrupt says whether the change was made.

        Every change is all or nothing (see :mod:`generator.transaction`),
        so an interrupt comes either before it or once it is complete.
        """
        from .transaction import changes_made

        made = changes_made()
        try:
            return super().invoke(ctx)
        except (click.Abort, KeyboardInterrupt):  # before Click prints a blank line for it
            if changes_made() > made:
                raise Interrupted(MADE_IN_FULL) from None
            raise Interrupted(NOTHING_WRITTEN) from None


NOTHING_WRITTEN = "interrupted; nothing was written"
MADE_IN_FULL = "interrupted once the change was made in full: check `git status`"
STOPPING = (signal.SIGTERM, signal.SIGHUP)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def fail(message: str, code: int) -> None:
    """Print ``error: message`` on stderr and exit with ``code``."""
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(code)


@click.group(cls=ScaffoldGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scaffold")
def cli() -> None:
    """Start a Flask or Django project that installs, passes its tests and serves pages."""


@cli.command()
@click.argument("project_name", required=False)
@click.option("--framework", help="flask or django; the template follows from the extensions.")
@click.option("--template", "template_name", help="Use this template (see `scaffold list`).")
@click.option(
    "--with",
    "enable",
    multiple=True,
    metavar="EXT | OPTION=CHOICE",
    help="Turn an extension on, or choose (tasks=celery).",
)
@click.option("--without", "disable", multiple=True, metavar="EXT", help="Turn an extension off.")
@click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE", help="Answer a question.")
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML or JSON answers, e.g. a project's .scaffold.json.",
)
@click.option("--no-input", is_flag=True, help="Never prompt (also implied by CI or no terminal).")
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where the project folder is created.",
)
@click.option("--force", is_flag=True, help="Write into an existing folder; other files stay.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (implies --no-input).")
@click.option("--git/--no-git", default=False, help="git init and commit the new project.")
@click.option("--lock", is_flag=True, help="Write uv.lock with `uv lock` (needs uv and the index).")
@click.option("--install", is_flag=True, help="Make .venv with `uv sync` (needs uv and the index).")
def new(
    project_name: str | None,
    framework: str | None,
    template_name: str | None,
    enable: tuple[str, ...],
    disable: tuple[str, ...],
    assignments: tuple[str, ...],
    answers_file: Path | None,
    no_input: bool,
    output_dir: Path,
    force: bool,
    dry_run: bool,
    as_json: bool,
    git: bool,
    lock: bool,
    install: bool,
) -> None:
    """Generate a new project.

    In a terminal it asks the questions it has no answers for; with
    --no-input, in CI or without a terminal it uses defaults, flags and the
    answers file, and never waits for input.
    """
    from .answers import load_answers
    from .create import generate, target_path
    from .model import load_templates
    from .render import follow_new_name, render_answers
    from .report import next_steps, summary, tree
    from .resolve import parse_assignments
    from .selection import by_name, candidates, resolve_request

    templates = load_templates()
    file_template, given = load_answers(answers_file) if answers_file else (None, {})
    template_name = template_name or file_template
    template = by_name(templates, template_name) if template_name else None
    # --with OPTION=CHOICE says what --set OPTION=CHOICE does, as `add` takes it.
    said = parse_assignments([*assignments, *(e for e in enable if "=" in e)])
    enable = tuple(e for e in enable if "=" not in e)
    if project_name is not None:
        said["project_name"] = project_name
    if given and "project_name" in said:
        # Replaying another project's answers under a new name (given either
        # way): its slug and package name follow the new name, unless
        # somebody chose them.
        given = follow_new_name([template] if template else templates.values(), given)
    given |= said
    if template and framework and template.framework != framework:
        raise UsageError(f"template {template.name} is for {template.framework}, not {framework}")
    if framework and template is None:
        candidates(templates, framework)  # an unknown framework is an error before any prompt

    if is_interactive(no_input or as_json):
        from .prompts import ask_new, confirm

        template, resolution = ask_new(templates, template, framework, given, enable, disable)
        answers = render_answers(template, resolution.answers)
        confirm(summary(template, answers, target_path(output_dir, answers), resolution.notes))
    else:
        template, resolution = resolve_request(
            templates, template, framework, given, enable, disable
        )
        answers = render_answers(template, resolution.answers)

    for note in resolution.notes:
        click.echo(f"note: {note}", err=True)
    project = generate(
        template,
        answers,
        output_dir,
        force=force,
        dry_run=dry_run,
        git=git,
        lock=lock,
        install=install,
    )
    for note in project.notes:
        click.echo(f"note: {note}", err=True)
    notes = resolution.notes + project.notes
    steps = next_steps(template, answers, project.path, machine_set_up(install and not dry_run))
    if as_json:
        click.echo(
            json.dumps(
                {
                    "template": template.name,
                    "answers": answers,
                    "output": str(project.path.resolve()),
                    "dry_run": dry_run,
                    "files": project.files,
                    "notes": notes,
                    "next_steps": steps,
                },
                ensure_ascii=False,
            )
        )
        return
    if dry_run:
        click.echo(f"Would write {len(project.files)} files to {project.path}:")
        click.echo(tree(project.path.name, project.files))
        return
    click.secho(f"Created {project.path} from {template.name}.", fg="green", bold=True)
    click.echo("Next steps:")
    for step in steps:
        click.echo(f"  {step}")


def project_options(command: Any) -> Any:
    """The flags that add, remove and update share."""
    for decorator in reversed(
        [
            click.option(
                "--project",
                type=click.Path(file_okay=False, exists=True, path_type=Path),
                default=Path("."),
                show_default=True,
                help="The project (made by scaffold) to change.",
            ),
            click.option("--force", is_flag=True, help="Go ahead with uncommitted changes."),
            click.option("--dry-run", is_flag=True, help="Show what would change; write nothing."),
            click.option("--json", "as_json", is_flag=True, help="Print one JSON object."),
        ]
    ):
        command = decorator(command)
    return command


@cli.command()
@click.argument("extensions", nargs=-1, required=True, metavar="EXT... | OPTION=CHOICE...")
@project_options
def add(
    extensions: tuple[str, ...], project: Path, force: bool, dry_run: bool, as_json: bool
) -> None:
    """Add extensions to a project, or switch an option to another choice
    (tasks=celery), keeping your edits (three-way merge).

    What the project's template lacks moves it to the template that has it:
    `add login` takes flask-minimal to flask-sqlalchemy."""
    from .changes import change_options
    from .resolve import parse_assignments

    chosen = parse_assignments(e for e in extensions if "=" in e)
    names = [e for e in extensions if "=" not in e]
    outcome = change_options(project, enable=names, choose=chosen, force=force, dry_run=dry_run)
    show(outcome, dry_run, as_json)


@cli.command()
@click.argument("extensions", nargs=-1, required=True, metavar="EXT...")
@project_options
def remove(
    extensions: tuple[str, ...], project: Path, force: bool, dry_run: bool, as_json: bool
) -> None:
    """Remove extensions from a project; files you changed are kept.

    Removing an option with choices moves the project to a template without
    it: `remove database` takes flask-sqlalchemy to flask-minimal."""
    from .changes import change_options

    outcome = change_options(project, disable=extensions, force=force, dry_run=dry_run)
    show(outcome, dry_run, as_json)


@cli.command()
@project_options
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if the template has changed since the project took it in.",
)
def update(project: Path, force: bool, dry_run: bool, as_json: bool, check: bool) -> None:
    """Bring in what changed in the template since the project was made."""
    from .changes import update as update_project

    outcome = update_project(project, force=force or check, dry_run=dry_run or check)
    if not check:
        show(outcome, dry_run, as_json)
    elif as_json:
        show(outcome, True, as_json)
        sys.exit(1 if outcome.changes else 0)
    elif outcome.changes:
        fail(
            f"{project} is behind its template {outcome.template.name}: "
            f"{len(outcome.changes)} files would change; run `scaffold update`",
            1,
        )
    else:
        click.echo(f"{project} is up to date with its template {outcome.template.name}")


def show(outcome: Any, dry_run: bool, as_json: bool = False) -> None:
    """List the changes, what to run next, then the conflicts one per line;
    exit 1 on conflicts. With ``as_json``, all of it as one JSON object."""
    from .report import change_info

    info = change_info(outcome, dry_run)
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False))
        if outcome.conflicts:
            sys.exit(1)
        return
    for note in info["notes"]:
        click.echo(f"note: {note}", err=True)
    would = "would " if dry_run else ""
    for verb, key in (("add", "added"), ("update", "changed"), ("delete", "deleted")):
        for path in info[key]:
            click.echo(f"{would}{verb} {path}")
    if not outcome.changes:
        click.echo("nothing to change")
    for warning in info["warnings"]:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    if info["next_steps"]:
        click.echo("Next steps:")
        for step in info["next_steps"]:
            click.echo(f"  {step}")
    for change in outcome.conflicts:
        click.secho(f"conflict: {change.path} ({change.conflict})", fg="red", err=True)
    if outcome.conflicts:
        sys.exit(1)


@cli.command(name="list")
@click.option("--framework", help="Only the templates of this framework.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_templates(framework: str | None, as_json: bool) -> None:
    """Show the templates, their extensions, groups, help and constraints."""
    from .model import load_templates
    from .report import template_info, template_text
    from .selection import candidates

    templates = load_templates()
    shown = candidates(templates, framework) if framework else list(templates.values())
    if as_json:
        click.echo(json.dumps([template_info(t) for t in shown], indent=2))
    else:
        click.echo("\n\n".join(template_text(t) for t in shown))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, help="The port (0: any free one).")
def serve(host: str, port: int) -> None:
    """Serve a page and a JSON API that configure, preview and download projects.

    For a public service, run the WSGI app `generator.web:app` under gunicorn.
    """
    from .web import app
    from .web.server import is_loopback
    from .web.server import serve as run

    if not is_loopback(host):
        click.echo(
            f"note: {host} is reachable from other machines; the built-in server is "
            "for one machine or a trusted network (see `scaffold serve --help`)",
            err=True,
        )
    run(app, host, port, lambda url: click.echo(f"scaffold serve: {url} (Ctrl-C to stop)"))


def machine_set_up(installed: bool) -> str:
    """The set-up step for this machine (see :func:`generator.report.set_up_step`)."""
    import shutil

    from .interpreters import find_python
    from .report import set_up_step

    uv = shutil.which("uv") is not None
    return set_up_step(installed, uv, None if installed or uv else find_python())


def is_interactive(no_input: bool) -> bool:
    """Prompt only on a terminal, outside CI, and when not told otherwise."""
    ci = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
    return not no_input and not ci and sys.stdin.isatty() and sys.stdout.isatty()


def main() -> None:
    """The ``scaffold`` console script."""
    cli.main()
