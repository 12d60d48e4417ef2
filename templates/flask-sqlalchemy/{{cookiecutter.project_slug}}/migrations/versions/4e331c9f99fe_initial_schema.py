"""Initial schema: the notes.

Revision ID: 4e331c9f99fe
Revises: none
Create Date: 2026-11-22 00:11:20.930048
"""

import sqlalchemy as sa
from alembic import op

# Revision identifiers, used by Alembic.
revision = "4e331c9f99fe"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notes_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notes_title"), ["title"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_title"))
        batch_op.drop_index(batch_op.f("ix_notes_created_at"))

    op.drop_table("notes")
