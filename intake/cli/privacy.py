"""`fabrique-intake privacy export|erase|retention`: the RGPD commands over the
worker's storage (intake/filing/privacy.py does the work)."""

from __future__ import annotations

import argparse
from pathlib import Path

from intake.cli.wiring import STORAGE_ERRORS, fail, open_storage, storage_failure, storage_options
from intake.filing.privacy import (
    apply_retention,
    erase_applicant,
    export_applicant,
    holding,
    retention_policy,
)


def cmd_export(args: argparse.Namespace) -> int:
    try:
        _config, _settings, db, blobs = open_storage(args)
        with db.connect() as conn:
            if holding(conn, args.address).empty:
                return fail(f"aucune donnée n'est détenue au sujet de {args.address}.")
        data = export_applicant(db, blobs, args.address)
    except STORAGE_ERRORS as e:
        return storage_failure(e)
    out = Path(args.out)
    out.write_bytes(data)
    print(f"Export écrit : {out} ({len(data):,} octets)".replace(",", "\u202f"))
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    try:
        _config, _settings, db, blobs = open_storage(args)
        with db.connect() as conn:
            h = holding(conn, args.address)
        if h.empty:
            return fail(f"aucune donnée n'est détenue au sujet de {args.address}.")
        refs = ", ".join(d.reference for d in h.dossiers) or "aucun dossier"
        if not args.yes:
            print(f"À effacer : {len(h.messages)} courriel(s) reçu(s), {len(h.answers)} réponse(s), "
                  f"dossier(s) : {refs}. Relancez avec --yes pour effacer.")
            return 1
        result = erase_applicant(db, blobs, args.address, reason=args.reason or "")
    except ValueError as e:
        return fail(str(e))
    except STORAGE_ERRORS as e:
        return storage_failure(e)
    print(f"Effacé : {result.french()}. Dossier(s) réduit(s) à leurs statistiques : {refs}.")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    try:
        config, _settings, db, blobs = open_storage(args)
        policy = retention_policy(config)
        due = policy.purge_after()
        if due is None:
            print("Aucune durée de conservation n'est configurée ([privacy] selection_date et retention_months).")
            return 0
        result = apply_retention(db, blobs, policy)
    except STORAGE_ERRORS as e:
        return storage_failure(e)
    if result is None:
        print(f"Conservation en cours : les courriels bruts seront effacés à partir du {due:%d/%m/%Y}.")
    else:
        print(f"Durée de conservation écoulée depuis le {due:%d/%m/%Y} : {result.french()}.")
    return 0


def add_privacy_commands(sub) -> None:
    p = sub.add_parser("privacy", help="données personnelles (RGPD) : exporter, effacer, appliquer la "
                                       "durée de conservation")
    inner = p.add_subparsers(dest="privacy_command", required=True)

    common = storage_options
    exp = inner.add_parser("export", help="tout ce qui est détenu au sujet d'une adresse, dans un fichier ZIP")
    exp.add_argument("address", metavar="ADRESSE")
    exp.add_argument("--out", required=True, metavar="FICHIER.zip")
    common(exp)
    exp.set_defaults(func=cmd_export)

    era = inner.add_parser("erase", help="effacer ce qui est détenu au sujet d'une adresse (dossiers réduits "
                                           "à leurs statistiques), avec une entrée au journal")
    era.add_argument("address", metavar="ADRESSE")
    era.add_argument("--reason", required=True, help="motif (demande de la personne, date…)")
    era.add_argument("--yes", action="store_true", help="effacer vraiment (sinon : ce qui serait effacé)")
    common(era)
    era.set_defaults(func=cmd_erase)

    ret = inner.add_parser("retention", help="effacer les courriels bruts une fois la durée de conservation "
                                                "écoulée ([privacy] de config.toml)")
    common(ret)
    ret.set_defaults(func=cmd_retention)


