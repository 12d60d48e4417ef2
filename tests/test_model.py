"""The option model, read from the templates' cookiecutter.json files, and the
rules every template's metadata must follow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import ScaffoldError
from generator.model import load_templates, templates_root
from support import FIXTURES, REPO, real_templates

TEMPLATES = real_templates()


def test_toy_model_kinds() -> None:
    toy = load_templates(FIXTURES)["toy-db"]
    assert toy.framework == "toy" and toy.rank == 1
    assert [f.key for f in toy.fields] == ["project_name", "project_slug", "package_name"]
    assert toy.field("project_slug").is_derived
    assert not toy.field("project_name").is_derived
    database = toy.option("database")
    assert not database.is_extension and database.values() == ["sqlite", "postgresql"]
    assert database.default == "sqlite"
    assert database.choice("postgresql").packages == ("psycopg",)
    admin = toy.option("admin")
    assert [r.label() for r in admin.requires] == ["login", "database=postgresql"]
    assert toy.option("sync_worker").name == "sync-worker"
    assert toy.option("forms").group == "Accounts" and toy.option("docker").group == "Options"


def test_templates_sorted_by_framework_then_rank() -> None:
    assert list(load_templates(FIXTURES)) == ["toy-broken", "toy-basic", "toy-db"]


def test_source_checkout_finds_its_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCAFFOLD_TEMPLATES", raising=False)
    assert templates_root() in {REPO / "templates", REPO / "generator" / "templates"}
    monkeypatch.setenv("SCAFFOLD_TEMPLATES", str(FIXTURES))
    assert templates_root() == FIXTURES


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_metadata_describes_every_option(name: str) -> None:
    """Each extension or choice has help and a group; each metadata entry
    names a real key; constraints name real options and values."""
    template = TEMPLATES[name]
    meta = template.context["_scaffold"]
    option_keys = {o.key for o in template.options}
    assert set(meta["options"]) == option_keys
    assert template.framework in {"flask", "django"}
    assert template.summary
    grouped = [key for keys in meta["groups"].values() for key in keys]
    assert sorted(grouped) == sorted(option_keys), "every option in exactly one group"
    for option in template.options:
        assert option.help, f"{option.key} has no help"
        assert option.key in template.context["__prompts__"], f"{option.key} has no prompt"
        constraints = [*option.requires, *option.conflicts]
        for choice in option.choices:
            constraints += [*choice.requires, *choice.conflicts]
            assert set(meta["options"][option.key]["choices"]) <= set(option.values())
        for req in constraints:
            target = template.option(req.key)
            assert target is not None, f"{option.key}: unknown {req.key}"
            assert req.value is True if target.is_extension else req.value in target.values()
    for fld in template.fields:
        assert fld.key in meta["fields"], f"{fld.key} has no check"
    for key in ("project_name", "project_slug", "package_name"):
        assert template.field(key) is not None


@pytest.mark.parametrize("framework", sorted({t.framework for t in TEMPLATES.values()}))
def test_a_frameworks_templates_share_the_fields_defaults(framework: str) -> None:
    """`scaffold new --framework X` asks the free-text questions (description,
    author...) before the extensions pick the template: a default of one
    template's would end up in another, where --no-input takes that one's."""
    templates = [t for t in TEMPLATES.values() if t.framework == framework]
    for template in templates[1:]:
        for fld in templates[0].fields:
            other = template.field(fld.key)
            assert other is not None and other.default == fld.default, (template.name, fld.key)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_uses_the_shared_pieces(name: str) -> None:
    path = TEMPLATES[name].path
    assert (path / "hooks" / "post_gen_project.py").resolve() == (
        REPO / "templates/_shared/hooks/post_gen_project.py"
    )
    assert (
        path / "scaffold_filters.py"
    ).resolve() == REPO / "templates/_shared/scaffold_filters.py"
    assert (path / "templates").resolve() == REPO / "templates/_shared/partials"
    context = json.loads((path / "cookiecutter.json").read_text())
    assert context["_extensions"] == ["scaffold_filters.FormatFilters"]


@pytest.mark.parametrize(
    ("context", "text"),
    [
        ([1, 2], "the top level must be an object, not a list"),
        ({"project_name": "x", "_scaffold": []}, "_scaffold must be an object, not a list"),
        (
            {"project_name": "x", "a": False, "_scaffold": {"options": {"a": {"requires": "b"}}}},
            "_scaffold.options.a.requires must be a list, not a string",
        ),
        (
            {"project_name": "x", "a": False, "_scaffold": {"options": {"a": {"requires": ["b"]}}}},
            "a requires unknown option 'b'",
        ),
        (
            {
                "project_name": "x",
                "db": ["sqlite", "postgresql"],
                "a": False,
                "_scaffold": {"options": {"a": {"conflicts": ["db=mysql"]}}},
            },
            "a conflicts with db=mysql, but db is one of sqlite, postgresql",
        ),
        (
            {"project_name": "x", "_scaffold": {"change_steps": [{"when": "*.toml"}]}},
            "_scaffold.change_steps[0].when must be a list, not a string",
        ),
        (
            {"project_name": "x", "_scaffold": {"migration_undo": {"files": [], "run": 1}}},
            "_scaffold.migration_undo.run must be a string, not a whole number",
        ),
    ],
)
def test_broken_metadata_is_an_error_naming_the_file(
    tmp_path: Path, context: object, text: str
) -> None:
    (tmp_path / "bad").mkdir()
    file = tmp_path / "bad" / "cookiecutter.json"
    file.write_text(json.dumps(context))
    with pytest.raises(ScaffoldError) as caught:
        load_templates(tmp_path)
    assert str(caught.value) == f"bad template metadata in {file}: {text}"
