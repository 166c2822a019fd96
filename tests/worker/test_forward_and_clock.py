"""Who a proposal is from and when it was submitted, through the worker against a real
Dovecot: a proposal forwarded by a colleague of the call's organisation is answered to its
original sender, with the original's time; an email that brings no document does not stop
the clock; a completion request asks by the call's own date, not the day it was sent."""

from __future__ import annotations

import email
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from sqlalchemy import select

from intake.filing.worker import run_once
from storage.schema import dossiers, outbox

from .conftest import COMPLETE, INCOMPLETE, ON_TIME, PARIS
from .test_imap import client, imap_server, source  # noqa: F401 - the Dovecot fixture

APPLICANT = "claire.lemonnier@trajectoires-travail.fr"
# when the applicant sent example 01 (its Date header), as Outlook quotes it in a forward
SENT = email.message_from_bytes(COMPLETE.read_bytes(), policy=policy.default)["Date"].datetime
SENT_FR = "mercredi 10 août 2022 11:14"
COLLEAGUE = "paul.martin@anact.fr"


def rows(db, table):
    with db.connect() as conn:
        return list(conn.execute(select(table).order_by(table.c.id)))


def text_of(blobs, row) -> str:
    msg = email.message_from_bytes(blobs.get(row.raw_sha256), policy=policy.default)
    return msg.get_body(preferencelist=("plain",)).get_content()


def forwarded_as_attachment(original: bytes, sent: datetime) -> bytes:
    m = EmailMessage()
    m["From"] = f"Paul Martin <{COLLEAGUE}>"
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = "TR: Candidature AMI La Fabrique CTO"
    m["Date"] = format_datetime(sent)
    m["Message-ID"] = "<transfert-1@anact.fr>"
    m.set_content("Bonjour,\nje vous transfère la candidature reçue sur ma boîte.\nPaul")
    m.add_attachment(email.message_from_bytes(original, policy=policy.default))
    return m.as_bytes()


def forwarded_inline(sent: datetime) -> bytes:
    """Outlook's inline forward: the original's header block quoted in the body, its
    attachments carried along."""
    original = email.message_from_bytes(COMPLETE.read_bytes(), policy=policy.default)
    m = EmailMessage()
    m["From"] = f"Paul Martin <{COLLEAGUE}>"
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = "TR: " + str(original["Subject"])
    m["Date"] = format_datetime(sent)
    m["Message-ID"] = "<transfert-2@anact.fr>"
    m.set_content("Pour suite à donner.\n\n________________________________\n"
                  f"De : Claire Lemonnier <{APPLICANT}>\n"
                  f"Envoyé : {SENT_FR}\n"
                  "À : Paul Martin <paul.martin@anact.fr>\n"
                  f"Objet : {original['Subject']}\n\n"
                  "Bonjour, veuillez trouver ci-joint notre candidature.\n")
    for part in original.iter_attachments():
        maintype, subtype = part.get_content_type().split("/")
        m.add_attachment(part.get_content(), maintype=maintype, subtype=subtype,
                         filename=part.get_filename())
    return m.as_bytes()


@pytest.mark.parametrize("how", ["attachment", "inline"])
def test_a_proposal_forwarded_by_a_colleague_is_the_applicants(imap_server, db, blobs, config, how):  # noqa: F811
    # forwarded after the deadline, sent by the applicant well before it
    forward_time = datetime(2022, 8, 25, 9, 30, tzinfo=PARIS)
    raw = (forwarded_as_attachment(COMPLETE.read_bytes(), forward_time) if how == "attachment"
           else forwarded_inline(forward_time))
    with client(imap_server) as c:
        c.append("INBOX", raw, msg_time=forward_time)
    with source(imap_server) as src:
        run_once(config, src, db, blobs, now=forward_time + timedelta(minutes=1))
    (d,) = rows(db, dossiers)
    assert d.sender_address == APPLICANT
    assert d.decision == "complete"  # the applicant sent it on 20 August: not late
    assert abs(d.first_received - SENT) < timedelta(minutes=1)
    import json
    reading = json.loads(d.dossier_json)
    assert reading["message"]["from"] == APPLICANT
    assert reading["message"]["forwarded"]["by"] == COLLEAGUE
    (answer,) = rows(db, outbox)
    assert answer.kind == "acknowledgement" and answer.recipient == APPLICANT
    body = text_of(blobs, answer)
    assert "10 août 2022" in body and "25 août 2022" not in body


def test_a_forward_by_someone_outside_the_organisation_stays_the_forwarders(imap_server, db, blobs, config):  # noqa: F811
    raw = forwarded_as_attachment(COMPLETE.read_bytes(), ON_TIME).replace(
        COLLEAGUE.encode(), b"direction@trajectoires-travail.fr")
    with client(imap_server) as c:
        c.append("INBOX", raw, msg_time=ON_TIME)
    with source(imap_server) as src:
        run_once(config, src, db, blobs, now=ON_TIME + timedelta(minutes=1))
    (d,) = rows(db, dossiers)
    assert d.sender_address == "direction@trajectoires-travail.fr"


def announce(sent: datetime) -> bytes:
    m = EmailMessage()
    m["From"] = f"Claire Lemonnier <{APPLICANT}>"
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = "Candidature AMI La Fabrique CTO"
    m["Date"] = format_datetime(sent)
    m["Message-ID"] = "<annonce-1@trajectoires-travail.fr>"
    m.set_content("Bonjour,\nveuillez trouver ci-joint notre candidature.\nCordialement,\nClaire Lemonnier")
    return m.as_bytes()


def test_an_email_without_document_does_not_stop_the_clock(imap_server, db, blobs, config):  # noqa: F811
    before = datetime(2022, 8, 23, 22, 0, tzinfo=PARIS)  # "ci-joint", nothing attached
    after = datetime(2022, 8, 24, 9, 15, tzinfo=PARIS)  # the whole proposal, next morning
    proposal = email.message_from_bytes(COMPLETE.read_bytes(), policy=policy.default)
    del proposal["In-Reply-To"]
    proposal["In-Reply-To"] = "<annonce-1@trajectoires-travail.fr>"
    proposal.replace_header("Date", format_datetime(after))
    with client(imap_server) as c:
        c.append("INBOX", announce(before), msg_time=before)
    with source(imap_server) as src:
        run_once(config, src, db, blobs, now=before + timedelta(minutes=1))
    with client(imap_server) as c:
        c.append("INBOX", proposal.as_bytes(), msg_time=after)
    with source(imap_server) as src:
        run_once(config, src, db, blobs, now=after + timedelta(hours=2))
    (d,) = rows(db, dossiers)
    assert d.decision == "late"
    assert d.first_received.astimezone(PARIS) == after
    kinds = [r.kind for r in rows(db, outbox)]
    assert "late_notice" in kinds or "late" in " ".join(kinds)


def test_the_reply_by_date_follows_the_calls_calendar(imap_server, db, blobs, config):  # noqa: F811
    # the 2022 mailbox replayed today: the request still asks by the call's date
    with client(imap_server) as c:
        c.append("INBOX", INCOMPLETE.read_bytes(), msg_time=ON_TIME)
    today = datetime(2026, 12, 5, 9, 0, tzinfo=PARIS)
    with source(imap_server) as src:
        run_once(config, src, db, blobs, now=today)
        run_once(config, src, db, blobs, now=today + timedelta(hours=1))
    (answer,) = rows(db, outbox)
    assert answer.kind == "completion_request"
    body = " ".join(text_of(blobs, answer).split())
    assert "au plus tard le 30 août 2022" in body
    assert "2 septembre 2022" in body  # the committee's selection date
    assert "2026" not in body
