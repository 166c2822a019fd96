"""Decoding one raw e-mail into headers, body text and parts.

Interface owned by the pipeline; see DecodedMessage. Never raises on bad input: every
oddity becomes a French note in `defects`.

The MIME tree comes from the stdlib parser (compat32, the most lenient one); mail-parser's
helpers read the From mailbox and rescue dates the stdlib cannot parse. mail-parser's own
walk is not used for the structure: it flattens the tree, so it cannot tell a body's HTML
alternative from an attachment nor a forwarded message from the outer one, and its header
decoding drops raw 8-bit bytes. Everything that decodes text here goes through
`decode_bytes`, which never fails and never returns lone surrogates, so the result is
always encodable to UTF-8 (JSON, database).
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
from email import policy as email_policy
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser

from mailparser.utils import get_addresses

from intake.reading.forwards import Forward, inline_forward
from intake.reading.mime.bounces import classify
from intake.reading.mime.charsets import clean, to_bytes
from intake.reading.mime.dates import parse_date
from intake.reading.mime.framing import RUNS, frame, set_aside
from intake.reading.mime.headers import CONTROL, decode_raw, decode_words, header_text, unfold
from intake.reading.mime.model import (
    FORWARD_SEPARATOR,
    MAX_BODY_CHARS,
    MAX_DEPTH,
    MAX_HEADER_CHARS,
    MAX_NAME_CHARS,
    MAX_PARTS,
    PARIS,
    DecodedMessage,
    MimePart,
    Notes,
)
from intake.reading.mime.parts import declared_charsets, raw_header
from intake.reading.mime.walker import Walker


def decode_message(raw: bytes, *, max_parts: int = MAX_PARTS,
                   max_depth: int = MAX_DEPTH) -> DecodedMessage:
    """Decode one raw message. Never raises: on any failure the best-effort result
    carries a French note in `defects`. `max_parts` and `max_depth` bound the MIME
    walk (config [limits] max_mime_parts, max_mime_depth)."""
    notes = Notes()
    token = RUNS.set(None)
    try:
        return _decode(bytes(raw), notes, max_parts, max_depth)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        notes.add(f"Le message n'a pas pu être décodé entièrement ({type(exc).__name__}) : "
                  "résultat partiel.")
        return _headers_only(raw, notes)
    finally:
        RUNS.reset(token)


def _headers_only(raw: bytes, notes: Notes) -> DecodedMessage:
    """Last resort: whatever the header block says, no body, no parts."""
    try:
        msg = BytesHeaderParser(policy=email_policy.compat32).parsebytes(bytes(raw))
        return _assemble(msg, declared_charsets(msg), notes, None)
    except Exception:
        return DecodedMessage(message_id="", from_addr="", from_name="", subject="",
                              date=None, date_raw="", headers={}, body_text="",
                              defects=notes.items)


def _parse(raw: bytes, notes: Notes) -> Message | None:
    try:
        return BytesParser(policy=email_policy.compat32).parsebytes(raw)
    except RecursionError:
        notes.add("La structure MIME est imbriquée trop profondément pour être analysée : "
                  "seuls les en-têtes ont été lus.")
        return None


def _decode(raw: bytes, notes: Notes, max_parts: int = MAX_PARTS,
            max_depth: int = MAX_DEPTH) -> DecodedMessage:
    raw, whole = frame(raw, notes)
    if whole is not None:
        result = _empty(notes)
        result.parts.append(whole)
        return result
    raw, runs = set_aside(raw)
    RUNS.set(runs)
    msg = _parse(raw, notes)
    if msg is None:
        return _headers_only(raw, notes)
    if not msg.keys():
        notes.add("Aucun en-tête reconnu : ce n'est peut-être pas un courriel RFC 5322.")
    hints = declared_charsets(msg)
    walker = Walker(hints, notes, max_parts, max_depth)
    walker.run(msg)
    return _assemble(msg, hints, notes, walker)


def _empty(notes: Notes) -> DecodedMessage:
    return DecodedMessage(message_id="", from_addr="", from_name="", subject="", date=None,
                          date_raw="", headers={}, body_text="", defects=notes.items)


def _decoded_headers(msg: Message, hints: tuple[str, ...], notes: Notes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in msg.raw_items():
        key = clean(str(name)).strip().lower()
        if not key or key in headers:
            continue
        value = value if isinstance(value, str) else str(value)
        if len(value) > MAX_HEADER_CHARS:
            value = value[:MAX_HEADER_CHARS]
            notes.add(f"L'en-tête « {key[:60]} » dépasse {MAX_HEADER_CHARS:_} caractères : "
                      "il a été tronqué.".replace("_", " "))
        headers[key] = header_text(value, hints)
    return headers


def _sender(msg: Message, hints: tuple[str, ...]) -> tuple[str, str]:
    """(address lower-case, display name) of the first From header."""
    raw = raw_header(msg, "from")
    if raw is None:
        return "", ""
    text = decode_raw(unfold(to_bytes(raw[:MAX_HEADER_CHARS])), hints)
    name, addr = "", ""
    try:
        found = [pair for pair in get_addresses(text, decode_names=True) if pair[1]]
        if found:
            name, addr = found[0]
    except Exception:
        found = []
    if not addr:
        name, addr = email.utils.parseaddr(text)
    if not addr or "@" not in addr:  # "a@b.fr c@d.fr", "<a@b.fr> (broken": first address
        found_addr = re.search(r"[^\s<>\"',;:()]+@[^\s<>\"',;:()]+", text)
        addr = found_addr.group(0) if found_addr else addr
    name = decode_words(name)  # also inside quotes, where mail-parser leaves them
    if not addr and "@" not in text:
        name = decode_words(text.strip())
    addr = addr.strip().strip("<>").strip()
    if re.search(r"\s", addr):  # "<Saved by Windows Internet Explorer 7>" is no address
        addr = re.sub(r"\s+", "", addr) if "@" in addr else ""
    name = CONTROL.sub(" ", name).strip().strip('"').strip()
    return clean(addr.lower()), unicodedata.normalize("NFC", clean(name))


def _assemble(msg: Message, hints: tuple[str, ...], notes: Notes,
              walker: Walker | None) -> DecodedMessage:
    headers = _decoded_headers(msg, hints, notes)
    from_addr, from_name = _sender(msg, hints)
    if not from_addr:
        notes.add("Le message n'a pas d'expéditeur (From) lisible.")
    subject = headers.get("subject", "")
    date_raw = headers.get("date", "")
    date = parse_date(date_raw)
    if not date_raw:
        notes.add("Le message n'a pas d'en-tête Date.")
    elif date is None:
        notes.add(f"La date du message (« {date_raw[:80]} ») est illisible.")
    if "message-id" not in headers:
        notes.add("Le message n'a pas d'identifiant (Message-ID).")

    body_text, body_html, parts, report_types = "", "", [], set()
    if walker is not None:
        body_text, body_html = _bodies(walker, hints, notes)
        parts, report_types = walker.parts, walker.report_types
        if walker.encrypted:
            notes.add("Le message est chiffré (S/MIME ou PGP) : son contenu ne peut pas être "
                      "lu.")
    auto, bounce, is_list = classify(headers, from_addr, from_name, subject, report_types)
    forward = _forward(walker, hints) if walker is not None else None
    return DecodedMessage(
        message_id=headers.get("message-id", ""),
        from_addr=from_addr,
        from_name=from_name,
        subject=subject,
        date=date,
        date_raw=date_raw,
        headers=headers,
        body_text=body_text,
        parts=parts,
        is_auto_reply=auto,
        is_bounce=bounce,
        defects=notes.items,
        body_html=body_html,
        is_list=is_list,
        forward=forward,
    )


def _forward(walker: Walker, hints: tuple[str, ...]) -> Forward | None:
    """The first forwarded message: an enclosed message/rfc822 (its own headers), else a
    forward quoted in the outer body (intake/forwards.py reads its header block)."""
    if len(walker.enclosures) > 1:
        inner = walker.enclosures[1].msg
        addr, name = _sender(inner, hints)
        if addr:
            date_raw = raw_header(inner, "date")
            subject = raw_header(inner, "subject")
            return Forward(addr, name, parse_date(header_text(date_raw, hints)) if date_raw else None,
                           header_text(subject, hints) if subject else "", "en pièce jointe")
    outer = "\n\n".join(walker.enclosures[0].texts) if walker.enclosures else ""
    return inline_forward(outer, PARIS) if outer else None


def _bodies(walker: Walker, hints: tuple[str, ...], notes: Notes) -> tuple[str, str]:
    """The outer body, then each forwarded message's body after the separator line."""
    chunks: list[str] = []
    for i, enc in enumerate(walker.enclosures):
        text = "\n\n".join(enc.texts)
        if i == 0:
            chunks.append(text)
            continue
        lines = [FORWARD_SEPARATOR]
        for label, name in (("De", "from"), ("Date", "date"), ("Objet", "subject")):
            value = raw_header(enc.msg, name)
            if value is not None:
                lines.append(f"{label} : {header_text(value[:MAX_HEADER_CHARS], hints)}")
        chunks.append("\n".join(lines) + ("\n\n" + text if text else ""))
    body = "\n\n".join(c for c in chunks if c).strip("\n")
    html = walker.enclosures[0].html if walker.enclosures else ""
    return _capped(body, notes, "Le texte du message"), _capped(html, notes, "Le HTML du message")


def _capped(text: str, notes: Notes, what: str) -> str:
    if len(text) <= MAX_BODY_CHARS:
        return text
    notes.add(f"{what} dépasse {MAX_BODY_CHARS:_} caractères : il a été tronqué."
              .replace("_", " "))
    return text[:MAX_BODY_CHARS]


__all__: list[str] = ["DecodedMessage", "MimePart", "decode_message", "FORWARD_SEPARATOR", "MAX_NAME_CHARS"]
