"""The operations pages show applicants' text as text too: the hostile dossier of
test_escaping (markup in its subject, sender, title, files, sections, budget, flags and
errors) on the emails page, an email, the letter form, the quarantine, the committee's
pages; and what the secretariat names (a saved filter) is text."""

from __future__ import annotations

from sqlalchemy import select, update

from storage.schema import messages, outbox

from .conftest import csrf_of
from .test_escaping import EVIL, REFERENCE, assert_inert, hostile_dossier


def test_hostile_content_is_inert_on_the_operations_pages(secretariat, engine, blobs):
    hostile_dossier(engine, blobs)
    with engine.begin() as conn:
        conn.execute(update(messages).where(messages.c.uid == "hostile").values(state="quarantined"))
        held = conn.execute(select(outbox.c.id).where(outbox.c.email_message_id == "<answer-hostile@anact.fr>")).scalar()
    for url in ("/emails", f"/emails/{held}", f"/dossiers/{REFERENCE}/write?modele=relance", "/operations"):
        r = secretariat.get(url)
        assert r.status_code == 200, url
        assert_inert(r.text)
    page = secretariat.get(f"/dossiers/{REFERENCE}").text
    secretariat.post(f"/dossiers/{REFERENCE}/release", data={"csrf_token": csrf_of(page), "confirm": "oui"})
    for url in ("/committee", f"/committee/dossiers/{REFERENCE}"):
        r = secretariat.get(url)
        assert r.status_code == 200, url
        assert_inert(r.text)
    r = secretariat.post("/filters", data={"csrf_token": csrf_of(page), "name": EVIL, "params": "q=pirate"})
    assert r.status_code == 200  # followed to the queue
    assert_inert(r.text)
