"""Test-session setup."""

import sys

from support import REPO

# pytest-cookies works out `result.context` with its own call to cookiecutter's
# prompt_for_config, outside the sys.path patch that lets cookiecutter import a
# template's local Jinja extension; every template's extension is this module.
sys.path.append(str(REPO / "templates" / "_shared"))
