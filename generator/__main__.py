"""``python -m generator``: the same as the ``scaffold`` command."""

from .cli import main

main()
