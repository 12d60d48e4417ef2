"""Every valid combination of every template's options renders clean.

Each combination is rendered the way ``scaffold new`` renders it, and
checked: no template syntax left, every .py/.toml/.yaml/.json parses,
``ruff check`` and ``ruff format --check`` are clean, no file of an unchosen
option is there, and hadolint, actionlint, djlint and bandit (medium
severity) find nothing; pre-commit's ruff is one the project's own ruff
requirement accepts. Those linters see each distinct file content once per
session: many combinations share the same Dockerfile.

Plain cookiecutter (through pytest-cookies) must make the very same files:
checked on all-off, all-on and a pairwise set of every template.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from generator.create import generate
from generator.render import render_answers
from generator.resolve import resolve
from support import (
    all_combinations,
    all_off,
    combo_id,
    file_tree,
    pairwise,
    parse_file,
    real_templates,
    ruff,
    run,
    text_files,
)

TEMPLATES = real_templates()
ALL = [
    pytest.param(name, combo, id=f"{name}-{combo_id(combo)}")
    for name, template in TEMPLATES.items()
    for combo in all_combinations(template)
]
SAMPLE = [
    pytest.param(name, combo, id=f"{name}-{combo_id(combo)}")
    for name, template in TEMPLATES.items()
    for combo in [all_off(template), *pairwise(template)]
]
# Template syntax left behind by cookiecutter. Project templates (HTML under a
# `templates/` folder) use the same syntax on purpose; GitHub's ${{ }} is not ours.
LEFTOVER = re.compile(r"(?<!\$)\{\{|\{%|\{#")
_linted: set[tuple[str, str]] = set()


def seen(tool: str, path: Path) -> bool:
    """Whether ``tool`` already passed this file content; remember it if not."""
    key = (tool, hashlib.sha256(path.read_bytes()).hexdigest())
    if key in _linted:
        return True
    _linted.add(key)
    return False


def lint_once(tool: list[str], path: Path) -> None:
    if not seen(tool[0], path):
        run([*tool, str(path)], path.parent)


def bandit_new_files(project: Path) -> None:
    """bandit at medium severity and up, on each Python file content not yet seen."""
    fresh = [str(p) for p in sorted(project.rglob("*.py")) if not seen("bandit", p)]
    if fresh:
        run(["bandit", "--quiet", "--severity-level", "medium", *fresh], project)


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


def check_pre_commit_ruff(project: Path) -> None:
    """pre-commit must not lint with a ruff that the project's dev group excludes."""
    repos = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())["repos"]
    rev = next(r["rev"] for r in repos if r["repo"].endswith("/ruff-pre-commit"))
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    dev = [Requirement(d) for d in pyproject["dependency-groups"]["dev"]]
    ruff_requirement = next(r for r in dev if r.name == "ruff")
    assert Version(rev.removeprefix("v")) in ruff_requirement.specifier, (rev, ruff_requirement)


def render(template_name: str, combo: dict[str, Any], where: Path) -> tuple[Path, dict]:
    template = TEMPLATES[template_name]
    answers = render_answers(template, resolve(template, combo).answers)
    return generate(template, answers, where).path, answers


@pytest.mark.parametrize(("template_name", "combo"), ALL)
def test_combination_is_clean(tmp_path: Path, template_name: str, combo: dict) -> None:
    template = TEMPLATES[template_name]
    project, answers = render(template_name, combo, tmp_path)
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
    if (project / ".pre-commit-config.yaml").exists():
        check_pre_commit_ruff(project)
    if (project / "Dockerfile").exists():
        lint_once(["hadolint"], project / "Dockerfile")
    for workflow in sorted((project / ".github" / "workflows").glob("*.yml")):
        lint_once(["actionlint"], workflow)
    profile = "django" if template.framework == "django" else "jinja"
    for html in sorted(project.rglob("templates/**/*.html")):
        lint_once(["djlint", "--lint", f"--profile={profile}"], html)


@pytest.mark.parametrize(("template_name", "combo"), SAMPLE)
def test_plain_cookiecutter_makes_the_same_files(
    cookies_session, tmp_path: Path, template_name: str, combo: dict
) -> None:
    template = TEMPLATES[template_name]
    result = cookies_session.bake(extra_context=combo, template=str(template.path))
    assert result.exit_code == 0, result.exception
    try:
        ours, _ = render(template_name, combo, tmp_path)
        skip = {".env", ".scaffold.json"}
        assert file_tree(result.project_path, skip) == file_tree(ours, skip)
    finally:
        shutil.rmtree(result.project_path, ignore_errors=True)
