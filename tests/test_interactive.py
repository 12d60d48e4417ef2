"""``scaffold new`` in a real pseudo-terminal, driven with the keyboard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from generator.model import Option
from generator.selection import candidates
from support import real_templates

DOWN, SPACE, ENTER, BACKSPACE = "\x1b[B", " ", "\r", "\x7f"


def checkbox_order(framework: str) -> list[str]:
    """The order of the extension checkboxes for ``--framework``, as the
    prompt builds it: grouped, groups in order of first appearance."""
    options: dict[str, Option] = {}
    for template in candidates(real_templates(), framework):
        for option in template.extensions:
            options.setdefault(option.key, option)
    groups: dict[str, list[str]] = {}
    for option in options.values():
        groups.setdefault(option.group, []).append(option.key)
    return [key for keys in groups.values() for key in keys]


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    return pexpect.spawn(
        sys.executable,
        ["-m", "generator", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        dimensions=(50, 160),
        timeout=30,
    )


def ready(child: pexpect.spawn, question: str) -> None:
    """Wait for ``question`` and for the prompt to finish drawing (output goes
    quiet): keys sent earlier are dropped when the new prompt starts."""
    child.expect(question)
    while True:
        try:
            child.read_nonblocking(4096, timeout=0.3)
        except pexpect.TIMEOUT:
            return


def accept_details(child: pexpect.spawn) -> None:
    """Press Enter at each question after the project name (description,
    author, ...), taking the defaults; the questions come from the model."""
    for fld in real_templates()["flask-minimal"].fields:
        if fld.key != "project_name" and not fld.is_derived:
            ready(child, fld.prompt)
            child.send(ENTER)


def accept_choices(child: pexpect.spawn, template_name: str, given: tuple[str, ...] = ()) -> None:
    """Press Enter at each multiple-choice question that comes after the
    extensions (tasks=none...), taking the default; ``given`` were set by flags."""
    for option in real_templates()[template_name].options:
        if not option.is_extension and option.key not in given:
            ready(child, option.prompt)
            child.send(ENTER)


def tick(child: pexpect.spawn, order: list[str], wanted: list[str]) -> None:
    """Walk down the checkbox list, pressing space on each wanted extension."""
    position = 0
    for key in sorted(wanted, key=order.index):
        child.send(DOWN * (order.index(key) - position))
        child.send(SPACE)
        position = order.index(key)
    child.send(ENTER)


def test_ticks_two_extensions_with_the_keyboard(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "--framework", "flask")
    ready(child, "Project name")
    default = real_templates()["flask-minimal"].field("project_name").default
    child.send(BACKSPACE * len(default) + "class")
    child.expect("is a Python keyword")  # checked while typing, before Enter
    child.send(BACKSPACE * 5 + "shop" + ENTER)
    child.expect("folder shop/, package shop")
    accept_details(child)
    ready(child, "Extensions")
    tick(child, checkbox_order("flask"), ["forms", "docker"])
    accept_choices(child, "flask-minimal")
    child.expect("extensions  docker, forms|extensions  forms, docker")
    ready(child, "Generate this project")
    child.send(ENTER)
    child.expect("Created")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before

    project = tmp_path / "shop"
    record = json.loads((project / ".scaffold.json").read_text())
    assert record["template"] == "flask-minimal"
    chosen = {k for k, v in record["answers"].items() if v is True}
    assert chosen == {"forms", "docker"}
    assert (project / "Dockerfile").exists() and (project / "shop" / "forms.py").exists()
    assert not (project / ".github").exists()


def test_declining_the_summary_writes_nothing(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "shop", "--template", "flask-minimal")
    accept_details(child)
    ready(child, "Extensions")
    child.send(ENTER)
    accept_choices(child, "flask-minimal")
    ready(child, "Generate this project")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "cancelled; nothing was written" in child.before
    assert list(tmp_path.iterdir()) == []


def test_a_bad_name_from_the_command_line_is_asked_again(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "class", "--template", "flask-minimal")
    child.expect("error: project_name: 'class' is a Python keyword; answer again")
    ready(child, "Project name")
    child.send(BACKSPACE * len("class") + "shop" + ENTER)
    accept_details(child)
    ready(child, "Extensions")
    child.send(ENTER)
    accept_choices(child, "flask-minimal")
    ready(child, "Generate this project")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert (tmp_path / "shop" / "shop" / "__init__.py").exists()


def test_ctrl_c_at_a_prompt_writes_nothing(tmp_path: Path) -> None:
    child = spawn(tmp_path, "new", "--framework", "flask")
    ready(child, "Project name")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in child.before
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--template", "flask-minimal", "--with", "nope"], "error: unknown extension 'nope'"),
        (["--framework", "flask", "--without", "dokcer"], "(did you mean 'docker'?)"),
        (["--framework", "flask", "--set", "descriptin=x"], "(did you mean 'description'?)"),
        (["--template", "flask-sqlalchemy", "--set", "database=mysql"], "must be one of"),
    ],
)
def test_bad_flags_are_an_error_before_any_question(
    tmp_path: Path, args: list[str], text: str
) -> None:
    """As with --no-input: no question is asked, and none is asked again."""
    child = spawn(tmp_path, "new", "shop", *args)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2, child.before
    [line] = child.before.strip().splitlines()  # in red: escape codes around it
    assert "error: " in line and text in line, line
    assert list(tmp_path.iterdir()) == []


def test_a_tick_that_clashes_with_a_flag_is_asked_again(tmp_path: Path) -> None:
    args = ["--template", "flask-sqlalchemy", "--set", "forms=no", "--set", "database=sqlite"]
    child = spawn(tmp_path, "new", "shop", *args)
    accept_details(child)
    ready(child, "Extensions")
    groups: dict[str, list[str]] = {}
    for option in real_templates()["flask-sqlalchemy"].extensions:
        groups.setdefault(option.group, []).append(option.key)
    order = [key for keys in groups.values() for key in keys]
    tick(child, order, ["login"])
    accept_choices(child, "flask-sqlalchemy", given=("database",))  # asked once only
    child.expect("login requires forms, but you asked for --without forms; choose again")
    ready(child, "Extensions")
    tick(child, order, ["login"])  # untick it
    ready(child, "Generate this project")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    record = json.loads((tmp_path / "shop" / ".scaffold.json").read_text())
    assert record["answers"]["login"] is False and record["answers"]["forms"] is False


def test_the_same_choices_make_the_same_project_as_no_input(tmp_path: Path) -> None:
    """Accepting every default and ticking login answers as `--with login
    --no-input` does: the questions asked before the template is known (the
    description...) take the defaults of the template that gets picked."""
    child = spawn(tmp_path, "new", "shop", "--framework", "flask")
    accept_details(child)
    ready(child, "Extensions")
    tick(child, checkbox_order("flask"), ["login"])
    accept_choices(child, "flask-sqlalchemy")
    ready(child, "Generate this project")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before

    unattended = tmp_path / "unattended"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "new", "shop", "--framework", "flask",
         "--with", "login", "--no-input", "-o", str(unattended)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    asked = json.loads((tmp_path / "shop" / ".scaffold.json").read_text())
    given = json.loads((unattended / "shop" / ".scaffold.json").read_text())
    assert asked["template"] == given["template"] == "flask-sqlalchemy"
    assert asked["answers"] == given["answers"]
