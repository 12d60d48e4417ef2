{%- set flask = cookiecutter._scaffold.framework == "flask" -%}
"""gunicorn.conf.py: as many workers as the CPUs the server may really use."""

import os
import runpy
from pathlib import Path
from unittest import mock

import pytest

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def load_conf(**environ: str) -> dict:
    """The settings gunicorn.conf.py makes with ``environ`` and no
    WEB_CONCURRENCY{% if flask %} (nor .env){% endif %}; the environment is left as it was."""
    with mock.patch.dict(os.environ):
        os.environ.pop("WEB_CONCURRENCY", None)
        os.environ.update(environ)
{%- if flask %}
        with mock.patch("dotenv.load_dotenv"):
            return runpy.run_path(str(CONF))
{%- else %}
        return runpy.run_path(str(CONF))
{%- endif %}


@pytest.fixture
def usable_cpus():
    return load_conf()["usable_cpus"]


@pytest.fixture
def cpu_max(tmp_path: Path) -> Path:
    return tmp_path / "cpu.max"


def test_a_cpu_quota_caps_the_count(usable_cpus, cpu_max: Path) -> None:
    # As `docker run --cpus 1.5` on a host of any size: two CPUs' worth.
    cpu_max.write_text("150000 100000\n")
    assert usable_cpus(cpu_max) == min(2, usable_cpus(cpu_max.with_name("none")))
    cpu_max.write_text("50000 100000\n")
    assert usable_cpus(cpu_max) == 1


def test_no_quota_leaves_the_cpus_the_process_may_run_on(
    usable_cpus, cpu_max: Path
) -> None:
    cpu_max.write_text("max 100000\n")
    may_run_on = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    assert usable_cpus(cpu_max) == may_run_on
    assert usable_cpus(cpu_max.with_name("none")) == may_run_on


def test_workers_follow_the_cpus_unless_web_concurrency_says(usable_cpus) -> None:
    assert load_conf()["workers"] == usable_cpus() * 2 + 1
    assert load_conf(WEB_CONCURRENCY="3")["workers"] == 3
