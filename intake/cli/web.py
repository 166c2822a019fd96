"""`fabrique-intake users add|list|disable` and `fabrique-intake web`.

Passwords are never taken from the command line (they would stay in the shell history
and in `ps`): they are typed at a prompt, or read from the environment variable named by
`--password-env`. FastAPI and uvicorn are imported only by the command that serves, so
the other commands start as fast as before.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import json
import os
import secrets
import sys
from pathlib import Path

from sqlalchemy import insert

from intake.cli.wiring import STORAGE_ERRORS, fail, open_storage, storage_failure, storage_options
from storage.queries import now
from storage.schema import audit_log
from web.accounts import ROLE_LABELS, AccountError, add_user, disable_user, list_users, set_password

DEMO_EMAIL = "demo@fabrique.invalid"
DEMO_NAME = "Secrétariat (démonstration)"


def _audit(conn, action: str, after: dict) -> None:
    conn.execute(insert(audit_log).values(at=now(), user_id=None, dossier_id=None, action=action,
                                          after=json.dumps(after, ensure_ascii=False), reason="ligne de commande"))


def _read_password(args: argparse.Namespace) -> str | None:
    if args.password_env:
        value = os.environ.get(args.password_env)
        if not value:
            print(f"fabrique-intake : la variable d'environnement {args.password_env} est vide ou absente.",
                  file=sys.stderr)
            return None
        return value
    if not sys.stdin.isatty():
        print("fabrique-intake : pas de terminal pour saisir le mot de passe : "
              "donnez-le par une variable d'environnement (--password-env NOM).", file=sys.stderr)
        return None
    first = getpass.getpass("Mot de passe (12 caractères au moins) : ")
    if getpass.getpass("Le même, une seconde fois : ") != first:
        print("fabrique-intake : les deux saisies diffèrent.", file=sys.stderr)
        return None
    return first


def cmd_users(args: argparse.Namespace) -> int:
    try:
        _config, _settings, db, _blobs = open_storage(args)
        if args.action == "add":
            password = _read_password(args)
            if password is None:
                return 2
            with db.begin() as conn:
                add_user(conn, args.email, args.name or args.email, args.role, password)
                _audit(conn, "user_added", {"email": args.email.strip().lower(), "role": args.role})
            print(f"Compte créé : {args.email.strip().lower()} ({ROLE_LABELS[args.role]}).")
        elif args.action == "disable":
            with db.begin() as conn:
                disable_user(conn, args.email)
                _audit(conn, "user_disabled", {"email": args.email.strip().lower()})
            print(f"Compte désactivé : {args.email.strip().lower()} (ses sessions sont fermées).")
        else:
            with db.connect() as conn:
                rows = list_users(conn)
            if not rows:
                print("Aucun compte. Créez-en un : fabrique-intake users add ADRESSE --name NOM --role secretariat")
            for r in rows:
                last = r.last_login_at.isoformat(timespec="minutes") if r.last_login_at else "jamais connecté"
                print(f"{r.email:<40} {ROLE_LABELS.get(r.role, r.role):<15} "
                      f"{'actif' if r.active else 'désactivé':<10} {r.name}  ({last})")
    except AccountError as e:
        return fail(str(e))
    except STORAGE_ERRORS as e:
        return storage_failure(e)
    return 0


def demo_account(db) -> str:
    """Create the demo secretariat account, or give it a new password; returns the
    password (shown once, never stored in clear)."""
    password = secrets.token_urlsafe(12)
    with db.begin() as conn:
        try:
            add_user(conn, DEMO_EMAIL, DEMO_NAME, "secretariat", password)
        except AccountError:
            set_password(conn, DEMO_EMAIL, password)
    return password


def cmd_web(args: argparse.Namespace) -> int:
    from web.pages import web_options  # FastAPI: only for the command that serves

    try:
        config, settings, db, blobs = open_storage(args)
        web_options(config)  # [web] checked before serving, not at the first page that reads it
    except STORAGE_ERRORS as e:
        return storage_failure(e)
    import uvicorn

    from web.app import create_app

    app = create_app(db, blobs, call=config.call)
    # the operations pages read [answers] and [web], and the worker's health file
    app.state.config, app.state.worker_settings = config, settings
    if args.demo_account:
        password = demo_account(db)
        print("Compte de démonstration (secrétariat) :")
        print(f"  adresse      : {DEMO_EMAIL}")
        print(f"  mot de passe : {password}   (affiché une seule fois ; relancez avec --demo-account "
              "pour en obtenir un autre)")
    try:
        loopback = ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = args.host == "localhost"
    if not loopback:
        print("Attention : l'application écoute au-delà de cette machine. Servez-la derrière un "
              "proxy HTTPS (les cookies de session ne doivent pas circuler en clair).", file=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Application du secrétariat : http://{shown}:{args.port}/   (Ctrl+C pour l'arrêter)", flush=True)
    access_to_file(settings.data_dir / "access.log")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", proxy_headers=True)
    return 0


def access_to_file(path: Path) -> None:
    """The app's access log (web.app.access_log: no personal data) in <data>/access.log,
    rotated at 10 Mo, five files kept."""
    import logging
    from logging.handlers import RotatingFileHandler

    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=10 * 2**20, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    access = logging.getLogger("fabrique.access")
    access.setLevel(logging.INFO)
    access.addHandler(handler)
    access.propagate = False


def add_user_commands(sub) -> None:
    users = sub.add_parser("users", help="comptes de l'application web : créer, lister, désactiver")
    users_sub = users.add_subparsers(dest="action", required=True)
    add = users_sub.add_parser("add", help="créer un compte (mot de passe demandé, jamais en argument)")
    add.add_argument("email", metavar="ADRESSE")
    add.add_argument("--name", metavar="NOM", help="nom affiché (par défaut l'adresse)")
    add.add_argument("--role", choices=("secretariat", "committee", "chair", "admin"), default="secretariat",
                     help="secretariat (tout sur les dossiers), committee (lecture), admin (comptes)")
    add.add_argument("--password-env", metavar="VARIABLE",
                     help="lire le mot de passe dans cette variable d'environnement au lieu de le demander")
    storage_options(add)
    lst = users_sub.add_parser("list", help="lister les comptes")
    storage_options(lst)
    dis = users_sub.add_parser("disable", help="désactiver un compte et fermer ses sessions")
    dis.add_argument("email", metavar="ADRESSE")
    storage_options(dis)
    users.set_defaults(func=cmd_users)


def add_web_command(sub) -> None:
    web = sub.add_parser("web", help="l'application web du secrétariat (tri des dossiers)")
    web.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (127.0.0.1 par défaut)")
    web.add_argument("--port", type=int, default=8000, help="port (8000 par défaut)")
    web.add_argument("--demo-account", action="store_true",
                     help="créer un compte de démonstration du secrétariat et afficher son mot de passe")
    storage_options(web)
    web.set_defaults(func=cmd_web)


def add_commands(sub) -> None:
    """Both commands; intake.cli's build_parser calls this."""
    add_user_commands(sub)
    add_web_command(sub)
