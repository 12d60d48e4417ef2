"""Static files in production: fingerprinted, compressed and cached for a year.

``python -m {{ cookiecutter.package_name }}.assets`` (the Dockerfile runs it) builds
``static-build/`` from ``static/``: each file as it is and under a name that
holds a hash of its content (``style.css`` and ``style.3f2a9c1b7d4e.css``), a
gzip and a Brotli copy beside each file that they make smaller, and
``manifest.json``, which maps each name to its hashed one.

When the app runs neither debugging nor testing and that build exists,
WhiteNoise serves it: the compressed copy that the browser accepts
(``Accept-Encoding``), hashed names cached for a year (a changed file gets a
new name, so a new URL), other names for a minute. ``url_for('static',
filename='style.css')`` gives the hashed name. While debugging, in the tests
and before a build, Flask serves ``static/`` as it is.

``STATIC_URL`` (``FLASK_STATIC_URL=https://cdn.example.com``) puts every static
URL in the pages on that host: a CDN that fetches the files from this site
(hashed names and all). The Content-Security-Policy allows that host.
"""

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from wsgiref.headers import Headers

from flask import Flask, current_app, url_for
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

SOURCE = Path(__file__).resolve().parent / "static"
BUILD = SOURCE.with_name("static-build")
MANIFEST = "manifest.json"
# A year: as long as HTTP caches are asked to keep anything (RFC 9111).
ONE_YEAR = 365 * 24 * 60 * 60
# A name without a hash may hold new content after the next deployment.
UNHASHED_MAX_AGE = 60
# A host name or address and maybe a port: nothing that could end a source
# in the Content-Security-Policy (a space, a ';') or hide another host.
HOST = re.compile(r"[A-Za-z0-9.-]+(?::[0-9]+)?|\[[0-9A-Fa-f:.]+\](?::[0-9]+)?")


def build(source: Path = SOURCE, target: Path = BUILD) -> dict[str, str]:
    """Build ``target`` from ``source`` afresh and return its manifest.

    An earlier build (a folder with a manifest) is replaced: files that left
    ``source`` leave the build too. Any other folder is refused.
    """
    if target.exists():
        if not (target / MANIFEST).is_file():
            raise RuntimeError(f"{target} exists and is no build of the static files")
        shutil.rmtree(target)
    manifest: dict[str, str] = {}
    compressor = Compressor(quiet=True)
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(source)
        # Twelve hex digits, as Django's ManifestStaticFilesStorage writes.
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        hashed = name.with_name(f"{name.stem}.{digest}{name.suffix}")
        for copy in (name, hashed):
            destination = target / copy
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            if compressor.should_compress(copy.name):
                compressor.compress(str(destination))
        manifest[name.as_posix()] = hashed.as_posix()
    target.mkdir(parents=True, exist_ok=True)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def static_origin(static_url: object) -> str:
    """The scheme and host of ``STATIC_URL`` (a source for the
    Content-Security-Policy), or ``""`` when it is empty."""
    if not static_url:
        return ""
    parts = urlsplit(static_url) if isinstance(static_url, str) else None
    if (
        parts is None
        or parts.scheme not in {"http", "https"}
        or not HOST.fullmatch(parts.netloc)
        or parts.query
        or parts.fragment
    ):
        raise RuntimeError(
            "FLASK_STATIC_URL must be an http(s) URL of the host that serves the "
            f"static files, such as https://cdn.example.com, not {static_url!r}"
        )
    return f"{parts.scheme}://{parts.netloc}"


def init_app(app: Flask) -> None:
    """Serve the build of the static files in production and link its hashed
    names; put static URLs on ``STATIC_URL``'s host when it is set."""
    app.config.setdefault("STATIC_ROOT", str(BUILD))
    static_origin(app.config["STATIC_URL"])  # a mistake stops the start, not a page
    # The templates' url_for; redirects in views stay on this site.
    app.jinja_env.globals["url_for"] = url_for_static_host
    if app.debug or app.testing:
        return  # Flask serves static/ as it is, changes included.
    root = Path(app.config["STATIC_ROOT"])
    if not (root / MANIFEST).is_file():
        app.logger.warning(
            "No build of the static files in %s: serving static/ uncompressed, "
            "without hashed names (python -m {{ cookiecutter.package_name }}.assets)",
            root,
        )
        return
    manifest = json.loads((root / MANIFEST).read_text())
    app.extensions["static_manifest"] = manifest
    app.url_defaults(link_hashed_name)
    hashed = {f"{app.static_url_path}/{name}" for name in manifest.values()}

    def add_headers(headers: Headers, path: str, url: str) -> None:
        """Keep browsers from guessing a file's type, and let them keep a
        hashed name for a year: its content never changes."""
        headers["X-Content-Type-Options"] = "nosniff"
        if url in hashed:
            headers["Cache-Control"] = f"max-age={ONE_YEAR}, public, immutable"

    # WhiteNoise answers static URLs before Flask sees them, reading the
    # folder once, at start-up; other URLs go on to the app.
    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=root,
        prefix=app.static_url_path,
        max_age=UNHASHED_MAX_AGE,
        add_headers_function=add_headers,
    )


def link_hashed_name(endpoint: str | None, values: dict[str, Any]) -> None:
    """Make ``url_for('static', filename=...)`` give the file's hashed name."""
    if endpoint == "static":
        manifest = current_app.extensions["static_manifest"]
        name = values.get("filename")
        values["filename"] = manifest.get(name, name)


def url_for_static_host(endpoint: str, **values: Any) -> str:
    """Flask's ``url_for``, with static files on ``STATIC_URL``'s host if set."""
    static_url = current_app.config["STATIC_URL"]
    if endpoint != "static" or not static_url:
        return url_for(endpoint, **values)
    # The path only, which the CDN asks this site for.
    values["_external"] = False
    return static_url.rstrip("/") + url_for(endpoint, **values)


if __name__ == "__main__":
    built = build(target=Path(sys.argv[1]) if len(sys.argv) > 1 else BUILD)
    print(f"{len(built)} static files built")
