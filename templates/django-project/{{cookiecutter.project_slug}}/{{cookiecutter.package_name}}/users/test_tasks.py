from django.core import mail
{%- if cookiecutter.tasks == "django-tasks" %}
from django.tasks import TaskResultStatus
{%- endif %}

from .tasks import send_welcome_email


def test_send_welcome_email_runs():
{%- if cookiecutter.tasks == "celery" %}
    # CELERY_TASK_ALWAYS_EAGER (test settings) runs the task in-process.
    send_welcome_email.delay("new@example.com").get()
{%- else %}
    # The ImmediateBackend (test settings) runs the task on enqueue.
    result = send_welcome_email.enqueue("new@example.com")

    assert result.status == TaskResultStatus.SUCCESSFUL
{%- endif %}
    assert mail.outbox[0].to == ["new@example.com"]
