"""The auth blueprint: register, log in, log out, change the password, and a
page for logged-in users."""

import hmac

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import generate_password_hash
from werkzeug.wrappers import Response

from .extensions import db, login_manager
from .forms import LoginForm, PasswordChangeForm, RegisterForm
from .models import User

bp = Blueprint("auth", __name__, url_prefix="/auth")


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user that the session names (``User.get_id``), or None if the user
    is gone or the password changed since."""
    user_id, _, stamp = session_id.partition(":")
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(stamp, user.password_stamp()):
        return None
    return user


def normalize_email(email: str) -> str:
    """One spelling per address, so that Ada@Example.com finds ada@example.com."""
    return email.strip().lower()


def authenticate(email: str, password: str) -> User | None:
    """The user with this email address and password, or None."""
    user = db.session.execute(
        db.select(User).filter_by(email=normalize_email(email))
    ).scalar_one_or_none()
    if user is None:
        # Hash anyway, taking as long as a wrong password would: a quicker
        # answer would tell which addresses have an account.
        method = current_app.config["PASSWORD_HASH_METHOD"]
        generate_password_hash(password, method=method)
        return None
    return user if user.check_password(password) else None


def is_safe_next(target: str | None) -> bool:
    """Only a path on this site may follow ``?next=``, never another host.

    Browsers read a backslash as a slash, take ``//host`` and ``///host`` for
    another site, and drop tabs and newlines (``/<TAB>/host`` is ``//host``).
    No path of ours has those, nor any other unprintable character (control
    characters, invisible marks); CR or LF in a redirect's Location header
    would even fail with a 500.
    """
    if not target or not target.isprintable():
        return False
    return target.startswith("/") and not target.startswith("//") and "\\" not in target


def safe_next() -> str | None:
    """The ``?next=`` page, or None if there is none or it is not safe."""
    target = request.args.get("next")
    return target if is_safe_next(target) else None


def after_login() -> Response:
    """Go where logging in leads: the ``?next=`` page if safe, else the profile."""
    return redirect(safe_next() or url_for("auth.profile"))


@bp.route("/register", methods=["GET", "POST"])
def register() -> str | Response:
    """Create an account and log it in; then go where logging in would."""
    if current_user.is_authenticated:
        # Already in: another account is for after logging out.
        return after_login()
    form = RegisterForm()
    if form.validate_on_submit():
        email = normalize_email(form.email.data)
        if db.session.execute(db.select(User.id).filter_by(email=email)).first():
            form.email.errors.append("An account with this email already exists.")
        else:
            user = User(email=email)
            user.set_password(form.password.data)
            db.session.add(user)
            db.session.commit()
            login_user(user)
            flash("Welcome! Your account is ready.")
            # Logged in: to the ?next= page, which the form posts back with.
            return after_login()
    return render_template("auth/register.html", form=form, next_page=safe_next())


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    """Log in with an email address and a password."""
    if current_user.is_authenticated:
        # Already in: a second login would only ask for the password again.
        return after_login()
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            flash("You are logged in.")
            return after_login()
        # The same message for an unknown address and a wrong password.
        form.password.errors.append("Wrong email or password.")
    return render_template("auth/login.html", form=form, next_page=safe_next())


@bp.post("/logout")
def logout() -> Response:
    """Log out. A POST, so that the CSRF token guards it."""
    logout_user()
    flash("You are logged out.")
    return redirect(url_for("main.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response:
    """Change the password, given the current one. Every other browser logged
    in to the account is logged out{% if cookiecutter.api %}, and its API tokens stop working{% endif %}."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = db.session.get(User, current_user.id)
        if user.check_password(form.current_password.data):
            user.set_password(form.password.data)
            db.session.commit()
            # The session names the old password now: log in again, here only.
            login_user(user)
            flash("Your password was changed.")
            return redirect(url_for("auth.profile"))
        form.current_password.errors.append("Wrong password.")
    return render_template("auth/password.html", form=form)


@bp.get("/profile")
@login_required
def profile() -> str:
    """A page only logged-in users see."""
    return render_template("auth/profile.html", user=current_user)
