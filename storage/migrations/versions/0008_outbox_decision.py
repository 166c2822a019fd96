"""The decision each queued email answers (outbox.decision): when a correction changes
the dossier, unsent emails are withdrawn and what the applicant was last told is known.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as t:
        t.add_column(sa.Column("decision", sa.String(32)))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as t:
        t.drop_column("decision")
