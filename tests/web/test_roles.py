"""Roles: the committee reads only the dossiers the secretariat released, read-only and
without the applicants' emails unless config.toml allows them; every secretariat route
refuses it. Accounts are managed by the admin only, in the page /admin/users."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from intake.config import ConfigError, load_config
from storage.schema import (
    audit_log,
    dossiers,
    flag_overrides,
    notes,
    outbox,
    saved_filters,
    sessions,
    users,
)
from web import committee_pdf, comparison, conflicts, minutes, reviews, selection
from web.app import PUBLIC, create_app
from web.committee import COMMITTEE_PAGES
from web.pages import web_options

from .conftest import (
    ADMIN,
    COMMITTEE,
    COMPLETE_DOCX,
    INCOMPLETE,
    PASSWORD,
    SECRETARIAT,
    configured,
    csrf_of,
    login,
)
from .test_security import app_routes, concrete


def release(client, reference: str, undo: bool = False, confirm: str = "oui"):
    page = client.get(f"/dossiers/{reference}").text
    return client.post(f"/dossiers/{reference}/{'unrelease' if undo else 'release'}",
                       data={"csrf_token": csrf_of(page), "confirm": confirm}, follow_redirects=False)


def committee_client(app) -> TestClient:
    client = TestClient(app)
    assert login(client, COMMITTEE).status_code == 303
    return client


def changes(engine) -> dict:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar()
                for t in (audit_log, outbox, notes, flag_overrides, saved_filters, users)} | {
            "states": sorted(conn.execute(select(outbox.c.state)).scalars()),
            "released": conn.execute(select(func.count()).select_from(dossiers)
                                     .where(dossiers.c.released_at.is_not(None))).scalar()}


COMMITTEE_ROUTES = (comparison.COMMITTEE_ROUTES | conflicts.COMMITTEE_ROUTES | committee_pdf.COMMITTEE_ROUTES
                    | reviews.COMMITTEE_ROUTES | selection.COMMITTEE_ROUTES | minutes.COMMITTEE_ROUTES)


def test_the_committee_reaches_no_secretariat_route(app, engine):
    """Every route of the app, walked: with a committee session and a valid CSRF token,
    each POST but logging out is 403, each page but the committee's is 403 (the queue
    sends it to its own list), and nothing changes in the database."""
    before = changes(engine)
    with committee_client(app) as client:
        token = csrf_of(client.get("/committee").text)
        for path, method in sorted(app_routes(app)):
            if (path, method) in PUBLIC or path == "/logout" or (method, path) in COMMITTEE_ROUTES:
                continue  # the committee's own routes: tests/web/test_comparison.py, test_conflicts.py…
            url = concrete(path)
            if method == "POST":
                r = client.post(url, data={"csrf_token": token, "body": "x", "text": "x", "subject": "x",
                                           "comment": "x", "code": "x", "status": "not_applicable",
                                           "email": "x@anact.test", "name": "x", "role": "admin",
                                           "action": "approve", "ref": INCOMPLETE}, follow_redirects=False)
                assert r.status_code == 403, (method, path, r.status_code)
            elif path == "/":
                r = client.get(url, follow_redirects=False)
                assert r.status_code == 303 and r.headers["location"] == "/committee"
            elif path not in COMMITTEE_PAGES:
                r = client.get(url, follow_redirects=False)
                assert r.status_code == 403, (method, path, r.status_code)
        # its own pages: an unreleased dossier does not exist for it
        assert client.get(f"/committee/dossiers/{INCOMPLETE}").status_code == 404
        assert client.get(f"/committee/dossiers/{INCOMPLETE}/messages/1").status_code == 403
        r = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303  # but it may log out
    assert changes(engine) == before


def test_release_to_the_committee(secretariat, app, engine):
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    assert "Non transmis" in page and "Transmettre au comité" in page
    # an incomplete dossier: the page says what the committee will read, and asks again
    r = release(secretariat, INCOMPLETE, confirm="")
    assert r.status_code == 303 and r.headers["location"] == f"/dossiers/{INCOMPLETE}?confirmer=liberer#comite"
    asked = secretariat.get(r.headers["location"]).text
    assert "Ce dossier n'est pas complet (incomplet) : le comité le lira tel quel, avec ses alertes." in asked
    assert "Transmettre quand même au comité" in asked and "Non transmis" in asked
    with engine.connect() as conn:
        assert conn.execute(select(audit_log)).all() == []  # nothing done yet
    r = release(secretariat, INCOMPLETE)
    assert r.status_code == 303 and r.headers["location"] == f"/dossiers/{INCOMPLETE}?fait=libere"
    page = secretariat.get(r.headers["location"]).text
    assert "Le dossier est transmis au comité" in page and "Retirer du comité" in page
    assert "Transmis au comité" in page[page.index('id="journal"'):]
    with engine.connect() as conn:
        (entry,) = conn.execute(select(audit_log)).all()
    assert entry.action == "released"

    with committee_client(app) as client:
        listing = client.get("/committee").text
        assert INCOMPLETE in listing and COMPLETE_DOCX not in listing
        html = client.get(f"/committee/dossiers/{INCOMPLETE}").text
        assert "Lecture seule" in html and "Vox Travail" in html
        for words in ("Co-financement insuffisant", "Budget", "Partenaires", "1. Contexte"):
            assert words in html, words
        main = html[html.index("<main"):]
        # read-only: no form but logging out (in the header) and stepping aside from the dossier
        assert re.findall(r'<form[^>]*action="([^"]+)"', html) == ["/logout", f"/committee/dossiers/{INCOMPLETE}/deport"]
        for secret in ("Courriels reçus", "/messages/", "Notes du secrétariat", "Journal", "Réponses au porteur",
                       "/files/", "Objet"):
            assert secret not in main, secret
        assert client.get(f"/committee/dossiers/{COMPLETE_DOCX}").status_code == 404
        assert client.get(f"/dossiers/{INCOMPLETE}").status_code == 403

        # taken back: gone for the committee
        assert release(secretariat, INCOMPLETE, undo=True).status_code == 303
        assert client.get(f"/committee/dossiers/{INCOMPLETE}").status_code == 404
        assert INCOMPLETE not in client.get("/committee").text
    with engine.connect() as conn:
        assert [a for (a,) in conn.execute(select(audit_log.c.action).order_by(audit_log.c.id))] == [
            "released", "unreleased"]


def test_the_committee_sees_raw_emails_only_when_configured(secretariat, engine, blobs, web_config, tmp_path,
                                                            intake_home):
    release(secretariat, INCOMPLETE)
    text = web_config.path.read_text(encoding="utf-8")
    assert "committee_sees_raw = false" in text  # the default, documented in config.toml
    text = text.replace("committee_sees_raw = false", "committee_sees_raw = true")
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    app = configured(create_app(engine, blobs, call=web_config.call), load_config(path), intake_home)
    with committee_client(app) as client:
        html = client.get(f"/committee/dossiers/{INCOMPLETE}").text
        assert "Courriels reçus" in html
        link = re.search(rf'href="(/committee/dossiers/{INCOMPLETE}/messages/\d+)"', html).group(1)
        r = client.get(link)
        assert r.status_code == 200 and r.headers["content-type"] == "text/plain; charset=utf-8"
        assert "thomas.keller@itn-recherche.fr" in r.text and "Message-ID:" in r.text
        assert client.get(f"/committee/dossiers/{INCOMPLETE}/messages/99999").status_code == 404


def test_accounts_are_the_admins(client, app, engine):
    assert login(client, SECRETARIAT).status_code == 303
    assert client.get("/admin/users").status_code == 403
    assert "/admin/users" not in client.get("/").text  # not in the secretariat's navigation
    with TestClient(app) as admin:
        assert login(admin, ADMIN).status_code == 303
        page = admin.get("/admin/users").text
        assert "<title>Comptes" in page and SECRETARIAT in page and COMMITTEE in page
        r = admin.post("/admin/users", data={"csrf_token": csrf_of(page), "email": " Jury.Un@Anact.test ",
                                             "name": "Juré n° 1", "role": "committee"})
        assert r.status_code == 200 and "Compte créé : jury.un@anact.test." in r.text
        password = re.search(r'<code class="password">([^<]+)</code>', r.text).group(1)
        assert len(password) >= 16
        assert password not in admin.get("/admin/users").text  # shown once
        with engine.connect() as conn:
            stored = conn.execute(select(users).where(users.c.email == "jury.un@anact.test")).one()
        assert stored.role == "committee" and password not in stored.password_hash
        with TestClient(app) as juror:
            assert login(juror, "jury.un@anact.test", password).status_code == 303
            assert juror.get("/", follow_redirects=False).headers["location"] == "/committee"
            # disabled by the admin: the session ends at once
            r = admin.post(f"/admin/users/{stored.id}/disable", data={"csrf_token": csrf_of(page)})
            assert "Compte désactivé : jury.un@anact.test" in r.text
            assert juror.get("/committee", follow_redirects=False).status_code == 303
            assert login(juror, "jury.un@anact.test", password).status_code == 401
            # a new password makes it active again
            r = admin.post(f"/admin/users/{stored.id}/password", data={"csrf_token": csrf_of(page)})
            new = re.search(r'<code class="password">([^<]+)</code>', r.text).group(1)
            assert new != password and login(juror, "jury.un@anact.test", new).status_code == 303
        # refused: a duplicate, a short address, one's own account
        r = admin.post("/admin/users", data={"csrf_token": csrf_of(page), "email": SECRETARIAT, "name": "x",
                                             "role": "secretariat"})
        assert r.status_code == 400 and "un compte existe déjà" in r.text
        me = next(u for u in admin.get("/admin/users").text.split("<tr>") if ADMIN in u)
        assert "votre compte" in me and "Désactiver" not in me
        with engine.connect() as conn:
            admin_id = conn.execute(select(users.c.id).where(users.c.email == ADMIN)).scalar()
        r = admin.post(f"/admin/users/{admin_id}/disable", data={"csrf_token": csrf_of(page)})
        assert r.status_code == 400
        with engine.connect() as conn:
            actions = [a for (a,) in conn.execute(select(audit_log.c.action).order_by(audit_log.c.id))]
            assert actions == ["user_added", "user_disabled", "user_password"]
            assert conn.execute(select(func.count()).select_from(sessions)).scalar() >= 2


def test_password_is_shown_once_and_never_in_the_url(client):
    assert login(client, ADMIN).status_code == 303
    page = client.get("/admin/users").text
    r = client.post("/admin/users", data={"csrf_token": csrf_of(page), "email": "x@anact.test", "name": "X",
                                          "role": "secretariat"}, follow_redirects=False)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert PASSWORD not in r.text


def test_web_options_are_checked(tmp_path, web_config):
    assert web_options(web_config).committee_sees_raw is False
    assert web_options(None).committee_sees_raw is False
    for bad, words in (('committee_sees_raw = "oui"', "true ou false"), ("comittee_sees_raw = true", "clé inconnue")):
        path = tmp_path / "config.toml"
        path.write_text(web_config.path.read_text(encoding="utf-8").replace("committee_sees_raw = false", bad),
                        encoding="utf-8")
        with pytest.raises(ConfigError, match=words):
            web_options(load_config(path))


def test_the_header_and_the_login_page_speak_to_their_reader(client):
    """The login page names no command line; a committee member's header says the
    committee, not the secretariat, and its brand leads to the committee's list."""
    from .conftest import COMMITTEE, login

    page = client.get("/login").text
    assert "fabrique-intake" not in page and "Demandez-le au secrétariat" in page
    assert login(client, COMMITTEE).status_code == 303
    page = client.get("/committee").text
    header = page[page.index('<header class="site">'):page.index("</header>")]
    assert "comité de sélection" in header and "secrétariat de l" not in header
    assert 'class="brand" href="/committee"' in header


def test_the_committee_downloads_the_original_files_of_a_released_dossier(secretariat, app, engine):
    """Names are links for the committee: each attachment of a released dossier, as
    received; never one of another dossier, nor of an unreleased one. Types in words."""
    import json as _json

    from storage.schema import dossiers as _dossiers

    release(secretariat, COMPLETE_DOCX)
    with engine.connect() as conn:
        data = _json.loads(conn.execute(select(_dossiers.c.dossier_json)
                                        .where(_dossiers.c.reference == COMPLETE_DOCX)).scalar())
        other = _json.loads(conn.execute(select(_dossiers.c.dossier_json)
                                         .where(_dossiers.c.reference == INCOMPLETE)).scalar())
    docx = next(a for a in data["attachments"] if a["filename"].endswith(".docx"))
    with committee_client(app) as client:
        page = client.get(f"/committee/dossiers/{COMPLETE_DOCX}").text
        url = f"/committee/dossiers/{COMPLETE_DOCX}/fichiers/{docx['sha256']}"
        assert f'href="{url}"' in page and "Word (DOCX)" in page and "Excel (XLSX)" in page
        assert "application/vnd" not in page  # no media type shown
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
        assert r.headers["x-content-type-options"] == "nosniff" and r.content[:2] == b"PK"
        for a in other.get("attachments") or []:  # another dossier's file through this one
            if a.get("sha256"):
                assert client.get(f"/committee/dossiers/{COMPLETE_DOCX}/fichiers/{a['sha256']}").status_code == 404
        assert client.get(f"/committee/dossiers/{INCOMPLETE}/fichiers/{docx['sha256']}").status_code == 404
        assert client.get(f"/committee/dossiers/{COMPLETE_DOCX}/fichiers/nimporte").status_code == 404
