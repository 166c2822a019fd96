"""Helpers around the Dovecot fixture of dovecot.py for the continuous-worker tests:
an XOAUTH2-enabled server, a stall (SIGSTOP) and a crash-and-restart, a second IMAP
connection that delivers mail, and a bounded wait."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from imapclient import IMAPClient

from intake.filing.sources import ImapSource

from .dovecot import DOVECOT, HOST, Dovecot

USER, PASSWORD = "fabrique", "motdepasse"


def dovecot(xoauth2: bool = False) -> Dovecot:
    """A started Dovecot with one user. With `xoauth2`, the XOAUTH2 mechanism is offered
    too: Dovecot 2.3 checks the bearer token against the passdb like a password, so the
    user's password doubles as a static access token (no token endpoint needed)."""
    if not os.path.exists(DOVECOT):
        pytest.skip("Dovecot absent : apt-get install -y dovecot-imapd")
    server = Dovecot({USER: PASSWORD})
    if xoauth2:
        with open(server.conf) as f:
            conf = f.read()
        with open(server.conf, "w") as f:
            f.write(conf.replace("auth_mechanisms = plain login",
                                 "auth_mechanisms = plain login xoauth2"))
    return server.start()


@contextmanager
def running_dovecot(xoauth2: bool = False) -> Iterator[Dovecot]:
    server = dovecot(xoauth2)
    try:
        yield server
    finally:
        resume(server)
        server.stop()


def restart(server: Dovecot) -> None:
    """Crash (SIGKILL to the whole group) and start again on the same port and mail."""
    server.kill()
    server.start()


def stall(server: Dovecot) -> None:
    """SIGSTOP every Dovecot process: connections stay open, nothing answers."""
    os.killpg(server.proc.pid, signal.SIGSTOP)


def resume(server: Dovecot) -> None:
    if server.proc is not None and server.proc.poll() is None:
        try:
            os.killpg(server.proc.pid, signal.SIGCONT)
        except ProcessLookupError:
            pass


def client(server: Dovecot) -> IMAPClient:
    c = IMAPClient(HOST, port=server.port, ssl=False, timeout=10)
    c.normalise_times = False
    c.login(USER, PASSWORD)
    return c


def deliver(server: Dovecot, raw: bytes, folder: str = "INBOX") -> None:
    """APPEND from another connection, as a delivery agent would."""
    with client(server) as c:
        c.append(folder, raw)


def count(server: Dovecot, folder: str) -> int:
    with client(server) as c:
        if not c.folder_exists(folder):
            return 0
        c.select_folder(folder, readonly=True)
        return len(c.search(["ALL"]))


def source(server: Dovecot, **kw) -> ImapSource:
    kw.setdefault("password", PASSWORD)
    kw.setdefault("timeout", 10)
    return ImapSource(HOST, server.port, username=USER, security="plain", **kw)


def until(check: Callable[[], object], timeout: float, step: float = 0.05) -> float:
    """Seconds until `check()` is true; fails the test after `timeout`."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            pytest.fail(f"condition not met within {timeout} s")
        time.sleep(step)
    return time.monotonic() - start
