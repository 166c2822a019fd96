"""The intake worker: one pass over the inbox. Each message is stored (blob + ledger
row) before anything reads it, read by the same pipeline as `inspect`, filed in a
dossier, and only then moved out of the inbox. Every step is committed with its event,
so a crash at any point resumes from the ledger on the next pass, and a message that
keeps failing goes to quarantine instead of blocking the others."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import Row

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

from . import pipeline
from .config import Config, ConfigError
from .sources import DEFAULT_PROCESSED, DEFAULT_QUARANTINE, NewItem, Source

log = logging.getLogger("fabrique.worker")


@dataclass
class WorkerSettings:
    """[storage] and [mailbox] of config.toml; relative paths are from the repository."""

    db_url: str = DEFAULT_URL
    blobs_dir: Path = REPO_ROOT / "var" / "blobs"
    maildir: Path | None = None
    processed_folder: str = DEFAULT_PROCESSED
    quarantine_folder: str = DEFAULT_QUARANTINE
    max_attempts: int = 3
    imap_host: str | None = None
    imap_port: int | None = None
    imap_security: str = "ssl"
    imap_user: str | None = None
    imap_password_env: str = "FABRIQUE_IMAP_PASSWORD"
    imap_folder: str = "INBOX"


def worker_settings(config: Config) -> WorkerSettings:
    data: dict = {}
    if config.path is not None:
        try:
            data = tomllib.loads(Path(config.path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"config: {config.path} illisible ({e}).") from e
    st, mb = data.get("storage", {}), data.get("mailbox", {})

    def repo_path(value: str) -> Path:
        p = Path(value)
        return p if p.is_absolute() else REPO_ROOT / p

    try:
        max_attempts = int(mb.get("max_attempts", 3))
        imap_port = int(mb["imap_port"]) if mb.get("imap_port") else None
    except (TypeError, ValueError) as e:
        raise ConfigError("config: « mailbox.max_attempts » et « mailbox.imap_port » doivent être "
                          "des entiers.") from e
    if max_attempts < 1:
        raise ConfigError("config: « mailbox.max_attempts » doit valoir au moins 1.")
    return WorkerSettings(
        db_url=str(st.get("db_url", DEFAULT_URL)),
        blobs_dir=repo_path(str(st.get("blobs_dir", "var/blobs"))),
        maildir=repo_path(str(mb["maildir"])) if mb.get("maildir") else None,
        processed_folder=str(mb.get("processed_folder", DEFAULT_PROCESSED)),
        quarantine_folder=str(mb.get("quarantine_folder", DEFAULT_QUARANTINE)),
        max_attempts=max_attempts,
        imap_host=mb.get("imap_host") or None,
        imap_port=imap_port,
        imap_security=str(mb.get("imap_security", "ssl")),
        imap_user=mb.get("imap_user") or None,
        imap_password_env=str(mb.get("imap_password_env", "FABRIQUE_IMAP_PASSWORD")),
        imap_folder=str(mb.get("imap_folder", "INBOX")),
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
        if self.retry:
            parts.append(f"{self.retry} en échec (nouvel essai au prochain relevé)")
        if self.errors:
            parts.append(n(len(self.errors), "erreur de la boîte", "erreurs de la boîte"))
        return ", ".join(parts)


def header_message_id(raw: bytes) -> str | None:
    """The Message-ID, read from the headers alone: a second delivery is recognised
    before any parsing that could fail."""
    try:
        value = BytesHeaderParser(policy=compat32).parsebytes(raw).get("Message-ID")
    except Exception:  # noqa: BLE001 - a broken header block just has no id
        return None
    value = str(value or "").strip()
    return value[:998] or None


class _Pass:
    def __init__(self, config: Config, source: Source, db: Engine, blobs: BlobStore,
                 backfill: bool, max_attempts: int) -> None:
        self.config, self.source, self.db, self.blobs = config, source, db, blobs
        self.backfill, self.max_attempts = backfill, max_attempts
        self.year = config.call.deadline.year
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
                internaldate=item.internaldate, first_received=q.now(), state=STORED,
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

    def read(self, row: Row) -> Row:
        """Run the pipeline; a failure is recorded and never escapes to the next message."""
        raw = self.blobs.get(row.sha256)
        try:
            dossier = pipeline.inspect_message(raw, self.config, received=row.internaldate).dossier
        except Exception as e:  # noqa: BLE001 - any reader bug must not block the inbox
            attempts = row.attempts + 1
            error = f"{type(e).__name__}: {e}"[:2000]
            give_up = attempts >= self.max_attempts
            with self.db.begin() as conn:
                q.set_message(conn, row.id, attempts=attempts, last_error=error,
                              state=QUARANTINING if give_up else FAILED)
                q.add_event(conn, row.id, "failed", f"essai {attempts}/{self.max_attempts} : {error}")
            log.warning("message %s : lecture en échec (%s/%s) : %s", row.uid, attempts,
                        self.max_attempts, error)
            if not give_up:
                self.summary.retry += 1
            return self.row(row.id)
        with self.db.begin() as conn:
            q.add_event(conn, row.id, "understood", f"décision : {dossier.get('decision')}")
            subject = (dossier.get("message") or {}).get("subject")
            existing = q.referenced_dossier(conn, subject)
            if existing is not None:
                q.update_dossier(conn, existing.id, dossier)
                did, ref = existing.id, existing.reference
                self.summary.joined += 1
                detail = f"rattaché à {ref}"
            else:
                did, ref = q.create_dossier(conn, self.year, dossier)
                self.summary.created += 1
                detail = f"dossier {ref} créé"
            q.link(conn, did, row.id)
            q.set_message(conn, row.id, state=DOSSIER_UPDATED, attempts=row.attempts + 1,
                          last_error=None)
            q.add_event(conn, row.id, "dossier_updated", detail)
            self.summary.references.append(ref)
            return q.get_message(conn, row.id)

    def finish(self, row: Row) -> None:
        """Move out of the inbox, then record it: a crash in between leaves a row whose
        message is gone from the inbox, which the next pass never lists again."""
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

    def handle(self, item: NewItem) -> None:
        uidvalidity = self.source.uidvalidity
        with self.db.begin() as conn:
            row = q.find_message(conn, self.source.account, self.source.folder, uidvalidity, item.uid)
        counted = False
        if row is None:
            row, counted = self.store(item, uidvalidity)
            self.summary.read += counted
        if row.state in (STORED, FAILED):
            if not counted:  # a retry, or a pass that stopped after storing
                self.summary.read += 1
            row = self.read(row)
        self.finish(row)


def run_once(config: Config, source: Source, db: Engine, blobs: BlobStore, *,
             backfill: bool = False, max_attempts: int | None = None) -> Summary:
    """One pass over the inbox. `backfill` marks the messages as read from mail that
    arrived before the service: recorded and filed, never to be answered by the mailer."""
    if max_attempts is None:
        max_attempts = worker_settings(config).max_attempts
    p = _Pass(config, source, db, blobs, backfill, max_attempts)
    for item in source.list_new():
        try:
            p.handle(item)
        except Exception as e:  # noqa: BLE001 - a mailbox or disk error on one message
            log.exception("message %s : %s", item.uid, e)
            p.summary.errors.append(f"{item.uid} : {type(e).__name__}: {e}")
    return p.summary
