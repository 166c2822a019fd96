"""`fabrique-intake inspect`: read proposals (emails or lone documents) and say what they
hold and what is missing, as a French report or the contract's JSON."""

from __future__ import annotations

import argparse
import errno
import json
import sys
from email.message import EmailMessage
from pathlib import Path

from intake.config import ConfigError, load_config
from intake.reading.pipeline import inspect_message
from intake.reading.report import render_report, render_summary
from parsers.sniff import sniff

_OS_ERRORS = {errno.ENOENT: "fichier introuvable", errno.EACCES: "accès refusé",
              errno.EISDIR: "c'est un dossier, pas un fichier"}
_MESSAGE_TYPES = ("message/rfc822", "text/plain", "text/html", "application/octet-stream")


def wrap_document(path: Path, data: bytes) -> bytes:
    """A lone document (PDF, DOCX...) given to `inspect` is read as the one attachment of
    an otherwise empty message, so the same pipeline applies."""
    msg = EmailMessage()
    msg["Subject"] = ""  # no subject to read a title or the call's name from: none was sent
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
            why = _OS_ERRORS.get(e.errno or 0, e.strerror or str(e))
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
