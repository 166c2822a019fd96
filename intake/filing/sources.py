"""Where messages come from. The worker only knows the `Source` protocol: a local Maildir
folder or an IMAP folder. A source lists what is in its inbox, hands out raw bytes, moves
a message out of the inbox once the worker has recorded it, and waits for new mail
between passes (IMAP IDLE where the server has it, polling otherwise)."""

from __future__ import annotations

import mailbox
import os
import shlex
import subprocess
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

DEFAULT_PROCESSED = "Traitées"
DEFAULT_QUARANTINE = "Quarantaine"
UIDVALIDITY_FILE = "fabrique-uidvalidity"
WAIT_STEP = 0.5  # seconds: how soon a wait notices the stop event (SIGTERM)
MAILDIR_STEP = 0.2  # seconds between two looks at a Maildir's new/


@dataclass(frozen=True)
class NewItem:
    """A message waiting in the inbox: its UID and the server's receipt time, which
    decides lateness (not the sender's Date header)."""

    uid: str
    internaldate: datetime | None  # None for a message the ledger already holds


class Source(Protocol):
    account: str
    folder: str

    @property
    def uidvalidity(self) -> int: ...
    def list_new(self, known: Callable[[list[str]], Collection[str]] | None = None) -> Sequence[NewItem]: ...
    def fetch(self, uid: str) -> bytes: ...
    def move_processed(self, uid: str) -> None: ...
    def move_quarantine(self, uid: str) -> None: ...
    @property
    def supports_idle(self) -> bool: ...
    def wait_for_mail(self, timeout: float, stop: threading.Event | None = None) -> bool: ...
    def close(self) -> None: ...


class SourceError(Exception):
    """The mailbox cannot be read or written; the message says what to check."""


class MaildirSource:
    """A local Maildir as the inbox. UIDs are the Maildir keys; the receipt time is the
    file's mtime (the delivery time Maildir keeps); processed and quarantine are Maildir++
    subfolders, created when missing. Moves are renames, so a message is never in two
    places and keeps its key."""

    def __init__(self, path: str | Path, *, account: str | None = None,
                 processed: str = DEFAULT_PROCESSED, quarantine: str = DEFAULT_QUARANTINE) -> None:
        self.path = Path(path).resolve()
        if not (self.path / "cur").is_dir() and self.path.exists() and any(self.path.iterdir()):
            raise SourceError(f"« {self.path} » n'est pas un dossier Maildir (cur/, new/, tmp/).")
        self.md = mailbox.Maildir(self.path, create=True)
        self.account = account or f"maildir:{self.path}"
        self.folder = "INBOX"
        self._processed = self._folder(processed)
        self._quarantine = self._folder(quarantine)
        self._dirs = {"processed": self.path / f".{processed}", "quarantine": self.path / f".{quarantine}"}
        self._uidvalidity = self._read_uidvalidity()
        self._listed: set[str] | None = None  # new/ as the last list_new saw it

    def _folder(self, name: str) -> mailbox.Maildir:
        try:
            return self.md.get_folder(name)
        except mailbox.NoSuchMailboxError:
            return self.md.add_folder(name)

    def _read_uidvalidity(self) -> int:
        """A constant kept in the Maildir: a re-created folder gets a new one, so its keys
        are not mistaken for those the ledger already knows."""
        f = self.path / UIDVALIDITY_FILE
        try:
            return int(f.read_text().strip())
        except (FileNotFoundError, ValueError):
            value = int(time.time())
            tmp = f.with_suffix(".tmp")
            tmp.write_text(f"{value}\n")
            os.replace(tmp, f)
            return value

    @property
    def uidvalidity(self) -> int:
        return self._uidvalidity

    def _file(self, uid: str) -> Path:
        for sub in ("new", "cur"):
            for name in os.listdir(self.path / sub):
                if name.split(mailbox.Maildir.colon, 1)[0] == uid:
                    return self.path / sub / name
        raise KeyError(uid)

    def list_new(self, known: Callable[[list[str]], Collection[str]] | None = None) -> list[NewItem]:
        """What the inbox holds: keys the ledger already knows (`known`) first, without
        their receipt time (not needed again), then the new ones by receipt time."""
        self._listed = self._arrived()  # before listing: a later arrival wakes wait_for_mail
        keys = list(self.md.keys())
        seen = set(known(keys)) if known is not None and keys else set()
        items = [NewItem(k, None) for k in sorted(seen)]
        new = []
        for key in keys:
            if key in seen:
                continue
            try:
                mtime = self._file(key).stat().st_mtime
            except (KeyError, FileNotFoundError):
                continue  # moved away by someone else meanwhile
            new.append(NewItem(key, datetime.fromtimestamp(mtime, UTC)))
        return items + sorted(new, key=lambda i: (i.internaldate, i.uid))

    def fetch(self, uid: str) -> bytes:
        return self._file(uid).read_bytes()

    def _move(self, uid: str, which: str) -> None:
        src = self._file(uid)
        target = self._dirs[which] / "cur" / src.name
        if src.parent.name == "new" and mailbox.Maildir.colon not in src.name:
            target = target.with_name(src.name + mailbox.Maildir.colon + "2,S")
        os.replace(src, target)

    def move_processed(self, uid: str) -> None:
        self._move(uid, "processed")

    def move_quarantine(self, uid: str) -> None:
        self._move(uid, "quarantine")

    def contains(self, uid: str) -> bool:
        try:
            self._file(uid)
            return True
        except KeyError:
            return False

    def folder_keys(self, which: str) -> list[str]:
        """Keys in "processed" or "quarantine" (for tests and the operator)."""
        md = self._processed if which == "processed" else self._quarantine
        return sorted(md.keys())

    @property
    def supports_idle(self) -> bool:
        return False

    def _arrived(self) -> set[str]:
        try:
            return set(os.listdir(self.path / "new"))
        except FileNotFoundError:
            return set()

    def wait_for_mail(self, timeout: float, stop: threading.Event | None = None) -> bool:
        """Look at new/ every MAILDIR_STEP seconds: True once a file appears that was not
        there at the last list_new (so mail delivered while that pass ran counts, and mail
        left in new/ by a failed pass does not wake the worker again), False at `timeout`
        or on `stop`."""
        before = self._listed if self._listed is not None else self._arrived()
        deadline = time.monotonic() + timeout
        while not _stopped(stop):
            if self._arrived() - before:
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(MAILDIR_STEP, left))
        return False

    def close(self) -> None:
        """Nothing to release: every call opens and closes its own files."""


def _stopped(stop: threading.Event | None) -> bool:
    return stop is not None and stop.is_set()


def _sleep_until(end: float, stop: threading.Event | None) -> None:
    """Sleep in WAIT_STEP slices (is_set only, never Event.wait: a signal handler that sets
    the event in this same thread cannot then deadlock on the event's lock)."""
    while not _stopped(stop):
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(WAIT_STEP, left))


SECURITY_MODES = ("ssl", "starttls", "plain")
AUTH_MODES = ("password", "xoauth2")
IDLE_LIMIT = 29 * 60  # RFC 2177: servers may drop an IDLE after 30 minutes
TOKEN_COMMAND_TIMEOUT = 60.0


def fetch_token(command: str | Sequence[str], *, timeout: float = TOKEN_COMMAND_TIMEOUT) -> str:
    """Run the configured command (no shell) and return its stdout, stripped: the OAuth2
    access token. Providers' tokens live about an hour, so this runs on every (re)connect.
    Errors name the command, never the token."""
    argv = shlex.split(command) if isinstance(command, str) else list(command)
    if not argv:
        raise SourceError("OAuth2 : la commande qui fournit le jeton (« token_command ») est vide.")
    name = shlex.join(argv)
    try:
        out = subprocess.run(argv, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except FileNotFoundError as e:
        raise SourceError(f"OAuth2 : commande de jeton « {name} » introuvable.") from e
    except subprocess.TimeoutExpired as e:
        raise SourceError(f"OAuth2 : la commande de jeton « {name} » n'a pas répondu en "
                          f"{timeout:g} s.") from e
    except OSError as e:
        raise SourceError(f"OAuth2 : impossible de lancer la commande de jeton « {name} » "
                          f"({e.strerror or e}).") from e
    if out.returncode != 0:
        why = out.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f" : {why[-1][:200]}" if why else ""
        raise SourceError(f"OAuth2 : la commande de jeton « {name} » a échoué "
                          f"(code {out.returncode}){detail}.")
    token = out.stdout.decode("utf-8", "replace").strip()
    if not token:
        raise SourceError(f"OAuth2 : la commande de jeton « {name} » n'a écrit aucun jeton.")
    return token


class ImapSource:
    """An IMAP folder as the inbox, through imapclient. Bodies are fetched with
    BODY.PEEK[] so reading leaves \\Seen alone; INTERNALDATE is taken with its zone
    (normalise_times off). Moves use UID MOVE, or COPY + expunge of that UID on servers
    without MOVE. Folder names may be non-ASCII ("Traitées"): imapclient encodes them.

    The connection is treated as disposable: any protocol, socket or TLS error drops it
    and raises SourceError, and the next call logs in again (`reconnect`). Every read has
    the socket timeout `timeout`, so a server that stops answering is an error, not a
    hang; IDLE is renewed every `idle_timeout` seconds (well under RFC 2177's 29 minutes),
    which is also when a silent, stalled connection is noticed."""

    def __init__(self, host: str, port: int | None = None, *, username: str,
                 password: str | None = None, security: str = "ssl", folder: str = "INBOX",
                 processed: str = DEFAULT_PROCESSED, quarantine: str = DEFAULT_QUARANTINE,
                 account: str | None = None, timeout: float = 60, ssl_context=None,
                 auth: str = "password", token_command: str | Sequence[str] | None = None,
                 idle: bool = True, idle_timeout: float = 300) -> None:
        if security not in SECURITY_MODES:
            raise SourceError(f"mode de sécurité IMAP inconnu : « {security} » "
                              f"(attendu : {', '.join(SECURITY_MODES)}).")
        if auth not in AUTH_MODES:
            raise SourceError(f"authentification IMAP inconnue : « {auth} » "
                              f"(attendu : {', '.join(AUTH_MODES)}).")
        if auth == "xoauth2" and not token_command:
            raise SourceError("IMAP OAuth2 : indiquez la commande qui fournit le jeton "
                              "(« token_command »).")
        if auth == "password" and password is None:
            raise SourceError(f"IMAP : aucun mot de passe pour {username}@{host}.")
        if not 0 < idle_timeout < IDLE_LIMIT:
            raise SourceError(f"IMAP : « idle_timeout » doit être compris entre 0 et {IDLE_LIMIT} s "
                              f"(RFC 2177 : les serveurs coupent un IDLE de plus de 29 minutes).")
        self.host, self.port, self.username = host, port, username
        self.account = account or f"imap:{username}@{host}"
        self.folder = folder
        self._processed, self._quarantine = processed, quarantine
        self._password, self._auth, self._token_command = password, auth, token_command
        self._security, self._timeout, self._ssl_context = security, timeout, ssl_context
        self._use_idle, self.idle_timeout = idle, idle_timeout
        self._can_move = self._can_idle = False
        self._uidvalidity = 0
        self.client: Any = None
        self._connect()

    # -- connection ---------------------------------------------------------------------

    def _connect(self) -> None:
        import imapclient  # only the IMAP source needs it

        client = None
        try:
            client = imapclient.IMAPClient(self.host, port=self.port, ssl=self._security == "ssl",
                                           ssl_context=self._ssl_context, timeout=self._timeout)
            if self._security == "starttls":
                client.starttls(self._ssl_context)
            client.normalise_times = False
            if self._auth == "xoauth2":
                client.oauth2_login(self.username, fetch_token(self._token_command or ""))
            else:
                client.login(self.username, self._password)
            caps = client.capabilities()
            self._can_move, self._can_idle = b"MOVE" in caps, b"IDLE" in caps
            for name in (self._processed, self._quarantine):
                if not client.folder_exists(name):
                    client.create_folder(name)
            self.client = client
            self._select()
        except SourceError:
            _shutdown(client)
            raise
        except (imapclient.exceptions.IMAPClientError, OSError) as e:
            self.client = None
            _shutdown(client)
            raise SourceError(f"boîte IMAP {self.host} inaccessible : {_describe(e)}") from e

    def reconnect(self) -> None:
        """Drop whatever is left of the connection, log in again and re-select the folder
        (a fresh OAuth2 token is fetched)."""
        self._drop()
        self._connect()

    def _drop(self) -> None:
        client, self.client = self.client, None
        _shutdown(client)

    @contextmanager
    def _session(self, what: str) -> Iterator[Any]:
        """The live client, connecting first if a previous error dropped it; a protocol,
        socket or TLS error drops the connection and becomes a SourceError."""
        from imapclient.exceptions import IMAPClientError

        if self.client is None:
            self._connect()
        try:
            yield self.client
        except (IMAPClientError, OSError) as e:
            self._drop()
            raise SourceError(f"boîte IMAP {self.host} : {what} impossible ({_describe(e)}) ; "
                              f"nouvelle connexion au prochain essai.") from e

    def _select(self) -> None:
        info = self.client.select_folder(self.folder)
        self._uidvalidity = int(info[b"UIDVALIDITY"])

    @property
    def uidvalidity(self) -> int:
        return self._uidvalidity

    @property
    def supports_idle(self) -> bool:
        """True when the server offers IDLE and it was not turned off (idle=False)."""
        return self._use_idle and self._can_idle

    # -- the inbox ----------------------------------------------------------------------

    def list_new(self, known: Callable[[list[str]], Collection[str]] | None = None) -> list[NewItem]:
        """UIDs first (one SEARCH), compared with the ledger (`known`) before anything is
        fetched: INTERNALDATE only for the new ones, so a poll costs the same whatever
        the inbox holds. Known UIDs come first, without their receipt time."""
        with self._session("relevé") as client:
            self._select()  # fresh view, and a UIDVALIDITY change is seen at each pass
            uids = client.search(["ALL"])
            if not uids:
                return []
            seen = {int(u) for u in known([str(u) for u in uids])} if known is not None else set()
            new = [u for u in uids if u not in seen]
            fetched = client.fetch(new, ["INTERNALDATE"]) if new else {}
        items = []
        for uid, data in fetched.items():
            when = data[b"INTERNALDATE"]
            if when.tzinfo is None:  # the server sent no zone: RFC 3501 says it is local; take UTC
                when = when.replace(tzinfo=UTC)
            items.append(NewItem(str(uid), when))
        return ([NewItem(str(u), None) for u in sorted(seen)]
                + sorted(items, key=lambda i: (i.internaldate, int(i.uid))))

    def fetch(self, uid: str) -> bytes:
        with self._session(f"lecture du message {uid}") as client:
            data = client.fetch([int(uid)], ["BODY.PEEK[]"]).get(int(uid))
        if not data or b"BODY[]" not in data:
            raise KeyError(uid)
        return bytes(data[b"BODY[]"])

    def _move(self, uid: str, dest: str) -> None:
        with self._session(f"déplacement du message {uid} vers « {dest} »") as client:
            if self._can_move:
                client.move([int(uid)], dest)
            else:
                client.copy([int(uid)], dest)
                client.delete_messages([int(uid)])
                client.uid_expunge([int(uid)])

    def move_processed(self, uid: str) -> None:
        self._move(uid, self._processed)

    def move_quarantine(self, uid: str) -> None:
        self._move(uid, self._quarantine)

    # -- waiting ------------------------------------------------------------------------

    def wait_for_mail(self, timeout: float, stop: threading.Event | None = None) -> bool:
        """Block until new mail is reported, `timeout` passes or `stop` is set. With IDLE:
        True as soon as the server announces EXISTS or RECENT, False otherwise; the
        connection always leaves IDLE before returning. Without IDLE: sleep (sending a
        NOOP every `idle_timeout` so the server keeps the session) and return True, since
        only a poll can tell."""
        deadline = time.monotonic() + timeout
        if not self.supports_idle:
            while True:
                _sleep_until(min(deadline, time.monotonic() + self.idle_timeout), stop)
                if _stopped(stop) or time.monotonic() >= deadline:
                    return not _stopped(stop)
                with self._session("maintien de la connexion (NOOP)") as client:
                    client.noop()
        while not _stopped(stop) and time.monotonic() < deadline:
            # IDLE only announces what changes during it (Dovecot reports earlier mail when
            # the next command ends), so each round starts with a NOOP: it reports what
            # came since the last command, and a stalled server fails it within `timeout`.
            with self._session("attente de nouveaux messages") as client:
                if _announces_mail(client.noop()[1]):
                    return True
            if self._idle_until(min(deadline, time.monotonic() + self.idle_timeout), stop):
                return True
        return False

    def _idle_until(self, end: float, stop: threading.Event | None) -> bool:
        """One IDLE command, ended by DONE at `end`, on stop, on news, or on a silent
        return of idle_check (imapclient swallows EOF there, so a dead server would make
        it return at once: DONE then raises)."""
        with self._session("attente de nouveaux messages (IDLE)") as client:
            client.idle()
            news = False
            try:
                while not news and not _stopped(stop):
                    left = end - time.monotonic()
                    if left <= 0:
                        break
                    step = min(left, WAIT_STEP)
                    started = time.monotonic()
                    responses = client.idle_check(timeout=step)
                    news = _announces_mail(responses)
                    if not responses and time.monotonic() - started < step / 2:
                        break  # readable but nothing parsed: EOF, or a partial line
            finally:
                done = client.idle_done()  # raises on a dead or stalled connection
            return news or _announces_mail(done[1])

    def close(self) -> None:
        client, self.client = self.client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # noqa: BLE001 - the connection may already be gone
            _shutdown(client)

    def __enter__(self) -> ImapSource:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _announces_mail(responses: Sequence[Any]) -> bool:
    """EXISTS, or a non-zero RECENT: a message was added to the selected folder."""
    return any(isinstance(r, tuple) and len(r) >= 2 and (
        r[1] == b"EXISTS" or (r[1] == b"RECENT" and isinstance(r[0], int) and r[0] > 0))
        for r in responses)


def _describe(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


def _shutdown(client: Any) -> None:
    """Close the socket without a LOGOUT: used when the session is already broken."""
    if client is None:
        return
    try:
        client.shutdown()
    except Exception:  # noqa: BLE001 - nothing more can be done with a broken socket
        pass
