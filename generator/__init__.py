"""scaffold: start a Flask or Django project that works, in one command."""

__version__ = "0.1.0"
