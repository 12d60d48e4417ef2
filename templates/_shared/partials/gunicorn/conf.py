{%- set flask = cookiecutter._scaffold.framework == "flask" -%}
{%- set asgi = cookiecutter.get("server") == "asgi" -%}
"""Gunicorn settings: https://docs.gunicorn.org/en/stable/settings.html.

Every value can be overridden from the environment or the command line.
"""

import math
import os
from pathlib import Path
{%- if flask %}

from dotenv import load_dotenv

# The same .env file that `flask run` reads; variables already set win.
load_dotenv()

wsgi_app = "{{ cookiecutter.package_name }}:create_app()"
{%- else %}
{%- set entry = "asgi" if asgi else "wsgi" %}

# The settings module reads .env itself; {{ entry }}.py defaults to production settings.
wsgi_app = "config.{{ entry }}:application"
{%- endif %}
# Loopback by default; the Docker image sets GUNICORN_BIND=0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")


def usable_cpus(cpu_max: Path = Path("/sys/fs/cgroup/cpu.max")) -> int:
    """The CPUs this server may use, where multiprocessing.cpu_count() counts
    the host's: those it may run on (a container's cpuset), and no more than
    a CPU quota allows (cgroup v2, as `docker run --cpus` or a Kubernetes CPU
    limit set it: "QUOTA PERIOD", or "max PERIOD" for none)."""
    if hasattr(os, "sched_getaffinity"):
        cpus = len(os.sched_getaffinity(0))
    else:  # macOS
        cpus = os.cpu_count() or 1
    try:
        quota, period = cpu_max.read_text().split()
        cpus = min(cpus, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):  # no such file, or no quota ("max")
        pass
    return max(cpus, 1)


workers = int(os.environ.get("WEB_CONCURRENCY", usable_cpus() * 2 + 1))
{%- if asgi %}
# An event loop in each worker: an async view waiting for I/O lets the
# worker serve other requests meanwhile; sync code still runs in threads.
worker_class = "uvicorn_worker.UvicornWorker"
{%- else %}
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
{%- endif %}
timeout = 30
graceful_timeout = 30
keepalive = 5
# Restart workers now and then so that a slow leak cannot grow unbounded.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket (gunicorn 25.1+): it needs a writable home directory, and
# two servers on one machine would share its path.
control_socket_disable = True
