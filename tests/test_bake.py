"""Every valid combination of every template's options, baked with plain
cookiecutter (pytest-cookies), passes the static checks.

The external linters (hadolint, actionlint, djlint) see each distinct file
content once per session: many combinations share the same Dockerfile.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from support import all_combinations, combo_id, parse_file, real_templates, ruff, run, text_files

TEMPLATES = real_templates()
CASES = [
    pytest.param(name, combo, id=f"{name}-{combo_id(combo)}")
    for name, template in TEMPLATES.items()
    for combo in all_combinations(template)
]
# Template syntax left behind by cookiecutter. Project templates (HTML under a
# `templates/` folder) use the same syntax on purpose; GitHub's ${{ }} is not ours.
LEFTOVER = re.compile(r"(?<!\$)\{\{|\{%|\{#")
_linted: set[tuple[str, str]] = set()


def lint_once(tool: list[str], path: Path) -> None:
    """Run ``tool`` on ``path`` unless this content already passed it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    key = (tool[0], digest)
    if key in _linted:
        return
    run([*tool, str(path)], path.parent)
    _linted.add(key)


def bandit_new_files(project: Path) -> None:
    """bandit at medium severity and up, on each Python file content not yet seen."""
    fresh = []
    for path in sorted(project.rglob("*.py")):
        key = ("bandit", hashlib.sha256(path.read_bytes()).hexdigest())
        if key not in _linted:
            fresh.append(path)
            _linted.add(key)
    if fresh:
        run(["bandit", "--quiet", "--severity-level", "medium", *map(str, fresh)], project)


def unchosen_files(template_name: str, answers: dict[str, Any]) -> list[str]:
    """Paths declared by options that are off, and by no option that is on."""
    template = TEMPLATES[template_name]
    declared: dict[str, bool] = {}
    for option in template.options:
        value = answers[option.key]
        owned = [(value is True, f) for f in option.files]
        spec = template.context["_scaffold"]["options"].get(option.key, {})
        for choice, choice_spec in spec.get("choices", {}).items():
            owned += [(value == choice, f) for f in choice_spec.get("files", [])]
        for chosen, pattern in owned:
            path = pattern.format_map(answers)
            declared[path] = declared.get(path, False) or chosen
    return [path for path, chosen in declared.items() if not chosen]


@pytest.mark.parametrize(("template_name", "combo"), CASES)
def test_combination_bakes_clean(cookies_session, template_name: str, combo: dict) -> None:
    template = TEMPLATES[template_name]
    result = cookies_session.bake(extra_context=combo, template=str(template.path))
    assert result.exit_code == 0, result.exception
    project: Path = result.project_path
    answers = result.context
    try:
        for path in text_files(project):
            text = path.read_text(encoding="utf-8")
            rel = path.relative_to(project)
            assert "cookiecutter" not in text, f"{rel} mentions cookiecutter"
            if "templates" not in rel.parts:
                assert not LEFTOVER.search(text), f"{rel} has template syntax left"
            parse_file(path)

        for rel in unchosen_files(template_name, answers):
            assert not (project / rel).exists(), f"{rel} belongs to an option that is off"

        run([*ruff(), "check", "--no-cache", "."], project)
        run([*ruff(), "format", "--check", "--no-cache", "."], project)
        bandit_new_files(project)
        if (project / "Dockerfile").exists():
            lint_once(["hadolint"], project / "Dockerfile")
        for workflow in sorted((project / ".github" / "workflows").glob("*.yml")):
            lint_once(["actionlint"], workflow)
        for html in sorted(project.rglob("templates/**/*.html")):
            profile = "django" if template.framework == "django" else "jinja"
            lint_once(["djlint", "--lint", f"--profile={profile}"], html)
    finally:
        shutil.rmtree(project, ignore_errors=True)
