"""Command-line tasks, run as ``flask --app {{ cookiecutter.package_name }} COMMAND``."""

import re

import click
from flask.cli import with_appcontext

from .auth import normalize_email
from .extensions import db
from .forms import EMAIL_PATTERN
from .models import User

MIN_PASSWORD_LENGTH = 8


@click.command("create-admin")
@click.option("--email", prompt=True, help="The admin's email address.")
@click.option(
    "--password",
    help="The password; asked for when a new account is created and it is not given.",
)
@with_appcontext
def create_admin(email: str, password: str | None) -> None:
    """Create an admin account, or make an existing account an admin."""
    email = normalize_email(email)
    if not re.fullmatch(EMAIL_PATTERN, email):
        raise click.BadParameter("not an email address", param_hint="--email")
    user = db.session.execute(
        db.select(User).filter_by(email=email)
    ).scalar_one_or_none()
    if user is None:
        user = User(email=email)
        db.session.add(user)
        if password is None:
            password = click.prompt(
                "Password", hide_input=True, confirmation_prompt=True
            )
    if password is not None:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise click.BadParameter(
                f"use at least {MIN_PASSWORD_LENGTH} characters",
                param_hint="--password",
            )
        user.set_password(password)
    user.is_admin = True
    db.session.commit()
    click.echo(f"{email} is an admin.")
