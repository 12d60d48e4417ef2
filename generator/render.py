"""Render a template: answers in, files out, into a folder of the caller's.

The answers are completed here (derived fields such as the package name),
and cookiecutter renders the files and runs the template's hook. Where the
files go next is the caller's business (:mod:`generator.create` for a new
project, :mod:`generator.changes` for a change). Cookiecutter is imported
here, and only here, when a project is really being rendered.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import __version__
from .errors import ScaffoldError, UsageError
from .model import Template
from .resolve import check_fields, coerce


def render_answers(template: Template, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Fill in the derived fields (e.g. the package name from the project name)
    and check every free-text answer.

    Only the template's own defaults are rendered as Jinja; values the user
    gave are taken literally, so ``{{`` in a description stays ``{{``.
    """
    rendered = _derive(template, answers)
    check_fields(template, rendered)
    return rendered


def _derive(template: Template, answers: Mapping[str, Any]) -> dict[str, Any]:
    """``answers``, with each derived field still at its default rendered (the slug
    from the name); nothing is checked."""
    from cookiecutter.environment import StrictEnvironment
    from jinja2 import TemplateError

    rendered: dict[str, Any] = {}
    env = None
    for key in template.keys:
        value = answers[key]
        fld = template.field(key)
        if fld is not None and fld.is_derived and value == fld.default:
            env = env or _environment(template, StrictEnvironment)
            try:
                value = env.from_string(value).render(cookiecutter=rendered)
            except TemplateError as error:
                raise ScaffoldError(f"cannot work out {key}: {error}") from error
        rendered[key] = value
    return rendered


def follow_new_name(templates: Iterable[Template], answers: Mapping[str, Any]) -> dict[str, Any]:
    """``answers`` (e.g. a project's .scaffold.json) made ready for a new name.

    A derived field that holds what the old answers gave it (the slug of the
    old name) is dropped, to be worked out again from the new name; a value
    that somebody chose differs from that, and is kept. ``templates`` are
    those the answers may be for: the one named, or all of them when the
    template is still to be picked.
    """
    kept = dict(answers)
    for template in templates:
        derived = {f.key for f in template.fields if f.is_derived}
        try:
            # Coerced as `resolve` will (1.0 -> "1.0"): a file's raw values need not be text.
            known = {
                k: coerce(template, k, v)
                for k, v in answers.items()
                if k in template.keys and k not in derived
            }
        except UsageError:
            continue  # answers this template can't take; `resolve` says so if it is picked
        # Not checked: the old name is being replaced, so it need not be a valid one.
        previous = _derive(template, template.defaults() | known)
        for key in derived & kept.keys():
            if kept[key] == previous[key]:
                del kept[key]
    return kept


def render_tree(template: Template, answers: Mapping[str, Any], into: Path) -> Path:
    """Render the project's files (no record, no git) under ``into``; return
    the project folder cookiecutter made there."""
    into.mkdir(parents=True, exist_ok=True)
    return _cookiecutter(template, answers, into)


def _environment(template: Template, env_class: type) -> Any:
    """Cookiecutter's Jinja environment for ``template``, with its extensions."""
    with _on_sys_path(template.path):
        return env_class(context={"cookiecutter": template.context}, keep_trailing_newline=True)


def _cookiecutter(template: Template, answers: Mapping[str, Any], output_dir: Path) -> Path:
    """Run cookiecutter's renderer (not its prompting or replay machinery)."""
    from cookiecutter.exceptions import CookiecutterException, FailedHookException
    from cookiecutter.generate import generate_files
    from jinja2 import TemplateError

    context = dict(template.context) | dict(answers)
    context |= {"_template": str(template.path), "_output_dir": str(output_dir)}
    if cache := _bytecode_cache():
        context["_jinja2_env_vars"] = {
            **context.get("_jinja2_env_vars", {}),
            "bytecode_cache": cache,
        }
    hook = _lone_python_hook(template.path / "hooks")
    try:
        with _on_sys_path(template.path):
            project = generate_files(
                repo_dir=str(template.path),
                context={"cookiecutter": context},
                output_dir=str(output_dir),
                accept_hooks=hook is None,
            )
            if hook is not None:
                _run_hook_here(template, hook, Path(project), {"cookiecutter": context})
    except FailedHookException as error:
        raise ScaffoldError(
            f"template {template.name}: a generation hook failed: {error}"
        ) from None
    except (CookiecutterException, TemplateError, RecursionError, ValueError) as error:
        # A broken template (a self-including file recurses) is one line, not a traceback.
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ScaffoldError(f"template {template.name} failed to render: {message}") from None
    return Path(project)


def _lone_python_hook(hooks: Path) -> Path | None:
    """The template's post_gen_project.py when it is its only hook, else None."""
    if not hooks.is_dir():
        return None
    names = {p.name for p in hooks.iterdir() if p.name != "__pycache__"}
    return hooks / "post_gen_project.py" if names == {"post_gen_project.py"} else None


def _run_hook_here(template: Template, hook: Path, project: Path, context: dict) -> None:
    """Render and run a Python post-generation hook in this process.

    Cookiecutter would start a new interpreter for it (and leave the rendered
    script in the temporary folder); running it here is the same code, a
    good part of a second sooner.
    """
    from cookiecutter.utils import create_env_with_context

    source = create_env_with_context(context).from_string(hook.read_text(encoding="utf-8"))
    code = compile(source.render(**context), str(hook), "exec")
    previous = Path.cwd()
    os.chdir(project)
    try:
        exec(code, {"__name__": "__main__", "__file__": str(hook)})
    except SystemExit as exit_:
        if exit_.code not in (None, 0):
            raise ScaffoldError(f"template {template.name}: a hook failed: {exit_.code}") from None
    except Exception as error:
        raise ScaffoldError(f"template {template.name}: a hook failed: {error}") from None
    finally:
        os.chdir(previous)


def _bytecode_cache() -> Any:
    """A cache of compiled Jinja templates under the user's cache folder.

    Compiling the templates is most of the rendering time; Jinja checks each
    entry against the template's source, so a stale entry is never used.
    """
    from jinja2 import FileSystemBytecodeCache

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "scaffold" / f"jinja-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # no cache folder, no cache: only slower
    return FileSystemBytecodeCache(str(folder))


@contextmanager
def _on_sys_path(path: Path) -> Iterator[None]:
    """Make the template's Jinja extensions importable, as cookiecutter does."""
    sys.path.insert(0, str(path))
    try:
        yield
    finally:
        sys.path.remove(str(path))
