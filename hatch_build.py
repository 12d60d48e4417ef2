"""Hatch build hook: put each template's shared Jinja partials into the wheel.

Every template reaches the shared partials through a symlinked folder
(``templates/NAME/templates -> ../_shared/partials``). Hatchling follows
symlinked files but not symlinked folders, so each link is included here by
name; test_packaging checks the result.
"""

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TemplatePartials(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":  # an editable install reads the source tree
            return
        for link in sorted((Path(self.root) / "templates").glob("*/templates")):
            target = f"generator/templates/{link.parent.name}/templates"
            build_data["force_include"][str(link)] = target
