"""Login, sessions, CSRF and the login rate limit: every route but the login form asks
for a session, every form that changes something asks for its session's CSRF token."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from storage.schema import audit_log, sessions, users
from web.accounts import WebSettings
from web.app import PUBLIC, create_app

from .conftest import COMMITTEE, INCOMPLETE, PASSWORD, SECRETARIAT, csrf_of, login

# Every route of the app; a new one must be added here (and is then checked below).
EXPECTED_ROUTES = {
    ("/login", "GET"), ("/login", "POST"), ("/logout", "POST"), ("/", "GET"),
    ("/dossiers/{reference}", "GET"), ("/dossiers/{reference}/flags", "POST"),
    ("/dossiers/{reference}/corrections", "POST"),
    ("/dossiers/{reference}/notes", "POST"), ("/dossiers/{reference}/emails/{outbox_id}/approve", "POST"),
    ("/dossiers/{reference}/notes/{note_id}/edit", "POST"), ("/dossiers/{reference}/notes/{note_id}/delete", "POST"),
    ("/dossiers/{reference}/emails/{outbox_id}/discard", "POST"),
}
# Exports, original files, JSON API (web/exports.py, web/files.py, web/api.py).
EXPECTED_ROUTES |= {
    ("/exports/dossiers.csv", "GET"), ("/exports/dossiers.xlsx", "GET"), ("/dossiers/{reference}/dossier.zip", "GET"),
    ("/dossiers/{reference}/files/{sha256}", "GET"), ("/dossiers/{reference}/files/{sha256}/pdf", "GET"),
    ("/dossiers/{reference}/files/{sha256}/apercu", "GET"),
    ("/api/dossiers", "GET"), ("/api/dossiers/{reference}", "GET"), ("/api/openapi.json", "GET"),
}
# Emails, operations, committee, accounts, bulk actions, saved filters (web/emails.py,
# web/operations.py, web/committee.py, web/admin.py, web/bulk.py, web/filters.py).
EXPECTED_ROUTES |= {
    ("/emails", "GET"), ("/emails/{outbox_id}", "GET"), ("/emails/{outbox_id}/edit", "POST"),
    ("/emails/{outbox_id}/approve", "POST"), ("/emails/{outbox_id}/discard", "POST"),
    ("/emails/{outbox_id}/resend", "POST"), ("/dossiers/{reference}/write", "GET"),
    ("/dossiers/{reference}/write", "POST"), ("/operations", "GET"),
    ("/operations/messages/{message_id}/reprocess", "POST"), ("/committee", "GET"),
    ("/committee/dossiers/{reference}", "GET"), ("/committee/dossiers/{reference}/messages/{message_id}", "GET"),
    ("/committee/dossiers/{reference}/fichiers/{sha256}", "GET"),
    ("/dossiers/{reference}/release", "POST"), ("/dossiers/{reference}/reviewed", "POST"), ("/dossiers/{reference}/unrelease", "POST"),
    ("/admin/users", "GET"), ("/admin/users", "POST"), ("/admin/users/{user_id}/disable", "POST"),
    ("/admin/users/{user_id}/password", "POST"), ("/queue/bulk", "POST"), ("/filters", "POST"),
    ("/filters/{filter_id}/delete", "POST"),
}
# The committee's comparison, funding simulation, conflicts of interest and PDFs
# (web/comparison.py, web/conflicts.py, web/committee_pdf.py).
EXPECTED_ROUTES |= {
    ("/committee/comparaison", "GET"), ("/committee/comparaison.xlsx", "GET"),
    ("/committee/simulation", "GET"), ("/committee/simulation", "POST"),
    ("/compte", "GET"), ("/compte", "POST"), ("/compte/mot-de-passe", "POST"),
    ("/committee/dossiers/{reference}/conflit", "GET"), ("/committee/dossiers/{reference}/conflit", "POST"),
    ("/committee/dossiers/{reference}/deport", "POST"), ("/committee/conflits", "GET"),
    ("/committee/dossiers/{reference}/evaluation", "GET"), ("/committee/dossiers/{reference}/evaluation", "POST"),
    ("/committee/selection", "GET"), ("/committee/selection/{reference}", "POST"),
    ("/committee/selection/lettres", "POST"), ("/committee/proces-verbal.pdf", "GET"), ("/committee/grilles.pdf", "GET"), ("/committee/classement.xlsx", "GET"),
    ("/committee/dossiers/{reference}.pdf", "GET"), ("/committee/pack.pdf", "GET"),
}


def concrete(path: str) -> str:
    return (path.replace("{reference}", INCOMPLETE).replace("{outbox_id}", "1").replace("{sha256}", "0" * 64)
            .replace("{message_id}", "1").replace("{user_id}", "1").replace("{filter_id}", "1")
            .replace("{note_id}", "1"))


def app_routes(app) -> set[tuple[str, str]]:
    # FastAPI keeps an included router as one entry of app.routes: its routes, flattened.
    routes = list(iter_route_contexts(app.routes))
    assert all(isinstance(r.original_route, APIRoute) for r in routes), \
        "only API routes: no static mount, no /docs, nothing that bypasses the guard"
    return {(r.path, m) for r in routes for m in r.methods}


def test_the_route_list_is_known(app):
    assert app_routes(app) == EXPECTED_ROUTES


def test_every_route_refuses_a_visitor_without_session(client, app):
    for path, method in sorted(app_routes(app)):
        if (path, method) in PUBLIC:
            continue
        r = client.request(method, concrete(path), follow_redirects=False)
        if path.startswith("/api/"):  # the API answers a program, in JSON
            assert r.status_code == 401 and r.json() == {"detail": "Connexion requise."}, (method, path)
        elif method == "GET":
            assert r.status_code == 303, (method, path)
            assert r.headers["location"].startswith("/login?next="), (method, path)
        else:
            assert r.status_code == 401, (method, path, r.status_code)
    # a forged or stale cookie is no session either
    client.cookies.set("fabrique_session", "n-importe-quoi")
    assert client.get("/", follow_redirects=False).status_code == 303


def test_every_form_without_its_csrf_token_gets_403(secretariat, app, engine):
    for path, method in sorted(app_routes(app)):
        if method != "POST" or (path, method) in PUBLIC:
            continue
        data = {"code": "cofinancing_below_minimum", "status": "not_applicable", "comment": "x", "body": "x"}
        assert secretariat.post(concrete(path), data=data, follow_redirects=False).status_code == 403, path
        data["csrf_token"] = "faux-jeton"
        assert secretariat.post(concrete(path), data=data, follow_redirects=False).status_code == 403, path
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(audit_log)
                            .where(audit_log.c.dossier_id.is_not(None))).scalar() == 0
    assert secretariat.get("/", follow_redirects=False).status_code == 200  # still logged in


def test_login_form_needs_its_own_token(client):
    r = client.post("/login", data={"email": SECRETARIAT, "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/login", data={"email": SECRETARIAT, "password": PASSWORD, "csrf_token": "x"},
                    follow_redirects=False)
    assert r.status_code == 403


def test_login_logout(client, engine):
    r = login(client, password="mauvais-mot-de-passe")
    assert r.status_code == 401 and "Adresse ou mot de passe incorrect" in r.text
    r = login(client, next_url=f"/dossiers/{INCOMPLETE}")
    assert r.status_code == 303 and r.headers["location"] == f"/dossiers/{INCOMPLETE}"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    page = client.get("/")
    assert page.status_code == 200 and "Claire Secrétariat" in page.text
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sessions)).scalar() == 1
        stored = conn.execute(select(sessions.c.token_hash)).scalar()
    assert stored != client.cookies.get("fabrique_session")  # only its hash is stored
    r = client.post("/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sessions)).scalar() == 0
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_never_redirects_off_site(client):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        r = login(client, next_url=target)
        assert r.headers["location"] == "/", target


@pytest.mark.parametrize("column, delta", [("expires_at", timedelta(seconds=-1)),
                                           ("last_seen_at", timedelta(hours=-3))])
def test_sessions_expire(secretariat, engine, column, delta):
    """At the end of its lifetime, or after two hours without a request."""
    with engine.begin() as conn:
        t = conn.execute(select(sessions.c.last_seen_at)).scalar()
        conn.execute(update(sessions).values({column: t + delta}))
    r = secretariat.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sessions)).scalar() == 0


def test_a_disabled_account_loses_its_session(secretariat, engine):
    from web.accounts import disable_user

    with engine.begin() as conn:
        disable_user(conn, SECRETARIAT)
    assert secretariat.get("/", follow_redirects=False).status_code == 303
    assert login(secretariat).status_code == 401


def test_login_is_rate_limited_per_address(client, engine):
    for _ in range(5):
        assert login(client, password="pas-le-bon-mot").status_code == 401
    r = login(client)  # the right password, too late
    assert r.status_code == 429 and "Trop de tentatives" in r.text
    assert login(client, COMMITTEE).status_code == 303  # another address from the same IP


def test_login_is_rate_limited_per_ip(engine, blobs):
    app = create_app(engine, blobs, settings=WebSettings(max_failures_per_ip=3))
    with TestClient(app) as client:
        for n in range(3):
            assert login(client, f"inconnu{n}@anact.test").status_code == 401
        assert login(client).status_code == 429


def test_logging_in_again_replaces_the_session(client, engine):
    assert login(client).status_code == 303
    assert login(client, COMMITTEE).status_code == 303
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sessions)).scalar() == 1


def test_security_headers(secretariat):
    r = secretariat.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # no script may run
    assert re.search(r"style-src 'sha256-[A-Za-z0-9+/=]+'", csp)
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"
    assert "<script" not in r.text.lower()


def test_unknown_dossier_is_404(secretariat):
    r = secretariat.get("/dossiers/FAB-2022-9999")
    assert r.status_code == 404 and "Page introuvable" in r.text


def test_passwords_are_argon2(engine):
    with engine.connect() as conn:
        hashes = [h for (h,) in conn.execute(select(users.c.password_hash))]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert PASSWORD not in "".join(hashes)


def test_the_access_log_holds_no_personal_data(client, caplog):
    """One line per request: method, the route's pattern, status, time, role; never the
    address, the IP, the reference, the search typed nor the session."""
    import logging

    with caplog.at_level(logging.INFO, logger="fabrique.access"):
        login(client, SECRETARIAT)
        client.get("/", params={"q": "thomas.keller Vox"})
        client.get(f"/dossiers/{INCOMPLETE}")
        client.get("/nulle-part")
    lines = [r.getMessage() for r in caplog.records if r.name == "fabrique.access"]
    assert "GET /dossiers/{reference} 200" in " ".join(lines) and any(line.endswith(" secretariat") for line in lines)
    assert any(line.startswith("POST /login 303") and line.endswith(" anonyme") for line in lines)
    assert any(line.startswith("GET (route inconnue) 404") for line in lines)
    text = "\n".join(lines)
    for secret in (SECRETARIAT, "thomas", "Vox", INCOMPLETE, "testclient", "127.0.0.1", "session"):
        assert secret not in text, secret
