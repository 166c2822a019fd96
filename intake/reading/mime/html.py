"""An HTML body as plain text: the parsers' converter (parsers.text), the one the
attachments use, with a bare tag strip should it ever fail on hostile markup."""

from __future__ import annotations

import html as html_lib
import re

from intake.reading.mime.charsets import clean
from parsers.text import html_to_text as document_text

_TAG = re.compile(r"<[^>]*>")


def html_to_text(html: str) -> str:
    """Plain text of an HTML body; never raises."""
    try:
        return clean(str(document_text(html)))
    except Exception:  # noqa: BLE001 - a body must never sink the message
        return clean(html_lib.unescape(_TAG.sub(" ", html)))
