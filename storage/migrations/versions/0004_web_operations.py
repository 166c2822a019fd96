"""The web app's operations: dossiers released to the committee and marked reviewed,
and the queue filters each user saved.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as t:
        t.add_column(sa.Column("released_at", TZ))
        t.add_column(sa.Column("reviewed_at", TZ))
    op.create_table(
        "saved_filters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.UniqueConstraint("user_id", "name", name="uq_saved_filters_user_name"),
    )


def downgrade() -> None:
    op.drop_table("saved_filters")
    with op.batch_alter_table("dossiers") as t:
        t.drop_column("reviewed_at")
        t.drop_column("released_at")
