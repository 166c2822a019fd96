"""A committee member who steps aside from a dossier ("je me déporte"): the dossier is then
hidden from them on every committee page, export and PDF.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "recusals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("names", sa.Text, nullable=False),
        sa.Column("stepped_aside_at", TZ, nullable=False),
        sa.UniqueConstraint("user_id", "dossier_id", name="uq_recusals_user_dossier"),
    )


def downgrade() -> None:
    op.drop_table("recusals")
