"""Turn what the user said into a complete, consistent set of answers.

Sources, weakest first: the template's defaults, the answers file, ``--set``,
then ``--with``/``--without`` (or the ticks in the checkbox list). Every
source is checked against the option model: unknown keys, values of the wrong
kind and free text that fails its check are errors. Then ``requires`` and
``conflicts`` are applied: an option that is on brings what it requires, with
a one-line note; a clash between two answers the user gave is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .checks import check
from .errors import UsageError, closest, shown
from .model import Option, Requirement, Template, extension_name, option_key

TRUE_WORDS = {"1", "true", "yes", "y", "on"}
FALSE_WORDS = {"0", "false", "no", "n", "off"}


@dataclass
class Resolution:
    """The answers to render with, and what was changed on the user's behalf."""

    answers: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """``["a=1", "b=x=y"]`` -> ``{"a": "1", "b": "x=y"}``."""
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set takes KEY=VALUE, got {shown(pair)}")
        result[option_key(key) if "-" in key else key.strip()] = value
    return result


def coerce(template: Template, key: str, value: Any) -> Any:
    """Check one answer against the model and return it in its proper type."""
    if key not in template.keys:
        raise UsageError(
            f"template {template.name} has no option {shown(key)}{closest(key, template.keys)}"
        )
    option = template.option(key)
    if option is None:
        if isinstance(value, bool):
            raise UsageError(
                f"{key} takes text, got {value!r}; quote it if YAML took a word such as "
                "no, off or yes for true or false"
            )
        if not isinstance(value, str | int | float):
            raise UsageError(f"{key} takes text, got {shown(value)}")
        return str(value)
    if option.is_extension:
        return to_bool(option, value)
    if value not in option.values():
        raise UsageError(
            f"{key} must be one of {', '.join(option.values())}, got {shown(value)}"
            f"{closest(str(value), option.values())}"
        )
    return value


def to_bool(option: Option, value: Any) -> bool:
    """An on/off answer from a bool or a word such as yes, no, 1 or off."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS | FALSE_WORDS:
        return word in TRUE_WORDS
    raise UsageError(f"{option.name} takes yes or no, got {shown(value)}")


def extension_keys(offered: Iterable[Template], names: Iterable[str]) -> list[str]:
    """Map ``--with``/``--without`` names to option keys, refusing a name that
    none of the ``offered`` templates has."""
    offered = list(offered)
    valid = {o.key for t in offered for o in t.extensions}
    with_choices = {o.key: o for t in offered for o in t.options if not o.is_extension}
    keys = []
    for name in names:
        key = option_key(name)
        if key in with_choices and key not in valid:
            values = "|".join(with_choices[key].values())
            raise UsageError(f"{shown(name)} takes a choice: say which, as {key}={values}")
        if key not in valid:
            raise unknown_extension(name, [extension_name(k) for k in valid])
        keys.append(key)
    return keys


def unknown_extension(name: str, valid: list[str]) -> UsageError:
    """The error for an extension name nobody offers, with the closest match."""
    return UsageError(
        f"unknown extension {shown(name)}{closest(name.replace('_', '-'), valid)}; "
        f"valid: {', '.join(sorted(valid)) or 'none'}"
    )


def check_fields(template: Template, answers: Mapping[str, Any]) -> None:
    """Run each free-text answer through its validator."""
    for fld in template.fields:
        value = answers.get(fld.key)
        if value is None:
            continue
        if not value and not fld.default:  # no default: the template needs an answer
            raise UsageError(f"{fld.key} is required and has no value")
        if reason := check(fld.check, value):
            raise UsageError(f"{fld.key}: {reason}")


def resolve(
    template: Template,
    given: Mapping[str, Any],
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    base: Mapping[str, Any] | None = None,
) -> Resolution:
    """Merge the user's answers into the defaults and apply the constraints.

    ``given`` holds answers from files and ``--set`` (already merged, later
    sources winning); ``enable``/``disable`` name extensions. ``base``
    replaces defaults without counting as the user's word (the unticked
    boxes of the checkbox list), so constraints may still change it. Free
    text is checked once derived fields are rendered (see
    :mod:`generator.render`).
    """
    explicit = {key: coerce(template, key, value) for key, value in given.items()}
    enable, disable = extension_keys([template], enable), extension_keys([template], disable)
    for key in set(enable) & set(disable):
        raise UsageError(f"--with and --without both name {extension_name(key)}")
    explicit.update({k: True for k in enable} | {k: False for k in disable})
    answers = template.defaults() | dict(base or {}) | explicit
    notes = apply_constraints(template, answers, set(explicit))
    return Resolution(answers, notes)


def apply_constraints(template: Template, answers: dict[str, Any], explicit: set[str]) -> list[str]:
    """Satisfy every ``requires`` and ``conflicts`` in place; return the notes.

    A value the user did not give may be changed to satisfy a constraint; a
    value they gave never is: the option that asks for the change is turned
    off instead when the user did not ask for it, and otherwise it is an error.
    A value changed on account of the user's word is settled like it, so that
    the consequences cascade (removing forms turns off login, which turns off
    admin) instead of being undone by the next constraint.
    """
    notes: list[str] = []
    because: dict[str, str] = {}  # settled by a constraint: key -> the note that did it
    for _ in range(4 * len(answers) + 1):
        change = _first_violation(template, answers, explicit, because)
        if change is None:
            return notes
        key, value, note, settled = change
        answers[key] = value
        notes.append(note)
        if settled:
            because[key] = note
    raise UsageError("the requires/conflicts of this template never settle; report this")


def _first_violation(
    template: Template, answers: dict[str, Any], explicit: set[str], because: Mapping[str, str]
) -> tuple[str, Any, str, bool] | None:
    """The first unmet constraint, as the change that fixes it and whether that
    change is settled (made on account of a settled value)."""

    def settled(key: str) -> bool:
        return key in explicit or key in because

    def why(key: str) -> str:
        return "you turned off" if key in explicit else "is now off"

    def context(*keys: str) -> str:
        return "".join(f" ({because[k]})" for k in keys if k in because)

    for source, requires, conflicts in _active_constraints(template, answers):
        for req in requires:
            if answers.get(req.key) == req.value:
                continue
            if not settled(req.key):
                note = f"{source} requires {req.label()}: turned it on"
                return req.key, req.value, note, settled(source.key)
            if not settled(source.key):
                off = _off(template, source.key, answers[source.key])
                note = f"{source} requires {req.label()}, which {why(req.key)}: turned {source} off"
                return source.key, off, note, True
            if req.key in explicit:
                said = f"you asked for {_said(template, req.key, answers[req.key])}"
            else:
                said = f"it {why(req.key)}"
            raise UsageError(
                f"{source} requires {req.label()}, but {said}{context(source.key, req.key)}"
            )
        for con in conflicts:
            if answers.get(con.key) != con.value:
                continue
            if not settled(con.key):
                note = f"{source} conflicts with {con.label()}: turned {con.label()} off"
                return con.key, _off(template, con.key, con.value), note, settled(source.key)
            if not settled(source.key):
                off = _off(template, source.key, answers[source.key])
                note = f"{source} conflicts with {con.label()}: turned {source} off"
                return source.key, off, note, True
            raise UsageError(
                f"{source} conflicts with {con.label()}; choose one" + context(source.key, con.key)
            )
    return None


@dataclass(frozen=True)
class _Source:
    """The option (or choice value) that carries a constraint."""

    key: str
    label: str

    def __str__(self) -> str:
        return self.label


def _active_constraints(
    template: Template, answers: Mapping[str, Any]
) -> Iterator[tuple[_Source, tuple[Requirement, ...], tuple[Requirement, ...]]]:
    """Each option that is on (or choice that is chosen), with its constraints."""
    for option in template.options:
        value = answers.get(option.key)
        if option.is_extension and value is True:
            yield _Source(option.key, option.name), option.requires, option.conflicts
        elif not option.is_extension and value in option.values():
            choice = option.choice(value)
            yield _Source(option.key, f"{option.key}={value}"), choice.requires, choice.conflicts


def _off(template: Template, key: str, current: Any) -> Any:
    """The "off" value of an option: False, or the first other choice."""
    option = template.option(key)
    assert option is not None, "load_template refuses constraints on unknown options"
    if option.is_extension:
        return False
    return next(v for v in option.values() if v != current)


def _said(template: Template, key: str, value: Any) -> str:
    option = template.option(key)
    if option is not None and option.is_extension:
        return f"{'--with' if value else '--without'} {option.name}"
    return f"{key}={value}"
