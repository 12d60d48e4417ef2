"""Generated projects, for real: made by scaffold, installed in a fresh
virtualenv on Python 3.12+ exactly as their README says, their own tests and
checks run, then served by gunicorn on 127.0.0.1.

Which combinations: all-off, all-on, each option on its own, and a
constraint-aware pairwise set.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import os
import re
import secrets
import shlex
import shutil
import sys
import tomllib
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin

import pytest

from generator.checks import check
from generator.create import generate
from generator.render import render_answers
from generator.resolve import resolve
from generator.web.app import StarterApp
from support import (
    REPO,
    all_off,
    all_on,
    celery_worker,
    combo_id,
    find_python,
    free_port,
    fresh_database,
    gunicorn,
    http_request,
    install_per_readme,
    pairwise,
    python_first,
    readme_block,
    real_templates,
    redis_url,
    require,
    run,
    serving,
    unpack,
    uwsgi,
    venv_env,
    wait_for,
    wsgi_request,
)

pytestmark = pytest.mark.deep
# How a flow serves the project: gunicorn(project, env) or uwsgi(project, env).
Server = Callable[[Path, dict[str, str]], AbstractContextManager[str]]
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


def database_name(project: Path) -> str:
    """A database name unique to this test (its temporary folder)."""
    return "deep_" + hashlib.sha1(str(project).encode()).hexdigest()[:12]


def flask_minimal(
    project: Path, answers: dict[str, Any], serve: Server = gunicorn
) -> Iterator[dict[str, str]]:
    env = venv_env(project)
    if answers["cache"]:
        env["CACHE_URL"] = redis_url(0)
        empty_redis(project, env)
    use_celery_broker(project, env, answers)
    yield env
    build_static_files(project, env, answers)
    with serve(project, env) as url:
        assert http_request(url + "/")[0] == 200
        assert_static_files_compressed(url)
        status, _, body = http_request(url + "/health")
        assert (status, body.strip()) == (200, '{"status":"ok"}')
    if answers["cache"]:  # the served home page went into Redis
        check_in_project(project, env, answers, FLASK_HOME_IN_REDIS)
    if answers["tasks"] == "celery":
        assert_celery_worker_runs_tasks(project, env, answers)


# Run in the project's virtualenv, with its .env, as the served app is configured.
FLASK_APP = """
from dotenv import load_dotenv

load_dotenv()
from {package}.caching import cache
from {package} import create_app

app = create_app()
assert app.config["CACHE_TYPE"] == "RedisCache", app.config["CACHE_TYPE"]
"""
FLASK_HOME_IN_REDIS = """
from {package}.caching import HOME_PAGE_KEY

with app.app_context():
    assert "<h1>" in cache.get(HOME_PAGE_KEY)
"""
# A note written by another process: the page that the server cached in Redis
# is deleted as the note is committed.
FLASK_NOTE_WRITTEN_ELSEWHERE = """
from {package}.caching import NOTES_PAGE_KEY
from {package}.extensions import db
from {package}.models import Note

with app.app_context():
    assert "Written elsewhere" not in cache.get(NOTES_PAGE_KEY)
    db.session.add(Note(title="Written elsewhere", body=""))
    db.session.commit()
    assert cache.get(NOTES_PAGE_KEY) is None
"""


def build_static_files(project: Path, env: dict[str, str], answers: dict[str, Any]) -> None:
    """Build the hashed, compressed static files, as the Dockerfile does."""
    run(["python", "-m", f"{answers['package_name']}.assets"], project, env=env)
    if answers["cache"]:  # pages that the project's tests cached link the plain names
        empty_redis(project, env)


def assert_static_files_compressed(url: str) -> None:
    """The home page links the stylesheet's hashed name, which gunicorn serves
    gzipped when asked to and cacheable for a year."""
    page = http_request(url + "/")[2]
    link = re.search(r'href="(/static/style\.[0-9a-f]{12}\.css)"', page)
    assert link, page
    request = urllib.request.Request(url + link[1], headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Cache-Control"] == "max-age=31536000, public, immutable"
        assert b"font-family" in gzip.decompress(response.read())


def empty_redis(project: Path, env: dict[str, str], variable: str = "CACHE_URL") -> None:
    """Empty the Redis database that ``variable`` names: an earlier project of
    the same name (the same package) used it."""
    flush = "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()"
    run(["python", "-c", flush, env[variable]], project, env=env)


def use_celery_broker(project: Path, env: dict[str, str], answers: dict[str, Any]) -> None:
    """A Flask project with tasks=celery: its broker is a Redis database of this
    test worker's own (the second of redis_url's, which no other Flask test
    uses), emptied of what the worker's earlier projects queued."""
    if answers.get("tasks") == "celery":
        env["CELERY_BROKER_URL"] = redis_url(1)
        empty_redis(project, env, "CELERY_BROKER_URL")


# Run in the project's virtualenv with its .env, as the worker is configured.
FLASK_PROJECT_APP = """
from dotenv import load_dotenv

load_dotenv()
from {package} import create_app
"""
# The contact form, posted to the app as it is served (outside the tests, so
# the message goes to the broker); CSRF is off for this client only.
FLASK_POST_CONTACT = """
app = create_app({{"WTF_CSRF_ENABLED": False}})
data = {{"name": "Deep Test", "message": "sent through Redis"}}
response = app.test_client().post("/contact", data=data)
assert response.status_code == 302, response.status_code
"""
FLASK_ADD_OLD_NOTES = """
from datetime import timedelta

from {package}.extensions import db
from {package}.models import Note, utc_now

with create_app().app_context():
    db.session.add(Note(title="Old", created_at=utc_now() - timedelta(days=400)))
    db.session.add(Note(title="Recent", created_at=utc_now()))
    db.session.commit()
"""
FLASK_ONLY_RECENT_NOTES = """
from {package}.extensions import db
from {package}.models import Note

with create_app().app_context():
    titles = db.session.scalars(db.select(Note.title)).all()
    assert "Old" not in titles and "Recent" in titles, titles
"""


def assert_celery_worker_runs_tasks(
    project: Path, env: dict[str, str], answers: dict[str, Any]
) -> None:
    """A real worker on a real Redis takes the example tasks that the site
    queues and does their work."""
    package = answers["package_name"]
    flask = ["flask", "--app", package]

    def in_project(code: str) -> None:
        script = (FLASK_PROJECT_APP + code).format(package=package)
        run(["python", "-c", script], project, env=env)

    with celery_worker(project, package, env) as log:
        pong = run([*flask, "ping-worker", "--timeout", "30"], project, env=env)
        assert "The worker answered pong." in pong.stdout
        if answers["forms"]:
            in_project(FLASK_POST_CONTACT)
            message = "Contact message from 'Deep Test': 'sent through Redis'"
            wait_for(lambda: message in log.read_text(), 30, log=log, what="no message")
        if "database" in answers:
            in_project(FLASK_ADD_OLD_NOTES)
            run([*flask, "delete-old-notes", "--days", "30"], project, env=env)
            done = re.compile(r"delete_old_notes\[[^]]+\] succeeded in [^:]+: 1\b")
            wait_for(lambda: bool(done.search(log.read_text())), 30, log=log, what="no deletion")
            in_project(FLASK_ONLY_RECENT_NOTES)
    empty_redis(project, env, "CELERY_BROKER_URL")  # the results kept for a day


def check_in_project(
    project: Path, env: dict[str, str], answers: dict[str, Any], code: str
) -> None:
    script = (FLASK_APP + code).format(package=answers["package_name"])
    run(["python", "-c", script], project, env=env)


def flask_sqlalchemy(
    project: Path, answers: dict[str, Any], serve: Server = gunicorn
) -> Iterator[dict[str, str]]:
    env = venv_env(project)
    if answers["database"] == "postgresql":
        name = database_name(project)
        psycopg = "postgresql+psycopg://"
        env["DATABASE_URL"] = fresh_database(name).replace("postgresql://", psycopg)
        env["TEST_DATABASE_URL"] = fresh_database(name + "_t").replace("postgresql://", psycopg)
    if answers["cache"]:
        env["CACHE_URL"] = redis_url(0)
        empty_redis(project, env)
    use_celery_broker(project, env, answers)
    yield env  # the project's own tests run here
    flask = ["flask", "--app", answers["package_name"]]
    run([*flask, "db", "upgrade"], project, env=env)
    run([*flask, "db", "check"], project, env=env)
    if answers["admin"]:  # an account, hashed with the production method
        run([*flask, "create-admin", "--email", "me@example.com", "--password", "s3cret-pw"],
            project, env=env)  # fmt: skip
    build_static_files(project, env, answers)
    with serve(project, env) as url:
        assert http_request(url + "/")[0] == 200
        assert_static_files_compressed(url)
        if answers["admin"]:
            status, location, _ = http_request(url + "/admin/")
            assert status == 403 or (status in {301, 302, 303} and "login" in location), status
        if answers["api"]:
            assert_api_writes(url, answers)
        if answers["cache"]:
            assert "Written elsewhere" not in http_request(url + "/notes/")[2]
            check_in_project(project, env, answers, FLASK_NOTE_WRITTEN_ELSEWHERE)
            assert "Written elsewhere" in http_request(url + "/notes/")[2]
    if answers["tasks"] == "celery":
        assert_celery_worker_runs_tasks(project, env, answers)


def assert_api_writes(url: str, answers: dict[str, Any]) -> None:
    """A note posted to the served API: refused without a token where there are
    accounts, and accepted with the token that the admin's password gets."""
    note, json_type = b'{"title": "Served"}', {"Content-Type": "application/json"}
    status, _, body = http_request(url + "/api/notes/", json_type, note)
    assert status == (401 if answers["login"] else 201), (status, body)
    if answers["admin"]:
        basic = base64.b64encode(b"me@example.com:s3cret-pw").decode()
        status, _, body = http_request(
            url + "/api/tokens/", {"Authorization": f"Basic {basic}"}, b""
        )
        assert status == 200, (status, body)
        bearer = {"Authorization": f"Bearer {json.loads(body)['access_token']}"}
        status, _, body = http_request(url + "/api/notes/", json_type | bearer, note)
        assert status == 201, (status, body)


def django_project(
    project: Path, answers: dict[str, Any], serve: Server = gunicorn
) -> Iterator[dict[str, str]]:
    env = venv_env(project)
    if answers["database"] == "postgresql":
        env["DATABASE_URL"] = fresh_database(database_name(project))
    if answers["cache"]:
        env["CACHE_URL"] = redis_url(0)
    if answers["tasks"] == "celery":
        env["CELERY_BROKER_URL"] = redis_url(1)
    yield env  # the project's own tests run here
    manage = ["python", "manage.py"]
    run([*manage, "check", "--fail-level", "WARNING"], project, env=env)
    run([*manage, "makemigrations", "--check", "--dry-run"], project, env=env)
    run([*manage, "migrate", "--noinput"], project, env=env)
    prod = env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,example.com",
    }
    if "DATABASE_URL" not in prod:
        prod["DATABASE_URL"] = f"sqlite:///{project / 'db.sqlite3'}"
    run([*manage, "collectstatic", "--noinput"], project, env=prod)
    deploy = run([*manage, "check", "--deploy", "--fail-level", "WARNING"], project, env=prod)
    assert "no issues" in deploy.stdout, deploy.stdout
    with serve(project, prod) as url:
        # Behind the TLS proxy that production settings expect.
        status, _, _ = http_request(url + "/", headers={"X-Forwarded-Proto": "https"})
        assert status == 200
        if answers["wagtail"]:
            # The home page that the cms app's data migration made.
            status, _, body = http_request(url + "/content/", {"X-Forwarded-Proto": "https"})
            assert status == 200 and "<h1>Home</h1>" in body, status
        status, location, _ = http_request(url + "/")
        assert status == 301 and location.startswith("https://"), (status, location)


FLOWS: dict[str, Callable[[Path, dict[str, Any], Server], Iterator[dict[str, str]]]] = {
    "flask-minimal": flask_minimal,
    "flask-sqlalchemy": flask_sqlalchemy,
    "django-project": django_project,
}
# The all-on run of each template; the choices that need servers are taken.
ALL_ON = {
    "flask-minimal": {"tasks": "celery"},
    "flask-sqlalchemy": {"database": "postgresql", "tasks": "celery"},
    "django-project": {"database": "postgresql", "tasks": "celery"},
}
CASES = [
    pytest.param(name, combo, id=f"{name}-{combo_id(combo)}")
    for name in FLOWS
    if name in TEMPLATES
    for combo in deep_set(name, ALL_ON.get(name))
]


def make(
    template_name: str, combo: dict[str, Any], where: Path, lock: bool = False
) -> tuple[Path, dict[str, Any]]:
    """The project for ``combo``, as `scaffold new` makes it (with --lock)."""
    template = TEMPLATES[template_name]
    resolution = resolve(template, combo | {"project_name": "demo app"})
    answers = render_answers(template, resolution.answers)
    return generate(template, answers, where, lock=lock).path, answers


@pytest.mark.parametrize(("template_name", "combo"), CASES)
def test_generated_project_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template_name: str, combo: dict
) -> None:
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    for name, value in python_first(tmp_path, PYTHON).items():  # the Python uv locks for
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    project, answers = make(template_name, combo, tmp_path, lock=True)
    pinned = (project / "uv.lock").read_text()
    install_per_readme(project, PYTHON)  # `uv sync`
    assert (project / "uv.lock").read_text() == pinned, "uv sync did not install from the lock"
    assert_installed_names_are_refused(project, answers)
    flow = FLOWS[template_name](project, answers, gunicorn)
    env = next(flow)
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=env)
    run(["ruff", "check", "."], project, env=env)
    if answers.get("pre_commit"):
        # The hooks themselves live on GitHub, out of reach here; the schema is checked offline.
        run(["pre-commit", "validate-config", ".pre-commit-config.yaml"], project, env=env)
    for _ in flow:  # the template's own checks and the served requests
        pass


@pytest.mark.parametrize("everything", [False, True], ids=["defaults", "all-on"])
@pytest.mark.parametrize("template_name", sorted(n for n in FLOWS if n in TEMPLATES))
def test_a_starter_downloaded_from_scaffold_serve_works(
    tmp_path: Path, template_name: str, everything: bool
) -> None:
    """The API's archive of the template's defaults, and of every option on:
    unpacked, installed as its README says, its own tests, checks and served
    requests, as for a project that scaffold new makes."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    template = TEMPLATES[template_name]
    choices: dict[str, Any] = {"template": template_name, "project_name": "served app"}
    if everything:
        combo = all_on(template, ALL_ON[template_name])
        choices["extensions"] = [o.name for o in template.extensions if combo[o.key]]
        choices |= {key: value for key, value in combo.items() if not isinstance(value, bool)}
    status, _, body = wsgi_request(StarterApp(), "/starter.tar.gz", urlencode(choices, doseq=True))
    assert status == 200, body
    project = unpack(body, "tar.gz", tmp_path)
    answers = json.loads((project / ".scaffold.json").read_text())["answers"]
    if everything:
        assert all(answers[o.key] for o in template.extensions), answers
    install_per_readme(project, PYTHON)
    flow = FLOWS[template_name](project, answers, gunicorn)
    env = next(flow)
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=env)
    run(["ruff", "check", "."], project, env=env)
    for _ in flow:
        pass


@pytest.mark.parametrize("template_name", sorted(n for n in FLOWS if n in TEMPLATES))
def test_uwsgi_serves_the_project(tmp_path: Path, template_name: str) -> None:
    """The project's uwsgi.ini, with pyuwsgi (uWSGI as a binary wheel), passes
    the checks the flow makes with gunicorn: migrations, static files and the
    served pages (the project's own tests run in test_generated_project_works)."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    project, answers = make(template_name, all_off(TEMPLATES[template_name]), tmp_path)
    install_per_readme(project, PYTHON)
    run(["uv", "pip", "install", "--python", ".venv/bin/python", "pyuwsgi"], project)
    flow = FLOWS[template_name](project, answers, uwsgi)
    next(flow)
    for _ in flow:
        pass


# The top-level modules and the distributions installed in a project's virtualenv.
INSTALLED_NAMES = """
import importlib.metadata as metadata, json, re
dists = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower() for d in metadata.distributions()}
print(json.dumps([sorted(metadata.packages_distributions()), sorted(dists)]))
"""


def assert_installed_names_are_refused(project: Path, answers: dict[str, Any]) -> None:
    """Another project may not take the name of a module or distribution that
    this one installs: its package would shadow the module, or its
    distribution could not be installed beside the dependency."""
    listing = run(["python", "-c", INSTALLED_NAMES], project, env=venv_env(project)).stdout
    modules, distributions = json.loads(listing)
    own = {answers["package_name"], answers["project_slug"]}
    # mypyc-compiled wheels (djlint, charset-normalizer) ship a runtime module
    # named by a hash of the build: nobody names a project that.
    modules = [m for m in modules if not re.fullmatch(r"[0-9a-f]{20}__mypyc", m)]
    free = [m for m in modules if m not in own and check("package_name", m) is None]
    free += [d for d in distributions if d not in own and check("project_slug", d) is None]
    assert not free, f"scaffold would accept these names: {free}"


def test_django_production_settings_on_this_machine_as_the_readme_says(tmp_path: Path) -> None:
    """The README's block that tries the production settings on 127.0.0.1,
    run as written: the pages, static files and icon over plain HTTP."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    project, _ = make("django-project", all_off(TEMPLATES["django-project"]), tmp_path)
    install_per_readme(project, PYTHON)
    block = readme_block(project, "### On this machine")
    assert block.endswith("\ngunicorn\n"), block
    # gunicorn in the shell's place, so that stopping the shell stops it.
    script = "set -euo pipefail\n" + block.removesuffix("gunicorn\n") + "exec gunicorn\n"
    port = free_port()
    command = ["bash", "-c", script]
    env = {"GUNICORN_BIND": f"127.0.0.1:{port}"}  # where the README's default is taken
    with serving("gunicorn", command, project, env, port, '"GET / HTTP/1.1"') as url:
        status, _, page = http_request(url + "/")
        assert status == 200, status  # not redirected to HTTPS
        [stylesheet] = re.findall(r'<link rel="stylesheet" href="([^"]+)">', page)
        assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", stylesheet)
        assert http_request(url + stylesheet)[0] == 200
        status, icon, _ = http_request(url + "/favicon.ico")
        assert status == 302 and re.fullmatch(r".*/static/favicon\.[0-9a-f]{12}\.svg", icon)
        assert http_request(urljoin(url, icon))[0] == 200


@pytest.mark.parametrize("template_name", sorted(n for n in FLOWS if n in TEMPLATES))
def test_readme_pip_setup_works(tmp_path: Path, template_name: str) -> None:
    """The README's second way, plain venv and pip, installs a working project too."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    project, _ = make(template_name, {}, tmp_path)
    install_per_readme(project, PYTHON, tool="pip")
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=venv_env(project))


def test_add_admin_and_api_to_an_edited_project(tmp_path: Path) -> None:
    """The user story of `scaffold add`: generate, edit, commit, add; the edit
    stays, the database already in use takes the new migration, and the
    project's own tests pass."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    require("flask-sqlalchemy" in TEMPLATES, "no flask-sqlalchemy template")
    args = ["new", "blog", "--framework", "flask", "--with", "login", "--no-input", "--git"]
    run([sys.executable, "-m", "generator", *args], tmp_path)
    project = tmp_path / "blog"
    install_per_readme(project, PYTHON)
    flask = ["flask", "--app", "blog"]
    run([*flask, "db", "upgrade"], project, env=venv_env(project))  # the database in use
    home = project / "blog" / "templates" / "main" / "index.html"
    home.write_text(home.read_text().replace("</h1>", "</h1>\n  <p>Hello from me.</p>", 1))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    run([*git, "add", "uv.lock"], project)  # what `uv sync` locked, committed with the edit
    run([*git, "commit", "-qam", "my home page"], project)

    run([sys.executable, "-m", "generator", "add", "admin", "api"], project)
    assert "Hello from me." in home.read_text()
    assert (project / "blog" / "admin.py").exists() and (project / "blog" / "api.py").exists()
    answers = json.loads((project / ".scaffold.json").read_text())["answers"]
    assert answers["admin"] and answers["api"] and answers["login"]
    shutil.rmtree(project / ".venv")  # the README's setup again: new packages came
    install_per_readme(project, PYTHON)
    env = venv_env(project)
    run([*flask, "db", "upgrade"], project, env=env)
    run([*flask, "db", "check"], project, env=env)  # the schema now matches the models
    created = run([*flask, "create-admin", "--email", "me@example.com", "--password", "s3cret-pw"],
                  project, env=env)  # fmt: skip
    assert "me@example.com is an admin." in created.stdout
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=env)


def test_a_project_grows_to_flask_sqlalchemy_and_back_with_its_edits(tmp_path: Path) -> None:
    """`add login` takes a flask-minimal project to flask-sqlalchemy, and
    `remove login database` brings it back; the user's edit stays, and the
    project's own tests pass at each step."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    scaffold = [sys.executable, "-m", "generator"]
    run([*scaffold, "new", "blog", "--framework", "flask", "--no-input", "--git"], tmp_path)
    project = tmp_path / "blog"
    home = project / "blog" / "templates" / "main" / "index.html"
    home.write_text(home.read_text().replace("</h1>", "</h1>\n  <p>Hello from me.</p>", 1))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    install_per_readme(project, PYTHON)
    run([*git, "add", "uv.lock"], project)  # what `uv sync` locked, committed with the edit
    run([*git, "commit", "-qam", "my home page"], project)
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=venv_env(project))

    for change, template in (
        (["add", "login"], "flask-sqlalchemy"),
        (["remove", "login", "database"], "flask-minimal"),
    ):
        run([*scaffold, *change], project)
        assert json.loads((project / ".scaffold.json").read_text())["template"] == template
        assert "Hello from me." in home.read_text()
        shutil.rmtree(project / ".venv")  # the README's setup again: the packages changed
        install_per_readme(project, PYTHON)  # `uv sync` updates uv.lock too
        run([*git, "add", "--all"], project)
        run([*git, "commit", "-qm", " ".join(change)], project)
        env = venv_env(project)
        if template == "flask-sqlalchemy":
            run(["flask", "--app", "blog", "db", "upgrade"], project, env=env)
        run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=env)
        run(["ruff", "check", "."], project, env=env)


def test_new_lock_install_git_gives_a_ready_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--lock --install --git`: uv.lock committed as the user's own file (not
    the template's, so `update --check` stays clean), a .venv from the lock,
    and next steps that only activate it."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    shell = {k: v for k, v in python_first(tmp_path, PYTHON).items() if v is not None}
    args = ["new", "blog", "--framework", "django", "--no-input", "--git", "--lock", "--install"]
    made = run([sys.executable, "-m", "generator", *args], tmp_path, env=shell)
    steps = made.stdout.split("Next steps:\n", 1)[1].splitlines()
    assert steps[1] == "  . .venv/bin/activate", steps
    project = tmp_path / "blog"
    tracked = run(["git", "ls-files"], project).stdout.split()
    pristine = run(["git", "ls-tree", "-r", "--name-only", "refs/scaffold/pristine"], project)
    assert "uv.lock" in tracked and "uv.lock" not in pristine.stdout.split()
    check = run([sys.executable, "-m", "generator", "update", "--check"], project, env=shell)
    assert "is up to date" in check.stdout
    run(["uv", "sync", "--locked"], project, env=shell)  # the lock matches pyproject.toml
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=venv_env(project))


def test_next_steps_run_as_printed_with_only_python_3_11_on_path(tmp_path: Path) -> None:
    """A machine whose python3 is 3.11, without uv, with newer Pythons in
    pyenv: the next steps name one of those, and run as printed."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)  # the test run's own: 3.11 in CI
    (bin_dir / "python").symlink_to(sys.executable)
    machine = {"PATH": f"{bin_dir}:/usr/bin:/bin", "VIRTUAL_ENV": None, "PYENV_ROOT": pyenv_root()}
    made = run([sys.executable, "-m", "generator", "new", "blog", "--framework", "flask",
                "--no-input"], tmp_path, env=machine | {"PYTHONPATH": str(REPO)})  # fmt: skip
    steps = [s.strip() for s in made.stdout.split("Next steps:\n", 1)[1].splitlines()]
    assert steps[1].startswith(pyenv_root()), steps  # not python3: it is 3.11
    port = free_port()
    # The steps in one shell; the development server (and the reloader's
    # child) in a process group of its own, in the background.
    probe = f"python -c {shlex.quote(PRINT_URL)} {port}"
    script = "\n".join(
        [
            "set -euo pipefail -m",
            *steps[:2],
            f"FLASK_RUN_PORT={port} {steps[2]} > flask.log 2>&1 &",
            "server=$!",
            f"for _ in $(seq 100); do {probe} && break; sleep 0.2; done",
            'kill -- -"$server"',
            *steps[3:],
        ]
    )
    served = run(script, tmp_path, env=machine, timeout=900)
    assert re.search(r'"status":\s*"ok"', served.stdout), served.stdout


PRINT_URL = (
    "import sys, urllib.request; "
    "print(urllib.request.urlopen(f'http://127.0.0.1:{sys.argv[1]}/health').read().decode())"
)


def pyenv_root() -> str:
    """The pyenv root that holds the Python 3.12+ (PYTHON) the deep tests use."""
    return str(Path(PYTHON).resolve().parents[3]) if PYTHON and "/versions/" in PYTHON else ""


@pytest.mark.parametrize("template_name", ["flask-minimal", "django-project"])
def test_dockerfile_build_stage_runs_from_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template_name: str
) -> None:
    """There is no Docker engine here: the Dockerfile's build stage runs on
    this machine instead, its paths under a folder of the test's. uv installs
    what uv.lock pins (--locked), and the stage's own checks pass (Django's
    collectstatic under production settings)."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    shell = python_first(tmp_path, PYTHON)
    for name, value in shell.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    project, answers = make(template_name, {"docker": True}, tmp_path, lock=True)
    root = tmp_path / "image"
    workdir = run_build_stage(project, root)
    python = root / "opt/venv/bin/python"
    if template_name == "django-project":
        assert list((workdir / "staticfiles").glob("css/site.*.css"))
    else:  # the app itself is installed, not linked to the source
        where = f"import {answers['package_name']} as package; print(package.__file__)"
        found = run([str(python), "-c", where], tmp_path)
        assert str(root / "opt/venv") in found.stdout
    listed = run(["uv", "pip", "list", "--python", str(python)], tmp_path).stdout
    pinned = (project / "uv.lock").read_text()
    for line in listed.splitlines()[2:]:
        name, version = line.split()[:2]
        assert f'name = "{name.lower()}"\nversion = "{version}"' in pinned, line
    assert "pytest" not in listed  # no dev tools in the image


def run_build_stage(project: Path, root: Path) -> Path:
    """Run the Dockerfile's first stage (ENV, WORKDIR, COPY and RUN) on this
    machine, with its absolute paths under ``root``; return its WORKDIR."""
    lines = [line for line in (project / "Dockerfile").read_text().splitlines()
             if not line.lstrip().startswith("#")]  # fmt: skip
    instructions = re.sub(r"\\\n\s*", " ", "\n".join(lines)).splitlines()
    ignored = [line.strip().removeprefix("**/") for line in (project / ".dockerignore").open()]
    env, workdir, stages = dict(os.environ), root, 0
    for instruction in filter(None, map(str.strip, instructions)):
        keyword, _, args = instruction.partition(" ")
        if keyword == "FROM":
            stages += 1
            if stages > 1:
                break
        elif keyword == "ENV":
            for key, value in re.findall(r'(\w+)=("[^"]*"|\S+)', args):
                value = os.path.expandvars(value.strip('"').replace("$PATH", env["PATH"]))
                env[key] = value.replace("/opt/", f"{root}/opt/")
        elif keyword == "WORKDIR":
            workdir = root / args.lstrip("/")
            workdir.mkdir(parents=True, exist_ok=True)
        elif keyword == "COPY" and not args.startswith("--from"):
            *sources, destination = args.split()
            into = workdir / destination
            for source in sources:
                for path in project.glob(source) if source != "." else [project]:
                    if path.is_dir():  # its contents, as Docker copies a folder
                        shutil.copytree(path, into, dirs_exist_ok=True,
                                        ignore=shutil.ignore_patterns(*ignored))  # fmt: skip
                    else:
                        shutil.copy2(
                            path, into / path.name if destination.endswith(("/", ".")) else into
                        )
        elif keyword == "RUN":
            run(args, workdir, env=env, timeout=900)
    return workdir


def test_quotes_and_template_syntax_arrive_intact(tmp_path: Path) -> None:
    """The hostile-input issue's own example, end to end."""
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    description = 'He said "hi" \\ {{ x }} {% y %}'
    author = "Conan O'Brien"
    run(
        [sys.executable, "-m", "generator", "new", "x", "--framework", "flask", "--no-input",
         "--set", f"description={description}", "--set", f"author={author}"],
        tmp_path,
    )  # fmt: skip
    project = tmp_path / "x"
    metadata = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    assert metadata["description"] == description
    assert metadata["authors"][0]["name"] == author
    install_per_readme(project, PYTHON)
    run(["pytest", "-q", "-p", "no:cacheprovider"], project, env=venv_env(project))
    with gunicorn(project, venv_env(project)) as url:
        status, _, body = http_request(url + "/")
    assert status == 200 and html.unescape(description) in html.unescape(body)
