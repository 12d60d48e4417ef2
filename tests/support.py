"""Helpers shared by the test modules: combinations, checks, and real runs of
generated projects (virtualenvs, commands, servers)."""

from __future__ import annotations

import ast
import contextlib
import glob
import io
import itertools
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tarfile
import time
import tomllib
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
import yaml
from click.testing import CliRunner, Result
from dotenv import dotenv_values

from generator.cli import cli
from generator.errors import UsageError
from generator.model import Template, load_templates
from generator.resolve import resolve

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "templates"
IN_CI = os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}
# Servers for the generated projects' tests, started by .ci/run (or by you):
# a PostgreSQL role that may create databases, and a Redis server.
POSTGRES = os.environ.get("SCAFFOLD_TEST_POSTGRES", "")  # postgresql://user:password@host:port
REDIS = os.environ.get("SCAFFOLD_TEST_REDIS", "")  # redis://host:port


def require(condition: object, reason: str) -> None:
    """Skip when ``condition`` is false, but fail in CI: there every test that
    needs a server or an interpreter must really run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


# --- the command line, in this process ----------------------------------------


def scaffold(*args: str) -> Result:
    """``scaffold ARGS``, run in this process; stdout and stderr kept apart."""
    return CliRunner().invoke(cli, list(args))


def assert_one_line_error(result: Result, code: int, text: str) -> None:
    """Exit ``code``, nothing on stdout, one ``error:`` line holding ``text``."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and text in lines[0], lines[0]
    assert "Traceback" not in result.output


def file_tree(root: Path, skip: Collection[str] = (".env",)) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes, but git's own and the names in
    ``skip`` (by default the secrets, random in every project)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in skip and ".git" not in p.relative_to(root).parts
    }


# --- combinations -----------------------------------------------------------


def real_templates() -> dict[str, Template]:
    return load_templates(REPO / "templates")


def option_values(template: Template) -> dict[str, list[Any]]:
    return {o.key: [False, True] if o.is_extension else o.values() for o in template.options}


def is_valid(template: Template, combo: Mapping[str, Any]) -> bool:
    """A combination a user can ask for: every constraint holds as given."""
    try:
        resolution = resolve(template, combo)
    except UsageError:
        return False
    return not resolution.notes


def all_combinations(template: Template) -> list[dict[str, Any]]:
    """Every valid combination of the template's options."""
    values = option_values(template)
    combos = (
        dict(zip(values, chosen, strict=True)) for chosen in itertools.product(*values.values())
    )
    return [c for c in combos if is_valid(template, c)]


def pairwise(template: Template) -> list[dict[str, Any]]:
    """A small set of valid combinations that together contain every pair of
    option values that any valid combination contains (greedy covering)."""
    combos = all_combinations(template)

    def pairs(combo: Mapping[str, Any]) -> set[tuple[tuple[str, Any], tuple[str, Any]]]:
        return set(itertools.combinations(sorted(combo.items(), key=lambda kv: kv[0]), 2))

    uncovered = set().union(*(pairs(c) for c in combos))
    chosen = []
    while uncovered:
        best = max(combos, key=lambda c: len(pairs(c) & uncovered))
        chosen.append(best)
        uncovered -= pairs(best)
    return chosen


def all_on(template: Template, choices: Mapping[str, str]) -> dict[str, Any]:
    """Every extension on, with the given choice values, resolved."""
    combo = {o.key: True for o in template.extensions} | dict(choices)
    assert is_valid(template, combo), combo
    return combo


def all_off(template: Template) -> dict[str, Any]:
    return {o.key: (False if o.is_extension else o.default) for o in template.options}


def combo_id(combo: Mapping[str, Any]) -> str:
    parts = [k for k, v in combo.items() if v is True]
    parts += [f"{k}={v}" for k, v in combo.items() if not isinstance(v, bool)]
    return "-".join(parts) or "all-off"


# --- static checks of a generated tree ----------------------------------------


def text_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".git" not in path.parts and path.suffix not in {".mo", ".png"}:
            yield path


def parse_file(path: Path) -> None:
    """Parse a file in its own format; raise if it does not parse."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        ast.parse(text, filename=str(path))
    elif path.suffix == ".toml":
        tomllib.loads(text)
    elif path.suffix in {".yaml", ".yml"}:
        list(yaml.safe_load_all(text))
    elif path.suffix == ".json":
        json.loads(text)


def run(
    args: list[str] | str,
    cwd: Path,
    env: Mapping[str, str | None] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure, fail the test with its output.

    ``env`` adds to the environment; a ``None`` value removes the variable.
    """
    merged = {**os.environ, **(env or {})}
    result = subprocess.run(
        args,
        cwd=cwd,
        env={k: v for k, v in merged.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=timeout,
        shell=isinstance(args, str),
        executable="/bin/bash" if isinstance(args, str) else None,
    )
    if result.returncode != 0:
        pytest.fail(
            f"`{args if isinstance(args, str) else ' '.join(args)}` exited {result.returncode} "
            f"in {cwd}\n--- stdout\n{result.stdout[-6000:]}\n--- stderr\n{result.stderr[-6000:]}"
        )
    return result


def ruff() -> list[str]:
    """The ruff binary itself (``python -m ruff`` would start an interpreter first)."""
    from ruff.__main__ import find_ruff_bin

    return [str(find_ruff_bin())]


# --- servers ----------------------------------------------------------------------


def fresh_database(name: str) -> str:
    """A new, empty PostgreSQL database; its URL (``postgresql://...``)."""
    require(POSTGRES, "no PostgreSQL server: set SCAFFOLD_TEST_POSTGRES")
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        run(["psql", f"{POSTGRES}/postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql], REPO)
    return f"{POSTGRES}/{name}"


def redis_url(purpose: int) -> str:
    """A Redis database of its own for this test worker and ``purpose`` (0 or 1)."""
    require(REDIS, "no Redis server: set SCAFFOLD_TEST_REDIS")
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    return f"{REDIS}/{2 + 2 * (worker % 7) + purpose}"


# --- real projects ---------------------------------------------------------------


def find_python() -> str | None:
    """A Python 3.12+ interpreter for generated projects (they need Django 6)."""
    candidates = [os.environ.get("SCAFFOLD_TEST_PYTHON", "")]
    candidates += [shutil.which(n) or "" for n in ("python3.13", "python3.12")]
    pyenv_root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/3.1[2-9]*/bin/python3"))
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; assert sys.version_info >= (3, 12)"],
            capture_output=True,
        )
        if probe.returncode == 0:
            return candidate
    return None


def readme_block(project: Path, heading: str, index: int = 0) -> str:
    """The ``index``-th ```sh block below ``heading`` in the project's README."""
    text = (project / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]
    blocks = section.split("```sh\n")[1:]
    return blocks[index].split("```", 1)[0]


def install_per_readme(
    project: Path,
    python: str,
    tool: str = "uv",
    env: Mapping[str, str | None] | None = None,
) -> None:
    """Install the project into ``.venv`` exactly as its README says, with uv
    (the first block) or pip (the second).

    ``python`` comes first on PATH as ``python3`` and ``python3.X``, as it would
    on a machine where it is the system's Python 3. ``env`` adds to the
    environment, as in ``run``.
    """
    block = readme_block(project, "## Set up", 0 if tool == "uv" else 1)
    shell = python_first(project.parent, python)
    run(f"set -euo pipefail\n{block}", project, env={**shell, **(env or {})}, timeout=900)


def python_first(where: Path, python: str) -> dict[str, str | None]:
    """The environment of a fresh shell (no virtualenv of the test run's own
    active) whose PATH has ``python`` first, as ``python3`` and
    ``python3.X``: as on a machine where it is the system's Python 3. uv may
    not fetch another. The links go in a folder in ``where``."""
    version = run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], where)
    shims = where / f".python{version.stdout.strip()}"
    shims.mkdir(exist_ok=True)
    for name in ("python3", f"python{version.stdout.strip()}"):
        (shims / name).unlink(missing_ok=True)
        (shims / name).symlink_to(python)
    return {
        "PATH": f"{shims}:{os.environ['PATH']}",
        "UV_PYTHON_DOWNLOADS": "never",
        "VIRTUAL_ENV": None,
    }


def venv_env(project: Path) -> dict[str, str]:
    bin_dir = project / ".venv" / "bin"
    return {"PATH": f"{bin_dir}:{os.environ['PATH']}", "VIRTUAL_ENV": str(project / ".venv")}


@contextlib.contextmanager
def mounted(where: Path, *options: str) -> Iterator[Path]:
    """A tmpfs at ``where`` (root only; CI runs as root)."""
    where.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(where)],
        capture_output=True, text=True,
    )  # fmt: skip
    require(result.returncode == 0, f"mounting a tmpfs needs root: {result.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "--lazy", str(where)], check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_request(
    url: str, headers: Mapping[str, str] | None = None, data: bytes | None = None
) -> tuple[int, str, str]:
    """(status, final Location header or "", body) without following redirects.

    A GET, or a POST of ``data`` when it is given.
    """

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=data, headers=dict(headers or {}))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, "", response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return (
            error.code,
            error.headers.get("Location", ""),
            error.read().decode("utf-8", "replace"),
        )


@contextlib.contextmanager
def gunicorn(
    project: Path,
    env: Mapping[str, str] | None = None,
    workers: int | None = 1,
    app: str | None = None,
) -> Iterator[str]:
    """Serve the project with its own gunicorn.conf.py on 127.0.0.1; yield the base URL.

    ``workers=None`` keeps the configuration's worker count; ``app`` serves
    another WSGI app than the configured one, under the same settings.
    """
    port = free_port()
    args = ["-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    args += ["--pid", f"gunicorn-{port}.pid"]  # for a test that kills the server
    args += ["--workers", str(workers)] if workers else []
    args += [app] if app else []
    command = [str(project / ".venv/bin/gunicorn"), *args]
    # The project's logging setup must leave gunicorn's own loggers alone.
    with serving("gunicorn", command, project, env, port, '"GET / HTTP/1.1"') as url:
        yield url


@contextlib.contextmanager
def uwsgi(project: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve the project with its own uwsgi.ini (pyuwsgi) on 127.0.0.1; yield
    the base URL. ``.env`` is exported first, as the ini's comment says."""
    port = free_port()
    exported = {k: v for k, v in dotenv_values(project / ".env").items() if v is not None}
    command = [str(project / ".venv/bin/uwsgi"), "--set-ph", f"address=127.0.0.1:{port}",
               "--ini", "uwsgi.ini"]  # fmt: skip
    with serving("uwsgi", command, project, exported | dict(env or {}), port, "GET / =>") as url:
        yield url


@contextlib.contextmanager
def serving(
    name: str,
    command: list[str],
    project: Path,
    env: Mapping[str, str] | None,
    port: int,
    logged: str,
) -> Iterator[str]:
    """Run the server ``command`` in ``project`` until it answers on ``port``;
    yield the base URL, stop the server, and check that its log holds
    ``logged`` (the readiness probe is a GET /)."""
    log = project / f"{name}-{port}.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            command,
            cwd=project,
            env={**os.environ, **venv_env(project), **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        # The first answer waits for a worker to import the app, compiled from
        # source here (PYTHONDONTWRITEBYTECODE=1, and uv writes no .pyc files):
        # more than 30 s for Wagtail's project once, with both cores busy.
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                pytest.fail(f"{name} exited {server.returncode}:\n{log.read_text()[-4000:]}")
            try:
                http_request(url + "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{name} did not answer:\n{log.read_text()[-4000:]}")
                time.sleep(0.2)
        yield url
    finally:
        stop(server)
    # Reached when the test passed.
    if logged not in log.read_text():
        pytest.fail(f"{name} logged no access line:\n{log.read_text()[-4000:]}")


@contextlib.contextmanager
def caddy(project: Path, upstreams: Collection[str]) -> Iterator[tuple[str, ssl.SSLContext]]:
    """Run Debian's Caddy with the project's Caddyfile, on 127.0.0.1 with TLS,
    in front of ``upstreams`` (``HOST:PORT``); yield its base URL and an SSL
    context that trusts Caddy's own CA, which signed its certificate."""
    require(shutil.which("caddy"), "no caddy: apt-get install caddy")
    port = free_port()
    state = project.parent / f".caddy-{port}"  # its CA, certificates and autosave
    env = {
        "HOME": str(state),
        "XDG_DATA_HOME": str(state / "data"),
        "XDG_CONFIG_HOME": str(state / "config"),
        "SITE_ADDRESS": f"https://127.0.0.1:{port}",
        "UPSTREAMS": "to " + " ".join(upstreams),
        "CADDY_BIND": "127.0.0.1",
        "CADDY_HTTP_PORT": str(free_port()),
        "CADDY_ADMIN": "off",
    }
    log = project / f"caddy-{port}.log"
    command = ["caddy", "run", "--config", "Caddyfile", "--adapter", "caddyfile"]
    with log.open("w") as out:
        proxy = subprocess.Popen(
            command, cwd=project, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"https://127.0.0.1:{port}"
    root = state / "data/caddy/pki/authorities/local/root.crt"
    try:
        wait_for(root.exists, 30, proxy, log, "Caddy made no CA")
        context = ssl.create_default_context(cafile=str(root))

        def answers() -> bool:
            try:
                with urllib.request.urlopen(url + "/health", timeout=5, context=context):
                    return True
            except OSError:  # not listening yet, or no certificate yet
                return False

        wait_for(answers, 30, proxy, log, "Caddy did not answer")
        yield url, context
    finally:
        stop(proxy)


@contextlib.contextmanager
def celery_worker(project: Path, package: str, env: Mapping[str, str]) -> Iterator[Path]:
    """Run the project's Celery worker (one process, ``--pool solo``) as its
    README says; yield its log file once it is ready, and stop it afterwards."""
    log = project / "celery-worker.log"
    args = ["-A", f"{package}.worker", "worker", "--loglevel", "INFO", "--pool", "solo"]
    with log.open("w") as out:
        worker = subprocess.Popen(
            [str(project / ".venv/bin/celery"), *args, "--without-heartbeat",
             "--without-gossip", "--without-mingle"],
            cwd=project,
            env={**os.environ, **venv_env(project), **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_for(lambda: " ready." in log.read_text(), 60, worker, log, "the worker was not ready")
        yield log
    finally:
        stop(worker)  # SIGTERM is a warm shutdown: the task in hand is finished first


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop ``process``: SIGTERM, then SIGKILL if it has not ended 15 s later."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(
    condition: Callable[[], bool],
    seconds: float,
    process: subprocess.Popen[bytes] | None = None,
    log: Path | None = None,
    what: str = "timed out",
) -> None:
    """Poll ``condition`` until it holds; fail after ``seconds`` or when
    ``process`` exits, with the end of ``log``."""
    deadline = time.monotonic() + seconds
    while not condition():
        tail = log.read_text()[-4000:] if log else ""
        if process is not None and process.poll() is not None:
            pytest.fail(f"{what}: exited {process.returncode}:\n{tail}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} in {seconds:g} s:\n{tail}")
        time.sleep(0.2)


# --- scaffold serve -------------------------------------------------------------


def wsgi_request(
    app: Callable[..., Iterable[bytes]],
    path: str,
    query: str = "",
    form: Mapping[str, Any] | str | None = None,
    method: str | None = None,
    **environ: str,
) -> tuple[int, dict[str, str], bytes]:
    """One request to the WSGI ``app`` in this process: (status, headers, body)."""
    body = (form if isinstance(form, str) else urlencode(form or {}, doseq=True)).encode()
    env: dict[str, Any] = {
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "REQUEST_METHOD": method or ("POST" if form is not None else "GET"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
    }
    if form is not None:
        env |= {
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
        }
    env |= environ
    setup_testing_defaults(env)
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    content = b"".join(app(env, start_response))
    return answer["status"], answer["headers"], content


def unpack(archive: bytes, kind: str, where: Path) -> Path:
    """The project folder in ``archive``, unpacked in ``where`` (with the
    permissions the archive records, as unzip and tar restore them)."""
    where.mkdir(parents=True, exist_ok=True)
    if kind == "zip":
        with zipfile.ZipFile(io.BytesIO(archive)) as packed:
            names = packed.namelist()
            for info in packed.infolist():
                packed.extract(info, where)
                if not info.is_dir():
                    (where / info.filename).chmod(info.external_attr >> 16 & 0o777)
    else:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as packed:
            names = packed.getnames()
            packed.extractall(where, filter="data")
    tops = {name.split("/")[0] for name in names}
    assert len(tops) == 1, tops  # one folder, the project's
    return where / tops.pop()


@contextlib.contextmanager
def scaffold_server(scratch: Path) -> Iterator[str]:
    """``scaffold serve --port 0`` in a process of its own, ``scratch`` its
    TMPDIR: its base URL. SIGTERM stops it cleanly, or the test fails."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )  # fmt: skip
    try:
        line = process.stdout.readline() if process.stdout else ""
        match = re.match(r"scaffold serve: (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)", line)
        assert match, (line, process.stderr.read() if process.stderr else "")
        yield match.group(1)
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=10)
        assert process.returncode == 0 and "Traceback" not in errors, errors
    finally:
        stop(process)
