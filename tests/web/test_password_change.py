"""A user changes their own password on "Mon compte": the current one first, the new one
twice; a mistake is said beside the field; once changed, the old password no longer
opens, the new one does, their other sessions end, and the journal says it (never the
password)."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient
from sqlalchemy import select

from storage.schema import audit_log

from .conftest import COMMITTEE, PASSWORD, csrf_of, login

NEW = "une phrase de passe assez longue"


def change(client: TestClient, current: str, new: str, repeated: str):
    token = csrf_of(client.get("/compte").text)
    return client.post("/compte/mot-de-passe", data={"csrf_token": token, "current": current, "new": new,
                                                      "repeated": repeated}, follow_redirects=False)


def test_a_member_changes_their_password(app, engine):
    with TestClient(app) as client, TestClient(app) as elsewhere:
        assert login(client, COMMITTEE).status_code == 303
        assert login(elsewhere, COMMITTEE).status_code == 303  # another browser
        page = client.get("/compte").text
        assert "Changer mon mot de passe" in page and "Au moins 12 caractères" in page

        for (current, new, repeated), field, words in [
            (("mauvais mot de passe", NEW, NEW), "current", "le mot de passe actuel n'est pas le bon"),
            ((PASSWORD, NEW, NEW + "!"), "repeated", "les deux saisies du nouveau mot de passe diffèrent"),
            ((PASSWORD, "court", "court"), "new", "le mot de passe doit compter au moins 12 caractères"),
            ((PASSWORD, PASSWORD, PASSWORD), "new", "le nouveau mot de passe doit différer de l'actuel"),
        ]:
            r = change(client, current, new, repeated)
            text = html.unescape(r.text)
            assert r.status_code == 400 and f"Mot de passe inchangé : {words}" in text, words
            assert f'id="mdp-{field}" name="{field}"' in r.text and 'aria-invalid="true"' in r.text
            assert new not in r.text.split('id="mot-de-passe"')[1].split("</form>")[0]  # never sent back

        r = change(client, PASSWORD, NEW, NEW)
        assert r.status_code == 303 and r.headers["location"] == "/compte?fait=mot-de-passe#mot-de-passe"
        assert "Votre mot de passe est changé" in client.get(r.headers["location"]).text
        assert elsewhere.get("/committee", follow_redirects=False).status_code == 303  # that session ended
    with TestClient(app) as fresh:
        assert login(fresh, COMMITTEE).status_code != 303  # the old password no longer opens
        assert login(fresh, COMMITTEE, NEW).status_code == 303
    with engine.connect() as conn:
        entries = conn.execute(select(audit_log).where(audit_log.c.action == "password_changed")).all()
    assert len(entries) == 1 and NEW not in str(entries[0])
