"""The operations page: quarantined messages and the worker's health.

A message goes to quarantine after `[mailbox] max_attempts` readings that raised; its
bytes are in the blob store. "Relire" reads them again with today's readers:
- a message already linked to a dossier rejoins it, and the dossier is re-read whole
  (`intake.filing.worker.reprocess`);
- otherwise it is filed as the worker files a new message (the dossier it continues, or
  a new one), by the worker's own filing code (`intake.filing.refile`).
The decision is then re-derived from the secretariat's corrections. Nothing is sent
unless the secretariat ticks the box; the worker's sender delivers what is queued.

Health: what `fabrique-intake health` shows (intake.filing.service.read_health over the
worker's health file, storage.queries.health_figures), in French, with what needs a look.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Connection, select

from intake.filing import worker
from intake.filing.refile import ReprocessFailed, refile
from intake.filing.service import read_health
from storage import queries as sq
from storage.schema import (
    FAILED,
    MOVED,
    QUARANTINED,
    QUARANTINING,
    dossier_messages,
    dossiers,
    events,
    messages,
)

from . import queries as wq
from .pages import audit, config_of, render, require_secretariat, user_of, worker_settings_of

router = APIRouter(dependencies=[Depends(require_secretariat)])

LISTED_STATES = (QUARANTINED, QUARANTINING, FAILED)
STEPS = {  # the ledger's events, in the secretariat's words
    "stored": "enregistré", "failed": "lecture en échec", "quarantined": "mis en quarantaine",
    "duplicate": "doublon", "understood": "lu", "dossier_updated": "classé", "moved": "traité",
    "renumbered": "renuméroté", "no_answer": "pas de réponse", "answer_waiting": "réponse en attente",
    "email_queued": "réponse préparée", "email_sent": "réponse envoyée", "email_retry": "envoi à réessayer",
    "email_failed": "envoi en échec", "reprocess": "sorti de quarantaine", "reprocessed": "relu",
    "reprocess_failed": "relecture en échec",
}
NOTICES = {"relu": "Le message est relu et classé.",
           "relu-repondu": "Le message est relu et classé ; la réponse qu'il appelle part avec les prochains envois du relevé."}


# ------------------------------------------------------------------ queries

def problem_messages(conn: Connection, blobs) -> list[dict]:
    """Messages in quarantine (or on their way), then those whose reading failed and
    will be tried again: newest first, with their events and dossier if any."""
    rows = list(conn.execute(select(messages).where(messages.c.state.in_(LISTED_STATES))
                             .order_by(messages.c.id.desc()).limit(200)))
    ids = [r.id for r in rows]
    by_message: dict[int, list] = {i: [] for i in ids}
    refs: dict[int, str] = {}
    if ids:
        for e in conn.execute(select(events).where(events.c.message_id.in_(ids)).order_by(events.c.id)):
            by_message[e.message_id].append(e)
        for mid, ref in conn.execute(select(dossier_messages.c.message_id, dossiers.c.reference)
                                     .join(dossiers, dossiers.c.id == dossier_messages.c.dossier_id)
                                     .where(dossier_messages.c.message_id.in_(ids))):
            refs[mid] = ref
    out = []
    for r in rows:
        out.append({"row": r, "events": by_message[r.id], "reference": refs.get(r.id),
                    **wq.message_headers(blobs, r.sha256)})
    return out


def _parse(moment: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(moment) if moment else None
    except ValueError:
        return None


def health_report(request: Request, conn: Connection) -> dict:
    """The figures and the worker's state, and the points that need a look (French)."""
    figures = sq.health_figures(conn)
    settings = worker_settings_of(request)
    worker_state = None
    if settings is not None:
        worker_state = read_health(settings.data_dir / "health.json", settings.data_dir / "worker.lock")
    alerts = []
    if worker_state is None:
        alerts.append("L'emplacement des données du relevé est inconnu de l'application : état du service "
                      "non disponible.")
    elif not worker_state:
        alerts.append("Aucun relevé continu n'a encore écrit son état pour ces données "
                      "(le service de relevé n'a jamais tourné en continu : prévenez la personne qui "
                      "administre le service).")
    else:
        if not worker_state.get("running") and worker_state.get("mode") != "once":
            alerts.append("Le service de relevé ne tourne pas.")
        since = worker_state.get("seconds_since_good_poll")
        limit = max(600.0, 3 * getattr(settings, "poll_interval", 60.0))
        if since is None:
            alerts.append("Aucun relevé réussi n'est enregistré.")
        elif since > limit:
            alerts.append(f"Le dernier relevé réussi date de {int(since // 60)} minutes.")
        error_at, good_at = _parse(worker_state.get("last_error_at")), _parse(worker_state.get("last_good_poll"))
        if worker_state.get("last_error") and (good_at is None or (error_at and error_at >= good_at)):
            alerts.append(f"Dernière erreur du relevé : {worker_state['last_error']}")
    if figures["outbox_failed"]:
        n = figures["outbox_failed"]
        alerts.append(f"{n} courriel{'s' if n > 1 else ''} en échec d'envoi : voir la page Courriels.")
    if figures["quarantined"]:
        n = figures["quarantined"]
        alerts.append(f"{n} message{'s' if n > 1 else ''} en quarantaine : voir ci-dessous.")
    oldest = _parse(figures.get("oldest_unprocessed"))
    if figures["backlog"] and oldest is not None and (sq.now() - oldest).total_seconds() > 3600:
        alerts.append("Des messages attendent d'être traités depuis plus d'une heure.")
    return {"figures": figures, "worker": worker_state, "alerts": alerts, "oldest": oldest,
            "good_poll": _parse((worker_state or {}).get("last_good_poll")),
            "error_at": _parse((worker_state or {}).get("last_error_at"))}


# ------------------------------------------------------------------ reprocessing

def reprocess_message(request: Request, message_id: int, *, answer: bool) -> tuple[str, str | None]:
    """Read a quarantined message again; returns (reference of its dossier, decision)."""
    config = config_of(request)
    if config is None:
        raise HTTPException(503, "La configuration du service (config.toml) n'est pas chargée : "
                                 "lancez l'application par « fabrique-intake web ».")
    db, blobs, user = request.app.state.db, request.app.state.blobs, user_of(request)
    with db.begin() as conn:
        row = conn.execute(select(messages).where(messages.c.id == message_id)).first()
        if row is None:
            raise HTTPException(404)
        if row.state != QUARANTINED:
            raise wq.ActionError("Seul un message en quarantaine peut être relu d'ici "
                                 "(les autres le sont par le relevé).")
        linked = sq.dossiers_of_message(conn, row.id)
        if linked:  # it rejoins its dossier's submission, which is read again whole
            sq.set_message(conn, row.id, state=MOVED)
            sq.add_event(conn, row.id, "reprocess", f"sorti de quarantaine par {user.name}")
    try:
        if linked:
            with db.connect() as conn:
                reference = sq.get_dossier(conn, linked[0]).reference
            worker.reprocess(config, db, blobs, references=[reference], answer=answer)
            dossier_id = linked[0]
        else:
            filed = refile(config, db, blobs, row, answer=answer)
            with db.connect() as conn:
                dossier_id = sq.dossiers_of_message(conn, filed.id)[0]
    except Exception as e:  # noqa: BLE001 - the reader's own failure, shown to the secretariat
        reason = str(e) if isinstance(e, ReprocessFailed) else f"{type(e).__name__}: {e}"[:2000]
        with db.begin() as conn:
            sq.set_message(conn, row.id, state=QUARANTINED, last_error=reason)
            sq.add_event(conn, row.id, "reprocess_failed", f"relecture demandée par {user.name} : {reason}")
        raise wq.ActionError(f"La relecture a encore échoué : {reason}") from e
    with db.begin() as conn:
        before = sq.get_dossier(conn, dossier_id)
        sq.set_message(conn, row.id, state=MOVED)
        sq.add_event(conn, row.id, "reprocessed", f"relu depuis la quarantaine à la demande de {user.name} : "
                     f"dossier {before.reference}")
        _, decision = wq.rederive(conn, user, dossier_id, "relecture d'un message sorti de quarantaine",
                                  config.call, replan=False)  # the re-reading wrote its own answer
        audit(conn, user, dossier_id, "message_reprocessed", None, {"decision": decision},
              f"message n° {row.id} relu depuis la quarantaine" + (" (réponse demandée)" if answer else ""))
    return before.reference, decision


# ------------------------------------------------------------------ pages

def operations_page(request: Request, *, error: str = "", status: int = 200):
    db, blobs = request.app.state.db, request.app.state.blobs
    with db.connect() as conn:
        report = health_report(request, conn)
        problems = problem_messages(conn, blobs)
    notice = NOTICES.get(request.query_params.get("fait", ""), "")
    reference = request.query_params.get("dossier", "")  # shown only when it is a reference
    return render(request, "operations.html", status, health=report, problems=problems, error=error, steps=STEPS,
                  notice=notice, reference=reference if notice and sq.REFERENCE_RE.fullmatch(reference) else "")


@router.get("/operations", response_class=HTMLResponse)
def operations(request: Request):
    return operations_page(request)


@router.post("/operations/messages/{message_id}/reprocess")
def reprocess(request: Request, message_id: int, answer: str = Form("")):
    try:
        reference, _decision = reprocess_message(request, message_id, answer=answer in ("1", "on", "true"))
    except wq.ActionError as e:
        return operations_page(request, error=str(e), status=400)
    done = "relu-repondu" if answer else "relu"
    return RedirectResponse(f"/operations?fait={done}&dossier={reference}#quarantaine", status_code=303)
