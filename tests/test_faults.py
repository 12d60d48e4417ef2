"""Faults injected into new, add, remove and update, for real: a second
scaffold at the same time, a full disk (a small tmpfs), a read-only file
system, SIGTERM, and SIGKILL at every step of a change and at random moments.

After each, the project's files (``.env`` included, git's own excepted) are
byte for byte as they were, or as the completed change makes them; a change
that SIGKILL stopped after its commit is finished by the next run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from support import mounted

CHANGE = ["add", "cache", "tasks=celery"]  # merges settings, adds files and .env variables
# The user's own values in .env: python-dotenv's `export` form for a variable
# the template also writes, and a variable of their own.
USER_KEY = "export DJANGO_SECRET_KEY='my own key, kept'"
USER_SETTING = "MY_OWN_SETTING=1\n"
USER_EDIT = "# My own note, which every change must keep.\n"


def run(*args: str, cwd: Path | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``scaffold ARGS`` in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, **kwargs,
    )  # fmt: skip


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def snapshot(project: Path) -> dict[str, Any]:
    """Every path under ``project`` but git's: folders, symlinks, and files
    with their mode and bytes."""
    found: dict[str, Any] = {}
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project)
        if relative.parts[0] == ".git":
            continue
        if path.is_symlink():
            found[relative.as_posix()] = ("symlink", os.readlink(path))
        elif path.is_dir():
            found[relative.as_posix()] = "folder"
        else:
            found[relative.as_posix()] = (path.stat().st_mode, path.read_bytes())
    return found


def assert_one_error_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """A django-project under git, with the user's edits and .env, and the
    snapshots before and after ``CHANGE``."""
    where = tmp_path_factory.mktemp("shop")
    made = run("new", "shop", "--template", "django-project", "--git", "--no-input", cwd=where)
    assert made.returncode == 0, made.stderr
    project = where / "shop"
    env = project / ".env"
    lines = env.read_text().splitlines()
    mine = [USER_KEY if line.startswith("DJANGO_SECRET_KEY=") else line for line in lines]
    user_env = "\n".join(mine) + "\n" + USER_SETTING
    env.write_text(user_env)
    settings = project / "config" / "settings" / "base.py"
    settings.write_text(USER_EDIT + settings.read_text())
    git(project, "commit", "-qam", "my edits")
    changed = copy_of(project, tmp_path_factory.mktemp("changed"))
    result = run(*CHANGE, "--project", str(changed))
    assert result.returncode == 0, result.stderr
    before, after = snapshot(project), snapshot(changed)
    env = (changed / ".env").read_text()
    assert env.startswith(user_env), "the user's values stay as they were"
    assert "CACHE_URL=" in env and "CELERY_BROKER_URL=" in env
    assert env.count("DJANGO_SECRET_KEY") == 1, "no second key overrides the user's"
    assert (changed / "config" / "celery.py").exists()
    assert USER_EDIT in (changed / "config" / "settings" / "base.py").read_text()
    return project, before, after


def copy_of(project: Path, where: Path) -> Path:
    copy = where / project.name
    shutil.copytree(project, copy, symlinks=True)
    return copy


def assert_whole_and_alive(
    project: Path, before: dict, after: dict, following: Sequence[str] = ("add", "drf")
) -> str:
    """The project is as before or as after the change, and takes another
    change (``following``) cleanly; which of the two it was."""
    state = snapshot(project)
    assert state in (before, after), sorted(
        set(state.items()) ^ set((before if len(state) == len(before) else after).items())
    )[:3]
    outcome = "after" if state == after else "before"
    if outcome == "after":
        git(project, "add", "--all")
        git(project, "commit", "-qm", "the change")
    more = run(*following, "--project", str(project))
    assert more.returncode == 0, more.stderr
    for path in project.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            assert b"<<<<<<<" not in path.read_bytes(), f"conflict markers in {path}"
    return outcome


# --- one writer at a time --------------------------------------------------------


def test_two_new_into_one_target_make_exactly_one_project(tmp_path: Path) -> None:
    templates = ["flask-minimal", "django-project"]
    for round_ in range(6):
        where = tmp_path / str(round_)
        where.mkdir()
        runs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "generator",
                    "new",
                    "shop",
                    "--template",
                    name,
                    "--no-input",
                ],
                cwd=where,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )  # fmt: skip
            for name in templates
        ]
        outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in runs]
        codes = [code for code, _ in outcomes]
        assert sorted(c == 0 for c in codes) == [False, True], outcomes
        winner = templates[codes.index(0)]
        code, error = next(o for o in outcomes if o[0] != 0)
        assert code in (1, 2) and len(error.splitlines()) == 1, error
        assert "another scaffold is writing" in error or "already exists" in error, error
        made = sorted(p.name for p in (where / "shop").iterdir())
        reference = where / "reference"
        assert (
            run("new", "shop", "--template", winner, "--no-input", "-o", str(reference)).returncode
            == 0
        )
        assert made == sorted(p.name for p in (reference / "shop").iterdir()), "one template's"
        shutil.rmtree(reference)
        assert sorted(p.name for p in where.iterdir()) == ["shop"], "no lock or scratch left"


def test_two_adds_at_once_never_lose_one(shop: tuple[Path, dict, dict], tmp_path: Path) -> None:
    project, _, _ = shop
    refused = 0
    for round_ in range(6):
        copy = copy_of(project, tmp_path / str(round_))
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "generator", "add", name, "--force", "--project", str(copy)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )  # fmt: skip
            for name in ("cache", "drf")
        ]
        outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in runs]
        answers = json.loads((copy / ".scaffold.json").read_text())["answers"]
        assert any(code == 0 for code, _ in outcomes), outcomes
        for (code, error), name in zip(outcomes, ("cache", "drf"), strict=True):
            assert answers[name] is (code == 0), (outcomes, answers)
            if code:
                assert code == 1 and "another scaffold is writing" in error, error
                refused += 1
    assert refused, "the two runs never overlapped: the test proved nothing"


# --- a full disk, a read-only file system --------------------------------------


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until ``leave`` bytes are free."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with (disk / "filler").open("wb") as file:
        file.truncate(0)
        file.write(b"\0" * max(0, free - leave))


def test_full_disk_leaves_the_project_as_it_was(
    shop: tuple[Path, dict, dict], tmp_path: Path
) -> None:
    project, before, after = shop
    outcomes = []
    with mounted(tmp_path / "disk", "size=64m") as disk:
        for leave_kib in range(0, 1024, 32):
            copy = copy_of(project, disk)
            fill(disk, leave_kib * 1024)
            result = run(*CHANGE, "--project", str(copy))
            (disk / "filler").unlink()
            if result.returncode:
                assert_one_error_line(result, 1)
                assert snapshot(copy) == before
            else:
                assert snapshot(copy) == after
            outcomes.append(result.returncode == 0)
            assert sorted(p.name for p in disk.iterdir()) == ["shop"], "nothing left beside it"
            shutil.rmtree(copy)
            if outcomes[-2:] == [True, True]:
                break
    assert False in outcomes and True in outcomes, "the disk never ran out, or never sufficed"


@pytest.mark.parametrize("read_only", [".", "config"])
def test_read_only_folder_leaves_the_project_as_it_was(
    shop: tuple[Path, dict, dict], tmp_path: Path, read_only: str
) -> None:
    """All read-only, or only the folder where the change writes last (the
    files staged in the others must be taken back)."""
    project, before, after = shop
    with mounted(tmp_path / "disk", "size=64m") as disk:
        copy = copy_of(project, disk)
        frozen = copy / read_only
        subprocess.run(["mount", "--bind", str(frozen), str(frozen)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(frozen)], check=True)
            looked = run(*CHANGE, "--project", str(copy), "--dry-run")
            assert looked.returncode == 0 and "would add config/celery.py" in looked.stdout, looked
            line = assert_one_error_line(run(*CHANGE, "--project", str(copy)), 1)
            assert "Read-only file system" in line, line
            assert snapshot(copy) == before
        finally:
            subprocess.run(["umount", str(frozen)], check=True)
        assert_whole_and_alive(copy, before, after)


# --- SIGKILL ---------------------------------------------------------------------

# Runs scaffold with the transaction's steps counted; the KILL_AT-th step
# kills the process (SIGKILL) just before it would run. STEPS_TO prints the
# count, for a run that is not killed.
KILLER = """
import os, signal, sys, types
from generator import transaction
limit = int(os.environ["KILL_AT"])
count = 0
def counted(function):
    def step(*args, **kwargs):
        global count
        count += 1
        if count == limit:
            os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)
    return step
shim = types.ModuleType("os")
shim.__dict__.update(os.__dict__)
shim.replace = counted(os.replace)
transaction.os = shim
for name in ("_copy_new", "_write_journal", "set_pristine", "_remove_empty_parents"):
    setattr(transaction, name, counted(getattr(transaction, name)))
from generator.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="scaffold")
finally:
    with open(os.environ["STEPS_TO"], "w") as file:
        file.write(str(count))
"""


def killed_run(
    project: Path, kill_at: int, steps: Path, command: Sequence[str] = CHANGE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLER, *command, "--project", str(project)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "KILL_AT": str(kill_at), "STEPS_TO": str(steps)},
    )  # fmt: skip


def finish(project: Path) -> None:
    """What the user runs next: any change finishes a stopped one first."""
    result = run("update", "--force", "--project", str(project))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("change", ["add", "remove"])
def test_sigkill_at_every_step_of_a_change(
    shop: tuple[Path, dict, dict], tmp_path: Path, change: str
) -> None:
    """Every step: SIGKILL just before it, then the next run; an addition
    (files added, merged, .env grown) and a removal (files deleted)."""
    project, before, after = shop
    command, following = CHANGE, ["add", "drf"]
    if change == "remove":
        project = copy_of(project, tmp_path / "with-drf")
        assert run("add", "drf", "--project", str(project)).returncode == 0
        git(project, "add", "--all")
        git(project, "commit", "-qm", "drf")
        command, following = ["remove", "drf"], ["add", "cache"]
        removed = copy_of(project, tmp_path / "removed")
        assert run(*command, "--project", str(removed)).returncode == 0
        before, after = snapshot(project), snapshot(removed)
        assert len(after) < len(before), "the removal deletes files"
    steps = tmp_path / "steps"
    whole = killed_run(copy_of(project, tmp_path / "count"), 0, steps, command)
    assert whole.returncode == 0, whole.stderr
    total = int(steps.read_text())
    assert total >= 10, "the change has fewer steps than files it writes"
    seen = set()
    for kill_at in range(1, total + 1):
        copy = copy_of(project, tmp_path / f"at-{kill_at}")
        result = killed_run(copy, kill_at, steps, command)
        assert result.returncode == -signal.SIGKILL, result.stderr
        if snapshot(copy) not in (before, after):
            journaled = [".scaffold-journal.json", ".scaffold-journal.json.draft"]
            assert any((copy / name).exists() for name in journaled), "half done, unjournaled"
        finish(copy)
        seen.add(assert_whole_and_alive(copy, before, after, following))
    assert seen == {"before", "after"}


def test_sigkill_at_random_moments(shop: tuple[Path, dict, dict], tmp_path: Path) -> None:
    project, before, after = shop
    started = time.monotonic()
    assert run(*CHANGE, "--project", str(copy_of(project, tmp_path / "timed"))).returncode == 0
    duration = time.monotonic() - started
    chance = random.Random(os.environ.get("PYTEST_XDIST_WORKER", "") + str(duration))
    for attempt in range(30):
        copy = copy_of(project, tmp_path / str(attempt))
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", *CHANGE, "--project", str(copy)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(chance.uniform(0.2, 1.1) * duration)
        process.kill()
        process.wait(timeout=60)
        finish(copy)
        assert_whole_and_alive(copy, before, after)


# --- SIGTERM -------------------------------------------------------------------


def slow_git(folder: Path, slow_command: str, stall: str = "exec sleep 60") -> dict[str, str]:
    """An environment whose ``git`` runs ``stall`` on ``slow_command`` after saying so."""
    folder.mkdir()
    real = shutil.which("git")
    script = folder / "git"
    script.write_text(
        "#!/bin/sh\n"
        f'for a in "$@"; do [ "$a" = {slow_command} ] && touch {folder}/stalled && {stall}\n'
        "done\n"
        f'exec {real} "$@"\n'
    )
    script.chmod(0o755)
    scratch = folder / "tmp"
    scratch.mkdir()
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}", "TMPDIR": str(scratch)}


def terminate_when_stalled(process: subprocess.Popen, folder: Path) -> None:
    deadline = time.monotonic() + 60
    while not (folder / "stalled").exists():
        assert time.monotonic() < deadline and process.poll() is None, "git never stalled"
        time.sleep(0.05)
    process.terminate()
    assert process.wait(timeout=30) == 130


def test_sigterm_during_the_first_commit_is_one_line(tmp_path: Path) -> None:
    env = slow_git(tmp_path / "bin", "commit")
    work = tmp_path / "work"
    work.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "new", "shop", "--framework", "flask", "--git",
         "--no-input"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    terminate_when_stalled(process, tmp_path / "bin")
    assert process.stderr.read().splitlines() == [
        f"error: interrupted; {Path('shop')} is written, but its git repository may be incomplete"
    ]
    assert sorted(p.name for p in work.iterdir()) == ["shop"], "no scratch folder left"
    assert list((tmp_path / "bin" / "tmp").iterdir()) == []


def test_sigterm_during_a_change_leaves_nothing(
    shop: tuple[Path, dict, dict], tmp_path: Path
) -> None:
    project, before, _ = shop
    copy = copy_of(project, tmp_path)
    env = slow_git(tmp_path / "bin", "checkout-index")  # while reading the pristine copy
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *CHANGE, "--project", str(copy)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    terminate_when_stalled(process, tmp_path / "bin")
    assert process.stderr.read().splitlines() == ["error: interrupted; nothing was written"]
    assert snapshot(copy) == before
    assert list((tmp_path / "bin" / "tmp").iterdir()) == [], "no scaffold-merge-* left"


def test_add_cannot_get_in_before_new_git_has_committed(tmp_path: Path) -> None:
    """The project is in place while `git init` runs: still locked."""
    env = slow_git(tmp_path / "bin", "init", stall="sleep 2")
    work = tmp_path / "work"
    work.mkdir()
    making = subprocess.Popen(
        [sys.executable, "-m", "generator", "new", "shop", "--template", "flask-minimal",
         "--git", "--no-input"],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (tmp_path / "bin" / "stalled").exists():
        assert time.monotonic() < deadline and making.poll() is None, "git init never ran"
        time.sleep(0.05)
    line = assert_one_error_line(run("add", "forms", "--project", str(work / "shop")), 1)
    assert "another scaffold is writing" in line
    assert making.wait(timeout=60) == 0, making.stderr.read()
    assert run("add", "forms", "--project", str(work / "shop")).returncode == 0


# --- what a stopped run left, and what stands in the way --------------------------


@pytest.fixture
def flask_project(tmp_path: Path) -> Path:
    made = run("new", "shop", "--template", "flask-minimal", "--git", "--no-input", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return tmp_path / "shop"


def journal(**fields: Any) -> str:
    return json.dumps({"state": "committed", "writes": [], "deletes": [], "folders": [],
                       "pristine": None} | fields)  # fmt: skip


ANY_HASH = "0" * 64


@pytest.mark.parametrize(
    "text",
    [
        journal(writes=[{"path": "{outside}/victim", "before": None, "after": ANY_HASH}]),
        journal(deletes=[{"path": "../outside/victim", "before": ANY_HASH}]),
        journal(writes=[{"path": ".git/config", "before": None, "after": ANY_HASH}]),
        journal(deletes=[{"path": "shop/../../outside/victim", "before": ANY_HASH}]),
        journal(folders=["../outside"]),
        journal(pristine={"new": "1" * 40, "old": None}),
        journal(writes=5),
        journal(deletes=[None]),
        '{"state": "committed"}',
        '{"state": "writing"}',
        "not json",
    ],
)
def test_a_journal_scaffold_did_not_write_is_refused(
    flask_project: Path, tmp_path: Path, text: str
) -> None:
    """A journal is a file in the project (a clone may hold one): nothing it
    names outside the project is touched, and a malformed one is one line."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim").write_text("precious\n")
    (flask_project / ".scaffold-journal.json").write_text(text.replace("{outside}", str(outside)))
    before = snapshot(flask_project)
    line = assert_one_error_line(run("add", "forms", "--force", "--project", str(flask_project)), 1)
    assert "is not a journal scaffold can finish" in line and "then delete it" in line
    assert (outside / "victim").read_text() == "precious\n"
    assert snapshot(flask_project) == before
    (flask_project / ".scaffold-journal.json").unlink()
    assert run("add", "forms", "--force", "--project", str(flask_project)).returncode == 0


def stopped_midway(project: Path, tmp_path: Path) -> Path:
    """A copy of ``project`` whose ``CHANGE`` SIGKILL stopped between its
    commit and its last rename."""
    steps = tmp_path / "steps"
    assert killed_run(copy_of(project, tmp_path / "count"), 0, steps).returncode == 0
    for kill_at in range(int(steps.read_text()), 0, -1):
        copy = copy_of(project, tmp_path / f"at-{kill_at}")
        killed_run(copy, kill_at, steps)
        if (copy / ".scaffold-journal.json").exists() and any(copy.rglob("*.scaffold-new")):
            return copy
    pytest.fail("no run was stopped between its commit and its last rename")


def test_a_change_finished_by_the_next_run_is_named_first(
    shop: tuple[Path, dict, dict], tmp_path: Path
) -> None:
    copy = stopped_midway(shop[0], tmp_path)
    line = assert_one_error_line(run("add", "drf", "--project", str(copy)), 2)
    assert line.startswith(
        "error: finished the change that an interrupted scaffold run had committed; "
        "review and commit it, then run this again"
    )
    assert snapshot(copy) == shop[2]


def test_a_file_edited_after_a_stopped_change_is_never_overwritten(
    shop: tuple[Path, dict, dict], tmp_path: Path
) -> None:
    """A change killed midway, then an edit to a file it had still to
    replace: finishing it would lose the edit, so it stops with one line."""
    copy = stopped_midway(shop[0], tmp_path)
    waiting = sorted(copy.rglob("*.scaffold-new"))
    edited = waiting[0].with_name(waiting[0].name.removeprefix(".").removesuffix(".scaffold-new"))
    edited.write_text((edited.read_text() if edited.exists() else "") + "MY NOTES\n")
    line = assert_one_error_line(run("update", "--force", "--project", str(copy)), 1)
    assert "has changed since" in line and edited.name in line
    assert edited.read_text().endswith("MY NOTES\n")


def test_a_symlink_at_a_temporary_name_is_never_written_through(
    flask_project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.write_text("precious\n")
    (flask_project / "shop" / ".__init__.py.scaffold-new").symlink_to(outside)
    git(flask_project, "add", "--all")
    git(flask_project, "commit", "-qm", "a trap")
    before = snapshot(flask_project)
    line = assert_one_error_line(run("add", "forms", "--project", str(flask_project)), 1)
    assert ".__init__.py.scaffold-new is in the way; nothing was written" in line
    assert outside.read_text() == "precious\n"
    assert snapshot(flask_project) == before


def test_a_locked_pristine_ref_changes_nothing(flask_project: Path) -> None:
    (flask_project / ".git" / "refs" / "scaffold" / "pristine.lock").touch()
    before = snapshot(flask_project)
    line = assert_one_error_line(run("add", "forms", "--project", str(flask_project)), 1)
    assert "pristine.lock" in line and "nothing was written" in line
    assert snapshot(flask_project) == before


def test_new_force_keeps_env_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "shop").mkdir()
    mine = b"FLASK_SECRET_KEY=caf\xe9-my-own-key-that-is-long-enough-to-pass\n"
    (tmp_path / "shop" / ".env").write_bytes(mine)
    made = run("new", "shop", "--template", "flask-minimal", "--force", "--no-input", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    env = (tmp_path / "shop" / ".env").read_bytes()
    assert env.startswith(mine) and b"FLASK_TRUSTED_PROXY_COUNT=" in env
    assert env.count(b"FLASK_SECRET_KEY=") == 1


def test_new_force_in_a_repository_moves_the_pristine_copy(flask_project: Path) -> None:
    """Otherwise the next add would take the project for one whose template changed."""
    where = flask_project.parent
    forced = run("new", "shop", "--template", "flask-minimal", "--with", "forms", "--force",
                 "--no-input", cwd=where)  # fmt: skip
    assert forced.returncode == 0, forced.stderr
    git(flask_project, "add", "--all")
    git(flask_project, "commit", "-qm", "forms")
    added = run("add", "docker", "--project", str(flask_project))
    assert added.returncode == 0, added.stderr


def test_new_removes_the_scratch_folder_of_a_killed_run(tmp_path: Path) -> None:
    stale = tmp_path / ".shop.scaffold-k1ll3d00" / "shop"
    stale.mkdir(parents=True)
    (stale / "half.txt").write_text("half\n")
    made = run("new", "shop", "--template", "flask-minimal", "--no-input", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop"]
