"""Forwarded proposals: who really sent them, and when.

An applicant may write to a colleague at the call's organisation, who forwards the email
to the mailbox: as an attachment (message/rfc822) or inline, under a separator that every
mail client writes its own way ("---------- Message transféré ----------", "-----Message
d'origine-----", "Début du message réexpédié :", Outlook's "De : … Envoyé : …" block).
Forwarded from the organisation's own domains ([call] organisation_domains), the proposal
is the original sender's: answers go to them, and lateness is judged on the original's
sending time. Pure functions of the decoded message and the call's settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parseaddr, parsedate_to_datetime
from zoneinfo import ZoneInfo

from parsers.dates import MONTHS
from parsers.vocab import fold

_SEPARATOR = re.compile(
    r"^\s*(?:-{2,}|_{2,}|>)?\s*(?:message transf[eé]r[eé]|forwarded message|message d.origine|"
    r"original message|d[ée]but du message r[ée]exp[ée]di[ée]|begin forwarded message|"
    r"message r[ée]exp[ée]di[ée]|e-?mail transf[ée]r[ée])\s*:?\s*(?:-{2,})?\s*$",
    re.IGNORECASE | re.MULTILINE)
_RULE = re.compile(r"^\s*_{10,}\s*$", re.MULTILINE)  # Outlook's line above its header block
_FIELD = re.compile(r"^\s*\**\s*([A-Za-zÀ-ÿ ]{2,16}?)\s*\**\s*:\s*\**\s*(.*?)\s*$")
_FROM_KEYS = {"de", "from", "expediteur", "exp"}
_DATE_KEYS = {"date", "envoye", "envoye le", "sent", "le", "date d envoi"}
_SUBJECT_KEYS = {"objet", "subject", "sujet"}
_MAILTO = re.compile(r"\[mailto:([^\]\s]+)\]|<mailto:([^>\s]+)>", re.IGNORECASE)
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Forward:
    """The original message a forward carries."""

    from_addr: str
    from_name: str
    date: datetime | None
    subject: str
    how: str  # "en pièce jointe" or "dans le corps du message"


@dataclass(frozen=True)
class Origin:
    """Who the proposal is from and when it was sent, once forwards are seen through."""

    from_addr: str
    from_name: str
    date: datetime | None
    forwarded_by: str | None = None  # the organisation's address that forwarded it
    forwarded_at: datetime | None = None
    how: str = ""

    def to_contract(self) -> dict | None:
        if not self.forwarded_by:
            return None
        return {"by": self.forwarded_by, "at": self.forwarded_at.isoformat() if self.forwarded_at else None,
                "how": self.how}


def origin(msg, call) -> Origin:
    """The applicant and sending time of a decoded message: the original's when a person
    of the call's organisation forwarded it, the message's own otherwise."""
    fwd = getattr(msg, "forward", None)
    if fwd is None or not fwd.from_addr or not call.is_organisation(msg.from_addr) \
            or call.is_organisation(fwd.from_addr):
        return Origin(msg.from_addr, msg.from_name, msg.date)
    date = fwd.date if fwd.date is not None and (msg.date is None or fwd.date <= msg.date) else msg.date
    return Origin(fwd.from_addr, fwd.from_name, date, msg.from_addr, msg.date, fwd.how)


def inline_forward(text: str, tz: ZoneInfo | timezone) -> Forward | None:
    """The header block of a forward quoted in a body: after a separator line, or
    Outlook's "De : … / Envoyé : …" block under a rule."""
    head = text[:200_000]
    m = _SEPARATOR.search(head) or _RULE.search(head)
    if m is None:
        # Outlook without a separator: a "De :" line with a "Envoyé :" line just below
        m = re.search(r"^\s*\**(?:De|From)\s*\**\s*:.*\n(?:.*\n){0,2}?\s*\**(?:Envoy[ée]|Sent)\s*\**\s*:",
                      head, re.IGNORECASE | re.MULTILINE)
        if m is None:
            return None
        start = m.start()
    else:
        start = m.end()
    fields: dict[str, str] = {}
    seen = 0
    for line in head[start:].splitlines()[:16]:
        if not line.strip():
            if fields:
                seen += 1
                if seen > 1 or ("from" in fields and "date" in fields):
                    break
            continue
        fm = _FIELD.match(line)
        if fm is None:
            if fields:
                break
            continue
        key = fold(fm.group(1))
        kind = ("from" if key in _FROM_KEYS else "date" if key in _DATE_KEYS
                else "subject" if key in _SUBJECT_KEYS else None)
        if kind and kind not in fields:
            fields[kind] = fm.group(2)
    if "from" not in fields:
        return None
    name, addr = _address(fields["from"])
    if not addr:
        return None
    return Forward(addr, name, parse_date(fields.get("date", ""), tz), fields.get("subject", ""),
                   "dans le corps du message")


def _address(value: str) -> tuple[str, str]:
    m = _MAILTO.search(value)
    if m:
        addr = m.group(1) or m.group(2)
        name = _MAILTO.sub("", value).strip().strip('"').strip()
        return name, addr.lower()
    name, addr = parseaddr(value)
    if "@" not in addr:
        found = _ADDRESS.search(value)
        if not found:
            return "", ""
        addr, name = found.group(0), value[: found.start()].strip(" <\"'")
    return name.strip().strip('"'), addr.lower()


_FRENCH = re.compile(
    rf"(\d{{1,2}})(?:er)?\s+({'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s+(20\d\d)"
    r"(?:\s+(?:a\s+|at\s+)?(\d{1,2})(?:\s+|\s*h\s*)(\d{2})(?:\s+(\d{2}))?\s*(am|pm)?)?")
_ENGLISH_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_ENGLISH = re.compile(
    rf"({'|'.join(_ENGLISH_MONTHS)})\s+(\d{{1,2}})\s+(20\d\d)"
    r"(?:\s+(?:at\s+)?(\d{1,2})\s+(\d{2})(?:\s+(\d{2}))?\s*(am|pm)?)?")
_OFFSET = re.compile(r"(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|([+-])(\d{2})(\d{2})\b", re.IGNORECASE)


def parse_date(value: str, tz: ZoneInfo | timezone) -> datetime | None:
    """A forward's date as clients write it: RFC 5322, "mardi 23 août 2022 18:05",
    "mar. 23 août 2022 à 18:05", "23 août 2022 à 18:05:00 UTC+2", "Tuesday, August 23,
    2022 6:05 PM". Without a zone, the call's time zone."""
    value = value.strip()
    if not value:
        return None
    try:  # RFC 5322 (it reads "6:05 PM" as 06:05: those are left to the patterns below)
        d = None if re.search(r"\d\s*[ap]\.?m\b", value, re.IGNORECASE) else parsedate_to_datetime(value)
        if d is not None:
            return d if d.tzinfo else d.replace(tzinfo=tz)
    except (TypeError, ValueError, IndexError):
        pass
    f = fold(value)
    m = _FRENCH.search(f)
    if m:
        day, month, year = int(m.group(1)), MONTHS[m.group(2)], int(m.group(3))
        hour, minute, second, ampm = m.group(4), m.group(5), m.group(6), m.group(7)
    else:
        m = _ENGLISH.search(f)
        if not m:
            return None
        month, day, year = _ENGLISH_MONTHS[m.group(1)], int(m.group(2)), int(m.group(3))
        hour, minute, second, ampm = m.group(4), m.group(5), m.group(6), m.group(7)
    h = int(hour) if hour else 0
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    zone: ZoneInfo | timezone = tz
    off = _OFFSET.search(value)
    if off:
        sign = -1 if (off.group(1) or off.group(4)) == "-" else 1
        hours = int(off.group(2) or off.group(5))
        mins = int(off.group(3) or off.group(6) or 0)
        zone = timezone(sign * timedelta(hours=hours, minutes=mins))
    try:
        return datetime(year, month, day, h, int(minute or 0), int(second or 0), tzinfo=zone)
    except ValueError:
        return None
