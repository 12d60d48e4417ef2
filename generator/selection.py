"""Pick the template for ``--framework`` from the options asked for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import UsageError, closest, shown
from .model import Template, extension_name, option_key
from .resolve import Resolution, extension_keys, resolve


def frameworks(templates: Mapping[str, Template]) -> list[str]:
    """The frameworks the templates are for, sorted."""
    return sorted({t.framework for t in templates.values()})


def by_name(templates: Mapping[str, Template], name: str) -> Template:
    """The template called ``name``; an unknown name is an error listing them."""
    try:
        return templates[name]
    except KeyError:
        raise UsageError(
            f"unknown template {shown(name)}{closest(name, templates)}; "
            f"valid: {', '.join(templates)}"
        ) from None


def candidates(templates: Mapping[str, Template], framework: str) -> list[Template]:
    """The framework's templates, simplest (lowest rank) first."""
    found = [t for t in templates.values() if t.framework == framework]
    if not found:
        known = frameworks(templates)
        raise UsageError(
            f"unknown framework {shown(framework)}{closest(framework, known)}; "
            f"valid: {', '.join(known)}"
        )
    return sorted(found, key=lambda t: (t.rank, t.name))


def select(
    templates: Mapping[str, Template],
    framework: str,
    extensions: Iterable[str] = (),
    keys: Iterable[str] = (),
) -> tuple[Template, str | None]:
    """The simplest template of ``framework`` that offers every extension and
    answer key asked for, and a one-line note when that is not the simplest.

    Unknown names are errors that list what the framework offers.
    """
    options = candidates(templates, framework)
    wanted_ext = extension_keys(options, extensions)  # unknown names are errors
    wanted_keys = list(keys)
    offered_keys = [k for t in options for k in t.keys]
    for key in wanted_keys:
        if key not in offered_keys:
            raise UsageError(
                f"no {framework} template has an option {shown(key)}{closest(key, offered_keys)}"
            )
    for template in options:
        ext_keys = {o.key for o in template.extensions}
        missing = [k for k in wanted_ext if k not in ext_keys]
        missing += [k for k in wanted_keys if k not in template.keys]
        if not missing:
            if template is options[0]:
                return template, None
            first_missing = [
                extension_name(k) if k in wanted_ext else k
                for k in wanted_ext + wanted_keys
                if k not in options[0].keys
            ]
            names = ", ".join(first_missing)
            return template, (
                f"{names} {'is' if len(first_missing) == 1 else 'are'} not in "
                f"{options[0].name}: using {template.name} ({template.summary})"
            )
    asked = ", ".join([*map(extension_name, wanted_ext), *wanted_keys])
    raise UsageError(f"no {framework} template offers all of {asked}")


def resolve_request(
    templates: Mapping[str, Template],
    template: Template | None,
    framework: str | None,
    given: Mapping[str, Any],
    enable: Sequence[str] = (),
    disable: Sequence[str] = (),
) -> tuple[Template, Resolution]:
    """The template and answers for what the command line asked, without a prompt.

    Without ``template``, :func:`select` picks one of ``framework``'s; a
    ``--without`` name that only another template of the framework offers
    has nothing to turn off in the one picked and is dropped, but a name no
    template of the framework offers is a typo, and an error. A template
    that was named must offer every name. The notes start with the one that
    says when the pick moved up from the simplest template.
    """
    notes: list[str] = []
    if template is None:
        if framework is None:
            raise UsageError(
                "say which project to make: --framework flask|django or --template NAME"
            )
        template, note = select(templates, framework, enable, given)
        notes += [note] if note else []
        extension_keys(candidates(templates, framework), disable)
        offered = {o.key for o in template.extensions}
        disable = [d for d in disable if option_key(d) in offered]
    resolution = resolve(template, given, enable, disable)
    return template, Resolution(resolution.answers, notes + resolution.notes)
