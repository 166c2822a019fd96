"""The operations page: a message the real worker put in quarantine (its reader raised)
is listed with its reason and events, then read again from its stored bytes and filed
(sending nothing unless asked); the worker's health as `fabrique-intake health` sees it."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select

from intake.filing.service import MailboxLock
from intake.filing.worker import run_once
from intake.reading import pipeline
from storage.schema import audit_log, dossier_messages, dossiers, events, messages, outbox
from tests.worker.conftest import Box
from web.app import create_app

from .conftest import COMPLETE_BODY, EXAMPLES, SECRETARIAT, configured, csrf_of, login

NEW_SENDER = b"Nadia Benali <nadia.benali@cooperative-ouvriere.fr>"


def proposal_from_a_new_sender() -> bytes:
    """Example 02 (a proposal in the body), sent by someone else: a new dossier."""
    raw = next(p for p in EXAMPLES if p.name.startswith("02-")).read_bytes()
    raw = re.sub(rb"(?m)^From: .*$", b"From: " + NEW_SENDER, raw, count=1)
    return re.sub(rb"(?m)^Message-ID: .*$", b"Message-ID: <quarantaine-1@cooperative-ouvriere.fr>", raw, count=1)


@pytest.fixture
def quarantined(engine, blobs, web_config, tmp_path, monkeypatch) -> int:
    """The worker's own way into quarantine: its reader raises, max_attempts is 1."""
    box = Box(tmp_path / "Maildir")
    box.deliver(proposal_from_a_new_sender())

    def broken_reader(*_a, **_k):
        raise MemoryError("lecture interrompue : mémoire dépassée")

    with monkeypatch.context() as m:
        m.setattr(pipeline, "inspect_message", broken_reader)
        summary = run_once(web_config, box.source(), engine, blobs, max_attempts=1)
    assert summary.quarantined == 1, summary.french()
    with engine.connect() as conn:
        return conn.execute(select(messages.c.id).where(messages.c.state == "quarantined")).scalar_one()


def test_quarantine_lists_the_message_with_its_reason(secretariat, quarantined):
    html = secretariat.get("/operations").text
    assert "<title>Quarantaine et état du service" in html
    section = html[html.index('id="quarantaine"'):]
    for words in ("nadia.benali@cooperative-ouvriere.fr", "La Fabrique CTO", "en quarantaine",
                  "a échoué (essai 1 sur 1) : erreur interne MemoryError : lecture interrompue", "mis en quarantaine", "enregistré",
                  f'action="/operations/messages/{quarantined}/reprocess"'):
        assert words in section, words
    assert "1 message en quarantaine" in html  # in the health alerts


def test_reprocess_files_it_and_sends_nothing(secretariat, engine, quarantined):
    page = secretariat.get("/operations").text
    r = secretariat.post(f"/operations/messages/{quarantined}/reprocess", data={"csrf_token": csrf_of(page)},
                         follow_redirects=False)
    assert r.status_code == 303 and "fait=relu&dossier=FAB-2022-0006" in r.headers["location"]
    with engine.connect() as conn:
        m = conn.execute(select(messages).where(messages.c.id == quarantined)).one()
        d = conn.execute(select(dossiers).join(dossier_messages, dossier_messages.c.dossier_id == dossiers.c.id)
                         .where(dossier_messages.c.message_id == quarantined)).one()
        steps = [e.step for e in conn.execute(select(events).where(events.c.message_id == quarantined)
                                              .order_by(events.c.id))]
        mails = conn.execute(select(func.count()).select_from(outbox).where(outbox.c.dossier_id == d.id)).scalar()
        entry = conn.execute(select(audit_log)).one()
    assert m.state == "moved" and m.last_error is None and m.decision == "complete"
    assert d.reference == "FAB-2022-0006" and d.decision == "complete"
    assert d.sender_address == "nadia.benali@cooperative-ouvriere.fr"
    assert steps[-3:] == ["dossier_updated", "no_answer", "reprocessed"]
    assert mails == 0 and d.answered_decision is None  # nothing sent, nothing planned
    assert entry.action == "message_reprocessed" and entry.dossier_id == d.id
    shown = secretariat.get(r.headers["location"]).text
    assert "Le message est relu et classé." in shown and 'href="/dossiers/FAB-2022-0006"' in shown
    assert "Aucun message en quarantaine." in shown
    dossier = secretariat.get("/dossiers/FAB-2022-0006").text
    assert "Message relu depuis la quarantaine" in dossier and "complet" in dossier


def test_reprocess_with_the_answer_asked(secretariat, engine, quarantined):
    page = secretariat.get("/operations").text
    r = secretariat.post(f"/operations/messages/{quarantined}/reprocess",
                         data={"csrf_token": csrf_of(page), "answer": "1"}, follow_redirects=False)
    assert r.status_code == 303 and "fait=relu-repondu" in r.headers["location"]
    with engine.connect() as conn:
        mail = conn.execute(select(outbox).join(dossiers, dossiers.c.id == outbox.c.dossier_id)
                            .where(dossiers.c.reference == "FAB-2022-0006")).one()
    assert mail.kind == "acknowledgement" and mail.state == "queued"
    assert mail.recipient == "nadia.benali@cooperative-ouvriere.fr"


def test_a_reading_that_fails_again_stays_in_quarantine(secretariat, engine, quarantined, monkeypatch):
    def still_broken(*_a, **_k):
        raise RuntimeError("toujours illisible")

    monkeypatch.setattr(pipeline, "inspect_message", still_broken)
    page = secretariat.get("/operations").text
    r = secretariat.post(f"/operations/messages/{quarantined}/reprocess", data={"csrf_token": csrf_of(page)})
    assert r.status_code == 400 and "La relecture a encore échoué : RuntimeError: toujours illisible" in r.text
    with engine.connect() as conn:
        m = conn.execute(select(messages).where(messages.c.id == quarantined)).one()
        assert conn.execute(select(func.count()).select_from(dossiers)).scalar() == 5
        assert conn.execute(select(events.c.step).where(events.c.message_id == quarantined)
                            .order_by(events.c.id.desc()).limit(1)).scalar() == "reprocess_failed"
    assert m.state == "quarantined" and m.last_error == "RuntimeError: toujours illisible"
    # a message that is not in quarantine is not read from here
    with engine.connect() as conn:
        filed = conn.execute(select(messages.c.id).where(messages.c.state == "moved")).first().id
    r = secretariat.post(f"/operations/messages/{filed}/reprocess", data={"csrf_token": csrf_of(page)})
    assert r.status_code == 400 and "Seul un message en quarantaine" in r.text
    assert secretariat.post("/operations/messages/99999/reprocess",
                            data={"csrf_token": csrf_of(page)}).status_code == 404


def health_app(engine, blobs, web_config, data_dir, state: dict | None):
    if state is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "health.json").write_text(json.dumps(state), encoding="utf-8")
    return configured(create_app(engine, blobs, call=web_config.call), web_config, data_dir)


def test_health_when_the_worker_polls(engine, blobs, web_config, tmp_path):
    fresh = datetime.now(UTC) - timedelta(seconds=30)
    state = {"state": "running", "mode": "idle", "account": "imap:fabrique@anact.fr",
             "last_good_poll": fresh.isoformat(), "last_error": None}
    app = health_app(engine, blobs, web_config, tmp_path / "data", state)
    lock = MailboxLock(tmp_path / "data" / "worker.lock")
    assert lock.acquire()  # as the running worker holds it
    try:
        with TestClient(app) as client:
            assert login(client, SECRETARIAT).status_code == 303
            html = client.get("/operations").text
    finally:
        lock.release()
    etat = html[html.index('id="etat"'):html.index('id="quarantaine"')]
    assert "en marche (IMAP IDLE)" in etat and "imap:fabrique@anact.fr" in etat and "il y a 0 min" in etat
    assert "2 à valider" in etat and "0 en échec" in etat
    assert "Le relevé fonctionne" in etat and "À regarder" not in etat
    with TestClient(app) as client:  # the lock released: the worker is gone
        assert login(client, SECRETARIAT).status_code == 303
        assert "Le service de relevé ne tourne pas." in client.get("/operations").text


def test_health_after_a_single_run(engine, blobs, web_config, tmp_path):
    """`run --once` succeeded a moment ago: its time is shown, nothing in red."""
    from intake.filing.service import record_single_run

    record_single_run(tmp_path / "data" / "health.json", "2 messages lus, 2 dossiers créés")
    with TestClient(health_app(engine, blobs, web_config, tmp_path / "data", None)) as client:
        assert login(client, SECRETARIAT).status_code == 303
        html = client.get("/operations").text
    etat = html[html.index('id="etat"'):html.index('id="quarantaine"')]
    assert "relevés lancés à la demande" in etat and "il y a 0 min" in etat
    assert "aucun</dd>" not in etat.split("Dernier relevé réussi")[1][:200]
    assert "ne tourne pas" not in etat


def test_health_when_the_worker_is_stuck(engine, blobs, web_config, tmp_path):
    stale = datetime.now(UTC) - timedelta(hours=2)
    state = {"state": "running", "last_good_poll": stale.isoformat(),
             "last_error": "IMAP : connexion refusée", "last_error_at": datetime.now(UTC).isoformat()}
    with TestClient(health_app(engine, blobs, web_config, tmp_path / "data", state)) as client:
        assert login(client, SECRETARIAT).status_code == 303
        html = client.get("/operations").text
    assert "Le dernier relevé réussi date de 120 minutes." in html
    assert "Dernière erreur du relevé : IMAP : connexion refusée" in html
    with TestClient(health_app(engine, blobs, web_config, tmp_path / "empty", None)) as client:
        assert login(client, SECRETARIAT).status_code == 303
        html = client.get("/operations").text
    assert "Aucun relevé continu n&#39;a encore écrit son état" in html


def test_a_quarantined_message_of_a_dossier_rejoins_it(secretariat, engine, quarantined):
    """Linked to a dossier before its reading broke: the dossier is read again whole,
    this message included (intake.filing.worker.reprocess)."""
    with engine.begin() as conn:
        did = conn.execute(select(dossiers.c.id).where(dossiers.c.reference == COMPLETE_BODY)).scalar()
        conn.execute(insert(dossier_messages).values(dossier_id=did, message_id=quarantined))
    page = secretariat.get("/operations").text
    assert f'href="/dossiers/{COMPLETE_BODY}"' in page[page.index('id="quarantaine"'):]
    r = secretariat.post(f"/operations/messages/{quarantined}/reprocess", data={"csrf_token": csrf_of(page)},
                         follow_redirects=False)
    assert r.status_code == 303 and f"dossier={COMPLETE_BODY}" in r.headers["location"]
    with engine.connect() as conn:
        m = conn.execute(select(messages).where(messages.c.id == quarantined)).one()
        steps = [e.step for e in conn.execute(select(events).where(events.c.message_id == quarantined))]
        d = conn.execute(select(dossiers).where(dossiers.c.id == did)).one()
        entry = conn.execute(select(audit_log)).one()
    assert m.state == "moved" and steps[-3:] == ["reprocess", "reprocessed", "reprocessed"]
    assert d.decision == "complete" and entry.action == "message_reprocessed" and entry.dossier_id == did
