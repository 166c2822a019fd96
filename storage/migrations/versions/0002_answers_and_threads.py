"""Answers to applicants (the outbox) and what threads a later email to its dossier.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("messages") as t:
        t.add_column(sa.Column("decision", sa.String(32)))
        t.add_column(sa.Column("sender", sa.Text))
        t.add_column(sa.Column("thread_ids", sa.Text))
    with op.batch_alter_table("dossiers") as t:
        t.add_column(sa.Column("sender_address", sa.String(998)))
        t.add_column(sa.Column("title", sa.Text))
        t.add_column(sa.Column("first_received", TZ))
        t.add_column(sa.Column("answered_decision", sa.String(32)))
        t.add_column(sa.Column("answer_due_at", TZ))
        t.add_column(sa.Column("match_note", sa.Text))
        t.add_column(sa.Column("backfill", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_index("ix_dossiers_sender_address", "dossiers", ["sender_address"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("answers_message", sa.Integer, sa.ForeignKey("messages.id")),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("email_message_id", sa.String(998), nullable=False, unique=True),
        sa.Column("raw_sha256", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TZ),
        sa.Column("last_error", sa.Text),
        sa.Column("sent_at", TZ),
        sa.Column("copied_at", TZ),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_index("ix_outbox_state", "outbox", ["state"])
    op.create_index("ix_outbox_recipient", "outbox", ["recipient"])
    op.create_index("ix_outbox_dossier_id", "outbox", ["dossier_id"])


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_index("ix_dossiers_sender_address", "dossiers")
    with op.batch_alter_table("dossiers") as t:
        for c in ("backfill", "match_note", "answer_due_at", "answered_decision", "first_received",
                  "title", "sender_address"):
            t.drop_column(c)
    with op.batch_alter_table("messages") as t:
        for c in ("thread_ids", "sender", "decision"):
            t.drop_column(c)
