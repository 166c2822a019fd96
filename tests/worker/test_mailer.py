"""The mailer against real servers: aiosmtpd on a loopback port (plain, STARTTLS, implicit
TLS, AUTH, chosen refusals, stopped and restarted) and Dovecot for the Sent copy; the file
outbox on a tmp dir. No mocks."""

from __future__ import annotations

import os
import socket
import threading
from datetime import UTC, datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from imapclient import IMAPClient

from intake.answering.mail_settings import smtp_settings
from intake.answering.mailer import (
    DeliveryError,
    FileOutbox,
    SentCopy,
    SmtpTransport,
    backoff_seconds,
    make_transport,
    to_7bit,
)
from intake.config import ConfigError
from storage.db import REPO_ROOT

from .dovecot import DOVECOT, Dovecot
from .smtp_server import (
    HOST,
    SmtpServer,
    client_context,
    free_port,
    self_signed_cert,
    server_context,
)

SENDER = "fabrique@anact.fr"
APPLICANT = "claire.lemonnier@trajectoires-travail.fr"
IMAP_USER, IMAP_PASSWORD = "fabrique", "motdepasse"


def answer(message_id: str = "<fab-2022-0001.1@anact.fr>", *, to: str = APPLICANT,
           utf8_headers: bool = False) -> bytes:
    """A French answer as the service composes it: 8-bit UTF-8 body, a line starting
    with a dot (SMTP dot-stuffing), CRLF line endings."""
    m = EmailMessage()
    m["From"] = f"La Fabrique CTO <{SENDER}>"
    m["To"] = f"Élodie Durand <{to}>"
    m["Subject"] = "FAB-2022-0001 – Accusé de réception de votre candidature"
    m["Message-ID"] = message_id
    m["Date"] = "Mon, 22 Aug 2022 09:00:00 +0200"
    m["Auto-Submitted"] = "auto-replied"
    m.set_content("Madame,\n\nNous avons bien reçu votre proposition « Prévenir l'usure "
                  "professionnelle ».\n.Cette ligne commence par un point.\n\nCordialement,\n"
                  "L'équipe de la Fabrique\n")
    m.add_alternative("<p>Nous avons bien reçu votre proposition — merci.</p>", subtype="html")
    m.set_boundary("fabrique-test-boundary")  # the same bytes at each call
    return m.as_bytes(policy=policy.SMTPUTF8 if utf8_headers else policy.SMTP)


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def tls_files(tmp_path: Path):
    pytest.importorskip("cryptography")
    return self_signed_cert(tmp_path / "tls")


def transport(server: SmtpServer, **kw) -> SmtpTransport:
    kw.setdefault("security", "plain")
    return SmtpTransport(HOST, server.port, timeout=5, **kw)


# --- Delivery ---------------------------------------------------------------------------


def test_delivers_the_bytes_unchanged(smtp):
    raw = answer()
    assert not raw.isascii()  # French body sent as 8-bit
    assert transport(smtp).send(raw, SENDER, [APPLICANT]) == {}
    [got] = smtp.received
    assert got.content == raw
    assert got.mail_from == SENDER and got.rcpt_tos == [APPLICANT]
    assert "BODY=8BITMIME" in got.mail_options and not got.smtp_utf8
    body = message_from_bytes(got.content, policy=policy.default).get_body(("plain",))
    assert "Nous avons bien reçu votre proposition « Prévenir l'usure" in body.get_content()
    assert "\n.Cette ligne commence par un point." in body.get_content()


def test_utf8_headers_and_address_go_with_smtputf8(smtp):
    raw = answer(to="élodie@exemple.fr", utf8_headers=True)
    assert "Élodie Durand".encode() in raw  # raw UTF-8 header (RFC 6532)
    transport(smtp).send(raw, SENDER, ["élodie@exemple.fr"])
    [got] = smtp.received
    assert got.smtp_utf8 and got.content == raw and got.rcpt_tos == ["élodie@exemple.fr"]


def test_utf8_headers_without_smtputf8_is_permanent():
    with SmtpServer(smtputf8=False) as server:
        with pytest.raises(DeliveryError) as e:
            transport(server).send(answer(utf8_headers=True), SENDER, [APPLICANT])
        assert e.value.permanent and "SMTPUTF8" in e.value.reason
        assert server.received == []


def test_bare_lf_line_endings_arrive_as_crlf(smtp):
    raw = answer().replace(b"\r\n", b"\n")
    transport(smtp).send(raw, SENDER, [APPLICANT])
    assert smtp.received[0].content == raw.replace(b"\n", b"\r\n")


def test_to_7bit_keeps_the_text():
    raw = answer()
    seven = to_7bit(raw)
    assert seven.isascii()
    before = message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content()
    after = message_from_bytes(seven, policy=policy.default).get_body(("plain",)).get_content()
    assert after.replace("\r\n", "\n") == before.replace("\r\n", "\n")


def test_no_recipient_is_permanent(smtp):
    with pytest.raises(DeliveryError) as e:
        transport(smtp).send(answer(), SENDER, [])
    assert e.value.permanent


# --- SMTP down, then back -----------------------------------------------------------------


def test_server_down_is_transient_then_back_it_sends(smtp):
    t = transport(smtp)
    smtp.stop()
    with pytest.raises(DeliveryError) as e:
        t.send(answer(), SENDER, [APPLICANT])
    assert not e.value.permanent and e.value.server_wide
    assert e.value.reason.startswith("Serveur d'envoi injoignable")
    assert f"{HOST}:{smtp.port}" in e.value.reason and "connexion refusée" in e.value.reason
    smtp.start()  # same port
    t.send(answer(), SENDER, [APPLICANT])
    assert len(smtp.received) == 1


def test_server_back_while_retrying(smtp):
    """The recipe's scenario: the server comes back 0.35 s after going down."""
    t = transport(smtp)
    smtp.stop()
    timer = threading.Timer(0.35, smtp.start)
    timer.start()
    failures = 0
    deadline = datetime.now(UTC) + timedelta(seconds=10)
    while True:
        try:
            t.send(answer(), SENDER, [APPLICANT])
            break
        except DeliveryError as e:
            assert not e.permanent
            failures += 1
            assert datetime.now(UTC) < deadline
            threading.Event().wait(0.05)
    timer.join()
    assert failures >= 1 and len(smtp.received) == 1


def test_server_that_never_answers_times_out_as_transient():
    with socket.socket() as silent:
        silent.bind((HOST, 0))
        silent.listen()
        t = SmtpTransport(HOST, silent.getsockname()[1], security="plain", timeout=0.5)
        with pytest.raises(DeliveryError) as e:
            t.send(answer(), SENDER, [APPLICANT])
    assert not e.value.permanent and "pas de réponse" in e.value.reason


# --- Refusals -------------------------------------------------------------------------------


def test_451_is_transient(smtp):
    smtp.rcpt_replies[APPLICANT] = "451 4.3.0 Mailbox temporarily unavailable"
    with pytest.raises(DeliveryError) as e:
        transport(smtp).send(answer(), SENDER, [APPLICANT])
    assert not e.value.permanent and e.value.code == 451 and not e.value.server_wide
    assert "Mailbox temporarily unavailable" in e.value.reason
    del smtp.rcpt_replies[APPLICANT]
    transport(smtp).send(answer(), SENDER, [APPLICANT])
    assert len(smtp.received) == 1


def test_550_is_permanent_with_the_servers_text(smtp):
    smtp.rcpt_replies[APPLICANT] = "550 5.1.1 Recipient address rejected: User unknown"
    with pytest.raises(DeliveryError) as e:
        transport(smtp).send(answer(), SENDER, [APPLICANT])
    assert e.value.permanent and e.value.code == 550 and not e.value.server_wide
    assert e.value.reason == (f"Le serveur d'envoi refuse le destinataire ({APPLICANT} : "
                              "550 5.1.1 Recipient address rejected: User unknown).")
    assert smtp.received == []


def test_partial_refusal_is_reported_not_raised(smtp):
    """The email went out to one recipient: raising would make the outbox send it again."""
    smtp.rcpt_replies["ancien@exemple.fr"] = "550 5.1.1 User unknown"
    refused = transport(smtp).send(answer(), SENDER, [APPLICANT, "ancien@exemple.fr"])
    assert list(refused) == ["ancien@exemple.fr"] and "550 5.1.1 User unknown" in refused[
        "ancien@exemple.fr"]
    assert smtp.received[0].rcpt_tos == [APPLICANT]


def test_all_refused_with_one_temporary_is_transient(smtp):
    smtp.rcpt_replies[APPLICANT] = "451 4.7.1 Greylisted"
    smtp.rcpt_replies["ancien@exemple.fr"] = "550 5.1.1 User unknown"
    with pytest.raises(DeliveryError) as e:
        transport(smtp).send(answer(), SENDER, [APPLICANT, "ancien@exemple.fr"])
    assert not e.value.permanent
    assert "les destinataires" in e.value.reason and "Greylisted" in e.value.reason


@pytest.mark.parametrize("reply, permanent", [("554 5.7.1 Message rejected as spam", True),
                                              ("452 4.3.1 Insufficient system storage", False)])
def test_refusal_after_data(smtp, reply, permanent):
    smtp.data_reply = reply
    with pytest.raises(DeliveryError) as e:
        transport(smtp).send(answer(), SENDER, [APPLICANT])
    assert e.value.permanent is permanent and reply in e.value.reason
    assert e.value.reason.startswith("Le serveur d'envoi refuse le message")


# --- Authentication and TLS -----------------------------------------------------------------


def test_auth_over_plain_loopback(caplog):
    caplog.set_level("DEBUG")
    with SmtpServer(users={"fabrique": "s3cret-Été"}) as server:
        transport(server, username="fabrique", password="s3cret-Été").send(
            answer(), SENDER, [APPLICANT])
        assert server.received[0].login == "fabrique"
    assert "s3cret" not in caplog.text


def test_wrong_password_is_permanent_with_a_clear_reason():
    with SmtpServer(users={"fabrique": "s3cret"}) as server:
        t = transport(server, username="fabrique", password="mauvais")
        with pytest.raises(DeliveryError) as e:
            t.send(answer(), SENDER, [APPLICANT])
        assert server.received == []
    err = e.value
    assert err.permanent and err.server_wide and err.code == 535
    assert err.reason.startswith("Le serveur d'envoi refuse l'identifiant ou le mot de passe "
                                 "SMTP de « fabrique » (535")
    assert "mauvais" not in err.reason and "mauvais" not in repr(t)


def test_auth_not_offered_is_permanent(smtp):
    with pytest.raises(DeliveryError) as e:
        transport(smtp, username="fabrique", password="x").send(answer(), SENDER, [APPLICANT])
    assert e.value.permanent and "AUTH" in e.value.reason


def test_starttls_with_auth(tls_files):
    cert, key = tls_files
    with SmtpServer(tls=server_context(cert, key), users={"fabrique": "s3cret"}) as server:
        t = transport(server, security="starttls", username="fabrique", password="s3cret",
                      ssl_context=client_context(cert))
        t.send(answer(), SENDER, [APPLICANT])
        assert server.received[0].content == answer()


def test_untrusted_certificate_is_refused(tls_files):
    cert, key = tls_files
    with SmtpServer(tls=server_context(cert, key)) as server:
        with pytest.raises(DeliveryError) as e:
            transport(server, security="starttls").send(answer(), SENDER, [APPLICANT])
    assert e.value.permanent and e.value.server_wide
    assert e.value.reason.startswith("Certificat du serveur d'envoi")


def test_starttls_not_offered(smtp):
    with pytest.raises(DeliveryError) as e:
        transport(smtp, security="starttls").send(answer(), SENDER, [APPLICANT])
    assert e.value.permanent and "STARTTLS" in e.value.reason


def test_implicit_tls(tls_files):
    cert, key = tls_files
    with SmtpServer(implicit_tls=server_context(cert, key)) as server:
        transport(server, security="ssl", ssl_context=client_context(cert)).send(
            answer(), SENDER, [APPLICANT])
        assert len(server.received) == 1


def test_implicit_tls_on_a_plain_port_says_what_to_check(smtp):
    with pytest.raises(DeliveryError) as e:
        transport(smtp, security="ssl").send(answer(), SENDER, [APPLICANT])
    assert e.value.permanent and "smtp.security" in e.value.reason


# --- File outbox ----------------------------------------------------------------------------


def test_file_outbox_writes_parseable_files(tmp_path):
    outbox = FileOutbox(tmp_path / "outbox")
    assert outbox.send(answer("<a@anact.fr>"), SENDER, [APPLICANT]) == {}
    outbox.send(answer("<b/../c@anact.fr>"), SENDER, [APPLICANT])
    files = sorted((tmp_path / "outbox").iterdir(), key=lambda f: f.name.split("Z-", 1)[1])
    assert [f.name.split("Z-", 1)[1] for f in files] == ["a@anact.fr.eml", "b_.._c@anact.fr.eml"]
    assert files[0].read_bytes() == answer("<a@anact.fr>")
    parsed = message_from_bytes(files[1].read_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == "<b/../c@anact.fr>"


def test_file_outbox_never_overwrites(tmp_path):
    now = datetime(2022, 8, 22, 7, 0, tzinfo=UTC)
    outbox = FileOutbox(tmp_path, clock=lambda: now)
    first, second = answer(), answer().replace(b"Madame", b"Monsieur")
    p1, p2 = outbox.write(first), outbox.write(second)
    assert p1.name == "20220822T070000.000000Z-fab-2022-0001.1@anact.fr.eml"
    assert p2.name == "20220822T070000.000000Z-fab-2022-0001.1@anact.fr-2.eml"
    assert p1.read_bytes() == first and p2.read_bytes() == second
    assert set(os.listdir(tmp_path)) == {p1.name, p2.name}  # no temporary file left


def test_file_outbox_without_message_id_uses_a_hash(tmp_path):
    raw = b"From: a@b.fr\r\nSubject: test\r\n\r\nBonjour\r\n"
    path = FileOutbox(tmp_path).write(raw)
    assert len(path.stem.split("Z-", 1)[1]) == 16 and path.read_bytes() == raw


def test_file_outbox_unwritable_is_transient(tmp_path):
    (tmp_path / "outbox").write_text("a file, not a folder")
    with pytest.raises(DeliveryError) as e:
        FileOutbox(tmp_path / "outbox").send(answer(), SENDER, [APPLICANT])
    assert not e.value.permanent and "dossier d'envoi" in e.value.reason


# --- Retry schedule ---------------------------------------------------------------------------


def test_backoff_schedule():
    assert [backoff_seconds(n) for n in range(1, 10)] == [
        60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    assert sum(backoff_seconds(n) for n in range(1, 8)) > 3600  # 8 attempts outlast an hour
    assert [backoff_seconds(n, base=5, cap=30) for n in (1, 2, 3, 4, 5)] == [5, 10, 20, 30, 30]
    assert backoff_seconds(10_000) == 3600
    with pytest.raises(ValueError):
        backoff_seconds(0)
    with pytest.raises(ValueError):
        backoff_seconds(1, base=60, cap=30)


# --- Copy in Sent (Dovecot) -------------------------------------------------------------------


@pytest.fixture
def imap_server():
    if not os.path.exists(DOVECOT):
        pytest.skip("Dovecot absent : apt-get install -y dovecot-imapd")
    server = Dovecot({IMAP_USER: IMAP_PASSWORD}).start()
    yield server
    server.stop()


def imap(server: Dovecot) -> IMAPClient:
    c = IMAPClient(HOST, port=server.port, ssl=False, timeout=10)  # recipe gotcha 9
    c.normalise_times = False  # gotcha 10
    c.login(IMAP_USER, IMAP_PASSWORD)
    return c


def folder_contents(server: Dovecot, folder: str) -> list[tuple[bytes, tuple, datetime]]:
    with imap(server) as c:
        c.select_folder(folder, readonly=True)
        uids = c.search(["ALL"])
        if not uids:
            return []
        data = c.fetch(uids, ["BODY.PEEK[]", "FLAGS", "INTERNALDATE"])  # gotcha 13: uid list
        return [(bytes(d[b"BODY[]"]), d[b"FLAGS"], d[b"INTERNALDATE"]) for d in data.values()]


def test_sent_copy_with_its_own_connection(imap_server):
    when = datetime(2022, 8, 22, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    with SentCopy(host=HOST, port=imap_server.port, username=IMAP_USER,
                  password=IMAP_PASSWORD, security="plain", timeout=10) as sent:
        sent.append(answer(), when=when)
        sent.append(answer(), when=when)  # a retry after a crash: not filed twice
        sent.append(answer("<fab-2022-0001.2@anact.fr>"))
    [(raw, flags, date), (_, _, _)] = folder_contents(imap_server, "Sent")
    assert raw == answer() and b"\\Seen" in flags and date == when


def test_sent_copy_on_a_shared_client_in_a_non_ascii_folder(imap_server):
    with imap(imap_server) as c:
        c.select_folder("INBOX")
        SentCopy(c, folder="Envoyés").append(answer())
        assert c.folder_exists("Envoyés")
        assert c.search(["ALL"]) == []  # still on INBOX: the shared client was not reselected
    [(raw, flags, _)] = folder_contents(imap_server, "Envoyés")
    assert raw == answer() and b"\\Seen" in flags


def test_sent_copy_reconnects_after_the_server_crashed(imap_server):
    with SentCopy(host=HOST, port=imap_server.port, username=IMAP_USER,
                  password=IMAP_PASSWORD, security="plain", timeout=5) as sent:
        sent.append(answer())
        imap_server.kill()  # SIGKILL to the whole server: the live connection is dead
        with pytest.raises(DeliveryError) as e:
            sent.append(answer("<fab-2022-0001.2@anact.fr>"))
        assert not e.value.permanent and "« Sent »" in e.value.reason
        imap_server.start()  # same port, same mail store
        sent.append(answer("<fab-2022-0001.2@anact.fr>"))
    assert len(folder_contents(imap_server, "Sent")) == 2


def test_sent_copy_server_down_is_transient():
    sent = SentCopy(host=HOST, port=free_port(), username=IMAP_USER, password=IMAP_PASSWORD,
                    security="plain", timeout=5)
    with pytest.raises(DeliveryError) as e:
        sent.append(answer())
    assert not e.value.permanent
    assert e.value.reason == "Copie du courriel dans le dossier « Sent » impossible (connexion refusée)."


def test_sent_copy_wrong_password_is_transient(imap_server):
    """Transient (the outbox retries the copy) but readable: the server's own words."""
    sent = SentCopy(host=HOST, port=imap_server.port, username=IMAP_USER, password="mauvais",
                    security="plain", timeout=5)
    with pytest.raises(DeliveryError) as e:
        sent.append(answer())
    assert not e.value.permanent
    assert e.value.reason == ("Copie du courriel dans le dossier « Sent » impossible "
                              "(la boîte IMAP refuse l'identifiant ou le mot de passe, "
                              "[AUTHENTICATIONFAILED] Authentication failed.).")


# --- Settings ---------------------------------------------------------------------------------


def test_no_smtp_table_means_the_file_outbox():
    s = smtp_settings({}, env={})
    assert s.host is None and s.max_attempts == 8
    assert s.outbox_dir == REPO_ROOT / "var" / "outbox"
    t = make_transport(s)
    assert isinstance(t, FileOutbox) and t.folder == REPO_ROOT / "var" / "outbox"


def test_full_smtp_table(tmp_path):
    data = {"smtp": {"host": "smtp.anact.fr", "port": 587, "security": "starttls",
                     "username": "fabrique@anact.fr", "password_env": "MON_SMTP",
                     "outbox_dir": str(tmp_path), "max_attempts": 5, "timeout": 10}}
    s = smtp_settings(data, env={"MON_SMTP": "s3cret"})
    assert (s.host, s.port, s.security, s.username, s.password, s.max_attempts, s.timeout) == (
        "smtp.anact.fr", 587, "starttls", "fabrique@anact.fr", "s3cret", 5, 10.0)
    assert s.outbox_dir == tmp_path and "s3cret" not in repr(s)
    t = make_transport(s)
    assert isinstance(t, SmtpTransport) and "s3cret" not in repr(t)
    assert smtp_settings({"smtp": {"outbox_dir": "envois"}}, env={}).outbox_dir == REPO_ROOT / "envois"
    assert SmtpTransport("smtp.anact.fr", security="ssl").port == 465


@pytest.mark.parametrize("table, words", [
    ({"host": "h", "security": "tls"}, ["smtp.security", "starttls, ssl, plain"]),
    ({"host": "h", "port": "587"}, ["smtp.port", "entier"]),
    ({"host": "h", "port": 0}, ["smtp.port"]),
    ({"host": "h", "port": True}, ["smtp.port"]),
    ({"max_attempts": 0}, ["smtp.max_attempts"]),
    ({"timeout": -1}, ["smtp.timeout"]),
    ({"host": "h", "password": "x"}, ["pas de mot de passe dans config.toml", "password_env"]),
    ({"host": "h", "username": "u"}, ["FABRIQUE_SMTP_PASSWORD", "absente"]),
    ({"host": "h", "username": "u", "password_env": "SMTP_PW"}, ["SMTP_PW"]),
    ({"host": 25}, ["smtp.host"]),
])
def test_smtp_settings_errors(table, words):
    with pytest.raises(ConfigError) as e:
        smtp_settings({"smtp": table}, env={})
    for w in words:
        assert w in str(e.value)


def test_plain_with_a_password_only_on_loopback():
    env = {"FABRIQUE_SMTP_PASSWORD": "x"}
    table = {"host": "smtp.anact.fr", "security": "plain", "username": "u"}
    with pytest.raises(ConfigError, match="en clair"):
        smtp_settings({"smtp": table}, env=env)
    assert smtp_settings({"smtp": {**table, "host": "127.0.0.1"}}, env=env).password == "x"
    with pytest.raises(ConfigError, match="table"):
        smtp_settings({"smtp": "smtp.anact.fr"}, env=env)
