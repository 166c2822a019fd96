"""The IMAP source and the worker against a real Dovecot started for the test: receipt
time from INTERNALDATE, nothing marked read, UID MOVE into folders created on demand
(non-ASCII names included), UIDVALIDITY read from the server."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from imapclient import IMAPClient

from intake.filing.sources import ImapSource, SourceError
from intake.filing.worker import run_once

from .conftest import BODY, COMPLETE, INCOMPLETE, ON_TIME, ROOT
from .dovecot import DOVECOT, HOST, Dovecot

USER, PASSWORD = "fabrique", "motdepasse"


@pytest.fixture
def imap_server():
    if not os.path.exists(DOVECOT):
        pytest.skip("Dovecot absent : apt-get install -y dovecot-imapd")
    server = Dovecot({USER: PASSWORD}).start()
    yield server
    server.stop()


def client(server: Dovecot) -> IMAPClient:
    c = IMAPClient(HOST, port=server.port, ssl=False, timeout=10)  # recipe gotcha 9
    c.normalise_times = False  # gotcha 10
    c.login(USER, PASSWORD)
    return c


def source(server: Dovecot) -> ImapSource:
    return ImapSource(HOST, server.port, username=USER, password=PASSWORD, security="plain",
                      timeout=10)


def test_imap_source_lists_fetches_and_moves(imap_server):
    with client(imap_server) as c:
        c.append("INBOX", BODY.read_bytes(), msg_time=ON_TIME)
        c.append("INBOX", INCOMPLETE.read_bytes(), msg_time=ON_TIME.replace(hour=11))
    with source(imap_server) as src:
        assert src.uidvalidity > 0
        items = src.list_new()
        assert [i.uid for i in items] == ["1", "2"] and items[0].internaldate == ON_TIME
        assert src.fetch("1") == BODY.read_bytes()
        src.move_processed("1")
        src.move_quarantine("2")
        assert src.list_new() == []
    with client(imap_server) as c:
        names = {f[2] for f in c.list_folders()}
        assert {"Traitées", "Quarantaine"} <= names
        c.select_folder("Traitées", readonly=True)
        assert c.search(["UNSEEN"]) != []  # BODY.PEEK[]: still unread for the secretariat
        c.select_folder("Quarantaine", readonly=True)
        assert len(c.search(["ALL"])) == 1


def test_the_worker_reads_an_imap_inbox(imap_server, db, blobs, config):
    with client(imap_server) as c:
        for path in (COMPLETE, INCOMPLETE, BODY):
            c.append("INBOX", path.read_bytes(), msg_time=ON_TIME)
        c.append("INBOX", BODY.read_bytes(), msg_time=ON_TIME)  # delivered twice
    with source(imap_server) as src:
        summary = run_once(config, src, db, blobs)
        assert summary.french() == ("4 messages lus, 3 dossiers créés, 0 rattaché, "
                                    "0 en quarantaine, 1 doublon, 3 réponses préparées")
        assert run_once(config, src, db, blobs).read == 0
    with client(imap_server) as c:
        c.select_folder("INBOX")
        assert c.search(["ALL"]) == []
        c.select_folder("Traitées")
        assert len(c.search(["ALL"])) == 4


def test_wrong_password_is_a_source_error(imap_server):
    with pytest.raises(SourceError, match="inaccessible"):
        ImapSource(HOST, imap_server.port, username=USER, password="faux", security="plain", timeout=10)


def test_run_once_on_the_imap_mailbox_of_the_config(imap_server, tmp_path):
    with client(imap_server) as c:
        c.append("INBOX", INCOMPLETE.read_bytes(), msg_time=ON_TIME)
    config = tmp_path / "config.toml"
    config.write_text((ROOT / "config.toml").read_text(encoding="utf-8") + f"""
[storage]
db_url = "sqlite:///{tmp_path / 'f.db'}"
blobs_dir = "{tmp_path / 'blobs'}"

[smtp]
outbox_dir = "{tmp_path / 'outbox'}"

[mailbox]
imap_host = "{HOST}"
imap_port = {imap_server.port}
imap_security = "plain"
imap_user = "{USER}"
""", encoding="utf-8")
    env = {**os.environ, "FABRIQUE_IMAP_PASSWORD": PASSWORD}
    out = subprocess.run([sys.executable, "-m", "intake.cli", "run", "--once", "--config", str(config)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == ("1 message lu, 1 dossier créé, 0 rattaché, 0 en quarantaine, "
                                          "1 réponse préparée")
    with client(imap_server) as c:  # the answer is filed in Sent for the secretariat
        c.select_folder("Sent", readonly=True)
        (uid,) = c.search(["ALL"])
        sent = c.fetch([uid], ["BODY.PEEK[HEADER.FIELDS (SUBJECT)]", "FLAGS"])[uid]
        assert b"FAB-2022-0001" in sent[b"BODY[HEADER.FIELDS (SUBJECT)]"] and b"\\Seen" in sent[b"FLAGS"]
    env.pop("FABRIQUE_IMAP_PASSWORD")
    missing = subprocess.run([sys.executable, "-m", "intake.cli", "run", "--once", "--config", str(config)],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "FABRIQUE_IMAP_PASSWORD" in missing.stderr
