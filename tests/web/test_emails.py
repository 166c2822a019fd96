"""The emails page: the outbox listed with its failures; a held completion request edited
(new bytes, same Message-ID and threading), approved or discarded; a sent or failed
email sent again under a new Message-ID; a letter written to an applicant; and the bulk
actions of the queue. Each change is one transaction with its audit entry."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import SMTP

from sqlalchemy import func, select, update

from intake.answering.mailer import FileOutbox
from intake.answering.outbox import send_due
from storage.queries import now
from storage.schema import audit_log, dossiers, outbox
from web import letters

from .conftest import COMPLETE_BODY, COMPLETE_DOCX, INCOMPLETE, LATE, SCANNED, csrf_of
from .test_dossier import held_email


def row(engine, outbox_id: int):
    with engine.connect() as conn:
        return conn.execute(select(outbox).where(outbox.c.id == outbox_id)).one()


def audit_rows(engine) -> list:
    with engine.connect() as conn:
        return list(conn.execute(select(audit_log).order_by(audit_log.c.id)))


def parsed(blobs, sha: str):
    return message_from_bytes(blobs.get(sha), policy=SMTP)


def sent_email(engine, reference: str):
    with engine.connect() as conn:
        return conn.execute(select(outbox).join(dossiers, dossiers.c.id == outbox.c.dossier_id)
                            .where(dossiers.c.reference == reference, outbox.c.state == "sent")).one()


def test_the_outbox_lists_every_email(secretariat, engine):
    html = secretariat.get("/emails").text
    assert "<title>Courriels" in html
    for words in ("<strong>5</strong> courriels", "<strong>2</strong> à valider", "<strong>3</strong> envoyé",
                  "demande de compléments", "accusé de réception", "hors délai", "examen annoncé",
                  "thomas.keller@itn-recherche.fr", INCOMPLETE, LATE):
        assert words in html, words
    assert "Échecs d'envoi" not in html  # nothing failed yet
    held = secretariat.get("/emails?etat=held").text  # the completion request, and the late refusal
    assert held.count('<th scope="row" class="nowrap"><a href="/emails/') == 2 and INCOMPLETE in held and LATE in held


def test_delivery_failures_are_listed_with_their_reason(secretariat, engine):
    first = sent_email(engine, COMPLETE_DOCX)
    with engine.begin() as conn:
        conn.execute(update(outbox).where(outbox.c.id == first.id).values(
            state="failed", last_error="550 5.1.1 <claire.lemonnier@trajectoires-travail.fr>: boîte inconnue"))
    html = secretariat.get("/emails").text
    failures = html[html.index('id="echecs"'):html.index('id="file"')]
    assert "550 5.1.1" in failures and "boîte inconnue" in failures and COMPLETE_DOCX in failures
    assert f'href="/emails/{first.id}#envoi">Relire et renvoyer' in failures


def test_edit_a_held_completion_request(secretariat, engine, blobs):
    held = held_email(engine, INCOMPLETE)
    page = secretariat.get(f"/emails/{held.id}").text
    before = parsed(blobs, held.raw_sha256)
    original = before.get_body(("plain",)).get_content().replace("\r\n", "\n")
    # "Thomas Keller" <thomas.keller@…>: the person is greeted by name
    assert original.startswith("Bonjour Thomas Keller,") and original.split("\n")[2][:40] in page
    text = original.replace("Bonjour Thomas Keller,", "Madame Keller,") + "\nPS : un appel suit cette semaine.\n"
    r = secretariat.post(f"/emails/{held.id}/edit", data={"csrf_token": csrf_of(page), "text": text},
                         follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/emails/{held.id}?fait=modifie"
    after_row = row(engine, held.id)
    assert after_row.state == "held" and after_row.raw_sha256 != held.raw_sha256
    assert after_row.email_message_id == held.email_message_id
    after = parsed(blobs, after_row.raw_sha256)
    for header in ("Message-ID", "In-Reply-To", "References", "From", "To", "Reply-To", "Subject",
                   "X-Fabrique-Reference"):
        assert str(after[header]) == str(before[header]), header
    body = after.get_body(("plain",)).get_content()
    assert body.startswith("Madame Keller,") and "PS : un appel suit cette semaine." in body
    html_part = after.get_body(("html",)).get_content()
    assert "Madame Keller," in html_part and "PS : un appel suit cette semaine." in html_part
    assert "Bonjour Thomas Keller" not in html_part  # the HTML says what the text says
    assert held.raw_sha256 in blobs  # the first version is kept
    (entry,) = audit_rows(engine)
    assert entry.action == "email_edited"
    assert json.loads(entry.before)["sha256"] == held.raw_sha256
    assert json.loads(entry.after)["sha256"] == after_row.raw_sha256
    shown = secretariat.get(r.headers["location"]).text
    assert "Le nouveau texte est enregistré" in shown and "PS : un appel suit cette semaine." in shown
    journal = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    journal = journal[journal.index('id="journal"'):]
    assert "Courriel modifié avant envoi" in journal and "Claire Secrétariat" in journal


def test_markup_typed_in_an_edit_stays_text(secretariat, engine, blobs):
    held = held_email(engine, INCOMPLETE)
    page = secretariat.get(f"/emails/{held.id}").text
    secretariat.post(f"/emails/{held.id}/edit", data={"csrf_token": csrf_of(page),
                                                       "text": "Bonjour <script>alert(1)</script>\n\n<b>gras</b>"})
    html_part = parsed(blobs, row(engine, held.id).raw_sha256).get_body(("html",)).get_content()
    assert "<script>" not in html_part and "&lt;script&gt;alert(1)&lt;/script&gt;" in html_part
    assert "&lt;b&gt;gras&lt;/b&gt;" in html_part


def test_only_a_held_email_can_be_edited(secretariat, engine):
    sent = sent_email(engine, COMPLETE_DOCX)
    page = secretariat.get(f"/emails/{sent.id}").text
    assert 'name="text"' not in page  # no edit form
    r = secretariat.post(f"/emails/{sent.id}/edit", data={"csrf_token": csrf_of(page), "text": "Autre texte"})
    assert r.status_code == 400 and "Seul un courriel en attente de validation" in r.text
    held = held_email(engine, INCOMPLETE)
    r = secretariat.post(f"/emails/{held.id}/edit", data={"csrf_token": csrf_of(page), "text": "  \n "})
    assert r.status_code == 400 and "Le texte du courriel est vide" in r.text
    assert row(engine, held.id).raw_sha256 == held.raw_sha256
    assert audit_rows(engine) == []


def test_approve_then_the_edited_bytes_go_out(secretariat, engine, blobs, tmp_path):
    held = held_email(engine, INCOMPLETE)
    page = secretariat.get(f"/emails/{held.id}").text
    secretariat.post(f"/emails/{held.id}/edit", data={"csrf_token": csrf_of(page), "text": "Texte revu.\n"})
    # without the confirmation the page shows the email and its recipient, and sends nothing
    asked = secretariat.post(f"/emails/{held.id}/approve", data={"csrf_token": csrf_of(page)})
    assert asked.status_code == 200 and row(engine, held.id).state == "held"
    assert "puis confirmez l&#39;envoi" in asked.text and "Texte revu." in asked.text
    assert f"Envoyer ce courriel à {held.recipient}" in asked.text
    r = secretariat.post(f"/emails/{held.id}/approve", data={"csrf_token": csrf_of(page), "confirm": "oui"},
                         follow_redirects=False)
    assert r.status_code == 303 and row(engine, held.id).state == "queued"
    assert send_due(engine, blobs, FileOutbox(tmp_path / "out"), envelope_from="fabrique@anact.fr").sent == 1
    (eml,) = (tmp_path / "out").glob("*.eml")
    out = message_from_bytes(eml.read_bytes(), policy=SMTP)
    assert out.get_body(("plain",)).get_content().replace("\r\n", "\n") == "Texte revu.\n"
    assert str(out["Message-ID"]) == held.email_message_id
    assert [a.action for a in audit_rows(engine)] == ["email_edited", "email_approved"]


def test_discard_from_the_emails_page(secretariat, engine):
    held = held_email(engine, INCOMPLETE)
    page = secretariat.get("/emails").text
    r = secretariat.post(f"/emails/{held.id}/discard", data={"csrf_token": csrf_of(page), "reason": "Réglé au téléphone."},
                         follow_redirects=False)
    assert r.status_code == 303 and row(engine, held.id).state == "discarded"
    (entry,) = audit_rows(engine)
    assert entry.action == "email_discarded" and entry.reason == "Réglé au téléphone."


def test_resend_a_sent_email(secretariat, engine, blobs):
    first = sent_email(engine, COMPLETE_DOCX)
    page = secretariat.get(f"/emails/{first.id}").text
    assert f"Renvoyer ce courriel à {first.recipient}" in page
    asked = secretariat.post(f"/emails/{first.id}/resend", data={"csrf_token": csrf_of(page)})
    assert asked.status_code == 200 and "puis confirmez : il repartira tel quel" in asked.text
    assert len(audit_rows(engine)) == 0
    r = secretariat.post(f"/emails/{first.id}/resend", data={"csrf_token": csrf_of(page), "confirm": "oui"},
                         follow_redirects=False)
    assert r.status_code == 303
    new_id = int(r.headers["location"].split("/emails/")[1].split("?")[0])
    copy = row(engine, new_id)
    assert new_id != first.id and copy.state == "queued" and copy.kind == first.kind
    assert copy.recipient == first.recipient and copy.subject == first.subject
    assert copy.email_message_id != first.email_message_id and copy.email_message_id.startswith("<")
    assert row(engine, first.id).state == "sent"  # the first one stays as it was
    old_raw, new_raw = blobs.get(first.raw_sha256), blobs.get(copy.raw_sha256)
    assert old_raw.split(b"\r\n\r\n", 1)[1] == new_raw.split(b"\r\n\r\n", 1)[1]  # same body, byte for byte
    new = message_from_bytes(new_raw, policy=SMTP)
    assert str(new["Message-ID"]) == copy.email_message_id and len(new.get_all("Message-ID")) == 1
    old = message_from_bytes(old_raw, policy=SMTP)
    for header in ("From", "To", "Subject", "In-Reply-To", "References"):
        assert str(new[header]) == str(old[header]), header
    (entry,) = audit_rows(engine)
    assert entry.action == "email_resent" and json.loads(entry.after) == {
        "email": new_id, "kind": first.kind, "state": "queued"}
    assert "Le courriel est remis en file d" in secretariat.get(r.headers["location"]).text


def test_resend_a_failed_email_replaces_it(secretariat, engine):
    first = sent_email(engine, COMPLETE_BODY)
    with engine.begin() as conn:
        conn.execute(update(outbox).where(outbox.c.id == first.id).values(state="failed", last_error="554 refusé"))
    page = secretariat.get("/emails").text
    r = secretariat.post(f"/emails/{first.id}/resend", data={"csrf_token": csrf_of(page), "confirm": "oui"},
                         follow_redirects=False)
    assert r.status_code == 303
    old = row(engine, first.id)
    assert old.state == "discarded" and old.last_error.startswith("554 refusé — renvoyé sous le n° ")
    held = held_email(engine, INCOMPLETE)
    r = secretariat.post(f"/emails/{held.id}/resend", data={"csrf_token": csrf_of(page), "confirm": "oui"})
    assert r.status_code == 400 and "Seul un courriel envoyé ou en échec" in r.text


def test_write_to_an_applicant(secretariat, engine, blobs):
    form = secretariat.get(f"/dossiers/{INCOMPLETE}/write?modele=relance").text
    assert form.count("Bonjour Thomas Keller,") == 1 and "Bien cordialement," in form  # named as in his email
    assert "Le secrétariat de la Fabrique CTO" in form
    assert "co-financement" in form.lower()  # the reminder lists what is still missing
    text = "Madame, Monsieur,\n\nPourriez-vous nous rappeler au 01 02 03 04 05 ?\n\nBien cordialement,\n\nLe secrétariat"
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/write", follow_redirects=False, data={
        "csrf_token": csrf_of(form), "subject": "Un appel, s'il vous plaît", "text": text})
    assert r.status_code == 303 and r.headers["location"].endswith("?fait=ecrit")
    with engine.connect() as conn:
        letter = conn.execute(select(outbox).where(outbox.c.kind == "written")).one()
        incoming = conn.execute(select(dossiers).where(dossiers.c.reference == INCOMPLETE)).one()
    assert letter.state == "queued" and letter.recipient == incoming.sender_address
    assert letter.subject == f"[{INCOMPLETE}] Un appel, s'il vous plaît"
    msg = parsed(blobs, letter.raw_sha256)
    assert str(msg["Subject"]) == letter.subject and str(msg["Message-ID"]) == letter.email_message_id
    assert str(msg["From"]) == "La Fabrique CTO – Anact <fabrique@anact.fr>"
    assert str(msg["X-Fabrique-Reference"]) == INCOMPLETE
    assert msg["Auto-Submitted"] is None  # a person wrote it
    assert msg["In-Reply-To"] and msg["In-Reply-To"] in str(msg["References"])  # threaded under the applicant's
    assert msg.get_body(("plain",)).get_content().replace("\r\n", "\n") == text + "\n"
    assert "01 02 03 04 05" in msg.get_body(("html",)).get_content()
    (entry,) = audit_rows(engine)
    assert entry.action == "email_written" and entry.reason == letter.subject
    page = secretariat.get(r.headers["location"]).text
    assert "courriel du secrétariat" in page and "Le courriel est en file d" in page
    # the worker's sender delivers it like any answer
    queue = secretariat.get("/?decision=incomplete").text
    assert "courriel du secrétariat" in queue


def test_a_letter_is_held_over_the_daily_limit(secretariat, engine):
    form = secretariat.get(f"/dossiers/{COMPLETE_DOCX}/write").text
    states = []
    for n in range(3):  # one acknowledgement went out today; the limit is 3 a day
        r = secretariat.post(f"/dossiers/{COMPLETE_DOCX}/write", follow_redirects=False, data={
            "csrf_token": csrf_of(form), "subject": f"Message {n}", "text": f"Texte {n}"})
        states.append(r.headers["location"].rsplit("fait=", 1)[1])
    assert states == ["ecrit", "ecrit", "ecrit-retenu"]
    with engine.connect() as conn:
        held = conn.execute(select(outbox).where(outbox.c.subject.like("%Message 2"))).one()
    assert held.state == "held" and "Limite de 3 courriels par jour" in held.last_error


def test_a_letter_needs_a_subject_and_a_text(secretariat, engine):
    form = secretariat.get(f"/dossiers/{LATE}/write").text
    r = secretariat.post(f"/dossiers/{LATE}/write", data={"csrf_token": csrf_of(form), "subject": " ", "text": "x"})
    assert r.status_code == 400 and "Indiquez l&#39;objet du courriel" in r.text
    r = secretariat.post(f"/dossiers/{LATE}/write", data={"csrf_token": csrf_of(form), "subject": "Objet", "text": ""})
    assert r.status_code == 400 and "Le texte du courriel est vide" in r.text
    assert 'value="Objet"' in r.text  # what was typed is kept
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(outbox).where(outbox.c.kind == "written")).scalar() == 0


def test_bulk_approve_and_mark_reviewed(secretariat, engine):
    queue = secretariat.get("/?todo=1").text
    assert 'form="lot"' in queue and 'action="/queue/bulk"' in queue
    held = held_email(engine, INCOMPLETE)
    # first what would go, email by email, with each recipient; nothing sent yet
    preview = secretariat.post("/queue/bulk", data={
        "csrf_token": csrf_of(queue), "action": "approve", "ref": [INCOMPLETE, COMPLETE_DOCX], "back": "todo=1"})
    assert preview.status_code == 200 and row(engine, held.id).state == "held" and audit_rows(engine) == []
    assert f"{INCOMPLETE} : à {held.recipient}" in preview.text
    assert "Ce courriel partira tel quel, à son destinataire" in preview.text
    assert "Envoyer ce courriel" in preview.text and held.subject in preview.text
    shown = re.findall(r'name="mail" value="(\d+)"', preview.text)
    assert shown == [str(held.id)]
    r = secretariat.post("/queue/bulk", follow_redirects=False, data={
        "csrf_token": csrf_of(queue), "action": "approve", "ref": [INCOMPLETE, COMPLETE_DOCX], "back": "todo=1",
        "confirm": "oui", "mail": shown})
    assert r.status_code == 303 and r.headers["location"] == "/?todo=1&fait=lot-valides&n=1&sur=2"
    assert row(engine, held.id).state == "queued"
    assert "1 demande de compléments validée" in secretariat.get(r.headers["location"]).text
    assert [a.action for a in audit_rows(engine)] == ["email_approved"]

    # marked reviewed: out of "à traiter" until it changes again
    r = secretariat.post("/queue/bulk", follow_redirects=False, data={
        "csrf_token": csrf_of(queue), "action": "reviewed", "ref": [INCOMPLETE, SCANNED], "back": "todo=1"})
    assert r.status_code == 303
    page = secretariat.get(r.headers["location"]).text
    assert "2 dossiers marqués examinés" in page
    assert INCOMPLETE not in page.split("<tbody>")[1] and SCANNED not in page.split("<tbody>")[1]
    assert [a.action for a in audit_rows(engine)] == ["email_approved", "reviewed", "reviewed"]
    assert "examiné" in secretariat.get("/").text
    with engine.begin() as conn:  # the worker files a new email into the dossier: to do again
        conn.execute(update(dossiers).where(dossiers.c.reference == SCANNED).values(updated_at=now()))
    assert SCANNED in secretariat.get("/?todo=1").text.split("<tbody>")[1]


def test_bulk_with_nothing_ticked(secretariat):
    queue = secretariat.get("/").text
    r = secretariat.post("/queue/bulk", data={"csrf_token": csrf_of(queue), "action": "approve",
                                              "back": "decision=incomplete&page=3&evil=1"}, follow_redirects=False)
    assert r.headers["location"] == "/?decision=incomplete&fait=lot-vide"
    assert "Aucun dossier coché" in secretariat.get(r.headers["location"]).text


def test_resent_changes_only_two_header_lines():
    raw = (b"From: a@b.fr\r\nMessage-ID: <old@anact.fr>\r\nDate: Mon, 1 Aug 2022 10:00:00 +0000\r\n"
           b"Subject: x\r\nReferences: <a@b>\r\n <c@d>\r\n\r\nbody\r\n")
    out = letters.resent(raw, "<new@anact.fr>", now=datetime(2022, 9, 1, tzinfo=UTC))
    head, body = out.split(b"\r\n\r\n", 1)
    assert body == b"body\r\n"
    assert b"<old@anact.fr>" not in head and head.count(b"Message-ID: <new@anact.fr>") == 1
    assert b"References: <a@b>\r\n <c@d>" in head and b"Date: Thu, 01 Sep 2022" in head
