"""How a command is wired to the service: the configuration, the database and blob
store, the inbox, the sender of answers, and the French exit on a setup problem. Every
command module of the command line uses these; none reaches into another's privates."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from intake.answering.mail_settings import answer_settings, smtp_settings
from intake.answering.mailer import FileOutbox, SentCopy, make_transport
from intake.answering.outbox import SendSummary, send_due
from intake.config import ConfigError, config_data, load_config
from intake.filing.sources import ImapSource, MaildirSource, SourceError
from intake.filing.worker import worker_settings
from storage.blobs import BlobStore
from storage.db import open_db

BATCH = 200  # answers sent per database read


def open_storage(args: argparse.Namespace):
    """Config, worker settings, database and blob store. `--data DIR` puts everything
    (database, blobs, Maildir, outbox, lock, health) under DIR."""
    config = load_config(getattr(args, "config", None))
    settings = worker_settings(config, data_dir=Path(args.data) if getattr(args, "data", None) else None)
    if getattr(args, "db", None):
        db = open_db(args.db, base=Path.cwd())
    else:
        db = open_db(settings.db_url)
    return config, settings, db, BlobStore(settings.blobs_dir)


def make_source(settings, maildir: str | None = None):
    """The configured inbox: a Maildir (the embedded default) or IMAP."""
    if maildir or not settings.imap_host:
        path = Path(maildir) if maildir else settings.maildir
        return MaildirSource(path, processed=settings.processed_folder, quarantine=settings.quarantine_folder)
    if not settings.imap_user:
        raise SourceError("IMAP : indiquez « imap_user » dans la section [mailbox] de config.toml.")
    password = None
    if settings.imap_auth == "password":
        password = os.environ.get(settings.imap_password_env)
        if password is None:
            raise SourceError(f"IMAP : le mot de passe se donne dans la variable d'environnement "
                              f"{settings.imap_password_env}, jamais dans config.toml.")
    return ImapSource(settings.imap_host, settings.imap_port, username=settings.imap_user,
                      password=password, security=settings.imap_security, folder=settings.imap_folder,
                      processed=settings.processed_folder, quarantine=settings.quarantine_folder,
                      auth=settings.imap_auth, token_command=settings.imap_token_command,
                      idle=settings.idle, idle_timeout=settings.idle_timeout)


def make_sender(config, settings, db, blobs):
    """A function that delivers the due answers: SMTP from [smtp], else .eml files in the
    outbox folder (the embedded default)."""
    data = config_data(config)
    smtp = smtp_settings(data)
    if not smtp.host:
        smtp = replace(smtp, outbox_dir=settings.outbox_dir)
    transport = make_transport(smtp) if smtp.host else FileOutbox(settings.outbox_dir)
    envelope_from = answer_settings(data).from_address
    sent_folder = _sent_folder(settings)

    def send():
        """Every due answer, in batches: a backlog's answers all go in one run."""
        total = SendSummary()
        while True:
            batch = send_due(db, blobs, transport, envelope_from=envelope_from,
                             max_attempts=smtp.max_attempts, limit=BATCH, sent_folder=sent_folder)
            total.add(batch)
            if batch.sent + batch.failed < BATCH or batch.errors:
                return total

    return send, transport


def _sent_folder(settings):
    """A copy of each answer in the IMAP mailbox's Sent folder, when the mailbox is IMAP
    with a password (the secretariat sees the answers in its mail client)."""
    if not settings.imap_host or not settings.sent_folder or settings.imap_auth != "password":
        return None
    password = os.environ.get(settings.imap_password_env)
    if not settings.imap_user or password is None:
        return None
    return SentCopy(folder=settings.sent_folder, host=settings.imap_host, port=settings.imap_port,
                    username=settings.imap_user, password=password, security=settings.imap_security)


def fail(message: str) -> int:
    """A setup problem said in French on stderr; exit status 2."""
    print(f"fabrique-intake : {message}", file=sys.stderr)
    return 2


# what a command that opens the configuration and the database may meet
STORAGE_ERRORS = (ConfigError, SQLAlchemyError, OSError)


def storage_failure(e: Exception) -> int:
    """A configuration or database problem said in French; exit status 2."""
    if isinstance(e, ConfigError):
        return fail(str(e))
    return fail(f"base de données inutilisable ({e}).")


def storage_options(p, data: bool = True) -> None:
    """--config, --db and --data: where a command finds the configuration and the storage."""
    p.add_argument("--config", metavar="PATH", help="fichier config.toml à utiliser")
    p.add_argument("--db", metavar="URL", help="base de données (sinon [storage] db_url)")
    if data:
        p.add_argument("--data", metavar="DOSSIER",
                       help="dossier de données (base, courriels bruts, Maildir, envois) : var/ par défaut")
