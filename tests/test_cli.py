"""The command line: every flag of ``scaffold new`` and ``scaffold list``, and
every error path, through Click's CliRunner (no terminal, so never a prompt).

Most tests use the toy templates under tests/fixtures; the real ones are
covered where their behaviour matters (selection, --help cost, replay).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import FIXTURES, REPO, assert_one_line_error, file_tree, scaffold


@pytest.fixture
def toys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Use the toy templates; work in an empty folder."""
    monkeypatch.setenv("SCAFFOLD_TEMPLATES", str(FIXTURES))
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- scaffold new: the happy paths ----------------------------------------------


def test_defaults_make_a_project_and_print_next_steps(toys: Path) -> None:
    result = scaffold("new", "--framework", "toy", "--no-input")
    assert result.exit_code == 0, result.output
    project = toys / "toy"
    assert sorted(file_tree(project)) == [".scaffold.json", "Dockerfile", "README.md"]
    assert (project / "README.md").read_text() == "toy: me@example.com\n"
    assert "Created" in result.stdout and "Next steps:\n  cd toy" in result.stdout
    record = json.loads((project / ".scaffold.json").read_text())
    assert record["template"] == "toy-basic"
    assert record["answers"]["forms"] is False and record["answers"]["package_name"] == "toy"


def test_project_name_argument_names_folder_and_package(toys: Path) -> None:
    result = scaffold("new", "My Shop", "--framework", "toy")
    assert result.exit_code == 0, result.output
    answers = json.loads((toys / "my-shop" / ".scaffold.json").read_text())["answers"]
    assert (answers["project_slug"], answers["package_name"]) == ("my-shop", "my_shop")


def test_with_without_and_set(toys: Path) -> None:
    result = scaffold(
        "new", "x", "--framework", "toy", "--with", "forms", "--without", "docker",
        "--set", "author_email=a@b.io",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(file_tree(toys / "x")) == [".scaffold.json", "README.md", "forms.txt"]
    assert (toys / "x" / "README.md").read_text() == "x: a@b.io\n"


def test_framework_moves_to_the_template_that_has_the_extension(toys: Path) -> None:
    result = scaffold("new", "x", "--framework", "toy", "--with", "login")
    assert result.exit_code == 0, result.output
    assert "note: login is not in toy-basic: using toy-db" in result.stderr
    assert "note: login requires forms: turned it on" in result.stderr
    made = sorted(file_tree(toys / "x"))
    assert made == [".scaffold.json", "README.md", "forms.txt", "login.txt"]


def test_without_an_extension_the_template_lacks_is_fine(toys: Path) -> None:
    result = scaffold("new", "x", "--framework", "toy", "--without", "login")
    assert result.exit_code == 0, result.output
    assert json.loads((toys / "x" / ".scaffold.json").read_text())["template"] == "toy-basic"


def test_template_flag_and_choice(toys: Path) -> None:
    result = scaffold("new", "x", "--template", "toy-db", "--set", "database=postgresql")
    assert result.exit_code == 0, result.output
    assert (toys / "x" / "README.md").read_text() == "x on postgresql\n"
    assert (toys / "x" / "compose.yaml").exists()


def test_with_takes_a_choice_as_set_does(toys: Path) -> None:
    result = scaffold("new", "x", "--framework", "toy", "--with", "database=postgresql")
    assert result.exit_code == 0, result.output
    assert (toys / "x" / "README.md").read_text() == "x on postgresql\n"


@pytest.mark.parametrize("flag", ["--lock", "--install"])
def test_lock_and_install_without_uv_are_refused(
    toys: Path, monkeypatch: pytest.MonkeyPatch, flag: str
) -> None:
    monkeypatch.setenv("PATH", str(toys / "bin"))  # no uv there
    result = scaffold("new", "x", "--framework", "toy", flag)
    assert_one_line_error(result, 2, "--lock and --install need uv on PATH")
    assert list(toys.iterdir()) == []


def test_output_dir_is_created(toys: Path) -> None:
    result = scaffold("new", "x", "--framework", "toy", "-o", "deep/er")
    assert result.exit_code == 0, result.output
    assert (toys / "deep" / "er" / "x" / "README.md").exists()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_answers_file(toys: Path, suffix: str) -> None:
    data = {"template": "toy-db", "answers": {"project_name": "filed", "login": True}}
    path = toys / f"answers{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data))
    else:
        path.write_text("template: toy-db\nanswers:\n  project_name: filed\n  login: yes\n")
    result = scaffold("new", "--answers", str(path), "--set", "database=postgresql")
    assert result.exit_code == 0, result.output
    assert sorted(file_tree(toys / "filed")) == [
        ".scaffold.json", "README.md", "compose.yaml", "forms.txt", "login.txt",
    ]  # fmt: skip


def test_replay_from_scaffold_json_makes_the_same_project(toys: Path) -> None:
    first = scaffold("new", "x", "--framework", "toy", "--with", "admin", "-o", "one")
    assert first.exit_code == 0, first.output
    again = scaffold("new", "--answers", "one/x/.scaffold.json", "-o", "two")
    assert again.exit_code == 0, again.output
    assert file_tree(toys / "one" / "x") == file_tree(toys / "two" / "x")


def test_replay_under_a_new_name_derives_slug_and_package_from_it(toys: Path) -> None:
    assert scaffold("new", "x", "--framework", "toy", "--with", "admin", "-o", "one").exit_code == 0
    again = scaffold("new", "--answers", "one/x/.scaffold.json", "New Shop", "-o", "two")
    assert again.exit_code == 0, again.output
    record = json.loads((toys / "two" / "new-shop" / ".scaffold.json").read_text())
    answers = record["answers"]
    assert (answers["project_slug"], answers["package_name"]) == ("new-shop", "new_shop")
    assert answers["admin"] is True, "the other answers are replayed"


def test_replay_under_a_new_name_keeps_a_chosen_slug(toys: Path) -> None:
    first = scaffold("new", "x", "--framework", "toy", "--set", "package_name=core", "-o", "one")
    assert first.exit_code == 0, first.output
    again = scaffold("new", "--answers", "one/x/.scaffold.json", "New Shop", "-o", "two")
    assert again.exit_code == 0, again.output
    answers = json.loads((toys / "two" / "new-shop" / ".scaffold.json").read_text())["answers"]
    assert (answers["project_slug"], answers["package_name"]) == ("new-shop", "core")


def test_replay_of_answers_without_a_template_under_a_new_name(toys: Path) -> None:
    """The template is picked after the file is read: the slug follows the name all the same."""
    assert scaffold("new", "x", "--framework", "toy", "--with", "admin", "-o", "one").exit_code == 0
    record = json.loads((toys / "one" / "x" / ".scaffold.json").read_text())
    (toys / "answers.json").write_text(json.dumps({"answers": record["answers"]}))
    again = scaffold("new", "--answers", "answers.json", "New Shop", "--framework", "toy")
    assert again.exit_code == 0, again.output
    answers = json.loads((toys / "new-shop" / ".scaffold.json").read_text())["answers"]
    assert (answers["project_slug"], answers["package_name"]) == ("new-shop", "new_shop")
    assert answers["admin"] is True, "the other answers are replayed"


def test_real_template_replay_is_byte_identical_but_for_secrets(tmp_path: Path) -> None:
    args = ["new", "shop", "--framework", "flask", "--with", "forms", "--with", "docker"]
    assert scaffold(*args, "-o", str(tmp_path / "a")).exit_code == 0
    replay = str(tmp_path / "a" / "shop" / ".scaffold.json")
    assert scaffold("new", "--answers", replay, "-o", str(tmp_path / "b")).exit_code == 0
    a, b = tmp_path / "a" / "shop", tmp_path / "b" / "shop"
    assert file_tree(a) == file_tree(b)
    assert (a / ".env").read_text() != (b / ".env").read_text(), "secrets must differ"


def test_dry_run_writes_nothing(toys: Path) -> None:
    result = scaffold("new", "x", "--framework", "toy", "--with", "forms", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would write 4 files" in result.stdout
    assert "└── forms.txt" in result.stdout
    assert list(toys.iterdir()) == []


def test_json_prints_exactly_one_object(toys: Path) -> None:
    result = scaffold("new", "x", "--framework", "toy", "--with", "login", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["template"] == "toy-db"
    assert report["output"] == str((toys / "x").resolve())
    assert "login.txt" in report["files"] and ".scaffold.json" in report["files"]
    assert report["answers"]["forms"] is True
    assert report["next_steps"] == ["cd x"]
    assert result.stdout.count("\n") == 1


def test_dry_run_json(toys: Path) -> None:
    result = scaffold("new", "x", "--framework", "toy", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["dry_run"] is True
    assert list(toys.iterdir()) == []


def test_git_makes_one_first_commit_with_the_record(toys: Path) -> None:
    result = scaffold("new", "x", "--framework", "toy", "--git")
    assert result.exit_code == 0, result.output
    log = subprocess.run(
        ["git", "log", "--oneline"], cwd=toys / "x", capture_output=True, text=True
    )
    assert log.stdout.count("\n") == 1 and "Initial commit from scaffold" in log.stdout
    tracked = subprocess.run(["git", "ls-files"], cwd=toys / "x", capture_output=True, text=True)
    assert ".scaffold.json" in tracked.stdout.split()


def test_git_keeps_the_secrets_out_of_the_repository(tmp_path: Path) -> None:
    result = scaffold("new", "x", "--framework", "flask", "--git", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    project = tmp_path / "x"
    git = ["git", "-C", str(project)]
    tracked = subprocess.run([*git, "ls-files"], capture_output=True, text=True).stdout.split()
    assert ".env" not in tracked and ".env.example" in tracked
    secret = next(
        line.split("=", 1)[1]
        for line in (project / ".env").read_text().splitlines()
        if line.startswith("FLASK_SECRET_KEY=")
    )
    assert len(secret) >= 50
    found = subprocess.run([*git, "grep", "-F", "-e", secret], capture_output=True, text=True)
    assert found.returncode == 1, f"the secret is committed: {found.stdout}"


def test_force_replaces_template_files_and_keeps_the_rest(toys: Path) -> None:
    project = toys / "x"
    project.mkdir()
    (project / "README.md").write_text("old readme\n")
    (project / "notes.txt").write_text("mine\n")
    refused = scaffold("new", "x", "--framework", "toy")
    assert_one_line_error(refused, 2, "already exists and is not empty; use --force")
    assert (project / "README.md").read_text() == "old readme\n"
    forced = scaffold("new", "x", "--framework", "toy", "--force")
    assert forced.exit_code == 0, forced.output
    assert (project / "README.md").read_text() == "x: me@example.com\n"
    assert (project / "notes.txt").read_text() == "mine\n"
    assert [p.name for p in toys.iterdir()] == ["x"], "no scratch folder left"


def test_existing_empty_folder_is_used(toys: Path) -> None:
    (toys / "x").mkdir()
    assert scaffold("new", "x", "--framework", "toy").exit_code == 0
    assert (toys / "x" / "README.md").exists()


# --- scaffold new: errors ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (
            ["--framework", "toy", "--with", "nonexistent"],
            "valid: admin, async-worker, docker, forms",
        ),
        (["--framework", "toy", "--with", "form"], "(did you mean 'forms'?)"),
        (["--framework", "tyo"], "unknown framework 'tyo' (did you mean 'toy'?)"),
        (["--template", "toy-bd"], "unknown template 'toy-bd' (did you mean 'toy-db'?)"),
        (["--template", "toy-db", "--framework", "broken"], "is for toy, not broken"),
        (["--framework", "toy", "--set", "author_emial=a@b.io"], "did you mean 'author_email'?"),
        (["--template", "toy-db", "--set", "database=mysql"], "must be one of sqlite, postgresql"),
        (["--template", "toy-db", "--with", "database=mysql"], "must be one of sqlite, postgresql"),
        (["--template", "toy-db", "--with", "database"], "as database=sqlite|postgresql"),
        (["--framework", "toy", "--set", "nokey"], "--set takes KEY=VALUE"),
        (["--framework", "toy", "--set", "author_email=nobody"], "not an email address"),
        (["--template", "toy-db", "--with", "login", "--without", "forms"], "login requires forms"),
        ([], "say which project to make: --framework"),
        (["--template", "toy-broken"], "owner is required and has no value"),
        (["--framework", "toy", "-o", "README.md/sub"], "cannot create README.md/sub"),
        (["--framework", "toy", "--bogus"], "No such option"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(toys: Path, args: list[str], text: str) -> None:
    (toys / "README.md").write_text("a file, not a folder\n")
    result = scaffold("new", "x", *args)
    assert_one_line_error(result, 2 if "cannot create" not in text else 1, text)
    assert [p.name for p in toys.iterdir()] == ["README.md"]


@pytest.mark.parametrize(
    ("name", "text"),
    [("class", "'class' is a Python keyword"), ("flask", "would shadow the module 'flask'")],
)
def test_bad_project_names_are_refused(toys: Path, name: str, text: str) -> None:
    assert_one_line_error(scaffold("new", name, "--framework", "toy", "--no-input"), 2, text)
    assert list(toys.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "name", "text"),
    [
        ("answers: [1, 2]", "a.yaml", "'answers' must map names to values"),
        ("answers: []", "a.yaml", "'answers' must map names to values"),
        ("answers: 0", "a.yaml", "'answers' must map names to values"),
        ("templat: toy-db", "a.yaml", "unknown key 'templat' (did you mean 'template'?)"),
        ("[1, 2]", "a.yaml", "must hold a mapping, not list"),
        ("a: [", "a.yaml", "is not valid YAML at line"),
        ("{", "a.json", "is not valid JSON"),
        ('{"answers": {"nope": 1}}', "a.json", "has an option 'nope'"),
    ],
)
def test_bad_answers_file(toys: Path, content: str, name: str, text: str) -> None:
    (toys / name).write_text(content)
    result = scaffold("new", "--framework", "toy", "--answers", name)
    assert_one_line_error(result, 2, text)


def test_missing_answers_file(toys: Path) -> None:
    assert_one_line_error(scaffold("new", "--answers", "gone.yaml"), 2, "gone.yaml")


@pytest.mark.parametrize("failure", ["hook", "syntax", "recursion"])
def test_failed_generation_leaves_nothing(toys: Path, failure: str) -> None:
    result = scaffold(
        "new", "x", "--template", "toy-broken", "--set", "owner=me", "--set", f"failure={failure}"
    )
    assert_one_line_error(result, 1, "toy-broken")
    assert list(toys.iterdir()) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_mid_generation_leaves_nothing(tmp_path: Path, sig: signal.Signals) -> None:
    env = {**os.environ, "SCAFFOLD_TEMPLATES": str(FIXTURES)}
    work = tmp_path / "work"
    work.mkdir()
    # A file, not a pipe: nobody has to drain it while the hook stalls.
    errors = tmp_path / "stderr"
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "new", "x", "--template", "toy-broken",
             "--set", "owner=me", "--set", "failure=slow"],
            cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
            # A shell that runs this test in the background hands SIGINT down
            # ignored, and Python keeps it so; a terminal would not.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )  # fmt: skip
    deadline = time.monotonic() + 20
    while not list(work.glob(".x.scaffold-*/x/hook-started")):
        assert time.monotonic() < deadline and process.poll() is None, "the hook never started"
        time.sleep(0.05)
    process.send_signal(sig)
    assert process.wait(timeout=20) == 130
    assert errors.read_text().strip().splitlines() == ["error: interrupted; nothing was written"]
    assert list(work.iterdir()) == []


def test_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """A real write failure: the file-size limit stands in for a full disk."""

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of dying
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    result = subprocess.run(
        [sys.executable, "-m", "generator", "new", "x", "--framework", "flask", "--no-input"],
        cwd=tmp_path, capture_output=True, text=True, preexec_fn=small_disk,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["error: cannot write the project: File too large"]
    assert list(tmp_path.iterdir()) == []


# --- scaffold list -----------------------------------------------------------------


def test_list_shows_groups_help_and_constraints(toys: Path) -> None:
    result = scaffold("list", "--framework", "toy")
    assert result.exit_code == 0, result.output
    assert "toy-db (toy): The toy with a database." in result.stdout
    assert "Accounts:" in result.stdout
    assert "requires login; requires database=postgresql" in result.stdout
    assert "toy-broken" not in result.stdout


def test_list_json(toys: Path) -> None:
    data = json.loads(scaffold("list", "--json").stdout)
    assert [t["name"] for t in data] == ["toy-broken", "toy-basic", "toy-db"]
    admin = next(o for o in data[2]["options"] if o["name"] == "admin")
    assert admin["requires"] == ["login", "database=postgresql"]
    assert admin["group"] == "Accounts"


def test_list_real_templates() -> None:
    result = scaffold("list", "--framework", "flask")
    assert result.exit_code == 0, result.output
    assert "flask-minimal (flask)" in result.stdout and "github-actions" in result.stdout


# --- the real entry points -------------------------------------------------------


def test_help_imports_neither_cookiecutter_nor_jinja_nor_questionary() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", "--help"],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()}
    assert "click" in imported
    assert not imported & {"cookiecutter", "jinja2", "questionary", "yaml", "prompt_toolkit"}
    assert "Usage: scaffold" in result.stdout


def test_no_terminal_never_prompts(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "new", "--framework", "flask"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "my-flask-app" / "pyproject.toml").exists()


def test_unknown_extension_from_the_shell(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "new", "x", "--framework", "flask", "--with", "nope"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: unknown extension 'nope'; valid: ")
    assert {"docker", "forms", "github-actions", "pre-commit"} <= set(
        line.split(": ")[-1].split(", ")
    )
    assert list(tmp_path.iterdir()) == []


# --- fixes: --without, stdlib names, broken metadata, Ctrl-C, replay, next steps ---------


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--template", "toy-basic", "--without", "dokcer"], "unknown extension 'dokcer'"),
        (["--template", "toy-basic", "--without", "login"], "valid: docker, forms"),
        (["--framework", "toy", "--without", "dokcer"], "(did you mean 'docker'?)"),
    ],
)
def test_without_a_name_nobody_offers_is_an_error(toys: Path, args: list[str], text: str) -> None:
    """Only with --framework may --without name another template's extension."""
    assert_one_line_error(scaffold("new", "x", *args, "--no-input"), 2, text)
    assert list(toys.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["inspect"], "would shadow the standard-library module 'inspect'; choose another"),
        (["x", "--set", "package_name=tomllib"], "standard-library module 'tomllib'"),
        (["test"], "would shadow the module 'test'"),
    ],
)
def test_standard_library_names_are_refused(toys: Path, args: list[str], text: str) -> None:
    result = scaffold("new", *args, "--framework", "toy", "--no-input")
    assert_one_line_error(result, 2, text)
    assert list(toys.iterdir()) == []


def test_broken_template_metadata_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "cookiecutter.json").write_text('{"project_name": "x", "_scaffold": []}')
    monkeypatch.setenv("SCAFFOLD_TEMPLATES", str(tmp_path))
    result = scaffold("list")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line == (
        f"error: bad template metadata in {tmp_path / 'bad' / 'cookiecutter.json'}: "
        "_scaffold must be an object, not a list"
    )


@pytest.mark.parametrize("command", [["add", "forms"], ["remove", "docker"], ["update"]])
def test_change_interrupted_before_writing_says_nothing_was_written(
    toys: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    import generator.changes

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(generator.changes, "change_options", interrupted)
    monkeypatch.setattr(generator.changes, "update", interrupted)
    result = scaffold(*command)
    assert result.exit_code == 130
    assert result.stderr.splitlines() == ["error: interrupted; nothing was written"]


def test_replay_with_set_project_name_derives_slug_and_package(toys: Path) -> None:
    assert scaffold("new", "x", "--framework", "toy", "-o", "one").exit_code == 0
    again = scaffold(
        "new", "--answers", "one/x/.scaffold.json", "--set", "project_name=New Shop", "-o", "two"
    )
    assert again.exit_code == 0, again.output
    answers = json.loads((toys / "two" / "new-shop" / ".scaffold.json").read_text())["answers"]
    assert (answers["project_slug"], answers["package_name"]) == ("new-shop", "new_shop")


@pytest.mark.parametrize(
    ("output", "cd"),
    [
        ("deep/er", "cd deep/er/{name}"),
        ("{here}/in", "cd in/{name}"),
        ("{elsewhere}", "cd {elsewhere}/{name}"),
    ],
)
def test_next_steps_cd_into_the_output_dir(
    toys: Path, tmp_path_factory: pytest.TempPathFactory, output: str, cd: str
) -> None:
    """-o relative as given, absolute inside the current directory made
    relative, absolute elsewhere as it is."""
    places = {"here": str(toys), "elsewhere": str(tmp_path_factory.mktemp("elsewhere"))}
    out = output.format_map(places)
    result = scaffold("new", "x", "--framework", "toy", "-o", out)
    assert result.exit_code == 0, result.output
    assert f"Next steps:\n  {cd.format_map(places | {'name': 'x'})}\n" in result.stdout
    shown = scaffold("new", "y", "--framework", "toy", "-o", out, "--json")
    assert json.loads(shown.stdout)["next_steps"] == [cd.format_map(places | {"name": "y"})]


def test_interrupted_first_commit_says_the_project_is_written(
    toys: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(project: Path, files: object, isolated: bool) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.create.initial_commit", interrupted)
    result = scaffold("new", "x", "--framework", "toy", "--no-input", "--git")
    assert_one_line_error(result, 130, "x is written, but its git repository may be incomplete")
    assert (toys / "x" / "README.md").exists()


def test_new_force_never_writes_through_a_symlinked_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "shop").symlink_to(outside)  # where the package goes
    result = scaffold("new", "shop", "--template", "flask-minimal", "--force", "--no-input")
    assert_one_line_error(result, 2, "shop is a symlink; the template writes a folder there")
    assert list(outside.iterdir()) == []
    assert [p.name for p in (tmp_path / "shop").iterdir()] == ["shop"]


def test_a_name_longer_than_the_file_system_takes_is_one_line(toys: Path) -> None:
    result = scaffold("new", "x", "--framework", "toy", "-o", "x" * 300)
    assert_one_line_error(result, 1, "File name too long")
    assert list(toys.iterdir()) == []


def test_an_interrupt_once_the_change_is_made_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import transaction

    made = scaffold("new", "x", "--template", "flask-minimal", "--git", "-o", str(tmp_path))
    assert made.exit_code == 0, made.output
    real_commit = transaction.commit

    def commit_then_interrupt(*args: object, **kwargs: object) -> None:
        real_commit(*args, **kwargs)
        raise KeyboardInterrupt  # as a Ctrl-C right after the last rename

    monkeypatch.setattr(transaction, "commit", commit_then_interrupt)
    result = scaffold("add", "forms", "--project", str(tmp_path / "x"))
    assert_one_line_error(result, 130, "interrupted once the change was made in full")
    assert (tmp_path / "x" / "x" / "forms.py").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--set", "forms=" + "y" * 100_000],
        ["--set", "x" * 100_000 + "=1"],
        ["--set", "x" * 100_000],
        ["--with", "x" * 100_000],
        ["--template", "toy-db", "--set", "database=" + "z" * 100_000],
    ],
)
def test_a_huge_value_is_not_echoed(toys: Path, args: list[str]) -> None:
    result = scaffold("new", "x", "--framework", "toy", *args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1 and len(result.stderr) < 400, result.stderr[:400]


def test_a_yaml_word_taken_for_a_boolean_gets_a_hint(toys: Path) -> None:
    (toys / "answers.yaml").write_text("answers:\n  owner: no\n")
    result = scaffold("new", "x", "--template", "toy-broken", "--answers", "answers.yaml")
    assert_one_line_error(result, 2, "owner takes text, got False; quote it")
