"""Users: the accounts that log in.

Revision ID: b7e2d41c9a10
Revises: 4e331c9f99fe
Create Date: 2026-11-22 06:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision = "b7e2d41c9a10"
down_revision = "4e331c9f99fe"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )


def downgrade() -> None:
    op.drop_table("users")
