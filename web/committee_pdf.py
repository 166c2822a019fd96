"""The committee's PDFs from the web app: one proposal's summary, and the meeting's pack.

The same documents as `fabrique-intake digest` (intake.committee.digest), for committee members
and the secretariat, built on request from the released dossiers only: an unreleased
dossier is 404, as on the committee's pages. A committee member whose declared
affiliations match an organisation a dossier names is first sent to the conflict-of-
interest warning, as for the dossier's page (for the pack: a page listing every such
dossier, each to confirm or step aside from); the pack leaves out the dossiers the member
stepped aside from and marks the others that name their affiliations. Served as
attachments with a file name made of the reference's safe characters only.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from intake.committee.digest import (
    PACK_NAME,
    committee_settings,
    pdf_bytes,
    render_pack_html,
    render_proposal_html,
    safe_name,
)
from intake.committee.summaries import settings_of, views_of_released

from .committee import released_to
from .conflicts import PACK_CONFLICTS, member_scope
from .pages import config_of, user_of

router = APIRouter()

DOSSIER_PDF = "/committee/dossiers/{reference}.pdf"
PACK_PDF = "/committee/pack.pdf"

# Routes a committee account may use besides web.committee's pages: (method, path).
COMMITTEE_ROUTES: frozenset[tuple[str, str]] = frozenset({("GET", DOSSIER_PDF), ("GET", PACK_PDF)})


def _config(request: Request):
    config = config_of(request)
    if config is None:
        raise HTTPException(503, "Configuration de l'appel absente : le PDF ne peut pas être produit.")
    return config


def _pdf(data: bytes, filename: str) -> Response:
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})


@router.get(DOSSIER_PDF)
def dossier_pdf(request: Request, reference: str):
    """One released proposal's summary (the page the pack holds for it)."""
    config = _config(request)
    db, blobs = request.app.state.db, request.app.state.blobs
    with db.connect() as conn:
        d, gate = released_to(request, conn, reference)  # a member with a possible conflict confirms first
        if gate is not None:
            return gate
    views = views_of_released(db, blobs, config, references=[d.reference])
    if not views:
        raise HTTPException(404)
    with db.connect() as conn:
        views[0]["conflict"] = member_scope(conn, user_of(request)).marker(d.reference)
    html = render_proposal_html(views[0], settings_of(config), config.call)
    return _pdf(pdf_bytes(html), f"{safe_name(d.reference)}.pdf")


@router.get(PACK_PDF)
def pack_pdf(request: Request):
    """The pack of every released proposal: cover, contents, one summary each."""
    config = _config(request)
    with request.app.state.db.connect() as conn:
        scope = member_scope(conn, user_of(request))
    if scope.unresolved:  # every dossier of the pack naming an affiliation, confirmed or stepped aside from first
        return RedirectResponse(PACK_CONFLICTS, status_code=303)
    views = [v for v in views_of_released(request.app.state.db, request.app.state.blobs, config)
             if scope.shows(v["reference"])]
    for v in views:
        v["conflict"] = scope.marker(v["reference"])
    html = render_pack_html(views, settings_of(config), config.call, title=committee_settings(config).title)
    return _pdf(pdf_bytes(html), PACK_NAME)
