{%- set login = cookiecutter.get("login") -%}
"""Forms, validated by Flask-WTF (which also checks the CSRF token)."""

from flask_wtf import FlaskForm
{%- if login %}
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    StringField,
    SubmitField,
    TextAreaField,
)
{%- else %}
from wtforms import StringField, SubmitField, TextAreaField
{%- endif %}
from wtforms.validators import DataRequired, {% if login %}EqualTo, {% endif %}Length{% if login %}, Regexp{% endif %}


class ContactForm(FlaskForm):
    """An example form: a name and a message."""

    name = StringField("Name", validators=[DataRequired(), Length(max=100)])
    message = TextAreaField("Message", validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField("Send")
{%- if cookiecutter.database is defined %}


class NoteForm(FlaskForm):
    """A new note: a title and an optional body."""

    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    body = TextAreaField("Text", validators=[Length(max=10000)])
    submit = SubmitField("Save")
{%- endif %}
{%- if login %}


# An address's shape; mail servers do the real checking.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def new_password_fields(label: str) -> tuple[PasswordField, PasswordField]:
    """Fields ``password`` and ``confirm``: a password to choose, typed twice."""
    password = PasswordField(label, validators=[DataRequired(), Length(min=8, max=128)])
    confirm = PasswordField(
        f"Repeat the {label.lower()}",
        validators=[
            DataRequired(),
            EqualTo("password", message="The passwords differ."),
        ],
    )
    return password, confirm


class RegisterForm(FlaskForm):
    """A new account: an email address and a password, typed twice."""

    email = EmailField(
        "Email",
        validators=[
            DataRequired(),
            Length(max=255),
            Regexp(EMAIL_PATTERN, message="Enter an email address."),
        ],
    )
    password, confirm = new_password_fields("Password")
    submit = SubmitField("Create account")


class LoginForm(FlaskForm):
    """An email address and a password."""

    email = EmailField("Email", validators=[DataRequired(), Length(max=255)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=128)])
    remember = BooleanField("Remember me")
    submit = SubmitField("Log in")


class PasswordChangeForm(FlaskForm):
    """The current password, and a new one typed twice."""

    current_password = PasswordField(
        "Current password", validators=[DataRequired(), Length(max=128)]
    )
    password, confirm = new_password_fields("New password")
    submit = SubmitField("Change password")
{%- endif %}
