"""Every valid combination of every template's options renders clean.

Each combination is rendered the way ``scaffold new`` renders it, and
checked: no template syntax left, every .py/.toml/.yaml/.json parses,
``ruff check`` and ``ruff format --check`` are clean, no file of an unchosen
option is there, and hadolint, actionlint, djlint, dclint (the compose
files: the Compose schema and its rules) and bandit (medium severity) find
nothing; pre-commit's ruff is one the project's own ruff requirement
accepts. Those linters see each distinct file content once per session: many
combinations share the same Dockerfile. The docker option's
compose.production.yaml is also checked for what replicas behind a proxy
need, which no linter knows.

Plain cookiecutter (through pytest-cookies) must make the very same files:
checked on all-off, all-on and a pairwise set of every template.
"""

from __future__ import annotations

import hashlib
import ipaddress
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
    require,
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
DCLINT = [
    "dclint",
    "--no-color",
    "--max-warnings",
    "0",
    "--config",
    str(Path(__file__).with_name("dclint.yaml")),
]
# ${NAME}, ${NAME:-default}, ${NAME:?error} in a compose file; $$ is a literal $.
INTERPOLATION = re.compile(r"(?<!\$)\$\{(\w+)(:?[-?])?")
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


def check_production_compose(project: Path) -> None:
    """compose.production.yaml: what `--scale web=N` behind Caddy needs."""
    text = (project / "compose.production.yaml").read_text(encoding="utf-8")
    services = yaml.safe_load(text)["services"]
    web, caddy = services["web"], services["caddy"]
    app = {name: s for name, s in services.items() if "build" in s}
    # Replicas: nothing that two containers of one service cannot both have.
    assert "ports" not in web and "container_name" not in web
    assert not any("container_name" in s for s in services.values())
    # One environment for every container of the image, through x-app.
    assert {name: (s["env_file"], s["environment"]) for name, s in app.items()} == {
        name: (web["env_file"], web["environment"]) for name in app
    }
    # Migrations once, before any replica; the image's own services wait for it.
    if "migrate" in services:
        assert "restart" not in services["migrate"]
        for name, s in app.items():
            if name != "migrate":
                assert s["depends_on"]["migrate"] == {
                    "condition": "service_completed_successfully"
                }, name
    # Proxy headers only from Caddy: its fixed address, in the network's
    # subnet, outside the range other containers take theirs from.
    address = ipaddress.ip_address(caddy["networks"]["default"]["ipv4_address"])
    (ipam,) = yaml.safe_load(text)["networks"]["default"]["ipam"]["config"]
    assert address in ipaddress.ip_network(ipam["subnet"])
    assert address not in ipaddress.ip_network(ipam["ip_range"])
    assert web["environment"]["FORWARDED_ALLOW_IPS"] == str(address)
    assert {"80:80", "443:443", "443:443/udp"} <= set(caddy["ports"])
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    # What a service waits for with service_healthy has a health check: its
    # own, or the Dockerfile's HEALTHCHECK.
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    for s in services.values():
        for name, dependency in s.get("depends_on", {}).items():
            if dependency["condition"] == "service_healthy":
                check = services[name].get("healthcheck", {})
                assert not check.get("disable")
                assert "test" in check or (name in app and "\nHEALTHCHECK " in dockerfile), name
    # A worker serves no page: not the image's check, which asks for one.
    if "worker" in services and "\nHEALTHCHECK " in dockerfile:
        assert "test" in services["worker"]["healthcheck"]
    for s in services.values():
        test = s.get("healthcheck", {}).get("test", [])
        if test[1:3] == ["python", "-c"]:
            compile(test[3], "healthcheck", "exec")
    if "DJANGO_ALLOWED_HOSTS" in web["environment"]:
        assert web["environment"]["DJANGO_ALLOWED_HOSTS"].startswith("${SITE_ADDRESS")
        assert "DJANGO_SECURE_SSL_REDIRECT" not in web["environment"]
        assert "DJANGO_ALLOWED_HOSTS" in web["healthcheck"]["test"][3]
    # Every variable compose fills in comes from .env or has a default or an
    # error message: none is silently empty.
    env = (project / ".env").read_text(encoding="utf-8")
    for name, operator in INTERPOLATION.findall(text):
        assert operator or re.search(rf"^{name}=.", env, re.M), name


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
    assert (project / "compose.production.yaml").exists() == answers["docker"]
    if answers["docker"]:
        check_production_compose(project)
    composes = sorted(project.glob("compose*.yaml"))
    if composes:
        require(shutil.which("dclint"), "no dclint: npm install dclint (see .ci/run)")
        for compose in composes:
            lint_once(DCLINT, compose)


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
