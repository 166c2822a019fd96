"""The emails page: the whole outbox, and what the secretariat does with it.

- `/emails`: every email prepared for applicants (queued, held, sent, failed,
  discarded) with its dossier, recipient, kind and last error; delivery failures first.
- `/emails/{id}`: one email as the applicant will read it; a held one can be edited (the
  new text replaces the queued bytes, headers and Message-ID kept), approved or
  discarded; a sent or failed one can be sent again (a new outbox row, a new Message-ID).
- `/dossiers/{reference}/write`: a letter to the dossier's applicant from a starting
  text, in the answers' layout, queued in the outbox (held over the daily limit).

The web app never sends: the worker's sender delivers what is queued. Every change is
one transaction with its audit entry.
"""

from __future__ import annotations

from email.utils import parseaddr
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Connection, case, func, insert, select, update
from sqlalchemy.engine import Row

from intake.answering.addressee import greeting
from intake.answering.answers import incoming_from_raw
from intake.answering.envelope import new_message_id
from intake.answering.mail_settings import AnswerSettings, answer_settings
from intake.answering.outbox import discard as outbox_discard
from intake.config import CallConfig, config_data, default_call
from intake.decisions import BLOCKING, current_reading
from storage import queries as sq
from storage.blobs import BlobStore
from storage.schema import HELD, QUEUED, SEND_FAILED, SENT, dossiers, outbox

from . import letters
from . import queries as wq
from .pages import audit, config_of, render, require_secretariat, user_of

router = APIRouter(dependencies=[Depends(require_secretariat)])

PAGE_SIZE = 100
STATES = ("held", "failed", "queued", "sent", "discarded", "withdrawn")  # the order of the counts
NOTICES = {
    "valide": "Le courriel est validé : il part au prochain envoi.",
    "ecarte": "Le courriel est écarté : il ne partira pas.",
    "modifie": "Le nouveau texte est enregistré : c'est lui qui partira, une fois validé.",
    "renvoye": "Le courriel est remis en file d'envoi sous un nouveau numéro : il part au prochain envoi.",
    "ecrit": "Le courriel est en file d'envoi : il part au prochain envoi.",
    "ecrit-retenu": "Le courriel est enregistré, mais retenu : la limite d'envois du jour vers cette adresse "
                    "est atteinte. Validez-le pour qu'il parte.",
}
WRITTEN = "written"  # outbox.kind of a letter the secretariat wrote


# ------------------------------------------------------------------ queries

def outbox_rows(conn: Connection, state: str = "", page: int = 1) -> tuple[list[Row], int, dict[str, int]]:
    """A page of the outbox (newest first), how many match, and the count per state."""
    conds = [outbox.c.state == state] if state else []
    total = conn.execute(select(func.count()).select_from(outbox).where(*conds)).scalar() or 0
    rows = list(conn.execute(
        select(outbox, dossiers.c.reference).join(dossiers, dossiers.c.id == outbox.c.dossier_id)
        .where(*conds).order_by(outbox.c.id.desc()).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    counts: dict[str, int] = {state: n for state, n in conn.execute(
        select(outbox.c.state, func.count()).group_by(outbox.c.state)).all()}
    return rows, total, counts


def delivery_problems(conn: Connection) -> list[Row]:
    """Failed for good, or queued with an error (the sender retries): with their reason."""
    return list(conn.execute(
        select(outbox, dossiers.c.reference).join(dossiers, dossiers.c.id == outbox.c.dossier_id)
        .where((outbox.c.state == SEND_FAILED)
               | ((outbox.c.state == QUEUED) & outbox.c.last_error.is_not(None)))
        .order_by(case((outbox.c.state == SEND_FAILED, 0), else_=1), outbox.c.id.desc()).limit(200)))


def email_row(conn: Connection, outbox_id: int, *, lock: bool = False) -> Row | None:
    stmt = (select(outbox, dossiers.c.reference).join(dossiers, dossiers.c.id == outbox.c.dossier_id)
            .where(outbox.c.id == outbox_id))
    if lock and conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=outbox)
    return conn.execute(stmt).first()


def _sent_lately(conn: Connection, recipient: str, at) -> int:
    """Emails queued or sent to `recipient` over the last day (intake.answering.outbox's limit)."""
    from datetime import timedelta

    return conn.execute(select(func.count()).select_from(outbox).where(
        outbox.c.recipient == recipient, outbox.c.state.in_((QUEUED, SENT)),
        outbox.c.created_at >= at - timedelta(days=1))).scalar() or 0


def _described(row: Row, state: str | None = None) -> dict:
    return {"email": row.id, "kind": row.kind, "state": state or row.state}


def edit_email(conn: Connection, blobs: BlobStore, user, outbox_id: int, text: str) -> None:
    """The held email's text replaced: new bytes in the blob store, the row pointing at
    them; the old bytes stay in the store (their hash is in the journal)."""
    row = email_row(conn, outbox_id, lock=True)
    if row is None:
        raise HTTPException(404)
    if row.state != HELD:
        raise wq.ActionError("Seul un courriel en attente de validation peut être modifié.")
    raw = letters.edited(blobs.get(row.raw_sha256), text, now=sq.now())
    sha = blobs.put(raw)
    if sha == row.raw_sha256:
        raise wq.ActionError("Le texte n'a pas changé.")
    r = conn.execute(update(outbox).where(outbox.c.id == row.id, outbox.c.state == HELD)
                     .values(raw_sha256=sha, updated_at=sq.now()))
    if r.rowcount != 1:
        raise wq.ActionError("Ce courriel n'est plus en attente de validation.")
    audit(conn, user, row.dossier_id, "email_edited", {**_described(row), "sha256": row.raw_sha256},
          {**_described(row), "sha256": sha}, "texte modifié avant envoi")


def resend_email(conn: Connection, blobs: BlobStore, user, outbox_id: int, settings: AnswerSettings) -> int:
    """A sent or failed email queued again as a new row, same bytes, new Message-ID. A
    failed one is then discarded (its error kept): the resend replaces it."""
    row = email_row(conn, outbox_id, lock=True)
    if row is None:
        raise HTTPException(404)
    if row.state not in (SENT, SEND_FAILED):
        raise wq.ActionError("Seul un courriel envoyé ou en échec peut être renvoyé.")
    t = sq.now()
    message_id = new_message_id(row.reference, settings)
    sha = blobs.put(letters.resent(blobs.get(row.raw_sha256), message_id, now=t))
    new_id = sq.inserted_id(conn.execute(insert(outbox).values(
        dossier_id=row.dossier_id, answers_message=row.answers_message, kind=row.kind, recipient=row.recipient,
        subject=row.subject, email_message_id=message_id, raw_sha256=sha, state=QUEUED, attempts=0,
        created_at=t, updated_at=t)))
    if row.state == SEND_FAILED:
        outbox_discard(conn, row.id)
        conn.execute(update(outbox).where(outbox.c.id == row.id).values(
            last_error=f"{row.last_error or 'échec'} — renvoyé sous le n° {new_id}"[:2000]))
    if row.answers_message is not None:
        sq.add_event(conn, row.answers_message, "email_queued", f"{row.kind} renvoyé vers {row.recipient} "
                     f"(n° {new_id}, copie du n° {row.id})")
    audit(conn, user, row.dossier_id, "email_resent", _described(row),
          {"email": new_id, "kind": row.kind, "state": QUEUED}, f"copie du courriel n° {row.id}")
    return new_id


def write_letter(conn: Connection, blobs: BlobStore, user, dossier: Row, *, subject: str, text: str,
                 settings: AnswerSettings) -> tuple[int, str]:
    """The secretariat's letter queued for the dossier's applicant; held when the daily
    limit to that address is reached. Returns (outbox id, state)."""
    last = sq.linked_messages(conn, dossier.id)
    incoming = None
    if last:
        try:
            incoming = incoming_from_raw(blobs.get(last[-1].sha256), last[-1].internaldate or sq.now())
        except Exception:  # noqa: BLE001 - a pruned blob: the letter goes unthreaded, the subject has the reference
            incoming = None
    name = parseaddr(dossier.sender or "")[0]
    t = sq.now()
    letter = letters.written(reference=dossier.reference, to=dossier.sender_address or parseaddr(dossier.sender or "")[1],
                             to_name=name, subject=subject, text=text, settings=settings, incoming=incoming, now=t)
    state, note = QUEUED, None
    if _sent_lately(conn, letter.to, t) >= settings.max_per_recipient_per_day:
        state = HELD
        note = (f"Limite de {settings.max_per_recipient_per_day} courriels par jour vers {letter.to} atteinte : "
                "envoi à valider par le secrétariat.")
    oid = sq.inserted_id(conn.execute(insert(outbox).values(
        dossier_id=dossier.id, answers_message=last[-1].id if last else None, kind=WRITTEN, recipient=letter.to,
        subject=letter.subject, email_message_id=letter.message_id, raw_sha256=blobs.put(letter.raw), state=state,
        attempts=0, last_error=note, created_at=t, updated_at=t)))
    audit(conn, user, dossier.id, "email_written", None, {"email": oid, "kind": WRITTEN, "state": state},
          letter.subject)
    return oid, state


def missing_items(conn: Connection, dossier: Row, call: CallConfig | None = None) -> list[str]:
    """The blocking flags of the dossier as it stands (corrections applied, flags set
    aside left out: intake.decisions.current_reading), as the applicant can read them."""
    import json

    try:
        data = json.loads(dossier.dossier_json)
    except ValueError:
        return []
    now_ = current_reading(conn, dossier.id, data, call or default_call())
    return [str(f.get("message")) for f in now_.get("flags") or []
            if f.get("severity") == BLOCKING and f.get("code") != "late_submission" and f.get("message")]


# ------------------------------------------------------------------ pages

def _settings(request: Request) -> tuple[AnswerSettings, CallConfig]:
    """[answers] and [call] of the service's configuration; a page says so without it."""
    config = config_of(request)
    if config is None:
        raise HTTPException(503, "La configuration du service (config.toml) n'est pas chargée : "
                                 "lancez l'application par « fabrique-intake web ».")
    return answer_settings(config_data(config)), config.call


def _page_number(value: str) -> int:
    try:
        return max(1, min(int(value), 100_000))
    except ValueError:
        return 1


@router.get("/emails", response_class=HTMLResponse)
def emails_page(request: Request):
    state = request.query_params.get("etat", "")
    state = state if state in STATES else ""
    page = _page_number(request.query_params.get("page", "1"))
    db = request.app.state.db
    with db.connect() as conn:
        rows, total, counts = outbox_rows(conn, state, page)
        problems = delivery_problems(conn)
    pages = max(1, -(-total // PAGE_SIZE))

    def url(**changes) -> str:
        params = {"etat": state, "page": str(page) if page > 1 else "", **changes}
        params = {k: v for k, v in params.items() if v}
        return "/emails" + (f"?{urlencode(params)}" if params else "")

    return render(request, "emails.html", rows=rows, total=total, counts=counts, state=state, states=STATES,
                  problems=problems, page=page, pages=pages, url=url,
                  notice=NOTICES.get(request.query_params.get("fait", ""), ""))


CONFIRM = "oui"  # the form field an irreversible action carries once its preview was shown
TO_CONFIRM = {
    "envoi": "Relisez ce courriel et son destinataire, puis confirmez l'envoi : il partira tel quel.",
    "renvoi": "Relisez ce courriel et son destinataire, puis confirmez : il repartira tel quel.",
}


def email_page(request: Request, outbox_id: int, *, error: str = "", status: int = 200, text: str | None = None,
               confirm: str = ""):
    db, blobs = request.app.state.db, request.app.state.blobs
    with db.connect() as conn:
        row = email_row(conn, outbox_id)
    if row is None:
        raise HTTPException(404)
    try:
        raw = blobs.get(row.raw_sha256)
        body, headers = letters.text_part(raw), letters.headers_of(raw)
    except Exception:  # noqa: BLE001 - a pruned store: the row is still shown
        body, headers = "", {}
    confirm = confirm or request.query_params.get("confirmer", "")
    return render(request, "email.html", status, m=row, body=body if text is None else text, headers=headers,
                  error=error, notice=NOTICES.get(request.query_params.get("fait", ""), ""),
                  to_confirm=TO_CONFIRM.get(confirm, ""), confirm_value=CONFIRM)


@router.get("/emails/{outbox_id}", response_class=HTMLResponse)
def email_detail(request: Request, outbox_id: int):
    return email_page(request, outbox_id)


def _act(request: Request, outbox_id: int, action, done: str, *, text: str | None = None):
    """Run `action(conn, user, row)` in one transaction, then back to the email (303);
    a refused change shows the page again with why."""
    db = request.app.state.db
    try:
        with db.begin() as conn:
            row = email_row(conn, outbox_id, lock=True)
            if row is None:
                raise HTTPException(404)
            target = action(conn, user_of(request), row)
    except (wq.ActionError, letters.LetterError) as e:
        return email_page(request, outbox_id, error=str(e), status=400, text=text)
    return RedirectResponse(f"/emails/{target or outbox_id}?fait={done}", status_code=303)


@router.post("/emails/{outbox_id}/edit")
def edit(request: Request, outbox_id: int, text: str = Form("")):
    blobs = request.app.state.blobs
    return _act(request, outbox_id, lambda conn, user, row: edit_email(conn, blobs, user, row.id, text),
                "modifie", text=text)


@router.post("/emails/{outbox_id}/approve")
def approve(request: Request, outbox_id: int, confirm: str = Form("")):
    """Sent only once the page showed the email with its recipient (confirm=oui)."""
    if confirm != CONFIRM:
        return email_page(request, outbox_id, confirm="envoi")
    return _act(request, outbox_id, lambda conn, user, row: wq.mail_action(
        conn, user, row.dossier_id, row.id, "approve"), "valide")


@router.post("/emails/{outbox_id}/discard")
def discard(request: Request, outbox_id: int, reason: str = Form("")):
    return _act(request, outbox_id, lambda conn, user, row: wq.mail_action(
        conn, user, row.dossier_id, row.id, "discard", reason), "ecarte")


@router.post("/emails/{outbox_id}/resend")
def resend(request: Request, outbox_id: int, confirm: str = Form("")):
    if confirm != CONFIRM:
        return email_page(request, outbox_id, confirm="renvoi")
    settings, _call = _settings(request)
    blobs = request.app.state.blobs
    return _act(request, outbox_id, lambda conn, user, row: resend_email(conn, blobs, user, row.id, settings),
                "renvoye")


# ------------------------------------------------------------------ writing to an applicant

def _dossier(conn: Connection, reference: str) -> Row:
    d = wq.dossier_by_reference(conn, reference)
    if d is None:
        raise HTTPException(404)
    return d


def write_page(request: Request, reference: str, *, subject: str | None = None, text: str | None = None,
               error: str = "", status: int = 200):
    settings, call = _settings(request)
    starter = request.query_params.get("modele", "libre")
    starter = starter if starter in letters.STARTERS else "libre"
    with request.app.state.db.connect() as conn:
        d = _dossier(conn, reference)
        missing = missing_items(conn, d, call)
        first = next(iter(sq.linked_messages(conn, d.id)), None)
    hello = "Madame, Monsieur"
    if first is not None:  # the person greeted by name when their first email's address confirms it
        try:
            sent = incoming_from_raw(request.app.state.blobs.get(first.sha256), first.internaldate)
            hello = greeting(sent.sender_name, sent.sender)
        except Exception:  # noqa: BLE001 - a pruned store: the formal greeting
            pass
    programme = call.programme or "La Fabrique CTO"
    if text is None:
        text = letters.starter(starter, reference=d.reference, programme=programme, settings=settings,
                               missing=missing, greeting=hello)
    if subject is None:
        subject = f"Votre candidature – {programme}" if starter == "libre" else f"Éléments manquants – {programme}"
    return render(request, "write.html", status, d=d, subject=subject, text=text, starter=starter,
                  starters=letters.STARTERS, error=error, to=d.sender_address or d.sender or "")


@router.get("/dossiers/{reference}/write", response_class=HTMLResponse)
def write_form(request: Request, reference: str):
    return write_page(request, reference)


@router.post("/dossiers/{reference}/write")
def write(request: Request, reference: str, subject: str = Form(""), text: str = Form("")):
    settings, _call = _settings(request)
    blobs = request.app.state.blobs
    try:
        with request.app.state.db.begin() as conn:
            d = _dossier(conn, reference)
            oid, state = write_letter(conn, blobs, user_of(request), d, subject=subject, text=text,
                                      settings=settings)
    except letters.LetterError as e:
        return write_page(request, reference, subject=subject, text=text, error=str(e), status=400)
    return RedirectResponse(f"/emails/{oid}?fait={'ecrit' if state == QUEUED else 'ecrit-retenu'}",
                            status_code=303)

