"""Several replicas behind a real TLS proxy, the topology of the docker
option's compose.production.yaml, run without Docker: a project on PostgreSQL,
migrated once, served by two gunicorn replicas on two 127.0.0.1 ports behind
Debian's Caddy with the project's own Caddyfile (HTTPS from Caddy's own CA).

What must hold: an account made through one replica is logged in on the other;
a CSRF token that one replica gave is good on the other; the app believes the
proxy's X-Forwarded-* headers and nobody else's; static files come through
the proxy; and killing a replica under load loses no request.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import json
import os
import re
import secrets
import signal
import ssl
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from test_deep import build_static_files, database_name, make

from support import (
    caddy,
    find_python,
    fresh_database,
    gunicorn,
    install_per_readme,
    require,
    run,
    venv_env,
    wait_for,
)

pytestmark = pytest.mark.deep
PYTHON = find_python()
# The addresses the test's clients connect from: all of 127.0.0.0/8 is this
# machine, so the app can tell the proxy (127.0.0.1) from a client through it
# and from a client that goes around it.
THROUGH_PROXY = "127.0.0.3"
AROUND_PROXY = "127.0.0.2"

# Test-only views, added beside the project: what the app believes about a
# request, and which replica answered.
FLASK_PROBE = """
import os

from flask import request
from flask_login import current_user

from {package} import create_app

app = create_app()


@app.get("/_probe")
def probe():
    return {{
        "replica": os.environ["REPLICA"],
        "address": request.remote_addr,
        "scheme": request.scheme,
        "user": current_user.email if current_user.is_authenticated else None,
    }}
"""
DJANGO_PROBE_SETTINGS = """
from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "replica_urls"
SECURE_REDIRECT_EXEMPT = [r"^_probe$"]  # to see what a plain-HTTP request is taken for
"""
DJANGO_PROBE_URLS = """
import os

from django.http import JsonResponse
from django.urls import path

from config.urls import urlpatterns as site


def probe(request):
    return JsonResponse({
        "replica": os.environ["REPLICA"],
        "address": request.META["REMOTE_ADDR"],
        "scheme": request.scheme,
        "user": request.user.get_username() or None,
    })


urlpatterns = [path("_probe", probe), *site]
"""


class FromAddress(urllib.request.HTTPSHandler):
    """HTTPS connections made from the local address ``source``."""

    def __init__(self, context: ssl.SSLContext, source: str) -> None:
        super().__init__(context=context)
        self.source = source

    def https_open(self, request: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(http.client.HTTPSConnection, source_address=(self.source, 0))
        return self.do_open(connection, request, context=self._context)  # type: ignore[attr-defined]


class Browser:
    """A client of the site through the proxy, from THROUGH_PROXY: it keeps its
    cookies, verifies the proxy's certificate and follows redirects."""

    def __init__(self, url: str, context: ssl.SSLContext) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(
            FromAddress(context, THROUGH_PROXY), urllib.request.HTTPCookieProcessor()
        )

    def fetch(
        self, path: str, headers: dict[str, str] | None = None, form: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """A GET, or a POST of ``form`` with the headers a browser sends along
        (CSRF protection checks them over HTTPS)."""
        headers = dict(headers or {})
        data = None
        if form is not None:
            headers |= {"Origin": self.url, "Referer": self.url + path}
            data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(self.url + path, data, headers)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def page(self, path: str, form: dict[str, str] | None = None) -> str:
        """The page at ``path`` (after redirects), which must be a 200."""
        status, _, body = self.fetch(path, form=form)
        assert status == 200, (path, status, body[-2000:])
        return body.decode()

    def probe(self) -> dict[str, Any]:
        return json.loads(self.page("/_probe"))


def around_the_proxy(replica: str, path: str) -> tuple[int, str]:
    """A GET straight to a replica from AROUND_PROXY, with the headers a proxy
    would send, forged."""
    host, port = urllib.parse.urlsplit(replica).netloc.rsplit(":", 1)
    connection = http.client.HTTPConnection(
        host, int(port), timeout=10, source_address=(AROUND_PROXY, 0)
    )
    forged = {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"}
    try:
        connection.request("GET", path, headers=forged)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def csrf_token(page: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]+)"', page)
    assert match, page
    return match[1]


def served_by(logs: dict[str, Path], request_line: str) -> list[str]:
    """The replicas whose access logs hold ``request_line``, once per time."""
    return [name for name, log in logs.items() for _ in range(log.read_text().count(request_line))]


def kill(replica: str, project: Path) -> None:
    """SIGKILL a gunicorn replica, master and workers, as a crash would."""
    port = replica.rsplit(":", 1)[1]
    master = int((project / f"gunicorn-{port}.pid").read_text())
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in [*map(int, children), master]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@dataclass
class Deployment:
    """A generated project, installed, migrated once and with its static files
    built; ``env`` serves it as the replicas do, with ``app`` (None: the
    configured one) for the probe."""

    project: Path
    env: dict[str, str]
    app: str | None
    sign_up: Any = field(repr=False)


def flask_deployment(tmp_path: Path) -> Deployment:
    combo = {"database": "postgresql", "forms": True, "login": True, "docker": True}
    project, answers = make("flask-sqlalchemy", combo, tmp_path)
    install_per_readme(project, PYTHON)
    package = answers["package_name"]
    env = venv_env(project)
    database = fresh_database(database_name(project))
    env["DATABASE_URL"] = database.replace("postgresql://", "postgresql+psycopg://")
    # Once, before any replica starts, as compose's migrate service.
    run(["flask", "--app", package, "db", "upgrade"], project, env=env)
    build_static_files(project, env, answers)
    (project / "replica_probe.py").write_text(FLASK_PROBE.format(package=package))
    env |= {"FLASK_TRUSTED_PROXY_COUNT": "1", "FORWARDED_ALLOW_IPS": "127.0.0.1"}

    def sign_up(browser: Browser, password: str) -> tuple[str, list[str]]:
        """Register, which logs in; the form pages' request lines."""
        token = csrf_token(browser.page("/auth/register"), "csrf_token")
        form = {"csrf_token": token, "email": "ann@example.com", "password": password}
        page = browser.page("/auth/register", form | {"confirm": password})
        assert "Welcome" in page, page
        return "ann@example.com", ['"GET /auth/register HTTP', '"POST /auth/register HTTP']

    return Deployment(project, env, "replica_probe:app", sign_up)


def django_deployment(tmp_path: Path) -> Deployment:
    project, _ = make("django-project", {"database": "postgresql", "docker": True}, tmp_path)
    install_per_readme(project, PYTHON)
    (project / "replica_settings.py").write_text(DJANGO_PROBE_SETTINGS)
    (project / "replica_urls.py").write_text(DJANGO_PROBE_URLS)
    env = venv_env(project) | {
        "DATABASE_URL": fresh_database(database_name(project)),
        "DJANGO_SETTINGS_MODULE": "replica_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
    }
    run(["python", "manage.py", "migrate", "--noinput"], project, env=env)
    run(["python", "manage.py", "collectstatic", "--noinput"], project, env=env)

    def sign_up(browser: Browser, password: str) -> tuple[str, list[str]]:
        """Sign up, then log in; the sign-up pages' request lines."""
        token = csrf_token(browser.page("/accounts/signup/"), "csrfmiddlewaretoken")
        form = {"csrfmiddlewaretoken": token, "username": "ann", "email": "ann@example.com"}
        page = browser.page(
            "/accounts/signup/", form | {"password1": password, "password2": password}
        )
        assert "Your account was created" in page, page
        token = csrf_token(page, "csrfmiddlewaretoken")  # the login page it went to
        form = {"csrfmiddlewaretoken": token, "username": "ann", "password": password}
        browser.page("/accounts/login/", form)
        return "ann", ['"GET /accounts/signup/ HTTP', '"POST /accounts/signup/ HTTP']

    return Deployment(project, env, None, sign_up)


DEPLOYMENTS = {"flask-sqlalchemy": flask_deployment, "django-project": django_deployment}


@pytest.mark.parametrize("template_name", sorted(DEPLOYMENTS))
def test_two_replicas_behind_a_tls_proxy(tmp_path: Path, template_name: str) -> None:
    require(PYTHON, "no Python 3.12+ interpreter for generated projects")
    deployment = DEPLOYMENTS[template_name](tmp_path)
    project, env = deployment.project, deployment.env
    with contextlib.ExitStack() as stack:
        replicas = {
            name: stack.enter_context(
                gunicorn(project, env | {"REPLICA": name}, app=deployment.app)
            )
            for name in ("a", "b")
        }
        logs = {
            name: project / f"gunicorn-{url.rsplit(':', 1)[1]}.log"
            for name, url in replicas.items()
        }
        upstreams = [url.removeprefix("http://") for url in replicas.values()]
        url, context = stack.enter_context(caddy(project, upstreams))
        browser = Browser(url, context)

        # An account made through the proxy: the form came from one replica,
        # was posted to the other, and both know who is logged in.
        user, (form_line, post_line) = deployment.sign_up(browser, "correct-horse-battery")
        form_from, posted_to = served_by(logs, form_line), served_by(logs, post_line)
        assert len(form_from) == len(posted_to) == 1 and form_from != posted_to, (
            form_from,
            posted_to,
        )
        seen = [browser.probe() for _ in range(4)]
        assert {s["replica"] for s in seen} == {"a", "b"}, seen
        assert {s["user"] for s in seen} == {user}, seen

        # The proxy's headers count: the client's address and HTTPS...
        assert {(s["address"], s["scheme"]) for s in seen} == {(THROUGH_PROXY, "https")}, seen
        # ...and the same headers sent around the proxy count for nothing.
        for replica in replicas.values():
            status, body = around_the_proxy(replica, "/_probe")
            assert status == 200, (status, body)
            believed = json.loads(body)
            assert (believed["address"], believed["scheme"]) == (AROUND_PROXY, "http"), believed

        # Static files through the proxy: hashed names, compressed, kept a year.
        home = browser.page("/")
        stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home)
        assert stylesheet, home
        status, headers, body = browser.fetch(stylesheet[1], {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip", (status, headers)
        assert "max-age=31536000" in headers["Cache-Control"], headers

        assert_a_crash_loses_no_request(url, context, replicas["a"], project)


def assert_a_crash_loses_no_request(
    url: str, context: ssl.SSLContext, replica_a: str, project: Path
) -> None:
    """Four clients load the site while replica a is killed: every request
    still gets its page, from b once a is gone."""
    statuses: list[int | str] = []
    stop = threading.Event()

    def load() -> None:
        client = Browser(url, context)
        while not stop.is_set():
            try:
                statuses.append(client.fetch("/")[0])
            except OSError as error:  # a connection the proxy dropped
                statuses.append(repr(error))

    clients = [threading.Thread(target=load) for _ in range(4)]
    for client in clients:
        client.start()
    try:
        wait_for(lambda: len(statuses) >= 40, 60, what="no load")
        kill(replica_a, project)
        killed_at = len(statuses)
        wait_for(lambda: len(statuses) >= killed_at + 120, 60, what="no load after the kill")
    finally:
        stop.set()
        for client in clients:
            client.join()
    failed = [s for s in statuses if s != 200]
    assert not failed, f"{len(failed)} of {len(statuses)} requests failed: {failed[:5]}"
    # b alone serves now.
    browser = Browser(url, context)
    assert {browser.probe()["replica"] for _ in range(6)} == {"b"}
