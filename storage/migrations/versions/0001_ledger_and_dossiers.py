"""Ledger of received messages, dossiers, and the events of each message.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account", sa.String(255), nullable=False),
        sa.Column("folder", sa.String(255), nullable=False),
        # BIGINT: IMAP's UIDVALIDITY is an unsigned 32-bit number, above PostgreSQL's INTEGER.
        # Changed in place (no revision): SQLite's INTEGER already holds 64 bits, and no
        # PostgreSQL database could exist before psycopg was a dependency.
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("uid", sa.String(255), nullable=False),
        sa.Column("message_id", sa.String(998)),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("internaldate", TZ),
        sa.Column("first_received", TZ, nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("backfill", sa.Boolean, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_messages_mailbox_uid"),
    )
    op.create_index("ix_messages_sha256", "messages", ["sha256"])
    op.create_index("ix_messages_message_id", "messages", ["message_id"])
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(32), nullable=False, unique=True),
        sa.Column("sender", sa.String(998)),
        sa.Column("subject", sa.Text),
        sa.Column("decision", sa.String(32)),
        sa.Column("dossier_json", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "dossier_messages",
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), primary_key=True),
        sa.Column("message_id", sa.Integer, sa.ForeignKey("messages.id"), primary_key=True),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("message_id", sa.Integer, sa.ForeignKey("messages.id"), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("detail", sa.Text),
    )
    op.create_index("ix_events_message_id", "events", ["message_id"])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("dossier_messages")
    op.drop_table("dossiers")
    op.drop_table("messages")
