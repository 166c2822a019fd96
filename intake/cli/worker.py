"""The worker's commands: `run` (one pass or the continuous service), `dossiers` (the
triage table), `outbox` (answers, approvals), `health` and `reprocess`. Each opens what
it needs from config.toml, turns every setup problem into a French message (exit 2), and
leaves the work to intake.filing.worker, intake.answering.outbox and intake.filing.service."""

from __future__ import annotations

import argparse
import json
import sys
import threading

from sqlalchemy.exc import SQLAlchemyError

from intake.answering.outbox import approve, discard, list_outbox
from intake.cli.wiring import (
    STORAGE_ERRORS,
    fail,
    make_sender,
    make_source,
    open_storage,
    storage_failure,
    storage_options,
)
from intake.config import ConfigError
from intake.filing.privacy import apply_retention, retention_policy
from intake.filing.service import (
    EXIT_LOCKED,
    MailboxLock,
    configure_logging,
    read_health,
    record_single_run,
    serve,
)
from intake.filing.sources import SourceError
from intake.filing.worker import reprocess, run_once
from intake.vocabulary import (
    ANSWER_STATE_LABELS,
    DECISION_LABELS,
    KIND_LABELS,
    euros,
    paris,
    percent,
)
from storage.queries import health_figures, list_dossiers, outbox_of_dossier


def cmd_run(args: argparse.Namespace) -> int:
    try:
        config, settings, db, blobs = open_storage(args)
        send, transport = make_sender(config, settings, db, blobs)
        if not args.once:
            return _serve(args, config, settings, db, blobs, send)
        source = make_source(settings, args.maildir)
    except (ConfigError, SourceError) as e:
        return fail(str(e))
    except (SQLAlchemyError, OSError) as e:
        return fail(f"base de données ou dossier inutilisable ({e}).")
    lock = MailboxLock(settings.data_dir / "worker.lock")
    if not lock.acquire():  # the service, or another `run --once`, is at work on this mailbox
        close = getattr(source, "close", None)
        if close is not None:
            close()
        holder = lock.holder()
        print(f"fabrique-intake : un relevé est déjà en cours pour ces données"
              f"{f' (processus {holder})' if holder else ''} : réessayez quand il sera terminé.",
              file=sys.stderr)
        return EXIT_LOCKED
    try:
        summary = run_once(config, source, db, blobs, backfill=args.backfill,
                           max_attempts=settings.max_attempts, progress=_progress_bar())
        sent = None if args.no_send else send()
    finally:
        lock.release()
        close = getattr(source, "close", None)
        if close is not None:
            close()
    record_single_run(settings.data_dir / "health.json", summary.french(),
                      summary.errors[0] if summary.errors else None)
    print(summary.french())
    for err in summary.errors:
        print(f"  erreur : {err}", file=sys.stderr)
    if sent is not None:
        print(sent.french() + _where(transport))
        for err in sent.errors:
            print(f"  envoi : {err}", file=sys.stderr)
    return 1 if summary.errors else 0


def _progress_bar():
    """A one-line progress bar on stderr for a backlog, when a person is watching."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total < 10:
            return
        width = 30
        filled = width * done // total
        print(f"\rRelevé : [{'#' * filled}{'.' * (width - filled)}] {done}/{total} courriels",
              end="", file=sys.stderr, flush=True)
        if done + 1 == total:
            print(f"\rRelevé : [{'#' * width}] {total}/{total} courriels", file=sys.stderr, flush=True)

    return show


def _where(transport) -> str:
    folder = getattr(transport, "folder", None)
    return f" (fichiers .eml dans {folder})" if folder is not None else ""


def _serve(args, config, settings, db, blobs, send) -> int:
    configure_logging()
    stop = threading.Event()

    def poll(source):
        return run_once(config, source, db, blobs, backfill=args.backfill,
                        max_attempts=settings.max_attempts, stop=stop)

    return serve(lambda: make_source(settings, args.maildir), poll,
                 (lambda: None) if args.no_send else send,
                 poll_interval=settings.poll_interval, send_interval=settings.send_interval,
                 lock_path=settings.data_dir / "worker.lock", stop=stop,
                 health_path=settings.data_dir / "health.json", daily=_retention(config, db, blobs))


def _retention(config, db, blobs):
    """The daily retention pass of [privacy] (None when no policy is configured)."""
    policy = retention_policy(config)
    if policy.purge_after() is None:
        return None
    return lambda: apply_retention(db, blobs, policy)


# ------------------------------------------------------------------ dossiers (triage)

def triage_rows(conn) -> list[dict]:
    """One line per dossier, as the secretariat triages them: what needs a human first."""
    out = []
    for d in list_dossiers(conn):
        data = json.loads(d.dossier_json)
        flags = data.get("flags") or []
        budget = data.get("budget") or {}
        share = (budget.get("cofinancing") or {}).get("share")
        mails = outbox_of_dossier(conn, d.id)
        out.append({
            "reference": d.reference,
            "received": paris(d.first_received),
            "decision": DECISION_LABELS.get(d.decision or "", d.decision or "—"),
            "blocking": sum(f.get("severity") == "blocking" for f in flags),
            "warnings": sum(f.get("severity") == "warning" for f in flags),
            "anact": euros(budget.get("anact_request")),
            "share": percent(share),
            "answer": (f"{KIND_LABELS.get(mails[-1].kind, mails[-1].kind)} : {ANSWER_STATE_LABELS.get(mails[-1].state, mails[-1].state)}"
                       if mails else ("en attente" if d.answer_due_at else "—")),
            "sender": d.sender_address or d.sender or "—",
            "title": _short(d.title or d.subject or "", 60),
        })
    return out


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def render_triage(rows: list[dict]) -> str:
    if not rows:
        return "Aucun dossier."
    head = ["Référence", "Reçu le", "Décision", "Bloq.", "Avert.", "Demande Anact", "Cofin.",
            "Réponse", "Expéditeur", "Projet"]
    keys = ["reference", "received", "decision", "blocking", "warnings", "anact", "share", "answer", "sender",
            "title"]
    table = [head] + [[str(r[k]) for k in keys] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["decision"]] = counts.get(r["decision"], 0) + 1
    lines.append("")
    lines.append(f"{len(rows)} dossier{'s' if len(rows) > 1 else ''} : "
                 + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    return "\n".join(lines)


def cmd_dossiers(args: argparse.Namespace) -> int:
    try:
        _config, _settings, db, _blobs = open_storage(args)
        with db.connect() as conn:
            rows = triage_rows(conn)
    except STORAGE_ERRORS as e:
        return storage_failure(e)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(render_triage(rows))
    return 0


# ------------------------------------------------------------------ outbox

def cmd_outbox(args: argparse.Namespace) -> int:
    try:
        _config, _settings, db, _blobs = open_storage(args)
        status = 0
        with db.begin() as conn:
            for oid in args.approve or []:
                if not approve(conn, oid):
                    print(f"fabrique-intake : le courriel n° {oid} n'est pas en attente de validation.",
                          file=sys.stderr)
                    status = 1
            for oid in args.discard or []:
                if not discard(conn, oid):
                    print(f"fabrique-intake : le courriel n° {oid} ne peut plus être écarté.", file=sys.stderr)
                    status = 1
        with db.connect() as conn:
            rows = list_outbox(conn)
            refs = _references(conn)
    except STORAGE_ERRORS as e:
        return storage_failure(e)
    if not rows:
        print("Aucun courriel préparé.")
    for r in rows:
        note = f" — {r.last_error}" if r.last_error else ""
        print(f"n° {r.id:<4} {refs.get(r.dossier_id, '?')}  {ANSWER_STATE_LABELS.get(r.state, r.state):<10} "
              f"{KIND_LABELS.get(r.kind, r.kind):<24} {r.recipient}{note}")
    return status


def _references(conn) -> dict[int, str]:
    return {d.id: d.reference for d in list_dossiers(conn)}


# ------------------------------------------------------------------ health

def cmd_health(args: argparse.Namespace) -> int:
    """Exit 0 when the worker polled recently and nothing is stuck, 1 otherwise (for a
    monitoring probe); the figures in French, or JSON."""
    try:
        _config, settings, db, _blobs = open_storage(args)
        with db.connect() as conn:
            figures = health_figures(conn)
        worker = read_health(settings.data_dir / "health.json", settings.data_dir / "worker.lock")
    except STORAGE_ERRORS as e:
        return storage_failure(e)
    report = {**worker, **figures}
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(f"Dernier relevé réussi : {report.get('last_good_poll') or 'aucun'}")
        print(f"Dernière erreur : {report.get('last_error') or 'aucune'}")
        print(f"Messages en cours de traitement : {figures['backlog']}"
              + (f" (le plus ancien reçu le {figures['oldest_unprocessed']})" if figures['oldest_unprocessed'] else ""))
        print(f"Courriels à envoyer : {figures['outbox_backlog']}, à valider : {figures['outbox_held']}, "
              f"en échec : {figures['outbox_failed']}")
        print(f"Messages en quarantaine : {figures['quarantined']}")
    return 0 if not figures["outbox_failed"] and report.get("last_error") in (None, "") else 1


# ------------------------------------------------------------------ reprocess

def cmd_reprocess(args: argparse.Namespace) -> int:
    try:
        config, _settings, db, blobs = open_storage(args)
        done = reprocess(config, db, blobs, references=args.references, answer=args.send)
    except STORAGE_ERRORS as e:
        return storage_failure(e)
    except KeyError as e:
        return fail(f"dossier inconnu : {e.args[0]}.")
    for ref, before, after in done:
        change = "inchangé" if before == after else f"{DECISION_LABELS.get(before or '', before)} → {DECISION_LABELS.get(after or '', after)}"
        print(f"{ref}  {change}")
    print(f"{len(done)} dossier{'s' if len(done) > 1 else ''} relu{'s' if len(done) > 1 else ''}"
          + ("" if args.send else " (aucun courriel envoyé)"))
    return 0


def add_commands(sub) -> None:
    common = storage_options
    def mailbox_options(p):
        p.add_argument("--maildir", metavar="PATH", help="dossier Maildir à relever (sinon [mailbox])")
        p.add_argument("--backfill", action="store_true",
                       help="courriels antérieurs au service : enregistrés et lus, jamais répondus")
        p.add_argument("--no-send", action="store_true", help="préparer les réponses sans les envoyer")

    run = sub.add_parser("run", help="relever la boîte aux lettres : enregistrer, lire, classer chaque "
                                     "courriel et répondre aux porteurs")
    run.add_argument("--once", action="store_true", help="un seul relevé (et un envoi), puis s'arrêter")
    mailbox_options(run)
    common(run)
    run.set_defaults(func=cmd_run)

    poll = sub.add_parser("poll", help="un relevé de la boîte et un envoi (comme run --once), avec "
                                       "une barre de progression sur un arriéré")
    poll.add_argument("--once", action="store_true", default=True, help="(toujours : un seul relevé)")
    mailbox_options(poll)
    common(poll)
    poll.set_defaults(func=cmd_run)

    dos = sub.add_parser("dossiers", help="le tableau de tri : un dossier par ligne")
    dos.add_argument("--json", action="store_true", help="sortie JSON")
    common(dos)
    dos.set_defaults(func=cmd_dossiers)

    out = sub.add_parser("outbox", help="les réponses préparées ; valider ou écarter celles en attente")
    out.add_argument("--approve", type=int, action="append", metavar="N", help="valider le courriel n° N")
    out.add_argument("--discard", type=int, action="append", metavar="N", help="écarter le courriel n° N")
    common(out)
    out.set_defaults(func=cmd_outbox)

    hea = sub.add_parser("health", help="état du relevé : dernier relevé, retard, envois, quarantaine")
    hea.add_argument("--json", action="store_true", help="sortie JSON")
    common(hea)
    hea.set_defaults(func=cmd_health)

    rep = sub.add_parser("reprocess", help="relire les courriels enregistrés (après une mise à jour des "
                                           "lecteurs ou de l'appel), sans rien envoyer")
    rep.add_argument("references", nargs="*", metavar="REF", help="dossiers à relire (tous par défaut)")
    rep.add_argument("--send", action="store_true", help="préparer aussi les réponses que la relecture appelle")
    common(rep)
    rep.set_defaults(func=cmd_reprocess)
