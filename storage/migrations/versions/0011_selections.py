"""The committee's decisions: for each released dossier, retenu, non retenu or liste
d'attente, with the amount granted and the consensus comment (and whether the letter may
quote it), recorded by the chair.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "selections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), nullable=False, unique=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("amount", sa.Float),
        sa.Column("consensus", sa.Text, nullable=False, server_default=""),
        sa.Column("share_consensus", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("decided_at", TZ, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("selections")
