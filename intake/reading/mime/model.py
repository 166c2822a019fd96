"""What a decoded email is (DecodedMessage, MimePart), the limits against hostile input,
and the French notes on what was odd."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import Message
from typing import Any
from zoneinfo import ZoneInfo

from intake.reading.forwards import Forward


@dataclass
class MimePart:
    """A leaf MIME part that is not the main text body.

    filename:      decoded name (RFC 2231 / RFC 2047), "" when the part has none.
    content_type:  declared media type, lower case ("application/pdf").
    disposition:   "attachment", "inline" or "".
    content_id:    Content-ID without angle brackets, "" when absent.
    data:          the decoded payload bytes.
    forwarded:     True when the part sits inside a message/rfc822 enclosure.
    """

    filename: str
    content_type: str
    disposition: str
    content_id: str
    data: bytes
    forwarded: bool = False


@dataclass
class DecodedMessage:
    message_id: str
    from_addr: str
    from_name: str
    subject: str
    date: datetime | None  # timezone-aware; None when missing or unparsable
    date_raw: str
    headers: dict[str, str]  # lower-cased header name -> decoded value (first occurrence)
    body_text: str  # plain text of the main body (HTML converted when no plain part),
    #                 followed by the text bodies of forwarded messages
    parts: list[MimePart] = field(default_factory=list)
    is_auto_reply: bool = False  # RFC 3834 Auto-Submitted, Precedence, X-Autoreply...
    is_bounce: bool = False  # multipart/report, delivery-status, MAILER-DAEMON sender
    defects: list[str] = field(default_factory=list)  # French notes on what was odd
    body_html: str = ""  # the main message's HTML body as sent (first one), "" when none
    is_list: bool = False  # List-Id / List-Unsubscribe / Precedence: list
    forward: Forward | None = None  # the original message this one forwards, if any


# Limits against hostile input.
MAX_DEPTH = 50  # MIME nesting (multiparts and enclosed messages) followed


MAX_PARTS = 2000  # MIME nodes visited before collection stops


MAX_HEADER_CHARS = 100_000  # one header value, before decoding


MAX_BODY_CHARS = 5_000_000  # body_text and body_html, each


MAX_NOTES = 60  # defect notes kept


FORWARD_SEPARATOR = "---------- Message transféré ----------"


try:
    PARIS: timezone | ZoneInfo = ZoneInfo("Europe/Paris")
except Exception:  # no tz database: the deadline is in winter time anyway
    PARIS = timezone(timedelta(hours=1), "Europe/Paris")


class Notes:
    """Ordered, de-duplicated, bounded list of French notes."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._seen: set[str] = set()

    def add(self, note: str) -> None:
        if note in self._seen:
            return
        self._seen.add(note)
        if len(self.items) < MAX_NOTES:
            self.items.append(note)
        elif len(self.items) == MAX_NOTES:
            self.items.append("D'autres anomalies ont été relevées et ne sont pas listées.")


STDLIB_DEFECTS = {
    "StartBoundaryNotFoundDefect": "Le délimiteur MIME annoncé est introuvable : "
    "le contenu de la partie est lu comme du texte brut.",
    "NoBoundaryInMultipartDefect": "Une partie multipart n'a pas de délimiteur : "
    "son contenu est lu comme du texte brut.",
    "CloseBoundaryNotFoundDefect": "Le délimiteur MIME de fin est absent "
    "(message peut-être tronqué).",
    "MultipartInvariantViolationDefect": "Une partie annoncée multipart ne contient "
    "aucune sous-partie.",
    "MissingHeaderBodySeparatorDefect": "Une ligne d'en-tête est invalide ou la ligne vide "
    "entre en-têtes et corps manque : la suite est lue comme corps.",
    "FirstHeaderLineIsContinuationDefect": "La première ligne d'en-tête est une ligne de "
    "continuation.",
    "MisplacedEnvelopeHeaderDefect": "Une ligne d'enveloppe « From » se trouve parmi les "
    "en-têtes.",
}


MAX_NAME_CHARS = 200  # an attachment name shown or stored is at most this long


def raw_payload(node: Message) -> Any:
    """A node's payload as the parser left it (bytes-as-str or the list of its parts):
    get_payload() re-decodes 8-bit text lossily, so the decoder reads it undecoded."""
    return getattr(node, "_payload", None)
