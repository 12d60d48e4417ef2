"""The WSGI application behind ``scaffold serve``: a page to configure and
preview a project, and a JSON API to describe and download one.

Routes (every one answers GET; the starters take POST forms too, as
``curl -d`` sends them)::

    /                     the page (text/html), or the usage text for curl
    /usage                the usage text
    /metadata             the templates and their options (``scaffold list --json``)
    /preview              the files and their contents, as JSON
    /starter.zip          the project, with its git history
    /starter.tar.gz       the same, as a tarball

Safe to face the public: requests are bounded in size, every input goes
through the command line's checks (an error is HTTP 400 with one line of
JSON), each project is made in a private temporary folder and served from
memory, the wait for one is bounded, and no path from a request reaches the
file system.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs

from ..errors import ScaffoldError, UsageError
from .page import PageRenderer, as_text

MAX_QUERY = 8 * 1024  # bytes of query string
MAX_BODY = 64 * 1024  # bytes of form body
STATIC = Path(__file__).parent / "static"
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
SECURITY_HEADERS = [
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
]
ARCHIVES = {"/starter.zip": "zip", "/starter.tar.gz": "tar.gz"}
FORMS = ("/preview", *ARCHIVES)  # the routes that take a POSTed form too
PAGE_ONLY = ("file",)
RETRY = [("Retry-After", "2")]
T = TypeVar("T")  # the page's own parameters, not the starter's


@dataclass
class Response:
    status: str
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


class HttpError(Exception):
    """A request that is answered with ``status`` and one line of JSON."""

    def __init__(self, status: str, message: str, headers: Iterable[tuple[str, str]] = ()):
        super().__init__(message)
        self.status = status
        self.headers = list(headers)


def json_response(data: Any, status: str = "200 OK") -> Response:
    return Response(status, json.dumps(data, ensure_ascii=False).encode(), "application/json")


class StarterApp:
    """The WSGI application.

    Projects are made one at a time in each process, by one thread of its
    own (cookiecutter changes the working directory while it renders). At
    most ``queue`` requests wait for it; the rest are told to come back (503
    with Retry-After), as is a request whose project is not ready
    ``deadline`` seconds after it asked: the answer time is bounded, and a
    project nobody waits for any more is never made, or thrown away.
    """

    def __init__(self, queue: int = 16, deadline: float = 30.0) -> None:
        self._maker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scaffold-serve")
        self._queue = threading.BoundedSemaphore(queue)
        self._deadline = deadline
        self._templates: dict[str, Any] | None = None
        self._page = PageRenderer()
        self._static = {
            f"/static/{p.name}": (p.read_bytes(), STATIC_TYPES[p.suffix])
            for p in STATIC.iterdir()
            if p.suffix in STATIC_TYPES
        }

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        try:
            response = self._answer(environ)
        except HttpError as error:
            response = json_response({"error": str(error)}, error.status)
            response.headers += error.headers
        except ScaffoldError as error:  # the machine's trouble, not the request's
            environ["wsgi.errors"].write(f"scaffold serve: {error}\n")
            response = json_response({"error": str(error)}, "500 Internal Server Error")
        except OSError as error:
            environ["wsgi.errors"].write(f"scaffold serve: {error}\n")
            message = f"cannot make the project here: {error.strerror or error}"
            response = json_response({"error": message}, "500 Internal Server Error")
        headers = [
            ("Content-Type", response.content_type),
            ("Content-Length", str(len(response.body))),
            *SECURITY_HEADERS,
            *response.headers,
        ]
        start_response(response.status, headers)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else response.body]

    @property
    def templates(self) -> dict[str, Any]:
        if self._templates is None:
            from ..model import load_templates

            self._templates = load_templates()
        return self._templates

    def _answer(self, environ: Mapping[str, Any]) -> Response:
        path = environ.get("PATH_INFO", "/")
        method = environ["REQUEST_METHOD"]
        if path in self._static and method in ("GET", "HEAD"):
            body, kind = self._static[path]
            return Response("200 OK", body, kind, [("Cache-Control", "public, max-age=3600")])
        if path not in ROUTES:
            raise HttpError("404 Not Found", f"no page {path[:60]!r}; see /usage")
        allowed = ("GET", "HEAD", "POST") if path in FORMS else ("GET", "HEAD")
        if method not in allowed:
            raise HttpError(
                "405 Method Not Allowed",
                f"{method[:10]} is not taken here",
                [("Allow", ", ".join(allowed))],
            )
        parameters = _parameters(environ)
        return ROUTES[path](self, environ, parameters)

    def page(self, environ: Mapping[str, Any], parameters: dict[str, list[str]]) -> Response:
        if "text/html" not in environ.get("HTTP_ACCEPT", ""):
            return self.usage(environ, parameters)
        shown_file = (parameters.pop("file", None) or [None])[0]
        _start_somewhere(self.templates, parameters)
        try:
            starter = self._starter(parameters)
        except HttpError as error:
            body = self._page.render(self.templates, parameters, None, {}, None, str(error))
            return Response("400 Bad Request", body, "text/html; charset=utf-8")
        files = self._made(starter, False, _read_files)
        body = self._page.render(self.templates, parameters, starter, files, shown_file, None)
        return Response("200 OK", body, "text/html; charset=utf-8", [("Cache-Control", "no-store")])

    def usage(self, environ: Mapping[str, Any], parameters: dict[str, list[str]]) -> Response:
        host = environ.get("HTTP_HOST") or "127.0.0.1:8000"
        text = (Path(__file__).parent / "usage.txt").read_text(encoding="utf-8")
        return Response("200 OK", text.replace("HOST", host).encode(), "text/plain; charset=utf-8")

    def metadata(self, environ: Mapping[str, Any], parameters: dict[str, list[str]]) -> Response:
        from ..report import template_info

        return json_response([template_info(t) for t in self.templates.values()])

    def preview(self, environ: Mapping[str, Any], parameters: dict[str, list[str]]) -> Response:
        starter = self._starter(parameters)
        files = self._made(starter, False, _read_files)
        return json_response(
            {
                "template": starter.template.name,
                "answers": starter.answers,
                "notes": starter.notes,
                "command": starter.command_line(),
                "share": "?" + starter.share_query(),
                "files": [
                    {
                        "path": path,
                        "size": len(content),
                        "text": as_text(content),
                    }
                    for path, content in files.items()
                ],
            }
        )

    def starter(self, environ: Mapping[str, Any], parameters: dict[str, list[str]]) -> Response:
        from ..archive import FORMATS, pack

        kind = ARCHIVES[environ["PATH_INFO"]]
        starter = self._starter(parameters)
        body = self._made(starter, True, lambda folder: pack(folder, kind))
        name = f"{starter.answers['project_slug']}.{kind}"
        return Response(
            "200 OK",
            body,
            FORMATS[kind],
            [
                ("Content-Disposition", f'attachment; filename="{name}"'),
                ("Cache-Control", "no-store"),  # each download has secrets of its own
            ],
        )

    def _starter(self, parameters: dict[str, list[str]]) -> Any:
        from ..starter import parse_starter

        wanted = {k: v for k, v in parameters.items() if k not in PAGE_ONLY}
        try:
            return parse_starter(self.templates, wanted)
        except UsageError as error:
            raise HttpError("400 Bad Request", str(error)) from None

    def _made(self, starter: Any, git: bool, then: Callable[[Path], T]) -> T:
        """``then`` of the starter's project, made in a private temporary
        folder that is removed afterwards, when its turn comes."""
        if not self._queue.acquire(blocking=False):
            raise HttpError("503 Service Unavailable", "busy; try again", RETRY)
        try:
            job = self._maker.submit(_make, starter, git, then)
            try:
                return job.result(timeout=self._deadline)
            except FutureTimeout:
                job.cancel()  # not started: never made; started: thrown away when done
                raise HttpError(
                    "503 Service Unavailable",
                    f"not ready after {self._deadline:g} s; try again",
                    RETRY,
                ) from None
        finally:
            self._queue.release()


def _make(starter: Any, git: bool, then: Callable[[Path], T]) -> T:
    from ..create import generate

    scratch = Path(tempfile.mkdtemp(prefix="scaffold-serve-"))
    try:
        project = generate(
            starter.template, starter.answers, scratch, git=git, commit_as_scaffold=True
        )
        return then(project.path)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


ROUTES: dict[str, Callable[..., Response]] = {
    "/": StarterApp.page,
    "/usage": StarterApp.usage,
    "/metadata": StarterApp.metadata,
    "/preview": StarterApp.preview,
    "/starter.zip": StarterApp.starter,
    "/starter.tar.gz": StarterApp.starter,
}


def _parameters(environ: Mapping[str, Any]) -> dict[str, list[str]]:
    """The query's parameters, and a form body's after them."""
    query = environ.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY:
        raise HttpError("414 URI Too Long", f"the query is longer than {MAX_QUERY} bytes")
    parameters = _parse(query)
    if environ["REQUEST_METHOD"] == "POST":
        kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip()
        if kind != "application/x-www-form-urlencoded":
            raise HttpError(
                "415 Unsupported Media Type",
                "send the choices as a form (application/x-www-form-urlencoded)",
            )
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            raise HttpError("411 Length Required", "say the body's Content-Length") from None
        if length > MAX_BODY or length < 0:
            raise HttpError("413 Content Too Large", f"the body is longer than {MAX_BODY} bytes")
        body = environ["wsgi.input"].read(length)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError("400 Bad Request", "the body is not UTF-8") from None
        for name, values in _parse(text).items():
            parameters.setdefault(name, []).extend(values)
    return parameters


def _parse(query: str) -> dict[str, list[str]]:
    from ..starter import MAX_PARAMETERS

    try:
        return parse_qs(
            query,
            keep_blank_values=True,
            strict_parsing=False,
            errors="strict",
            max_num_fields=MAX_PARAMETERS,
        )
    except ValueError as error:  # too many fields, or bytes that are not UTF-8
        raise HttpError("400 Bad Request", str(error).splitlines()[0][:100]) from None


def _start_somewhere(templates: Mapping[str, Any], parameters: dict[str, list[str]]) -> None:
    """What the page shows before any choice (the default framework's
    starter), and after a switch of framework that leaves the template of
    another (the new framework's, with its own extensions)."""
    framework = (parameters.get("framework") or [""])[0]
    template = templates.get((parameters.get("template") or [""])[0])
    if not framework and not template:
        parameters["framework"] = [sorted({t.framework for t in templates.values()})[-1]]
    elif template and framework and template.framework != framework:
        for name in ("template", "extensions"):
            parameters.pop(name, None)


def _read_files(folder: Path) -> dict[str, bytes]:
    """Every file of the project, by POSIX path, sorted."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


app = StarterApp()
