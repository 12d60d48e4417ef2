"""The cache's worth: flask-sqlalchemy with the cache option, its notes list
(the cached view) with 1,000 notes in the database, served under the
project's own gunicorn.conf.py with the cache on against the same project
with the cache off (``FLASK_CACHE_TYPE=NullCache``).

Both servers run side by side; loads alternate A B A B ... (7 pairs after a
warm-up), each the same number of keep-alive GETs of /notes/ from a few
threads. The cache is Redis when SCAFFOLD_TEST_REDIS names a server (as in
production), otherwise each worker's own cache.

Target: the cached view serves at least 3 times the requests per second.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench_serve import load

from common import alternate, installed_project, interpreter, report, stop_on_sigterm
from support import gunicorn, run, venv_env

TARGET = 3.0
NOTES = 1000

ADD_NOTES = """
from dotenv import load_dotenv

load_dotenv()
from demo import create_app
from demo.extensions import db
from demo.models import Note

with create_app().app_context():
    db.session.add_all(
        Note(title=f"Note {{n}}", body="A few words of body text. " * 8)
        for n in range({count})
    )
    db.session.commit()
"""


def main() -> int:
    stop_on_sigterm()
    python = interpreter()
    out = Path(tempfile.mkdtemp(prefix="cache-"))
    try:
        project = installed_project("flask-sqlalchemy", ["--with", "cache"], out, python)
        env = venv_env(project)
        # Served from bytecode, as in bench_serve.py.
        run(["python", "-m", "compileall", "-q", "-j", "0", "."], project, env=env)
        run(["flask", "--app", "demo", "db", "upgrade"], project, env=env)
        run(["python", "-c", ADD_NOTES.format(count=NOTES)], project, env=env)
        cached = dict(env)
        redis = os.environ.get("SCAFFOLD_TEST_REDIS", "")
        if redis:
            cached["CACHE_URL"] = f"{redis}/15"
            # No page left from an earlier run.
            flush = "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()"
            run(["python", "-c", flush, cached["CACHE_URL"]], project, env=env)
        uncached = env | {
            "FLASK_CACHE_TYPE": "NullCache",
            # Flask-Caching warns that NullCache caches nothing: that is the point.
            "FLASK_CACHE_NO_NULL_WARNING": "true",
        }
        with ExitStack() as servers:
            on = servers.enter_context(gunicorn(project, cached, workers=None))
            off = servers.enter_context(gunicorn(project, uncached, workers=None))
            headers = {"X-Forwarded-Proto": "https"}
            comparison = alternate(load(on, headers, "/notes/"), load(off, headers, "/notes/"))
        ratio = comparison.ratio
        backend = "Redis" if redis else "each worker's SimpleCache"
        text = (
            f"/notes/ ({NOTES} notes) cache on ({backend}) {comparison.median_a:6.0f} "
            f"req/s, off {comparison.median_b:6.0f} req/s, ratio {ratio:.2f} "
            f"(target >= {TARGET})"
        )
        return 0 if report("cache flask-sqlalchemy", text, ratio >= TARGET) else 1
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
