"""The database tables, in SQLAlchemy Core. The Alembic revisions build exactly these;
the rest of the code queries them through `storage.queries`."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
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
    Column("uidvalidity", BigInteger, nullable=False),  # unsigned 32-bit in IMAP: > 2**31 - 1
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
    # Its own reading's decision: a bounce or an out-of-office joins a thread, not a union.
    Column("decision", String(32)),
    Column("sender", Text),  # the From address, lower case
    # Message-IDs of In-Reply-To and References, space-separated: threads it to a dossier.
    Column("thread_ids", Text),
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
    Column("sender_address", String(998)),
    Column("title", Text),
    # Earliest receipt time of its messages: what decides lateness for the submission.
    Column("first_received", UTCDateTime()),
    # The decision the last answer told the applicant (None: not answered yet).
    Column("answered_decision", String(32)),
    # An answer waits until then (the split-submission window); None: nothing pending.
    Column("answer_due_at", UTCDateTime()),
    # How later messages were matched to this dossier, for the secretariat.
    Column("match_note", Text),
    Column("backfill", Boolean, nullable=False, default=False),
    Index("ix_dossiers_sender_address", "sender_address"),
)

dossier_messages = Table(
    "dossier_messages",
    metadata,
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), primary_key=True),
    Column("message_id", Integer, ForeignKey("messages.id"), primary_key=True),
)

# Outbox states. An email is queued in the transaction that records the decision it
# answers; the sender moves it to sent, or failed after too many tries.
QUEUED = "queued"
HELD = "held"          # waits for the secretariat's approval (or over the daily limit)
SENT = "sent"
SEND_FAILED = "failed"  # refused for good, or out of retries: the secretariat sees it
DISCARDED = "discarded"

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("answers_message", Integer, ForeignKey("messages.id")),
    Column("kind", String(32), nullable=False),
    Column("recipient", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("email_message_id", String(998), nullable=False, unique=True),
    Column("raw_sha256", String(64), nullable=False),  # the email's bytes, in the blob store
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime()),
    Column("last_error", Text),
    Column("sent_at", UTCDateTime()),
    Column("copied_at", UTCDateTime()),  # appended to the mailbox's Sent folder
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_outbox_state", "state"),
    Index("ix_outbox_recipient", "recipient"),
    Index("ix_outbox_dossier_id", "dossier_id"),
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
