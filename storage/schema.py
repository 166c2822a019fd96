"""The database tables, in SQLAlchemy Core. The Alembic revisions build exactly these;
the rest of the code queries them through `storage.queries`."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A timezone-aware moment stored as UTC: SQLite keeps no offset, so every value is
    converted to UTC on the way in and marked UTC on the way out; naive values are refused
    because a receipt time without its zone cannot decide lateness."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("date sans fuseau horaire : refusée par la base")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

# Message states, in the order a message goes through them. A row whose message is
# still in the inbox resumes from its state on the next run.
STORED = "stored"              # raw bytes in the blob store, row committed
FAILED = "failed"              # reading raised; retried on the next run
DOSSIER_UPDATED = "dossier_updated"  # dossier written; the move is what remains
DUPLICATE = "duplicate"        # same bytes or Message-ID as an earlier message
QUARANTINING = "quarantining"  # too many failures; the move is what remains
MOVED = "moved"                # in the processed folder: done
QUARANTINED = "quarantined"    # in the quarantine folder: done, with its reason

messages = Table(
    "messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account", String(255), nullable=False),
    Column("folder", String(255), nullable=False),
    Column("uidvalidity", Integer, nullable=False),
    Column("uid", String(255), nullable=False),
    Column("message_id", String(998)),
    Column("sha256", String(64), nullable=False),
    Column("internaldate", UTCDateTime()),
    Column("first_received", UTCDateTime(), nullable=False),
    Column("state", String(32), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    # Read during a backfill: recorded and read, never answered by the (later) mailer.
    Column("backfill", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_messages_mailbox_uid"),
    Index("ix_messages_sha256", "sha256"),
    Index("ix_messages_message_id", "message_id"),
)

dossiers = Table(
    "dossiers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(32), nullable=False, unique=True),
    Column("sender", String(998)),
    Column("subject", Text),
    Column("decision", String(32)),
    Column("dossier_json", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

dossier_messages = Table(
    "dossier_messages",
    metadata,
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), primary_key=True),
    Column("message_id", Integer, ForeignKey("messages.id"), primary_key=True),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("message_id", Integer, ForeignKey("messages.id"), nullable=False),
    Column("step", String(32), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("detail", Text),
    Index("ix_events_message_id", "message_id"),
)
