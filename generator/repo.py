"""The generated project's own git repository: its first commit, and the
pristine copy of the template that ``scaffold update`` merges from.

``scaffold new --git`` commits the project and points ``refs/scaffold/pristine``
at the template's files in that commit; every add, remove and update moves
it on to the template as the project then has it. A clone lacks that ref
(git does not push it by default); there, as long as the recorded answers
are still those of the first commit, that commit is the pristine copy.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from . import __version__
from .errors import ScaffoldError, UsageError

PRISTINE_REF = "refs/scaffold/pristine"
INITIAL_COMMIT_MESSAGE = "Initial commit from scaffold"
# The author of scaffold's own bookkeeping commits, and of the first commit
# when git does not know the user yet.
BOOKKEEPER = ["-c", "user.name=scaffold", "-c", "user.email=scaffold@localhost"]
# The pristine copy must outlive a power cut as the files it stands for do:
# git does not sync loose objects and refs to disk by default.
DURABLE = ["-c", "core.fsync=loose-object,reference"]
# git without the machine's global and system configuration.
ISOLATED = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def initial_commit(project: Path, template_files: Iterable[str], isolated: bool = False) -> None:
    """``git init``, add everything (``.gitignore`` keeps ``.env`` out), commit,
    and keep the template's files of that commit as the pristine copy.

    The commit is the user's when git knows who they are, scaffold's
    otherwise. ``isolated`` (a project that a server makes for somebody
    else) leaves this machine's git configuration out: scaffold's commit on
    ``main``, with no hooks, signing or init template of the machine's.
    """
    env = ISOLATED if isolated else {}
    try:
        init = ["-c", "init.defaultBranch=main", "init", "--template="] if isolated else ["init"]
        git(project, *init, "--quiet", env=env)
        git(project, "add", "--all", env=env)
        identity = BOOKKEEPER if isolated or not _knows_the_user(project) else []
        commit = [*identity, "commit", "--quiet", "--no-verify", "-m", INITIAL_COMMIT_MESSAGE]
        git(project, *commit, env=env)
        listed = git(project, "ls-tree", "-r", "-z", "--name-only", "HEAD", env=env).stdout
        # With --force the folder may also hold files of the user's own.
        theirs = sorted(set(listed.split("\0")) - set(template_files) - {""})
        if not theirs:
            git(project, "update-ref", PRISTINE_REF, "HEAD", env=env)
            return
        with tempfile.TemporaryDirectory() as scratch:
            env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            git(project, "read-tree", "HEAD", env=env)
            paths = ["--pathspec-from-file=-", "--pathspec-file-nul"]
            git(project, "rm", "--cached", "--quiet", *paths, env=env, stdin="\0".join(theirs))
            tree_id = git(project, "write-tree", env=env).stdout.strip()
            set_pristine(project, _pristine_child(project, tree_id))
    except ScaffoldError as error:
        raise ScaffoldError(f"project written to {project}, but {error}") from None


def pristine_commit(project: Path, tree: Path, leave_out: Iterable[str] = ()) -> str | None:
    """A commit of ``tree``, the template as the project is about to have
    it (but for the files in ``leave_out``, which are not the template's),
    to become the pristine copy (see :func:`set_pristine`); None when the
    project keeps no repository of its own. No ref moves yet."""
    if not (project / ".git").exists():
        return None
    with tempfile.TemporaryDirectory() as scratch:
        env = {"GIT_INDEX_FILE": str(Path(scratch) / "index"), "GIT_WORK_TREE": str(tree)}
        excluded = [f":(exclude,literal){path}" for path in leave_out]
        git(project, *DURABLE, "add", "--all", "--", ".", *excluded, env=env)
        tree_id = git(project, *DURABLE, "write-tree", env=env).stdout.strip()
        return _pristine_child(project, tree_id)


def pristine_ref(project: Path) -> str | None:
    """The commit ``refs/scaffold/pristine`` points at, or None."""
    found = git(project, "rev-parse", "--verify", "--quiet", PRISTINE_REF, check=False)
    return found.stdout.strip() if found.returncode == 0 else None


def set_pristine(project: Path, commit: str | None, expected: str | None = None) -> None:
    """Point ``refs/scaffold/pristine`` at ``commit`` (delete it for None);
    with ``expected``, only if it points there now."""
    if commit is None:
        git(project, *DURABLE, "update-ref", "-d", PRISTINE_REF)
    else:
        old = [expected] if expected else []
        git(project, *DURABLE, "update-ref", PRISTINE_REF, commit, *old)


def is_commit(project: Path, name: str) -> bool:
    """Whether ``name`` is a commit that the project's repository holds."""
    return git(project, "cat-file", "-e", f"{name}^{{commit}}", check=False).returncode == 0


def checkout_pristine(project: Path, into: Path, record: str) -> bool:
    """Write the pristine copy into ``into``; False when there is none.

    ``record`` names the file that holds the project's answers, which tells
    whether the first commit may stand in for a missing ref.
    """
    commit = _pristine_commit(project, record)
    if commit is None:
        return False
    into.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}  # the user's index stays as it is
        git(project, "read-tree", commit, env=env)
        git(project, "checkout-index", "--all", f"--prefix={into}{os.sep}", env=env)
    return True


def refuse_dirty(project: Path, force: bool) -> None:
    """A merge into uncommitted work could not be undone: refuse it."""
    if force:
        return
    inside = git(project, "rev-parse", "--is-inside-work-tree", check=False)
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return  # not under git: nothing to check against
    # Only the project's own folder: it may be one of several in a repository.
    if git(project, "status", "--porcelain", "--", ".").stdout.strip():
        raise UsageError(
            f"{project} has uncommitted changes; commit or stash them first, or use --force"
        )


def git(
    project: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    check: bool = True,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run git in ``project``; a failure (when ``check``) is one ScaffoldError line."""
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=project,
            input=stdin,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
        )
    except FileNotFoundError:
        raise ScaffoldError("git is not installed") from None
    if check and result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        command = next(a for a in args if not a.startswith("-") and "=" not in a)
        # git's first error names what went wrong; later lines are advice.
        errors = [line for line in reason if line.startswith(("fatal:", "error:"))]
        detail = (errors or reason or [result.returncode])[0]
        raise ScaffoldError(f"`git {command}` failed: {detail}")
    return result


def _pristine_child(project: Path, tree_id: str) -> str:
    """A bookkeeping commit of ``tree_id`` on top of the pristine ref."""
    parent = pristine_ref(project)
    parents = ["-p", parent] if parent else []
    message = f"scaffold {__version__}: pristine render"
    made = git(project, *BOOKKEEPER, *DURABLE, "commit-tree", tree_id, *parents, "-m", message)
    return made.stdout.strip()


def _pristine_commit(project: Path, record: str) -> str | None:
    """``refs/scaffold/pristine``; failing that, the first commit of
    ``scaffold new --git`` if the project's record has not changed since."""
    if not (project / ".git").exists():
        return None
    if git(project, "rev-parse", "--verify", "--quiet", PRISTINE_REF, check=False).returncode == 0:
        return PRISTINE_REF
    roots = git(project, "rev-list", "--max-parents=0", "HEAD", check=False)
    current = (project / record).read_bytes()
    for root in roots.stdout.split() if roots.returncode == 0 else []:
        if git(project, "log", "-1", "--format=%s", root).stdout.strip() != INITIAL_COMMIT_MESSAGE:
            continue
        show = ["git", "show", f"{root}:{record}"]
        shown = subprocess.run(show, cwd=project, capture_output=True)  # bytes, as on disk
        if shown.returncode == 0 and shown.stdout == current:
            return root
    return None


def _knows_the_user(project: Path) -> bool:
    """Whether git already knows who the user is."""
    found = git(project, "config", "user.email", check=False)
    return found.returncode == 0 and bool(found.stdout.strip())
