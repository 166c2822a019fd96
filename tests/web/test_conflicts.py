"""Conflicts of interest, as a committee member lives them: they declare their
affiliations on their account page; a released dossier that names one of them opens
only after a warning they confirm, once; the confirmation is in the dossier's journal.
Dossiers and names are the real worker's (examples/*.eml): FAB-2022-0001 names
"Aract Normandie" as a partner, FAB-2022-0004 "Aract Grand Est"."""

from __future__ import annotations

import html
import json

from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.requests import Request

from intake.committee.summaries import views_of_released
from storage.schema import audit_log, conflict_confirmations, dossiers, users
from web import queries as wq
from web.accounts import User, WebSettings, find_session, open_session
from web.conflicts import conflict_gate, conflicts_for, dossier_names

from .conftest import COMMITTEE, COMPLETE_DOCX, INCOMPLETE, SECRETARIAT, csrf_of, login

DOSSIER = f"/committee/dossiers/{COMPLETE_DOCX}"
WARNING = f"/committee/dossiers/{COMPLETE_DOCX}/conflit"


def as_user(client: TestClient, email: str) -> TestClient:
    assert login(client, email).status_code == 303
    return client


def release(client: TestClient, *references: str) -> None:
    """The secretariat releases the dossiers for the committee (its own POST)."""
    as_user(client, SECRETARIAT)
    for ref in references:
        page = client.get(f"/dossiers/{ref}").text
        r = client.post(f"/dossiers/{ref}/release", data={"csrf_token": csrf_of(page), "confirm": "oui"}, follow_redirects=False)
        assert r.status_code == 303, r.text


def declare(client: TestClient, text: str):
    token = csrf_of(client.get("/compte").text)
    return client.post("/compte", data={"csrf_token": token, "affiliations": text}, follow_redirects=False)


def member(client: TestClient, affiliations: str) -> TestClient:
    """The committee member, logged in, with these affiliations declared."""
    as_user(client, COMMITTEE)
    r = declare(client, affiliations)
    assert r.status_code == 303 and r.headers["location"] == "/compte?fait=affiliations"
    return client


def user_id(engine, email: str) -> int:
    with engine.connect() as conn:
        return conn.execute(select(users.c.id).where(users.c.email == email)).scalar_one()


def test_a_member_declaring_an_aract_gets_the_warning_before_its_dossier(client, engine):
    # the member declares the Aract, written their own way, before anything is released
    member(client, "L’ARACT Normandie (association)\nUniversité de Caen Normandie")
    page = client.get("/compte?fait=affiliations").text
    assert "Vos affiliations sont enregistrées." in page
    assert "L’ARACT Normandie (association)\nUniversité de Caen Normandie</textarea>" in page
    assert "Aucun dossier transmis ne cite vos affiliations." in page

    release(client, COMPLETE_DOCX)
    as_user(client, COMMITTEE)
    # the account page now lists the dossier
    page = client.get("/compte").text
    assert f'href="/committee/dossiers/{COMPLETE_DOCX}">{COMPLETE_DOCX}</a>' in page and "Aract Normandie" in page

    # opening the dossier leads to the warning first
    r = client.get(DOSSIER, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == WARNING
    r = client.get(WARNING)
    assert r.status_code == 200
    page = r.text
    assert "Conflit d'intérêts possible" in page
    assert "<th scope=\"row\">Aract Normandie</th><td>partenaire</td><td>L’ARACT Normandie (association)</td>" in page
    assert "même nom, aux accents, majuscules, articles et forme juridique près" in page
    assert "<li>Université de Caen Normandie</li>" in page  # the member's affiliations, all of them
    assert "Trajectoires Travail" not in page  # the other names of the dossier are not a conflict
    assert "Je confirme et j'ouvre le dossier</button>" in page
    assert '<a class="button secondary" href="/committee">Retour à la liste</a>' in page

    # no CSRF token: refused, nothing recorded, still gated
    r = client.post(WARNING, data={}, follow_redirects=False)
    assert r.status_code == 403
    assert client.get(DOSSIER, follow_redirects=False).status_code == 303

    # confirming opens the dossier
    r = client.post(WARNING, data={"csrf_token": csrf_of(page)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == DOSSIER
    r = client.get(DOSSIER, follow_redirects=False)
    assert r.status_code == 200 and f"<h1>{COMPLETE_DOCX}" in r.text

    uid = user_id(engine, COMMITTEE)
    with engine.connect() as conn:
        did = conn.execute(select(dossiers.c.id).where(dossiers.c.reference == COMPLETE_DOCX)).scalar_one()
        entry = conn.execute(select(audit_log).where(audit_log.c.action == "conflict_confirmed")).one()
        confirmation = conn.execute(select(conflict_confirmations)).one()
        declared = conn.execute(select(audit_log).where(audit_log.c.action == "affiliations_declared")).one()
    assert (entry.user_id, entry.dossier_id) == (uid, did)
    assert json.loads(entry.after) == {"organisations": ["Aract Normandie"],
                                       "affiliations": ["L’ARACT Normandie (association)"]}
    assert (confirmation.user_id, confirmation.dossier_id, confirmation.names) == (uid, did, "Aract Normandie")
    assert (declared.user_id, declared.dossier_id) == (uid, None)
    assert json.loads(declared.after)["affiliations"] == ["L’ARACT Normandie (association)",
                                                         "Université de Caen Normandie"]

    # a second visit: no warning any more; the warning page says it was confirmed
    assert client.get(DOSSIER, follow_redirects=False).status_code == 200
    assert "Vous avez confirmé l'ouverture de ce dossier le" in client.get(WARNING).text
    # and the secretariat reads it in the dossier's journal
    as_user(client, SECRETARIAT)
    journal = client.get(f"/dossiers/{COMPLETE_DOCX}").text.split('id="journal"')[1]
    entry = next(row for row in journal.split("<tr>") if "Membre du comité" in row)
    assert "Aract Normandie" in entry


def test_no_warning_without_a_matching_affiliation(client, engine):
    release(client, COMPLETE_DOCX, INCOMPLETE)
    as_user(client, COMMITTEE)
    assert client.get(DOSSIER, follow_redirects=False).status_code == 200  # nothing declared
    member(client, "Aract Occitanie\nCCI Normandie\nTrajectoires Conseil\nCFDT")
    for ref in (COMPLETE_DOCX, INCOMPLETE):
        assert client.get(f"/committee/dossiers/{ref}", follow_redirects=False).status_code == 200, ref
        # the warning page itself sends back to the dossier: nothing to warn about
        r = client.get(f"/committee/dossiers/{ref}/conflit", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/committee/dossiers/{ref}"
    assert "Aucun dossier transmis ne cite vos affiliations." in client.get("/compte").text
    with engine.connect() as conn:
        assert conn.execute(select(conflict_confirmations)).first() is None


def test_another_aract_is_no_conflict(client):
    """FAB-2022-0004 names the Aract Grand Est: a member of the Aract Normandie opens it
    directly, and is warned on FAB-2022-0001 only."""
    release(client, COMPLETE_DOCX, INCOMPLETE)
    member(client, "ARACT Normandie SA")
    assert client.get(f"/committee/dossiers/{INCOMPLETE}", follow_redirects=False).status_code == 200
    assert client.get(DOSSIER, follow_redirects=False).headers["location"] == WARNING


def test_a_new_match_after_confirming_asks_again(client, engine):
    release(client, COMPLETE_DOCX)
    member(client, "Aract Normandie")
    page = client.get(WARNING).text
    assert client.post(WARNING, data={"csrf_token": csrf_of(page)}, follow_redirects=False).status_code == 303
    assert client.get(DOSSIER, follow_redirects=False).status_code == 200
    # the member adds the CCI: the dossier names it too, a new possible conflict
    declare(client, "Aract Normandie\nCCI Caen Normandie")
    assert client.get(DOSSIER, follow_redirects=False).headers["location"] == WARNING
    page = client.get(WARNING).text
    assert "depuis, une organisation de plus correspond à vos affiliations" in page
    assert "<th scope=\"row\">CCI Caen Normandie</th>" in page
    client.post(WARNING, data={"csrf_token": csrf_of(page)}, follow_redirects=False)
    assert client.get(DOSSIER, follow_redirects=False).status_code == 200
    with engine.connect() as conn:
        assert conn.execute(select(conflict_confirmations.c.names)).scalar_one().splitlines() == [
            "Aract Normandie", "CCI Caen Normandie"]
        assert len(conn.execute(select(audit_log).where(audit_log.c.action == "conflict_confirmed")).all()) == 2


def test_the_gate_and_the_list_markers_as_web_committee_calls_them(client, app, engine, blobs, web_config):
    """conflict_gate and conflicts_for, called as web/committee.py calls them, on the
    real rows and views."""
    release(client, COMPLETE_DOCX, INCOMPLETE)
    member(client, "Aract Normandie")
    views = views_of_released(engine, blobs, web_config)
    assert [v["reference"] for v in views] == [COMPLETE_DOCX, INCOMPLETE]
    with engine.begin() as conn:
        user = conn.execute(select(users).where(users.c.email == COMMITTEE)).one()
        me = User(user.id, user.email, user.name, user.role)
        marks = conflicts_for(conn, me, views)
        assert {ref: [(m.affiliation, m.name) for m in ms] for ref, ms in marks.items()} == {
            COMPLETE_DOCX: [("Aract Normandie", "Aract Normandie")]}
        rows = [{"d": d} for d in conn.execute(select(dossiers).where(dossiers.c.released_at.is_not(None)))]
        assert conflicts_for(conn, me, rows).keys() == {COMPLETE_DOCX}

        session = find_session(conn, open_session(conn, me, "testclient", WebSettings()), WebSettings())
        request = Request({"type": "http", "method": "GET", "path": DOSSIER, "headers": [], "query_string": b""})
        request.state.session = session
        one, four = (wq.dossier_by_reference(conn, ref) for ref in (COMPLETE_DOCX, INCOMPLETE))
        assert dossier_names(one) == ["Trajectoires Travail SARL", "CCI Caen Normandie", "Aract Normandie"]
        assert dossier_names(four) == ["Institut Travail & Numérique", "Chambre de métiers et de l'artisanat d'Alsace",
                                       "Aract Grand Est", "Fonds social européen (FSE+)"]
        gate = conflict_gate(request, conn, one, dossier_names(one))
        assert gate is not None and gate.status_code == 303 and gate.headers["location"] == WARNING
        assert conflict_gate(request, conn, four, dossier_names(four)) is None


def test_the_committee_list_marks_the_dossiers_in_conflict(client):
    release(client, COMPLETE_DOCX, INCOMPLETE)
    member(client, "Aract Normandie")
    page = client.get("/committee").text
    assert page.count("Conflit d'intérêts possible") == 1
    row = page[page.index(f">{COMPLETE_DOCX}</a>"):]
    row = row[:row.index("</tr>")]
    assert "Conflit d'intérêts possible : Aract Normandie" in row


def test_the_account_page(client, engine):
    as_user(client, COMMITTEE)
    page = client.get("/compte").text
    assert '<label for="affiliations-text">' in page and 'id="affiliations-text" name="affiliations"' in page
    assert "Vous n'avez déclaré aucune affiliation." in page
    # a form without its CSRF token is refused and changes nothing
    r = client.post("/compte", data={"affiliations": "Aract Normandie"}, follow_redirects=False)
    assert r.status_code == 403
    with engine.connect() as conn:
        assert conn.execute(select(users.c.affiliations).where(users.c.email == COMMITTEE)).scalar() is None
    # repeats and blank lines left out; what the member typed is text, never markup
    declare(client, "Aract Normandie\n\nl'ARACT normandie\n<b>Cabinet</b> Alpha & Fils\n")
    page = client.get("/compte").text
    assert "Aract Normandie\n&lt;b&gt;Cabinet&lt;/b&gt; Alpha &amp; Fils</textarea>" in page
    # too many lines: said, kept in the form, not saved
    r = declare(client, "\n".join(f"Organisation {i}" for i in range(101)))
    assert r.status_code == 400 and "Déclarez au plus 100 organisations." in r.text
    assert "Organisation 100</textarea>" in r.text
    # emptied: no affiliation any more, and the journal has each change
    declare(client, "")
    assert "Vous n'avez déclaré aucune affiliation." in client.get("/compte").text
    with engine.connect() as conn:
        assert conn.execute(select(users.c.affiliations).where(users.c.email == COMMITTEE)).scalar() is None
        assert len(conn.execute(select(audit_log).where(audit_log.c.action == "affiliations_declared")).all()) == 2
    # the secretariat has an account page too
    as_user(client, SECRETARIAT)
    assert client.get("/compte").status_code == 200


def test_an_unreleased_dossier_has_no_warning_page(client):
    member(client, "Aract Normandie")
    assert client.get(WARNING, follow_redirects=False).status_code == 404
    page = client.get("/compte").text
    assert client.post(WARNING, data={"csrf_token": csrf_of(page)}, follow_redirects=False).status_code == 404


def test_a_member_in_a_browser(browser, intake_home, tmp_path, blobs, web_config):
    """Chromium, plain HTML forms, no script: declare on the account page, open the
    dossier from the list, read the warning, confirm, read the dossier."""
    from sqlalchemy import update

    from storage.queries import now

    from .conftest import PASSWORD
    from .test_browser import CHROMIUM, check_accessibility_basics, shot
    from .test_browser_operations import served

    if not CHROMIUM.exists():
        import pytest

        pytest.skip("navigateur absent (/usr/bin/chromium) : installez le paquet Debian « chromium »")

    def released(engine):
        with engine.begin() as conn:
            conn.execute(update(dossiers).where(dossiers.c.reference.in_([COMPLETE_DOCX, INCOMPLETE]))
                         .values(released_at=now()))

    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        with served(intake_home, tmp_path, blobs, web_config, released) as (base, _engine):
            page.goto(base + "/committee")
            page.get_by_label("Adresse électronique").fill(COMMITTEE)
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            page.wait_for_url(base + "/committee")
            page.get_by_role("link", name="Mon compte").click()  # in every page's header
            page.wait_for_url(base + "/compte")
            check_accessibility_basics(page)
            page.get_by_label("Organisations, une par ligne").fill("ARACT Normandie\nCFDT")
            page.get_by_role("button", name="Enregistrer mes affiliations").click()
            page.wait_for_url(base + "/compte?fait=affiliations")
            assert page.get_by_role("status").inner_text() == "Vos affiliations sont enregistrées."
            shot(page, "conflicts-account.png")

            page.goto(base + "/committee")
            page.get_by_role("link", name=COMPLETE_DOCX).click()
            page.wait_for_url(base + WARNING)
            check_accessibility_basics(page)
            assert page.get_by_role("heading", level=1).inner_text() == f"Conflit d'intérêts possible — {COMPLETE_DOCX}"
            row = page.get_by_role("row", name="Aract Normandie")
            assert "partenaire" in row.inner_text() and "ARACT Normandie" in row.inner_text()
            shot(page, "conflicts-warning.png")
            page.get_by_role("button", name="Je confirme et j'ouvre le dossier").click()
            page.wait_for_url(base + DOSSIER)
            assert page.get_by_role("heading", level=1).inner_text().startswith(COMPLETE_DOCX)

            # the other released dossier names another Aract: it opens directly
            page.goto(base + "/committee")
            shot(page, "conflicts-list.png")
            page.get_by_role("link", name=INCOMPLETE).click()
            page.wait_for_url(base + f"/committee/dossiers/{INCOMPLETE}")

            # the marker on every committee page that lists the dossier
            mark = "Conflit d'intérêts possible : Aract Normandie"
            for url in ("/committee", "/committee/comparaison", "/committee/simulation"):
                page.goto(base + url)
                row = page.get_by_role("row").filter(has_text=COMPLETE_DOCX).first
                assert mark in row.inner_text(), url
                assert page.get_by_text(mark).count() == page.get_by_role("row").filter(
                    has_text=COMPLETE_DOCX).filter(has_text=mark).count(), url  # on its rows only
            shot(page, "conflicts-simulation.png")

            # "je me déporte", from the dossier's own page: gone from every page, pack included
            page.goto(base + DOSSIER)
            page.get_by_role("button", name="Je me déporte de ce dossier").click()
            page.wait_for_url("**/committee?fait=deporte*")
            assert f"Vous vous êtes déporté du dossier {COMPLETE_DOCX}" in page.get_by_role("status").inner_text()
            for url in ("/committee", "/committee/comparaison", "/committee/simulation", "/compte"):
                page.goto(base + url)
                assert page.get_by_text(COMPLETE_DOCX, exact=True).count() == 0, url
            with page.expect_download() as pack:
                page.goto(base + "/committee")
                page.get_by_role("link", name="Dossier de séance en PDF (tous les résumés)").click()
            path = tmp_path / "pack.pdf"
            pack.value.save_as(path)
            import subprocess

            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
            assert INCOMPLETE in text and COMPLETE_DOCX not in text
            page.goto(base + DOSSIER)
            assert page.get_by_role("heading", level=1).inner_text().startswith("Vous vous êtes déporté")
    finally:
        context.close()


def test_a_member_in_conflict_sees_the_marker_everywhere_then_steps_aside(client, engine, tmp_path):
    """Matched by the declared affiliation: a marker on the list, the comparison, its XLSX
    and the simulation; "je me déporte": the dossier is gone from every page, export and
    PDF of that member, in the journal; the others and the secretariat still see it."""
    import io
    import subprocess

    from openpyxl import load_workbook

    release(client, COMPLETE_DOCX, INCOMPLETE)
    member(client, "Aract Normandie")
    mark = "Conflit d'intérêts possible : Aract Normandie"
    for url in ("/committee", "/committee/comparaison", "/committee/simulation"):
        page = html.unescape(client.get(url).text)
        for row in page.split("<tr")[1:]:  # on each of its rows (the comparison has two tables), on no other
            assert (mark in row) == (f">{COMPLETE_DOCX}<" in row), (url, row)
        assert mark in page, url
    sheet = load_workbook(io.BytesIO(client.get("/committee/comparaison.xlsx").content))["Comparaison"]
    head = [c.value for c in sheet[1]]
    assert head[:2] == ["Référence", "Conflit d'intérêts (vous)"]
    by_ref = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_ref == {COMPLETE_DOCX: mark, INCOMPLETE: None}

    warning = client.get(WARNING).text
    assert "Je me déporte de ce dossier" in warning
    r = client.post(f"{DOSSIER}/deport", data={"csrf_token": csrf_of(warning)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/committee?fait=deporte&ref={COMPLETE_DOCX}"
    listing = html.unescape(client.get(r.headers["location"]).text)
    assert f"Vous vous êtes déporté du dossier {COMPLETE_DOCX}" in listing
    assert "1 dossier dont vous vous êtes déporté n'apparaît pas ici." in listing
    for url in ("/committee", "/committee/comparaison", "/committee/simulation", "/compte"):
        page = html.unescape(client.get(url).text)
        assert f">{COMPLETE_DOCX}<" not in page and mark not in page, url
        if url != "/compte":
            assert f">{INCOMPLETE}<" in page, url
    sheet = load_workbook(io.BytesIO(client.get("/committee/comparaison.xlsx").content))["Comparaison"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [INCOMPLETE]
    assert "Conflit d'intérêts (vous)" not in [c.value for c in sheet[1]]
    pack = client.get("/committee/pack.pdf")
    assert pack.status_code == 200
    (tmp_path / "pack.pdf").write_bytes(pack.content)
    text = subprocess.run(["pdftotext", str(tmp_path / "pack.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert COMPLETE_DOCX not in text and INCOMPLETE in text
    for url in (DOSSIER, f"{DOSSIER}.pdf", WARNING):
        r = client.get(url, follow_redirects=False)
        assert r.status_code == 403 and "Vous vous êtes déporté de ce dossier le" in html.unescape(r.text), url
    with engine.connect() as conn:
        entry = conn.execute(select(audit_log).where(audit_log.c.action == "conflict_stepped_aside")).one()
    assert json.loads(entry.after)["organisations"] == ["Aract Normandie"]

    as_user(client, SECRETARIAT)  # the secretariat's view is unchanged, and the journal says it
    assert f">{COMPLETE_DOCX}<" in client.get("/committee").text
    journal = html.unescape(client.get(f"/dossiers/{COMPLETE_DOCX}").text).split('id="journal"')[1]
    assert "Conflit d'intérêts : le membre du comité s'est déporté du dossier" in journal
