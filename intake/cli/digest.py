"""`fabrique-intake digest`: the committee's PDFs (one summary per released proposal,
the meeting's bound pack) written to a folder, and the pack sent to the committee."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from intake.cli.wiring import fail, open_storage, storage_options
from intake.committee.digest import build_digest, committee_settings, send_pack
from intake.config import ConfigError
from storage.schema import dossiers


def add_digest_command(sub) -> None:
    p = sub.add_parser("digest", help="les PDF du comité : un résumé par proposition transmise et le dossier "
                                      "de séance relié (et son envoi aux membres du comité)")
    storage_options(p)
    p.set_defaults(func=cmd_digest)
    p.add_argument("--out", metavar="DOSSIER", required=True,
                   help="dossier où écrire les PDF (un par proposition, et le dossier du comité)")
    p.add_argument("--reference", action="append", metavar="REF", dest="references",
                   help="ce dossier seulement (option répétable) ; par défaut tous les dossiers transmis")
    p.add_argument("--all", action="store_true",
                   help="toutes les propositions enregistrées, même non transmises au comité")
    p.add_argument("--email", action="store_true",
                   help="envoyer le dossier du comité aux destinataires de [committee] recipients")


def _filed_proposals(db) -> list[str]:
    with db.connect() as conn:
        return [r.reference for r in conn.execute(
            select(dossiers.c.reference).where(dossiers.c.decision.is_distinct_from("not_a_proposal"))
            .order_by(dossiers.c.reference))]


def cmd_digest(args: argparse.Namespace) -> int:
    try:
        config, settings, db, blobs = open_storage(args)
        cs = committee_settings(config)
        if args.email and not cs.recipients:
            return fail("aucun destinataire pour le dossier du comité : indiquez les adresses dans "
                         "« recipients » de la section [committee] de config.toml (rien n'a été envoyé).")
        refs = list(args.references or [])
        if args.all and not refs:
            refs = _filed_proposals(db)
            if not refs:
                return fail("aucune proposition enregistrée.")
        result = build_digest(db, blobs, config, Path(args.out), references=refs or None)
    except ConfigError as e:
        return fail(str(e))
    except (SQLAlchemyError, OSError) as e:
        return fail(f"base de données ou dossier inutilisable ({e}).")
    for m in result.messages:
        print(m, file=sys.stderr)
    n = len(result.proposals)
    if not n:
        print("Aucun dossier transmis au comité : le dossier du comité ne contient que sa couverture "
              "(--all pour toutes les propositions).", file=sys.stderr)
    print(f"{n} résumé{'s' if n > 1 else ''} de proposition écrit{'s' if n > 1 else ''} dans {result.out_dir}")
    pages = result.pack_pages
    print(f"Dossier du comité : {result.pack} ({pages} page{'s' if pages > 1 else ''}, {_seconds(result.seconds)})")
    if result.comparison is not None:
        print(f"Tableau comparatif : {result.comparison}")
    if not args.email or result.pack is None:
        return 0
    try:
        delivered, refused, where = send_pack(config, settings, result.pack, count=n)
    except ConfigError as e:
        return fail(str(e))
    print(f"Dossier du comité envoyé à {len(delivered)} destinataire{'s' if len(delivered) > 1 else ''} ({where}).")
    for rcpt, reason in refused.items():
        print(f"  non envoyé à {rcpt} : {reason}", file=sys.stderr)
    return 1 if refused else 0


def _seconds(s: float) -> str:
    return f"{s:.1f} s".replace(".", ",")
