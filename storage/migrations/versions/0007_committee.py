"""The committee's summaries: each dossier's summary as built at filing time, notes the
secretariat addresses to the committee, members' declared affiliations, their
confirmations of a possible conflict of interest, and their funding simulation.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as t:
        t.add_column(sa.Column("summary_json", sa.Text))
    with op.batch_alter_table("notes") as t:
        t.add_column(sa.Column("for_committee", sa.Boolean, nullable=False, server_default=sa.false()))
    with op.batch_alter_table("users") as t:
        t.add_column(sa.Column("affiliations", sa.Text))
    op.create_table(
        "conflict_confirmations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("names", sa.Text, nullable=False),
        sa.Column("confirmed_at", TZ, nullable=False),
        sa.UniqueConstraint("user_id", "dossier_id", name="uq_conflict_confirmations_user_dossier"),
    )
    op.create_table(
        "funding_picks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.UniqueConstraint("user_id", "dossier_id", name="uq_funding_picks_user_dossier"),
    )


def downgrade() -> None:
    op.drop_table("funding_picks")
    op.drop_table("conflict_confirmations")
    with op.batch_alter_table("users") as t:
        t.drop_column("affiliations")
    with op.batch_alter_table("notes") as t:
        t.drop_column("for_committee")
    with op.batch_alter_table("dossiers") as t:
        t.drop_column("summary_json")
