"""Jinja filters that write an answer as a literal of the output's format.

Listed in each template's ``_extensions`` so that plain cookiecutter loads it
too. An answer pasted raw into code breaks on the first quote; these filters
make it arrive intact:

- ``py_str``: a Python string literal;
- ``toml_str``: a TOML basic string;
- ``yaml_str``: a YAML double-quoted scalar;
- ``md``: one line of Markdown text, in a paragraph or a heading, with a
  backslash before each character that Markdown would read as markup there
  (``*``, ``[``, a ``#`` that starts a heading...) and before no other;
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
import re
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


# Characters that start markup wherever they stand: code spans, emphasis,
# links and images, strikethrough (GitHub) and math (GitHub: $x$).
ALWAYS_ESCAPED = frozenset("`*[~$")
# What a line may start with to become a heading, a quote, a list item or a
# thematic break rather than text; the group is the character to escape.
BLOCK_START = re.compile(
    r"(#)#{0,5}(?:[ \t]|$)|(>)|([-+])(?:[ \t]|$)|\d{1,9}([.)])(?:[ \t]|$)|(-)[ \t-]*$"
)
# Text that would end a heading (a closing sequence of #), and the # to escape.
HEADING_END = re.compile(r"(?:^|[ \t])(#)#*[ \t]*$")
# An entity or character reference, which Markdown would decode: &amp; &#35;
REFERENCE = re.compile(r"&#?[0-9A-Za-z]+;")


def md(value: object) -> str:
    """One line of Markdown text, in a paragraph or after a heading's ``# ``,
    that renders as ``value`` character for character.

    Only the characters that Markdown would read as markup in their place
    get a backslash, so that ``A Flask application.`` stays as it is: those
    of ``ALWAYS_ESCAPED``; ``_`` unless between letters or digits (no
    emphasis can start or end there); ``\\`` before punctuation (where it
    would escape); ``<`` before anything but a space (an HTML tag or an
    autolink); ``&`` that starts a reference; a block's marker at the start
    of the line and a heading's closing ``#`` at its end. Leading spaces
    become character references: four of them would start a code block (and
    other leading whitespace, which some renderers drop).
    """
    text = str(value)
    escape = {match.start() for match in REFERENCE.finditer(text)}
    if block := BLOCK_START.match(text):
        escape.add(next(block.start(i) for i in range(1, 6) if block.group(i)))
    if heading := HEADING_END.search(text):
        escape.add(heading.start(1))
    for i, c in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if (
            c in ALWAYS_ESCAPED
            or (c == "_" and not (before.isalnum() and after.isalnum()))
            or (c == "\\" and after in string.punctuation)
            or (c == "<" and after != " ")
        ):
            escape.add(i)
    escaped = "".join("\\" + c if i in escape else c for i, c in enumerate(text))
    stripped = escaped.lstrip()
    leading = escaped[: len(escaped) - len(stripped)]
    # Not U+0085, a control character that Markdown neither drops nor decodes
    # from a reference.
    return "".join(c if c == "\x85" else f"&#{ord(c)};" for c in leading) + stripped


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
