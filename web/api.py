"""A JSON API over the same data as the pages, for integrations, with its OpenAPI
description at /api/openapi.json.

- GET /api/dossiers               the queue: same filters and order as the page, paginated
- GET /api/dossiers/{reference}   the stored dossier JSON (the contract) plus reference,
                                  received_at, title, decision, reading_decision, overrides
- GET /api/openapi.json           the description of these routes, the exports and the
                                  file downloads (FastAPI's docs pages stay disabled)

Like every route of the app, these ask for a session (web.app's guard): an integration
logs in with the login form and sends the session cookie. Unknown references answer JSON
404. Paths in the answers are relative to the site.
"""

from __future__ import annotations

from datetime import datetime
from importlib import metadata
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field

from intake import vocabulary

from .exports import Record, dossier_document, dossier_row, records
from .pages import require_secretariat
from .queries import DECISIONS, SORTS, QueueFilters

router = APIRouter(prefix="/api", tags=["API"], dependencies=[Depends(require_secretariat)])

PER_PAGE = 50
MAX_PER_PAGE = 200


# ------------------------------------------------------------------ the answers' shapes

class Open(BaseModel):
    """Keys may be added to the contract: they are kept."""

    model_config = ConfigDict(extra="allow")


class FlagCounts(BaseModel):
    blocking: int = Field(description="Alertes bloquantes qui comptent encore")
    warning: int = Field(description="Avertissements qui comptent encore")
    set_aside: int = Field(description="Alertes que le secrétariat a jugées non applicables")


class LastEmail(BaseModel):
    kind: str = Field(description="acknowledgement, completion_request, completed, late…")
    state: str = Field(description="queued, held, sent, failed, discarded")
    label: str = Field(description="En français, tel que la liste l'affiche")


class DossierSummary(BaseModel):
    reference: str
    url: str = Field(description="Cette ressource dans l'API")
    page_url: str = Field(description="La page du dossier dans l'application")
    received_at: datetime | None = Field(description="Première réception (UTC)")
    applicant: str = Field(description="Adresse de l'expéditeur")
    title: str | None = Field(description="Titre du projet, à défaut l'objet du premier courriel")
    subject: str | None
    decision: str = Field(description="complete, incomplete, needs_review, late, not_a_proposal "
                                      "(après les corrections du secrétariat)")
    flags: FlagCounts
    flag_codes: list[str] = Field(description="Codes des alertes qui comptent encore")
    total_cost: float | None
    anact_request: float | None
    cofinancing_amount: float | None
    cofinancing_share: float | None = Field(description="Part du co-financement dans le coût total (0.2 = 20 %)")
    totals: dict[str, float | None] = Field(description="Total par catégorie de dépenses")
    partners: int = Field(description="Nombre de partenaires relevés")
    sections_present: int = Field(description="Parties de la description présentes, sur 10")
    last_email: LastEmail | None
    emails_held: int = Field(description="Courriels en attente de validation")
    emails_failed: int = Field(description="Courriels en échec d'envoi")


class DossierList(BaseModel):
    total: int = Field(description="Dossiers correspondant aux filtres")
    page: int
    pages: int
    per_page: int
    next: str | None = Field(description="La page suivante, avec les mêmes filtres")
    previous: str | None
    items: list[DossierSummary]


class Message(Open):
    message_id: str | None = None
    from_: str | None = Field(None, alias="from")
    subject: str | None = None
    date: str | None = None


class Attachment(Open):
    filename: str
    sha256: str
    media_type: str
    status: str = Field(description="parsed, scanned, encrypted, unreadable, unsupported, skipped")
    detail: str = ""
    container: str | None = Field(None, description="L'archive (ZIP, winmail.dat) dont le fichier vient")
    download_url: str | None = Field(None, description="Le fichier d'origine (hors membres d'archive)")


class Section(Open):
    present: bool
    source: str | None = None
    heading: str | None = None
    excerpt: str = ""


class Flag(Open):
    code: str
    target: str = ""
    severity: str = Field(description="blocking ou warning")
    message: str = ""
    evidence: str = ""


class Override(BaseModel):
    code: str
    target: str
    status: str = Field(description="not_applicable (l'alerte ne compte plus) ou confirmed")
    comment: str
    by: str | None = Field(description="Nom de la personne")
    at: datetime | None


class DossierDetail(Open):
    reference: str
    received_at: datetime | None
    title: str | None
    decision: str | None = Field(description="La décision, après les corrections du secrétariat")
    reading_decision: str | None = Field(description="La décision de la lecture automatique (le `decision` du contrat)")
    message: Message | None = None
    attachments: list[Attachment] = []
    sections: dict[str, Section] = {}
    budget: dict[str, Any] | None = Field(None, description="Lignes, totaux, coût total, demande Anact, co-financement")
    partners: list[dict[str, Any]] = []
    flags: list[Flag] = []
    overrides: list[Override] = []


class Problem(BaseModel):
    detail: str


# ------------------------------------------------------------------ routes

def _summary(r: Record) -> dict:
    q, budget, cof = r.queue, r.budget, r.cofinancing
    mail = None
    if q.get("mail_state"):
        mail = {"kind": q["mail_kind"], "state": q["mail_state"],
                "label": f"{vocabulary.KIND_LABELS.get(q['mail_kind'], q['mail_kind'])} : "
                         f"{vocabulary.ANSWER_STATE_LABELS.get(q['mail_state'], q['mail_state'])}"}
    totals = budget.get("totals") if isinstance(budget.get("totals"), dict) else {}
    return {
        "reference": r.row.reference,
        "url": f"/api/dossiers/{r.row.reference}",
        "page_url": f"/dossiers/{r.row.reference}",
        "received_at": r.row.first_received,
        "applicant": q["applicant"],
        "title": r.row.title or r.data.get("title") or r.row.subject,
        "subject": r.row.subject,
        "decision": r.row.decision or "",
        "flags": q["flags"],
        "flag_codes": q["flag_codes"],
        "total_cost": budget.get("total_cost"),
        "anact_request": budget.get("anact_request"),
        "cofinancing_amount": cof.get("amount"),
        "cofinancing_share": cof.get("share"),
        "totals": totals,
        "partners": len(r.data.get("partners") or []),
        "sections_present": sum(1 for s in (r.data.get("sections") or {}).values()
                                if isinstance(s, dict) and s.get("present")),
        "last_email": mail,
        "emails_held": q["held"],
        "emails_failed": q["failed"],
    }


@router.get("/dossiers", response_model=DossierList, summary="Liste des dossiers",
            description="Les dossiers de la liste du secrétariat, avec ses filtres et son ordre (une valeur "
                        "inconnue est ignorée, comme dans la page), `per_page` dossiers par page.")
def list_dossiers(
    request: Request,
    decision: Annotated[str | None, Query(description=f"Une décision : {', '.join(DECISIONS)}")] = None,
    flag: Annotated[str | None, Query(description="Un code d'alerte (missing_section, late_submission…)")] = None,
    from_: Annotated[str | None, Query(alias="from", description="Reçus à partir de ce jour (AAAA-MM-JJ, "
                                                                 "heure de Paris)")] = None,
    to: Annotated[str | None, Query(description="Reçus jusqu'à ce jour inclus (AAAA-MM-JJ)")] = None,
    todo: Annotated[str | None, Query(description="1 : seulement les dossiers à traiter")] = None,
    q: Annotated[str | None, Query(description="Recherche : porteur, titre, texte lu ; \"une phrase\"")] = None,
    sort: Annotated[str | None, Query(description=f"Tri : {', '.join(SORTS)} (received par défaut)")] = None,
    dir: Annotated[str | None, Query(description="desc pour l'ordre décroissant")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = PER_PAGE,
):
    """The queue with the page's own filters and order (an unknown value is ignored, as
    on the page), `per_page` dossiers a page. The parameters are declared for the OpenAPI
    description; the queue's own QueueFilters reads them, as for the page."""
    f = QueueFilters.from_params(request.query_params)
    with request.app.state.db.connect() as conn:
        qp, recs = records(conn, f, page_size=per_page)

    def link(n: int) -> str:
        return "/api/dossiers?" + urlencode({**f.params(page=str(n) if n > 1 else ""),
                                             **({"per_page": per_page} if per_page != PER_PAGE else {})})

    return {"total": qp.total, "page": qp.page, "pages": qp.pages, "per_page": per_page,
            "next": link(qp.page + 1) if qp.page < qp.pages else None,
            "previous": link(qp.page - 1) if qp.page > 1 else None,
            "items": [_summary(r) for r in recs]}


@router.get("/dossiers/{reference}", response_model=DossierDetail, response_model_exclude_unset=True,
            response_model_by_alias=True, summary="Un dossier", responses={404: {"model": Problem}},
            description="Le dossier JSON tel que le service l'a enregistré (le contrat de dossier), avec sa "
                        "référence, sa première réception, la décision après les corrections du secrétariat "
                        "(celle de la lecture dans `reading_decision`) et ces corrections ; chaque pièce "
                        "jointe hors archive a l'adresse de son fichier d'origine.")
def get_dossier(request: Request, reference: str):
    """The dossier as it stands now, in the contract's shape (the secretariat's
    corrections applied, the alerts it set aside left out), with the reference, the first
    receipt time, the decision, the reading as read (`reading`), the corrections and
    overrides; each attachment outside an archive has its download path."""
    with request.app.state.db.connect() as conn:
        d = dossier_row(conn, reference)
        if d is None:
            return JSONResponse({"detail": f"Aucun dossier {reference[:40]}."}, status_code=404)
        return dossier_document(conn, d, request.app.state.call)


def openapi_schema(app) -> dict:
    """The description of the API, the exports and the file downloads (the HTML pages
    are left out), with the session cookie as its security scheme."""
    cached = getattr(app.state, "api_openapi", None)
    if cached is not None:
        return cached
    paths = ("/api/", "/exports/", "/dossiers/{reference}/dossier.zip", "/dossiers/{reference}/files/")
    # Included routers stay one entry each in app.routes: their routes, flattened.
    routes = [r for r in iter_route_contexts(app.routes) if getattr(r, "include_in_schema", False)
              and str(r.path or "").startswith(paths)]
    try:
        version = metadata.version("fabrique-intake")
    except metadata.PackageNotFoundError:
        version = "0"
    schema = get_openapi(
        title="Fabrique Intake — API des dossiers", version=version, routes=routes,
        description=("Les dossiers de candidature lus par le service, pour les intégrations. "
                     "Chaque route demande une session : se connecter par le formulaire /login, "
                     "puis envoyer le cookie `fabrique_session`. Le format des dossiers est celui "
                     "du contrat de dossier (les clés peuvent s'enrichir)."))
    # A malformed parameter gets the app's 400 page (web.app), not FastAPI's 422.
    for operations in schema.get("paths", {}).values():
        for op in operations.values():
            if op.get("responses", {}).pop("422", None) is not None:
                op["responses"]["400"] = {"description": "Paramètre invalide (page d'erreur HTML)."}
    components = schema.setdefault("components", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.get("schemas", {}).pop(name, None)
    components["securitySchemes"] = {
        "session": {"type": "apiKey", "in": "cookie", "name": "fabrique_session",
                    "description": "Le cookie de session posé par la connexion (/login)."}}
    schema["security"] = [{"session": []}]
    app.state.api_openapi = schema
    return schema


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(openapi_schema(request.app))
