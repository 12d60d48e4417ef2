"""Download speed of `scaffold serve`: `GET /starter.zip?<choices>` from its
application (``generator.web.app.StarterApp`` under the standard library's
threaded server, ``ThreadingServer``, as `scaffold serve` runs it, on
127.0.0.1) against `scaffold new demo <the same flags> --no-input --git`.

- Latency, for each template's default project (framework=flask, which
  picks flask-minimal; template=flask-sqlalchemy; framework=django) and
  django-project with every extension on: one download timed as its client
  sees it, from sending the request to the archive's last byte, against the
  command's wall time as a user runs it (a new process, the interpreter's
  start included), each run writing into a fresh temporary folder. The
  server is started and warmed up first, its templates loaded; the two run
  alternately in the same process, A B A B ... (a warm-up pair, then
  --rounds pairs). Target: ratio <= 1.2 for every case.
- Load, printed for information (no target): K concurrent clients
  (--clients, each number a run of its own against a fresh server with the
  default queue) download framework=flask's starter again and again for
  --seconds; a client told 503 waits the Retry-After it is given, as a
  polite client does. Prints the 200s per second, the count of 200 and 503
  answers, and the 50th and 95th percentile latency of the 200s. The
  clients are threads of this process, beside the server's; each reads its
  archive (about 80 KB) while the server makes the next.

The server logs nothing here (`scaffold serve` prints one line a request on
stderr, a few microseconds of a request that takes a tenth of a second).
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from common import REPO, alternate, report, stop_on_sigterm, templates
from generator.web.app import StarterApp
from generator.web.server import QuietHandler, ThreadingServer

PYTHON = sys.executable
TARGET = 1.2
NAME = "demo"  # the project's name, in the query and on the command line
# Values for the choices in the all-on case that need no server.
ALL_ON_CHOICES = {"tasks": "django-tasks"}
LOAD_CHOICES = [("framework", "flask")]
TIMEOUT = 60.0  # seconds a request may take before the benchmark gives up


class SilentHandler(QuietHandler):
    """`scaffold serve`'s request handler without its line a request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def starter_server() -> Iterator[str]:
    """A fresh StarterApp (default queue) served on 127.0.0.1, any free port,
    until the block ends however it ends; its URL, once it has answered."""
    from wsgiref.simple_server import make_server

    httpd = make_server("127.0.0.1", 0, StarterApp(), ThreadingServer, SilentHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        download(url, urllib.parse.urlencode(LOAD_CHOICES))  # templates loaded
        yield url
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def download(url: str, query: str) -> tuple[int, bytes, str | None]:
    """GET /starter.zip?query to its last byte: status, body, Retry-After."""
    parts = urllib.parse.urlsplit(url)
    client = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        client.request("GET", f"/starter.zip?{query}")
        response = client.getresponse()
        body = response.read()
        return response.status, body, response.getheader("Retry-After")
    finally:
        client.close()


def served(url: str, query: str) -> Callable[[], float]:
    """A measurement: the seconds of one download, request to last byte."""

    def measure() -> float:
        start = time.perf_counter()
        status, body, _ = download(url, query)
        elapsed = time.perf_counter() - start
        if status != 200 or not body.startswith(b"PK"):
            raise SystemExit(f"/starter.zip?{query}: {status} {body[:200]!r}")
        return elapsed

    return measure


def scaffold_new(flags: list[str]) -> Callable[[], float]:
    """A measurement: the wall time of `scaffold new` into a fresh folder."""

    def measure() -> float:
        out = Path(tempfile.mkdtemp(prefix="starter-"))
        try:
            command = [PYTHON, "-m", "generator", "new", NAME, *flags,
                       "--no-input", "--git", "-o", str(out)]  # fmt: skip
            start = time.perf_counter()
            # From the repository root: this checkout's scaffold, as the server's.
            subprocess.run(command, check=True, capture_output=True, cwd=REPO)
            return time.perf_counter() - start
        finally:
            shutil.rmtree(out, ignore_errors=True)

    return measure


def cases() -> list[tuple[str, list[tuple[str, str]]]]:
    """(label, choices as request parameters) of each case."""
    django = {t.name: t for t in templates([])}["django-project"]
    all_on = [("template", "django-project")]
    all_on += [("with", o.name) for o in django.extensions]
    all_on += list(ALL_ON_CHOICES.items())
    return [
        ("framework=flask (flask-minimal)", [("framework", "flask")]),
        ("template=flask-sqlalchemy", [("template", "flask-sqlalchemy")]),
        ("framework=django (django-project)", [("framework", "django")]),
        ("django-project all-on", all_on),
    ]


def flags_for(choices: list[tuple[str, str]]) -> list[str]:
    """The command line's flags for the same choices."""
    flags = []
    for name, value in choices:
        if name in ("framework", "template", "with"):
            flags += [f"--{name}", value]
        else:
            flags += ["--set", f"{name}={value}"]
    return flags


def latency(url: str, rounds: int) -> bool:
    """Every case, server against command line; print a line for each."""
    results = []
    for label, choices in cases():
        query = urllib.parse.urlencode([*choices, ("project_name", NAME)])
        comparison = alternate(served(url, query), scaffold_new(flags_for(choices)), rounds)
        text = (
            f"server {comparison.median_a:5.2f} s, scaffold new {comparison.median_b:5.2f} s, "
            f"ratio {comparison.ratio:.2f} (target <= {TARGET})"
        )
        results.append(report(f"starter {label}", text, comparison.ratio <= TARGET))
    return all(results)


def load(clients: int, seconds: float) -> None:
    """``clients`` clients downloading for ``seconds`` against a fresh server;
    print the line."""
    query = urllib.parse.urlencode([*LOAD_CHOICES, ("project_name", NAME)])
    answers: list[tuple[int, float]] = []  # status, seconds
    failures: list[object] = []

    def client(url: str, deadline: float) -> None:
        try:
            while time.monotonic() < deadline:
                start = time.perf_counter()
                status, _, retry_after = download(url, query)
                answers.append((status, time.perf_counter() - start))
                if status == 503:
                    pause = float(retry_after or 1)
                    time.sleep(max(0.0, min(pause, deadline - time.monotonic())))
                elif status != 200:
                    failures.append(status)
                    return
        except (OSError, http.client.HTTPException) as error:
            failures.append(error)

    with starter_server() as url:
        start = time.perf_counter()
        deadline = time.monotonic() + seconds
        threads = [
            threading.Thread(target=client, args=(url, deadline), daemon=True)
            for _ in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start  # until the last answer
    if failures:
        raise SystemExit(f"load, {clients} clients: {len(failures)} failed: {failures[:5]}")
    ok = sorted(t for status, t in answers if status == 200)
    busy = sum(1 for status, _ in answers if status == 503)
    p50 = statistics.median(ok) if ok else float("nan")
    p95 = statistics.quantiles(ok, n=20)[18] if len(ok) > 1 else float("nan")
    text = (
        f"{len(ok) / elapsed:5.1f} req/s over {elapsed:4.1f} s: {len(ok)} x 200, "
        f"{busy} x 503 | 200s p50 {p50:5.2f} s, p95 {p95:5.2f} s"
    )
    print(f"{f'load {clients} clients':<44} {text}", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="scaffold serve's /starter.zip against scaffold new --git, then under load"
    )
    parser.add_argument("--rounds", type=int, default=9, help="timed pairs a case (9)")
    parser.add_argument(
        "--clients", default="4,16,32", help="concurrent clients, comma-separated (4,16,32)"
    )
    parser.add_argument("--seconds", type=float, default=15.0, help="each load's length (15)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    stop_on_sigterm()
    with starter_server() as url:
        ok = latency(url, args.rounds)
    for clients in [int(n) for n in args.clients.split(",") if n.strip()]:
        load(clients, args.seconds)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
