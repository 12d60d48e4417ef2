"""Users: who may use the admin pages.

Revision ID: c5a8f03e6d21
Revises: b7e2d41c9a10
Create Date: 2026-11-22 06:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision = "c5a8f03e6d21"
down_revision = "b7e2d41c9a10"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing accounts are not admins; the server default fills them in.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "is_admin", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_admin")
