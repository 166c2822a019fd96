"""The secretariat's queue and a dossier's page, with what the secretariat changes there
(flag overrides, corrections, notes, approving or discarding an email). Every change runs
in one transaction and comes back to the dossier with a notice, or with why it was refused."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from intake import vocabulary
from intake.decisions import (
    BUDGET_FIELDS,
    DECISION_FIELD,
    SECTION_PREFIX,
    apply_corrections,
    budget_imbalance,
    cause_rank,
    flag_key,
    flag_views,
    unread_file_flag,
)
from storage.queries import now

from . import filters, search
from . import queries as wq
from .accounts import Session
from .pages import render

router = APIRouter()

NOTICES = {  # ?fait=... after a change: fixed words, nothing from the request is echoed
    "alerte": "La correction de l'alerte est enregistrée.",
    "note": "La note est ajoutée.",
    "note-modifiee": "La note est modifiée ; le journal garde son texte précédent.",
    "note-supprimee": "La note est supprimée ; le journal garde son texte.",
    "valide": "Le courriel est validé : il part au prochain envoi.",
    "ecarte": "Le courriel est écarté : il ne partira pas.",
    "examine": "Le dossier est marqué examiné : il quitte « à traiter » jusqu'à son prochain changement.",
    "libere": "Le dossier est transmis au comité : ses membres peuvent le consulter.",
    "retire": "Le dossier n'est plus visible du comité.",
    "correction": "La correction est enregistrée ; la décision est recalculée.",
}


# -------------------------------------------------------------- the queue

@router.get("/", response_class=HTMLResponse)
def queue(request: Request):
    f = wq.QueueFilters.from_params(request.query_params)
    with request.app.state.db.connect() as conn:
        page = wq.queue_page(conn, f, limits=wq.call_limits(request.app.state.call))
        saved = filters.of_user(conn, request.state.session.user.id)
    if f.q:  # why each dossier is listed: the words marked, or where in the documents
        for r in page.rows:
            r["hit"] = search.hit(r["data"], [r["title"], r["applicant"], r["reference"]], f.q, request.app.state.call)

    def url(**changes) -> str:
        params = f.params(**changes)
        return "/" + (f"?{urlencode(params)}" if params else "")

    def sort_url(column: str) -> str:
        desc = f.sort == column and not f.desc
        return url(sort=column, dir="desc" if desc else "", page="")

    return render(request, "queue.html", f=f, page=page, url=url, sort_url=sort_url,
                  decisions=wq.DECISIONS, flag_codes=list(vocabulary.FLAG_LABELS), saved_filters=saved)

# -------------------------------------------------------------- a dossier

def dossier_page(request: Request, reference: str, *, error: str = "", status: int = 200,
                 typed: dict | None = None) -> HTMLResponse:
    with request.app.state.db.connect() as conn:
        view = wq.load_dossier(conn, request.app.state.blobs, reference)
    if view is None:
        raise HTTPException(404)
    overrides = {k: o.status for k, o in view.overrides.items()}
    notice = NOTICES.get(request.query_params.get("fait", ""), "")
    fixes = {f: r.value for f, r in view.corrections.items()}
    # the facts as the secretariat corrected them (the reading itself is kept and shown beside)
    data = apply_corrections(view.data, fixes, **wq.call_limits(request.app.state.call)) if fixes else view.data
    # the reading's alerts a correction of facts resolved: said, not silently gone
    standing = {flag_key(f) for f in data.get("flags") or []}
    lifted = [f for f in view.data.get("flags") or [] if flag_key(f) not in standing]
    return render(request, "dossier.html", status, d=view.row, data=data, read=view.data, view=view, lifted=lifted,
                  imbalance=budget_imbalance(data),
                  decisions=wq.DECISIONS, budget_fields=BUDGET_LABELS,
                  flags=sorted(flag_views(data, overrides),  # blocking first, the root causes first
                               key=lambda v: cause_rank(v.flag)),
                  unread=unread_file_flag(data, overrides),
                  notice=notice, error=error, typed=typed or {},
                  answer_soon=view.row.answer_due_at is not None and view.row.answer_due_at <= now(),
                  audit=[audit_entry(a) for a in view.audit], sections=vocabulary.section_titles(request.app.state.call))

@router.get("/dossiers/{reference}", response_class=HTMLResponse)
def dossier(request: Request, reference: str):
    return dossier_page(request, reference)

def change(request: Request, reference: str, action, done: str, typed: dict | None = None):
    """Run `action(conn, user, dossier_id)` in one transaction, then back to the
    dossier (303) with a notice; a refused change re-shows the page with why, beside the
    field, with what was typed (`typed`: the form's own values)."""
    session: Session = request.state.session
    try:
        with request.app.state.db.begin() as conn:
            d = wq.dossier_by_reference(conn, reference)
            if d is None:
                raise HTTPException(404)
            action(conn, session.user, d.id)
    except wq.NeedsConfirmation as e:  # shown beside the field, with what was typed, to confirm
        return dossier_page(request, reference, error=str(e), status=200,
                            typed={**(typed or {}), "confirm": True})
    except wq.ActionError as e:
        return dossier_page(request, reference, error=str(e), status=400, typed=typed)
    return RedirectResponse(f"/dossiers/{d.reference}?fait={done}#{anchor_of(done)}", status_code=303)

@router.post("/dossiers/{reference}/flags")
def override_flag(request: Request, reference: str, code: str = Form(...), target: str = Form(""),
                  status: str = Form(""), comment: str = Form("")):
    return change(request, reference, lambda conn, user, did: wq.set_flag_override(
        conn, user, did, code, target, status, comment, request.app.state.call), "alerte")

@router.post("/dossiers/{reference}/corrections")
def correct(request: Request, reference: str, field: str = Form(...), value: str = Form(""),
            reason: str = Form(""), confirm: str = Form("")):
    """A budget figure, a section present or absent, or the decision set directly
    (an empty value takes the correction back)."""
    return change(request, reference, lambda conn, user, did: wq.set_correction(
        conn, user, did, field, value, reason, request.app.state.call, confirmed=confirm == "oui"), "correction",
        typed={"form": field, "value": value, "reason": reason})

@router.post("/dossiers/{reference}/notes")
def add_note(request: Request, reference: str, body: str = Form(""), comite: str = Form("")):
    return change(request, reference, lambda conn, user, did: wq.add_note(
        conn, user, did, body, for_committee=comite == "1"), "note", typed={"form": "note", "value": body})

@router.post("/dossiers/{reference}/notes/{note_id}/edit")
def edit_note(request: Request, reference: str, note_id: int, body: str = Form(""), comite: str = Form("")):
    return change(request, reference, lambda conn, user, did: wq.edit_note(
        conn, user, did, note_id, body, for_committee=comite == "1"), "note-modifiee",
        typed={"form": f"note-{note_id}", "value": body})

@router.post("/dossiers/{reference}/notes/{note_id}/delete")
def delete_note(request: Request, reference: str, note_id: int):
    return change(request, reference, lambda conn, user, did: wq.delete_note(conn, user, did, note_id),
                  "note-supprimee", typed={"form": f"note-{note_id}", "value": ""})

@router.post("/dossiers/{reference}/emails/{outbox_id}/approve")
def approve_email(request: Request, reference: str, outbox_id: int, confirm: str = Form("")):
    """Sent only after the email was shown with its recipient: without confirm=oui, the
    email's own page, which asks to confirm."""
    if confirm != "oui":
        return RedirectResponse(f"/emails/{outbox_id}?confirmer=envoi#envoi", status_code=303)
    return change(request, reference, lambda conn, user, did: wq.mail_action(
        conn, user, did, outbox_id, "approve"), "valide")

@router.post("/dossiers/{reference}/emails/{outbox_id}/discard")
def discard_email(request: Request, reference: str, outbox_id: int, reason: str = Form("")):
    return change(request, reference, lambda conn, user, did: wq.mail_action(
        conn, user, did, outbox_id, "discard", reason), "ecarte")


def anchor_of(done: str) -> str:
    return {"alerte": "alertes", "note": "notes", "note-modifiee": "notes", "note-supprimee": "notes",
            "valide": "reponses", "ecarte": "reponses",
            "correction": "corrections"}.get(done, "")


def audit_entry(row) -> dict:
    """A line of the journal in French: who, when, what, before, after, why."""

    def load(value):
        try:
            return json.loads(value) if value else None
        except ValueError:
            return None

    before, after = load(row.before), load(row.after)

    def describe(v) -> str:
        if v is None:
            return "—"
        if row.action == "flag_override":
            status = v.get("status")
            return vocabulary.OVERRIDE_LABELS.get(status, "sans correction") if status else "sans correction"
        if row.action in ("decision", "message_reprocessed"):
            return vocabulary.DECISION_LABELS.get(v.get("decision") or "", v.get("decision") or "—")
        if row.action.startswith("email_"):
            return f"n° {v.get('email')} ({vocabulary.KIND_LABELS.get(v.get('kind'), v.get('kind'))}) : " \
                   f"{vocabulary.ANSWER_STATE_LABELS.get(v.get('state'), v.get('state'))}"
        if row.action == "answer_planned":
            return f"{vocabulary.KIND_LABELS.get(v.get('kind'), v.get('kind'))} (écrite au prochain passage du service)"
        if row.action in ("note", "note_committee", "note_edited", "note_deleted"):
            return v.get("note", "") + (" (pour le comité)" if v.get("for_committee") else "")
        if row.action == "correction":
            return correction_text(v.get("field") or "", v.get("value"), v.get("read"))
        return json.dumps(v, ensure_ascii=False)

    what = vocabulary.AUDIT_ACTIONS.get(row.action, row.action)
    if row.action == "correction" and (before or after):
        what += f" : {correction_label((after or before).get('field') or '')}"
    if row.action == "flag_override" and (before or after):
        v = after or before
        target = vocabulary.flag_target_label(v.get("code", ""), v.get("target", ""))
        what += f" : {vocabulary.FLAG_LABELS.get(v.get('code'), v.get('code'))}" + (f" ({target})" if target else "")
    return {"at": row.at, "who": row.user_name or row.user_email or "le service (automatique)", "what": what,
            "before": describe(before), "after": describe(after), "why": row.reason or ""}


BUDGET_LABELS = dict(zip(BUDGET_FIELDS, ("Coût total du projet", "Demande à l'Anact", "Montant des co-financements"),
                         strict=True))


def correction_label(name: str) -> str:
    if name in BUDGET_LABELS:
        return BUDGET_LABELS[name]
    if name.startswith(SECTION_PREFIX):
        sid = name[len(SECTION_PREFIX):]
        return f"partie « {vocabulary.section_titles().get(sid, sid)} »"
    if name == DECISION_FIELD:
        return "décision fixée par le secrétariat"
    return name


def correction_text(name: str, value, read) -> str:
    """A corrected value in French; no value: the reading holds (what it read, if known)."""
    def one(v) -> str:
        if name in BUDGET_LABELS:
            return vocabulary.euros(v)
        if name.startswith(SECTION_PREFIX):
            return {"present": "présente", "absent": "absente"}.get(v, str(v))
        return vocabulary.DECISION_LABELS.get(v, str(v))

    if value is None:
        if name == DECISION_FIELD:
            return "décision calculée"
        return f"lecture : {one(read)}" if read is not None else "lecture"
    return one(value)
