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

import logging
import secrets
import time
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from storage.blobs import BlobStore

from . import (
    admin,
    api,
    bulk,
    committee,
    committee_pdf,
    comparison,
    conflicts,
    decision_letters,
    dossiers,
    emails,
    exports,
    files,
    filters,
    minutes,
    operations,
    reviews,
    selection,
)
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



class LoginRequired(Exception):
    """No live session: a page asks for the login form, anything else is refused."""


class CommitteeHome(Exception):
    """A committee account asked for the secretariat's queue: its own list instead."""


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "inconnue"


ACCESS = logging.getLogger("fabrique.access")


def access_log(request: Request, status: int, seconds: float) -> None:
    """One line per request, without personal data: the route's pattern (never the
    reference, the query or the search typed), the method, the status, the time taken and
    the role of the account (never who, never the address it came from)."""
    route = request.scope.get("route")
    path = getattr(route, "path", None) or ("(fichier statique)" if request.url.path.startswith("/static") else
                                            "(route inconnue)")
    session = getattr(request.state, "session", None)
    role = session.user.role if session is not None else "anonyme"
    ACCESS.info("%s %s %s %.0fms %s", request.method, path, status, seconds * 1000, role)


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
    committee_routes = (comparison.COMMITTEE_ROUTES | conflicts.COMMITTEE_ROUTES | committee_pdf.COMMITTEE_ROUTES
                        | reviews.COMMITTEE_ROUTES | selection.COMMITTEE_ROUTES | minutes.COMMITTEE_ROUTES)

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
            token = form.get("csrf_token")
            if not same_secret(token if isinstance(token, str) else None, session.csrf_secret):
                raise HTTPException(403, "Formulaire expiré ou incomplet : rechargez la page et recommencez.")
        if session.user.on_committee and path != "/logout" and not (
                (request.method in SAFE_METHODS and path in committee.COMMITTEE_PAGES)
                or (request.method, path) in committee_routes):
            # The committee reads released dossiers on its own pages, and nothing else.
            if path == "/" and request.method in SAFE_METHODS:
                raise CommitteeHome()
            raise HTTPException(403, "Les comptes du comité consultent les dossiers transmis, en lecture seule.")

    app = FastAPI(title="Fabrique Intake — secrétariat", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(guard)])
    app.state.db, app.state.blobs, app.state.settings = db, blobs, settings
    app.state.templates, app.state.call = templates, call

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        access_log(request, response.status_code, time.perf_counter() - started)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"  # pages hold applicants' personal data
        return response

    def api_error(request: Request, status: int, message: str) -> JSONResponse | None:
        """Errors of /api/… in JSON, as a program calling the API reads them."""
        if not request.url.path.startswith("/api/"):
            return None
        return JSONResponse({"detail": message}, status_code=status)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired):
        if (api := api_error(request, 401, "Connexion requise.")) is not None:
            return api
        if request.method in SAFE_METHODS:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
        return render(request, "error.html", 401, title="Connexion requise",
                      message="Votre session a expiré : reconnectez-vous, puis recommencez.")

    @app.exception_handler(CommitteeHome)
    async def committee_home(request: Request, _exc: CommitteeHome):
        if (api := api_error(request, 403, "L'API est réservée au secrétariat.")) is not None:
            return api
        return RedirectResponse("/committee", status_code=303)

    @app.exception_handler(RequestValidationError)
    async def invalid_form(request: Request, _exc: RequestValidationError):
        if (api := api_error(request, 400, "Demande incomplète ou mal formée.")) is not None:
            return api
        return render(request, "error.html", 400, title="Demande incomplète",
                      message="Le formulaire envoyé est incomplet : revenez à la page et recommencez.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        titles = {403: "Accès refusé", 404: "Page introuvable", 405: "Action impossible",
                  429: "Trop de tentatives"}
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else (
            "Cette page n'existe pas." if exc.status_code == 404 else "La demande n'a pas pu aboutir.")
        if (api := api_error(request, exc.status_code, message)) is not None:
            return api
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

    # committee_pdf first: "/committee/dossiers/{reference}" would take "REF.pdf" otherwise
    for module in (dossiers, committee_pdf, minutes, emails, operations, committee, admin, bulk, filters):
        app.include_router(module.router)
    # decision_letters before selection: "/committee/selection/{reference}" would take "lettres"
    for module in (exports, files, api, comparison, conflicts, reviews, decision_letters, selection):
        app.include_router(module.router)
    return app


def safe_next(target: str | None) -> str:
    """Only a path of this site: never '//host' or 'https://host' (an open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
