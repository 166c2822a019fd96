"""Delivering an already-composed email (bytes): over SMTP, or as a .eml file in an outbox
folder (the embedded default), plus the copy in the mailbox's Sent folder over IMAP.

Nothing here knows about the database or the schedule. Every failure is a `DeliveryError`
that tells the outbox what to do next: retry later (`permanent=False`), give up on this
email (`permanent=True`), or pause the whole queue because every email would fail the same
way (`server_wide=True`: server down, bad password, TLS refused), so that an outage is not
counted against each queued email.
"""

from __future__ import annotations

import ast
import base64
import email.policy
import hashlib
import io
import logging
import os
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from datetime import UTC, datetime
from email.generator import BytesGenerator
from email.parser import BytesHeaderParser, BytesParser
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from intake.answering.mail_settings import DEFAULT_PORTS, DEFAULT_SENT, SECURITY_MODES, SmtpSettings

if TYPE_CHECKING:
    from imapclient import IMAPClient

log = logging.getLogger("fabrique.mailer")


# Recipients the server refused while accepting others: address -> French reason.
Refused = dict[str, str]


class DeliveryError(Exception):
    """An email could not be delivered. `reason` is French, for the secretariat's outbox
    page; `permanent` says whether retrying can help; `server_wide` says the failure is
    about the server or our settings rather than this email; `code` is the SMTP reply
    code when the server gave one."""

    def __init__(self, reason: str, *, permanent: bool, server_wide: bool = False,
                 code: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.server_wide = server_wide
        self.code = code


class Transport(Protocol):
    def send(self, raw: bytes, sender: str, recipients: list[str]) -> Refused:
        """Deliver `raw` to `recipients` with envelope sender `sender`. Returns the
        recipients refused while others accepted the email (empty when all accepted);
        raises DeliveryError when nobody got it."""
        ...


# --- SMTP -----------------------------------------------------------------------------


def _text(msg: bytes | str) -> str:
    s = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
    return " ".join(s.split())


def _reply(code: int, msg: bytes | str) -> str:
    return f"{code} {_text(msg)}".strip()


_OS_ERRORS: tuple[tuple[type[BaseException], str], ...] = (
    (ConnectionRefusedError, "connexion refusée"),
    (ConnectionResetError, "connexion interrompue par le serveur"),
    (socket.gaierror, "nom de serveur introuvable"),
)


def _os_reason(e: OSError) -> str:
    for cls, text in _OS_ERRORS:
        if isinstance(e, cls):
            return text
    return str(e) or type(e).__name__


def _ascii(data: bytes | str) -> bool:
    return (data if isinstance(data, bytes) else data.encode("utf-8")).isascii()


def _header_block(raw: bytes) -> bytes:
    m = re.search(rb"\r?\n\r?\n", raw)
    return raw[: m.start()] if m else raw


_CRLF = re.compile(rb"\r\n|\n|\r(?!\n)")


def to_7bit(raw: bytes) -> bytes:
    """Re-encode 8-bit body parts as base64, for a server without 8BITMIME (RFC 6152
    forbids sending it 8-bit data). Only used then: it re-serialises the message, which
    may refold headers. Headers must already be ASCII (RFC 2047)."""
    msg = BytesParser(policy=email.policy.default).parsebytes(raw)
    out = io.BytesIO()
    BytesGenerator(out, policy=email.policy.SMTP.clone(cte_type="7bit")).flatten(msg)
    return out.getvalue()


class SmtpTransport:
    """SMTP delivery with smtplib. One connection per email: the service sends a few
    emails a minute at most, and a fresh connection means no stale connection to detect
    (servers drop idle ones after minutes, and a failure on a reused connection is
    ambiguous) and no state carried from one failed email to the next.

    Partial refusals: when the server accepts some recipients and refuses others, the
    email has gone out; `send` returns the refused ones instead of raising, because a
    retry would deliver it twice to those who accepted. When all are refused it raises,
    permanent only if every refusal is a 5xx.

    A timeout after the message was sent but before the server's final reply is
    reported as transient: a retry may then deliver twice (RFC 1047); the Message-ID
    stays the same, so mail clients show one message.
    """

    def __init__(self, host: str, port: int | None = None, *, security: str = "starttls",
                 username: str | None = None, password: str | None = None,
                 timeout: float = 30, ssl_context: ssl.SSLContext | None = None,
                 local_hostname: str | None = None) -> None:
        if security not in SECURITY_MODES:
            raise ValueError(f"unknown SMTP security mode {security!r}")
        if username and password is None:
            raise ValueError("a username needs a password")
        self.host = host
        self.port = port or DEFAULT_PORTS[security]
        self.security = security
        self.username = username
        self._password = password  # never logged, never in repr
        self.timeout = timeout
        self.ssl_context = ssl_context
        self.local_hostname = local_hostname

    def __repr__(self) -> str:
        user = f", username={self.username!r}" if self.username else ""
        return f"SmtpTransport({self.host!r}, {self.port}, security={self.security!r}{user})"

    @property
    def _where(self) -> str:
        return f"{self.host}:{self.port}"

    def _context(self) -> ssl.SSLContext:
        return self.ssl_context or ssl.create_default_context()

    def _open(self) -> smtplib.SMTP:
        """Connect, greet, secure and log in; each failure says which step failed."""
        step = "connect"
        smtp: smtplib.SMTP | None = None
        try:
            if self.security == "ssl":
                smtp = smtplib.SMTP_SSL(self.host, self.port, local_hostname=self.local_hostname,
                                        timeout=self.timeout, context=self._context())
            else:
                smtp = smtplib.SMTP(self.host, self.port, local_hostname=self.local_hostname,
                                    timeout=self.timeout)
            smtp.ehlo_or_helo_if_needed()
            if self.security == "starttls":
                step = "starttls"
                smtp.starttls(context=self._context())
                smtp.ehlo()
            if self.username:
                step = "auth"
                self._login(smtp)
            return smtp
        except BaseException as e:
            if smtp is not None:
                smtp.close()
            if isinstance(e, smtplib.SMTPException | OSError):
                raise self._error(e, step) from e
            raise

    def _login(self, smtp: smtplib.SMTP) -> None:
        """smtplib encodes credentials as ASCII; a non-ASCII password ("Été2022") goes
        through AUTH PLAIN in UTF-8 instead (RFC 4616)."""
        user, password = self.username or "", self._password or ""
        if _ascii(user) and _ascii(password):
            smtp.login(user, password)
            return
        if not smtp.has_extn("auth"):
            raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
        if "PLAIN" not in smtp.esmtp_features["auth"].upper().split():
            raise smtplib.SMTPAuthenticationError(
                504, "le serveur ne propose pas AUTH PLAIN, seul mécanisme qui accepte un "
                     "identifiant ou un mot de passe non ASCII")
        token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
        code, resp = smtp.docmd("AUTH", "PLAIN " + token)
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, resp)

    def send(self, raw: bytes, sender: str, recipients: list[str]) -> Refused:
        if not recipients:
            raise DeliveryError("Aucun destinataire pour ce courriel.", permanent=True)
        smtp = self._open()
        try:
            data, options = self._prepare(smtp, raw, sender, recipients)
            refused = smtp.sendmail(sender, recipients, data, mail_options=options)
        except BaseException as e:
            smtp.close()
            if isinstance(e, smtplib.SMTPException | OSError):
                raise self._error(e, "send") from e
            raise
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()  # the server has the email already: a failed QUIT changes nothing
        result = {addr: f"Le serveur d'envoi refuse ce destinataire ({_reply(code, msg)})."
                  for addr, (code, msg) in refused.items()}
        if result:
            # no address in the logs (personal data): counts only; the outbox row has the detail
            log.warning("email accepted for some recipients only: %d refused", len(result))
        log.info("email sent through %s to %d recipient(s)", self._where, len(recipients))
        return result

    def _prepare(self, smtp: smtplib.SMTP, raw: bytes, sender: str,
                 recipients: list[str]) -> tuple[bytes, list[str]]:
        """The bytes to send and the MAIL FROM options: SMTPUTF8 for non-ASCII
        addresses or headers (RFC 6531), BODY=8BITMIME for an 8-bit body (smtplib adds
        SIZE itself). Line endings become CRLF: smtplib sends bytes as they are, and bare
        LFs are refused by servers guarding against SMTP smuggling."""
        raw = _CRLF.sub(b"\r\n", raw)
        options: list[str] = []
        utf8 = not (_ascii(sender) and all(_ascii(r) for r in recipients)
                    and _ascii(_header_block(raw)))
        if utf8:
            if not smtp.has_extn("smtputf8"):
                raise DeliveryError(
                    "Le serveur d'envoi n'accepte pas les adresses ou en-têtes en UTF-8 "
                    "(SMTPUTF8) : ce courriel ne peut pas lui être transmis tel quel.",
                    permanent=True)
            options.append("SMTPUTF8")
        if not _ascii(raw):
            if utf8 or smtp.has_extn("8bitmime"):
                options.append("BODY=8BITMIME")
            else:
                raw = to_7bit(raw)
        return raw, options

    def _error(self, e: BaseException, step: str) -> DeliveryError:
        """Classify an smtplib or socket error: 4xx, disconnections and timeouts are
        transient; 5xx are permanent."""
        where = self._where
        if isinstance(e, smtplib.SMTPRecipientsRefused):
            replies = e.recipients
            permanent = all(code >= 500 for code, _ in replies.values())
            which = "le destinataire" if len(replies) == 1 else "les destinataires"
            detail = " ; ".join(f"{a} : {_reply(c, m)}" for a, (c, m) in replies.items())
            code = next(iter(replies.values()))[0] if replies else None
            return DeliveryError(f"Le serveur d'envoi refuse {which} ({detail}).",
                                 permanent=permanent, code=code)
        if isinstance(e, smtplib.SMTPSenderRefused):
            return DeliveryError(
                f"Le serveur d'envoi refuse l'expéditeur {e.sender} "
                f"({_reply(e.smtp_code, e.smtp_error)}).",
                permanent=e.smtp_code >= 500, server_wide=True, code=e.smtp_code)
        if isinstance(e, smtplib.SMTPAuthenticationError):
            return DeliveryError(
                f"Le serveur d'envoi refuse l'identifiant ou le mot de passe SMTP de "
                f"« {self.username} » ({_reply(e.smtp_code, e.smtp_error)}) : vérifiez "
                f"« smtp.username » et la variable d'environnement du mot de passe.",
                permanent=e.smtp_code >= 500, server_wide=True, code=e.smtp_code)
        if isinstance(e, smtplib.SMTPNotSupportedError):
            reason = {
                "starttls": "Le serveur d'envoi ne propose pas STARTTLS : vérifiez "
                            "« smtp.port » et « smtp.security » (\"ssl\" pour le port 465).",
                "auth": "Le serveur d'envoi ne propose pas d'authentification (AUTH) sur "
                        "cette connexion : vérifiez « smtp.security » et « smtp.port ».",
            }.get(step, f"Le serveur d'envoi ne prend pas en charge cette demande : {e}")
            return DeliveryError(reason, permanent=True, server_wide=True)
        if isinstance(e, smtplib.SMTPServerDisconnected):
            if isinstance(e.__context__, TimeoutError):  # smtplib wraps read timeouts
                return self._error(e.__context__, step)
            return DeliveryError(f"Le serveur d'envoi {where} a coupé la connexion ({e}).",
                                 permanent=False, server_wide=True)
        if isinstance(e, smtplib.SMTPResponseException):
            code, msg = e.smtp_code, e.smtp_error
            if isinstance(e, smtplib.SMTPDataError):
                reason = f"Le serveur d'envoi refuse le message ({_reply(code, msg)})."
            else:
                reason = f"Le serveur d'envoi {where} refuse la connexion ({_reply(code, msg)})."
            return DeliveryError(reason, permanent=code >= 500,
                                 server_wide=not isinstance(e, smtplib.SMTPDataError), code=code)
        if isinstance(e, ssl.SSLCertVerificationError):
            return DeliveryError(
                f"Certificat du serveur d'envoi {where} refusé ({e.verify_message}).",
                permanent=True, server_wide=True)
        if isinstance(e, ssl.SSLError) and not isinstance(e, ssl.SSLEOFError | ssl.SSLZeroReturnError):
            return DeliveryError(
                f"Échec de la négociation TLS avec le serveur d'envoi {where} ({e.reason or e}) : "
                f"vérifiez « smtp.security » et « smtp.port ».",
                permanent=True, server_wide=True)
        if isinstance(e, TimeoutError):
            return DeliveryError(f"Le serveur d'envoi {where} ne répond pas (pas de réponse "
                                 f"en {self.timeout:g} s).", permanent=False, server_wide=True)
        if isinstance(e, OSError):
            return DeliveryError(f"Serveur d'envoi injoignable : {where} ({_os_reason(e)}).",
                                 permanent=False, server_wide=True)
        return DeliveryError(f"Erreur du serveur d'envoi {where} : {e}", permanent=False,
                             server_wide=True)


# --- File outbox -----------------------------------------------------------------------


def _safe_id(raw: bytes) -> str:
    """The Message-ID, reduced to characters safe in a file name; else a hash prefix."""
    mid = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw).get("Message-ID", "")
    safe = re.sub(r"[^A-Za-z0-9._@+-]+", "_", str(mid).strip().strip("<>")).strip("._")[:100]
    return safe or hashlib.sha256(raw).hexdigest()[:16]


class FileOutbox:
    """The embedded default: each email becomes `<folder>/<UTC time>-<Message-ID>.eml`,
    byte for byte. Written to a temporary file, then linked into place: a reader never
    sees half a file, and an existing file is never replaced (a "-2", "-3"… suffix is
    added instead). The envelope is not kept: the headers name the recipients."""

    def __init__(self, folder: str | Path, *, clock: Callable[[], datetime] | None = None) -> None:
        self.folder = Path(folder)
        self._clock = clock or (lambda: datetime.now(UTC))

    def __repr__(self) -> str:
        return f"FileOutbox({str(self.folder)!r})"

    def send(self, raw: bytes, sender: str, recipients: list[str]) -> Refused:
        self.write(raw)
        return {}

    def write(self, raw: bytes) -> Path:
        """Write one email; return its path."""
        stamp = self._clock().astimezone(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        stem = f"{stamp}-{_safe_id(raw)}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f".{stem}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(raw)
                    f.flush()
                    os.fsync(f.fileno())
                path = self._place(tmp, stem)
                self._sync_folder()
                return path
            finally:
                tmp.unlink(missing_ok=True)
        except OSError as e:
            raise DeliveryError(f"Impossible d'écrire le courriel dans le dossier d'envoi "
                                f"« {self.folder} » ({e.strerror or e}).",
                                permanent=False, server_wide=True) from e

    def _sync_folder(self) -> None:
        """Make the new name durable: the caller records the email as sent next."""
        try:
            fd = os.open(self.folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def _place(self, tmp: Path, stem: str) -> Path:
        for n in range(1, 10_000):
            target = self.folder / (f"{stem}.eml" if n == 1 else f"{stem}-{n}.eml")
            try:
                os.link(tmp, target)  # atomic, and fails rather than replace
                return target
            except FileExistsError:
                continue
            except OSError:  # a filesystem without hard links
                if target.exists():
                    continue
                os.replace(tmp, target)
                return target
        raise FileExistsError(stem)


# --- Retry schedule --------------------------------------------------------------------


def backoff_seconds(attempt: int, *, base: float = 60, cap: float = 3600) -> float:
    """Wait before retry number `attempt` (1-based): base, 2×base, 4×base… up to cap.
    With the defaults: 1, 2, 4, 8, 16, 32 min, then hourly; eight attempts span about two
    hours, so an hour-long SMTP outage loses nothing. No jitter: one sender per mailbox,
    so there is no herd to spread, and a fixed schedule is what the outbox page shows."""
    if attempt < 1:
        raise ValueError("attempt starts at 1")
    if base <= 0 or cap < base:
        raise ValueError("need 0 < base <= cap")
    return float(min(cap, base * 2.0 ** min(attempt - 1, 64)))


# --- Copy in the Sent folder -----------------------------------------------------------


def _imap_detail(e: BaseException) -> str:
    """imaplib and imapclient put the server's reply in the message as bytes, or as the
    repr of bytes ("b'[AUTHENTICATIONFAILED] ...'"): show the server's words."""
    if isinstance(e, OSError) and not isinstance(e, ssl.SSLError):
        return _os_reason(e)
    detail = e.args[0] if len(e.args) == 1 else str(e)
    if isinstance(detail, str) and re.fullmatch(r"b(['\"]).*\1", detail, re.S):
        try:
            detail = ast.literal_eval(detail)
        except (ValueError, SyntaxError):
            pass
    return _text(detail)


class SentCopy:
    """Appends sent emails to the mailbox's Sent folder over IMAP, marked \\Seen, so the
    secretariat sees the answers in its mail client. The folder is the one given, else
    the server's \\Sent special-use folder, else "Sent", created when missing (non-ASCII
    names such as "Envoyés" work: imapclient encodes them).

    Give either a logged-in `IMAPClient` (it is used as is and never selected, so it can
    be shared with the inbox source), or connection parameters: SentCopy then connects
    on first use, reconnects after an error, and skips an email whose Message-ID is
    already in the folder, so that a retry after a crash does not file it twice.
    Every failure is a transient DeliveryError.
    """

    def __init__(self, client: IMAPClient | None = None, *, folder: str | None = None,
                 host: str | None = None, port: int | None = None, username: str | None = None,
                 password: str | None = None, security: str = "ssl", timeout: float = 60,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        if client is None and not (host and username and password is not None):
            raise ValueError("SentCopy needs an IMAPClient, or host, username and password")
        if security not in SECURITY_MODES:
            raise ValueError(f"unknown IMAP security mode {security!r}")
        self._client = client
        self._owns = client is None
        self._folder = folder
        self._known: str | None = None  # folder name once it is known to exist
        self.host, self.port, self.username = host, port, username
        self._password = password
        self.security, self.timeout, self.ssl_context = security, timeout, ssl_context

    def __repr__(self) -> str:
        where = f"{self.username}@{self.host}" if self._owns else "shared client"
        return f"SentCopy({where}, folder={self._folder!r})"

    def _connect(self) -> IMAPClient:
        import imapclient

        client = imapclient.IMAPClient(self.host, port=self.port, ssl=self.security == "ssl",
                                       ssl_context=self.ssl_context, timeout=self.timeout)
        try:
            if self.security == "starttls":
                client.starttls(self.ssl_context)
            client.login(self.username, self._password)
        except BaseException:
            client.shutdown()
            raise
        return client

    def _ensure_folder(self, client: IMAPClient) -> str:
        if self._known is not None:
            return self._known
        import imapclient
        from imapclient.imapclient import SENT

        name = self._folder or client.find_special_folder(SENT) or DEFAULT_SENT
        if not client.folder_exists(name):
            try:
                client.create_folder(name)
            except imapclient.exceptions.IMAPClientError:
                if not client.folder_exists(name):  # created meanwhile by someone else: fine
                    raise
        self._known = name
        return name

    def _already_there(self, client: IMAPClient, folder: str, raw: bytes) -> bool:
        mid = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw).get("Message-ID")
        if not mid or not str(mid).strip():
            return False
        client.select_folder(folder, readonly=True)  # our own connection: nothing else selected
        return bool(client.search(["HEADER", "Message-ID", str(mid).strip()]))

    def append(self, raw: bytes, *, when: datetime | None = None) -> None:
        """File `raw` in the Sent folder, with `when` (the sending time) as its date."""
        import imapclient

        folder = self._folder or DEFAULT_SENT
        try:
            if self._client is None:
                self._client = self._connect()
            client = self._client
            folder = self._ensure_folder(client)
            if self._owns and self._already_there(client, folder, raw):
                log.info("already in %s: not appended twice", folder)
                return
            client.append(folder, raw, flags=[imapclient.SEEN], msg_time=when)
        except (imapclient.exceptions.IMAPClientError, OSError) as e:
            if self._owns:
                self.close()  # reconnect on the next call
            what = ("la boîte IMAP refuse l'identifiant ou le mot de passe, "
                    if isinstance(e, imapclient.exceptions.LoginError) else "")
            raise DeliveryError(f"Copie du courriel dans le dossier « {folder} » impossible "
                                f"({what}{_imap_detail(e)}).", permanent=False,
                                server_wide=True) from e

    def close(self) -> None:
        """Log out of a connection SentCopy opened itself; a shared client is left open."""
        if self._owns and self._client is not None:
            try:
                self._client.logout()
            except Exception:  # noqa: BLE001 - the connection may already be gone
                pass
            self._client = None

    def __enter__(self) -> SentCopy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_transport(settings: SmtpSettings) -> Transport:
    """SMTP when a host is configured, else the file outbox."""
    if not settings.host:
        return FileOutbox(settings.outbox_dir)
    return SmtpTransport(settings.host, settings.port, security=settings.security,
                         username=settings.username, password=settings.password,
                         timeout=settings.timeout)
