{%- set home_cached = cookiecutter.get("cache") and cookiecutter.database is not defined -%}
"""The main blueprint: the home page{% if cookiecutter.forms %}, the contact form{% endif %} and the health check."""

from flask import Blueprint{% if cookiecutter.forms %}, current_app, flash, redirect{% endif %}, render_template{% if cookiecutter.forms %}, url_for{% endif %}
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
        current_app.logger.info("Contact message from %s", form.name.data)
        flash("Thank you, your message was sent.")
        return redirect(url_for("main.contact"))
    return render_template("main/contact.html", form=form)
{%- endif %}
