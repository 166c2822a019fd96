"""Decoding one raw e-mail into headers, body text and parts (mail-parser based).

Interface owned by the pipeline; see DecodedMessage. Never raises on bad input: every
oddity becomes a note in `defects`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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


def decode_message(raw: bytes) -> DecodedMessage:
    raise NotImplementedError
