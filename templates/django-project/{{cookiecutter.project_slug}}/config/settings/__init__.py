"""Settings per environment: base (shared), dev, test and prod.

manage.py defaults to dev, wsgi.py and asgi.py to prod, pytest to test;
DJANGO_SETTINGS_MODULE always wins.
"""
