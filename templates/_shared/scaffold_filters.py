"""Jinja filters that write an answer as a literal of the output's format.

Listed in each template's ``_extensions`` so that plain cookiecutter loads it
too. An answer pasted raw into code breaks on the first quote; these filters
make it arrive intact:

- ``py_str``: a Python string literal;
- ``toml_str``: a TOML basic string;
- ``yaml_str``: a YAML double-quoted scalar;
- ``md``: Markdown text (every ASCII punctuation character backslash-escaped,
  so ``*``, ``_``, ``#``, ``<`` or ``[`` stay literal);
- ``html_text``: text in an HTML page that the project's own template
  engine (Jinja or Django) renders: HTML-escaped, and with ``{``, ``}``,
  ``%`` and ``#`` as character references, so that no template syntax can
  slip in;
- ``answers_json``: the answers and the ``_scaffold`` metadata as JSON, for
  the post-generation hook (the rest of cookiecutter's context may hold
  objects that are not JSON).
"""

import html
import json
import string

from jinja2 import Environment
from jinja2.ext import Extension


def py_str(value: object) -> str:
    """A double-quoted Python string literal, as ruff format writes it."""
    return json.dumps(str(value), ensure_ascii=False)


def toml_str(value: object) -> str:
    """A TOML basic string (JSON's escapes, plus DEL, which TOML forbids raw)."""
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def yaml_str(value: object) -> str:
    """A YAML double-quoted scalar; JSON's escapes are YAML's, and non-ASCII
    is escaped too, so that no line break or BOM of Unicode's can slip in."""
    return json.dumps(str(value), ensure_ascii=True)


def md(value: object) -> str:
    """Markdown text that renders as ``value``, character for character.

    Leading spaces become character references: four of them would start a
    code block.
    """
    text = "".join("\\" + c if c in string.punctuation else c for c in str(value))
    stripped = text.lstrip(" ")
    return "&#32;" * (len(text) - len(stripped)) + stripped


def html_text(value: object) -> str:
    """HTML text that neither the browser nor a template engine reads as markup."""
    return "".join(f"&#{ord(c)};" if c in "{}%#" else html.escape(c) for c in str(value))


def answers_json(context: dict) -> str:
    """The public answers plus ``_scaffold``, as one JSON document."""
    kept = {k: v for k, v in context.items() if not k.startswith("_") or k == "_scaffold"}
    return json.dumps(kept, ensure_ascii=False)


class FormatFilters(Extension):
    """Registers the filters listed in the module docstring."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(
            py_str=py_str,
            toml_str=toml_str,
            yaml_str=yaml_str,
            md=md,
            html_text=html_text,
            answers_json=answers_json,
        )
