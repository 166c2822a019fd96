"""The bytes of the emails the secretariat writes, edits or sends again.

Pure: no database, no clock (the caller passes `now`). Three cases:
- `edited`: a held answer whose text the secretariat rewrote. Every header stays (From,
  To, Subject, Message-ID, In-Reply-To, References…) but Date; the text part is the new
  text, the HTML part is made from it, so both say the same thing.
- `resent`: a sent or failed email sent again. The very same bytes under a new Message-ID
  and Date (a second Message-ID, or mail clients would hide it as a copy of the first).
- `written`: a letter from the secretariat to a dossier's applicant, in the layout and
  with the signature of the answers (templates/emails/written*.j2), the subject prefixed
  with the dossier's reference, threaded under the applicant's last email. A person
  wrote it: no Auto-Submitted header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from intake.answering import envelope
from intake.answering.answers import Incoming, email_environment
from intake.answering.mail_settings import AnswerSettings
from intake.reading.autoreply import usable_address

MAX_TEXT = 20_000
MAX_SUBJECT = 200
STARTERS = {  # the starting texts the form offers: name -> (label, template)
    "libre": ("Message libre", "written_free.txt.j2"),
    "relance": ("Relance : éléments manquants", "written_reminder.txt.j2"),
}


class LetterError(ValueError):
    """A letter that cannot be made (French, shown on the page)."""


@dataclass(frozen=True)
class Letter:
    to: str
    subject: str
    message_id: str
    raw: bytes


def clean_text(text: str) -> str:
    """What a textarea sends, as an email's text: LF line ends, no trailing spaces, no
    control characters, one final newline."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    if not text.strip():
        raise LetterError("Le texte du courriel est vide.")
    if len(text) > MAX_TEXT:
        raise LetterError(f"Texte trop long ({MAX_TEXT:,} caractères au plus).".replace(",", "\u202f"))
    return text + "\n"


def paragraphs(text: str) -> list[list[str]]:
    """Blank-line separated paragraphs, each a list of its lines."""
    return [block.split("\n") for block in re.split(r"\n\s*\n", text.strip("\n")) if block.strip()]


def html_of(text: str, subject: str) -> str:
    """The HTML part of a text the secretariat wrote, in the answers' layout (escaped)."""
    return email_environment().get_template("written.html.j2").render(
        subject=subject, paragraphs=paragraphs(text)).strip() + "\n"


def text_part(raw: bytes) -> str:
    """The text the applicant reads in an email we prepared (its text/plain part)."""
    msg = message_from_bytes(raw, policy=SMTP)
    body = msg.get_body(preferencelist=("plain",)) if isinstance(msg, EmailMessage) else None
    if body is None:
        return ""
    try:
        text = body.get_content()
    except (LookupError, ValueError):  # an unknown charset: shown as the bytes allow
        payload = body.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return text.replace("\r\n", "\n")


def headers_of(raw: bytes) -> dict[str, str]:
    msg = message_from_bytes(raw, policy=SMTP)
    return {k: str(msg.get(k) or "") for k in ("From", "To", "Reply-To", "Subject", "Date", "Message-ID",
                                                "In-Reply-To", "References")}


def _with_parts(msg: EmailMessage, text: str, subject: str) -> None:
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html_of(text, subject), subtype="html", charset="utf-8", cte="quoted-printable")


def edited(raw: bytes, text: str, *, now: datetime) -> bytes:
    """`raw` with `text` as its body: same headers, Message-ID and threading included; a
    new Date (the day the secretariat wrote it)."""
    old = message_from_bytes(raw, policy=SMTP)
    text = clean_text(text)
    msg = EmailMessage(policy=SMTP)
    for name, value in old.items():
        if name.lower() in ("date", "mime-version") or name.lower().startswith("content-"):
            continue
        msg[name] = value
    msg["Date"] = format_datetime(now)
    if old.get("Content-Language"):
        msg["Content-Language"] = str(old["Content-Language"])
    _with_parts(msg, text, str(old.get("Subject") or ""))
    return msg.as_bytes()


_HEADER_LINE = r"(?im)^{name}:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n"


def resent(raw: bytes, message_id: str, *, now: datetime) -> bytes:
    """The same bytes under a new Message-ID and Date: only those two header lines change,
    the body is untouched."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition(b"\n\n")
    nl = b"\r\n" if sep == b"\r\n\r\n" else b"\n"
    text = head.decode("ascii", "surrogateescape") + nl.decode()
    for name, value in (("Message-ID", message_id), ("Date", format_datetime(now))):
        text, n = re.subn(_HEADER_LINE.format(name=re.escape(name)), "", text)
        text += f"{name}: {value}{nl.decode()}"
    return text.rstrip("\r\n").encode("ascii", "surrogateescape") + sep + body


def starter(name: str, *, reference: str, programme: str, settings: AnswerSettings, missing: list[str],
            greeting: str = "Madame, Monsieur") -> str:
    """The text the letter form starts from: greeting, the starter's content, signature."""
    template = STARTERS.get(name, STARTERS["libre"])[1]
    return email_environment().get_template(template).render(
        reference=reference, programme=programme, signature=list(settings.signature), missing=missing,
        mailbox=settings.reply_to, greeting=greeting)


def subject_line(reference: str, typed: str) -> str:
    """The letter's subject: the dossier's reference first (the worker files the
    applicant's reply by it), then what the secretariat typed, on one line."""
    one = re.sub(r"\s+", " ", typed or "").strip()
    if not one:
        raise LetterError("Indiquez l'objet du courriel.")
    if len(one) > MAX_SUBJECT:
        raise LetterError(f"Objet trop long ({MAX_SUBJECT} caractères au plus).")
    return one if reference.lower() in one.lower() else f"[{reference}] {one}"


def written(*, reference: str, to: str | None, to_name: str, subject: str, text: str,
            settings: AnswerSettings, incoming: Incoming | None, now: datetime) -> Letter:
    """A letter from the secretariat, threaded under `incoming` (the applicant's last
    email) when there is one."""
    to_address = usable_address(to)
    if to_address is None:
        raise LetterError("Ce dossier n'a pas d'adresse d'expéditeur utilisable : impossible d'écrire au porteur.")
    subject = subject_line(reference, subject)
    text = clean_text(text)
    msg = EmailMessage(policy=SMTP)
    message_id = envelope.address(msg, settings, to=to_address, to_name=to_name, subject=subject, now=now,
                                  reference=reference,
                                  parent_id=incoming.message_id if incoming is not None else None,
                                  parent_references=incoming.references if incoming is not None else None)
    _with_parts(msg, text, subject)
    return Letter(to=to_address, subject=subject, message_id=message_id, raw=msg.as_bytes())
