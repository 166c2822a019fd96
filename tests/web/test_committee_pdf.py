"""The committee's PDFs from the web app: a committee member downloads the summary of a
released dossier and the meeting's pack; an unreleased dossier does not exist for them;
a visitor is sent to the login page. The PDFs are read back with pdfinfo / pdftotext."""

from __future__ import annotations

import json
import subprocess

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from intake.vocabulary import euros
from storage.schema import dossiers, users

from .conftest import COMMITTEE, COMPLETE_DOCX, INCOMPLETE, SECRETARIAT, login


def release(engine, *references: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.reference.in_(references))
                     .values(released_at=dossiers.c.first_received))


def pdf_facts(data: bytes, tmp_path, name: str) -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return pages, text


def test_a_committee_member_downloads_a_released_dossier(app, engine, tmp_path):
    release(engine, COMPLETE_DOCX)
    with TestClient(app) as client:
        assert login(client, COMMITTEE).status_code == 303
        r = client.get(f"/committee/dossiers/{COMPLETE_DOCX}.pdf")
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == f'attachment; filename="{COMPLETE_DOCX}.pdf"'
    assert r.content.startswith(b"%PDF-")
    pages, text = pdf_facts(r.content, tmp_path, "one.pdf")
    assert 1 <= pages <= 3
    assert COMPLETE_DOCX in text and "Demande à l'Anact" in text
    assert f"{COMPLETE_DOCX} — page 1/{pages}" in text


def test_an_unreleased_dossier_is_404_for_the_committee(app, engine):
    release(engine, COMPLETE_DOCX)
    with TestClient(app) as client:
        assert login(client, COMMITTEE).status_code == 303
        assert client.get(f"/committee/dossiers/{INCOMPLETE}.pdf").status_code == 404
        assert client.get("/committee/dossiers/FAB-1999-9999.pdf").status_code == 404
    with TestClient(app) as client:  # the secretariat too: the committee's papers hold released dossiers only
        assert login(client, SECRETARIAT).status_code == 303
        assert client.get(f"/committee/dossiers/{INCOMPLETE}.pdf").status_code == 404


def test_the_pack_holds_the_released_dossiers_only(app, engine, tmp_path):
    release(engine, COMPLETE_DOCX, INCOMPLETE)
    with TestClient(app) as client:
        assert login(client, SECRETARIAT).status_code == 303
        r = client.get("/committee/pack.pdf")
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="dossier-comite.pdf"'
    pages, text = pdf_facts(r.content, tmp_path, "pack.pdf")
    assert "2 propositions" in text
    assert COMPLETE_DOCX in text and INCOMPLETE in text and "FAB-2022-0003" not in text
    assert pages >= 3


def test_a_visitor_gets_no_pdf(client):
    for path in (f"/committee/dossiers/{COMPLETE_DOCX}.pdf", "/committee/pack.pdf"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code in (303, 401, 403), path
        assert not r.content.startswith(b"%PDF")


def test_amounts_in_the_pdf_are_french(app, engine, tmp_path):
    """The Anact request as the committee reads it, the French way ("37 500 €")."""
    release(engine, COMPLETE_DOCX)
    with engine.connect() as conn:
        data = json.loads(conn.execute(select(dossiers.c.dossier_json)
                                       .where(dossiers.c.reference == COMPLETE_DOCX)).scalar_one())
    anact = data["budget"]["anact_request"]
    assert anact and anact >= 1000
    with TestClient(app) as client:
        assert login(client, COMMITTEE).status_code == 303
        r = client.get(f"/committee/dossiers/{COMPLETE_DOCX}.pdf")
    _pages, text = pdf_facts(r.content, tmp_path, "fr.pdf")
    assert spaced(euros(anact)) in spaced(text)


def spaced(text: str) -> str:
    """pdftotext may give a narrow or plain no-break space as a plain one."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_a_possible_conflict_of_interest_is_confirmed_before_the_pdf(app, engine, tmp_path):
    """As for the dossier's page: a member affiliated with an organisation the dossier
    names is sent to the warning first, for the dossier's PDF and for the pack."""
    from web.conflicts import dossier_names

    release(engine, COMPLETE_DOCX)
    with engine.begin() as conn:
        d = conn.execute(select(dossiers).where(dossiers.c.reference == COMPLETE_DOCX)).one()
        names = dossier_names(d)
        assert names
        conn.execute(update(users).where(users.c.email == COMMITTEE).values(affiliations=names[0]))
    with TestClient(app) as client:
        assert login(client, COMMITTEE).status_code == 303
        r = client.get(f"/committee/dossiers/{COMPLETE_DOCX}.pdf", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].endswith(f"/committee/dossiers/{COMPLETE_DOCX}/conflit")
        # the pack: one page lists every dossier of it naming an affiliation, each to settle
        r = client.get("/committee/pack.pdf", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/committee/conflits"
        listing = client.get("/committee/conflits").text
        assert "Le dossier de séance contient 1 dossier qui cite une organisation" in listing
        assert f"/committee/dossiers/{COMPLETE_DOCX}/conflit?retour=pack" in listing
        assert "Télécharger le dossier de séance" not in listing
        warning = client.get(f"/committee/dossiers/{COMPLETE_DOCX}/conflit?retour=pack").text
        token = warning.split('name="csrf_token" value="')[1].split('"')[0]
        r = client.post(f"/committee/dossiers/{COMPLETE_DOCX}/conflit", follow_redirects=False,
                        data={"csrf_token": token, "retour": "pack"})
        assert r.status_code == 303 and r.headers["location"] == "/committee/conflits"
        assert "Télécharger le dossier de séance" in client.get("/committee/conflits").text
        pack = client.get("/committee/pack.pdf")
        assert pack.status_code == 200 and pack.headers["content-type"] == "application/pdf"
        _pages, text = pdf_facts(pack.content, tmp_path, "pack.pdf")
        flat = " ".join(text.split())
        assert "conflit d'intérêts" in flat  # in the contents, beside its reference
        assert f"Conflit d'intérêts possible : {names[0]}" in flat  # and on its summary's page
