"""The committee's ranking and decisions: /committee/selection.

Every released dossier the user may see, ranked by the mean of the members' submitted
reviews (web.reviews), with their number and the criteria they disagree on; the chair
(role "chair") records for each the committee's decision (retenu with the amount
granted, non retenu, liste d'attente) and the consensus comment (and whether the letter
may quote it). The amounts retained are added up against the call's envelope
([committee] envelope_euros): a decision that would exceed it is shown first and saved
only once the chair confirms. Every decision is in the dossier's journal.
"""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, func, insert, select, update

from intake.committee.comparison import parse_amount, ranking_xlsx
from intake.committee.reviews import agreement, overall, scale_of
from intake.committee.summaries import settings_of
from intake.vocabulary import SELECTION_LABELS, euros
from storage.queries import now
from storage.schema import SELECTION_DECISIONS, selections, users

from .committee import released, released_dossiers
from .comparison import envelope_of
from .conflicts import member_scope
from .decision_letters import letters_of
from .files import content_disposition
from .pages import audit, config_of, render, user_of
from .reviews import reviews_of

router = APIRouter()

SELECTION = "/committee/selection"
DECIDE = "/committee/selection/{reference}"
# Routes a committee account may use besides web.committee's pages (deciding: the chair only).
RANKING_XLSX = "/committee/classement.xlsx"
COMMITTEE_ROUTES: frozenset[tuple[str, str]] = frozenset({("GET", SELECTION), ("POST", DECIDE), ("GET", RANKING_XLSX)})
DECISION_LABELS = SELECTION_LABELS


class DecisionError(ValueError):
    """A decision that cannot be recorded as typed (French)."""


def ranked(request: Request, conn: Connection) -> list[dict]:
    """The released dossiers the user sees, each with its reviews' mean, count, the
    criteria members disagree on and its decision; best mean first (none last)."""
    user = user_of(request)
    scope = member_scope(conn, user)
    config = config_of(request)
    scale = scale_of(config) if config is not None else None
    criteria = [c.id for c in settings_of(config).criteria] if config is not None else []
    rows = [r for r in released_dossiers(conn, request.app.state.call) if scope.shows(r["d"].reference)]
    decided = {s.dossier_id: s for s in conn.execute(select(selections, users.c.name.label("by"))
                                                     .join(users, users.c.id == selections.c.user_id))}
    for r in rows:
        d = r["d"]
        per_review = [rv["scores"] for rv in reviews_of(conn, d.id) if rv["row"].submitted_at is not None]
        means = [m for m in (overall(s) for s in per_review) if m is not None]
        r["reviews"] = len(per_review)
        r["mean"] = round(sum(means) / len(means), 2) if means else None
        # the criteria the members disagree on, as the review page marks them
        r["disagree"] = [a.criterion for a in agreement(criteria, per_review)
                         if scale is not None and a.disagree(scale)]
        r["selection"] = decided.get(d.id)
        r["conflict"] = scope.marker(d.reference)
    rows.sort(key=lambda r: (r["mean"] is None, -(r["mean"] or 0), r["d"].reference))
    return rows


def _totals(conn: Connection, envelope: float | None, *, without: int | None = None, plus: float = 0.0) -> dict:
    granted = conn.execute(select(func.coalesce(func.sum(selections.c.amount), 0.0)).where(
        selections.c.decision == "retenu", *([selections.c.dossier_id != without] if without else []))).scalar()
    total = float(granted or 0) + plus
    return {"granted": total, "envelope": envelope,
            "remainder": None if envelope is None else envelope - total}


def _page(request: Request, *, status: int = 200, error: str = "", typed: dict | None = None, confirm: bool = False,
          notice: str = "") -> HTMLResponse:
    with request.app.state.db.connect() as conn:
        rows = ranked(request, conn)
        letters = letters_of(conn)
        totals = _totals(conn, envelope_of(config_of(request)))
        retained = conn.execute(select(func.count()).select_from(selections)
                                .where(selections.c.decision == "retenu")).scalar() or 0
    return render(request, "selection.html", status, rows=rows, totals=totals, retained=retained,
                  labels=DECISION_LABELS, decisions=SELECTION_DECISIONS, chair=user_of(request).role == "chair",
                  error=error, typed=typed or {}, confirm=confirm, notice=notice, euros_text=euros,
                  letters=letters, secretariat=user_of(request).can_act)


@router.get(SELECTION, response_class=HTMLResponse)
def selection_page(request: Request):
    fait, n = request.query_params.get("fait", ""), request.query_params.get("n", "0")
    notice = {"decision": "La décision est enregistrée.",
              "lettres": f"Lettres préparées : {n}. Chacune attend d'être relue et validée sur sa page avant l'envoi."
                         + (" Certains dossiers n'ont pas de lettre : voir la colonne « Lettre »."
                            if request.query_params.get("sans") else "")}.get(fait, "")
    return _page(request, notice=notice)


@router.get(RANKING_XLSX)
def ranking_download(request: Request):
    """The page's ranking and decisions as a workbook."""
    with request.app.state.db.connect() as conn:
        listed = ranked(request, conn)
    rows = [{"reference": r["d"].reference, "title": r["d"].title or r["d"].subject or "",
             "applicant": r["d"].sender_address or "", "mean": r["mean"], "reviews": r["reviews"],
             "disagree": len(r["disagree"]), "anact": r["anact"],
             "decision": SELECTION_LABELS.get(r["selection"].decision, "") if r["selection"] else "",
             "amount": r["selection"].amount if r["selection"] else None,
             "consensus": r["selection"].consensus if r["selection"] else ""} for r in listed]
    body = ranking_xlsx(rows, envelope_of(config_of(request)))
    return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", headers={
        "Content-Disposition": content_disposition("classement-comite.xlsx"), "X-Content-Type-Options": "nosniff"})


@router.post(DECIDE)
def decide(request: Request, reference: str, decision: str = Form(""), amount: str = Form(""),
           consensus: str = Form(""), share: str = Form(""), confirm: str = Form("")):
    """The chair records (or changes) the committee's decision on one dossier."""
    user = user_of(request)
    if user.role != "chair":
        raise HTTPException(403, "Seule la présidence du comité enregistre les décisions.")
    typed = {"reference": reference.upper(), "decision": decision, "amount": amount, "consensus": consensus,
             "share": share == "1"}
    envelope = envelope_of(config_of(request))
    try:
        with request.app.state.db.begin() as conn:
            d = released(conn, reference)
            scope = member_scope(conn, user)
            if scope.marker(d.reference) or not scope.shows(d.reference):
                raise DecisionError("Vous avez un conflit d'intérêts possible avec ce dossier : la décision revient "
                                    "à un autre membre du comité.")
            if decision not in SELECTION_DECISIONS:
                raise DecisionError("Choisissez la décision du comité : retenu, non retenu ou liste d'attente.")
            value = None
            cap = float(request.app.state.call.anact_cap) if request.app.state.call is not None else None
            if decision == "retenu":
                value = parse_amount(amount)
                if value is None or value <= 0:
                    raise DecisionError("Indiquez le montant accordé, en euros (par exemple 45 000).")
                if cap is not None and value > cap:
                    raise DecisionError(f"Le montant accordé dépasse le plafond de l'appel ({euros(cap)}).")
                totals = _totals(conn, envelope, without=d.id, plus=value)
                if envelope is not None and totals["remainder"] is not None and totals["remainder"] < 0 \
                        and confirm != "oui":
                    raise _Confirm(f"Avec ce montant, les projets retenus totalisent {euros(totals['granted'])} "
                                   f"pour une enveloppe de {euros(envelope)} : dépassement de "
                                   f"{euros(-totals['remainder'])}. Confirmez pour l'enregistrer quand même.")
            old = conn.execute(select(selections).where(selections.c.dossier_id == d.id)).first()
            values = {"decision": decision, "amount": value, "consensus": consensus.strip()[:4000],
                      "share_consensus": share == "1" and bool(consensus.strip()), "user_id": user.id,
                      "decided_at": now()}
            if old is None:
                conn.execute(insert(selections).values(dossier_id=d.id, **values))
            else:
                conn.execute(update(selections).where(selections.c.id == old.id).values(**values))
            audit(conn, user, d.id, "selection_decided",
                  {"decision": old.decision, "amount": old.amount} if old else None,
                  {"decision": decision, "amount": value}, consensus.strip()[:300] or None)
    except _Confirm as e:
        return _page(request, error=str(e), typed=typed, confirm=True)
    except DecisionError as e:
        return _page(request, status=400, error=str(e), typed=typed)
    return RedirectResponse(f"{SELECTION}?fait=decision#ligne-{reference.upper()}", status_code=303)


class _Confirm(DecisionError):
    """Over the envelope: shown, then saved once confirmed."""
