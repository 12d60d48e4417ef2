"""The WSGI application behind ``scaffold serve``: a page to configure and
preview a project, and a JSON API to describe and download one.

Routes (every one answers GET; the project routes take POSTed forms too, as
``curl -d`` sends them)::

    /                     the page (text/html), or the usage text for curl
    /usage                the usage text
    /metadata             the templates and their options (``scaffold list --json``)
    /preview              the files and their contents, as JSON
    /starter.zip          the project, with its git history
    /starter.tar.gz       the same, as a tarball
    /static/NAME          the page's script, style sheet and icon

Safe to face the public: requests are bounded in size, every input goes
through the command line's checks (an error is HTTP 400 with one line of
JSON), each project is made in a private temporary folder and served from
memory, the wait for one is bounded (see :mod:`.maker`), and no path from a
request reaches the file system.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from ..errors import ScaffoldError, UsageError
from ..model import Template
from ..starter import MAX_PARAMETERS, Starter, parse_starter
from .maker import Busy, ProjectMaker
from .page import DEFAULT_FRAMEWORK, PageRenderer, as_text

MAX_QUERY = 8 * 1024  # bytes of query string
MAX_BODY = 64 * 1024  # bytes of form body
HERE = Path(__file__).parent
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
NO_STORE = ("Cache-Control", "no-store")  # every project has secrets of its own
ARCHIVES = {"/starter.zip": "zip", "/starter.tar.gz": "tar.gz"}
FORMS = ("/preview", *ARCHIVES)  # the routes that take a POSTed form too
HTML = "text/html; charset=utf-8"
Parameters = dict[str, list[str]]


@dataclass
class Response:
    """What a route answers, before the headers every answer has."""

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
    """``data`` as one line of JSON."""
    return Response(status, json.dumps(data, ensure_ascii=False).encode(), "application/json")


class StarterApp:
    """The WSGI application; ``queue`` and ``deadline`` bound the wait for
    a project (see :class:`.maker.ProjectMaker`)."""

    def __init__(self, queue: int = 16, deadline: float = 30.0) -> None:
        self._maker = ProjectMaker(queue, deadline)
        self._templates: dict[str, Template] | None = None
        self._page = PageRenderer()
        self._usage = (HERE / "usage.txt").read_text(encoding="utf-8")
        self._static = {
            f"/static/{p.name}": (p.read_bytes(), STATIC_TYPES[p.suffix])
            for p in (HERE / "static").iterdir()
            if p.suffix in STATIC_TYPES
        }

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        try:
            response = self._answer(environ)
        except HttpError as error:
            response = json_response({"error": str(error)}, error.status)
            response.headers += error.headers
        except Busy as error:
            response = json_response({"error": str(error)}, "503 Service Unavailable")
            response.headers.append(("Retry-After", "2"))
        except OSError as error:  # the machine's trouble (a full disk), not the request's
            self._log(environ)
            message = f"cannot make the project here: {error.strerror or 'system error'}"
            response = json_response({"error": message}, "500 Internal Server Error")
        except ScaffoldError as error:  # its message names the server's own folders
            environ["wsgi.errors"].write(f"scaffold serve: {error}\n")
            message = "the server failed to make this project; its log says why"
            response = json_response({"error": message}, "500 Internal Server Error")
        except Exception:  # noqa: BLE001 - the server's log has it; the client gets one line
            self._log(environ)
            message = "the server failed to make this project; its log says why"
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
    def templates(self) -> dict[str, Template]:
        """The installed templates, loaded by the first request that needs them."""
        if self._templates is None:
            from ..model import load_templates

            self._templates = load_templates()
        return self._templates

    def _answer(self, environ: Mapping[str, Any]) -> Response:
        path = environ.get("PATH_INFO", "/")
        method = environ["REQUEST_METHOD"]
        if path not in ROUTES and path not in self._static:
            raise HttpError("404 Not Found", f"no page {path[:60]!r}; see /usage")
        allowed = ("GET", "HEAD", "POST") if path in FORMS else ("GET", "HEAD")
        if method not in allowed:
            raise HttpError(
                "405 Method Not Allowed",
                f"{method[:10]} is not taken here",
                [("Allow", ", ".join(allowed))],
            )
        if path in self._static:
            body, kind = self._static[path]
            return Response("200 OK", body, kind, [("Cache-Control", "public, max-age=3600")])
        return ROUTES[path](self, environ, _parameters(environ))

    def page(self, environ: Mapping[str, Any], parameters: Parameters) -> Response:
        """The page for a browser, the usage text for anything else (curl)."""
        if "text/html" not in environ.get("HTTP_ACCEPT", ""):
            return self.usage(environ, parameters)
        shown_file = (parameters.pop("file", None) or [None])[0]
        _start_somewhere(self.templates, parameters)
        try:
            starter = self._parse_starter(parameters)
        except HttpError as error:
            body = self._page.render(self.templates, parameters, None, {}, None, str(error))
            return Response("400 Bad Request", body, HTML)
        files = self._maker.made(starter, False, _read_files)
        body = self._page.render(self.templates, parameters, starter, files, shown_file, None)
        return Response("200 OK", body, HTML, [NO_STORE])

    def usage(self, environ: Mapping[str, Any], parameters: Parameters) -> Response:
        """How to call the API, with this server's address in the examples."""
        host = environ.get("HTTP_HOST") or "127.0.0.1:8000"
        text = self._usage.replace("HOST", host)
        return Response("200 OK", text.encode(), "text/plain; charset=utf-8")

    def metadata(self, environ: Mapping[str, Any], parameters: Parameters) -> Response:
        """The templates and their options, as ``scaffold list --json`` prints them."""
        from ..report import template_info

        return json_response([template_info(t) for t in self.templates.values()])

    def preview(self, environ: Mapping[str, Any], parameters: Parameters) -> Response:
        """The project's files and contents, with its notes, command line and share query."""
        starter = self._parse_starter(parameters)
        files = self._maker.made(starter, False, _read_files)
        response = json_response(
            {
                "template": starter.template.name,
                "answers": starter.answers,
                "notes": starter.notes,
                "command": starter.command_line(),
                "share": "?" + starter.share_query(),
                "files": [
                    {"path": path, "size": len(content), "text": as_text(content)}
                    for path, content in files.items()
                ],
            }
        )
        response.headers.append(NO_STORE)
        return response

    def download(self, environ: Mapping[str, Any], parameters: Parameters) -> Response:
        """The project, with its first commit, as a zip or a tarball."""
        from ..archive import FORMATS, pack

        kind = ARCHIVES[environ["PATH_INFO"]]
        starter = self._parse_starter(parameters)
        body = self._maker.made(starter, True, lambda folder: pack(folder, kind))
        name = f"{starter.answers['project_slug']}.{kind}"
        disposition = ("Content-Disposition", f'attachment; filename="{name}"')
        return Response("200 OK", body, FORMATS[kind], [disposition, NO_STORE])

    def _parse_starter(self, parameters: Parameters) -> Starter:
        try:
            return parse_starter(self.templates, parameters)
        except UsageError as error:
            raise HttpError("400 Bad Request", str(error)) from None

    @staticmethod
    def _log(environ: Mapping[str, Any]) -> None:
        environ["wsgi.errors"].write(f"scaffold serve: {traceback.format_exc()}")


ROUTES: dict[str, Callable[[StarterApp, Mapping[str, Any], Parameters], Response]] = {
    "/": StarterApp.page,
    "/usage": StarterApp.usage,
    "/metadata": StarterApp.metadata,
    "/preview": StarterApp.preview,
    "/starter.zip": StarterApp.download,
    "/starter.tar.gz": StarterApp.download,
}


def _parameters(environ: Mapping[str, Any]) -> Parameters:
    """The query's parameters, and a form body's after them."""
    query = _as_utf8(environ.get("QUERY_STRING", ""))
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
        length = environ.get("CONTENT_LENGTH") or ""
        if not length.isascii() or not length.isdigit():
            raise HttpError("411 Length Required", "say the body's Content-Length in bytes")
        if int(length) > MAX_BODY:
            raise HttpError("413 Content Too Large", f"the body is longer than {MAX_BODY} bytes")
        try:
            body = environ["wsgi.input"].read(int(length)).decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError("400 Bad Request", "the body is not UTF-8") from None
        except OSError:  # the client went away, or was too slow
            raise HttpError("400 Bad Request", "the body could not be read") from None
        for name, values in _parse(body).items():
            parameters.setdefault(name, []).extend(values)
    return parameters


def _as_utf8(query: str) -> str:
    """The query string as UTF-8 text: WSGI servers hand its raw bytes over
    as Latin-1 (PEP 3333)."""
    try:
        raw = query.encode("latin-1")
    except UnicodeEncodeError:  # text already, as an in-process caller may give
        return query
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError("400 Bad Request", "the query is not UTF-8") from None


def _parse(query: str) -> Parameters:
    if query.count("&") >= MAX_PARAMETERS:
        raise HttpError("400 Bad Request", f"at most {MAX_PARAMETERS} parameters are taken")
    try:
        return parse_qs(query, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise HttpError("400 Bad Request", "a parameter is not UTF-8 once %-decoded") from None


def _start_somewhere(templates: Mapping[str, Template], parameters: Parameters) -> None:
    """What the page shows before any choice (the default framework's
    starter), and after a switch of framework that leaves the template of
    another (the new framework's, with its own extensions)."""
    framework = (parameters.get("framework") or [""])[0]
    template = templates.get((parameters.get("template") or [""])[0])
    if not framework and not template:
        parameters["framework"] = [DEFAULT_FRAMEWORK]
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
