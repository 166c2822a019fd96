"""The one way the service addresses an email it sends: From, To, Reply-To, Subject, Date,
Message-ID, the thread (In-Reply-To, References), the dossier's reference and, for what a
program writes on its own, the RFC 3834 marks. The answers to applicants, the letters the
secretariat writes in the web app and the committee's pack all go through `address`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Protocol

MSGID = re.compile(r"<[^<>\s]+>")
_MAX_REFERENCES = 20
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class Sender(Protocol):
    """What `address` needs of the [answers] settings (read only: they are frozen)."""

    @property
    def from_name(self) -> str: ...
    @property
    def from_address(self) -> str: ...
    @property
    def reply_to(self) -> str: ...
    @property
    def reply_to_plus_reference(self) -> bool: ...
    @property
    def message_id_domain(self) -> str: ...


def msgid(value: str | None) -> str | None:
    """A Message-ID in angle brackets, or None when `value` is not one."""
    value = (value or "").strip()
    if value and not value.startswith("<"):
        value = f"<{value}>"
    return value if MSGID.fullmatch(value) else None


def thread_references(message_id: str | None, references: Iterable[str] | None) -> list[str]:
    """The parent's References plus its Message-ID (RFC 5322 3.6.4), the first and the most
    recent kept when the chain is long."""
    ids = [m for m in (msgid(r) for r in (references or [])) if m]
    own = msgid(message_id)
    if own:
        ids.append(own)
    ids = list(dict.fromkeys(ids))
    if len(ids) > _MAX_REFERENCES:
        ids = ids[:1] + ids[-(_MAX_REFERENCES - 1):]
    return ids


def new_message_id(reference: str, settings: Sender) -> str:
    """Our own Message-ID for an email of this dossier (the reference in its left part)."""
    return make_msgid(idstring=re.sub(r"[^A-Za-z0-9-]", "", reference) or None,
                      domain=settings.message_id_domain)


def reply_to_address(settings: Sender, reference: str) -> str:
    """The mailbox, or its plus-address for this dossier when configured."""
    if not settings.reply_to_plus_reference:
        return settings.reply_to
    local, _, domain = settings.reply_to.rpartition("@")
    tag = re.sub(r"[^A-Za-z0-9-]", "", reference)
    return f"{local}+{tag}@{domain}" if tag else settings.reply_to


def address(msg: EmailMessage, settings: Sender, *, to: str, to_name: str = "", subject: str,
            now: datetime, reference: str = "", parent_id: str | None = None,
            parent_references: Iterable[str] | None = None, automatic: str | None = None) -> str:
    """Set the headers of `msg`, an email from the service's mailbox to `to`; returns its
    Message-ID. `reference` ties it to a dossier (Reply-To plus-address, X-Fabrique-Reference);
    `parent_id` and `parent_references` thread it under the email it answers; `automatic`
    ("auto-replied", "auto-generated") marks what no person wrote."""
    msg["From"] = Address(settings.from_name, addr_spec=settings.from_address)
    msg["To"] = Address(_CONTROL.sub(" ", to_name or "").strip()[:120], addr_spec=to)
    msg["Reply-To"] = reply_to_address(settings, reference) if reference else settings.reply_to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now)
    message_id = new_message_id(reference, settings)
    msg["Message-ID"] = message_id
    parent = msgid(parent_id)
    if parent:
        msg["In-Reply-To"] = parent
    refs = thread_references(parent_id, parent_references) if (parent or parent_references) else []
    if refs:
        msg["References"] = " ".join(refs)
    if automatic:
        msg["Auto-Submitted"] = automatic
        msg["X-Auto-Response-Suppress"] = "All"
    if reference:
        msg["X-Fabrique-Reference"] = reference
    msg["Content-Language"] = "fr"
    return message_id
