{%- set home_cached = cookiecutter.get("cache") and cookiecutter.database is not defined -%}
{%- set celery = cookiecutter.get("tasks") == "celery" -%}
"""The main blueprint: the home page{% if cookiecutter.forms %}, the contact form{% endif %}, the health check
and the site's icon."""

from flask import Blueprint{% if cookiecutter.forms %}{% if not celery %}, current_app{% endif %}, flash{% endif %}, redirect, render_template, url_for
from werkzeug.wrappers import Response
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


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Send browsers to the site's icon, which they ask for here on the pages
    that link none (a JSON answer{% if cookiecutter.get("admin") %}, Flask-Admin's pages{% endif %})."""
    return redirect(url_for("static", filename="favicon.svg"))
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
