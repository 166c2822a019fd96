"""The minutes of the selection committee (procès-verbal), as a PDF: the committee's
accounts and their submitted reviews, the conflicts of interest declared (opened after
confirming, or stepped aside), the decisions with their amounts and the committee's
comments, the total granted against the envelope. For the chair and the secretariat."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from intake.committee.digest import environment, french_date, page_css, pdf_bytes, programme_name
from intake.committee.reviews import scale_of
from intake.committee.summaries import settings_of
from intake.vocabulary import DECISION_LABELS, SELECTION_LABELS, euros
from storage.schema import conflict_confirmations, dossiers, recusals, reviews, selections, users

from .accounts import ROLE_LABELS
from .comparison import envelope_of
from .pages import config_of, user_of
from .selection import ranked

router = APIRouter()

MINUTES = "/committee/proces-verbal.pdf"
SHEETS = "/committee/grilles.pdf"
COMMITTEE_ROUTES: frozenset[tuple[str, str]] = frozenset({("GET", MINUTES), ("GET", SHEETS)})


@router.get(SHEETS)
def sheets_pdf(request: Request):
    """A printable scoring sheet per released dossier the user sees (the grid of the call's
    criteria on its scale, a comment line each, the overall opinion), for the meeting."""
    config = config_of(request)
    if config is None:
        raise HTTPException(503, "La configuration de l'appel n'est pas chargée : les grilles ne peuvent pas être produites.")
    with request.app.state.db.connect() as conn:
        listed = ranked(request, conn)
    listed.sort(key=lambda r: r["d"].reference)
    sheets = [{"reference": r["d"].reference, "title": r["d"].title or r["d"].subject or "(sans titre)",
               "applicant": r["d"].sender_address or "", "state": DECISION_LABELS.get(r["d"].decision or "", "—"),
               "anact": euros(r["anact"]) if r["anact"] else "non trouvée"} for r in listed]
    html = environment().get_template("summary/sheets.html").render(
        css=page_css(), programme=programme_name(request.app.state.call), sheets=sheets,
        criteria=[c.label for c in settings_of(config).criteria], scale=scale_of(config).values)
    return Response(pdf_bytes(html), media_type="application/pdf", headers={
        "Content-Disposition": 'attachment; filename="grilles-de-notation.pdf"', "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store"})


@router.get(MINUTES)
def minutes_pdf(request: Request):
    user = user_of(request)
    if not (user.can_act or user.role == "chair"):
        raise HTTPException(403, "Le procès-verbal est établi par la présidence du comité et le secrétariat.")
    config = config_of(request)
    call = request.app.state.call
    envelope = envelope_of(config)
    with request.app.state.db.connect() as conn:
        counts = dict(conn.execute(select(reviews.c.user_id, func.count()).where(reviews.c.submitted_at.is_not(None))
                                   .group_by(reviews.c.user_id)).all())
        members = [{"name": u.name, "role": ROLE_LABELS.get(u.role, u.role), "reviews": counts.get(u.id, 0)}
                   for u in conn.execute(select(users).where(users.c.role.in_(("committee", "chair")),
                                                             users.c.active.is_(True)).order_by(users.c.name))]
        conflicts = [{"member": r.name, "reference": r.reference, "names": ", ".join(r.names.splitlines()),
                      "choice": "lecture après confirmation"}
                     for r in conn.execute(select(users.c.name, dossiers.c.reference, conflict_confirmations.c.names)
                                           .join(users, users.c.id == conflict_confirmations.c.user_id)
                                           .join(dossiers, dossiers.c.id == conflict_confirmations.c.dossier_id))]
        conflicts += [{"member": r.name, "reference": r.reference, "names": ", ".join(r.names.splitlines()),
                       "choice": "s'est déporté"}
                      for r in conn.execute(select(users.c.name, dossiers.c.reference, recusals.c.names)
                                            .join(users, users.c.id == recusals.c.user_id)
                                            .join(dossiers, dossiers.c.id == recusals.c.dossier_id))]
        listed = ranked(request, conn)
        decided = {s.dossier_id: s for s in conn.execute(select(selections))}
    rows = []
    for r in listed:
        s = decided.get(r["d"].id)
        if s is None:
            continue
        rows.append({"reference": r["d"].reference, "title": r["d"].title or r["d"].subject or "",
                     "applicant": r["d"].sender_address or "",
                     "mean": f"{r['mean']:.1f}".replace(".", ",") if r["mean"] is not None else "—",
                     "decision": SELECTION_LABELS.get(s.decision, s.decision),
                     "amount": euros(s.amount) if s.amount else "—", "consensus": s.consensus})
    granted = sum(s.amount or 0 for s in decided.values() if s.decision == "retenu")
    remainder = (envelope - granted) if envelope else None
    html = environment().get_template("summary/minutes.html").render(
        css=page_css(), programme=programme_name(call), call_title=getattr(call, "title", "") or "",
        date=french_date(datetime.now().date()),
        selection_date=french_date(getattr(call, "selection_date", None)),
        members=members, conflicts=sorted(conflicts, key=lambda c: (c["reference"], c["member"])),
        decisions=rows, retained=sum(1 for s in decided.values() if s.decision == "retenu"),
        granted=euros(granted), envelope=euros(envelope) if envelope else None,
        remainder=euros(abs(remainder)) if remainder is not None else None, over=remainder is not None and remainder < 0)
    return Response(pdf_bytes(html), media_type="application/pdf", headers={
        "Content-Disposition": 'attachment; filename="proces-verbal-comite.pdf"', "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store"})
