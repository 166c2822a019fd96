"""Where messages come from. The worker only knows the `Source` protocol; a Maildir
folder today, IMAP next. A source lists what is in its inbox, hands out raw bytes, and
moves a message out of the inbox once the worker has recorded it."""

from __future__ import annotations

import mailbox
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

DEFAULT_PROCESSED = "Traitées"
DEFAULT_QUARANTINE = "Quarantaine"
UIDVALIDITY_FILE = "fabrique-uidvalidity"


@dataclass(frozen=True)
class NewItem:
    """A message waiting in the inbox: its UID and the server's receipt time, which
    decides lateness (not the sender's Date header)."""

    uid: str
    internaldate: datetime


class Source(Protocol):
    account: str
    folder: str

    @property
    def uidvalidity(self) -> int: ...
    def list_new(self) -> Sequence[NewItem]: ...
    def fetch(self, uid: str) -> bytes: ...
    def move_processed(self, uid: str) -> None: ...
    def move_quarantine(self, uid: str) -> None: ...


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

    def list_new(self) -> list[NewItem]:
        items = []
        for key in self.md.keys():
            try:
                mtime = self._file(key).stat().st_mtime
            except (KeyError, FileNotFoundError):
                continue  # moved away by someone else meanwhile
            items.append(NewItem(key, datetime.fromtimestamp(mtime, UTC)))
        return sorted(items, key=lambda i: (i.internaldate, i.uid))

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


SECURITY_MODES = ("ssl", "starttls", "plain")


class ImapSource:
    """An IMAP folder as the inbox, through imapclient. Bodies are fetched with
    BODY.PEEK[] so reading leaves \\Seen alone; INTERNALDATE is taken with its zone
    (normalise_times off). Moves use UID MOVE, or COPY + expunge of that UID on servers
    without MOVE. Folder names may be non-ASCII ("Traitées"): imapclient encodes them."""

    def __init__(self, host: str, port: int | None = None, *, username: str, password: str,
                 security: str = "ssl", folder: str = "INBOX", processed: str = DEFAULT_PROCESSED,
                 quarantine: str = DEFAULT_QUARANTINE, account: str | None = None,
                 timeout: float = 60, ssl_context=None) -> None:
        import imapclient  # only the IMAP source needs it

        if security not in SECURITY_MODES:
            raise SourceError(f"mode de sécurité IMAP inconnu : « {security} » "
                              f"(attendu : {', '.join(SECURITY_MODES)}).")
        self.account = account or f"imap:{username}@{host}"
        self.folder = folder
        self._processed, self._quarantine = processed, quarantine
        try:
            self.client = imapclient.IMAPClient(host, port=port, ssl=security == "ssl",
                                                ssl_context=ssl_context, timeout=timeout)
            if security == "starttls":
                self.client.starttls(ssl_context)
            self.client.normalise_times = False
            self.client.login(username, password)
            self._can_move = b"MOVE" in self.client.capabilities()
            for name in (processed, quarantine):
                if not self.client.folder_exists(name):
                    self.client.create_folder(name)
            self._select()
        except (imapclient.exceptions.IMAPClientError, OSError) as e:
            raise SourceError(f"boîte IMAP {host} inaccessible : {e}") from e

    def _select(self) -> None:
        info = self.client.select_folder(self.folder)
        self._uidvalidity = int(info[b"UIDVALIDITY"])

    @property
    def uidvalidity(self) -> int:
        return self._uidvalidity

    def list_new(self) -> list[NewItem]:
        self._select()  # fresh view, and a UIDVALIDITY change is seen at each pass
        uids = self.client.search(["ALL"])
        if not uids:
            return []
        items = []
        for uid, data in self.client.fetch(uids, ["INTERNALDATE"]).items():
            when = data[b"INTERNALDATE"]
            if when.tzinfo is None:  # the server sent no zone: RFC 3501 says it is local; take UTC
                when = when.replace(tzinfo=UTC)
            items.append(NewItem(str(uid), when))
        return sorted(items, key=lambda i: (i.internaldate, int(i.uid)))

    def fetch(self, uid: str) -> bytes:
        data = self.client.fetch([int(uid)], ["BODY.PEEK[]"]).get(int(uid))
        if not data or b"BODY[]" not in data:
            raise KeyError(uid)
        return bytes(data[b"BODY[]"])

    def _move(self, uid: str, dest: str) -> None:
        if self._can_move:
            self.client.move([int(uid)], dest)
        else:
            self.client.copy([int(uid)], dest)
            self.client.delete_messages([int(uid)])
            self.client.uid_expunge([int(uid)])

    def move_processed(self, uid: str) -> None:
        self._move(uid, self._processed)

    def move_quarantine(self, uid: str) -> None:
        self._move(uid, self._quarantine)

    def close(self) -> None:
        try:
            self.client.logout()
        except Exception:  # noqa: BLE001 - the connection may already be gone
            pass

    def __enter__(self) -> ImapSource:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
