"""The intake worker: one pass over the inbox. Each message is stored (blob + ledger
row) before anything reads it, read by the same pipeline as `inspect`, filed in a
dossier, and only then moved out of the inbox. Every step is committed with its event,
so a crash at any point resumes from the ledger on the next pass, and a message that
keeps failing goes to quarantine instead of blocking the others."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parsedate_to_datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import Row

from intake.answering.answers import answer_kind, incoming_from_raw
from intake.answering.mail_settings import AnswerSettings, answer_settings
from intake.answering.outbox import queue_answer
from intake.committee.summaries import summarize
from intake.config import Config, ConfigError, config_data
from intake.decisions import corrected_decision, current_reading
from intake.filing.privacy import is_anonymised
from intake.filing.sources import DEFAULT_PROCESSED, DEFAULT_QUARANTINE, NewItem, Source
from intake.filing.threads import address, find_dossier, thread_ids
from intake.reading import pipeline
from intake.reading.autoreply import reason_not_to_answer
from storage import queries as q
from storage.blobs import BlobStore
from storage.db import DEFAULT_URL, REPO_ROOT
from storage.schema import (
    DOSSIER_UPDATED,
    DUPLICATE,
    FAILED,
    MOVED,
    QUARANTINED,
    QUARANTINING,
    STORED,
)

# Answers that wait for the split-submission window: the missing piece may be in the
# next email. An acknowledgement, a late notice or a holding reply goes at once.
WAITING_KINDS = ("completion_request", "review")

log = logging.getLogger("fabrique.worker")


@dataclass
class WorkerSettings:
    """[storage] and [mailbox] of config.toml. Everything the worker writes lives under
    `data_dir` (var/ by default) unless a key says otherwise; relative paths are from
    the repository."""

    data_dir: Path = REPO_ROOT / "var"
    db_url: str = DEFAULT_URL
    blobs_dir: Path = REPO_ROOT / "var" / "blobs"
    outbox_dir: Path = REPO_ROOT / "var" / "outbox"
    maildir: Path = REPO_ROOT / "var" / "Maildir"
    processed_folder: str = DEFAULT_PROCESSED
    quarantine_folder: str = DEFAULT_QUARANTINE
    max_attempts: int = 3
    retry_backoff: float = 60.0
    poll_interval: float = 60.0
    send_interval: float = 30.0
    imap_host: str | None = None
    imap_port: int | None = None
    imap_security: str = "ssl"
    imap_user: str | None = None
    imap_password_env: str = "FABRIQUE_IMAP_PASSWORD"
    imap_folder: str = "INBOX"
    sent_folder: str | None = "Sent"
    imap_auth: str = "password"
    imap_token_command: str | None = None
    idle: bool = True
    idle_timeout: float = 300.0


def worker_settings(config: Config, *, data_dir: Path | None = None) -> WorkerSettings:
    """`data_dir` (the `--data` option) puts the database, blobs, Maildir and outbox under
    one folder whatever the config says: the demo and the tests use it."""
    data = config_data(config)
    st, mb, smtp = data.get("storage", {}), data.get("mailbox", {}), data.get("smtp", {})

    def repo_path(value: str) -> Path:
        p = Path(value)
        return p if p.is_absolute() else REPO_ROOT / p

    def number(table: dict, key: str, default, low, kind=int):
        try:
            value = kind(table.get(key, default))
        except (TypeError, ValueError) as e:
            raise ConfigError(f"config: « mailbox.{key} » doit être un nombre.") from e
        if value < low:
            raise ConfigError(f"config: « mailbox.{key} » doit valoir au moins {low}.")
        return value

    max_attempts = number(mb, "max_attempts", 3, 1)
    imap_port = number(mb, "imap_port", 0, 0) or None
    home = data_dir.resolve() if data_dir else repo_path(str(st.get("data_dir", "var")))
    forced = data_dir is not None

    def under(table: dict, key: str, name: str) -> Path:
        return home / name if forced or not table.get(key) else repo_path(str(table[key]))

    if forced:
        db_url = f"sqlite:///{home / 'fabrique.db'}"
    else:
        db_url = str(st.get("db_url") or f"sqlite:///{home / 'fabrique.db'}")
    return WorkerSettings(
        data_dir=home,
        db_url=db_url,
        blobs_dir=under(st, "blobs_dir", "blobs"),
        outbox_dir=under(smtp, "outbox_dir", "outbox"),
        maildir=under(mb, "maildir", "Maildir"),
        processed_folder=str(mb.get("processed_folder", DEFAULT_PROCESSED)),
        quarantine_folder=str(mb.get("quarantine_folder", DEFAULT_QUARANTINE)),
        max_attempts=max_attempts,
        retry_backoff=number(mb, "retry_backoff_seconds", 60, 0, float),
        poll_interval=number(mb, "poll_interval_seconds", 60, 1, float),
        send_interval=number(mb, "send_interval_seconds", 30, 1, float),
        imap_host=mb.get("imap_host") or None,
        imap_port=imap_port,
        imap_security=str(mb.get("imap_security", "ssl")),
        imap_user=mb.get("imap_user") or None,
        imap_password_env=str(mb.get("imap_password_env", "FABRIQUE_IMAP_PASSWORD")),
        imap_folder=str(mb.get("imap_folder", "INBOX")),
        sent_folder=str(mb.get("sent_folder", "Sent")) or None,
        imap_auth=str(mb.get("imap_auth", "password")),
        imap_token_command=mb.get("imap_token_command") or None,
        idle=bool(mb.get("idle", True)),
        idle_timeout=number(mb, "idle_timeout_seconds", 300, 10, float),
    )


@dataclass
class Summary:
    """What one pass did, for the operator."""

    read: int = 0
    created: int = 0
    joined: int = 0
    duplicates: int = 0
    retry: int = 0
    quarantined: int = 0
    answers: int = 0
    waiting: int = 0  # failed readings whose next try is not due yet
    errors: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    def french(self) -> str:
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count < 2 else many}"  # French: 0 and 1 are singular

        parts = [n(self.read, "message lu", "messages lus"),
                 n(self.created, "dossier créé", "dossiers créés"),
                 n(self.joined, "rattaché", "rattachés"),
                 f"{self.quarantined} en quarantaine"]
        if self.duplicates:
            parts.append(n(self.duplicates, "doublon", "doublons"))
        if self.answers:
            parts.append(n(self.answers, "réponse préparée", "réponses préparées"))
        if self.waiting:
            parts.append(f"{self.waiting} en attente d'un nouvel essai")
        if self.retry:
            parts.append(f"{self.retry} en échec (nouvel essai au prochain relevé)")
        if self.errors:
            parts.append(n(len(self.errors), "erreur de la boîte", "erreurs de la boîte"))
        return ", ".join(parts)


def header_message_id(raw: bytes) -> str | None:
    """The Message-ID, read from the headers alone: a second delivery is recognised
    before any parsing that could fail."""
    try:
        value = BytesHeaderParser(policy=compat32).parsebytes(header_block(raw)).get("Message-ID")
    except Exception:  # noqa: BLE001 - a broken header block just has no id
        return None
    value = str(value or "").strip()
    return value[:998] or None


MAX_HEADER_BYTES = 256 * 1024


def header_block(raw: bytes) -> bytes:
    """The header of a raw message (up to the first blank line, at most 256 KB): what the
    ledger reads, without the email module copying an 80 MB body to find two headers."""
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=len(raw))
    return raw[:min(end, MAX_HEADER_BYTES)] + b"\n\n"


def received_header_time(raw: bytes) -> datetime | None:
    """The date of the topmost Received header: the hop our own mail server added, kept
    next to INTERNALDATE as the second witness of the receipt time."""
    try:
        value = BytesHeaderParser(policy=compat32).parsebytes(header_block(raw)).get("Received")
        if not value or ";" not in str(value):
            return None
        when = parsedate_to_datetime(str(value).rsplit(";", 1)[1].strip())
    except Exception:  # noqa: BLE001 - an unreadable header is no witness
        return None
    return when if when is not None and when.tzinfo is not None else None


class FilingPass:
    def __init__(self, config: Config, source: Source, db: Engine, blobs: BlobStore,
                 backfill: bool, max_attempts: int, *, now: datetime | None = None,
                 retry_backoff: float = 0) -> None:
        self.config, self.source, self.db, self.blobs = config, source, db, blobs
        self.backfill, self.max_attempts = backfill, max_attempts
        self.now = now or q.now()
        self.retry_backoff = retry_backoff
        self.year = config.call.deadline.year
        self.answers: AnswerSettings = answer_settings(config_data(config))
        self.summary = Summary()

    def row(self, message_id: int) -> Row:
        with self.db.begin() as conn:
            return q.get_message(conn, message_id)

    def store(self, item: NewItem, uidvalidity: int) -> tuple[Row, bool]:
        """Blob first, then the ledger row, committed before anything reads the bytes.
        False with a row already known (renumbered folder)."""
        raw = self.source.fetch(item.uid)
        sha = self.blobs.put(raw)
        mid = header_message_id(raw)
        with self.db.begin() as conn:
            old = q.unfinished_copy(conn, self.source.account, self.source.folder, sha, uidvalidity,
                                    done=(MOVED, QUARANTINED))
            if old is not None:  # UIDVALIDITY changed: the row follows its message
                q.set_message(conn, old.id, uidvalidity=uidvalidity, uid=item.uid)
                q.add_event(conn, old.id, "renumbered",
                            f"UIDVALIDITY {old.uidvalidity} → {uidvalidity}, UID {old.uid} → {item.uid}")
                return q.get_message(conn, old.id), False
            rid = q.insert_message(
                conn, account=self.source.account, folder=self.source.folder,
                uidvalidity=uidvalidity, uid=item.uid, message_id=mid, sha256=sha,
                internaldate=item.internaldate,
                first_received=received_header_time(raw) or item.internaldate or q.now(), state=STORED,
                backfill=self.backfill)
            q.add_event(conn, rid, "stored", f"{len(raw)} octets, sha256 {sha}")
            original = q.find_original(conn, sha, mid, excluding=rid)
            if original is not None:
                why = "mêmes octets" if original.sha256 == sha else "même Message-ID"
                q.set_message(conn, rid, state=DUPLICATE)
                q.add_event(conn, rid, "duplicate", f"doublon du message n° {original.id} ({why})")
                for did in q.dossiers_of_message(conn, original.id):
                    q.link(conn, did, rid)
                self.summary.duplicates += 1
            return q.get_message(conn, rid), True

    def on_failure(self, row: Row, e: Exception) -> Row:
        """Record a reading that raised; quarantine after max_attempts. Never escapes."""
        attempts = row.attempts + 1
        # French for the secretariat, with the technical cause for whoever maintains the service
        error = (f"La lecture de ce courriel a échoué (essai {attempts} sur {self.max_attempts}) : "
                 f"erreur interne {type(e).__name__} : {e}")[:2000]
        give_up = attempts >= self.max_attempts
        with self.db.begin() as conn:
            q.set_message(conn, row.id, attempts=attempts, last_error=error,
                          state=QUARANTINING if give_up else FAILED)
            q.add_event(conn, row.id, "failed", error)
        log.warning("message %s : lecture en échec (%s/%s) : %s", row.uid, attempts,
                    self.max_attempts, error)
        if not give_up:
            self.summary.retry += 1
        return self.row(row.id)

    def read(self, row: Row) -> Row:
        """Read the message, find the dossier it continues (or open one), re-read the
        dossier's whole submission when it brings new material, and plan the answer:
        all recorded in one transaction. A failure never escapes to the next message."""
        raw = self.blobs.get(row.sha256)
        try:
            insp = pipeline.inspect_message(raw, self.config, received=row.internaldate)
        except Exception as e:  # noqa: BLE001 - any reader bug must not block the inbox
            return self.on_failure(row, e)
        own, msg = insp.dossier, insp.message
        # a proposal forwarded by the call's own people is its original sender's
        sender = address(insp.origin.from_addr if insp.origin else msg.from_addr)
        when = insp.received or row.internaldate
        title = own.get("title")
        with self.db.connect() as conn:
            match = find_dossier(conn, subject=msg.subject, headers=msg.headers, sender=sender,
                                 title=title, received=when,
                                 window=timedelta(minutes=self.answers.split_window_minutes),
                                 exclude_message=row.id)
            union = None
            if match is not None and own.get("decision") != "not_a_proposal":
                earlier = q.submission_messages(conn, match.dossier.id, excluding=row.id)
        if match is not None and own.get("decision") != "not_a_proposal":
            # an erased applicant's earlier emails are gone (intake/privacy.py): not read again
            parts = [(self.blobs.get(m.sha256), m.internaldate) for m in earlier if m.sha256 in self.blobs]
            parts.append((raw, row.internaldate))
            parts.sort(key=lambda p: p[1] or row.internaldate)
            try:
                union_insp = pipeline.inspect_submission(parts, self.config)
            except Exception as e:  # noqa: BLE001
                return self.on_failure(row, e)
            union = union_insp.dossier
            when = union_insp.received or when
        # the committee summary of what this message makes of the dossier (None: unchanged)
        summary = summarize(union_insp if union is not None else insp, self.config) \
            if match is None or union is not None else None
        try:
            return self._file(row, raw, own, msg, match, union, sender, title, summary, when)
        except Exception as e:  # noqa: BLE001 - e.g. a value the database refuses: retried, then quarantined
            return self.on_failure(row, e)

    def _file(self, row: Row, raw: bytes, own: dict, msg, match, union: dict | None,
              sender: str | None, title: str | None, summary: dict | None = None,
              when: datetime | None = None) -> Row:
        """The message's reading, its dossier and its planned answer, in one transaction."""
        with self.db.begin() as conn:
            q.set_message(conn, row.id, decision=own.get("decision"), sender=sender,
                          thread_ids=" ".join(thread_ids(msg.headers)) or None)
            q.add_event(conn, row.id, "understood", f"décision : {own.get('decision')}")
            if match is not None:
                d = q.get_dossier(conn, match.dossier.id)
                values: dict[str, object] = {"match_note": "\n".join(x for x in (d.match_note, match.note) if x)}
                if union is not None:  # the secretariat's corrections still hold on the new reading
                    values.update(decision=corrected_decision(conn, d.id, union, self.config.call),
                                  dossier_json=q.dumps(union))
                if union is not None and when is not None:
                    values["first_received"] = when  # when its first proposal document arrived
                if title and not d.title:
                    values["title"] = title
                q.set_dossier(conn, d.id, **values)
                detail = f"rattaché à {d.reference} ({match.note})"
            else:
                did, _ref = q.create_dossier(conn, self.year, own, sender_address=sender, title=title,
                                             first_received=when or row.internaldate,
                                             backfill=row.backfill)
                d = q.get_dossier(conn, did)
                detail = f"dossier {d.reference} créé"
            if summary is not None:
                q.set_summary(conn, d.id, summary)
            q.link(conn, d.id, row.id)
            q.set_message(conn, row.id, state=DOSSIER_UPDATED, attempts=row.attempts + 1,
                          last_error=None)
            q.add_event(conn, row.id, "dossier_updated", detail)
            if match is None or union is not None:
                self.plan_answer(conn, q.get_dossier(conn, d.id), row, raw)
            else:  # a question or an auto-reply in the thread: it changes nothing
                q.add_event(conn, row.id, "no_answer", "message sans pièce de candidature, rattaché "
                            "au dossier : le secrétariat le lira")
            filed = q.get_message(conn, row.id)
        if match is None:
            self.summary.created += 1
        else:
            self.summary.joined += 1
        self.summary.references.append(d.reference)
        return filed

    def plan_answer(self, conn, d: Row, row: Row, raw: bytes) -> None:
        """What this message changes for the applicant: an answer queued now (in this
        transaction), an answer that waits for the split-submission window, or none."""
        if row.backfill:
            q.add_event(conn, row.id, "no_answer", "import de courriels antérieurs : aucune réponse")
            return
        reason = reason_not_to_answer(raw, self.answers.own_addresses)
        if reason:
            q.add_event(conn, row.id, "no_answer", reason)
            return
        kind = answer_kind(d.decision, d.answered_decision, holding_reply=self.answers.holding_reply)
        if kind is None:
            return
        if kind in WAITING_KINDS:
            base = d.first_received or row.internaldate or q.now()
            due = base + timedelta(minutes=self.answers.split_window_minutes)
            q.set_dossier(conn, d.id, answer_due_at=due)
            q.add_event(conn, row.id, "answer_waiting",
                        f"réponse ({kind}) préparée après le {due.isoformat()} : une suite de "
                        "l'envoi peut encore arriver")
            return
        incoming = incoming_from_raw(raw, row.internaldate or q.now(), self.config.call)
        queue_answer(conn, self.blobs, dossier=d, kind=kind,
                     dossier_json=current_reading(conn, d.id, json.loads(d.dossier_json), self.config.call),
                     incoming=incoming, answers_message=row.id, settings=self.answers,
                     call=self.config.call, now=q.now())
        q.set_dossier(conn, d.id, answered_decision=d.decision, answer_due_at=None)
        self.summary.answers += 1

    def queue_due(self, now: datetime) -> None:
        """Answers whose split-submission window has closed: the whole submission has
        been read by now, so the answer covers every email of it."""
        with self.db.connect() as conn:
            due = q.dossiers_due(conn, now)
        for d in due:
            with self.db.begin() as conn:
                d = q.get_dossier(conn, d.id)
                if d.answer_due_at is None or d.answer_due_at > now:
                    continue
                kind = answer_kind(d.decision, d.answered_decision, holding_reply=self.answers.holding_reply)
                last = q.last_answerable_message(conn, d.id)
                if kind is None or last is None:
                    q.set_dossier(conn, d.id, answer_due_at=None)
                    continue
                raw = self.blobs.get(last.sha256)
                queue_answer(conn, self.blobs, dossier=d,
                             dossier_json=current_reading(conn, d.id, json.loads(d.dossier_json), self.config.call),
                             kind=kind, incoming=incoming_from_raw(raw, last.internaldate or now,
                                                                   self.config.call),
                             answers_message=last.id, settings=self.answers, call=self.config.call,
                             now=now)
                q.set_dossier(conn, d.id, answered_decision=d.decision, answer_due_at=None)
                self.summary.answers += 1

    def reconcile(self, listed: set[str]) -> None:
        """Rows whose move was all that remained, for messages the inbox no longer holds:
        the server moved them, then the process stopped (killed, or the server's answer
        lost) before writing it down. The next pass never lists them again, so they are
        finished here, or they would stay "in progress" for ever."""
        with self.db.connect() as conn:
            rows = q.awaiting_move(conn, self.source.account, self.source.folder,
                                   self.source.uidvalidity, (DOSSIER_UPDATED, DUPLICATE, QUARANTINING))
        for row in rows:
            if row.uid in listed:
                continue  # still there: finish() moves it
            with self.db.begin() as conn:
                if row.state == QUARANTINING:
                    q.set_message(conn, row.id, state=QUARANTINED)
                    q.add_event(conn, row.id, "quarantined", f"{row.last_error} (déplacement constaté "
                                "au relevé suivant)")
                    self.summary.quarantined += 1
                else:
                    q.set_message(conn, row.id, state=MOVED)
                    q.add_event(conn, row.id, "moved", "n'est plus dans la boîte de réception : "
                                "déplacé, mais le relevé précédent s'est arrêté avant de l'inscrire")

    def finish(self, row: Row) -> None:
        """Move out of the inbox, then record it: a crash in between leaves a row whose
        message is gone from the inbox, which the next pass finishes (`reconcile`)."""
        if row.state in (DOSSIER_UPDATED, DUPLICATE, MOVED):
            self.source.move_processed(row.uid)
            with self.db.begin() as conn:
                q.set_message(conn, row.id, state=MOVED)
                q.add_event(conn, row.id, "moved", "dossier des messages traités")
        elif row.state in (QUARANTINING, QUARANTINED):
            self.source.move_quarantine(row.uid)
            with self.db.begin() as conn:
                q.set_message(conn, row.id, state=QUARANTINED)
                q.add_event(conn, row.id, "quarantined", row.last_error)
            self.summary.quarantined += 1

    def retry_due(self, row: Row) -> bool:
        """A failed reading is tried again after a delay that doubles with each failure
        (retry_backoff_seconds, then twice that... capped at an hour): a reader bug or a
        full disk is not hammered at every poll, and the messages behind it flow."""
        if self.retry_backoff <= 0 or row.updated_at is None:
            return True
        wait = min(self.retry_backoff * 2 ** max(row.attempts - 1, 0), 3600.0)
        return self.now >= row.updated_at + timedelta(seconds=wait)

    def handle(self, item: NewItem, row: Row | None = None) -> None:
        """`row`: the ledger row, when the listing already found it."""
        uidvalidity = self.source.uidvalidity
        if row is None:
            with self.db.begin() as conn:
                row = q.find_message(conn, self.source.account, self.source.folder, uidvalidity, item.uid)
        counted = False
        if row is None:
            row, counted = self.store(item, uidvalidity)
            self.summary.read += counted
        if row.state == FAILED and not self.retry_due(row):
            self.summary.waiting += 1
            return
        if row.state in (STORED, FAILED):
            if not counted:  # a retry, or a pass that stopped after storing
                self.summary.read += 1
            row = self.read(row)
        self.finish(row)


# Mailboxes (database, account, folder, UIDVALIDITY) whose every move this process has
# recorded in that database: their next pass needs no reconcile. A new process (after a crash, a kill, each
# `run --once`) starts with none, so its first pass reconciles, and so does the pass after
# any that did not end cleanly; an idle poll of the service then costs no ledger scan.
_SETTLED: set[tuple[str, str, str, int]] = set()


def run_once(config: Config, source: Source, db: Engine, blobs: BlobStore, *,
             backfill: bool = False, max_attempts: int | None = None,
             stop: threading.Event | None = None, now: datetime | None = None,
             progress: Callable[[int, int], None] | None = None) -> Summary:
    """One pass over the inbox. `backfill` marks the messages as read from mail that
    arrived before the service: recorded and filed, never to be answered by the mailer."""
    settings = worker_settings(config)
    if max_attempts is None:
        max_attempts = settings.max_attempts
    p = FilingPass(config, source, db, blobs, backfill, max_attempts, now=now,
              retry_backoff=settings.retry_backoff)
    ledger: dict[str, Row] = {}

    def known(uids: list[str]) -> set[str]:
        """The UIDs the ledger holds (one query per thousand), kept for handle()."""
        with db.connect() as conn:
            ledger.update(q.messages_by_uid(conn, source.account, source.folder, source.uidvalidity, uids))
        return set(ledger)

    items = source.list_new(known)
    mailbox = (str(db.url), source.account, source.folder, source.uidvalidity)
    if mailbox not in _SETTLED:
        try:
            p.reconcile({i.uid for i in items})
        except Exception as e:  # noqa: BLE001 - retried at the next pass
            log.exception("reconcile: %s", e)
            p.summary.errors.append(f"rapprochement avec la boîte : {type(e).__name__}: {e}")
    _SETTLED.discard(mailbox)  # until this pass has recorded every move it makes
    for done, item in enumerate(items):
        if stop is not None and stop.is_set():
            break  # asked to stop: the message in hand is finished, the rest waits
        if progress is not None:
            progress(done, len(items))
        try:
            p.handle(item, ledger.get(item.uid))
        except Exception as e:  # noqa: BLE001 - a mailbox or disk error on one message
            log.exception("message %s : %s", item.uid, e)
            p.summary.errors.append(f"{item.uid} : {type(e).__name__}: {e}")
    if not p.summary.errors:
        _SETTLED.add(mailbox)
    try:
        p.queue_due(p.now)
    except Exception as e:  # noqa: BLE001 - retried at the next pass
        log.exception("answers due: %s", e)
        p.summary.errors.append(f"réponses en attente : {type(e).__name__}: {e}")
    return p.summary


def reprocess(config: Config, db: Engine, blobs: BlobStore, *, references: list[str] | None = None,
              answer: bool = False) -> list[tuple[str, str | None, str | None]]:
    """Re-read the stored messages of each dossier (all, or those named) after a reader
    or call change; the dossier takes the new reading. Sends nothing unless `answer`,
    and then only the answer the new decision calls for. Returns (reference, decision
    before, decision after) per dossier; an unknown reference raises KeyError."""
    p = FilingPass(config, None, db, blobs, False, 1)  # type: ignore[arg-type]  # no mailbox needed
    with db.connect() as conn:
        if references:
            rows = []
            for ref in references:
                d = q.dossier_by_reference(conn, ref)
                if d is None:
                    raise KeyError(ref)
                rows.append(d)
        else:
            rows = q.list_dossiers(conn)
    done = []
    for d in rows:
        if is_anonymised(d.dossier_json):  # erased or past retention: nothing left to read
            continue
        with db.connect() as conn:
            parts = q.submission_messages(conn, d.id) or q.linked_messages(conn, d.id)
        parts = [m for m in parts if m.sha256 in blobs]
        if not parts:
            continue
        insp = pipeline.inspect_submission([(blobs.get(m.sha256), m.internaldate) for m in parts], config)
        dossier = insp.dossier
        summary = summarize(insp, config)
        with db.begin() as conn:
            q.set_summary(conn, d.id, summary)
            values = {"decision": corrected_decision(conn, d.id, dossier, config.call), "dossier_json": q.dumps(dossier)}
            if dossier.get("title"):
                values["title"] = dossier["title"]
            q.set_dossier(conn, d.id, **values)
            for m in parts:
                q.add_event(conn, m.id, "reprocessed", f"décision du dossier : {dossier.get('decision')}")
            if answer:
                fresh = q.get_dossier(conn, d.id)
                kind = answer_kind(fresh.decision, fresh.answered_decision,
                                   holding_reply=p.answers.holding_reply)
                last = parts[-1]
                raw = blobs.get(last.sha256)
                if (kind is not None and not last.backfill
                        and not reason_not_to_answer(raw, p.answers.own_addresses)):
                    queue_answer(conn, blobs, dossier=fresh, kind=kind,
                                 dossier_json=current_reading(conn, d.id, dossier, config.call),
                                 incoming=incoming_from_raw(raw, last.internaldate or q.now(), config.call),
                                 answers_message=last.id, settings=p.answers, call=config.call,
                                 now=q.now())
                    q.set_dossier(conn, d.id, answered_decision=fresh.decision, answer_due_at=None)
        done.append((d.reference, d.decision, values["decision"]))
    return done
