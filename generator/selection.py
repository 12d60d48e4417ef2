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


def template_for_change(
    templates: Mapping[str, Template],
    current: Template,
    answers: Mapping[str, Any],
    enable: Sequence[str] = (),
    disable: Sequence[str] = (),
    choose: Iterable[str] = (),
) -> tuple[Template, list[str], str | None]:
    """The template a project is to have after ``add`` or ``remove``: its own
    while that offers what is asked, otherwise the simplest template of its
    framework that does (``add login`` in a project without a database).
    Removing an option with choices (``remove database``) asks for a
    template without it.

    Returns the template, the extensions it is to turn off, and a note when
    the template changes.
    """
    dropped = [option_key(d) for d in disable if _has_choices(current, option_key(d))]
    disable = [d for d in disable if option_key(d) not in dropped]
    off = set(extension_keys([current], disable))
    wanted = [o.key for o in current.extensions if answers.get(o.key) and o.key not in off]
    wanted += [option_key(e) for e in enable]
    chosen = [*choose]
    chosen += [
        o.key
        for o in current.options
        if not o.is_extension and o.key not in dropped and answers.get(o.key) != o.default
    ]
    if not dropped:
        if all(current.option(k) is not None for k in wanted + chosen):
            return current, disable, None
        template, _ = select(templates, current.framework, wanted, chosen)
        gained = [
            extension_name(k) if k in wanted else k
            for k in wanted + chosen
            if current.option(k) is None
        ]
        note = f"{current.name} has no {', '.join(gained)}: the project moves to"
    else:
        template = _without(templates, current, dropped, wanted, chosen)
        note = f"without {', '.join(dropped)} the project moves to"
    # What is turned off and the new template lacks is gone anyway.
    disable = [d for d in disable if template.option(option_key(d))]
    return template, disable, f"{note} {template.name} ({template.summary})"


def _without(
    templates: Mapping[str, Template],
    current: Template,
    dropped: Sequence[str],
    wanted: Sequence[str],
    chosen: Sequence[str],
) -> Template:
    """The simplest template of ``current``'s framework that lacks the
    ``dropped`` options and offers the ``wanted`` and ``chosen`` ones."""
    without = [
        t for t in candidates(templates, current.framework)
        if not any(t.option(k) for k in dropped)
    ]  # fmt: skip
    if not without:
        raise UsageError(
            f"every {current.framework} template has {', '.join(dropped)}: "
            "choose another value with `add`"
        )
    for template in without:
        missing = [k for k in [*wanted, *chosen] if template.option(k) is None]
        if not missing:
            return template
    names = ", ".join(extension_name(k) if k in wanted else k for k in missing)
    raise UsageError(
        f"{without[-1].name}, without {', '.join(dropped)}, has no {names}: remove it too"
    )


def _has_choices(template: Template, key: str) -> bool:
    option = template.option(key)
    return option is not None and not option.is_extension


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


def resolve_ticked(
    template: Template, given: Mapping[str, Any], ticked: Iterable[str]
) -> Resolution:
    """What the checkbox list of ``template`` gives: the extensions
    ``ticked`` on as the user's word, every other one off unless a ticked
    one needs it (which the notes say)."""
    keys = sorted(extension_keys([template], ticked))
    unticked = {o.key: False for o in template.extensions if o.key not in keys}
    return resolve(template, given, enable=keys, base=unticked)
