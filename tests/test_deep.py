"""Generated projects, for real: made by scaffold, installed in a fresh
virtualenv on Python 3.12+ exactly as their README says, their own tests and
checks run, then served by gunicorn on 127.0.0.1.

Which combinations: all-off, all-on, each option on its own, and a
constraint-aware pairwise set.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.render import generate, render_answers
from generator.resolve import resolve
from support import (
    all_off,
    all_on,
    combo_id,
    find_python,
    gunicorn,
    http_get,
    install_per_readme,
    pairwise,
    real_templates,
    require,
    run,
    venv_env,
)

pytestmark = pytest.mark.deep
TEMPLATES = real_templates()
PYTHON = find_python()


def single_options(name: str) -> list[dict[str, Any]]:
    """Each extension on its own (with what it requires), over all-off."""
    template = TEMPLATES[name]
    combos = []
    for option in template.extensions:
        answers = resolve(template, {}, enable=[option.key], base=all_off(template)).answers
        combos.append({o.key: answers[o.key] for o in template.options})
    return combos


def deep_set(name: str, choices: dict[str, str] | None = None) -> list[dict[str, Any]]:
    template = TEMPLATES[name]
    combos = [all_off(template), all_on(template, choices or {})]
    combos += single_options(name) + pairwise(template)
    unique: list[dict[str, Any]] = []
    for combo in combos:
        if combo not in unique:
            unique.append(combo)
    return unique


def check_flask_minimal(project: Path, answers: dict[str, Any]) -> None:
    with gunicorn(project) as url:
        assert http_get(url + "/")[0] == 200
        status, _, body = http_get(url + "/health")
        assert (status, body.strip()) == (200, '{"status":"ok"}')


CHECKS: dict[str, Callable[[Path, dict[str, Any]], None]] = {
    "flask-minimal": check_flask_minimal,
}
CASES = [
    pytest.param(name, combo, id=f"{name}-{combo_id(combo)}")
    for name in CHECKS
    for combo in deep_set(name)
]


def make(template_name: str, combo: dict[str, Any], where: Path) -> tuple[Path, dict[str, Any]]:
    template = TEMPLATES[template_name]
    resolution = resolve(template, combo | {"project_name": "demo app"})
    answers = render_answers(template, resolution.answers)
    return generate(template, answers, where).path, answers


@pytest.mark.parametrize(("template_name", "combo"), CASES)
def test_generated_project_works(tmp_path: Path, template_name: str, combo: dict) -> None:
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    project, answers = make(template_name, combo, tmp_path)
    install_per_readme(project, PYTHON)
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=venv_env(project))
    run(["ruff", "check", "."], project, env=venv_env(project))
    CHECKS[template_name](project, answers)


@pytest.mark.parametrize("template_name", sorted(CHECKS))
def test_readme_pip_setup_works(tmp_path: Path, template_name: str) -> None:
    """The README's second way, plain venv and pip, installs a working project too."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    project, _ = make(template_name, {}, tmp_path)
    install_per_readme(project, PYTHON, tool="pip")
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=venv_env(project))
