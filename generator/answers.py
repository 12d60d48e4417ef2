"""Answers files: YAML or JSON, the same shape as a project's ``.scaffold.json``.

template: flask-minimal        # optional
answers:
  project_name: shop
  forms: true
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import UsageError, closest

TOP_LEVEL_KEYS = ("template", "answers", "scaffold_version")


def load_answers(path: Path) -> tuple[str | None, dict[str, Any]]:
    """Read an answers file into (template name or None, answers)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read answers file {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"answers file {path} is not UTF-8 text") from None
    data = _parse(path, text)
    if not isinstance(data, dict):
        raise UsageError(f"answers file {path} must hold a mapping, not {type(data).__name__}")
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise UsageError(
                f"answers file {path}: unknown key {key!r}{closest(str(key), TOP_LEVEL_KEYS)}; "
                f"expected {', '.join(TOP_LEVEL_KEYS)}"
            )
    answers = data.get("answers")
    if answers is None:  # `answers:` with nothing after it, or no such key
        answers = {}
    if not isinstance(answers, dict) or not all(isinstance(k, str) for k in answers):
        raise UsageError(f"answers file {path}: 'answers' must map names to values")
    template = data.get("template")
    if template is not None and not isinstance(template, str):
        raise UsageError(f"answers file {path}: 'template' must be a name")
    return template, answers


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except ValueError as error:
            raise UsageError(f"answers file {path} is not valid JSON: {error}") from None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" at line {where.line + 1}" if where else ""
        raise UsageError(f"answers file {path} is not valid YAML{at}") from None
