"""A real SMTP server (aiosmtpd) on 127.0.0.1 for tests, following
shared/recipes/imap-smtp-test-servers.md (its gotcha numbers are quoted).

It keeps what it received, can be stopped and started again on the same port (SMTP down,
then back), answers chosen recipients with a chosen reply (451, 550…) through the
handle_RCPT hook, can require a login, and can speak STARTTLS or implicit TLS with a
self-signed certificate made for the test."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class Received:
    """One email as the server got it: envelope, exact bytes, MAIL FROM options."""

    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    mail_options: list[str]
    smtp_utf8: bool
    login: str | None


@dataclass
class SmtpServer:
    """`users` maps login to password (AUTH PLAIN/LOGIN offered, over plain text too:
    gotcha 15); `rcpt_replies` maps a recipient (lower case) to the reply it gets instead
    of 250; `data_reply` replaces the 250 after DATA. `tls` adds STARTTLS; `implicit_tls`
    makes the whole connection TLS (port 465 style)."""

    port: int = field(default_factory=free_port)
    users: dict[str, str] | None = None
    smtputf8: bool = True
    tls: ssl.SSLContext | None = None
    implicit_tls: ssl.SSLContext | None = None
    rcpt_replies: dict[str, str] = field(default_factory=dict)
    data_reply: str | None = None
    received: list[Received] = field(default_factory=list)
    _controller: Controller | None = field(default=None, repr=False)

    # aiosmtpd handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        reply = self.rcpt_replies.get(address.lower())
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.data_reply is not None:
            return self.data_reply
        self.received.append(Received(
            mail_from=envelope.mail_from, rcpt_tos=list(envelope.rcpt_tos),
            content=bytes(envelope.original_content), mail_options=list(envelope.mail_options),
            smtp_utf8=bool(envelope.smtp_utf8), login=session.auth_data))
        return "250 OK"

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if (isinstance(auth_data, LoginPassword) and self.users is not None
                and self.users.get(auth_data.login.decode()) == auth_data.password.decode()):
            return AuthResult(success=True, auth_data=auth_data.login.decode())
        return AuthResult(success=False, handled=False)  # else no reply at all: gotcha 16

    def start(self) -> SmtpServer:
        """Listen (again) on self.port; a stopped Controller cannot restart: gotcha 17."""
        kwargs: dict = {}
        if self.users is not None:
            kwargs.update(authenticator=self._authenticate, auth_require_tls=False)
        if self.tls is not None:
            kwargs["tls_context"] = self.tls
        self._controller = Controller(self, hostname=HOST, port=self.port,  # gotcha 14
                                      enable_SMTPUTF8=self.smtputf8,
                                      ssl_context=self.implicit_tls, **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> SmtpServer:
        return self.start() if self._controller is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, made on the spot; returns (cert, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    return ctx


def client_context(cert: Path) -> ssl.SSLContext:
    """A verifying client context that trusts only the test certificate."""
    return ssl.create_default_context(cafile=str(cert))
