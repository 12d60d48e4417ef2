"""Render a template into a new project, atomically.

The project is rendered by cookiecutter into a temporary folder beside the
target and moved into place only once complete, so a template error, a failed
hook or an interrupt leaves nothing behind. Cookiecutter is imported here, and
only here, when a project is really being made.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import Interrupted, ScaffoldError, UsageError
from .model import Template
from .repo import initial_commit
from .resolve import check_fields, coerce

RECORD_FILE = ".scaffold.json"


@dataclass
class Project:
    """What was (or, for a dry run, would be) written."""

    template: Template
    answers: dict[str, Any]
    path: Path
    files: list[str]


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


def target_path(output_dir: Path, answers: Mapping[str, Any]) -> Path:
    """Where the project goes: its slug under ``output_dir``."""
    return output_dir / answers["project_slug"]


def generate(
    template: Template,
    answers: Mapping[str, Any],
    output_dir: Path,
    *,
    force: bool = False,
    dry_run: bool = False,
    git: bool = False,
) -> Project:
    """Render ``template`` with complete ``answers`` into ``output_dir``.

    An existing, non-empty target is refused unless ``force``: then every file
    the template produces replaces the file of the same path, and every other
    file in the target is kept as it was. ``dry_run`` renders into a scratch
    folder and writes nothing at the destination.
    """
    target = target_path(output_dir, answers)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    if not force and target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{target} already exists and is not empty; use --force to write into it")
    scratch_parent = Path(tempfile.gettempdir()) if dry_run else output_dir
    with (
        nullcontext() if dry_run else _output_dir(output_dir),
        _scratch_dir(scratch_parent, target.name) as scratch,
    ):
        rendered = _cookiecutter(template, answers, scratch)
        write_record(rendered, template, answers)
        files = sorted(p.relative_to(rendered).as_posix() for p in _walk(rendered))
        if not dry_run:
            _move_into_place(rendered, target)
    if git and not dry_run:
        try:
            initial_commit(target, files)
        except KeyboardInterrupt:  # the project is in place by now
            raise Interrupted(
                f"interrupted; {target} is written, but its git repository may be incomplete"
            ) from None
    return Project(template, dict(answers), target, files)


def render_tree(template: Template, answers: Mapping[str, Any], into: Path) -> Path:
    """Render the project's files alone (no record, no git) under ``into``."""
    into.mkdir(parents=True)
    return _cookiecutter(template, answers, into)


def write_record(project: Path, template: Template, answers: Mapping[str, Any]) -> None:
    """Write ``.scaffold.json``: enough to make the project again."""
    record = {"scaffold_version": __version__, "template": template.name, "answers": dict(answers)}
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    (project / RECORD_FILE).write_text(text, encoding="utf-8")


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


def _walk(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() or path.is_symlink():
            yield path


@contextmanager
def _output_dir(output_dir: Path) -> Iterator[None]:
    """Create ``output_dir`` and whichever of its parents are missing; if the
    run then fails, remove again the ones this run created."""
    created = _missing_folders(output_dir)
    try:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ScaffoldError(f"cannot create {output_dir}: {error.strerror}") from None
        if not os.access(output_dir, os.W_OK | os.X_OK):
            raise ScaffoldError(f"cannot write to {output_dir}: permission denied")
        yield
    except BaseException:  # an interrupt too: a failed run leaves nothing behind
        for folder in created:
            try:
                folder.rmdir()
            except OSError:  # not empty: somebody else is using it
                break
        raise


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and its parents that do not exist yet, deepest first."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            break
        missing.append(path)
    return missing


@contextmanager
def _scratch_dir(parent: Path, name: str) -> Iterator[Path]:
    """A temporary folder in ``parent``, removed afterwards whatever happens,
    SIGTERM included (it is turned into KeyboardInterrupt meanwhile)."""
    try:
        scratch = Path(tempfile.mkdtemp(prefix=f".{name}.scaffold-", dir=parent))
    except OSError as error:
        raise ScaffoldError(f"cannot write to {parent}: {error.strerror}") from None
    previous = signal.getsignal(signal.SIGTERM)
    in_main_thread = _set_sigterm(_interrupt)
    try:
        yield scratch
    except OSError as error:
        raise ScaffoldError(f"cannot write the project: {error.strerror or error}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _set_sigterm(handler: Any) -> bool:
    try:
        signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        return False
    return True


def _move_into_place(rendered: Path, target: Path) -> None:
    """Put the finished project at ``target`` in as few steps as possible.

    A new target is one rename. An existing one (empty, or with --force)
    receives each file by ``os.replace``; files it has that the template does
    not produce stay.
    """
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    if not target.exists():
        rendered.rename(target)
        return
    sources = sorted(_walk(rendered))
    _check_destinations(rendered, sources, target)
    for source in sources:
        destination = target / source.relative_to(rendered)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, destination)


def _check_destinations(rendered: Path, sources: list[Path], target: Path) -> None:
    """Refuse a target whose folders stand where the template writes files, or
    files where it needs folders, before any file is replaced: a clash found
    midway would leave the project half-written."""
    folders: set[Path] = set()
    for source in sources:
        relative = source.relative_to(rendered)
        destination = target / relative
        if destination.is_dir() and not destination.is_symlink():
            raise UsageError(f"{destination} is a folder; the template writes a file there")
        folders.update(target / parent for parent in relative.parents[:-1])  # [-1] is "."
    for folder in sorted(folders):
        if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
            raise UsageError(f"{folder} is a file; the template writes a folder there")


@contextmanager
def _on_sys_path(path: Path) -> Iterator[None]:
    """Make the template's Jinja extensions importable, as cookiecutter does."""
    sys.path.insert(0, str(path))
    try:
        yield
    finally:
        sys.path.remove(str(path))
