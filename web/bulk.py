"""Bulk actions on the queue: the rows ticked in the queue's table, one POST (with its
CSRF token), one transaction per action, an audit entry per email or dossier.

- approve: the held completion requests of the selected dossiers are first shown (each
  with its recipient and text); once confirmed, those shown, and only those, go to the
  sender's queue (as confirming one on its own page does);
- reviewed: the dossiers are marked reviewed now (`dossiers.reviewed_at`): they leave
  "à traiter" until something changes them again (a new email, a correction), unless
  an email of theirs waits for approval or failed;
- export: the selected dossiers as an XLSX workbook (the same sheets as the queue's
  export, in the queue's order), downloaded; nothing changes.

Back to the queue (but for the export), with its filters, and a count of what was done.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Connection, select, update

from storage.queries import now
from storage.schema import HELD, dossiers, outbox

from . import letters
from . import queries as wq
from .accounts import User
from .exports import XLSX_TYPE, download_response, export_filters, queue_xlsx, records, stamp
from .pages import audit, render, require_secretariat, user_of

router = APIRouter(dependencies=[Depends(require_secretariat)])

ACTIONS = ("approve", "reviewed", "export")
MAX_SELECTED = 500


def selected_dossiers(conn: Connection, references: list[str]) -> list:
    refs = sorted({r.strip().upper() for r in references if r.strip()})[:MAX_SELECTED]
    if not refs:
        return []
    return list(conn.execute(select(dossiers).where(dossiers.c.reference.in_(refs)).order_by(dossiers.c.reference)))


def held_requests(conn: Connection, rows: list) -> list:
    """The held completion requests of these dossiers, with their dossier's reference."""
    return list(conn.execute(select(outbox, dossiers.c.reference).join(dossiers, dossiers.c.id == outbox.c.dossier_id)
                             .where(outbox.c.dossier_id.in_([d.id for d in rows]), outbox.c.state == HELD,
                                    outbox.c.kind == "completion_request").order_by(outbox.c.id)))


def approve_completion_requests(conn: Connection, user: User, rows: list, shown: set[int]) -> int:
    """Approve the held requests of `rows` that the confirmation page showed."""
    held = [m for m in held_requests(conn, rows) if m.id in shown]
    for m in held:
        wq.mail_action(conn, user, m.dossier_id, m.id, "approve", "validation groupée depuis la liste des dossiers")
    return len(held)


def mark_reviewed(conn: Connection, user: User, rows: list, where: str = "depuis la liste des dossiers") -> int:
    t = now()
    for d in rows:
        # updated_at is left alone: it is what a later change is compared with
        conn.execute(update(dossiers).where(dossiers.c.id == d.id).values(reviewed_at=t))
        audit(conn, user, d.id, "reviewed", None, None, where)
    return len(rows)


def back_to_queue(back: str, **notice: str) -> str:
    """The queue with the filters it was showing (read again, nothing else kept)."""
    params = wq.QueueFilters.from_params(dict(parse_qsl(back or ""))).params(page="")
    params.update(notice)
    return "/?" + urlencode(params)


@router.post("/queue/bulk")
def bulk(request: Request, action: str = Form(""), ref: Annotated[list[str] | None, Form()] = None, back: str = Form(""),
         confirm: str = Form(""), mail: Annotated[list[int] | None, Form()] = None):
    if action not in ACTIONS:
        return RedirectResponse(back_to_queue(back), status_code=303)
    if action == "export":
        return export_selected(request, ref or [], back)
    with request.app.state.db.begin() as conn:
        rows = selected_dossiers(conn, ref or [])
        if not rows:
            return RedirectResponse(back_to_queue(back, fait="lot-vide"), status_code=303)
        if action == "approve" and confirm != "oui":
            return confirm_page(request, conn, rows, back)
        if action == "approve":
            n = approve_completion_requests(conn, user_of(request), rows, set(mail or []))
            target = back_to_queue(back, fait="lot-valides", n=str(n), sur=str(len(rows)))
        else:
            n = mark_reviewed(conn, user_of(request), rows)
            target = back_to_queue(back, fait="lot-examines", n=str(n))
    return RedirectResponse(target, status_code=303)


def confirm_page(request: Request, conn: Connection, rows: list, back: str) -> Response:
    """What the bulk approval would send, email by email, before anything is sent."""
    blobs = request.app.state.blobs
    mails = []
    for m in held_requests(conn, rows):
        try:
            text = letters.text_part(blobs.get(m.raw_sha256))
        except Exception:  # noqa: BLE001 - a pruned store: the row is still listed
            text = ""
        mails.append({"m": m, "text": text})
    return render(request, "bulk_confirm.html", m_count=len(mails), mails=mails, refs=[d.reference for d in rows],
                  back=back, queue=back_to_queue(back))


def export_selected(request: Request, references: list[str], back: str) -> Response:
    """The ticked dossiers as XLSX, sorted as the queue was (its sort read from `back`)."""
    refs = sorted({r.strip().upper() for r in references if r.strip()})[:MAX_SELECTED]
    if not refs:
        return RedirectResponse(back_to_queue(back, fait="lot-vide"), status_code=303)
    f = export_filters(dict(parse_qsl(back or "")))
    f = replace(f, decision="", flag="", date_from=None, date_to=None, todo=False, q="")  # the ticks choose
    with request.app.state.db.connect() as conn:
        _page, recs = records(conn, f, only=refs)
    at = now()
    n = len(recs)
    body = queue_xlsx(recs, str(request.base_url), f, at,
                      selection=f"{n} dossier{'s' if n > 1 else ''} coché{'s' if n > 1 else ''} dans la liste")
    return download_response(body, XLSX_TYPE, f"dossiers-selection-{stamp(at)}.xlsx")
