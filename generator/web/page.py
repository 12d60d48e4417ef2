"""The page of ``scaffold serve``: the starter form, its notes, and a
preview of the files, rendered on the server (``page.html``).

The form is a plain GET form, so the page works without JavaScript;
``static/page.js`` only submits it on every change and swaps the result in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..model import Option, Template, option_key
from ..selection import candidates, frameworks
from ..starter import MAX_VALUE, Starter, listed

DEFAULT_FILE = "README.md"
DEFAULT_FRAMEWORK = "flask"  # what the page shows before any choice


@dataclass(frozen=True)
class Extension:
    """A checkbox: the option, whether it is on, and the template that
    brings it when that is not the first one offered."""

    option: Option
    on: bool
    owner: str | None

    @property
    def needs(self) -> str:
        return ", ".join(r.label() for r in self.option.requires)

    @property
    def excludes(self) -> str:
        return ", ".join(r.label() for r in self.option.conflicts)


@dataclass(frozen=True)
class Folder:
    """A folder of the file tree: its sub-folders and files by name."""

    name: str
    folders: list[Folder]
    files: list[tuple[str, str]]  # (name, path)


class PageRenderer:
    """Renders ``page.html`` from the templates, the request's parameters
    and the starter they gave (or the error they gave instead)."""

    def __init__(self) -> None:
        self._environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(Path(__file__).parent),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(
        self,
        templates: Mapping[str, Template],
        parameters: Mapping[str, Sequence[str]],
        starter: Starter | None,
        files: Mapping[str, bytes],
        shown_file: str | None,
        error: str | None,
    ) -> bytes:
        """The whole page; ``files`` is the starter's project (empty on error)."""
        given = {name: values[0] for name, values in parameters.items() if values and values[0]}
        template = starter.template if starter else _template_asked(templates, given)
        siblings = candidates(templates, template.framework)
        offered = [template] if given.get("template") else siblings
        shown_file = shown_file or DEFAULT_FILE
        content = files.get(shown_file)
        query = starter.share_query() if starter else ""
        return (
            self._environment.get_template("page.html")
            .render(
                frameworks=frameworks(templates),
                framework=template.framework,
                templates=siblings,
                template_given=given.get("template", ""),
                template=template,
                answers=starter.answers if starter else template.defaults(),
                given=given,
                groups=_extension_groups(offered, starter, parameters),
                choices=[o for o in template.options if not o.is_extension],
                starter=starter,
                error=error,
                query=query,
                share=f"/?{query}" if starter else "",
                tree=_tree(files),
                default_file=DEFAULT_FILE,
                max_value=MAX_VALUE,
                shown_file=shown_file if content is not None or not files else None,
                missing_file=shown_file if files and content is None else None,
                content=as_text(content),
                size=len(content) if content is not None else 0,
            )
            .encode()
        )


def _template_asked(templates: Mapping[str, Template], given: Mapping[str, str]) -> Template:
    """The template the form shows when the request made no starter."""
    if given.get("template") in templates:
        return templates[given["template"]]
    framework = given.get("framework")
    if framework not in frameworks(templates):
        framework = DEFAULT_FRAMEWORK
    return candidates(templates, framework)[0]


def _extension_groups(
    offered: Sequence[Template],
    starter: Starter | None,
    parameters: Mapping[str, Sequence[str]],
) -> dict[str, list[Extension]]:
    """The checkboxes by group: every extension of the templates offered,
    ticked where the starter has it on, or, when the request made no
    starter, where the request ticked it (or else by default)."""
    if starter:
        on = {key for key, value in starter.answers.items() if value is True}
    elif "extensions" in parameters:
        on = {option_key(name) for name in listed(parameters, "extensions")}
    else:
        on = {key for key, value in offered[0].defaults().items() if value is True}
    seen: set[str] = set()
    groups: dict[str, list[Extension]] = {}
    for template in offered:
        for option in template.extensions:
            if option.key in seen:
                continue
            seen.add(option.key)
            owner = None if template is offered[0] else template.name
            extension = Extension(option, option.key in on, owner)
            groups.setdefault(option.group or "Extensions", []).append(extension)
    return groups


def _tree(files: Mapping[str, bytes]) -> Folder:
    """The files as nested folders, folders first, each sorted by name."""
    root: dict[str, Any] = {}
    for path in files:
        *parents, name = path.split("/")
        node = root
        for parent in parents:
            node = node.setdefault(parent + "/", {})
        node[name] = path
    return _folder("", root)


def _folder(name: str, node: dict[str, Any]) -> Folder:
    entries = sorted(node.items())
    folders = [_folder(key, value) for key, value in entries if isinstance(value, dict)]
    files = [(key, value) for key, value in entries if isinstance(value, str)]
    return Folder(name, folders, files)


def as_text(content: bytes | None) -> str | None:
    """``content`` as UTF-8 text, or None for a binary file."""
    if content is None:
        return None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return None
