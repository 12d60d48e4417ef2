"""Answers files: YAML or JSON, the same shape as a project's ``.scaffold.json``.

template: flask-minimal        # optional
answers:
  project_name: shop
  forms: true

A file is input like any other, from anywhere: it is read within fixed
bounds (size, lines, values with YAML's aliases expanded, depth), each answer
must be one value (text, yes/no or a number), and a number or date that YAML
or JSON would silently turn into something else (``1.10`` into 1.1) is
refused with a hint to quote it. Errors name the key and the kind of value,
never the whole value.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks import MAX_NAME, MAX_TEXT
from .errors import UsageError, closest

TOP_LEVEL_KEYS = ("template", "answers", "scaffold_version")
MAX_BYTES = 1 << 20
# The pure-Python YAML scanner pays for every line break (half a million of
# them take over a second); an answers file has a few dozen lines.
MAX_LINES = 10_000
MAX_VALUES = 10_000  # YAML nodes, each alias counting as the whole node it names
MAX_DEPTH = 32
# The longest 64-bit integer or float that reads back as written has 24
# characters; a longer number is out of range or spelled oddly.
MAX_NUMBER = 32
YAML_LINE_BREAKS = "\n\r\x85\u2028\u2029"
YAML_TAG = "tag:yaml.org,2002:"
# Tags a YAML file may spell out: "!" and "!!str" both mean text.
ALLOWED_TAGS = (None, "!", YAML_TAG + "str")


class _Refused(Exception):
    """Why the file's content is refused; ``load_answers`` names the file."""


@dataclass(frozen=True, slots=True)
class _Number:
    """A number as a JSON file spells it, read once its key is known."""

    text: str
    read: Callable[[str], int | float]


def load_answers(path: Path) -> tuple[str | None, dict[str, Any]]:
    """Read an answers file into (template name or None, answers)."""
    data = _read(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"answers file {path} is not UTF-8 text") from None
    try:
        return _answers(path, _parse(path, text))
    except _Refused as error:
        raise UsageError(f"answers file {path}: {error}") from None


def _read(path: Path) -> bytes:
    """The file's bytes, refusing anything but a regular file of at most MAX_BYTES.

    Opened without blocking (a FIFO with no writer would wait forever) and
    checked on the open descriptor, before any read: /dev/zero or a FIFO
    never ends, and checking the path first would leave a window to swap it.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise UsageError(f"cannot read answers file {path}: {error.strerror}") from None
    with open(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(f"answers file {path} is not a regular file")
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UsageError(f"answers file {path} is larger than {MAX_BYTES >> 20} MiB")
    return data


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(
                text,
                parse_int=lambda t: _Number(t, int),
                parse_float=lambda t: _Number(t, float),
                parse_constant=lambda t: _Number(t, float),  # NaN, Infinity
            )
        except RecursionError:
            raise _Refused(f"nested more than {MAX_DEPTH} deep") from None
        except ValueError as error:
            raise UsageError(f"answers file {path} is not valid JSON: {error}") from None
    return _parse_yaml(path, text)


def _parse_yaml(path: Path, text: str) -> Any:
    """YAML within bounds: composed and checked as a graph of nodes, and only
    then made into Python values. Those share what an alias names, but
    anything that walks them (an error's repr, the record written) would
    expand every alias."""
    import yaml

    if sum(text.count(c) for c in YAML_LINE_BREAKS) > MAX_LINES:
        raise _Refused(f"more than {MAX_LINES:,} lines")
    try:
        loader = _bounded_loader()(text)  # refuses a control character already
        node = loader.get_single_node()
        if node is None:  # an empty file
            return None
        _check_nodes(loader, node)
        return loader.construct_document(node)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" at line {where.line + 1}" if where else ""
        raise UsageError(f"answers file {path} is not valid YAML{at}") from None


def _bounded_loader() -> type:
    """PyYAML's safe loader composing at most MAX_VALUES nodes, MAX_DEPTH deep.

    Its pure-Python parser on purpose: the parser must stop at the first node
    too many, and libyaml's (CSafeLoader) took over 20 GiB of memory on a
    file of 200,000 '[' before giving the first node.
    """
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        depth = 0
        nodes = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            tag = getattr(event, "tag", None)  # an alias has none
            if tag not in ALLOWED_TAGS:
                tag = tag.replace(YAML_TAG, "!!", 1)
                raise _Refused(
                    f"line {event.start_mark.line + 1}: YAML tag {_shown(tag)} "
                    "is not read; write the value plainly"
                )
            self.nodes += 1
            if self.nodes > MAX_VALUES:
                raise _Refused(f"more than {MAX_VALUES:,} values")
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise _Refused(f"nested more than {MAX_DEPTH} deep")
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return BoundedLoader


def _check_nodes(loader: Any, root: Any) -> None:
    """Walk the node graph as construction would expand it, each alias as a
    copy of what it names, refusing past MAX_VALUES nodes or MAX_DEPTH
    levels (a billion laughs; ``&a [*a]``), and check every number and date."""
    import yaml

    stack = [(root, "", 1)]
    expanded = 1  # counted as nodes are pushed, so that the stack stays bounded too
    while stack:
        node, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} deep (aliases expanded)")
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(loader, node, where or "the file")
            continue
        if isinstance(node, yaml.MappingNode):
            children = []
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                name = name if len(name) <= MAX_NAME else f"{name[:MAX_NAME]}..."
                children += [(key, where, depth + 1), (value, _join(where, name), depth + 1)]
        else:
            children = [(item, f"{where}[{i}]", depth + 1) for i, item in enumerate(node.value)]
        expanded += len(children)
        if expanded > MAX_VALUES:
            raise _Refused(f"more than {MAX_VALUES:,} values (aliases expanded)")
        stack += children


def _check_scalar(loader: Any, node: Any, where: str) -> None:
    """Refuse a YAML number or date whose text is not what it becomes."""
    kind = node.tag.removeprefix(YAML_TAG)
    if kind == "timestamp" and len(node.value) > MAX_NUMBER:
        raise _Refused(f"{where}: YAML reads a {len(node.value):,}-character value as a date")
    if kind == "timestamp":
        raise _Refused(f'{where}: YAML reads {node.value} as a date; quote it: "{node.value}"')
    if kind in ("int", "float"):
        _number(where, node.value, "YAML", lambda _: loader.construct_object(node))


def _number(where: str, text: str, reader: str, read: Callable[[str], int | float]) -> int | float:
    """A number read from ``text``, refused unless it is a 64-bit integer or a
    float and its text is exactly how Python writes it (``1.10``, ``0x1f``,
    ``1_000``, ``1:30``, ``.inf`` all change on the way)."""
    if len(text) > MAX_NUMBER:
        # Never read: a 5,000-digit integer is too long even for int().
        raise _Refused(f"{where}: a number of {len(text):,} characters is out of range")
    value = read(text)
    if repr(value) != text:
        said = f"{reader} reads {text} as the number {value!r}"
        raise _Refused(f'{where}: {said}; quote it: "{text}"')
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        raise _Refused(f"{where}: the integer {text} is out of range (64 bits)")
    return value


def _answers(path: Path, data: Any) -> tuple[str | None, dict[str, Any]]:
    """Check the file's shape and values: a mapping of the top-level keys,
    and under ``answers`` one value per name."""
    if not isinstance(data, dict):
        raise UsageError(f"answers file {path} must hold a mapping, not {type(data).__name__}")
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise _Refused(
                f"unknown key {_shown(key)}{closest(str(key)[:MAX_NAME], TOP_LEVEL_KEYS)}; "
                f"expected {', '.join(TOP_LEVEL_KEYS)}"
            )
    template, version = data.get("template"), data.get("scaffold_version")
    if template is not None and not _is_name(template):
        raise _Refused("'template' must be a name")
    if version is not None and not _is_name(version):
        raise _Refused("'scaffold_version' must be a version")
    answers = data.get("answers")
    if answers is None:  # `answers:` with nothing after it, or no such key
        answers = {}
    if not isinstance(answers, dict):
        raise _Refused("'answers' must map names to values")
    for key in answers:
        if not isinstance(key, str):
            kind = type(key).__name__
            raise _Refused(f"'answers' must map names to values; the key {_shown(key)} is {kind}")
        if len(key) > MAX_NAME:
            raise _Refused(f"'answers' must map names to values; a key of {len(key):,} characters")
    return template, {key: _value(_join("answers", key), v) for key, v in answers.items()}


def _value(where: str, value: Any) -> Any:
    """One answer: text (of at most MAX_TEXT characters), yes/no or a number."""
    if isinstance(value, _Number):
        return _number(where, value.text, "JSON", value.read)
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise _Refused(f"{where}: text of {len(value):,} characters, longer than {MAX_TEXT}")
    if isinstance(value, str | bool | int | float):
        return value
    names = {dict: "a mapping", list: "a list", type(None): "null"}
    kind = names.get(type(value), type(value).__name__)
    raise _Refused(f"{where}: {kind} is not an answer (text, yes/no or a number)")


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_NAME


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _shown(value: object) -> str:
    """``repr(value)``, cut short: a key or tag may be a megabyte long."""
    text = repr(value)
    return text if len(text) <= MAX_NAME else f"{text[:MAX_NAME]}..."
