"""Serving speed: each template's default project, its home page served under
its own gunicorn.conf.py, against a bare hello-world of the same framework
under the same gunicorn settings, with a bounded load on 127.0.0.1.

Both servers run side by side; loads alternate A B A B ... (7 pairs after a
warm-up), each a fixed number of keep-alive requests from a few threads.

Target: the project serves at least 0.5 of the hello-world's requests per second.
"""

from __future__ import annotations

import http.client
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from common import alternate, installed_project, interpreter, report, templates
from support import gunicorn, run, venv_env

TARGET = 0.5
REQUESTS = 600  # per round
THREADS = 4
ROUND_LIMIT = 30.0  # seconds: a round never runs longer than this

HELLO = {
    "flask": """
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "Hello, World!"
""",
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


def prepare(name: str, project: Path) -> dict[str, str]:
    """Make the default project servable in production mode; return its environment."""
    env = venv_env(project)
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


def load(url: str, headers: dict[str, str], path: str = "/") -> Callable[[], float]:
    """A measurement: requests per second for one round of keep-alive GETs of ``path``."""
    host, port = url.removeprefix("http://").split(":")

    def worker(count: int, failures: list[int]) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        deadline = time.monotonic() + ROUND_LIMIT
        for _ in range(count):
            if time.monotonic() > deadline:
                break
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures.append(response.status)
        connection.close()

    def measure() -> float:
        failures: list[int] = []
        threads = [
            threading.Thread(target=worker, args=(REQUESTS // THREADS, failures))
            for _ in range(THREADS)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        if failures:
            raise SystemExit(f"{url}: {len(failures)} responses were not 200: {failures[:5]}")
        return REQUESTS / elapsed

    return measure


def main(names: list[str]) -> int:
    python = interpreter()
    results = []
    for template in templates(names):
        name = template.name
        out = Path(tempfile.mkdtemp(prefix="serve-"))
        try:
            project = installed_project(name, [], out, python)
            env = prepare(name, project)
            (project / "bench_hello.py").write_text(HELLO[template.framework])
            with ExitStack() as servers:
                # The project's own gunicorn.conf.py for both, workers included.
                app_url = servers.enter_context(gunicorn(project, env, workers=None))
                hello_url = servers.enter_context(
                    gunicorn(project, env, workers=None, app="bench_hello:app")
                )
                headers = {"X-Forwarded-Proto": "https"}
                comparison = alternate(load(app_url, headers), load(hello_url, headers))
            ratio = comparison.median_a / comparison.median_b
            text = (
                f"home {comparison.median_a:6.0f} req/s, hello-world {comparison.median_b:6.0f} "
                f"req/s, ratio {ratio:.2f} (target >= {TARGET})"
            )
            results.append(report(f"serve {name}", text, ratio >= TARGET))
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
