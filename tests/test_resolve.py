"""Resolution of answers and constraints, and the choice of template."""

from __future__ import annotations

import re

import pytest

from generator.checks import check
from generator.errors import UsageError
from generator.model import load_templates
from generator.resolve import parse_assignments, resolve
from generator.selection import select
from support import FIXTURES

TOYS = load_templates(FIXTURES)
DB = TOYS["toy-db"]


def test_defaults_when_nothing_is_given() -> None:
    resolution = resolve(DB, {})
    assert resolution.answers["database"] == "sqlite"
    assert resolution.answers["sync_worker"] is True
    assert resolution.notes == []


def test_requirement_is_brought_in_with_a_note() -> None:
    resolution = resolve(DB, {}, enable=["login"])
    assert resolution.answers["forms"] is True
    assert resolution.notes == ["login requires forms: turned it on"]


def test_requirements_chain_across_kinds() -> None:
    resolution = resolve(DB, {}, enable=["admin"])
    answers = resolution.answers
    assert (answers["login"], answers["forms"], answers["database"]) == (True, True, "postgresql")
    assert len(resolution.notes) == 3


def test_explicit_clash_with_a_requirement_is_an_error() -> None:
    with pytest.raises(UsageError, match="login requires forms, but you asked for --without forms"):
        resolve(DB, {}, enable=["login"], disable=["forms"])
    with pytest.raises(
        UsageError, match="requires database=postgresql, but you asked for database"
    ):
        resolve(DB, {"database": "sqlite"}, enable=["admin"])


def test_unasked_option_gives_way_to_an_explicit_answer() -> None:
    # sync_worker is on by default; asking for async_worker turns it off.
    resolution = resolve(DB, {}, enable=["async-worker"])
    assert resolution.answers["sync_worker"] is False
    assert resolution.notes == ["sync-worker conflicts with async-worker: turned sync-worker off"]


def test_explicit_conflict_is_an_error() -> None:
    with pytest.raises(UsageError, match="sync-worker conflicts with async-worker; choose one"):
        resolve(DB, {"sync_worker": "yes"}, enable=["async_worker"])


def test_turning_a_requirement_off_cascades_to_what_needs_it() -> None:
    # admin requires login, which requires forms: without forms both go, and
    # login is not turned back on for admin's sake.
    resolution = resolve(DB, {}, disable=["forms"], base={"login": True, "admin": True})
    answers = resolution.answers
    assert (answers["forms"], answers["login"], answers["admin"]) == (False, False, False)
    assert resolution.notes == [
        "login requires forms, which you turned off: turned login off",
        "admin requires login, which is now off: turned admin off",
    ]


def test_a_clash_down_a_chain_names_its_cause() -> None:
    with pytest.raises(UsageError) as error:
        resolve(DB, {}, enable=["admin"], disable=["forms"])
    assert str(error.value) == (
        "login requires forms, but you asked for --without forms "
        "(admin requires login: turned it on)"
    )


def test_base_values_are_not_the_users_word() -> None:
    resolution = resolve(DB, {}, enable=["login"], base={"forms": False})
    assert resolution.answers["forms"] is True


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"databse": "sqlite"}, "no option 'databse' (did you mean 'database'?)"),
        ({"database": "mysql"}, "database must be one of sqlite, postgresql, got 'mysql'"),
        ({"forms": "maybe"}, "forms takes yes or no, got 'maybe'"),
        ({"project_name": ["a"]}, "project_name takes text"),
    ],
)
def test_bad_answers(given: dict, message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        resolve(DB, given)


def test_unknown_extension_lists_the_valid_ones() -> None:
    with pytest.raises(UsageError) as error:
        resolve(DB, {}, enable=["logn"])
    assert "unknown extension 'logn' (did you mean 'login'?)" in str(error.value)
    assert "valid: admin, async-worker, docker, forms, login, sync-worker" in str(error.value)


def test_with_and_without_the_same_extension() -> None:
    with pytest.raises(UsageError, match="--with and --without both name forms"):
        resolve(DB, {}, enable=["forms"], disable=["forms"])


def test_booleans_from_words() -> None:
    answers = resolve(DB, {"forms": "yes", "docker": "off", "login": True}).answers
    assert (answers["forms"], answers["docker"], answers["login"]) == (True, False, True)


def test_parse_assignments() -> None:
    assert parse_assignments(["a=1", "b=x=y", "github-actions=yes"]) == {
        "a": "1",
        "b": "x=y",
        "github_actions": "yes",
    }
    with pytest.raises(UsageError, match="--set takes KEY=VALUE"):
        parse_assignments(["novalue"])


def test_selection_prefers_the_simplest_template() -> None:
    template, note = select(TOYS, "toy")
    assert (template.name, note) == ("toy-basic", None)
    template, note = select(TOYS, "toy", ["forms", "docker"])
    assert (template.name, note) == ("toy-basic", None)


def test_selection_moves_up_for_an_extension_and_says_so() -> None:
    template, note = select(TOYS, "toy", ["login"])
    assert template.name == "toy-db"
    assert note == "login is not in toy-basic: using toy-db (The toy with a database.)"
    template, note = select(TOYS, "toy", [], ["database"])
    assert template.name == "toy-db"


def test_selection_errors() -> None:
    with pytest.raises(UsageError, match=r"unknown framework 'tyo' \(did you mean 'toy'\?\)"):
        select(TOYS, "tyo")
    with pytest.raises(UsageError, match="unknown extension 'nope'"):
        select(TOYS, "toy", ["nope"])
    with pytest.raises(UsageError, match="no toy template has an option 'author'"):
        select(TOYS, "toy", [], ["author"])
    # author_email exists only in toy-basic, login only in toy-db
    with pytest.raises(UsageError, match="no toy template offers all of login, author_email"):
        select(TOYS, "toy", ["login"], ["author_email"])


@pytest.mark.parametrize(
    ("kind", "value", "reason"),
    [
        ("project_name", "class", "is a Python keyword"),
        ("project_name", "flask", "would shadow the module 'flask'"),
        ("project_name", "test", "would shadow"),
        # Imported by the project's own code, not named by it: gunicorn.conf.py's dotenv
        ("project_name", "dotenv", "would shadow the module 'dotenv'"),
        ("project_name", "migrations", "taken by the project's own 'migrations' folder"),
        ("package_name", "staticfiles", "taken by the project's own 'staticfiles' folder"),
        ("project_slug", "python-dotenv", "a package the project depends on"),
        ("project_slug", "flask-login", "a package the project depends on"),
        ("project_slug", "my-flask-app", None),
        ("project_name", "9lives", "starting with a letter"),
        ("project_name", "my app", None),
        ("package_name", "My_App", "not a valid import name"),
        ("package_name", "match", "is a Python keyword"),
        ("project_slug", "my--app", "single '-'"),
        ("email", "nobody", "not an email address"),
        ("email", "a@b.io", None),
        ("version", "1.0.0rc1", None),
        ("version", "v1", "not a PEP 440 version"),
        ("text", "two\nlines", "control character"),
        ("text", "x" * 501, "longer than 500"),
        ("text", 'He said "hi" \\ {{ x }} {% y %} O\'Brien ✓', None),
    ],
)
def test_checks(kind: str, value: str, reason: str | None) -> None:
    result = check(kind, value)
    if reason is None:
        assert result is None
    else:
        assert result is not None and reason in result
