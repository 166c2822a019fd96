"""The continuous worker (`intake.filing.service.serve`) with the real worker pass, a real
Maildir or a real Dovecot: new mail handled within seconds (IDLE, or watching new/), a
server crash survived, one worker per mailbox, SIGTERM ends it cleanly, health and logs."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from intake.filing.service import EXIT_LOCKED, MailboxLock, kv, read_health, serve
from intake.filing.sources import SourceError
from intake.filing.worker import run_once
from storage.schema import dossiers

from .conftest import BODY, COMPLETE, INCOMPLETE, ROOT
from .imap_helpers import PASSWORD, count, deliver, running_dovecot, source, until


class Served:
    """serve() in a thread (no signal handlers there: the stop event ends it)."""

    def __init__(self, tmp_path: Path, make_source, poll, *, send=None, poll_interval=60.0,
                 send_interval=3600.0, **kw) -> None:
        self.stop = threading.Event()
        self.sends = 0
        self.lock = tmp_path / "worker.lock"
        self.health = tmp_path / "health.json"
        self.rc: int | None = None

        def count_send():
            self.sends += 1
            if send is not None:
                send()

        def run():
            self.rc = serve(make_source, poll, count_send, poll_interval=poll_interval,
                            send_interval=send_interval, lock_path=self.lock, stop=self.stop,
                            health_path=self.health, **kw)

        self.thread = threading.Thread(target=run, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(10)
        assert not self.thread.is_alive(), "serve did not stop"

    def state(self) -> dict:
        return read_health(self.health, self.lock)

    def good_polls_after(self, when: str | None) -> bool:
        last = self.state().get("last_good_poll")
        return last is not None and (when is None or last > when)


def dossier_count(db) -> int:
    with db.connect() as conn:
        return conn.execute(select(func.count()).select_from(dossiers)).scalar()


@pytest.fixture
def imap_server():
    with running_dovecot() as server:
        yield server


def test_maildir_mail_is_handled_within_seconds_and_health_is_written(box, db, blobs, config,
                                                                      tmp_path):
    box.deliver(COMPLETE)
    with Served(tmp_path, box.source, lambda src: run_once(config, src, db, blobs)) as w:
        until(lambda: box.inbox() == [], 30)
        assert dossier_count(db) == 1
        box.deliver(INCOMPLETE)  # the loop now waits 60 s, but watches new/
        took = until(lambda: box.inbox() == [], 10)
        assert took < 5 and dossier_count(db) == 2
        until(lambda: w.sends >= 2, 5)  # once at start, once right after a poll that read mail
        health = w.state()
        assert health["mode"] == "poll" and health["pid"] == os.getpid()
        assert health["state"] == "running" and health["running"] is True
        assert health["last_good_poll"] and health["seconds_since_good_poll"] < 30
        assert health["last_result"].startswith("1 message lu")
        assert health["account"].startswith("maildir:")
    assert w.rc == 0
    after = w.state()
    assert after["state"] == "stopped" and after["running"] is False
    assert MailboxLock(w.lock).acquire()  # released


def test_imap_idle_triggers_a_poll_within_seconds(imap_server, db, blobs, config, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="fabrique.service")
    with Served(tmp_path, lambda: source(imap_server),
                lambda src: run_once(config, src, db, blobs), poll_interval=120) as w:
        until(lambda: w.good_polls_after(None), 10)
        time.sleep(0.5)  # in IDLE now
        deliver(imap_server, INCOMPLETE.read_bytes())
        took = until(lambda: count(imap_server, "Traitées") == 1, 10)
        assert took < 5, f"handled {took:.2f} s after the APPEND"
        assert w.state()["mode"] == "idle" and dossier_count(db) == 1
    records = [r.getMessage() for r in caplog.records if r.name == "fabrique.service"]
    assert records and all(m.startswith("event=") for m in records)
    assert any(m.startswith("event=connected") and "mode=idle" in m for m in records)
    text = "\n".join(records)
    assert PASSWORD not in text and "Fabrique CTO" not in text  # no secret, no content


def test_imap_without_idle_polls_at_the_interval(imap_server, db, blobs, config, tmp_path):
    with Served(tmp_path, lambda: source(imap_server, idle=False),
                lambda src: run_once(config, src, db, blobs), poll_interval=0.5) as w:
        until(lambda: w.good_polls_after(None), 10)
        deliver(imap_server, BODY.read_bytes())
        took = until(lambda: count(imap_server, "Traitées") == 1, 10)
        assert took < 3 and w.state()["mode"] == "poll"


def test_dovecot_killed_mid_wait_and_restarted_the_worker_carries_on(imap_server, db, blobs,
                                                                     config, tmp_path):
    with Served(tmp_path, lambda: source(imap_server),
                lambda src: run_once(config, src, db, blobs), poll_interval=120,
                backoff_initial=0.1, backoff_max=0.5) as w:
        until(lambda: w.good_polls_after(None), 10)
        first = w.state()["last_good_poll"]
        time.sleep(0.5)
        imap_server.kill()
        until(lambda: w.state().get("last_error"), 5)
        time.sleep(1.5)  # a few refused reconnections
        assert w.thread.is_alive() and "inaccessible" in w.state()["last_error"]
        imap_server.start()
        deliver(imap_server, BODY.read_bytes())
        took = until(lambda: count(imap_server, "Traitées") == 1, 15)
        assert took < 5 and dossier_count(db) == 1
        until(lambda: w.good_polls_after(first), 5)
    assert w.rc == 0


def test_a_second_worker_on_the_same_mailbox_refuses_at_once(box, tmp_path, capsys):
    with Served(tmp_path, box.source, lambda src: src.list_new()) as w:
        until(lambda: w.good_polls_after(None), 10)

        def never():
            raise AssertionError("the second worker must not open the mailbox")

        start = time.monotonic()
        rc = serve(never, never, never, poll_interval=1, send_interval=1, lock_path=w.lock)
        assert rc == EXIT_LOCKED and time.monotonic() - start < 1
        err = capsys.readouterr().err
        assert "un relevé tourne déjà" in err and str(os.getpid()) in err
        assert w.thread.is_alive()
    assert w.rc == 0


def test_mailbox_errors_poll_bugs_and_send_failures_never_end_the_loop(box, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="fabrique.service")
    opened, polls = [], []

    def make_source():
        opened.append(1)
        if len(opened) == 1:
            raise SourceError("boîte IMAP exemple inaccessible : ConnectionRefusedError")
        return box.source()

    def poll(src):
        polls.append(1)
        if len(polls) == 1:
            raise RuntimeError("bogue du lecteur")
        return src.list_new()

    def send():
        raise RuntimeError("SMTP en panne")

    with Served(tmp_path, make_source, poll, send=send, poll_interval=0.2,
                send_interval=0.3, backoff_initial=0.05) as w:
        until(lambda: len(polls) >= 3 and w.sends >= 2, 10)
        assert w.state()["last_good_poll"] is not None
    assert w.rc == 0 and len(opened) == 2
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "event=mailbox_error" in text and "retry_in_s=0.050" in text
    assert 'event=poll_failed error="RuntimeError: bogue du lecteur"' in text
    assert "event=send_failed" in text


SCRIPT = """
import sys, time
from pathlib import Path
from intake.filing.service import serve
from intake.filing.sources import MaildirSource

maildir, lock, health, record = sys.argv[1:5]

def poll(src):
    for item in src.list_new():
        with open(record, "a") as f:
            f.write(f"start {item.uid}\\n")
        time.sleep(1.0)  # the message in hand
        src.move_processed(item.uid)
        with open(record, "a") as f:
            f.write(f"done {item.uid}\\n")

sys.exit(serve(lambda: MaildirSource(maildir), poll, lambda: None, poll_interval=60,
               send_interval=3600, lock_path=Path(lock), health_path=Path(health)))
"""


def test_sigterm_finishes_the_message_in_hand_then_exits_0_and_frees_the_lock(box, tmp_path):
    lock, health, record = tmp_path / "w.lock", tmp_path / "health.json", tmp_path / "record"
    key = box.deliver(BODY)
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(box.path), str(lock), str(health),
                             str(record)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        until(lambda: record.exists() and "start" in record.read_text(), 30)
        proc.send_signal(signal.SIGTERM)
        start = time.monotonic()
        rc = proc.wait(10)
        took = time.monotonic() - start
    finally:
        if proc.poll() is None:
            proc.kill()
    assert rc == 0, proc.stderr.read()
    assert took < 3, f"stopped {took:.2f} s after SIGTERM"
    assert record.read_text().splitlines() == [f"start {key}", f"done {key}"]
    assert box.inbox() == []
    assert MailboxLock(lock).acquire()
    assert json.loads(health.read_text())["state"] == "stopped"


def test_sigterm_during_the_wait_exits_at_once(box, tmp_path):
    lock, health = tmp_path / "w.lock", tmp_path / "health.json"
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(box.path), str(lock), str(health),
                             str(tmp_path / "record")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        until(lambda: read_health(health).get("last_good_poll"), 30)
        start = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(10)
        took = time.monotonic() - start
    finally:
        if proc.poll() is None:
            proc.kill()
    assert rc == 0 and took < 2, f"rc {rc}, stopped {took:.2f} s after SIGTERM"
    assert MailboxLock(lock).acquire()


def test_read_health_without_a_worker_and_kv_quoting(tmp_path):
    assert read_health(tmp_path / "absent.json") == {}
    assert kv("poll_ok", mode="idle", duration_s=0.5, result="2 messages lus", none=None) == (
        'event=poll_ok mode=idle duration_s=0.500 result="2 messages lus"')
