"""Serving speed: each template's default project (with the docker option,
for its Caddyfile; it adds no code that serves a page), its home page served
under its own gunicorn.conf.py, against its framework's starting point served
the same way, with a bounded load on 127.0.0.1.

- Starting point: Flask's minimal app (``Flask(__name__)``, one route
  returning a string); for Django, the project `django-admin startproject`
  writes (its settings and middleware, DEBUG off, ALLOWED_HOSTS set) with one
  view returning ``HttpResponse``. Target: the home page serves at least 0.5
  of its requests per second.
- Floor, printed beside it: a hello-world without any middleware (Django's
  configured in one module; for Flask, the minimal app is the floor too).
- Proxy: the project's Caddyfile in front of two replicas (two gunicorns on
  two ports, each as configured), HTTPS with Caddy's own CA, run as the
  replica tests run it (support.caddy), against one replica served directly
  over plain HTTP. No target: on 2 cores, where the
  second replica brings no CPU, it shows what TLS and one more hop cost.

Every server runs under the project's gunicorn.conf.py, workers included, all
side by side; loads rotate A B C A B C ... (7 rounds after a warm-up), each a
fixed number of keep-alive requests from a few threads.
"""

from __future__ import annotations

import http.client
import shutil
import ssl
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path

from common import (
    alternate,
    installed_project,
    interpreter,
    report,
    rotate,
    stop_on_sigterm,
    templates,
)
from support import caddy, gunicorn, run, venv_env

TARGET = 0.5
REQUESTS = 600  # per round
THREADS = 4
ROUND_LIMIT = 30.0  # seconds: a round never runs longer than this
# The docker option brings the Caddyfile; the pages it serves are the default's.
FLAGS = ["--with", "docker"]
# Django's production settings redirect plain HTTP to HTTPS; a proxy says it was HTTPS.
HEADERS = {"X-Forwarded-Proto": "https"}

HELLO = {
    # Flask's minimal app: the starting point and the floor.
    "flask": """
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "Hello, World!"
""",
    # The floor: Django without any middleware.
    "django": """
from django.conf import settings

settings.configure(
    DEBUG=False, ROOT_URLCONF=__name__, ALLOWED_HOSTS=["127.0.0.1"], SECRET_KEY="x" * 50,
    MIDDLEWARE=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def index(request):
    return HttpResponse("Hello, World!")


urlpatterns = [path("", index)]
app = get_wsgi_application()
""",
}

STARTPROJECT = "bench_startproject"  # the package's name
# Appended to the urls.py that startproject writes (it imports `path`).
STARTPROJECT_VIEW = """

from django.http import HttpResponse


def hello(request):
    return HttpResponse("Hello, World!")


urlpatterns.append(path("", hello))
"""


def startproject(project: Path, env: Mapping[str, str]) -> None:
    """Django's starting point beside the project: the package that
    `django-admin startproject` writes (the project's Django), with DEBUG off,
    ALLOWED_HOSTS set and one view."""
    scratch = project / ".startproject"
    scratch.mkdir()
    run(["django-admin", "startproject", STARTPROJECT, str(scratch)], project, env=env)
    package = (scratch / STARTPROJECT).rename(project / STARTPROJECT)
    shutil.rmtree(scratch)
    settings = package / "settings.py"
    text = settings.read_text()
    for old, new in [
        ("DEBUG = True", "DEBUG = False"),
        ("ALLOWED_HOSTS = []", 'ALLOWED_HOSTS = ["127.0.0.1"]'),
    ]:
        if old not in text:
            sys.exit(f"startproject's settings.py no longer says `{old}`: update bench_serve.py")
        text = text.replace(old, new)
    settings.write_text(text)
    with (package / "urls.py").open("a") as urls:
        urls.write(STARTPROJECT_VIEW)


def references(framework: str, env: dict[str, str]) -> list[tuple[str, str, dict[str, str]]]:
    """(name, WSGI app, environment) of the starting point, then of the floor
    where it is another app."""
    if framework == "flask":
        return [("minimal app", "bench_hello:app", env)]
    start = env | {"DJANGO_SETTINGS_MODULE": f"{STARTPROJECT}.settings"}
    return [
        ("startproject", f"{STARTPROJECT}.wsgi:application", start),
        ("no middleware", "bench_hello:app", env),
    ]


def prepare(name: str, framework: str, project: Path) -> dict[str, str]:
    """Make the default project servable in production mode, with its
    references beside it; return its environment."""
    env = venv_env(project)
    (project / "bench_hello.py").write_text(HELLO[framework])
    if framework == "django":
        startproject(project, env)
    # Serve from bytecode, as Python does once it has cached it (and as pip
    # and the Docker image install): this machine sets PYTHONDONTWRITEBYTECODE=1
    # and uv compiles nothing, so each worker that gunicorn recycles
    # (max_requests) would compile the whole framework from source again.
    run(["python", "-m", "compileall", "-q", "-j", "0", "."], project, env=env)
    if name == "flask-sqlalchemy":
        package = project.name.replace("-", "_")
        run(["flask", "--app", package, "db", "upgrade"], project, env=env)
    if name == "django-project":
        env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        }
        run(["python", "manage.py", "migrate", "--noinput"], project, env=env)
        run(["python", "manage.py", "collectstatic", "--noinput"], project, env=env)
    return env


def connection(url: str, context: ssl.SSLContext | None = None) -> http.client.HTTPConnection:
    """A keep-alive connection to ``url`` (http, or https trusting ``context``)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        return http.client.HTTPSConnection(parts.hostname, parts.port, timeout=10, context=context)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)


def load(
    url: str, headers: dict[str, str], path: str = "/", context: ssl.SSLContext | None = None
) -> Callable[[], float]:
    """A measurement: requests per second for one round of keep-alive GETs of ``path``."""

    def worker(count: int, done: list[int], failures: list[object]) -> None:
        client = connection(url, context)
        deadline = time.monotonic() + ROUND_LIMIT
        try:
            for _ in range(count):
                if time.monotonic() > deadline:
                    break
                client.request("GET", path, headers=headers)
                response = client.getresponse()
                response.read()
                if response.status != 200:
                    failures.append(response.status)
                done.append(1)
        except (OSError, http.client.HTTPException) as error:  # also once the server is stopped
            failures.append(error)
        finally:
            client.close()

    def measure() -> float:
        done: list[int] = []
        failures: list[object] = []
        threads = [
            threading.Thread(target=worker, args=(REQUESTS // THREADS, done, failures), daemon=True)
            for _ in range(THREADS)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        if failures:
            raise SystemExit(f"{url}: {len(failures)} requests failed: {failures[:5]}")
        return len(done) / elapsed

    return measure


def serve(name: str, framework: str, project: Path, env: dict[str, str]) -> bool:
    """The home page against the starting point and the floor; print the line."""
    refs = references(framework, env)
    with ExitStack() as servers:
        home = servers.enter_context(gunicorn(project, env, workers=None))
        urls = [
            servers.enter_context(gunicorn(project, ref_env, workers=None, app=app))
            for _, app, ref_env in refs
        ]
        rates = rotate([load(url, HEADERS) for url in [home, *urls]])
    home_rate, start_rate, *rest = (statistics.median(r) for r in rates)
    floor_rate = rest[0] if rest else start_rate
    ratio = home_rate / start_rate
    start_name = refs[0][0]
    floor_name = refs[-1][0] if rest else f"= {start_name}"
    text = (
        f"home {home_rate:5.0f} req/s | {start_name} {start_rate:5.0f} req/s, "
        f"ratio {ratio:.2f} (target >= {TARGET}) | floor ({floor_name}) "
        f"{floor_rate:5.0f} req/s, ratio {home_rate / floor_rate:.2f}"
    )
    return report(f"serve {name}", text, ratio >= TARGET)


def through_proxy(name: str, project: Path, env: dict[str, str]) -> None:
    """Two replicas behind Caddy (HTTPS) against one of them direct; print the line."""
    with ExitStack() as servers:
        replicas = [servers.enter_context(gunicorn(project, env, workers=None)) for _ in range(2)]
        upstreams = [url.removeprefix("http://") for url in replicas]
        proxied, context = servers.enter_context(caddy(project, upstreams))
        direct = replicas[0]
        comparison = alternate(load(proxied, HEADERS, context=context), load(direct, HEADERS))
    text = (
        f"Caddy HTTPS + 2 replicas {comparison.median_a:5.0f} req/s | 1 replica direct HTTP "
        f"{comparison.median_b:5.0f} req/s, ratio {comparison.ratio:.2f}"
    )
    print(f"{'proxy ' + name:<44} {text}", flush=True)


def main(names: list[str]) -> int:
    stop_on_sigterm()
    python = interpreter()
    proxy = shutil.which("caddy") is not None
    if not proxy:
        print("NO PROXY RUN: `caddy` is not on PATH (Debian: apt-get install caddy)", flush=True)
    results = [proxy]
    for template in templates(names):
        name = template.name
        out = Path(tempfile.mkdtemp(prefix="serve-"))
        try:
            project = installed_project(name, FLAGS, out, python)
            env = prepare(name, template.framework, project)
            results.append(serve(name, template.framework, project, env))
            if proxy:
                through_proxy(name, project, env)
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
