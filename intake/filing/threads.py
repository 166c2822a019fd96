"""Which dossier a later email belongs to. A secretariat recognises a reply by the
reference it quotes, by the email it answers, by the address it was sent to, by the
sender and the project's title, or as the second half of a proposal sent in two emails
minutes apart. The first that holds wins, and the way it matched is kept as a French
note for the secretariat, who can undo a wrong match."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Connection, select
from sqlalchemy.engine import Row

from parsers.vocab import fold
from storage import queries as q
from storage.schema import dossier_messages, dossiers, messages, outbox

_MSGID = re.compile(r"<[^<>\s]{1,900}>")
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)


def thread_ids(headers: dict[str, str]) -> list[str]:
    """The Message-IDs an email answers (In-Reply-To, then References), in order, once each."""
    seen: list[str] = []
    for name in ("in-reply-to", "references"):
        for mid in _MSGID.findall(headers.get(name, "") or ""):
            if mid not in seen:
                seen.append(mid)
    return seen[:100]


def recipients_text(headers: dict[str, str]) -> str:
    """The addresses an email was sent to, where a per-dossier plus-address shows."""
    return " ".join(headers.get(h, "") or "" for h in ("to", "cc", "delivered-to", "x-original-to"))


def address(value: str | None) -> str | None:
    """A bare, lower-case address from a From value, or None."""
    m = _ADDRESS.search((value or "")[:2000])
    return m.group(0).lower()[:998] if m else None


def same_title(a: str | None, b: str | None) -> bool:
    """Titles compared as a person would: case, accents and punctuation aside."""
    fa, fb = fold(a or ""), fold(b or "")
    return len(fa.split()) >= 2 and fa == fb


@dataclass(frozen=True)
class Match:
    dossier: Row
    note: str  # French, for the secretariat


def find_dossier(conn: Connection, *, subject: str, headers: dict[str, str], sender: str | None,
                 title: str | None, received: datetime | None, window: timedelta,
                 exclude_message: int | None = None) -> Match | None:
    """The dossier this email continues, or None for a new submission."""
    d = q.referenced_dossier(conn, subject)
    if d is not None:
        return Match(d, f"référence {d.reference} citée dans l'objet")
    d = q.referenced_dossier(conn, recipients_text(headers))
    if d is not None:
        return Match(d, f"envoyé à l'adresse propre au dossier {d.reference}")
    ids = thread_ids(headers)
    if ids:
        d = _answered_dossier(conn, ids, exclude_message)
        if d is not None:
            return Match(d, f"réponse à un courriel du dossier {d.reference}")
    if not sender:
        return None
    candidates = list(conn.execute(select(dossiers).where(dossiers.c.sender_address == sender)
                                   .order_by(dossiers.c.id.desc()).limit(50)))
    if title:
        for d in candidates:
            if same_title(d.title, title):
                return Match(d, f"même expéditeur et même titre de projet : « {title} »")
    if received is not None and window > timedelta(0):
        for d in candidates:
            if (d.answered_decision is None and d.first_received is not None
                    and timedelta(0) <= received - d.first_received <= window
                    and not _has_answer(conn, d.id)):
                return Match(d, "envoi en plusieurs courriels : même expéditeur, "
                                f"{_minutes(received - d.first_received)} après le premier")
    return None


def _answered_dossier(conn: Connection, ids: list[str], exclude_message: int | None) -> Row | None:
    """The dossier one of these Message-IDs belongs to: an answer we sent, or an email
    the applicant sent earlier."""
    row = conn.execute(select(dossiers).join(outbox, outbox.c.dossier_id == dossiers.c.id)
                       .where(outbox.c.email_message_id.in_(ids)).limit(1)).first()
    if row is not None:
        return row
    cond: list[ColumnElement[bool]] = [messages.c.message_id.in_(ids)]
    if exclude_message is not None:
        cond.append(messages.c.id != exclude_message)
    return conn.execute(select(dossiers)
                        .join(dossier_messages, dossier_messages.c.dossier_id == dossiers.c.id)
                        .join(messages, messages.c.id == dossier_messages.c.message_id)
                        .where(*cond).order_by(dossiers.c.id).limit(1)).first()


def _has_answer(conn: Connection, dossier_id: int) -> bool:
    return conn.execute(select(outbox.c.id).where(outbox.c.dossier_id == dossier_id).limit(1)).first() is not None


def _minutes(delta: timedelta) -> str:
    n = max(0, round(delta.total_seconds() / 60))
    return f"{n} minute" if n < 2 else f"{n} minutes"
