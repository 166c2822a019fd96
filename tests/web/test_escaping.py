"""A proposal full of markup renders inert: everything that comes from an applicant
(subject, sender, title, file names, section excerpts, budget lines, partners, flags'
evidence, the matching note) and what the secretariat types is shown as text."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.message import EmailMessage
from html.parser import HTMLParser

from sqlalchemy import insert

from storage.schema import dossier_messages, dossiers, messages, outbox

from .conftest import csrf_of

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><b>gras</b>'
REFERENCE = "FAB-2022-0666"


def hostile_dossier(engine, blobs) -> None:
    """The one hand-written dossier of the tests: no reader would produce it."""
    m = EmailMessage()
    m["From"] = f"{EVIL} <pirate@exemple.fr>"
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = f"Fabrique CTO {EVIL}"
    m["Message-ID"] = "<hostile@exemple.fr>"
    m.set_content("Bonjour")
    sha = blobs.put(m.as_bytes())
    t = datetime(2022, 8, 21, 9, 0, tzinfo=UTC)
    section = {"present": True, "source": f"{EVIL}.pdf", "heading": f"1. {EVIL}", "excerpt": f"Texte {EVIL}"}
    data = {
        "message": {"message_id": "<hostile@exemple.fr>", "from": "pirate@exemple.fr",
                    "subject": f"Fabrique CTO {EVIL}", "date": t.isoformat()},
        "attachments": [{"filename": f"{EVIL}.pdf", "sha256": sha, "media_type": f"application/{EVIL}",
                         "status": "unreadable", "detail": EVIL}],
        "sections": {sid: dict(section) for sid in (
            "contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage", "pilotage",
            "resultats", "perennisation", "partenaires")},
        "budget": {"currency": "EUR",
                   "lines": [{"label": EVIL, "category": "autre", "amount": 1000.0, "source": EVIL}],
                   "totals": {"autre": 1000.0}, "total_cost": 1000.0, "anact_request": 800.0,
                   "cofinancing": {"amount": 200.0, "share": 0.2,
                                   "sources": [{"label": EVIL, "amount": 200.0, "nature": EVIL}]}},
        "partners": [{"name": EVIL, "contribution": EVIL}],
        "flags": [{"code": "ineligible_expense", "target": EVIL, "severity": "warning",
                   "message": f"La dépense « {EVIL} »", "evidence": EVIL},
                  {"code": "unreadable_attachment", "target": f"{EVIL}.pdf", "severity": "warning",
                   "message": EVIL, "evidence": EVIL}],
        "decision": "complete",
        "title": f"Projet {EVIL}",
        "project_end": {"date": "2023-06-30", "text": EVIL},
    }
    with engine.begin() as conn:
        mid = conn.execute(insert(messages).values(
            account="maildir", folder="INBOX", uidvalidity=1, uid="hostile", message_id="<hostile@exemple.fr>",
            sha256=sha, internaldate=t, first_received=t, state="moved", attempts=1, backfill=False,
            created_at=t, updated_at=t, decision="complete", sender="pirate@exemple.fr",
            last_error=EVIL)).inserted_primary_key[0]
        did = conn.execute(insert(dossiers).values(
            reference=REFERENCE, sender=f"{EVIL} <pirate@exemple.fr>", subject=f"Fabrique CTO {EVIL}",
            decision="complete", dossier_json=json.dumps(data, ensure_ascii=False), created_at=t,
            updated_at=t, sender_address=f"{EVIL}@exemple.fr", title=f"Projet {EVIL}", first_received=t,
            match_note=EVIL, backfill=False)).inserted_primary_key[0]
        conn.execute(insert(dossier_messages).values(dossier_id=did, message_id=mid))
        conn.execute(insert(outbox).values(
            dossier_id=did, answers_message=mid, kind="acknowledgement", recipient=f"{EVIL}@exemple.fr",
            subject=f"[{REFERENCE}] {EVIL}", email_message_id="<answer-hostile@anact.fr>", raw_sha256=sha,
            state="held", attempts=0, last_error=EVIL, created_at=t, updated_at=t))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def assert_inert(html: str) -> None:
    """As a browser parses it: no script, no image, no markup of the applicant's, no
    event handler attribute; the applicant's text is there, escaped."""
    parser = _Tags()
    parser.feed(html)
    assert not parser.tags & {"script", "img", "b", "iframe"}, parser.tags
    assert parser.handlers == []
    assert "&lt;script&gt;alert(" in html


def test_hostile_content_is_escaped_everywhere(secretariat, engine, blobs):
    hostile_dossier(engine, blobs)
    queue = secretariat.get("/", params={"q": "pirate"})
    assert REFERENCE in queue.text
    assert_inert(queue.text)
    page = secretariat.get(f"/dossiers/{REFERENCE}").text
    assert_inert(page)
    assert page.count("&lt;script&gt;") >= 20  # subject, sender, files, ten sections, budget, partners...
    # what the secretariat writes is text as well
    r = secretariat.post(f"/dossiers/{REFERENCE}/notes", data={"csrf_token": csrf_of(page), "body": EVIL})
    assert_inert(r.text)
    r = secretariat.post(f"/dossiers/{REFERENCE}/flags", data={
        "csrf_token": csrf_of(page), "code": "ineligible_expense", "target": EVIL, "status": "not_applicable",
        "comment": EVIL})
    assert r.status_code == 200  # followed to the page
    assert "Alerte corrigée" in r.text
    assert_inert(r.text)


def test_the_hostile_target_round_trips(secretariat, engine, blobs):
    """The flag's target goes through a hidden field and back intact (quotes included)."""
    hostile_dossier(engine, blobs)
    page = secretariat.get(f"/dossiers/{REFERENCE}").text
    assert 'name="target" value="&lt;script&gt;alert(&#34;x&#34;)' in page
