{%- set home_cached = cookiecutter.get("cache") and cookiecutter.database is not defined -%}
{%- set celery = cookiecutter.get("tasks") == "celery" -%}
"""The main blueprint: the home page{% if cookiecutter.forms %}, the contact form{% endif %} and the health check."""

from flask import Blueprint{% if cookiecutter.forms %}{% if not celery %}, current_app{% endif %}, flash, redirect{% endif %}, render_template{% if cookiecutter.forms %}, url_for{% endif %}
{%- if cookiecutter.forms %}
from werkzeug.wrappers import Response
{%- endif %}
{%- if home_cached %}

from .caching import HOME_PAGE_KEY, cache, is_personal
{%- endif %}
{%- if cookiecutter.forms %}{% if not home_cached %}
{% endif %}
from .forms import ContactForm
{%- endif %}
{%- if cookiecutter.forms and celery %}
from .tasks import send_contact_message
{%- endif %}

bp = Blueprint("main", __name__)


@bp.get("/")
{%- if home_cached %}
@cache.cached(key_prefix=HOME_PAGE_KEY, unless=is_personal)
{%- endif %}
def index() -> str:
    """Show the home page."""
    return render_template("main/index.html")


@bp.get("/health")
def health() -> dict[str, str]:
    """Tell a load balancer or orchestrator that the app is up."""
    return {"status": "ok"}
{%- if cookiecutter.forms %}


@bp.route("/contact", methods=["GET", "POST"])
def contact() -> str | Response:
    """Show the contact form and accept a valid, CSRF-protected submission."""
    form = ContactForm()
    if form.validate_on_submit():
{%- if celery %}
        # A worker passes it on: the visitor does not wait for a mail server.
        send_contact_message.delay(form.name.data, form.message.data)
{%- else %}
        current_app.logger.info("Contact message from %s", form.name.data)
{%- endif %}
        flash("Thank you, your message was sent.")
        return redirect(url_for("main.contact"))
    return render_template("main/contact.html", form=form)
{%- endif %}
