"""Flask extensions, created unbound here and bound in ``create_app``."""

from flask_wtf.csrf import CSRFProtect

# Rejects every POST, PUT, PATCH and DELETE that lacks a valid CSRF token.
csrf = CSRFProtect()
