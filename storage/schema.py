"""The database tables, in SQLAlchemy Core. The Alembic revisions build exactly these;
the rest of the code queries them through `storage.queries`."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
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
    Index("ix_messages_state", "state"),
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
    Index("ix_dossiers_answer_due_at", "answer_due_at"),
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
WITHDRAWN = "withdrawn"  # not sent: the dossier changed after it was written (a correction)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("answers_message", Integer, ForeignKey("messages.id")),
    Column("kind", String(32), nullable=False),
    Column("decision", String(32)),  # the dossier's decision this email answers
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

# ------------------------------------------------------------------ the secretariat's web app
# Accounts, their server-side sessions, login attempts (the rate limit), and what people
# change on a dossier: flag overrides, notes, and the audit log of every change.

ROLES = ("secretariat", "committee", "chair", "admin")  # chair: a committee member who records decisions
NOT_APPLICABLE = "not_applicable"  # a flag override: the flag does not hold for this dossier
CONFIRMED = "confirmed"            # a flag override: a person checked it, it stands

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False, unique=True),  # lower case
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),  # argon2id, PHC string
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_login_at", UTCDateTime()),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    # SHA-256 of the random token the cookie carries: a copy of the database opens no session.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("csrf_secret", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_seen_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("ip", String(64)),
    Index("ix_sessions_user_id", "user_id"),
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("email", String(320), nullable=False),
    Column("ip", String(64), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index("ix_login_attempts_email_at", "email", "at"),
    Index("ix_login_attempts_ip_at", "ip", "at"),
)

flag_overrides = Table(
    "flag_overrides",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("code", String(64), nullable=False),
    Column("target", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False),  # NOT_APPLICABLE or CONFIRMED
    Column("comment", Text, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_flag_overrides_dossier_id", "dossier_id"),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_notes_dossier_id", "dossier_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id")),  # None: the command line
    Column("dossier_id", Integer, ForeignKey("dossiers.id")),  # None: not about a dossier
    Column("action", String(64), nullable=False),
    Column("before", Text),  # JSON
    Column("after", Text),   # JSON
    Column("reason", Text),
    Index("ix_audit_log_dossier_id", "dossier_id"),
)

# ------------------------------------------------------------------ the web app's operations
# Released to the committee (None: the committee does not see the dossier) and marked
# reviewed by the secretariat (None: never; a dossier changed since then is to do again).
# Who did either is in the audit log. Added by revision 0004.
dossiers.append_column(Column("released_at", UTCDateTime()))
dossiers.append_column(Column("reviewed_at", UTCDateTime()))

# The queue filters a secretariat user saved under a name: the queue's URL parameters.
saved_filters = Table(
    "saved_filters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("params", Text, nullable=False),  # query string, e.g. "decision=incomplete&todo=1"
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("user_id", "name", name="uq_saved_filters_user_name"),
)

# The secretariat's corrections of a dossier's facts, beside the reading (which is kept):
# a budget figure ("total_cost", "anact_request", "cofinancing_amount": the amount as
# text), a section marked present or absent ("section:<id>": "present" / "absent"), or
# the decision set directly ("decision": its code). One row per dossier and field; who
# and why are in the audit log too. Added by revision 0006.
dossier_corrections = Table(
    "dossier_corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("field", String(100), nullable=False),
    Column("value", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    UniqueConstraint("dossier_id", "field", name="uq_dossier_corrections_dossier_field"),
)

# ------------------------------------------------------------------ the committee (revision 0007)
# The committee summary of a dossier (intake/committee/summary.py, as JSON), built when the worker
# files or re-reads it; None: not built yet (intake.committee.summaries builds it on demand).
dossiers.append_column(Column("summary_json", Text))
# A note the secretariat addresses to the committee (shown on its summary); others stay internal.
notes.append_column(Column("for_committee", Boolean, nullable=False, default=False, server_default=false()))
# A committee member's declared affiliations, one organisation per line (conflicts of interest).
users.append_column(Column("affiliations", Text))

# A member confirmed opening a dossier despite a possible conflict of interest (names: the
# organisations that matched, one per line). Also in the audit log.
conflict_confirmations = Table(
    "conflict_confirmations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("names", Text, nullable=False),
    Column("confirmed_at", UTCDateTime(), nullable=False),
    UniqueConstraint("user_id", "dossier_id", name="uq_conflict_confirmations_user_dossier"),
)

# A member stepped aside from a dossier ("je me déporte"; names: the organisations that
# matched, one per line, possibly none when declared freely): the dossier is then hidden
# from them on every committee page, export and PDF. Also in the audit log.
recusals = Table(
    "recusals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("names", Text, nullable=False),
    Column("stepped_aside_at", UTCDateTime(), nullable=False),
    UniqueConstraint("user_id", "dossier_id", name="uq_recusals_user_dossier"),
)

# The proposals a user ticked in the funding simulation (each user has their own).
funding_picks = Table(
    "funding_picks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("user_id", "dossier_id", name="uq_funding_picks_user_dossier"),
)

# ------------------------------------------------------------------ the committee's review (revision 0010)

# A member's review of a released dossier: an overall opinion; a draft until submitted.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("opinion", Text, nullable=False, default="", server_default=""),
    Column("submitted_at", UTCDateTime()),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    UniqueConstraint("dossier_id", "user_id", name="uq_reviews_dossier_user"),
)

# Its score (None: not given yet) and comment for each of the call's criteria.
review_scores = Table(
    "review_scores",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("review_id", Integer, ForeignKey("reviews.id"), nullable=False),
    Column("criterion", String(100), nullable=False),
    Column("score", Integer),
    Column("comment", Text, nullable=False, default="", server_default=""),
    UniqueConstraint("review_id", "criterion", name="uq_review_scores_review_criterion"),
)

# The committee's decision on a released dossier (revision 0011), recorded by the chair:
# retenu (with the amount granted), non_retenu or attente (liste d'attente); the consensus
# comment, and whether the letter to the applicant quotes it.
SELECTION_DECISIONS = ("retenu", "non_retenu", "attente")
selections = Table(
    "selections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False, unique=True),
    Column("decision", String(16), nullable=False),
    Column("amount", Float),
    Column("consensus", Text, nullable=False, default="", server_default=""),
    Column("share_consensus", Boolean, nullable=False, default=False, server_default=false()),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False),
)
