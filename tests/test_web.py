"""``scaffold serve``: the JSON API and the page, in this process through
WSGI, and the real server over HTTP (curl, concurrent clients, a bounded
load, signals)."""

from __future__ import annotations

import io
import json
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import make_server

import pytest
from dotenv import dotenv_values

from generator.starter import MAX_PARAMETERS, parse_starter
from generator.web.app import MAX_BODY, MAX_QUERY, StarterApp
from generator.web.server import MAX_CONNECTIONS, QuietHandler, ThreadingServer, is_loopback
from support import (
    REPO,
    file_tree,
    free_port,
    mounted,
    pairwise,
    real_templates,
    run,
    scaffold,
    scaffold_server,
    serving,
    unpack,
    wsgi_request,
)

TEMPLATES = real_templates()
APP = StarterApp()
SECRETS = re.compile(r"SECRET|PASSWORD")


def call(path: str, query: str = "", **request: Any) -> tuple[int, dict[str, str], bytes]:
    """One request to the app in this process: (status, headers, body)."""
    return wsgi_request(request.pop("app", APP), path, query, **request)


def assert_same_project(served: Path, made: Path) -> None:
    """Every file alike, modes too, but for the secrets in ``.env``."""
    assert file_tree(served) == file_tree(made)
    for name in file_tree(made):
        assert (served / name).stat().st_mode == (made / name).stat().st_mode, name
    ours, theirs = dotenv_values(served / ".env"), dotenv_values(made / ".env")
    assert list(ours) == list(theirs)
    for key in ours:
        if SECRETS.search(key):
            assert ours[key] != theirs[key], f"{key} is not fresh in each project"
        else:
            assert ours[key] == theirs[key], key


def assert_error(status: int, body: bytes, expected_status: int, text: str) -> None:
    assert status == expected_status, body
    assert body.count(b"\n") == 0
    message = json.loads(body)["error"]
    assert text in message, message


# --- the JSON API ----------------------------------------------------------------


def test_metadata_is_what_scaffold_list_json_prints() -> None:
    status, headers, body = call("/metadata")
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert json.loads(body) == json.loads(scaffold("list", "--json").stdout)


@pytest.mark.parametrize(
    ("choices", "flags"),
    [
        ({"framework": "flask"}, ["--framework", "flask"]),
        (
            {"framework": "flask", "with": "admin,cache", "project_name": "Blog"},
            ["--framework", "flask", "--with", "admin", "--with", "cache"],
        ),
        (
            {"template": "django-project", "with": ["drf", "tasks=celery"],
             "database": "postgresql"},
            ["--template", "django-project", "--with", "drf", "--with", "tasks=celery",
             "--set", "database=postgresql"],
        ),
    ],
)  # fmt: skip
@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_the_archive_is_the_project_scaffold_new_makes(
    tmp_path: Path, choices: dict[str, Any], flags: list[str], kind: str
) -> None:
    name = choices.get("project_name", "My Project")
    query = urlencode(choices | {"project_name": name}, doseq=True)
    status, headers, body = call(f"/starter.{kind}", query)
    assert status == 200, body
    slug = name.lower().replace(" ", "-")
    assert headers["Content-Disposition"] == f'attachment; filename="{slug}.{kind}"'
    assert headers["Cache-Control"] == "no-store"
    served = unpack(body, kind, tmp_path / "served")
    result = scaffold("new", name, *flags, "--no-input", "--git", "-o", str(tmp_path / "cli"))
    assert result.exit_code == 0, result.output
    assert_same_project(served, tmp_path / "cli" / slug)


def test_the_archive_carries_the_history_that_scaffold_update_needs(tmp_path: Path) -> None:
    status, _, body = call("/starter.zip", "framework=flask&with=login&project_name=my-project")
    assert status == 200, body
    project = unpack(body, "zip", tmp_path)
    log = run(["git", "log", "--format=%an <%ae>"], project).stdout.split("\n")
    assert log[0] == "scaffold <scaffold@localhost>"  # not whoever runs the server
    pristine = run(["git", "rev-parse", "refs/scaffold/pristine"], project).stdout.strip()
    assert pristine == run(["git", "rev-parse", "HEAD"], project).stdout.strip()
    assert run(["git", "status", "--porcelain"], project).stdout == ""
    check = scaffold("update", "--check", "--project", str(project))
    assert check.exit_code == 0, check.output
    added = scaffold("add", "admin", "--project", str(project))  # the three-way merge works on it
    assert added.exit_code == 0, added.output
    assert (project / "my_project" / "admin.py").is_file()


def test_the_servers_git_configuration_stays_out_of_the_download(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hooks, signing and an init template of the operator's would run on,
    fail, or end up in every project that is downloaded."""
    (tmp_path / "template" / "hooks").mkdir(parents=True)
    (tmp_path / "template" / "OPERATOR_NOTE").write_text("the operator's\n")
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "post-commit").write_text(f"#!/bin/sh\ntouch {tmp_path / 'hook-ran'}\n")
    (hooks / "post-commit").chmod(0o755)
    config = tmp_path / "gitconfig"
    config.write_text(
        f"[init]\n\ttemplateDir = {tmp_path / 'template'}\n"
        f"[core]\n\thooksPath = {hooks}\n"
        "[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = false\n"
        "[user]\n\tname = Operator\n\temail = operator@example.com\n"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    status, _, body = call("/starter.zip", "framework=flask&project_name=x")
    assert status == 200, body
    project = unpack(body, "zip", tmp_path / "out")
    assert not (project / ".git" / "OPERATOR_NOTE").exists()
    assert not (tmp_path / "hook-ran").exists()
    monkeypatch.delenv("GIT_CONFIG_GLOBAL")
    log = run(["git", "log", "--format=%an %G?"], project).stdout.split()
    assert log == ["scaffold", "N"]  # scaffold's commit, unsigned
    assert run(["git", "branch", "--show-current"], project).stdout.strip() == "main"


def test_preview_lists_every_file_with_its_content_as_the_dry_run_does() -> None:
    form = {"framework": "django", "with": "drf", "project_name": "my-project"}
    status, headers, body = call("/preview", form=form)
    assert status == 200, body
    assert headers["Cache-Control"] == "no-store"  # .env holds fresh secrets
    preview = json.loads(body)
    assert preview["template"] == "django-project" and preview["answers"]["drf"] is True
    dry = scaffold(
        "new", "my-project", "--framework", "django", "--with", "drf", "--dry-run", "--json"
    )
    assert dry.exit_code == 0, dry.output
    assert sorted(f["path"] for f in preview["files"]) == sorted(json.loads(dry.stdout)["files"])
    readme = next(f for f in preview["files"] if f["path"] == "README.md")
    assert readme["text"].startswith("# my-project")
    assert readme["size"] == len(readme["text"].encode())


def test_notes_share_link_and_command_line_say_the_same_project(tmp_path: Path) -> None:
    """The share link asks for the same starter again, and the command line
    makes the same project (the same .scaffold.json) as the download."""
    status, _, body = call("/preview", "framework=flask&extensions=admin&project_name=Notes+App")
    preview = json.loads(body)
    assert status == 200 and preview["template"] == "flask-sqlalchemy"
    assert preview["notes"][0].startswith("admin is not in flask-minimal: using flask-sqlalchemy")
    assert "login requires forms: turned it on" in preview["notes"]
    again = parse_starter(TEMPLATES, parse_qs(preview["share"][1:], keep_blank_values=True))
    assert again.template.name == preview["template"] and again.answers == preview["answers"]
    words = shlex.split(preview["command"])
    assert words[:2] == ["scaffold", "new"]
    result = scaffold(*words[1:], "--no-input", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    made = json.loads((tmp_path / "notes-app" / ".scaffold.json").read_text())
    assert made["template"] == "flask-sqlalchemy" and made["answers"] == preview["answers"]


def share_cases() -> list[Any]:
    """Each template's pairwise combinations, asked for by framework and by
    template, as the page's checkboxes and as answers by key; and a choice
    that picks a template by itself (database=sqlite: flask-sqlalchemy)."""
    cases = [pytest.param({"framework": ["flask"], "database": ["sqlite"]}, id="database-picks")]
    for template in TEMPLATES.values():
        for index, combo in enumerate(pairwise(template)):
            on = [o.name for o in template.extensions if combo[o.key]]
            chosen = {k: [v] for k, v in combo.items() if not isinstance(v, bool)}
            for pick in ({"framework": [template.framework]}, {"template": [template.name]}):
                query = pick | chosen | {"extensions": [",".join(on)]}
                cases.append(pytest.param(query, id=f"{template.name}-{index}-{next(iter(pick))}"))
    return cases


@pytest.mark.parametrize("query", share_cases())
def test_the_share_query_asks_for_the_same_starter(query: dict[str, list[str]]) -> None:
    starter = parse_starter(TEMPLATES, query)
    again = parse_starter(TEMPLATES, parse_qs(starter.share_query(), keep_blank_values=True))
    assert (again.template, again.answers) == (starter.template, starter.answers)


def test_the_extensions_listed_are_all_that_is_on_but_what_they_require() -> None:
    """``extensions`` is the checkbox list: what is not ticked is off (also
    what ``with`` would leave at its default), unless a ticked one needs it."""
    status, _, body = call("/preview", "template=flask-sqlalchemy&extensions=admin,cache")
    assert status == 200, body
    answers = json.loads(body)["answers"]
    on = {key for key, value in answers.items() if value is True}
    assert on == {"admin", "login", "forms", "cache"}, on
    status, _, body = call("/preview", "template=flask-sqlalchemy&extensions=")
    assert status == 200, body
    assert not [key for key, value in json.loads(body)["answers"].items() if value is True]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("framework=flask&project_name=%21%21", "project_name"),
        ("framework=flask&with=nope", "unknown extension 'nope'"),
        ("framework=rails", "unknown framework 'rails'"),
        ("framework=flask&colour=red", "unknown parameter 'colour'"),
        ("framework=flask&with=login&without=login", "login"),
        ("template=flask-minimal&framework=django", "is for flask, not django"),
        ("framework=flask&framework=django", "framework is given 2 times"),
        ("", "say which project to make"),
        ("framework=flask&with=admin&extensions=login", "not both"),
        ("framework=flask&database=oracle", "database"),
        ("framework=flask&x=%ff", "a parameter is not UTF-8 once %-decoded"),
        ("framework=flask&x=\xff", "the query is not UTF-8"),  # raw bytes, as WSGI gives them
        ("&".join(["with=login"] * (MAX_PARAMETERS + 1)), "at most 64 parameters are taken"),
        ("framework=flask&project_name=" + "a" * 2000, "longer than 1000 characters"),
    ],
)
def test_bad_choices_are_a_400_with_one_line_of_json(query: str, text: str) -> None:
    for path in ("/preview", "/starter.zip"):
        status, headers, body = call(path, query)
        assert headers["Content-Type"] == "application/json"
        assert_error(status, body, 400, text)


def test_a_raw_utf8_query_is_read_as_utf8() -> None:
    """WSGI gives the query's raw bytes as Latin-1; curl sends é as two bytes."""
    raw = "framework=flask&description=caf\u00e9".encode().decode("latin-1")
    status, _, body = call("/preview", raw)
    assert status == 200, body
    assert json.loads(body)["answers"]["description"] == "caf\u00e9"


@pytest.mark.parametrize(
    ("path", "request_", "status", "text"),
    [
        ("/starter.zip", {"query": "a=" + "b" * MAX_QUERY}, 414, "query is longer"),
        ("/starter.zip", {"form": "project_name=" + "a" * MAX_BODY}, 413, "body is longer"),
        ("/preview", {"form": "", "CONTENT_TYPE": "application/json"}, 415, "send the choices"),
        ("/starter.zip", {"form": "", "CONTENT_LENGTH": ""}, 411, "Content-Length"),
        ("/starter.zip", {"form": "", "CONTENT_LENGTH": "-5"}, 411, "Content-Length"),
        ("/starter.zip", {"form": "", "CONTENT_LENGTH": "1_5"}, 411, "Content-Length"),
        ("/metadata", {"method": "DELETE"}, 405, "DELETE is not taken here"),
        ("/static/page.js", {"form": "a=b"}, 405, "POST is not taken here"),
        ("/starter.zip", {"form": {"framework": "flask"}, "method": "PUT"}, 405, "PUT"),
        ("/../../etc/passwd", {}, 404, "no page"),
        ("/static/../app.py", {}, 404, "no page"),
        ("/preview", {"query": "framework=flask&file=README.md"}, 400, "unknown parameter 'file'"),
    ],
)  # fmt: skip
def test_requests_out_of_bounds_are_refused_before_any_work(
    path: str, request_: dict[str, Any], status: int, text: str
) -> None:
    answer, headers, body = call(path, **request_)
    assert_error(answer, body, status, text)
    if status == 405:
        assert headers["Allow"] in {"GET, HEAD", "GET, HEAD, POST"}


def test_a_full_disk_is_a_500_of_one_line_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with mounted(tmp_path / "disk", "size=256k") as disk:
        monkeypatch.setenv("TMPDIR", str(disk))
        monkeypatch.setattr("tempfile.tempdir", None)
        log = io.StringIO()
        status, _, body = call(
            "/starter.zip", "framework=django&with=drf,docker", **{"wsgi.errors": log}
        )
        assert_error(status, body, 500, "the server failed to make this project; its log says why")
        assert "No space left on device" in log.getvalue()
        assert str(disk) not in body.decode()  # no folder of the server's is told
        assert list(disk.iterdir()) == []
        monkeypatch.undo()
        status, _, body = call("/starter.zip", "framework=flask")
        assert status == 200, body  # and serving goes on


def test_a_slow_render_is_a_503_at_the_deadline_and_is_thrown_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer time is bounded: a render made slow on purpose is answered
    with 503 at the deadline; its project, made later, is removed, and the
    next request is served."""
    import generator.create

    made = threading.Event()
    generate = generator.create.generate

    def slow_generate(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1.5)
        try:
            return generate(*args, **kwargs)
        finally:
            made.set()

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.setattr(generator.create, "generate", slow_generate)
    app = StarterApp(deadline=0.5)
    status, headers, body = call("/starter.zip", "framework=flask", app=app)
    assert_error(status, body, 503, "not ready after 0.5 s; try again")
    assert headers["Retry-After"] == "2"
    assert made.wait(10)
    monkeypatch.setattr(generator.create, "generate", generate)
    status, _, body = call("/starter.zip", "framework=flask", app=app)
    assert status == 200, body
    assert list(tmp_path.iterdir()) == []


def test_usage_text_for_curl_and_security_headers() -> None:
    status, headers, body = call("/", HTTP_ACCEPT="*/*")
    assert status == 200 and headers["Content-Type"] == "text/plain; charset=utf-8"
    assert b"curl -s http://127.0.0.1/metadata" in body  # the host it is asked by
    assert call("/usage")[2] == body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = call("/static/page.js")
    assert status == 200 and headers["Content-Type"] == "text/javascript" and body


# --- the page, without JavaScript -------------------------------------------------


def page(query: str) -> tuple[int, str]:
    status, headers, body = call("/", query, HTTP_ACCEPT="text/html,*/*")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    return status, body.decode()


def test_the_page_is_a_form_that_works_without_javascript() -> None:
    status, html = page("")
    assert status == 200
    assert 'id="framework-flask" value="flask" checked' in html
    assert 'href="/starter.zip?framework=flask&amp;extensions=' in html
    ticked = "framework=flask&extensions=&extensions=admin&project_name=my-project"
    status, html = page(ticked + "&file=my_project%2Fadmin.py")
    assert status == 200
    assert 'id="extension-login" value="login" checked' in html  # required by admin
    assert "admin requires login: turned it on" in html
    assert '<h2 id="preview-name">my_project/admin.py</h2>' in html
    assert "class AdminIndex" in html or "flask_admin" in html
    assert "scaffold new my-project --template flask-sqlalchemy" in html


def test_the_page_escapes_what_the_request_says() -> None:
    status, html = page("framework=flask&description=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert status == 200
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    status, html = page("framework=flask&file=%3Cimg+src%3Dx%3E")
    assert "<img src=x>" not in html and "No file &lt;img src=x&gt;" in html
    status, html = page("framework=flask&with=%3Cb%3E")
    assert status == 400 and "<b>" not in html and "unknown extension" in html


def test_an_error_keeps_what_the_user_ticked_and_typed() -> None:
    status, html = page("framework=flask&extensions=&extensions=cache,forms&project_name=%21%21")
    assert status == 400 and 'class="error" role="alert"' in html
    assert 'id="extension-cache" value="cache" checked' in html
    assert 'id="extension-forms" value="forms" checked' in html
    assert 'id="extension-docker" value="docker">' in html  # not ticked
    assert 'value="!!"' in html


def test_switching_framework_drops_the_other_frameworks_template() -> None:
    status, html = page("framework=django&template=flask-sqlalchemy&extensions=admin")
    assert status == 200
    assert 'id="framework-django" value="django" checked' in html
    assert "scaffold new my-django-site --template django-project" in html


# --- the real server ----------------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``scaffold serve`` with a private TMPDIR: (its URL, that TMPDIR)."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with scaffold_server(scratch) as url:
        yield url, scratch


def test_curl_gets_the_project_scaffold_new_makes(tmp_path: Path, server: tuple[str, Path]) -> None:
    url, scratch = server
    form = ["-d", "framework=flask", "-d", "with=login", "-d", "project_name=Blog"]
    run(["curl", "-sfS", "-o", "posted.zip", *form, url + "starter.zip"], tmp_path)
    query = "framework=flask&with=login&project_name=Blog"
    run(["curl", "-sfSOJ", f"{url}starter.tar.gz?{query}"], tmp_path)
    made = scaffold("new", "Blog", "--framework", "flask", "--with", "login", "--no-input", "--git",
                    "-o", str(tmp_path / "cli"))  # fmt: skip
    assert made.exit_code == 0, made.output
    for name, kind in (("posted.zip", "zip"), ("blog.tar.gz", "tar.gz")):
        served = unpack((tmp_path / name).read_bytes(), kind, tmp_path / kind)
        assert_same_project(served, tmp_path / "cli" / "blog")
    bad = run(["curl", "-s", "-w", "\n%{http_code}", url + "starter.zip?framework=flask&with=x"],
              tmp_path)  # fmt: skip
    body, code = bad.stdout.rsplit("\n", 1)
    assert code == "400" and json.loads(body)["error"].startswith("unknown extension 'x'")
    assert list(scratch.iterdir()) == []  # every project made was removed


def test_the_curl_examples_of_the_usage_text_and_the_readme_work(
    tmp_path: Path, server: tuple[str, Path]
) -> None:
    url, _ = server
    host = url.removeprefix("http://").rstrip("/")
    usage = run(["curl", "-s", url], tmp_path).stdout
    readme = (REPO / "README.md").read_text(encoding="utf-8").split("scaffold serve`", 1)[1]
    examples = [line.strip() for line in usage.splitlines() if line.strip().startswith("curl ")]
    examples += [
        line.split("  #")[0].replace("localhost:8000", host)
        for line in readme.split("## Keeping a project alive")[0].splitlines()
        if line.startswith("curl ")
    ]
    assert len(examples) == 9, examples
    for index, example in enumerate(examples):
        where = tmp_path / str(index)
        where.mkdir()
        # -f: an HTTP error fails the example (curl -s alone would save it).
        answer = run(example.replace("curl -s ", "curl -fsS ", 1), where)
        saved = list(where.iterdir())
        if "-OJ" in example:
            assert [p.suffix for p in saved] in ([".zip"], [".gz"]), saved
        else:
            assert answer.stdout and not saved, example


def test_the_server_listens_on_127_0_0_1_only(server: tuple[str, Path]) -> None:
    url, _ = server
    port = int(url.rsplit(":", 1)[1].strip("/"))
    listening = run(["ss", "-Htln", f"sport = :{port}"], Path.cwd()).stdout.split()
    assert f"127.0.0.1:{port}" in listening, listening


def test_concurrent_requests_each_get_their_own_project(
    tmp_path: Path, server: tuple[str, Path]
) -> None:
    url, scratch = server

    def fetch(index: int) -> tuple[int, Path]:
        where = tmp_path / f"client{index}"
        where.mkdir()
        query = urlencode({"framework": "flask", "project_name": f"app {index}"})
        run(["curl", "-sfS", "-o", "p.zip", f"{url}starter.zip?{query}"], where)
        return index, unpack((where / "p.zip").read_bytes(), "zip", where)

    with ThreadPoolExecutor(8) as pool:
        projects = dict(pool.map(fetch, range(8)))
    keys = set()
    for index, project in projects.items():
        assert project.name == f"app-{index}"
        record = json.loads((project / ".scaffold.json").read_text())
        assert record["answers"]["project_name"] == f"app {index}"
        keys.add(dotenv_values(project / ".env")["FLASK_SECRET_KEY"])
    assert len(keys) == 8
    assert list(scratch.iterdir()) == []


def as_in_a_terminal() -> None:
    """Ctrl-C as a terminal's foreground process gets it: a shell without job
    control (CI's) starts background commands with SIGINT ignored, and
    Python keeps a signal ignored that it was started with."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_server_stops_cleanly_on_a_signal(stop: signal.Signals) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=as_in_a_terminal,
    )  # fmt: skip
    assert process.stdout and process.stdout.readline().startswith("scaffold serve: http://")
    process.send_signal(stop)
    _, errors = process.communicate(timeout=10)
    assert process.returncode == 0 and errors == "", errors


def test_listening_beyond_this_machine_comes_with_a_note() -> None:
    with make_server("127.0.0.1", 0, APP, ThreadingServer) as taken:  # so the run stops at once
        result = scaffold("serve", "--host", "0.0.0.0", "--port", str(taken.server_address[1]))
    assert result.stderr.startswith("note: 0.0.0.0 is reachable from other machines")
    assert [is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "localhost")] == [True] * 4
    assert [is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.1", "example.com")] == [False] * 4


def test_a_port_in_use_is_one_line() -> None:
    with make_server("127.0.0.1", 0, APP, ThreadingServer) as taken:
        result = scaffold("serve", "--port", str(taken.server_address[1]))
    assert result.exit_code == 1 and result.stderr.startswith("error: cannot listen on 127.0.0.1:")
    assert len(result.stderr.splitlines()) == 1


def test_gunicorn_serves_the_wsgi_app(tmp_path: Path) -> None:
    """``generator.web:app`` under gunicorn, as the README says to run it."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
               "--workers", "2", "--threads", "4", "--access-logfile", "-",
               "generator.web:app"]  # fmt: skip
    with serving("gunicorn", command, tmp_path, None, port, '"GET / HTTP/1.1" 200') as url:
        run(["curl", "-sfS", "-o", "p.zip", f"{url}/starter.zip?framework=django"], tmp_path)
    project = unpack((tmp_path / "p.zip").read_bytes(), "zip", tmp_path / "out")
    assert (project / "manage.py").is_file()


def test_silent_clients_are_dropped_and_cannot_take_every_thread() -> None:
    """150 connections that never say a word: at most MAX_CONNECTIONS get a
    thread, each is dropped after the handler's timeout, and a real request
    made meanwhile is answered."""

    class Impatient(QuietHandler):
        timeout = 1

    before = threading.active_count()
    with make_server("127.0.0.1", 0, APP, ThreadingServer, Impatient) as httpd:
        serving = threading.Thread(target=httpd.serve_forever)
        serving.start()
        silent = []
        try:
            for _ in range(150):
                silent.append(socket.create_connection(httpd.server_address))
            time.sleep(0.5)
            assert threading.active_count() <= before + 1 + MAX_CONNECTIONS
            url = f"http://127.0.0.1:{httpd.server_address[1]}/metadata"
            code = ["curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code}"]
            answer = run([*code, url], Path.cwd())
            assert answer.stdout == "200"
            assert silent[0].recv(1) == b""  # dropped by the server
        finally:
            for connection in silent:
                connection.close()
            httpd.shutdown()
            serving.join()


def test_under_a_bounded_load_it_keeps_answering(tmp_path: Path) -> None:
    """More clients at once than the queue holds: each is served or told to
    come back (503 with Retry-After), and then served."""
    app = StarterApp(queue=2)
    with make_server("127.0.0.1", 0, app, ThreadingServer) as httpd:
        serving = threading.Thread(target=httpd.serve_forever)
        serving.start()
        try:
            url = f"http://127.0.0.1:{httpd.server_address[1]}/starter.zip?framework=django"

            def fetch(index: int) -> tuple[int, str]:
                answer = run(["curl", "-s", "-D", "-", "-o", f"{index}.zip", url], tmp_path)
                head = answer.stdout
                return int(head.split()[1]), head

            with ThreadPoolExecutor(12) as pool:
                answers = list(pool.map(fetch, range(12)))
            codes = sorted(code for code, _ in answers)
            assert set(codes) == {200, 503}, codes
            for code, head in answers:
                if code == 503:
                    assert "Retry-After: 2" in head, head
            assert fetch(99)[0] == 200
        finally:
            httpd.shutdown()
            serving.join()


def test_the_readme_shows_the_page_in_screenshots_that_are_checked_in() -> None:
    """test_browser.py takes them (SCAFFOLD_SCREENSHOTS=docs)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ("serve-page.png", "serve-preview.png"):
        assert f"(docs/{name})" in readme, name
        assert (REPO / "docs" / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), name
