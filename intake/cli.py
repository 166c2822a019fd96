"""The `fabrique-intake` command line."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from email.message import EmailMessage
from pathlib import Path

from parsers.sniff import sniff

from .config import ConfigError, load_config
from .pipeline import inspect_message
from .report import render_report, render_summary

_OS_ERRORS = {errno.ENOENT: "fichier introuvable", errno.EACCES: "accès refusé",
              errno.EISDIR: "c'est un dossier, pas un fichier"}
_MESSAGE_TYPES = ("message/rfc822", "text/plain", "text/html", "application/octet-stream")


def wrap_document(path: Path, data: bytes) -> bytes:
    """A lone document (PDF, DOCX...) given to `inspect` is read as the one attachment of
    an otherwise empty message, so the same pipeline applies."""
    msg = EmailMessage()
    msg["Subject"] = f"Document seul : {path.name}"
    msg["From"] = "inconnu@invalid"
    msg.set_content("Document transmis seul, sans message.")
    ctype = sniff(data, path.name) or "application/octet-stream"
    maintype, _, subtype = ctype.partition("/")
    msg.add_attachment(data, maintype=maintype or "application", subtype=subtype or "octet-stream",
                       filename=path.name)
    return msg.as_bytes()


def _looks_like_message(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in (".eml", ".msg", ".box", ".mbox", ".emlx", ".txt", ""):
        return True
    return sniff(data[:4096], path.name) in _MESSAGE_TYPES


def cmd_inspect(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.config)
    except ConfigError as e:
        print(f"fabrique-intake : {e}", file=sys.stderr)
        return 2
    status = 0
    results = []
    for name in args.messages:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as e:
            why = _OS_ERRORS.get(e.errno, e.strerror or str(e))
            print(f"fabrique-intake : impossible de lire « {name} » ({why}).", file=sys.stderr)
            status = 2
            continue
        raw = data if _looks_like_message(path, data) else wrap_document(path, data)
        result = inspect_message(raw, config)
        results.append(result)
        if not args.json:
            print(render_report(result, path.name, config))
    if not args.json and len(results) > 1:
        print(render_summary(results))
    if args.json:
        dossiers = [r.dossier for r in results]
        out = dossiers[0] if len(dossiers) == 1 else dossiers
        if dossiers:
            json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
    return status


def _open_storage(args: argparse.Namespace):
    """Config, worker settings, database and blob store, or a French error (exit 2)."""
    from storage.blobs import BlobStore
    from storage.db import open_db

    from .worker import worker_settings

    config = load_config(args.config)
    settings = worker_settings(config)
    db = open_db(args.db, base=Path.cwd()) if args.db else open_db(settings.db_url)
    return config, settings, db, BlobStore(settings.blobs_dir)


def _imap_source(settings):
    """The IMAP inbox of [mailbox]; the password comes from an environment variable, never
    from config.toml."""
    from .sources import ImapSource, SourceError

    password = os.environ.get(settings.imap_password_env)
    if not settings.imap_user or password is None:
        raise SourceError(f"IMAP : indiquez « imap_user » dans [mailbox] et le mot de passe dans "
                          f"la variable d'environnement {settings.imap_password_env}.")
    return ImapSource(settings.imap_host, settings.imap_port, username=settings.imap_user,
                      password=password, security=settings.imap_security,
                      folder=settings.imap_folder, processed=settings.processed_folder,
                      quarantine=settings.quarantine_folder)


def cmd_run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from .sources import MaildirSource, SourceError
    from .worker import run_once

    if not args.once:
        print("fabrique-intake : seul le relevé unique est disponible pour l'instant : "
              "ajoutez --once.", file=sys.stderr)
        return 2
    try:
        config, settings, db, blobs = _open_storage(args)
        maildir = Path(args.maildir) if args.maildir else settings.maildir
        if maildir is not None:
            source = MaildirSource(maildir, processed=settings.processed_folder,
                                   quarantine=settings.quarantine_folder)
        elif settings.imap_host:
            source = _imap_source(settings)
        else:
            print("fabrique-intake : aucune boîte aux lettres : indiquez --maildir CHEMIN, ou "
                  "« maildir » ou « imap_host » dans la section [mailbox] de config.toml.",
                  file=sys.stderr)
            return 2
    except (ConfigError, SourceError) as e:
        print(f"fabrique-intake : {e}", file=sys.stderr)
        return 2
    except (SQLAlchemyError, OSError) as e:
        print(f"fabrique-intake : base de données ou dossier inutilisable ({e}).", file=sys.stderr)
        return 2
    try:
        summary = run_once(config, source, db, blobs, backfill=args.backfill,
                           max_attempts=settings.max_attempts)
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
    print(summary.french())
    for err in summary.errors:
        print(f"  erreur : {err}", file=sys.stderr)
    return 1 if summary.errors else 0


def cmd_dossiers(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from storage.queries import list_dossiers

    try:
        _config, _settings, db, _blobs = _open_storage(args)
        with db.connect() as conn:
            rows = list_dossiers(conn)
    except ConfigError as e:
        print(f"fabrique-intake : {e}", file=sys.stderr)
        return 2
    except (SQLAlchemyError, OSError) as e:
        print(f"fabrique-intake : base de données inutilisable ({e}).", file=sys.stderr)
        return 2
    if not rows:
        print("Aucun dossier.")
    for r in rows:
        print(f"{r.reference}  {r.decision or '-':<15} {r.sender or '-'}  {r.subject or ''}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fabrique-intake",
        description="Lecture et contrôle des candidatures à l'appel « La Fabrique CTO ».",
    )
    sub = p.add_subparsers(dest="command", required=True)
    ins = sub.add_parser("inspect", help="lire un courriel de candidature et dire ce qu'il contient et ce qui manque")
    ins.add_argument("messages", nargs="+", metavar="MESSAGE.eml", help="courriel brut (ou document seul)")
    ins.add_argument("--json", action="store_true", help="sortie JSON au format du contrat de dossier")
    ins.add_argument("--config", metavar="PATH", help="fichier config.toml à utiliser")
    ins.set_defaults(func=cmd_inspect)
    run = sub.add_parser("run", help="relever la boîte aux lettres : enregistrer, lire et classer "
                                     "chaque nouveau courriel")
    run.add_argument("--once", action="store_true", help="un seul relevé, puis s'arrêter")
    run.add_argument("--maildir", metavar="PATH", help="dossier Maildir à relever (sinon [mailbox] maildir)")
    run.add_argument("--backfill", action="store_true",
                     help="courriels antérieurs au service : enregistrés et lus, jamais répondus")
    run.add_argument("--config", metavar="PATH", help="fichier config.toml à utiliser")
    run.add_argument("--db", metavar="URL", help="base de données (sinon [storage] db_url)")
    run.set_defaults(func=cmd_run)
    dos = sub.add_parser("dossiers", help="lister les dossiers : référence, décision, expéditeur, objet")
    dos.add_argument("--config", metavar="PATH", help="fichier config.toml à utiliser")
    dos.add_argument("--db", metavar="URL", help="base de données (sinon [storage] db_url)")
    dos.set_defaults(func=cmd_dossiers)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `inspect ... | head`: the reader left, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
