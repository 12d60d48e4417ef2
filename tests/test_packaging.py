"""The built wheel carries the templates: installed from it, scaffold works
from any folder with no source tree in sight."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support import REPO, real_templates, run


def test_installed_wheel_generates_a_project(tmp_path: Path) -> None:
    source = tmp_path / "clone"
    shutil.copytree(REPO, source, symlinks=True, ignore=shutil.ignore_patterns(".venv*", ".git"))
    run(["uv", "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(source)], tmp_path)
    shutil.rmtree(source)  # the source tree is gone
    [wheel] = (tmp_path / "dist").glob("*.whl")
    venv = tmp_path / "venv"
    run(["uv", "venv", "--quiet", "--python", sys.executable, str(venv)], tmp_path)
    # Byte-compiled, as pip installs by default: the templates' .py files get
    # __pycache__ folders that must not reach the projects.
    install = ["uv", "pip", "install", "--quiet", "--compile-bytecode"]
    run([*install, "--python", str(venv / "bin/python"), str(wheel)], tmp_path)

    work = tmp_path / "elsewhere"
    work.mkdir()
    run([str(venv / "bin/scaffold"), "new", "demo", "--framework", "flask", "--no-input"], work)
    assert (work / "demo" / "demo" / "__init__.py").exists()
    assert (work / "demo" / ".env").exists(), "the post-generation hook ran"
    for name in real_templates():
        project = f"from-{name}"
        run([str(venv / "bin/scaffold"), "new", project, "--template", name, "--no-input"], work)
        assert not list((work / project).rglob("__pycache__")), f"{name}: the template's bytecode"
    where = subprocess.run(
        [str(venv / "bin/python"), "-c", "import generator.model as m; print(m.templates_root())"],
        capture_output=True, text=True, check=True, cwd=work,
    )  # fmt: skip
    installed = Path(where.stdout.strip())
    assert installed.is_relative_to(venv)
    for template in installed.iterdir():
        if (template / "cookiecutter.json").exists():
            assert (template / "templates" / "pyproject").is_dir(), f"{template.name}: no partials"
    run([str(venv / "bin/python"), "-m", "generator", "list"], work)
    # scaffold serve's page, script, style sheet and usage text are in the wheel.
    serve = """
from wsgiref.util import setup_testing_defaults
from generator.web import app
for path in ("/", "/usage", "/static/page.js", "/static/page.css", "/static/icon.svg"):
    environ = {"PATH_INFO": path, "HTTP_ACCEPT": "text/html"}
    setup_testing_defaults(environ)
    answers = []
    body = b"".join(app(environ, lambda status, headers: answers.append(status)))
    print(path, answers[0], len(body))
"""
    served = run([str(venv / "bin/python"), "-c", serve], work).stdout.splitlines()
    assert len(served) == 5 and all(" 200 OK " in line for line in served), served
