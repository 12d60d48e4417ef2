"""Any answer either makes a correct project or is refused with one line.

A property test over every template: names, descriptions and author names
with quotes, apostrophes, backslashes, template syntax, unicode, emoji,
newlines, NUL and very long strings. For each example the answers are refused
with a one-line UsageError, or every generated file parses and the values
arrive intact (in pyproject.toml, the README as rendered Markdown, and the
home page template as HTML text).
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
import tomllib
from pathlib import Path

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.create import generate
from generator.errors import UsageError
from generator.render import render_answers
from generator.resolve import resolve
from support import (
    FIXTURES,
    assert_one_line_error,
    parse_file,
    real_templates,
    scaffold,
    text_files,
)

TEMPLATES = real_templates()
EXAMPLES = int(os.environ.get("SCAFFOLD_HYPOTHESIS_EXAMPLES", "200"))
PRINTABLE = ['"', "'", "\\", "{{ x }}", "{% y %}", "{#", "}}", "$", "`", "<b>", "&amp;", "*_#[]()",
             "é", "日本", "😀", "\u2028", " ", "--", "%s", "{0}", "O'Brien", "a"]  # fmt: skip
CONTROL = ["\n", "\r", "\t", "\x00", "\x7f"]
printable = st.lists(st.sampled_from(PRINTABLE) | st.text(max_size=4), max_size=12).map("".join)


def weighted(*choices: tuple[int, st.SearchStrategy[str]]) -> st.SearchStrategy[str]:
    """Draw from each strategy with the given weight."""
    table = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.integers(0, len(table) - 1).flatmap(lambda i: table[i])


# Weighted towards values that are allowed, so that many projects really get made.
hostile = weighted(
    (6, printable),
    (2, st.lists(st.sampled_from(PRINTABLE + CONTROL), min_size=1, max_size=8).map("".join)),
    (1, st.text(max_size=40)),
    (1, st.text(min_size=490, max_size=520)),
)
names = weighted(
    (7, st.from_regex(r"[A-Za-z][A-Za-z0-9 _-]{0,30}", fullmatch=True)),
    (2, st.sampled_from(["class", "flask", "test", "site", "email", "django", "9x", "x" * 80])),
    (1, hostile),
)


def rendered_markdown_text(markdown: str) -> str:
    """The README as a reader sees it: HTML text of the rendered Markdown."""
    return html.unescape(MarkdownIt().render(markdown))


@pytest.mark.parametrize("template_name", sorted(TEMPLATES))
def test_any_answer_makes_a_correct_project_or_one_line_error(template_name: str) -> None:
    template = TEMPLATES[template_name]
    out = Path(tempfile.mkdtemp(prefix="hostile-"))
    outcomes = {"generated": 0, "refused": 0}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(name=names, description=hostile, author=hostile)
    def check(name: str, description: str, author: str) -> None:
        given_answers = {"project_name": name, "description": description, "author": author}
        try:
            answers = render_answers(template, resolve(template, given_answers).answers)
        except UsageError as error:
            assert "\n" not in str(error) and str(error)
            outcomes["refused"] += 1
            return
        project = generate(template, answers, out).path
        outcomes["generated"] += 1
        try:
            for path in text_files(project):
                parse_file(path)
            metadata = tomllib.loads((project / "pyproject.toml").read_text())["project"]
            assert metadata["description"] == description
            assert metadata["authors"][0]["name"] == author
            readme = rendered_markdown_text((project / "README.md").read_text())
            assert description.strip() in readme
            if template.framework == "flask":  # the home page shows the description
                for page in project.rglob("templates/**/*.html"):
                    jinja2.Environment().parse(page.read_text())  # no syntax slipped in
                home = next(project.rglob("templates/main/index.html")).read_text()
                assert description in html.unescape(home)
        finally:
            shutil.rmtree(project)

    try:
        check()
    finally:
        shutil.rmtree(out, ignore_errors=True)
    # Not vacuous: both outcomes happen, and many projects are really made.
    assert outcomes["refused"] and outcomes["generated"] >= EXAMPLES // 5, outcomes


# --- hostile surroundings: folders in the way, answers files of any type ----------


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``root`` with its inode (a replaced file gets a new one) and bytes."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("clash", "text"),
    [
        ("README.md", "is a folder; the template writes a file there"),
        ("tests", "is a file; the template writes a folder there"),
    ],
)
def test_force_refuses_a_clash_before_replacing_any_file(
    tmp_path: Path, clash: str, text: str
) -> None:
    args = ["demo", "--framework", "flask", "--no-input", "-o", str(tmp_path)]
    assert scaffold("new", *args).exit_code == 0
    path = tmp_path / "demo" / clash
    if path.is_dir():
        shutil.rmtree(path)
        path.write_text("mine\n")
    else:
        path.unlink()
        path.mkdir()
        (path / "keep").write_text("mine\n")
    before = snapshot(tmp_path / "demo")
    assert_one_line_error(scaffold("new", *args, "--force"), 2, f"{path} {text}")
    assert snapshot(tmp_path / "demo") == before, "no file was replaced"
    assert [p.name for p in tmp_path.iterdir()] == ["demo"], "no scratch folder left"


@pytest.mark.parametrize("failure", ["hook", "syntax"])
def test_failed_run_removes_the_output_folders_it_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, failure: str
) -> None:
    monkeypatch.setenv("SCAFFOLD_TEMPLATES", str(FIXTURES))
    (tmp_path / "mine").mkdir()
    result = scaffold("new",
        "x", "--template", "toy-broken", "--set", "owner=me", "--set", f"failure={failure}",
        "-o", str(tmp_path / "mine" / "new" / "deeper"),
    )  # fmt: skip
    assert_one_line_error(result, 1, "toy-broken")
    assert [p.name for p in tmp_path.iterdir()] == ["mine"], "a folder it found stays"
    assert list((tmp_path / "mine").iterdir()) == []


def write_answers(folder: Path, answer: str) -> Path:
    """A YAML answers file for flask-minimal holding one ``key: value`` line."""
    path = folder / "answers.yaml"
    path.write_text(f"template: flask-minimal\nanswers:\n  {answer}\n")
    return path


@pytest.mark.parametrize(
    ("answer", "version"),
    [("version: 1.0", "1.0"), ("project_name: 123", "0.1.0")],
)
def test_replay_under_a_new_name_takes_answers_that_are_not_text(
    tmp_path: Path, answer: str, version: str
) -> None:
    """YAML makes numbers of them; the old name, replaced, need not be valid."""
    answers_file = write_answers(tmp_path, answer)
    result = scaffold("new",
        "New", "--answers", str(answers_file), "--no-input", "--dry-run", "--json",
        "-o", str(tmp_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    answers = json.loads(result.stdout)["answers"]
    assert (answers["project_slug"], answers["version"]) == ("new", version)


@pytest.mark.parametrize(
    ("answer", "text"),
    [
        ("version: [1]", "answers.version: a list is not an answer"),
        ("forms: maybe", "forms takes yes or no"),
        ("project_slug: 5", "project_slug: use lowercase letters"),  # chosen, so kept
    ],
)
def test_replay_under_a_new_name_refuses_bad_answers_in_one_line(
    tmp_path: Path, answer: str, text: str
) -> None:
    answers_file = write_answers(tmp_path, answer)
    args = ["New", "--answers", str(answers_file), "--no-input", "-o", str(tmp_path)]
    result = scaffold("new", *args)
    assert_one_line_error(result, 2, text)
    assert list(tmp_path.iterdir()) == [answers_file]
