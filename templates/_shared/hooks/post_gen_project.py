"""Finish a freshly rendered project.

Cookiecutter renders this file with the answers and runs it inside the new
project. It does what file templates cannot:

- deletes the files that belong only to options that were not chosen, as
  listed under ``_scaffold.options.*.files`` in the template's
  cookiecutter.json;
- writes the git-ignored ``.env`` from ``.env.example``, with a new random
  value for every variable named in ``_scaffold.secrets``;
- deletes ``__pycache__`` folders, which an installed copy of the template
  has when pip byte-compiled its .py files, and which cookiecutter copies.
"""

import json
import secrets
import shutil
from pathlib import Path

ANSWERS = json.loads({{ cookiecutter | answers_json | py_str }})
META = ANSWERS["_scaffold"]


def option_files(name, spec):
    """Yield (is_chosen, path pattern) for every file an option declares."""
    value = ANSWERS[name]
    for path in spec.get("files", []):
        yield value is True, path
    for choice, choice_spec in spec.get("choices", {}).items():
        for path in choice_spec.get("files", []):
            yield value == choice, path


def remove_unchosen_files():
    """Delete each declared path that no chosen option claims."""
    declared = {}
    for name, spec in META["options"].items():
        for chosen, pattern in option_files(name, spec):
            path = pattern.format_map(ANSWERS)
            declared[path] = declared.get(path, False) or chosen
    for path, keep in sorted(declared.items(), reverse=True):
        target = Path(path)
        if keep or not (target.exists() or target.is_symlink()):
            continue
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()


def write_env():
    """Copy .env.example to .env with fresh secrets."""
    example = Path(".env.example")
    if not example.exists():
        return
    lines = []
    for line in example.read_text(encoding="utf-8").splitlines():
        key, sep, _ = line.partition("=")
        if sep and key.strip() in META.get("secrets", []):
            line = f"{key}={secrets.token_urlsafe(50)}"
        lines.append(line)
    env = Path(".env")
    env.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env.chmod(0o600)


def remove_bytecode_caches():
    """Delete every __pycache__ folder: compiled template files, not project files."""
    for cache in sorted(Path().rglob("__pycache__"), reverse=True):
        shutil.rmtree(cache)


remove_unchosen_files()
write_env()
remove_bytecode_caches()
