"""Marshmallow schemas: what the API accepts and what it returns."""

from marshmallow import Schema, fields, validate


class NoteSchema(Schema):
    """A note. Unknown fields and invalid values are refused with a 422."""

    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    body = fields.String(load_default="", validate=validate.Length(max=10000))
    created_at = fields.DateTime(dump_only=True)
{%- if cookiecutter.login %}


class TokenSchema(Schema):
    """A bearer token, as OAuth 2 servers describe theirs (RFC 6749, 5.1)."""

    access_token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"example": "Bearer"})
    expires_in = fields.Integer(
        required=True, metadata={"description": "Seconds until the token expires."}
    )
{%- endif %}
