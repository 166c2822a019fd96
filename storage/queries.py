"""The queries the worker and the `dossiers` command use, so SQL lives in one place."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, or_, select, update
from sqlalchemy.engine import CursorResult, Row

from .schema import (
    dossier_corrections,
    dossier_messages,
    dossiers,
    events,
    flag_overrides,
    messages,
    outbox,
)

REFERENCE_RE = re.compile(r"\bFAB-(\d{4})-(\d{4})\b", re.IGNORECASE)


def now() -> datetime:
    return datetime.now(UTC)


def find_message(conn: Connection, account: str, folder: str, uidvalidity: int, uid: str) -> Row | None:
    return conn.execute(select(messages).where(
        messages.c.account == account, messages.c.folder == folder,
        messages.c.uidvalidity == uidvalidity, messages.c.uid == uid)).first()


def messages_by_uid(conn: Connection, account: str, folder: str, uidvalidity: int,
                    uids: list[str]) -> dict[str, Row]:
    """Ledger rows of these UIDs, in one query per thousand (an inbox listing compared
    with the ledger before anything is fetched)."""
    out: dict[str, Row] = {}
    for i in range(0, len(uids), 1000):
        chunk = uids[i:i + 1000]
        for r in conn.execute(select(messages).where(
                messages.c.account == account, messages.c.folder == folder,
                messages.c.uidvalidity == uidvalidity, messages.c.uid.in_(chunk))):
            out[r.uid] = r
    return out


def get_message(conn: Connection, message_id: int) -> Row:
    return conn.execute(select(messages).where(messages.c.id == message_id)).one()


def find_original(conn: Connection, sha: str, message_id: str | None, *, excluding: int) -> Row | None:
    """The first message with the same bytes or the same Message-ID: this one is a second
    delivery of it."""
    cond = messages.c.sha256 == sha
    if message_id:
        cond = or_(cond, messages.c.message_id == message_id)
    return conn.execute(select(messages).where(cond, messages.c.id != excluding)
                        .order_by(messages.c.id).limit(1)).first()


def unfinished_copy(conn: Connection, account: str, folder: str, sha: str, uidvalidity: int,
                    done: tuple[str, ...]) -> Row | None:
    """A message of this folder, under an older UIDVALIDITY, not yet moved out: the same
    message seen again after the server renumbered the folder."""
    return conn.execute(select(messages).where(
        messages.c.account == account, messages.c.folder == folder, messages.c.sha256 == sha,
        messages.c.uidvalidity != uidvalidity, messages.c.state.not_in(done))
        .order_by(messages.c.id).limit(1)).first()


def awaiting_move(conn: Connection, account: str, folder: str, uidvalidity: int,
                  states: tuple[str, ...]) -> list[Row]:
    """Rows of this folder, under this UIDVALIDITY, whose move out of the inbox is what
    remains (`states`)."""
    return list(conn.execute(select(messages).where(
        messages.c.account == account, messages.c.folder == folder,
        messages.c.uidvalidity == uidvalidity, messages.c.state.in_(states)).order_by(messages.c.id)))


def inserted_id(result: CursorResult) -> int:
    """The id of the row an INSERT statement just added."""
    key = result.inserted_primary_key
    assert key is not None, "not an INSERT"
    return int(key[0])


def insert_message(conn: Connection, **values) -> int:
    t = now()
    values.setdefault("attempts", 0)
    values.setdefault("backfill", False)
    return inserted_id(conn.execute(insert(messages).values(created_at=t, updated_at=t, **values)))


def set_message(conn: Connection, message_id: int, **values) -> None:
    conn.execute(update(messages).where(messages.c.id == message_id).values(updated_at=now(), **values))


def add_event(conn: Connection, message_id: int, step: str, detail: str | None = None) -> None:
    conn.execute(insert(events).values(message_id=message_id, step=step, at=now(), detail=detail))


def message_events(conn: Connection, message_id: int) -> list[Row]:
    return list(conn.execute(select(events).where(events.c.message_id == message_id).order_by(events.c.id)))


def dossier_by_reference(conn: Connection, reference: str) -> Row | None:
    return conn.execute(select(dossiers).where(dossiers.c.reference == reference.upper())).first()


def referenced_dossier(conn: Connection, subject: str | None) -> Row | None:
    """The existing dossier whose reference the subject quotes (a reply, a missing piece)."""
    for m in REFERENCE_RE.finditer(subject or ""):
        row = dossier_by_reference(conn, f"FAB-{m.group(1)}-{m.group(2)}")
        if row is not None:
            return row
    return None


def next_reference(conn: Connection, year: int) -> str:
    """FAB-<year>-<n+1>, n the highest number used this year. Run inside the transaction
    that inserts the dossier; the unique constraint refuses a concurrent twin."""
    prefix = f"FAB-{year}-"
    last = conn.execute(select(func.max(dossiers.c.reference))
                        .where(dossiers.c.reference.like(prefix + "%"))).scalar()
    n = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{n:04d}"


def dumps(dossier: dict) -> str:
    return json.dumps(dossier, ensure_ascii=False)


def create_dossier(conn: Connection, year: int, dossier: dict, **values) -> tuple[int, str]:
    """A new dossier from its first message's reading; `values` are further columns
    (sender_address, title, first_received, backfill)."""
    ref = next_reference(conn, year)
    t = now()
    msg = dossier.get("message") or {}
    did = inserted_id(conn.execute(insert(dossiers).values(
        reference=ref, sender=msg.get("from"), subject=msg.get("subject"),
        decision=dossier.get("decision"), dossier_json=dumps(dossier),
        created_at=t, updated_at=t, **values)))
    return did, ref


def get_dossier(conn: Connection, dossier_id: int) -> Row:
    return conn.execute(select(dossiers).where(dossiers.c.id == dossier_id)).one()


def set_dossier(conn: Connection, dossier_id: int, **values) -> None:
    conn.execute(update(dossiers).where(dossiers.c.id == dossier_id).values(updated_at=now(), **values))


def set_summary(conn: Connection, dossier_id: int, summary: dict | None) -> None:
    """Store a dossier's committee summary (intake.committee.summaries); updated_at is left alone:
    a summary changes nothing the queue or the worker reads."""
    conn.execute(update(dossiers).where(dossiers.c.id == dossier_id)
                 .values(summary_json=None if summary is None else dumps(summary)))


def submission_messages(conn: Connection, dossier_id: int, *, excluding: int | None = None) -> list[Row]:
    """The messages a dossier's reading is made of: every linked message that brought
    proposal material (not a bounce, an out-of-office or a question), first received first."""
    cond = [dossier_messages.c.dossier_id == dossier_id,
            messages.c.state.not_in(("duplicate", "failed", "quarantining", "quarantined")),
            or_(messages.c.decision.is_(None), messages.c.decision != "not_a_proposal")]
    if excluding is not None:
        cond.append(messages.c.id != excluding)
    return list(conn.execute(select(messages).join(dossier_messages, dossier_messages.c.message_id == messages.c.id)
                             .where(*cond).order_by(messages.c.internaldate, messages.c.id)))


def last_answerable_message(conn: Connection, dossier_id: int) -> Row | None:
    """The latest message of the submission: the one an answer replies to."""
    rows = submission_messages(conn, dossier_id)
    return rows[-1] if rows else None


def dossiers_due(conn: Connection, at: datetime) -> list[Row]:
    return list(conn.execute(select(dossiers).where(dossiers.c.answer_due_at.is_not(None),
                                                    dossiers.c.answer_due_at <= at)
                             .order_by(dossiers.c.answer_due_at)))


def link(conn: Connection, dossier_id: int, message_id: int) -> None:
    exists = conn.execute(select(dossier_messages).where(
        dossier_messages.c.dossier_id == dossier_id, dossier_messages.c.message_id == message_id)).first()
    if exists is None:
        conn.execute(insert(dossier_messages).values(dossier_id=dossier_id, message_id=message_id))


def list_dossiers(conn: Connection) -> list[Row]:
    return list(conn.execute(select(dossiers).order_by(dossiers.c.reference)))


def dossier_message_ids(conn: Connection, dossier_id: int) -> list[int]:
    return [r[0] for r in conn.execute(select(dossier_messages.c.message_id)
                                       .where(dossier_messages.c.dossier_id == dossier_id))]


def dossiers_of_message(conn: Connection, message_id: int) -> list[int]:
    return [r[0] for r in conn.execute(select(dossier_messages.c.dossier_id)
                                       .where(dossier_messages.c.message_id == message_id))]


def outbox_of_dossier(conn: Connection, dossier_id: int) -> list[Row]:
    return list(conn.execute(select(outbox).where(outbox.c.dossier_id == dossier_id).order_by(outbox.c.id)))


def health_figures(conn: Connection) -> dict:
    """What the operator checks first: messages not finished, answers not gone, quarantine."""
    unfinished = ("stored", "failed", "dossier_updated", "duplicate", "quarantining")
    backlog = conn.execute(select(func.count(), func.min(messages.c.internaldate))
                           .where(messages.c.state.in_(unfinished))).one()

    def n_outbox(state: str) -> int:
        return conn.execute(select(func.count()).select_from(outbox).where(outbox.c.state == state)).scalar() or 0

    return {
        "backlog": backlog[0] or 0,
        "oldest_unprocessed": backlog[1].isoformat() if backlog[1] else None,
        "outbox_backlog": n_outbox("queued"),
        "outbox_held": n_outbox("held"),
        "outbox_failed": n_outbox("failed"),
        "quarantined": conn.execute(select(func.count()).select_from(messages)
                                    .where(messages.c.state == "quarantined")).scalar() or 0,
        "dossiers": conn.execute(select(func.count()).select_from(dossiers)).scalar() or 0,
    }


def linked_messages(conn: Connection, dossier_id: int) -> list[Row]:
    """Every message of a dossier but second deliveries, first received first."""
    return list(conn.execute(select(messages).join(dossier_messages, dossier_messages.c.message_id == messages.c.id)
                             .where(dossier_messages.c.dossier_id == dossier_id, messages.c.state != "duplicate")
                             .order_by(messages.c.internaldate, messages.c.id)))


def overrides_of(conn: Connection, dossier_id: int) -> list[Row]:
    """The secretariat's corrections of a dossier's flags (not applicable / confirmed)."""
    return list(conn.execute(select(flag_overrides).where(flag_overrides.c.dossier_id == dossier_id)))


def fact_corrections_of(conn: Connection, dossier_id: int) -> list[Row]:
    """The secretariat's corrections of a dossier's facts (figures, parts, the decision)."""
    return list(conn.execute(select(dossier_corrections).where(dossier_corrections.c.dossier_id == dossier_id)))
