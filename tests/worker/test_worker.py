"""One pass of the worker over a real Maildir, a real SQLite file and a blob store:
stored before read, failures retried then quarantined, duplicates recognised, replies
threaded by reference, nothing done twice, crashes resumed."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from intake.filing import worker
from intake.filing.worker import run_once
from intake.reading import pipeline
from storage import queries as q
from storage.schema import dossier_messages, dossiers, events, messages

from .conftest import BODY, COMPLETE, INCOMPLETE, reply


def rows(db, table):
    with db.connect() as conn:
        return list(conn.execute(select(table).order_by(table.c[list(table.c.keys())[0]])))


def count(db, table) -> int:
    with db.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def steps(db, message_id: int) -> list[str]:
    with db.connect() as conn:
        return [e.step for e in q.message_events(conn, message_id)]


def test_each_message_is_stored_read_filed_and_moved(box, db, blobs, config):
    keys = [box.deliver(COMPLETE), box.deliver(INCOMPLETE)]
    summary = run_once(config, box.source(), db, blobs)
    assert (summary.read, summary.created, summary.joined, summary.quarantined) == (2, 2, 0, 0)
    assert summary.french() == ("2 messages lus, 2 dossiers créés, 0 rattaché, 0 en quarantaine, "
                              "2 réponses préparées")
    assert box.inbox() == [] and box.source().folder_keys("processed") == sorted(keys)
    ds = rows(db, dossiers)
    assert [d.reference for d in ds] == ["FAB-2022-0001", "FAB-2022-0002"]
    assert [d.decision for d in ds] == ["complete", "incomplete"]  # received on time
    assert json.loads(ds[1].dossier_json)["decision"] == "incomplete"
    assert ds[0].sender == "claire.lemonnier@trajectoires-travail.fr"
    for m in rows(db, messages):
        assert m.state == "moved" and blobs.get(m.sha256) == (COMPLETE if m.id == 1 else INCOMPLETE).read_bytes()
        # the acknowledgement is queued with the decision; the completion request once the
        # pass is over (the split-submission window of a 2022 message closed long ago)
        assert steps(db, m.id) == (["stored", "understood", "dossier_updated", "email_queued", "moved"]
                                   if m.id == 1 else
                                   ["stored", "understood", "dossier_updated", "answer_waiting", "moved",
                                    "email_queued"])
    assert count(db, dossier_messages) == 2


def test_a_failing_message_is_stored_retried_then_quarantined_without_blocking(box, db, blobs, config,
                                                                                monkeypatch):
    real = pipeline.inspect_message
    bad = INCOMPLETE.read_bytes()

    def flaky(raw, config, *, received=None):
        if raw == bad:
            raise RuntimeError("lecteur en panne")
        return real(raw, config, received=received)

    monkeypatch.setattr(pipeline, "inspect_message", flaky)
    box.deliver(COMPLETE)
    bad_key = box.deliver(INCOMPLETE)
    box.deliver(BODY)

    s1 = run_once(config, box.source(), db, blobs, max_attempts=3)
    assert (s1.read, s1.created, s1.retry, s1.quarantined) == (3, 2, 1, 0)
    failing = next(m for m in rows(db, messages) if m.uid == bad_key)
    # Stored before anything read it: ledger row and blob exist although reading raised.
    assert failing.sha256 == hashlib.sha256(bad).hexdigest() and blobs.get(failing.sha256) == bad
    assert (failing.state, failing.attempts) == ("failed", 1)
    assert "lecteur en panne" in failing.last_error
    assert box.inbox() == [bad_key]  # left in the inbox for the next pass

    # not hammered: the next try waits retry_backoff_seconds (60), then twice that
    soon = run_once(config, box.source(), db, blobs, max_attempts=3)
    assert (soon.read, soon.waiting) == (0, 1) and "1 en attente d'un nouvel essai" in soon.french()
    s2 = run_once(config, box.source(), db, blobs, max_attempts=3, now=q.now() + timedelta(seconds=61))
    assert (s2.read, s2.created, s2.retry, s2.quarantined) == (1, 0, 1, 0)
    assert run_once(config, box.source(), db, blobs, max_attempts=3,
                    now=q.now() + timedelta(seconds=61)).waiting == 1  # 120 s after the second
    s3 = run_once(config, box.source(), db, blobs, max_attempts=3, now=q.now() + timedelta(seconds=121))
    assert (s3.read, s3.retry, s3.quarantined) == (1, 0, 1)
    assert "1 en quarantaine" in s3.french()

    failing = next(m for m in rows(db, messages) if m.uid == bad_key)
    assert (failing.state, failing.attempts) == ("quarantined", 3)
    assert box.inbox() == [] and box.source().folder_keys("quarantine") == [bad_key]
    with db.connect() as conn:
        last = q.message_events(conn, failing.id)[-1]
    assert last.step == "quarantined" and "lecteur en panne" in last.detail
    assert steps(db, failing.id) == ["stored", "failed", "failed", "failed", "quarantined"]
    assert count(db, dossiers) == 2
    assert run_once(config, box.source(), db, blobs).read == 0


def test_the_same_message_twice_makes_one_dossier(box, db, blobs, config):
    box.deliver(BODY)
    box.deliver(BODY)  # same bytes, delivered again
    resent = BODY.read_bytes().replace(b"\nSubject:", b"\nX-Resent: 1\nSubject:", 1)
    box.deliver(resent)  # other bytes, same Message-ID
    summary = run_once(config, box.source(), db, blobs)
    assert (summary.read, summary.created, summary.duplicates) == (3, 1, 2)
    assert count(db, dossiers) == 1 and box.inbox() == []
    ms = rows(db, messages)
    assert [m.state for m in ms] == ["moved"] * 3
    assert steps(db, ms[1].id) == ["stored", "duplicate", "moved"]
    with db.connect() as conn:
        details = [e.detail for e in q.message_events(conn, ms[2].id) if e.step == "duplicate"]
    assert details == ["doublon du message n° 1 (même Message-ID)"]
    assert count(db, dossier_messages) == 3  # the copies are linked to the dossier they repeat


def test_a_reply_quoting_the_reference_joins_its_dossier(box, db, blobs, config):
    box.deliver(COMPLETE)
    run_once(config, box.source(), db, blobs)
    box.deliver(reply("FAB-2022-0001"))
    box.deliver(reply("FAB-2022-0999", n=2))  # unknown reference: a dossier of its own
    summary = run_once(config, box.source(), db, blobs)
    assert (summary.read, summary.created, summary.joined) == (2, 1, 1)
    assert summary.french() == ("2 messages lus, 1 dossier créé, 1 rattaché, 0 en quarantaine, "
                              "1 réponse préparée")
    with db.connect() as conn:
        first = q.dossier_by_reference(conn, "FAB-2022-0001")
        assert sorted(q.dossier_message_ids(conn, first.id)) == [1, 2]
    assert [d.reference for d in rows(db, dossiers)] == ["FAB-2022-0001", "FAB-2022-0002"]


def test_a_second_pass_does_nothing(box, db, blobs, config):
    box.deliver(COMPLETE)
    box.deliver(BODY)
    run_once(config, box.source(), db, blobs)
    n_events = count(db, events)
    again = run_once(config, box.source(), db, blobs)
    assert again.french() == "0 message lu, 0 dossier créé, 0 rattaché, 0 en quarantaine"
    assert count(db, events) == n_events and count(db, dossiers) == 2


def test_a_crash_before_the_move_is_resumed_without_a_second_dossier(box, db, blobs, config,
                                                                      monkeypatch):
    key = box.deliver(COMPLETE)
    src = box.source()

    def crash(uid):
        raise OSError("disque plein")

    monkeypatch.setattr(src, "move_processed", crash)
    summary = run_once(config, src, db, blobs)
    assert summary.created == 1 and len(summary.errors) == 1
    assert rows(db, messages)[0].state == "dossier_updated" and box.inbox() == [key]

    resumed = run_once(config, box.source(), db, blobs)
    assert (resumed.read, resumed.created) == (0, 0) and not resumed.errors
    assert box.inbox() == [] and count(db, dossiers) == 1
    assert steps(db, 1) == ["stored", "understood", "dossier_updated", "email_queued", "moved"]


def test_a_crash_after_storing_is_resumed_from_the_stored_bytes(box, db, blobs, config, monkeypatch):
    box.deliver(BODY)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the process stops: not a reading failure

    monkeypatch.setattr(pipeline, "inspect_message", killed)
    with pytest.raises(KeyboardInterrupt):
        run_once(config, box.source(), db, blobs)
    assert rows(db, messages)[0].state == "stored" and count(db, dossiers) == 0
    monkeypatch.undo()
    summary = run_once(config, box.source(), db, blobs)
    assert (summary.read, summary.created) == (1, 1)
    assert steps(db, 1) == ["stored", "understood", "dossier_updated", "email_queued", "moved"]


def test_backfill_is_recorded_and_max_attempts_comes_from_config(box, db, blobs, config, tmp_path):
    box.deliver(BODY)
    run_once(config, box.source(), db, blobs, backfill=True)
    assert rows(db, messages)[0].backfill is True
    assert worker.worker_settings(config).max_attempts == 3


def test_a_renumbered_folder_does_not_lose_or_repeat_a_message(box, db, blobs, config, monkeypatch):
    """After a UIDVALIDITY change the ledger row follows its message: a message not yet
    moved is finished once, not taken for a duplicate of itself."""
    box.deliver(COMPLETE)
    src = box.source()
    monkeypatch.setattr(src, "move_processed", lambda uid: (_ for _ in ()).throw(OSError("coupure")))
    run_once(config, src, db, blobs)
    (box.path / "fabrique-uidvalidity").write_text("42\n")  # the folder was re-created
    summary = run_once(config, box.source(), db, blobs)
    assert (summary.read, summary.created, summary.duplicates) == (0, 0, 0)
    assert box.inbox() == [] and count(db, messages) == 1 and count(db, dossiers) == 1
    m = rows(db, messages)[0]
    assert (m.uidvalidity, m.state) == (42, "moved")
    assert steps(db, m.id) == ["stored", "understood", "dossier_updated", "email_queued", "renumbered", "moved"]
