"""The selection committee's view, and the secretariat's release of a dossier to it.

Committee accounts reach only the pages listed in COMMITTEE_PAGES (web.app's guard
refuses them everything else, 403): the list of dossiers the secretariat released and
each of them, read-only: the reading (parts, budget, partners), the flags with the
secretariat's corrections, the files by name. The applicants' emails as received are
shown only when config.toml says `[web] committee_sees_raw = true`; the secretariat's
notes, the answers and the journal are never shown. An unreleased dossier is 404, as
if it did not exist.

Releasing (and taking back) is a secretariat action on the dossier page, audited.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, func, select, update
from sqlalchemy.engine import Row

from intake import vocabulary
from intake.committee.digest import proposal_context
from intake.committee.summaries import (
    committee_view,
    ensure_summary,
    settings_of,
)
from intake.config import default_call
from intake.decisions import corrected_facts, flag_views, overrides_from_rows, severity_counts
from storage import queries as sq
from storage.schema import dossier_messages, dossiers, flag_overrides, messages, reviews

from . import queries as wq
from .bulk import mark_reviewed
from .conflicts import member_gate, member_scope
from .files import SHA256_RE, contract_names, dossier_message_rows, file_response, find_file
from .pages import audit, config_of, render, require_secretariat, user_of, web_options

router = APIRouter()

# The only routes a committee account may reach (GET), besides logging out.
COMMITTEE_PAGES = frozenset({"/committee", "/committee/dossiers/{reference}",
                             "/committee/dossiers/{reference}/fichiers/{sha256}",
                             "/committee/dossiers/{reference}/messages/{message_id}"})


# ------------------------------------------------------------------ queries

def released_dossiers(conn: Connection, call=None) -> list[dict]:
    """The released dossiers with their figures and alerts as corrected (the same the
    dossier's summary and the comparison show)."""
    rows = conn.execute(select(dossiers).where(dossiers.c.released_at.is_not(None)).order_by(dossiers.c.reference))
    out = []
    for d in rows:
        data, overrides = corrected_facts(conn, d.id, _data(d), call or default_call())
        budget = data.get("budget") or {}
        out.append({"d": d, "flags": severity_counts(data, overrides), "anact": budget.get("anact_request"),
                    "share": (budget.get("cofinancing") or {}).get("share")})
    return out


def _data(d: Row) -> dict:
    try:
        return json.loads(d.dossier_json)
    except ValueError:
        return {}


def _overrides(conn: Connection, dossier_id: int) -> dict:
    return overrides_from_rows(conn.execute(select(flag_overrides).where(flag_overrides.c.dossier_id == dossier_id)))


def released(conn: Connection, reference: str) -> Row:
    """The dossier if it is released; 404 otherwise (an unreleased dossier does not
    exist for the committee)."""
    d = wq.dossier_by_reference(conn, reference)
    if d is None or d.released_at is None:
        raise HTTPException(404)
    return d


def released_to(request: Request, conn: Connection, reference: str) -> tuple[Row, Response | None]:
    """The released dossier, and the conflict warning a member must pass first (None: go on)."""
    d = released(conn, reference)
    return d, member_gate(request, conn, d)


def _may_see_raw(request: Request) -> bool:
    if user_of(request).can_act:
        return True
    return web_options(config_of(request)).committee_sees_raw


# ------------------------------------------------------------------ the committee's pages



@router.get("/committee", response_class=HTMLResponse)
def committee_list(request: Request):
    with request.app.state.db.connect() as conn:
        user = user_of(request)
        scope = member_scope(conn, user)
        rows = [r for r in released_dossiers(conn, request.app.state.call) if scope.shows(r["d"].reference)]
        mine = {r.dossier_id: r for r in conn.execute(select(reviews).where(reviews.c.user_id == user.id))}
        counts = dict(conn.execute(select(reviews.c.dossier_id, func.count()).where(reviews.c.submitted_at.is_not(None))
                                   .group_by(reviews.c.dossier_id)).all())
    for r in rows:
        d = r["d"]
        own = mine.get(d.id)
        r["review"] = ("conflit" if d.reference in scope.marked else "soumise" if own is not None and own.submitted_at
                       else "brouillon" if own is not None else "à faire")
        r["submitted"] = counts.get(d.id, 0)
    stepped = request.query_params.get("ref", "") if request.query_params.get("fait") == "deporte" else ""
    return render(request, "committee.html", rows=rows, conflicts=scope.marked, stepped=stepped,
                  aside=len(scope.hidden))


@router.get("/committee/dossiers/{reference}/fichiers/{sha256}")
def committee_file(request: Request, reference: str, sha256: str):
    """An original attachment of a released dossier, downloaded, behind the same conflict
    gate as its page (and never for a member who stepped aside)."""
    if not SHA256_RE.fullmatch(sha256):
        raise HTTPException(404)
    db, blobs = request.app.state.db, request.app.state.blobs
    with db.connect() as conn:
        d, gate = released_to(request, conn, reference)
        if gate is not None:
            return gate
        rows = dossier_message_rows(conn, d.id)
    f = find_file(blobs, rows, sha256, contract_names(d.dossier_json))
    if f is None:
        raise HTTPException(404)
    return file_response(f)


@router.get("/committee/dossiers/{reference}", response_class=HTMLResponse)
def committee_dossier(request: Request, reference: str):
    db, blobs = request.app.state.db, request.app.state.blobs
    with db.connect() as conn:
        d, gate = released_to(request, conn, reference)  # a member with a possible conflict confirms first
        if gate is not None:
            return gate
        data = _data(d)
        view_overrides = {(o.code, o.target or ""): o for o in conn.execute(
            select(flag_overrides).where(flag_overrides.c.dossier_id == d.id))}
        received = []
        see_raw = _may_see_raw(request)
        if see_raw:
            for m in sq.linked_messages(conn, d.id):
                received.append({"row": m, **wq.message_headers(blobs, m.sha256)})
    overrides = {k: o.status for k, o in view_overrides.items()}
    flags = sorted(flag_views(data, overrides), key=lambda v: v.flag.get("severity") != "blocking")
    config = config_of(request)
    ctx = {}
    if config is not None:
        summary = ensure_summary(db, blobs, config, d)
        with db.connect() as conn:
            ctx["sum"] = proposal_context(committee_view(conn, d, summary, config), settings_of(config), config.call)
    return render(request, "committee_dossier.html", d=d, data=data, flags=flags, overrides=view_overrides,
                  received=received, see_raw=see_raw,
                  sections=vocabulary.section_titles(config.call if config is not None else None), **ctx)


@router.get("/committee/dossiers/{reference}/messages/{message_id}")
def committee_message(request: Request, reference: str, message_id: int):
    """An email of a released dossier as it was received, as plain text (nothing in it
    can run: text/plain, nosniff)."""
    if not _may_see_raw(request):
        raise HTTPException(403, "Les courriels reçus ne sont pas communiqués au comité.")
    db, blobs = request.app.state.db, request.app.state.blobs
    with db.connect() as conn:
        d, gate = released_to(request, conn, reference)  # a member with a possible conflict confirms first
        if gate is not None:
            return gate
        m = conn.execute(select(messages).join(dossier_messages, dossier_messages.c.message_id == messages.c.id)
                         .where(dossier_messages.c.dossier_id == d.id, messages.c.id == message_id)).first()
    if m is None:
        raise HTTPException(404)
    try:
        raw = blobs.get(m.sha256)
    except Exception as e:  # noqa: BLE001 - a pruned store
        raise HTTPException(404) from e
    return Response(raw.decode("utf-8", "replace"), media_type="text/plain; charset=utf-8",
                    headers={"Content-Disposition": "inline"})


# ------------------------------------------------------------------ the secretariat releases

def _set_release(request: Request, reference: str, release: bool, confirm: str = ""):
    """A dossier that is not complete goes to the committee only once the page said so
    and the secretariat confirmed (confirm=oui)."""
    with request.app.state.db.begin() as conn:
        d = wq.dossier_by_reference(conn, reference)
        if d is None:
            raise HTTPException(404)
        if release and d.released_at is None and d.decision != "complete" and confirm != "oui":
            return RedirectResponse(f"/dossiers/{d.reference}?confirmer=liberer#comite", status_code=303)
        if (d.released_at is not None) != release:
            # updated_at is left alone: releasing changes nothing the worker or the queue reads
            conn.execute(update(dossiers).where(dossiers.c.id == d.id)
                         .values(released_at=sq.now() if release else None))
            audit(conn, user_of(request), d.id, "released" if release else "unreleased")
    return RedirectResponse(f"/dossiers/{d.reference}?fait={'libere' if release else 'retire'}", status_code=303)


@router.post("/dossiers/{reference}/reviewed", dependencies=[Depends(require_secretariat)])
def reviewed(request: Request, reference: str):
    """Marked reviewed from its own page, as the queue's bulk action does."""
    with request.app.state.db.begin() as conn:
        d = wq.dossier_by_reference(conn, reference)
        if d is None:
            raise HTTPException(404)
        mark_reviewed(conn, user_of(request), [d], "depuis le dossier")
    return RedirectResponse(f"/dossiers/{d.reference}?fait=examine", status_code=303)


@router.post("/dossiers/{reference}/release", dependencies=[Depends(require_secretariat)])
def release(request: Request, reference: str, confirm: str = Form("")):
    return _set_release(request, reference, True, confirm)


@router.post("/dossiers/{reference}/unrelease", dependencies=[Depends(require_secretariat)])
def unrelease(request: Request, reference: str):
    return _set_release(request, reference, False)
