"""The secretariat's web app: server-rendered French pages over the worker's dossiers.

Every route goes through `guard` (a dependency of the whole app): a live session is
required everywhere but the login form, and every request that is not GET/HEAD must
carry the session's CSRF token in its form (403 otherwise). A route added later is
protected without anyone having to remember it. Pages are Jinja2 templates from
templates/web/, autoescaped whatever their name: everything that comes from a proposal
(subjects, titles, file names, excerpts) is text, never markup. No JavaScript; the
style sheet is inline and allowed by its hash in the Content-Security-Policy.
"""

from __future__ import annotations

import json
import secrets
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from intake import vocabulary
from intake.decisions import (
    BUDGET_FIELDS,
    DECISION_FIELD,
    SECTION_PREFIX,
    apply_corrections,
    flag_views,
)
from storage.blobs import BlobStore

from . import (
    admin,
    api,
    bulk,
    committee,
    committee_pdf,
    comparison,
    conflicts,
    emails,
    exports,
    files,
    filters,
    operations,
)
from . import queries as wq
from .accounts import (
    Session,
    WebSettings,
    authenticate,
    close_session,
    find_session,
    login_blocked,
    open_session,
    record_attempt,
    same_secret,
)
from .pages import page_templates, render

SESSION_COOKIE = "fabrique_session"
LOGIN_COOKIE = "fabrique_login"  # double-submit token of the login form (no session yet)
PUBLIC = {("/login", "GET"), ("/login", "HEAD"), ("/login", "POST")}
SAFE_METHODS = ("GET", "HEAD")

NOTICES = {  # ?fait=... after a change: fixed words, nothing from the request is echoed
    "alerte": "La correction de l'alerte est enregistrée.",
    "note": "La note est ajoutée.",
    "valide": "Le courriel est validé : il part au prochain envoi.",
    "ecarte": "Le courriel est écarté : il ne partira pas.",
    "libere": "Le dossier est libéré pour le comité : ses membres peuvent le consulter.",
    "retire": "Le dossier n'est plus visible du comité.",
    "correction": "La correction est enregistrée ; la décision est recalculée.",
}


class LoginRequired(Exception):
    """No live session: a page asks for the login form, anything else is refused."""


class CommitteeHome(Exception):
    """A committee account asked for the secretariat's queue: its own list instead."""


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "inconnue"


def create_app(db: Engine, blobs: BlobStore, *, settings: WebSettings | None = None,
               call=None) -> FastAPI:
    """The app over this database and blob store. `call` (config [call]) gives the
    section labels; the contract's own ids are shown without it."""
    settings = settings or WebSettings()
    templates = page_templates(call)
    csp = templates.csp()

    def current_session(token: str | None) -> Session | None:
        with db.begin() as conn:
            return find_session(conn, token, settings)

    # the committee's own routes beyond its read-only pages (comparison, conflicts, PDFs)
    committee_routes = comparison.COMMITTEE_ROUTES | conflicts.COMMITTEE_ROUTES | committee_pdf.COMMITTEE_ROUTES

    async def guard(request: Request) -> None:
        route = request.scope.get("route")
        path = getattr(route, "path", request.url.path)
        if (path, request.method) in PUBLIC:
            return
        session = await run_in_threadpool(current_session, request.cookies.get(SESSION_COOKIE))
        if session is None:
            raise LoginRequired()
        request.state.session = session
        if request.method not in SAFE_METHODS:
            form = await request.form()
            if not same_secret(form.get("csrf_token"), session.csrf_secret):
                raise HTTPException(403, "Formulaire expiré ou incomplet : rechargez la page et recommencez.")
        if session.user.role == "committee" and path != "/logout" and not (
                (request.method in SAFE_METHODS and path in committee.COMMITTEE_PAGES)
                or (request.method, path) in committee_routes):
            # The committee reads released dossiers on its own pages, and nothing else.
            if path == "/" and request.method in SAFE_METHODS:
                raise CommitteeHome()
            raise HTTPException(403, "Les comptes du comité consultent les dossiers libérés, en lecture seule.")

    app = FastAPI(title="Fabrique Intake — secrétariat", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(guard)])
    app.state.db, app.state.blobs, app.state.settings = db, blobs, settings
    app.state.templates = templates

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"  # pages hold applicants' personal data
        return response

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired):
        if request.method in SAFE_METHODS:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
        return render(request, "error.html", 401, title="Connexion requise",
                      message="Votre session a expiré : reconnectez-vous, puis recommencez.")

    @app.exception_handler(CommitteeHome)
    async def committee_home(_request: Request, _exc: CommitteeHome):
        return RedirectResponse("/committee", status_code=303)

    @app.exception_handler(RequestValidationError)
    async def invalid_form(request: Request, _exc: RequestValidationError):
        return render(request, "error.html", 400, title="Demande incomplète",
                      message="Le formulaire envoyé est incomplet : revenez à la page et recommencez.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        titles = {403: "Accès refusé", 404: "Page introuvable", 405: "Action impossible",
                  429: "Trop de tentatives"}
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else (
            "Cette page n'existe pas." if exc.status_code == 404 else "La demande n'a pas pu aboutir.")
        return render(request, "error.html", exc.status_code, title=titles.get(exc.status_code, "Erreur"),
                      message=message)

    def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict" if name == LOGIN_COOKIE
                            else "lax", secure=request.url.scheme == "https", path="/")

    # -------------------------------------------------------------- login, logout

    def login_page(request: Request, *, next_url: str = "/", error: str = "", email: str = "",
                   status: int = 200) -> HTMLResponse:
        token = secrets.token_urlsafe(32)
        response = render(request, "login.html", status, login_token=token, next_url=next_url,
                          error=error, email=email)
        set_cookie(request, response, LOGIN_COOKIE, token, 3600)
        return response

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/"):
        return login_page(request, next_url=safe_next(next))

    @app.post("/login")
    def login(request: Request, email: str = Form(""), password: str = Form(""),
              csrf_token: str = Form(""), next: str = Form("/")):
        if not same_secret(csrf_token, request.cookies.get(LOGIN_COOKIE)):
            raise HTTPException(403, "Formulaire de connexion expiré : rechargez la page et recommencez.")
        ip = client_ip(request)
        with db.begin() as conn:
            if login_blocked(conn, email, ip, settings):
                record_attempt(conn, email, ip, False)
                minutes = int(settings.login_window.total_seconds() // 60)
                return login_page(request, next_url=safe_next(next), email=email, status=429,
                                  error=f"Trop de tentatives de connexion : réessayez dans {minutes} minutes.")
            user = authenticate(conn, email, password)
            record_attempt(conn, email, ip, user is not None)
            token = None
            if user is not None:
                close_session(conn, request.cookies.get(SESSION_COOKIE))  # one browser, one session
                token = open_session(conn, user, ip, settings)
        if token is None:
            return login_page(request, next_url=safe_next(next), email=email, status=401,
                              error="Adresse ou mot de passe incorrect.")
        response = RedirectResponse(safe_next(next), status_code=303)
        set_cookie(request, response, SESSION_COOKIE, token, int(settings.session_lifetime.total_seconds()))
        response.delete_cookie(LOGIN_COOKIE, path="/")
        return response

    @app.post("/logout")
    def logout(request: Request):
        with db.begin() as conn:
            close_session(conn, request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    # -------------------------------------------------------------- the queue

    @app.get("/", response_class=HTMLResponse)
    def queue(request: Request):
        f = wq.QueueFilters.from_params(request.query_params)
        with db.connect() as conn:
            page = wq.queue_page(conn, f, limits=wq.call_limits(call))
            saved = filters.of_user(conn, request.state.session.user.id)

        def url(**changes) -> str:
            params = f.params(**changes)
            return "/" + (f"?{urlencode(params)}" if params else "")

        def sort_url(column: str) -> str:
            desc = f.sort == column and not f.desc
            return url(sort=column, dir="desc" if desc else "", page="")

        return render(request, "queue.html", f=f, page=page, url=url, sort_url=sort_url,
                      decisions=wq.DECISIONS, flag_codes=list(vocabulary.FLAG_LABELS), saved_filters=saved)

    # -------------------------------------------------------------- a dossier

    def dossier_page(request: Request, reference: str, *, error: str = "", status: int = 200) -> HTMLResponse:
        with db.connect() as conn:
            view = wq.load_dossier(conn, blobs, reference)
        if view is None:
            raise HTTPException(404)
        overrides = {k: o.status for k, o in view.overrides.items()}
        notice = NOTICES.get(request.query_params.get("fait", ""), "")
        fixes = {f: r.value for f, r in view.corrections.items()}
        # the facts as the secretariat corrected them (the reading itself is kept and shown beside)
        data = apply_corrections(view.data, fixes, **wq.call_limits(call)) if fixes else view.data
        return render(request, "dossier.html", status, d=view.row, data=data, read=view.data, view=view,
                      decisions=wq.DECISIONS, budget_fields=BUDGET_LABELS,
                      flags=sorted(flag_views(data, overrides),  # blocking first
                                   key=lambda v: v.flag.get("severity") != "blocking"),
                      notice=notice, error=error,
                      audit=[audit_entry(a) for a in view.audit], sections=vocabulary.section_titles(call))

    @app.get("/dossiers/{reference}", response_class=HTMLResponse)
    def dossier(request: Request, reference: str):
        return dossier_page(request, reference)

    def change(request: Request, reference: str, action, done: str):
        """Run `action(conn, user, dossier_id)` in one transaction, then back to the
        dossier (303) with a notice; a refused change re-shows the page with why."""
        session: Session = request.state.session
        try:
            with db.begin() as conn:
                d = wq.dossier_by_reference(conn, reference)
                if d is None:
                    raise HTTPException(404)
                action(conn, session.user, d.id)
        except wq.ActionError as e:
            return dossier_page(request, reference, error=str(e), status=400)
        return RedirectResponse(f"/dossiers/{d.reference}?fait={done}#{anchor_of(done)}", status_code=303)

    @app.post("/dossiers/{reference}/flags")
    def override_flag(request: Request, reference: str, code: str = Form(...), target: str = Form(""),
                      status: str = Form(""), comment: str = Form("")):
        return change(request, reference, lambda conn, user, did: wq.set_flag_override(
            conn, user, did, code, target, status, comment, call), "alerte")

    @app.post("/dossiers/{reference}/corrections")
    def correct(request: Request, reference: str, field: str = Form(...), value: str = Form(""),
                reason: str = Form("")):
        """A budget figure, a section present or absent, or the decision set directly
        (an empty value takes the correction back)."""
        return change(request, reference, lambda conn, user, did: wq.set_correction(
            conn, user, did, field, value, reason, call), "correction")

    @app.post("/dossiers/{reference}/notes")
    def add_note(request: Request, reference: str, body: str = Form(""), comite: str = Form("")):
        return change(request, reference, lambda conn, user, did: wq.add_note(
            conn, user, did, body, for_committee=comite == "1"), "note")

    @app.post("/dossiers/{reference}/emails/{outbox_id}/approve")
    def approve_email(request: Request, reference: str, outbox_id: int):
        return change(request, reference, lambda conn, user, did: wq.mail_action(
            conn, user, did, outbox_id, "approve"), "valide")

    @app.post("/dossiers/{reference}/emails/{outbox_id}/discard")
    def discard_email(request: Request, reference: str, outbox_id: int, reason: str = Form("")):
        return change(request, reference, lambda conn, user, did: wq.mail_action(
            conn, user, did, outbox_id, "discard", reason), "ecarte")

    # committee_pdf first: "/committee/dossiers/{reference}" would take "REF.pdf" otherwise
    for module in (committee_pdf, emails, operations, committee, admin, bulk, filters):
        app.include_router(module.router)
    for module in (exports, files, api, comparison, conflicts):
        app.include_router(module.router)
    return app


def anchor_of(done: str) -> str:
    return {"alerte": "alertes", "note": "notes", "valide": "reponses", "ecarte": "reponses",
            "correction": "corrections"}.get(done, "")


def safe_next(target: str | None) -> str:
    """Only a path of this site: never '//host' or 'https://host' (an open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


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
        if row.action in ("note", "note_committee"):
            return v.get("note", "")
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
