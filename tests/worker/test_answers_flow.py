"""From the mailbox to the applicant's answer, over a real Maildir, database and blob
store: an acknowledgement at once for a complete proposal, a completion request only once
the split-submission window has closed, a completion that turns a dossier complete, split
submissions bundled, auto-replies left unanswered, one answer per submission."""

from __future__ import annotations

import email
import json
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select

from intake.answering.mailer import FileOutbox
from intake.answering.outbox import approve, send_due
from intake.filing.worker import run_once
from storage import queries as q
from storage.schema import dossiers, messages, outbox

from .conftest import BODY, COMPLETE, INCOMPLETE, ON_TIME

SENDER = "claire.lemonnier@trajectoires-travail.fr"
LATER = ON_TIME + timedelta(days=2)  # well past any split window


def table(db, t):
    with db.connect() as conn:
        return list(conn.execute(select(t).order_by(t.c.id)))


def parsed(blobs, row) -> email.message.EmailMessage:
    return email.message_from_bytes(blobs.get(row.raw_sha256), policy=policy.default)


def text_of(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def split_complete() -> tuple[bytes, bytes]:
    """Example 01 sent in two emails: the description first, the budget a few minutes
    later, as an applicant does when the mail server refuses a large message."""
    original = email.message_from_bytes(COMPLETE.read_bytes(), policy=policy.default)
    files = [p for p in original.iter_attachments()]
    out = []
    for i, part in enumerate(files, 1):
        m = EmailMessage()
        m["From"] = original["From"]
        m["To"] = original["To"]
        m["Subject"] = f"{original['Subject']} ({i}/{len(files)})"
        m["Date"] = original["Date"]
        m["Message-ID"] = f"<envoi-{i}@trajectoires-travail.fr>"
        m.set_content("Bonjour,\nveuillez trouver ci-joint notre candidature (envoi en deux parties).\n"
                      "Cordialement,\nClaire Lemonnier")
        maintype, subtype = part.get_content_type().split("/")
        m.add_attachment(part.get_content(), maintype=maintype, subtype=subtype,
                         filename=part.get_filename())
        out.append(m.as_bytes())
    return out[0], out[1]


def completion_reply(reference: str, budget_part: bytes, in_reply_to: str | None) -> bytes:
    budget = email.message_from_bytes(budget_part, policy=policy.default)
    part = next(budget.iter_attachments())
    m = EmailMessage()
    m["From"] = f"Claire Lemonnier <{SENDER}>"
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = f"RE: [{reference}] Demande de compléments"
    m["Message-ID"] = "<complement-1@trajectoires-travail.fr>"
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    m.set_content("Bonjour,\nvoici le budget détaillé demandé.\nBien cordialement")
    maintype, subtype = part.get_content_type().split("/")
    m.add_attachment(part.get_content(), maintype=maintype, subtype=subtype, filename=part.get_filename())
    return m.as_bytes()


def test_a_complete_proposal_is_acknowledged_at_once(box, db, blobs, config, tmp_path):
    box.deliver(COMPLETE)
    summary = run_once(config, box.source(), db, blobs, now=ON_TIME + timedelta(minutes=1))
    assert summary.answers == 1
    (row,) = table(db, outbox)
    assert (row.kind, row.state, row.recipient) == ("acknowledgement", "queued", SENDER)
    assert "FAB-2022-0001" in row.subject
    ack = parsed(blobs, row)
    assert ack["In-Reply-To"] == "<3d8639d7bd5e4057.736323@trajectoires-travail.fr>"
    assert ack["Auto-Submitted"] == "auto-replied"
    m = table(db, messages)[0]
    assert m.sha256 in text_of(ack)  # the raw email's hash, as evidence
    with db.connect() as conn:
        assert "email_queued" in [e.step for e in q.message_events(conn, m.id)]

    out = tmp_path / "outbox"
    sent = send_due(db, blobs, FileOutbox(out), envelope_from="fabrique@anact.fr")
    assert sent.sent == 1 and table(db, outbox)[0].state == "sent"
    files = list(out.glob("*.eml"))
    assert len(files) == 1 and files[0].read_bytes() == blobs.get(row.raw_sha256)
    assert send_due(db, blobs, FileOutbox(out), envelope_from="fabrique@anact.fr").sent == 0
    assert len(list(out.glob("*.eml"))) == 1  # sent once


def test_a_completion_request_waits_for_the_window_then_goes_once(box, db, blobs, config):
    box.deliver(INCOMPLETE)
    run_once(config, box.source(), db, blobs, now=ON_TIME + timedelta(minutes=5))
    assert table(db, outbox) == []  # the missing piece may be in the next email
    d = table(db, dossiers)[0]
    assert d.decision == "incomplete" and d.answer_due_at is not None
    run_once(config, box.source(), db, blobs, now=LATER)
    (row,) = table(db, outbox)
    assert row.kind == "completion_request" and row.state == "queued"
    body = text_of(parsed(blobs, row))
    assert "20" in body and "%" in body  # the co-financing rule, quoted
    run_once(config, box.source(), db, blobs, now=LATER + timedelta(days=1))
    assert len(table(db, outbox)) == 1


def test_a_split_submission_is_bundled_and_answered_once(box, db, blobs, config):
    first, second = split_complete()
    box.deliver(first, ON_TIME)
    box.deliver(second, ON_TIME + timedelta(minutes=4))
    summary = run_once(config, box.source(), db, blobs, now=ON_TIME + timedelta(minutes=6))
    assert (summary.created, summary.joined) == (1, 1)
    (d,) = table(db, dossiers)
    assert d.decision == "complete"
    assert "plusieurs courriels" in d.match_note
    names = [a["filename"] for a in json.loads(d.dossier_json)["attachments"]]
    assert len(names) == 2
    (row,) = table(db, outbox)
    assert row.kind == "acknowledgement"
    run_once(config, box.source(), db, blobs, now=LATER)
    assert len(table(db, outbox)) == 1  # no late completion request for the first half


def test_a_completion_turns_the_dossier_complete_and_the_applicant_is_told(box, db, blobs, config):
    description, budget = split_complete()
    box.deliver(description, ON_TIME)
    run_once(config, box.source(), db, blobs, now=LATER)
    (request,) = table(db, outbox)
    assert request.kind == "completion_request"
    assert table(db, dossiers)[0].decision == "incomplete"

    box.deliver(completion_reply("FAB-2022-0001", budget, request.email_message_id), LATER)
    summary = run_once(config, box.source(), db, blobs, now=LATER + timedelta(minutes=1))
    assert (summary.created, summary.joined) == (0, 1)
    (d,) = table(db, dossiers)
    assert d.decision == "complete" and d.answered_decision == "complete"
    rows = table(db, outbox)
    assert [r.kind for r in rows] == ["completion_request", "completed"]
    done = parsed(blobs, rows[1])
    assert done["In-Reply-To"] == "<complement-1@trajectoires-travail.fr>"
    assert "FAB-2022-0001" in done["Subject"]


def test_a_reply_threaded_by_in_reply_to_alone_joins_its_dossier(box, db, blobs, config):
    description, budget = split_complete()
    box.deliver(description, ON_TIME)
    run_once(config, box.source(), db, blobs, now=LATER)
    (request,) = table(db, outbox)
    raw = completion_reply("FAB-2022-0001", budget, request.email_message_id)
    raw = raw.replace(b"[FAB-2022-0001] ", b"")  # the applicant's client dropped the reference
    box.deliver(raw, LATER)
    run_once(config, box.source(), db, blobs, now=LATER + timedelta(minutes=1))
    (d,) = table(db, dossiers)
    assert d.decision == "complete" and "réponse à un courriel" in d.match_note


def test_an_out_of_office_reply_gets_no_answer_and_changes_nothing(box, db, blobs, config):
    box.deliver(COMPLETE)
    run_once(config, box.source(), db, blobs, now=ON_TIME + timedelta(minutes=1))
    (ack,) = table(db, outbox)
    m = EmailMessage()
    m["From"] = SENDER
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = f"Réponse automatique : {ack.subject}"
    m["Auto-Submitted"] = "auto-replied"
    m["In-Reply-To"] = ack.email_message_id
    m["Message-ID"] = "<absent@trajectoires-travail.fr>"
    m.set_content("Je suis absente jusqu'au 29 août. Je lirai votre message à mon retour.")
    box.deliver(m.as_bytes(), ON_TIME + timedelta(hours=1))
    run_once(config, box.source(), db, blobs, now=LATER)
    assert len(table(db, outbox)) == 1 and len(table(db, dossiers)) == 1
    assert table(db, dossiers)[0].decision == "complete"
    last = table(db, messages)[-1]
    with db.connect() as conn:
        notes = [e.detail for e in q.message_events(conn, last.id) if e.step == "no_answer"]
    assert notes and all(n for n in notes)


def test_duplicates_and_backfill_are_never_answered(box, db, blobs, config):
    box.deliver(COMPLETE)
    box.deliver(COMPLETE)
    run_once(config, box.source(), db, blobs, now=LATER)
    assert len(table(db, outbox)) == 1
    box.deliver(BODY)
    run_once(config, box.source(), db, blobs, backfill=True, now=LATER)
    assert len(table(db, outbox)) == 1


def test_a_late_proposal_gets_the_late_notice(box, db, blobs, config):
    box.deliver(BODY, ON_TIME + timedelta(days=30))
    run_once(config, box.source(), db, blobs, now=ON_TIME + timedelta(days=30, minutes=1))
    (row,) = table(db, outbox)
    assert row.kind == "late" and table(db, dossiers)[0].decision == "late"


def test_a_late_refusal_waits_for_a_person_then_goes(box, db, blobs, config, tmp_path):
    """A refusal is never sent without a human check (config.toml: hold_for_approval)."""
    box.deliver(BODY, ON_TIME + timedelta(days=30))
    run_once(config, box.source(), db, blobs, now=ON_TIME + timedelta(days=30, minutes=1))
    (row,) = table(db, outbox)
    assert row.state == "held" and "validation par le secrétariat" in row.last_error
    sent_to = tmp_path / "o"
    assert send_due(db, blobs, FileOutbox(sent_to), envelope_from="fabrique@anact.fr").sent == 0
    with db.begin() as conn:
        assert approve(conn, row.id)
    assert send_due(db, blobs, FileOutbox(sent_to), envelope_from="fabrique@anact.fr").sent == 1
    (sent,) = table(db, outbox)
    assert sent.state == "sent" and len(list(sent_to.glob("*.eml"))) == 1


def test_completion_requests_can_wait_for_approval(box, db, blobs, config, tmp_path):
    text = Path(config.path).read_text(encoding="utf-8")
    held = tmp_path / "config.toml"
    held.write_text(text + "\n", encoding="utf-8")
    from intake.config import load_config

    cfg = load_config(held)
    data = held.read_text(encoding="utf-8")
    if "hold_completion_requests" in data:
        data = data.replace("hold_completion_requests = false", "hold_completion_requests = true")
    else:
        data += "\n[answers]\nhold_completion_requests = true\n"
    held.write_text(data, encoding="utf-8")
    cfg = load_config(held)
    box.deliver(INCOMPLETE)
    run_once(cfg, box.source(), db, blobs, now=LATER)
    (row,) = table(db, outbox)
    assert row.state == "held" and "validation" in row.last_error
    assert send_due(db, blobs, FileOutbox(tmp_path / "o"), envelope_from="fabrique@anact.fr").sent == 0


def test_a_new_email_with_the_same_sender_and_title_joins_the_dossier(box, db, blobs, config):
    """No reference, no In-Reply-To, days later: the applicant sends the whole proposal
    again with the budget this time. Same sender, same project title: same dossier."""
    description, _budget = split_complete()
    box.deliver(description, ON_TIME)
    run_once(config, box.source(), db, blobs, now=LATER)
    resent = COMPLETE.read_bytes().replace(b"Message-ID: <3d8639d7bd5e4057",
                                           b"Message-ID: <renvoi-3d8639d7bd5e4057", 1)
    box.deliver(resent, LATER)
    summary = run_once(config, box.source(), db, blobs, now=LATER + timedelta(minutes=1))
    assert (summary.created, summary.joined) == (0, 1)
    (d,) = table(db, dossiers)
    assert d.title.startswith("HYBRIDE-COLLECTIF")
    assert "même expéditeur et même titre de projet" in d.match_note
    assert d.decision == "complete"
    assert [r.kind for r in table(db, outbox)] == ["completion_request", "completed"]


def test_the_secretariats_corrections_survive_a_new_reading(box, db, blobs, config):
    """A flag the secretariat set aside stays aside when the dossier is read again
    (reprocess after a reader update, or a later email joining it)."""
    from sqlalchemy import insert

    from intake.filing.worker import reprocess
    from storage.schema import NOT_APPLICABLE, flag_overrides, users

    box.deliver(INCOMPLETE)
    run_once(config, box.source(), db, blobs, now=LATER)
    (d,) = table(db, dossiers)
    blocking = [f for f in json.loads(d.dossier_json)["flags"] if f["severity"] == "blocking"]
    assert d.decision == "incomplete" and [f["code"] for f in blocking] == ["cofinancing_below_minimum"]
    now = q.now()
    with db.begin() as conn:
        uid = conn.execute(insert(users).values(
            email="secretariat@anact.fr", name="Secrétariat", role="secretariat", password_hash="x",
            active=True, created_at=now)).inserted_primary_key[0]
        conn.execute(insert(flag_overrides).values(
            dossier_id=d.id, code="cofinancing_below_minimum", target="", status=NOT_APPLICABLE,
            comment="apport en nature confirmé par téléphone", user_id=uid, created_at=now, updated_at=now))
        q.set_dossier(conn, d.id, decision="complete")
    assert reprocess(config, db, blobs) == [("FAB-2022-0001", "complete", "complete")]
    assert table(db, dossiers)[0].decision == "complete"
    assert json.loads(table(db, dossiers)[0].dossier_json)["decision"] == "incomplete"  # the reading, kept


def test_a_completion_request_the_reading_doubts_is_held_with_the_reason(box, db, blobs, config):
    """The reading of example 03 raises its flags; with a doubt written beside them, the
    request waits for a person, who sees why."""
    from intake.answering.answers import incoming_from_raw
    from intake.answering.mail_settings import answer_settings
    from intake.answering.outbox import queue_answer
    from intake.config import config_data
    from intake.reading.pipeline import inspect_message

    raw = INCOMPLETE.read_bytes()
    reading = inspect_message(raw, config, received=ON_TIME).dossier
    assert reading["decision"] == "incomplete" and reading["doubts"] == []
    settings = answer_settings(config_data(config))
    with db.begin() as conn:
        did, _ = q.create_dossier(conn, 2022, reading, sender_address=SENDER, title=None,
                                  first_received=ON_TIME, backfill=False)
        d = q.get_dossier(conn, did)
        sure = queue_answer(conn, blobs, dossier=d, dossier_json=reading, kind="completion_request",
                            incoming=incoming_from_raw(raw, ON_TIME), answers_message=None,
                            settings=settings, call=config.call, now=LATER)
        doubtful = {**reading, "doubts": [{"code": "missing_budget_item", "target": "cofinancement",
                                           "reason": "Un co-financement semble annoncé.",
                                           "evidence": "projet.docx : « Région : 8 000 € »"}]}
        held = queue_answer(conn, blobs, dossier=d, dossier_json=doubtful, kind="completion_request",
                            incoming=incoming_from_raw(raw, ON_TIME), answers_message=None,
                            settings=settings, call=config.call, now=LATER)
    by_id = {r.id: r for r in table(db, outbox)}
    assert by_id[sure].state == "queued"
    assert by_id[held].state == "held"
    assert "Un co-financement semble annoncé." in by_id[held].last_error
