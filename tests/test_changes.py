"""``scaffold add``, ``remove`` and ``update`` (generator.changes) on real git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from support import FIXTURES, assert_one_line_error, file_tree, real_templates, scaffold

TEMPLATES = real_templates()
# The step after a change of pyproject.toml.
INSTALL_STEP = "  uv sync  # or, with pip in the project's virtualenv: pip install -e . --group dev"


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def new(where: Path, *args: str) -> Path:
    chosen = args if "--template" in args else ("--framework", "flask", *args)
    result = scaffold("new", "blog", "--git", "-o", str(where), *chosen)
    assert result.exit_code == 0, result.output
    return where / "blog"


def toy_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the toy templates that a test may change, as scaffold's templates."""
    templates = tmp_path / "templates"
    shutil.copytree(FIXTURES, templates, symlinks=False)
    monkeypatch.setenv("SCAFFOLD_TEMPLATES", str(templates))
    return templates / "toy-basic"


def new_toy(tmp_path: Path) -> Path:
    result = scaffold("new", "toy", "--template", "toy-basic", "--git", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    return tmp_path / "toy"


@pytest.mark.parametrize(
    ("template_name", "extension"),
    [(t.name, o.name) for t in TEMPLATES.values() for o in t.extensions],
)
def test_add_equals_generating_with_it_from_the_start(
    tmp_path: Path, template_name: str, extension: str
) -> None:
    project = new(tmp_path / "later", "--template", template_name)
    result = scaffold("add", extension, "--project", str(project))
    assert result.exit_code == 0, result.output
    fresh = new(tmp_path / "fresh", "--template", template_name, "--with", extension)
    assert file_tree(project) == file_tree(fresh)

    def env_names(path: Path) -> set[str]:
        return {line.split("=")[0] for line in path.read_text().splitlines() if "=" in line}

    assert env_names(project / ".env") == env_names(fresh / ".env")


def test_remove_after_add_gives_back_the_original(tmp_path: Path) -> None:
    project = new(tmp_path)
    original = file_tree(project)
    assert scaffold("add", "forms", "docker", "--project", str(project)).exit_code == 0
    git(project, "add", "--all")
    git(project, "commit", "-qm", "add forms and docker")
    result = scaffold("remove", "forms", "docker", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert file_tree(project) == original


def test_removing_a_requirement_removes_what_needs_it(tmp_path: Path) -> None:
    project = new(tmp_path, "--template", "flask-sqlalchemy")
    original = file_tree(project)
    assert scaffold("add", "admin", "--project", str(project)).exit_code == 0
    git(project, "add", "--all")
    git(project, "commit", "-qm", "add admin, login and forms")
    result = scaffold("remove", "forms", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert "note: admin requires login, which is now off: turned admin off" in result.stderr
    assert file_tree(project) == original


@pytest.mark.parametrize(
    "template_name",
    [t.name for t in TEMPLATES.values() for o in t.options if o.name == "tasks"],
)
def test_add_switches_an_option_to_another_choice(tmp_path: Path, template_name: str) -> None:
    project = new(tmp_path / "later", "--template", template_name)
    result = scaffold("add", "tasks=celery", "--project", str(project))
    assert result.exit_code == 0, result.output
    fresh = new(tmp_path / "fresh", "--template", template_name, "--set", "tasks=celery")
    assert file_tree(project) == file_tree(fresh)
    assert INSTALL_STEP in result.stdout
    env = (project / ".env").read_text()
    assert "CELERY_BROKER_URL=redis://127.0.0.1:6379/1" in env.splitlines()


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("tasks=kafka", "tasks must be one of none, django-tasks, celery, got 'kafka'"),
        ("drf=yes", "drf=... names no option with choices in django-project; "
                    "valid: database=, tasks=, server="),
    ],
)  # fmt: skip
def test_add_refuses_a_bad_choice(tmp_path: Path, argument: str, message: str) -> None:
    project = new(tmp_path, "--template", "django-project")
    before = file_tree(project)
    result = scaffold("add", argument, "--project", str(project))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: {message}"]
    assert file_tree(project) == before


def test_changes_say_what_to_run_next(tmp_path: Path) -> None:
    project = new(tmp_path, "--template", "flask-sqlalchemy")
    result = scaffold("add", "admin", "--project", str(project))
    assert result.exit_code == 0, result.output
    steps = result.stdout.split("Next steps:\n", 1)[1].splitlines()
    assert steps[0] == INSTALL_STEP
    assert steps[1].startswith("  flask --app blog db upgrade  # ")
    assert "flask --app blog db merge heads" in steps[1], "own migrations make two heads"
    git(project, "add", "--all")
    git(project, "commit", "-qm", "add admin")
    # Nothing the steps are about changed: no steps.
    result = scaffold("add", "docker", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert "Next steps:" not in result.stdout


@pytest.mark.parametrize(
    ("template_name", "extra", "removed", "undo"),
    [
        ("flask-sqlalchemy", ["--with", "admin"], "admin", "flask --app blog db downgrade -1"),
        ("flask-sqlalchemy", ["--with", "admin"], "login", "flask --app blog db downgrade -2"),
        ("django-project", ["--with", "drf"], "drf", "python manage.py migrate notes zero"),
    ],
)
def test_removing_migrations_says_how_to_migrate_back_first(
    tmp_path: Path, template_name: str, extra: list[str], removed: str, undo: str
) -> None:
    project = new(tmp_path, "--template", template_name, *extra)
    result = scaffold("remove", removed, "--dry-run", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert (
        "warning: first migrate back each database that applied the migrations this deletes: "
        f"`{undo}`"
    ) in result.stderr
    result = scaffold("remove", removed, "--project", str(project))
    assert result.exit_code == 0, result.output
    assert (
        "warning: migrations were deleted: migrate back each database that applied them, with "
        f"the old files restored: `git stash`, `{undo}`, `git stash pop`"
    ) in result.stderr


def test_user_edit_survives_and_new_parts_arrive(tmp_path: Path) -> None:
    project = new(tmp_path)
    main = project / "blog" / "main.py"
    main.write_text(main.read_text().replace("Show the home page.", "Show my home page."))
    git(project, "commit", "-qam", "my docstring")
    result = scaffold("add", "forms", "--project", str(project))
    assert result.exit_code == 0, result.output
    text = main.read_text()
    assert "Show my home page." in text and "def contact()" in text
    assert "<<<<<<<" not in text
    record = json.loads((project / ".scaffold.json").read_text())
    assert record["answers"]["forms"] is True


def test_conflicting_edit_leaves_markers_and_exits_1(tmp_path: Path) -> None:
    project = new(tmp_path)
    main = project / "blog" / "main.py"
    main.write_text(main.read_text().replace('"""The main blueprint', '"""My own blueprint', 1))
    git(project, "commit", "-qam", "my docstring")
    result = scaffold("add", "forms", "--project", str(project))
    assert result.exit_code == 1
    assert "conflict: blog/main.py (both changed)" in result.stderr
    text = main.read_text()
    assert "<<<<<<< yours" in text and ">>>>>>> new template" in text
    assert "My own blueprint" in text, "nothing is lost"


def test_uncommitted_changes_are_refused(tmp_path: Path) -> None:
    project = new(tmp_path)
    (project / "README.md").write_text("mine\n")
    result = scaffold("add", "forms", "--project", str(project))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {project} has uncommitted changes; commit or stash them first, or use --force"
    ]
    assert not (project / "blog" / "forms.py").exists()
    assert scaffold("add", "forms", "--project", str(project), "--force").exit_code in {0, 1}
    assert (project / "blog" / "forms.py").exists()


def test_dry_run_lists_changes_and_conflicts_and_writes_nothing(tmp_path: Path) -> None:
    project = new(tmp_path)
    main = project / "blog" / "main.py"
    main.write_text(main.read_text().replace('"""The main blueprint', '"""Mine', 1))
    git(project, "commit", "-qam", "edit")
    before = file_tree(project)
    result = scaffold("add", "forms", "--project", str(project), "--dry-run")
    assert result.exit_code == 1
    assert "would add blog/forms.py" in result.stdout
    assert "conflict: blog/main.py (both changed)" in result.stderr
    assert file_tree(project) == before


def test_not_a_scaffold_project(tmp_path: Path) -> None:
    result = scaffold("add", "forms", "--project", str(tmp_path))
    assert result.exit_code == 2
    assert "has no .scaffold.json" in result.stderr


def test_unknown_extension_is_refused_before_anything_changes(tmp_path: Path) -> None:
    project = new(tmp_path)
    before = file_tree(project)
    result = scaffold("add", "nope", "--project", str(project))
    assert result.exit_code == 2 and "unknown extension 'nope'" in result.stderr
    assert file_tree(project) == before


def test_update_brings_a_template_change_and_keeps_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = toy_templates(tmp_path, monkeypatch) / "{{cookiecutter.project_slug}}"
    readme_source = source / "README.md"
    readme_source.write_text("# {{ cookiecutter.project_name }}\n\nA toy.\n\nMore.\n")
    project = new_toy(tmp_path)
    readme = project / "README.md"
    readme.write_text(readme.read_text() + "\nMy notes.\n")
    git(project, "commit", "-qam", "notes")

    # A later revision of the template: a changed line and a new file.
    readme_source.write_text("# {{ cookiecutter.project_name }}\n\nA better toy.\n\nMore.\n")
    (source / "CHANGELOG.md").write_text("# Changes\n")

    result = scaffold("update", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert readme.read_text() == "# toy\n\nA better toy.\n\nMore.\n\nMy notes.\n"
    assert (project / "CHANGELOG.md").read_text() == "# Changes\n"
    git(project, "add", "--all")
    git(project, "commit", "-qm", "update")
    again = scaffold("update", "--project", str(project))
    assert again.exit_code == 0 and "nothing to change" in again.stdout


def test_a_project_grows_into_another_template_and_back(tmp_path: Path) -> None:
    project = new(tmp_path / "grown")
    home = project / "blog" / "templates" / "main" / "index.html"
    home.write_text(home.read_text().replace("</h1>", "</h1>\n  <p>Hello from me.</p>", 1))
    git(project, "commit", "-qam", "my home page")

    grown = scaffold("add", "login", "--project", str(project))
    assert grown.exit_code == 0, grown.output
    assert "flask-minimal has no login: the project moves to flask-sqlalchemy" in grown.stderr
    assert json.loads((project / ".scaffold.json").read_text())["template"] == "flask-sqlalchemy"
    # The project keeps its answers, such as flask-minimal's description.
    description = TEMPLATES["flask-minimal"].defaults()["description"]
    fresh = new(
        tmp_path / "fresh", "--template", "flask-sqlalchemy", "--with", "login",
        "--set", f"description={description}",
    )  # fmt: skip
    edited = file_tree(project)
    assert "Hello from me." in edited.pop("blog/templates/main/index.html").decode()
    assert {
        k: v for k, v in file_tree(fresh).items() if k != "blog/templates/main/index.html"
    } == edited
    git(project, "add", "--all")
    git(project, "commit", "-qm", "login")

    back = scaffold("remove", "login", "database", "--project", str(project))
    assert back.exit_code == 0, back.output
    assert "without database the project moves to flask-minimal" in back.stderr
    fresh = new(tmp_path / "again", "--with", "forms")  # login had turned forms on
    edited = file_tree(project)
    assert "Hello from me." in edited.pop("blog/templates/main/index.html").decode()
    assert {
        k: v for k, v in file_tree(fresh).items() if k != "blog/templates/main/index.html"
    } == edited


@pytest.mark.parametrize(
    ("template_name", "args", "message"),
    [
        (
            "flask-sqlalchemy",
            ["login"],
            "flask-minimal, without database, has no login: remove it too",
        ),
        (
            "django-project",
            [],
            "every django template has database: choose another value with `add`",
        ),
    ],
)
def test_removing_what_every_fitting_template_needs_is_refused(
    tmp_path: Path, template_name: str, args: list[str], message: str
) -> None:
    project = new(tmp_path, "--template", template_name, *(f"--with={a}" for a in args))
    before = file_tree(project)
    result = scaffold("remove", "database", "--project", str(project))
    assert_one_line_error(result, 2, message)
    assert file_tree(project) == before


def test_a_choice_another_template_has_moves_the_project(tmp_path: Path) -> None:
    project = new(tmp_path)
    result = scaffold("add", "database=postgresql", "--project", str(project))
    assert result.exit_code == 0, result.output
    record = json.loads((project / ".scaffold.json").read_text())
    assert record["template"] == "flask-sqlalchemy"
    assert record["answers"]["database"] == "postgresql"


def test_update_check_fails_only_when_the_template_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme_source = (
        toy_templates(tmp_path, monkeypatch) / "{{cookiecutter.project_slug}}" / "README.md"
    )
    project = new_toy(tmp_path)
    (project / "notes.txt").write_text("uncommitted work: a check writes nothing\n")
    current = scaffold("update", "--check", "--project", str(project))
    assert current.exit_code == 0, current.output
    assert "is up to date with its template toy-basic" in current.stdout

    readme_source.write_text("# {{ cookiecutter.project_name }}\n\nA better toy.\n")
    before = file_tree(project)
    behind = scaffold("update", "--check", "--project", str(project))
    assert_one_line_error(behind, 1, "is behind its template toy-basic: 1 files would change")
    as_json = scaffold("update", "--check", "--json", "--project", str(project))
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["changed"] == ["README.md"]
    assert file_tree(project) == before


def test_json_lists_what_add_remove_and_update_did(tmp_path: Path) -> None:
    project = new(tmp_path, "--template", "flask-sqlalchemy")
    added = scaffold("add", "login", "--json", "--project", str(project))
    assert added.exit_code == 0, added.output
    info = json.loads(added.stdout)  # one object, nothing else on stdout
    assert info["template"] == "flask-sqlalchemy" and info["answers"]["login"] is True
    assert "blog/auth.py" in info["added"] and "blog/__init__.py" in info["changed"]
    assert info["notes"] == ["login requires forms: turned it on"]
    assert any("pip install" in step for step in info["next_steps"])
    assert info["conflicts"] == [] and info["deleted"] == [] and not info["dry_run"]
    git(project, "add", "--all")
    git(project, "commit", "-qm", "login")

    auth = project / "blog" / "auth.py"
    auth.write_text(auth.read_text().replace('"/login"', '"/sign-in"'))
    git(project, "commit", "-qam", "my login URL")
    removed = scaffold("remove", "login", "--json", "--dry-run", "--project", str(project))
    assert removed.exit_code == 1  # the edited file is a conflict
    info = json.loads(removed.stdout)
    assert info["dry_run"] and "blog/models.py" in info["changed"]
    assert info["conflicts"] == [
        {"path": "blog/auth.py", "reason": "you changed it; the template dropped it"}
    ]

    updated = scaffold("update", "--json", "--project", str(project))
    assert updated.exit_code == 0, updated.output
    assert json.loads(updated.stdout)["changed"] == []


def test_update_in_a_clone_takes_the_first_commit_as_the_pristine_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme_source = (
        toy_templates(tmp_path, monkeypatch) / "{{cookiecutter.project_slug}}" / "README.md"
    )
    readme_source.write_text("# {{ cookiecutter.project_name }}\n\nA toy.\n\nMore.\n")
    project = new_toy(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(project), str(clone)], check=True)
    assert "refs/scaffold" not in git(clone, "for-each-ref")  # git clone leaves it behind
    readme = clone / "README.md"
    readme.write_text(readme.read_text() + "\nMy notes.\n")
    git(clone, "commit", "-qam", "notes")

    readme_source.write_text("# {{ cookiecutter.project_name }}\n\nA better toy.\n\nMore.\n")
    result = scaffold("update", "--project", str(clone))
    assert result.exit_code == 0, result.output
    assert readme.read_text() == "# toy\n\nA better toy.\n\nMore.\n\nMy notes.\n"


def test_update_in_a_clone_after_add_is_refused(tmp_path: Path) -> None:
    project = new(tmp_path)
    assert scaffold("add", "forms", "--project", str(project)).exit_code == 0
    git(project, "add", "--all")
    git(project, "commit", "-qm", "forms")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(project), str(clone)], check=True)
    record_path = clone / ".scaffold.json"
    record = json.loads(record_path.read_text())
    record["scaffold_version"] = "0.0.1"  # made by an older scaffold
    record_path.write_text(json.dumps(record))
    git(clone, "commit", "-qam", "older")
    # The first commit predates the add: it is not the pristine copy any more.
    result = scaffold("update", "--project", str(clone))
    assert result.exit_code == 1
    assert "update needs the pristine copy kept in refs/scaffold/pristine" in result.stderr


def test_update_without_the_pristine_copy_is_refused(tmp_path: Path) -> None:
    result = scaffold("new", "blog", "--framework", "flask", "-o", str(tmp_path))
    assert result.exit_code == 0
    record_path = tmp_path / "blog" / ".scaffold.json"
    record = json.loads(record_path.read_text())
    record["scaffold_version"] = "0.0.1"
    record_path.write_text(json.dumps(record))
    result = scaffold("update", "--project", str(tmp_path / "blog"))
    assert result.exit_code == 1
    assert "update needs the pristine copy kept in refs/scaffold/pristine" in result.stderr


def test_add_waits_for_a_pending_template_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = toy_templates(tmp_path, monkeypatch)
    project = new_toy(tmp_path)
    readme = template / "{{cookiecutter.project_slug}}" / "README.md"
    readme.write_text(readme.read_text() + "\nA later line.\n")

    result = scaffold("add", "forms", "--project", str(project))
    assert result.exit_code == 2
    assert "run `scaffold update` first" in result.stderr
    assert not (project / "forms.txt").exists()

    assert scaffold("update", "--project", str(project)).exit_code == 0
    assert "A later line." in (project / "README.md").read_text()
    git(project, "add", "--all")
    git(project, "commit", "-qm", "update")
    assert scaffold("add", "forms", "--project", str(project)).exit_code == 0


def test_update_takes_in_questions_the_template_gained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = toy_templates(tmp_path, monkeypatch)
    project = new_toy(tmp_path)
    # A later revision asks two more things: a derived field and a choice.
    config_path = template / "cookiecutter.json"
    config = json.loads(config_path.read_text())
    config = {
        **dict(list(config.items())[:3]),
        "module_name": "{{ cookiecutter.package_name }}_core",
        **dict(list(config.items())[3:]),
        "db": ["sqlite", "postgresql"],
    }
    config["_scaffold"]["fields"]["module_name"] = {"check": "package_name"}
    config["_scaffold"]["options"]["db"] = {
        "help": "Database.",
        "choices": {"sqlite": {}, "postgresql": {}},
    }
    config_path.write_text(json.dumps(config))
    readme = template / "{{cookiecutter.project_slug}}" / "README.md"
    readme.write_text(
        readme.read_text() + "\nmodule {{ cookiecutter.module_name }}, db {{ cookiecutter.db }}\n"
    )

    result = scaffold("update", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert "module toy_core, db sqlite" in (project / "README.md").read_text()
    answers = json.loads((project / ".scaffold.json").read_text())["answers"]
    assert answers["module_name"] == "toy_core" and answers["db"] == "sqlite"


def test_add_to_a_record_without_a_choice_takes_its_default(tmp_path: Path) -> None:
    project = new(tmp_path, "--template", "flask-sqlalchemy")
    record_path = project / ".scaffold.json"
    record = json.loads(record_path.read_text())
    del record["answers"]["database"]  # e.g. written before the template offered a choice
    record_path.write_text(json.dumps(record))
    git(project, "commit", "-qam", "older record")
    result = scaffold("add", "docker", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert json.loads(record_path.read_text())["answers"]["database"] == "sqlite"


def test_uncommitted_changes_count_in_a_project_inside_a_bigger_repository(
    tmp_path: Path,
) -> None:
    git(tmp_path, "init", "-q")
    assert scaffold("new", "blog", "--framework", "flask", "-o", str(tmp_path)).exit_code == 0
    project = tmp_path / "blog"
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "-qm", "a monorepo")
    (tmp_path / "elsewhere.txt").write_text("not the project's business\n")
    assert scaffold("add", "docker", "--project", str(project)).exit_code == 0
    git(tmp_path, "add", "blog")
    git(tmp_path, "commit", "-qm", "docker")
    (project / "README.md").write_text("mine\n")
    result = scaffold("add", "forms", "--project", str(project))
    assert result.exit_code == 2 and "has uncommitted changes" in result.stderr


def test_a_binary_file_both_changed_is_a_conflict_and_stays_yours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = toy_templates(tmp_path, monkeypatch)
    logo = template / "{{cookiecutter.project_slug}}" / "logo.bin"
    logo.write_bytes(b"\x89PNG\0template one")
    project = new_toy(tmp_path)
    (project / "logo.bin").write_bytes(b"\x89PNG\0mine")
    git(project, "commit", "-qam", "my logo")
    logo.write_bytes(b"\x89PNG\0template two")

    result = scaffold("update", "--project", str(project))
    assert result.exit_code == 1, result.output
    assert "conflict: logo.bin (both changed)" in result.stderr
    assert (project / "logo.bin").read_bytes() == b"\x89PNG\0mine"


def test_files_of_your_own_stay_yours_after_new_force_git(tmp_path: Path) -> None:
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "notes.txt").write_text("mine\n")
    args = ["new", "blog", "--framework", "flask", "--force", "--git", "-o", str(tmp_path)]
    assert scaffold(*args).exit_code == 0
    project = tmp_path / "blog"
    assert "notes.txt" in git(project, "ls-tree", "-r", "--name-only", "HEAD").split()
    pristine = git(project, "ls-tree", "-r", "--name-only", "refs/scaffold/pristine").split()
    assert "notes.txt" not in pristine and "blog/main.py" in pristine
    result = scaffold("update", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert (project / "notes.txt").read_text() == "mine\n"


def test_an_undone_add_is_named_and_update_mends_it(tmp_path: Path) -> None:
    project = new(tmp_path)
    assert scaffold("add", "forms", "--project", str(project)).exit_code == 0
    git(project, "checkout", "--", ".")  # the user changes their mind
    git(project, "clean", "-fdq")

    result = scaffold("add", "forms", "--project", str(project))
    assert result.exit_code == 2
    assert "(or an add, remove or update was undone); run `scaffold update` first" in (
        result.stderr
    )
    assert scaffold("update", "--project", str(project)).exit_code == 0
    git(project, "add", "--all")
    git(project, "commit", "-qm", "update", "--allow-empty")
    result = scaffold("add", "forms", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert (project / "blog" / "forms.py").exists()


# --- paths that are not safe to write ------------------------------------------------


@pytest.mark.parametrize("obstacle", ["dangling symlink", "symlink out", "folder"])
def test_a_symlink_or_folder_where_the_template_writes_is_a_conflict(
    tmp_path: Path, obstacle: str
) -> None:
    """forms.py stays whatever the user made of it, and nothing is written
    through a symlink to outside the project."""
    project = new(tmp_path)
    outside = tmp_path / "outside.py"
    outside.write_text("not the project's\n")
    forms = project / "blog" / "forms.py"
    if obstacle == "folder":
        forms.mkdir()
        (forms / "mine.txt").write_text("mine\n")
    else:
        forms.symlink_to(outside if obstacle == "symlink out" else tmp_path / "gone.py")
    git(project, "add", "--all")
    git(project, "commit", "-qm", "mine")
    result = scaffold("add", "forms", "--project", str(project))
    assert result.exit_code == 1, result.output
    assert "conflict: blog/forms.py (" in result.stderr
    assert outside.read_text() == "not the project's\n"
    assert not (tmp_path / "gone.py").exists(), "a dangling link is not followed either"
    assert (forms.is_symlink(), forms.is_dir()) == (obstacle != "folder", obstacle == "folder")
    if obstacle == "folder":
        assert [p.name for p in forms.iterdir()] == ["mine.txt"]
    assert (project / "blog" / "templates" / "_form.html").exists(), "the rest is made"


def test_a_symlinked_folder_is_never_written_through(tmp_path: Path) -> None:
    """The user moved blog/templates elsewhere and linked it: the template's
    new files there are conflicts, the other folder stays as it was."""
    project = new(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (project / "blog" / "templates").rename(elsewhere)
    (project / "blog" / "templates").symlink_to(elsewhere)
    git(project, "add", "--all")
    git(project, "commit", "-qm", "templates elsewhere")
    outside = file_tree(elsewhere)
    result = scaffold("add", "forms", "--project", str(project))
    assert result.exit_code == 1, result.output
    assert "(blog/templates is a symlink)" in result.stderr
    assert file_tree(elsewhere) == outside
    assert (project / "blog" / "forms.py").exists(), "the rest of the change is made"


def test_add_keeps_the_users_env_values_and_adds_what_is_missing(tmp_path: Path) -> None:
    """Keys are read as python-dotenv reads them: an `export`ed or quoted
    key is there already, and gets no second line that would override it."""
    project = new(tmp_path, "--template", "django-project")
    env = project / ".env"
    mine = (
        "export DJANGO_SECRET_KEY='mine'\n"
        "'DJANGO_ALLOWED_HOSTS'=example.com\n"
        'OWN="a multi-line value, with\nCACHE_URL=not a key"\n'
    )
    env.write_text(mine)
    env.chmod(0o640)
    result = scaffold("add", "cache", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert env.read_text() == mine + "CACHE_URL=redis://127.0.0.1:6379/0\n"
    assert env.stat().st_mode & 0o777 == 0o640, "the user's file mode stays"


def test_new_force_keeps_the_users_env_values(tmp_path: Path) -> None:
    project = new(tmp_path, "--template", "django-project")
    env = project / ".env"
    mine = "export DJANGO_SECRET_KEY=mine\n# my comment\n"
    env.write_text(mine)
    again = scaffold("new", "blog", "--template", "django-project", "--with", "cache",
                     "--force", "-o", str(tmp_path))  # fmt: skip
    assert again.exit_code == 0, again.output
    text = env.read_text()
    assert text.startswith(mine) and text.count("DJANGO_SECRET_KEY") == 1
    assert "CACHE_URL=redis://" in text and "DJANGO_ALLOWED_HOSTS=" in text
