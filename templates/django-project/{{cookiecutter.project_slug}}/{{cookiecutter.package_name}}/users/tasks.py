"""Background tasks of the users app.

{%- if cookiecutter.tasks == "celery" %}

Queue one with `send_welcome_email.delay(user.email)`; a worker started with
`celery -A config worker` runs it.
{%- else %}

Queue one with `send_welcome_email.enqueue(user.email)`; a worker started with
`python manage.py db_worker` runs it.
{%- endif %}
"""

{% if cookiecutter.tasks == "celery" -%}
from celery import shared_task
{% endif -%}
from django.core.mail import send_mail
{%- if cookiecutter.tasks == "django-tasks" %}
from django.tasks import task
{%- endif %}
from django.utils.translation import gettext as _

{% if cookiecutter.tasks == "celery" %}
@shared_task
{%- else %}
@task
{%- endif %}
def send_welcome_email(email):
    """Greet a new user; slow mail servers then never hold up a request."""
    send_mail(
        subject=_("Welcome"),
        message=_("Thanks for signing up."),
        from_email=None,
        recipient_list=[email],
    )
