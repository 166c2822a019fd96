"""The committee's comparison table and funding simulation, for committee and secretariat.

- GET /committee/comparaison        the released dossiers side by side (intake.committee.comparison),
                                    sorted by any column: ?tri=<column>&ordre=asc|desc
- GET /committee/comparaison.xlsx   the same rows in the same order, as a workbook; with an
                                    envelope (config or ?enveloppe=), the reader's simulation
- GET /committee/simulation         each released proposal with a box to tick, the Anact
                                    requests ticked added up against the call's envelope
- POST /committee/simulation        saves the ticked set, for the current user only

Nothing here scores or ranks: the table counts passages and facts. No JavaScript (the
CSP forbids scripts): sorting is links, ticking is a form.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import delete, insert, select

from intake.committee.comparison import (
    comparison_rows,
    comparison_xlsx,
    criterion_header,
    parse_amount,
    remainder_text,
    simulate,
    sort_rows,
)
from intake.committee.digest import committee_settings
from intake.committee.summaries import settings_of, views_of_released
from intake.config import Config, ConfigError
from intake.vocabulary import PARIS, SELECTION_LABELS, euros
from storage.queries import now
from storage.schema import dossiers, funding_picks, selections

from .conflicts import member_scope
from .files import content_disposition
from .pages import config_of, render, user_of

router = APIRouter()

# Routes a committee account may use besides web.committee's pages: (method, path).
COMMITTEE_ROUTES: frozenset[tuple[str, str]] = frozenset({
    ("GET", "/committee/comparaison"),
    ("GET", "/committee/comparaison.xlsx"),
    ("GET", "/committee/simulation"),
    ("POST", "/committee/simulation"),
})

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The page's sortable columns (?tri=), besides each criterion's "passages:<id>".
SORTABLE = frozenset({"reference", "title", "applicant", "decision", "total_cost", "anact_request", "cofinancing",
                      "cofinancing_share", "partners", "territories", "blocking"})


def envelope_of(config: Config | None) -> float | None:
    """config.toml `[committee] envelope_euros` (intake.committee.digest reads the table): the call's
    envelope; None when absent or not an amount (the page says so)."""
    if config is None or not getattr(config, "path", None):
        return None
    try:
        return committee_settings(config).envelope_euros
    except ConfigError:
        return None


def _unavailable(request: Request) -> HTMLResponse:
    return render(request, "error.html", 503, title="Configuration absente",
                  message="Le service n'a pas reçu sa configuration (config.toml) : "
                          "la comparaison ne peut pas être construite.")


def _rows(request: Request, config: Config) -> list[dict]:
    """The comparison's rows the user may see (none they stepped aside from), each with
    its conflict marker for them ("conflict": "" when none)."""
    with request.app.state.db.connect() as conn:
        scope = member_scope(conn, user_of(request))
    views = [v for v in views_of_released(request.app.state.db, request.app.state.blobs, config)
             if scope.shows(v["reference"])]
    rows = comparison_rows(views, settings_of(config))
    for r in rows:
        r["conflict"] = scope.marker(r["reference"])
    return rows


def _order(request: Request, config: Config) -> tuple[str, bool]:
    """?tri=<column>&ordre=asc|desc; the reference, ascending, when absent or unknown."""
    settings = settings_of(config)
    sortable = SORTABLE | {f"passages:{c.id}" for c in [*settings.criteria, settings.commitment]}
    key = request.query_params.get("tri", "reference")
    return (key if key in sortable else "reference"), request.query_params.get("ordre", "asc") == "desc"


def _picks(request: Request) -> set[str]:
    """The references the current user ticked (released dossiers only)."""
    user = user_of(request)
    with request.app.state.db.connect() as conn:
        return {r.reference for r in conn.execute(
            select(dossiers.c.reference).join(funding_picks, funding_picks.c.dossier_id == dossiers.c.id)
            .where(funding_picks.c.user_id == user.id, dossiers.c.released_at.is_not(None)))}


def _typed_envelope(request: Request) -> tuple[str, float | None, bool]:
    """?enveloppe= as typed, its value, and whether it was typed but unreadable."""
    typed = request.query_params.get("enveloppe", "").strip()
    if not typed:
        return "", None, False
    value = parse_amount(typed)
    return typed, value, value is None


def _sorted(request: Request, config: Config) -> tuple[str, bool, list[dict]]:
    """The comparison's rows in the order the URL asks (tri, ordre), with that order."""
    key, desc = _order(request, config)
    return key, desc, sort_rows(_rows(request, config), key, desc)


@router.get("/committee/comparaison", response_class=HTMLResponse)
def comparison_page(request: Request):
    config = config_of(request)
    if config is None:
        return _unavailable(request)
    key, desc, rows = _sorted(request, config)
    settings = settings_of(config)

    def sort_url(column: str) -> str:
        flip = column == key and not desc
        return "/committee/comparaison?" + urlencode({"tri": column, "ordre": "desc" if flip else "asc"})

    criteria = [{"id": c.id, "header": criterion_header(c.id, c.label), "label": c.label, "number": i}
                for i, c in enumerate(settings.criteria, 1)]
    criteria.append({"id": settings.commitment.id, "label": settings.commitment.label, "number": None,
                     "header": criterion_header(settings.commitment.id, settings.commitment.label)})
    return render(request, "comparison.html", rows=rows, key=key, desc=desc, sort_url=sort_url,
                  criteria=criteria, passages_max=settings.criterion_passages_max,
                  xlsx_url="/committee/comparaison.xlsx?" + urlencode({"tri": key, "ordre": "desc" if desc else "asc"}))


@router.get("/committee/comparaison.xlsx")
def comparison_download(request: Request):
    """The page's rows in the page's order; with an envelope, the user's simulation too."""
    config = config_of(request)
    if config is None:
        return _unavailable(request)
    key, desc, rows = _sorted(request, config)
    _typed, typed_value, _bad = _typed_envelope(request)
    envelope = typed_value if typed_value is not None else envelope_of(config)
    with request.app.state.db.connect() as conn:
        decided = {r.reference: (SELECTION_LABELS.get(r.decision, r.decision), r.amount) for r in conn.execute(
            select(dossiers.c.reference, selections.c.decision, selections.c.amount)
            .join(selections, selections.c.dossier_id == dossiers.c.id))}
    body = comparison_xlsx(rows, settings_of(config), envelope, _picks(request) if envelope is not None else None,
                           conflicts=any(r["conflict"] for r in rows),
                           decisions={k: v for k, v in decided.items() if any(r["reference"] == k for r in rows)})
    stamp = now().astimezone(PARIS).strftime("%Y-%m-%d-%H%M")
    return Response(body, media_type=XLSX_TYPE, headers={
        "Content-Disposition": content_disposition(f"comparaison-{stamp}.xlsx"), "X-Content-Type-Options": "nosniff"})


@router.get("/committee/simulation", response_class=HTMLResponse)
def simulation_page(request: Request):
    config = config_of(request)
    if config is None:
        return _unavailable(request)
    rows = _rows(request, config)
    picked = _picks(request)
    configured = envelope_of(config)
    typed, typed_value, bad = _typed_envelope(request)
    envelope = typed_value if typed_value is not None else configured
    sim = simulate(rows, picked, envelope)
    return render(request, "simulation.html", rows=rows, picked=picked, sim=sim, configured=configured,
                  typed=typed, bad=bad, envelope=envelope, remainder=remainder_text(sim),
                  over=sim.remainder is not None and sim.remainder < -0.005,
                  saved=request.query_params.get("fait") == "enregistre", euros_text=euros,
                  xlsx_url="/committee/comparaison.xlsx" + (f"?{urlencode({'enveloppe': typed})}" if typed else ""))


@router.post("/committee/simulation")
def simulation_save(request: Request, ref: Annotated[list[str] | None, Form()] = None,
                    enveloppe: str = Form(""), appliquer: str = Form("")):
    """The ticked set replaces the user's previous one (also when an amount is applied:
    the ticks go with it); only released dossiers count, and those the user stepped aside
    from never do."""
    user = user_of(request)
    wanted = set(ref or [])
    with request.app.state.db.begin() as conn:
        wanted -= member_scope(conn, user).hidden
        ids = [r.id for r in conn.execute(select(dossiers.c.id).where(
            dossiers.c.reference.in_(wanted), dossiers.c.released_at.is_not(None)))] if wanted else []
        conn.execute(delete(funding_picks).where(funding_picks.c.user_id == user.id))
        if ids:
            at = now()
            conn.execute(insert(funding_picks), [{"user_id": user.id, "dossier_id": i, "created_at": at} for i in ids])
    params = {} if appliquer else {"fait": "enregistre"}
    if enveloppe.strip():
        params["enveloppe"] = enveloppe.strip()
    return RedirectResponse("/committee/simulation?" + urlencode(params), status_code=303)
