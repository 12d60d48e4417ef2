"""The Celery app for the worker process, made by the application factory:

    celery -A {{ cookiecutter.package_name }}.worker worker --loglevel INFO

It reads .env, as ``flask run`` and gunicorn.conf.py do; real environment
variables win.
"""

from dotenv import load_dotenv

from . import create_app

load_dotenv()
flask_app = create_app()
celery_app = flask_app.extensions["celery"]
