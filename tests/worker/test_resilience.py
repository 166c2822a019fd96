"""Resilience against real servers: a private Dovecot, a real SMTP server (aiosmtpd),
SQLite and PostgreSQL, and the operator's own command (`python -m intake.cli run --once`)
in a separate process. Whatever breaks on the way (the SMTP server down, Dovecot killed
in the middle of a poll, the mailbox renumbered, a message that cannot be read, the
worker itself killed with SIGKILL again and again), the end state is the same: every
message filed exactly once in the right folder, one dossier per submission, every
applicant answered exactly once and automatic senders never.

The backlog is made of the repository's labelled proposals (tests/worker/backlog.py)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import random
import signal
import subprocess
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.answering.mailer import SmtpTransport
from intake.answering.outbox import send_due
from intake.filing.sources import ImapSource, SourceError
from intake.filing.worker import run_once
from intake.reading import pipeline
from storage import queries as q
from storage.db import open_db
from storage.schema import messages, outbox

from .backlog import (
    PASSWORD,
    PROCESSED,
    QUARANTINE,
    ROOT,
    USER,
    Expect,
    append,
    backlog,
    cli,
    cli_env,
    deliveries,
    folder_hashes,
    run_cli,
    table,
    unseen,
    write_config,
)
from .dovecot import DOVECOT, HOST, Dovecot
from .smtp_server import SmtpServer

FROM = "fabrique@anact.fr"


@pytest.fixture
def config(tmp_path):
    """The repository's config, every answer sent at once: these tests count deliveries
    (late refusals wait for a person by default: tests/worker/test_answers_flow.py)."""
    from intake.config import load_config

    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    assert 'hold_for_approval = ["late"]' in text
    path = tmp_path / "config-send-all.toml"
    path.write_text(text.replace('hold_for_approval = ["late"]', "hold_for_approval = []"), encoding="utf-8")
    return load_config(path)


@pytest.fixture
def imap_server():
    if not os.path.exists(DOVECOT):
        pytest.skip("Dovecot absent : apt-get install -y dovecot-imapd")
    server = Dovecot({USER: PASSWORD}).start()
    yield server
    server.stop()


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


def data_db(data: Path):
    return open_db(f"sqlite:///{data / 'fabrique.db'}")


def source(server: Dovecot) -> ImapSource:
    return ImapSource(HOST, server.port, username=USER, password=PASSWORD, security="plain", timeout=10)


def send(db, blobs, smtp: SmtpServer):
    return send_due(db, blobs, SmtpTransport(HOST, smtp.port, security="plain", timeout=10),
                    envelope_from=FROM)


def summary_line(expect: Expect, *, read: int | None = None) -> str:
    """What `run --once` prints for a whole backlog read in one pass."""
    subs = expect.submissions
    repeats = sum(m.repeats is not None for m in expect.mails)
    answers = sum(m.answered for m in subs)
    line = (f"{read if read is not None else len(expect.mails)} messages lus, "
            f"{len(subs)} dossiers créés, 0 rattaché, 0 en quarantaine")
    if repeats:
        line += f", {repeats} doublon{'s' if repeats > 1 else ''}"
    return line + f", {answers} réponses préparées"


# ------------------------------------------------------------------ 1. a backlog of 50


def test_a_backlog_of_50_mixed_proposals_in_one_run(imap_server, smtp, tmp_path):
    mails = backlog(50)
    expect = Expect(mails)
    append(imap_server, mails)
    config = write_config(tmp_path / "config.toml", imap_port=imap_server.port, smtp_port=smtp.port)
    data = tmp_path / "data"

    out = run_cli("run", "--once", config=config, data=data)
    assert out.returncode == 0, out.stderr
    answered = [m for m in expect.submissions if m.answered]
    assert out.stdout.splitlines() == [summary_line(expect), f"{len(answered)} courriels envoyés"]
    assert len(expect.submissions) == 48 and len(answered) == 43  # 2 repeats, 5 automatic senders

    db = data_db(data)
    figures = expect.all(imap_server, db, smtp)
    assert figures == {"emails": 43, "distinct": 43, "resent": 0}
    assert unseen(imap_server, PROCESSED) == 50  # read with BODY.PEEK[]: still unread

    listed = run_cli("dossiers", "--json", config=config, data=data)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["reference"] for r in rows] == [f"FAB-2022-{n:04d}" for n in range(1, 49)]
    by_sender = {r["sender"]: r for r in rows}
    assert set(by_sender) == {m.sender for m in expect.submissions}
    for m in expect.submissions:
        answer = by_sender[m.sender]["answer"]
        assert answer.endswith(" : envoyé") if m.answered else answer == "—", (m.name, answer)

    again = run_cli("run", "--once", config=config, data=data)
    assert again.stdout.splitlines() == ["0 message lu, 0 dossier créé, 0 rattaché, 0 en quarantaine",
                                         "0 courriel envoyé"]
    assert len(smtp.received) == 43


# ------------------------------------------------------------------ 2. SMTP down, then back


def test_smtp_down_then_back_loses_nothing_and_sends_once(imap_server, smtp, tmp_path):
    mails = backlog(12)
    expect = Expect(mails)
    answered = [m for m in expect.submissions if m.answered]
    append(imap_server, mails)
    config = write_config(tmp_path / "config.toml", imap_port=imap_server.port, smtp_port=smtp.port)
    data = tmp_path / "data"
    smtp.stop()

    for _ in range(2):  # down for two runs: still nothing counted against the emails
        out = run_cli("run", "--once", config=config, data=data)
        assert out.returncode == 0, out.stderr
        assert out.stdout.splitlines()[1] == f"0 courriel envoyé, {len(answered)} à réessayer"
        assert "injoignable" in out.stderr
    db = data_db(data)
    rows = table(db, outbox)
    assert len(rows) == len(answered)
    for r in rows:
        assert (r.state, r.attempts, r.next_attempt_at, r.sent_at) == ("queued", 0, None, None)
    assert "injoignable" in rows[0].last_error  # the batch stops at the first: the server's fault
    listed = run_cli("outbox", config=config, data=data)
    assert listed.stdout.count("à envoyer") == len(answered)
    expect.folders(imap_server)  # the mailbox side is done: the outage only delays answers
    expect.ledger(db)
    assert smtp.received == []

    smtp.start()  # back, on the same port
    out = run_cli("run", "--once", config=config, data=data)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["0 message lu, 0 dossier créé, 0 rattaché, 0 en quarantaine",
                                       f"{len(answered)} courriels envoyés"]
    again = run_cli("run", "--once", config=config, data=data)
    assert again.stdout.splitlines()[1] == "0 courriel envoyé"
    figures = expect.all(imap_server, db, smtp)
    assert figures["resent"] == 0 and figures["distinct"] == len(answered)
    assert all(r.attempts == 1 for r in table(db, outbox))


def test_a_crash_between_the_servers_ok_and_the_mark_resends_the_same_email(
        imap_server, smtp, db, blobs, config):
    """The one place where a second copy can reach the server: the sender dies after the
    server's 250 and before the row is marked sent. The retry carries the same bytes and
    Message-ID, so the applicant's client shows one email."""
    mails = backlog(1)
    append(imap_server, mails)
    with source(imap_server) as src:
        run_once(config, src, db, blobs)
    transport = SmtpTransport(HOST, smtp.port, security="plain", timeout=10)

    class DiesAfterSending:
        def send(self, raw, sender, recipients):
            transport.send(raw, sender, recipients)
            raise SystemExit("killed after the server's 250")

    with pytest.raises(SystemExit):
        send_due(db, blobs, DiesAfterSending(), envelope_from=FROM)
    assert table(db, outbox)[0].state == "queued" and len(smtp.received) == 1
    assert send(db, blobs, smtp).sent == 1
    got = deliveries(smtp)
    assert len(got) == 2 and len({g.message_id for g in got}) == 1
    assert smtp.received[0].content == smtp.received[1].content
    assert send(db, blobs, smtp).sent == 0


# ------------------------------------------------------------------ 3. Dovecot killed mid-poll


def test_dovecot_killed_mid_poll_and_restarted(imap_server, smtp, tmp_path):
    mails = backlog(30)
    expect = Expect(mails)
    append(imap_server, mails)
    config = write_config(tmp_path / "config.toml", imap_port=imap_server.port, smtp_port=smtp.port)
    data = tmp_path / "data"
    log = (tmp_path / "first.log").open("w")
    worker = subprocess.Popen(cli("run", "--once", config=config, data=data), cwd=ROOT, env=cli_env(),
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while sum(folder_hashes(imap_server, PROCESSED).values()) < 5:
            assert worker.poll() is None, "the run ended before Dovecot could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        imap_server.kill()
        assert worker.wait(timeout=120) == 1  # the mailbox errors are reported, not a hang
    finally:
        if worker.poll() is None:
            worker.kill()
        log.close()
    first = (tmp_path / "first.log").read_text()
    assert "boîte IMAP" in first and "erreur" in first

    imap_server.start()
    left = sum(folder_hashes(imap_server, "INBOX").values())
    assert 0 < left < 30, left  # killed in the middle of the poll
    out = run_cli("run", "--once", config=config, data=data)
    assert out.returncode == 0, out.stderr
    expect.all(imap_server, data_db(data), smtp)
    assert len(smtp.received) == sum(m.answered for m in expect.submissions)


# ------------------------------------------------------------------ 4. UIDVALIDITY changed


def recreate_inbox(server: Dovecot) -> None:
    """The INBOX deleted and created again on the server, as a restore or a migration
    does: Dovecot stopped, the folder's messages and its UID list and indexes removed (the
    other folders kept), Dovecot started: the INBOX gets a new UIDVALIDITY."""
    server.kill()
    root = Path(server.dir) / "mail" / USER / "Maildir"
    for sub in ("cur", "new", "tmp"):
        for f in (root / sub).iterdir():
            f.unlink()
    for f in root.iterdir():
        if f.is_file() and (f.name == "dovecot-uidlist" or f.name.startswith("dovecot.index")):
            f.unlink()
    server.start()


def test_a_changed_uidvalidity_imports_nothing_twice_and_loses_nothing(
        imap_server, smtp, db, blobs, config, monkeypatch):
    ten = backlog(10)
    first, new = ten[:8], ten[8:]
    stuck = next(m for m in first if m.name.endswith("d30_encrypted_proposal"))
    real = pipeline.inspect_message

    def failing(raw, config, *, received=None):
        if raw == stuck.raw:
            raise RuntimeError("lecteur en panne")
        return real(raw, config, received=received)

    append(imap_server, first)
    monkeypatch.setattr(pipeline, "inspect_message", failing)
    with source(imap_server) as src:
        before = src.uidvalidity
        s1 = run_once(config, src, db, blobs)
    assert (s1.read, s1.retry) == (8, 1)  # one message stored, not filed: left in the inbox
    monkeypatch.undo()
    send(db, blobs, smtp)

    recreate_inbox(imap_server)
    # Back in the new INBOX, in another order: the message that was not filed, three
    # already filed (restored from a backup), and two that were never seen.
    restored = [m for m in first if m.name.endswith(("c01_docx_xlsx_formulas", "d22_late_next_morning",
                                                      "d35_question_email"))]
    append(imap_server, list(reversed([stuck, *restored, *new])))
    with source(imap_server) as src:
        assert src.uidvalidity != before
        s2 = run_once(config, src, db, blobs, now=datetime.now(UTC) + timedelta(hours=1))  # retry due
    assert (s2.read, s2.created, s2.duplicates, s2.quarantined) == (6, 3, 3, 0)
    send(db, blobs, smtp)

    copies = [dataclasses.replace(m, repeats=m.name, answered=False) for m in restored]
    expect = Expect(first + new + copies)
    figures = expect.all(imap_server, db, smtp)
    assert figures["resent"] == 0
    row = next(r for r in table(db, messages) if r.sha256 == stuck.sha256)
    assert row.uidvalidity != before and row.state == "moved"
    with db.connect() as conn:
        steps = [e.step for e in q.message_events(conn, row.id)]
    assert steps.count("stored") == 1 and "renumbered" in steps  # the row followed its message


# ------------------------------------------------------------------ 5. a poison message


def test_a_poison_message_is_retried_then_quarantined_while_the_others_flow(
        imap_server, smtp, db, blobs, config, monkeypatch):
    mails = backlog(9)
    poison = next(m for m in mails if m.name.endswith("d28_scanned_proposal"))
    real = pipeline.inspect_message

    def failing(raw, config, *, received=None):
        if raw == poison.raw:
            raise RuntimeError("lecteur en panne sur ce message")
        return real(raw, config, received=received)

    monkeypatch.setattr(pipeline, "inspect_message", failing)
    append(imap_server, mails[:6])
    with source(imap_server) as src:
        s1 = run_once(config, src, db, blobs, max_attempts=3)
        assert (s1.read, s1.created, s1.retry, s1.quarantined) == (6, 5, 1, 0)
        assert folder_hashes(imap_server, "INBOX") == Counter([poison.sha256])
        append(imap_server, mails[6:])  # more mail arrives behind it
        later = datetime.now(UTC) + timedelta(hours=1)  # past each retry's backoff
        s2 = run_once(config, src, db, blobs, max_attempts=3, now=later)
        assert (s2.read, s2.created, s2.retry, s2.quarantined) == (4, 3, 1, 0)
        s3 = run_once(config, src, db, blobs, max_attempts=3, now=later + timedelta(hours=1))
        assert (s3.read, s3.retry, s3.quarantined) == (1, 0, 1)
        assert run_once(config, src, db, blobs, max_attempts=3, now=later + timedelta(hours=2)).read == 0
    send(db, blobs, smtp)

    expect = Expect(mails, quarantined=frozenset({poison.name}))
    expect.all(imap_server, db, smtp)
    assert unseen(imap_server, QUARANTINE) == 1  # never marked read and forgotten
    row = next(r for r in table(db, messages) if r.sha256 == poison.sha256)
    assert (row.state, row.attempts) == ("quarantined", 3)
    assert "lecteur en panne sur ce message" in row.last_error
    with db.connect() as conn:
        events = q.message_events(conn, row.id)
    assert [e.step for e in events] == ["stored", "failed", "failed", "failed", "quarantined"]
    assert "lecteur en panne" in events[-1].detail
    assert poison.sender not in {r for d in deliveries(smtp) for r in d.recipients}


# ------------------------------------------------------------------ the move, then a crash


def test_a_crash_between_the_move_and_its_mark_is_reconciled(imap_server, db, blobs, config):
    """The server moved the message, then the worker died before writing it down (the
    SIGKILL test below reaches this point only by chance): the next pass sees the message
    gone from the inbox and finishes the row, so nothing stays "in progress" for ever."""
    mails = backlog(3)
    append(imap_server, mails)
    with source(imap_server) as src:
        real = src.move_processed

        def moved_then_killed(uid):
            real(uid)
            raise KeyboardInterrupt  # the process stops right after the server's OK

        src.move_processed = moved_then_killed
        with pytest.raises(KeyboardInterrupt):
            run_once(config, src, db, blobs)
        src.move_processed = real
        assert [r.state for r in table(db, messages)] == ["dossier_updated"]
        run_once(config, src, db, blobs)
    Expect(mails).folders(imap_server)
    Expect(mails).ledger(db)
    with db.connect() as conn:
        assert q.health_figures(conn)["backlog"] == 0


def test_a_move_whose_answer_is_lost_is_reconciled_by_the_same_process(
        imap_server, db, blobs, config, monkeypatch):
    """The service's case: the connection drops after the server executed the MOVE, the
    worker carries on. Its next pass reconciles; once a pass ends cleanly, idle passes
    no longer look through the ledger (an idle poll costs the same at any size)."""
    mails = backlog(2)
    append(imap_server, mails)
    with source(imap_server) as src:
        real = src.move_processed

        def answer_lost(uid):
            real(uid)
            raise SourceError("boîte IMAP : connexion perdue")

        src.move_processed = answer_lost
        assert len(run_once(config, src, db, blobs).errors) == 2
        src.move_processed = real
        assert {r.state for r in table(db, messages)} == {"dossier_updated"}
        scans = []
        awaiting = q.awaiting_move
        monkeypatch.setattr(q, "awaiting_move", lambda *a: scans.append(1) or awaiting(*a))
        assert not run_once(config, src, db, blobs).errors
        assert {r.state for r in table(db, messages)} == {"moved"} and len(scans) == 1
        run_once(config, src, db, blobs)
        assert len(scans) == 1
    Expect(mails).folders(imap_server)


# ------------------------------------------------------------------ 6. SIGKILL, 20 times

KILL_SEED = int(os.environ.get("FABRIQUE_KILL_SEED", "20220823"))  # another seed: explore
KILLS = 20
PER_MESSAGE = 0.2  # seconds a message takes in a run on a 2-core machine (about 0.17 measured)
SMTP_DELAY = 0.05  # the SMTP server takes its time over each email, as real ones do
PER_EMAIL = SMTP_DELAY + 0.02
AHEAD = 8  # messages a kill may reach beyond the start-up


class SlowSmtpServer(SmtpServer):
    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        await asyncio.sleep(SMTP_DELAY)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp():
    server = SlowSmtpServer().start()
    yield server
    server.stop()


def test_sigkill_at_random_points_over_20_runs_then_a_clean_run(imap_server, slow_smtp, tmp_path):
    """The worker (`run --once`, its own process) is killed with SIGKILL 20 times on a
    30-message backlog, each time at a random point of the run at hand: a seeded fraction
    of the time it needs for its start-up (measured here on an empty mailbox), the next
    AHEAD messages still in the inbox and the answers still to send. Drawn over the whole
    remaining work instead, the first kill or two would let a run finish the backlog and
    the other kills would all fall in the start-up; this way they walk through the whole
    backlog, then the sending. A final run, not killed, must finish everything."""
    smtp = slow_smtp
    started = time.monotonic()
    mails = backlog(30)
    expect = Expect(mails)
    config = write_config(tmp_path / "config.toml", imap_port=imap_server.port, smtp_port=smtp.port)
    data = tmp_path / "data"
    t = time.monotonic()
    assert run_cli("run", "--once", config=config, data=data).returncode == 0
    startup = time.monotonic() - t
    append(imap_server, mails)
    db = data_db(data)
    rng = random.Random(KILL_SEED)
    killed: list[str] = []  # where each kill fell: "inbox" (messages left) or "outbox"
    delays: list[float] = []
    codes: list[int] = []
    for i in range(KILLS):
        left = sum(folder_hashes(imap_server, "INBOX").values())
        with db.connect() as conn:
            unsent = len(list(conn.execute(select(outbox.c.id).where(outbox.c.state == "queued"))))
        expected = startup + min(left, AHEAD) * PER_MESSAGE + unsent * PER_EMAIL
        delay = 0.2 + rng.random() * max(0.0, expected - 0.2)
        delays.append(round(delay, 2))
        log = (tmp_path / f"run-{i:02d}.log").open("w")
        worker = subprocess.Popen(cli("run", "--once", config=config, data=data), cwd=ROOT,
                                  env=cli_env(), stdout=log, stderr=subprocess.STDOUT)
        try:
            codes.append(worker.wait(timeout=delay))  # finished first: must have been clean
        except subprocess.TimeoutExpired:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            killed.append("inbox" if left else "outbox" if unsent else "idle")
        finally:
            log.close()
    out = run_cli("run", "--once", config=config, data=data)
    assert out.returncode == 0, out.stdout + out.stderr

    figures = expect.all(imap_server, db, smtp)
    with db.connect() as conn:
        assert q.health_figures(conn)["backlog"] == 0
        reconciled = sum(1 for m in table(db, messages) for e in q.message_events(conn, m.id)
                         if e.step == "moved" and "relevé précédent" in (e.detail or ""))
    assert figures["distinct"] == sum(m.answered for m in expect.submissions)
    assert len(killed) >= KILLS // 2, (killed, delays)  # most runs were really interrupted
    assert codes == [0] * len(codes)  # a run after a kill is a normal run (no stale lock)
    print(f"\nSIGKILL: {len(killed)} of {KILLS} runs killed ({Counter(killed)}), delays {delays}; "
          f"start-up {startup:.2f} s; at the SMTP server {figures['emails']} emails, "
          f"{figures['distinct']} distinct Message-IDs, {figures['resent']} resent; "
          f"{reconciled} moves done but not recorded before a kill, reconciled; "
          f"{time.monotonic() - started:.1f} s in all")
