"""The IMAP source between passes, against a real Dovecot: IDLE wakes within seconds of a
delivery and always leaves IDLE; polling when IDLE is off; a stop event ends any wait; a
crashed or stalled server becomes a SourceError and the next call reconnects; XOAUTH2
with a token from a command (run again on each reconnect, never leaked in errors)."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from intake.filing.sources import ImapSource, MaildirSource, SourceError, fetch_token

from .conftest import BODY, INCOMPLETE
from .dovecot import HOST
from .imap_helpers import (
    PASSWORD,
    USER,
    deliver,
    restart,
    resume,
    running_dovecot,
    source,
    stall,
)


@pytest.fixture
def imap_server():
    with running_dovecot() as server:
        yield server


def test_idle_wakes_within_seconds_of_an_append_and_leaves_idle(imap_server):
    with source(imap_server) as src:
        assert src.supports_idle and src.list_new() == []
        threading.Timer(0.5, deliver, (imap_server, BODY.read_bytes())).start()
        start = time.monotonic()
        assert src.wait_for_mail(30) is True
        woke = time.monotonic() - start - 0.5
        assert woke < 5, f"IDLE woke {woke:.2f} s after the APPEND"
        assert [i.uid for i in src.list_new()] == ["1"]  # the session is out of IDLE, usable


def test_mail_that_came_before_the_wait_is_not_missed(imap_server):
    """IDLE only announces what arrives during it; the NOOP first catches the rest."""
    with source(imap_server) as src:
        assert src.list_new() == []
        deliver(imap_server, BODY.read_bytes())
        time.sleep(0.3)
        start = time.monotonic()
        assert src.wait_for_mail(30) is True
        assert time.monotonic() - start < 2


def test_idle_times_out_quietly_and_renews(imap_server):
    with source(imap_server, idle_timeout=0.7) as src:
        start = time.monotonic()
        assert src.wait_for_mail(2.5) is False  # NOOP + IDLE renewed every 0.7 s
        assert 2.4 < time.monotonic() - start < 4
        assert src.list_new() == []


def test_poll_mode_waits_the_interval_then_the_poll_sees_the_mail(imap_server):
    with source(imap_server, idle=False) as src:
        assert not src.supports_idle
        deliver(imap_server, BODY.read_bytes())
        start = time.monotonic()
        assert src.wait_for_mail(1.0) is True
        assert 0.9 < time.monotonic() - start < 2
        assert [i.uid for i in src.list_new()] == ["1"]


@pytest.mark.parametrize("idle", [True, False])
def test_a_stop_event_ends_the_wait_at_once(imap_server, idle):
    stop = threading.Event()
    with source(imap_server, idle=idle) as src:
        threading.Timer(0.3, stop.set).start()
        start = time.monotonic()
        assert src.wait_for_mail(60, stop) is False
        assert time.monotonic() - start < 1.5
        assert src.list_new() == []  # IDLE was ended cleanly


def test_a_server_killed_during_idle_is_an_error_then_the_source_reconnects(imap_server):
    with source(imap_server) as src:
        threading.Timer(0.5, imap_server.kill).start()
        start = time.monotonic()
        with pytest.raises(SourceError, match="nouvelle connexion"):
            src.wait_for_mail(30)
        assert time.monotonic() - start < 3  # noticed at once, not at the IDLE renewal
        with pytest.raises(SourceError, match="inaccessible"):
            src.list_new()  # still down: the lazy reconnect fails cleanly
        imap_server.start()
        deliver(imap_server, INCOMPLETE.read_bytes())
        assert [i.uid for i in src.list_new()] == ["1"]  # reconnected, re-selected


def test_a_server_that_stalls_during_idle_is_detected_at_the_renewal(imap_server):
    with source(imap_server, timeout=1, idle_timeout=1) as src:
        src.list_new()
        threading.Timer(0.3, stall, (imap_server,)).start()
        try:
            start = time.monotonic()
            with pytest.raises(SourceError, match="nouvelle connexion"):
                src.wait_for_mail(30)
            assert time.monotonic() - start < 4  # IDLE renewal (1 s) + 1 s read timeout
        finally:
            resume(imap_server)
        assert src.list_new() == []  # a fresh session once the server answers again


def test_a_stalled_server_in_poll_mode_fails_the_next_command(imap_server):
    with source(imap_server, timeout=1, idle=False) as src:
        stall(imap_server)
        try:
            start = time.monotonic()
            with pytest.raises(SourceError, match="relevé impossible"):
                src.list_new()
            assert time.monotonic() - start < 3
        finally:
            resume(imap_server)


def test_reconnect_logs_in_again_and_reselects(imap_server):
    with source(imap_server) as src:
        before = src.uidvalidity
        restart(imap_server)
        src.reconnect()
        assert src.uidvalidity == before and src.list_new() == []


def test_maildir_wait_wakes_on_a_new_file_only(box):
    box.deliver(BODY)  # already there (e.g. a failed message kept for retry): no wake-up
    src = MaildirSource(box.path)
    assert not src.supports_idle
    start = time.monotonic()
    assert src.wait_for_mail(0.5) is False
    assert 0.45 < time.monotonic() - start < 1.5
    threading.Timer(0.3, box.deliver, (INCOMPLETE,)).start()
    start = time.monotonic()
    assert src.wait_for_mail(10) is True
    assert time.monotonic() - start < 1.5
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    start = time.monotonic()
    assert src.wait_for_mail(10, stop) is False
    assert time.monotonic() - start < 1


def test_maildir_mail_delivered_during_a_pass_wakes_the_next_wait(box):
    src = MaildirSource(box.path)
    assert src.list_new() == []
    box.deliver(BODY)  # after the pass listed the inbox, before the wait began
    start = time.monotonic()
    assert src.wait_for_mail(10) is True
    assert time.monotonic() - start < 0.5


# -- XOAUTH2 ------------------------------------------------------------------------------

def py(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_the_token_command_runs_without_a_shell_and_is_stripped():
    assert fetch_token(py("print('  jeton-123  ')")) == "jeton-123"
    assert fetch_token(f"{sys.executable} -c \"print('a b')\"") == "a b"  # a string is split


def test_token_command_failures_name_the_command_and_never_the_token(monkeypatch):
    monkeypatch.setenv("FABRIQUE_TEST_TOKEN", "jeton-secret")
    failing = py("import os, sys; print(os.environ['FABRIQUE_TEST_TOKEN']); "
                 "sys.stderr.write('plus de session\\n'); sys.exit(3)")
    with pytest.raises(SourceError, match="a échoué \\(code 3\\) : plus de session") as e:
        fetch_token(failing)
    assert "jeton-secret" not in str(e.value) and sys.executable in str(e.value)
    with pytest.raises(SourceError, match="introuvable"):
        fetch_token(["/nonexistent/get-token"])
    with pytest.raises(SourceError, match="aucun jeton"):
        fetch_token(py("print('   ')"))
    with pytest.raises(SourceError, match="n'a pas répondu en 0.5 s"):
        fetch_token(py("import time; time.sleep(5)"), timeout=0.5)
    with pytest.raises(SourceError, match="vide"):
        fetch_token("")


def test_xoauth2_login_with_a_token_from_a_command_fetched_on_each_connect(tmp_path):
    calls = tmp_path / "calls"
    command = py(f"open({str(calls)!r}, 'a').write('x'); print({PASSWORD!r})")
    with running_dovecot(xoauth2=True) as server:
        src = ImapSource(HOST, server.port, username=USER, security="plain", auth="xoauth2",
                         token_command=command, timeout=10)
        try:
            deliver(server, BODY.read_bytes())
            assert [i.uid for i in src.list_new()] == ["1"]
            restart(server)
            with pytest.raises(SourceError):
                src.list_new()  # the old session died with the server
            assert [i.uid for i in src.list_new()] == ["1"]  # new login, new token
            assert calls.read_text() == "xx"
        finally:
            src.close()
        with pytest.raises(SourceError, match="inaccessible") as e:
            ImapSource(HOST, server.port, username=USER, security="plain", auth="xoauth2",
                       token_command=py("print('jeton-refuse')"), timeout=10)
        assert "jeton-refuse" not in str(e.value)


def test_xoauth2_needs_a_token_command():
    with pytest.raises(SourceError, match="token_command"):
        ImapSource(HOST, 1, username=USER, auth="xoauth2")
    with pytest.raises(SourceError, match="29 minutes"):
        ImapSource(HOST, 1, username=USER, password="x", idle_timeout=1800)
