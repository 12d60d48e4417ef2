"""Settings per environment: base (shared), dev, test and prod.

manage.py defaults to dev, wsgi.py and asgi.py to prod; DJANGO_SETTINGS_MODULE
overrides those defaults. pytest always uses test (--ds in pyproject.toml), so
an exported production module never reaches the tests.
"""
