"""Gunicorn settings: `gunicorn` in this folder picks them up.

Each value can be changed from the environment, so containers and platforms
tune them without editing code.
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads suit I/O-bound Django views; cap WEB_CONCURRENCY in containers,
# where cpu_count() sees the host's CPUs.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

timeout = 30
graceful_timeout = 30
# Longer than gunicorn's default so a load balancer's idle connections stay up.
keepalive = 5
# Recycle workers now and then so slow leaks can't grow without bound.
max_requests = 1000
max_requests_jitter = 100

accesslog = "-"
errorlog = "-"
# Proxies allowed to set X-Forwarded-* headers (the TLS-terminating one).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
