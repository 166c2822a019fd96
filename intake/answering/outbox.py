"""The answers to applicants, from the decision to the recipient's server.

An answer is composed and queued (its bytes in the blob store, a row in `outbox`) inside
the transaction that records the decision it answers, so a crash can neither lose it nor
queue it twice. The sender then delivers queued rows over SMTP (or into the embedded
outbox folder) with retries and backoff; a row is marked sent only after the server took
it. Should the process die between the server's "250 OK" and that mark, the retry sends
the very same bytes with the same Message-ID, which mail clients show once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.errors import MessageError

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.engine import Row

from intake.answering.answers import Incoming, answer_kind, compose
from intake.answering.mail_settings import AnswerSettings
from intake.answering.mailer import DeliveryError, Transport, backoff_seconds
from storage import queries as q
from storage.blobs import BlobStore
from storage.schema import DISCARDED, HELD, QUEUED, SEND_FAILED, SENT, WITHDRAWN, dossiers, outbox

log = logging.getLogger("fabrique.outbox")

HOLD_FOR_APPROVAL = "En attente de validation par le secrétariat avant envoi."
HOLD_FOR_DOUBT = "Retenue pour vérification : la lecture doute d'elle-même. "


def queue_answer(conn: Connection, blobs: BlobStore, *, dossier: Row, dossier_json: dict, kind: str,
                 incoming: Incoming, answers_message: int | None, settings: AnswerSettings, call,
                 now: datetime) -> int | None:
    """Compose the answer and queue it, held where the settings or the daily limit say so.
    Returns the outbox row id, or None when there is nobody to write to."""
    if not incoming.sender:
        if answers_message is not None:
            q.add_event(conn, answers_message, "no_answer", "aucune adresse d'expéditeur utilisable")
        return None
    try:
        answer = compose(kind, dossier_json, dossier.reference, incoming, settings, call, now=now)
    except (ValueError, MessageError) as e:
        # e.g. "jdöe@mächine.example": an address our SMTP path cannot write to. The dossier
        # is filed all the same; the secretariat answers by hand.
        if answers_message is not None:
            q.add_event(conn, answers_message, "no_answer", "adresse d'expéditeur inutilisable pour une réponse "
                        f"automatique ({type(e).__name__}) : le secrétariat répondra")
        return None
    sha = blobs.put(answer.raw)
    state, note = QUEUED, None
    doubts = [d for d in dossier_json.get("doubts") or [] if isinstance(d, dict)]
    if kind == "completion_request" and doubts:
        # the reading argues with itself: a person checks before the applicant is asked
        state, note = HELD, HOLD_FOR_DOUBT + " ".join(str(d.get("reason", "")) for d in doubts[:3])
    elif kind in settings.hold_for_approval:
        state, note = HELD, HOLD_FOR_APPROVAL
    elif _sent_today(conn, answer.to, now) >= settings.max_per_recipient_per_day:
        state = HELD
        note = (f"Limite de {settings.max_per_recipient_per_day} courriels par jour vers "
                f"{answer.to} atteinte : envoi à valider par le secrétariat.")
    oid = q.inserted_id(conn.execute(insert(outbox).values(
        dossier_id=dossier.id, answers_message=answers_message, kind=kind, decision=dossier.decision,
        recipient=answer.to,
        subject=answer.subject, email_message_id=answer.message_id, raw_sha256=sha, state=state,
        attempts=0, last_error=note, created_at=now, updated_at=now)))
    if answers_message is not None:
        q.add_event(conn, answers_message, "email_queued",
                    f"{kind} vers {answer.to} ({'en attente' if state == HELD else 'à envoyer'})")
    return oid


def _sent_today(conn: Connection, recipient: str, now: datetime) -> int:
    return conn.execute(select(func.count()).select_from(outbox).where(
        outbox.c.recipient == recipient, outbox.c.state.in_((QUEUED, SENT)),
        outbox.c.created_at >= now - timedelta(days=1))).scalar() or 0


@dataclass
class SendSummary:
    sent: int = 0
    retry: int = 0
    failed: int = 0
    copied: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: SendSummary) -> None:
        """Count another batch in."""
        self.sent += other.sent
        self.retry += other.retry
        self.failed += other.failed
        self.copied += other.copied
        self.errors += other.errors

    def french(self) -> str:
        parts = [f"{self.sent} courriel{'s' if self.sent > 1 else ''} envoyé{'s' if self.sent > 1 else ''}"]
        if self.retry:
            parts.append(f"{self.retry} à réessayer")
        if self.failed:
            parts.append(f"{self.failed} en échec définitif")
        return ", ".join(parts)


class SentFolder:
    """Where a copy of each sent email goes (the mailbox's Sent folder over IMAP)."""

    def append(self, raw: bytes) -> None: ...


def send_due(db: Engine, blobs: BlobStore, transport: Transport, *, envelope_from: str,
             now: datetime | None = None, max_attempts: int = 8, sent_folder: SentFolder | None = None,
             limit: int = 200) -> SendSummary:
    """Deliver the queued answers whose time has come; then copy sent ones to Sent."""
    now = now or q.now()
    summary = SendSummary()
    with db.connect() as conn:
        due = list(conn.execute(select(outbox).where(
            outbox.c.state == QUEUED,
            (outbox.c.next_attempt_at.is_(None)) | (outbox.c.next_attempt_at <= now))
            .order_by(outbox.c.id).limit(limit)))
    for row in due:
        try:
            raw = blobs.get(row.raw_sha256)
            transport.send(raw, envelope_from, [row.recipient])
        except DeliveryError as e:
            if e.server_wide:
                # the server or our settings, not this email: every row would fail the
                # same way. Nothing is counted against the emails; the batch stops and
                # the next run tries again (an outage of hours loses nothing).
                with db.begin() as conn:
                    conn.execute(update(outbox).where(outbox.c.id == row.id).values(
                        last_error=e.reason, updated_at=q.now()))
                summary.errors.append(e.reason)
                summary.retry += len(due) - due.index(row)
                log.warning("outbox: server unavailable, batch stopped (permanent=%s)", e.permanent)
                break
            attempts = row.attempts + 1
            final = e.permanent or attempts >= max_attempts
            values = {"attempts": attempts, "last_error": e.reason, "updated_at": q.now()}
            if final:
                values["state"] = SEND_FAILED
                summary.failed += 1
            else:
                values["next_attempt_at"] = now + timedelta(seconds=backoff_seconds(attempts))
                summary.retry += 1
            with db.begin() as conn:
                conn.execute(update(outbox).where(outbox.c.id == row.id).values(**values))
                if row.answers_message is not None:
                    q.add_event(conn, row.answers_message, "email_failed" if final else "email_retry",
                                f"essai {attempts} : {e.reason}")
            log.warning("outbox=%s attempt=%s permanent=%s", row.id, attempts, final)
            continue
        except Exception as e:  # noqa: BLE001 - a missing blob: the row waits for a human
            with db.begin() as conn:
                conn.execute(update(outbox).where(outbox.c.id == row.id).values(
                    state=SEND_FAILED, last_error=f"{type(e).__name__}: {e}"[:2000], updated_at=q.now()))
            summary.failed += 1
            summary.errors.append(f"{row.id} : {e}")
            continue
        with db.begin() as conn:
            conn.execute(update(outbox).where(outbox.c.id == row.id).values(
                state=SENT, sent_at=q.now(), attempts=row.attempts + 1, last_error=None,
                updated_at=q.now()))
            if row.answers_message is not None:
                q.add_event(conn, row.answers_message, "email_sent", f"{row.kind} vers {row.recipient}")
        summary.sent += 1
    if sent_folder is not None:
        summary.copied = _copy_sent(db, blobs, sent_folder)
    return summary


def _copy_sent(db: Engine, blobs: BlobStore, sent_folder: SentFolder) -> int:
    with db.connect() as conn:
        rows = list(conn.execute(select(outbox).where(outbox.c.state == SENT, outbox.c.copied_at.is_(None))
                                 .order_by(outbox.c.id).limit(200)))
    done = 0
    for row in rows:
        try:
            sent_folder.append(blobs.get(row.raw_sha256))
        except Exception as e:  # noqa: BLE001 - retried at the next run, the email itself is sent
            log.warning("outbox=%s sent copy failed: %s", row.id, type(e).__name__)
            break
        with db.begin() as conn:
            conn.execute(update(outbox).where(outbox.c.id == row.id).values(copied_at=q.now()))
        done += 1
    return done


def approve(conn: Connection, outbox_id: int) -> bool:
    """The secretariat lets a held email go."""
    r = conn.execute(update(outbox).where(outbox.c.id == outbox_id, outbox.c.state == HELD)
                     .values(state=QUEUED, last_error=None, next_attempt_at=None, updated_at=q.now()))
    return r.rowcount == 1


def discard(conn: Connection, outbox_id: int) -> bool:
    r = conn.execute(update(outbox).where(outbox.c.id == outbox_id, outbox.c.state.in_((HELD, QUEUED, SEND_FAILED)))
                     .values(state=DISCARDED, updated_at=q.now()))
    return r.rowcount == 1


# What each kind of answer told the applicant, for rows written before outbox.decision.
_TOLD = {"acknowledgement": "complete", "completed": "complete", "completion_request": "incomplete",
         "review": "needs_review", "late": "late", "holding": "not_a_proposal"}


def withdraw_and_replan(conn: Connection, dossier_id: int, before: str | None, after: str | None,
                        *, holding_reply: bool, now: datetime) -> tuple[list[Row], str | None]:
    """The dossier changed (a correction, a flag set aside): the emails written from the
    old facts and not sent yet are withdrawn (kept, marked, never sent), and the answer
    the dossier now calls for, given what the applicant was actually told, is planned for
    the worker's next pass (composed then from the corrected facts, held if the settings
    say so). Returns the withdrawn rows and the kind planned (None: nothing to send)."""
    waiting = list(conn.execute(select(outbox).where(
        outbox.c.dossier_id == dossier_id, outbox.c.state.in_((HELD, QUEUED)))))
    if not waiting and before == after:
        return [], None
    note = (f"Retiré : le dossier a changé (décision « {before} » → « {after} ») avant l'envoi."
            if before != after else "Retiré : le dossier a changé avant l'envoi.")
    for row in waiting:
        conn.execute(update(outbox).where(outbox.c.id == row.id, outbox.c.state.in_((HELD, QUEUED)))
                     .values(state=WITHDRAWN, last_error=note, updated_at=now))
    sent = conn.execute(select(outbox.c.kind, outbox.c.decision).where(
        outbox.c.dossier_id == dossier_id, outbox.c.state == SENT).order_by(outbox.c.id.desc())).first()
    told = (sent.decision or _TOLD.get(sent.kind)) if sent is not None else None
    kind = answer_kind(after, told, holding_reply=holding_reply) if after else None
    due = conn.execute(select(dossiers.c.answer_due_at).where(dossiers.c.id == dossier_id)).scalar()
    # an answer already waiting for the split-submission window keeps its later time
    conn.execute(update(dossiers).where(dossiers.c.id == dossier_id).values(
        answered_decision=told, answer_due_at=(max(due, now) if due is not None else now) if kind else None))
    return waiting, kind


def list_outbox(conn: Connection) -> list[Row]:
    return list(conn.execute(select(outbox).order_by(outbox.c.id)))
