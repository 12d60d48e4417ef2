"""``scaffold serve``: a web page and a JSON API that make projects.

``app`` is the WSGI application, for any WSGI server::

    gunicorn --bind 127.0.0.1:8000 'generator.web:app'
"""

from .app import app

__all__ = ["app"]
