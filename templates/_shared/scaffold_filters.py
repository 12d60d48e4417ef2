"""Jinja filters that write an answer as a literal of the output's format.

Listed in each template's ``_extensions`` so that plain cookiecutter loads it
too. An answer pasted raw into code breaks on the first quote; these filters
make it arrive intact.
"""

import json

from jinja2 import Environment
from jinja2.ext import Extension


def py_str(value: object) -> str:
    """A double-quoted Python string literal, as ruff format writes it."""
    return json.dumps(str(value), ensure_ascii=False)


def toml_str(value: object) -> str:
    """A TOML basic string (JSON's escapes, plus DEL, which TOML forbids raw)."""
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


class FormatFilters(Extension):
    """Registers the filters ``py_str`` and ``toml_str``."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["py_str"] = py_str
        environment.filters["toml_str"] = toml_str
